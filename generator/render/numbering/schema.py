"""The tables of the numbering registry, version by version (additive upgrades only)."""

from __future__ import annotations

RESERVED = "reservado"
ISSUED = "emitido"
ANNULLED = "anulado"

SCHEMA_VERSION = 4

SCHEMA = """
CREATE TABLE numbers (
    series      TEXT    NOT NULL CHECK (series <> ''),
    office      TEXT    NOT NULL CHECK (office <> ''),
    year        INTEGER NOT NULL CHECK (typeof(year) = 'integer'),
    number      INTEGER NOT NULL CHECK (typeof(number) = 'integer' AND number >= 1),
    key         TEXT    NOT NULL CHECK (key <> ''),
    label       TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('reservado', 'emitido', 'anulado')),
    files       TEXT    NOT NULL DEFAULT '[]',
    reserved_at TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (series, office, year, number),
    UNIQUE (series, office, year, key)
);
CREATE INDEX numbers_by_status ON numbers (status);
CREATE TRIGGER numbers_never_deleted BEFORE DELETE ON numbers
BEGIN
    SELECT RAISE(ABORT, 'a document number is never deleted; annul it instead');
END;
CREATE TRIGGER numbers_never_renumbered
BEFORE UPDATE OF series, office, year, number, key, label ON numbers
BEGIN
    SELECT RAISE(ABORT, 'a document number never changes once given');
END;
CREATE TRIGGER numbers_annulled_is_final BEFORE UPDATE OF status ON numbers
WHEN OLD.status = 'anulado' AND NEW.status <> 'anulado'
BEGIN
    SELECT RAISE(ABORT, 'an annulled number is never used again');
END;
"""

# Version 3: who signs what. A document (series, office, year, number) has its expected signers
# in the order of its signature blocks; every PDF it was issued as; and the signed copies
# received, each with the signatures it carries (a paper copy: one per expected signer); and a
# fingerprint of what the document says, so that rendering a signed document again with the same
# content can leave it as it is.
SIGNATURES_SCHEMA = """
CREATE TABLE signers (
    series   TEXT    NOT NULL,
    office   TEXT    NOT NULL,
    year     INTEGER NOT NULL,
    number   INTEGER NOT NULL,
    position INTEGER NOT NULL CHECK (typeof(position) = 'integer' AND position >= 1),
    role     TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    dni      TEXT    NOT NULL DEFAULT '',
    field    TEXT    NOT NULL,
    PRIMARY KEY (series, office, year, number, position),
    FOREIGN KEY (series, office, year, number) REFERENCES numbers (series, office, year, number)
);
CREATE TABLE issued_pdfs (
    sha256    TEXT    NOT NULL PRIMARY KEY,
    size      INTEGER NOT NULL CHECK (typeof(size) = 'integer' AND size > 0),
    series    TEXT    NOT NULL,
    office    TEXT    NOT NULL,
    year      INTEGER NOT NULL,
    number    INTEGER NOT NULL,
    path      TEXT    NOT NULL,
    issued_at TEXT    NOT NULL,
    FOREIGN KEY (series, office, year, number) REFERENCES numbers (series, office, year, number)
);
CREATE INDEX issued_pdfs_by_document ON issued_pdfs (series, office, year, number);
CREATE TABLE contents (
    series      TEXT    NOT NULL,
    office      TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    fingerprint TEXT    NOT NULL,
    PRIMARY KEY (series, office, year, number),
    FOREIGN KEY (series, office, year, number) REFERENCES numbers (series, office, year, number)
);
CREATE TABLE signed_copies (
    id          INTEGER PRIMARY KEY,
    series      TEXT    NOT NULL,
    office      TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    sha256      TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL CHECK (kind IN ('digital', 'papel')),
    issued_sha256 TEXT  NOT NULL DEFAULT '',
    path        TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    received_at TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'vigente' CHECK (status IN ('vigente', 'reemplazada')),
    note        TEXT    NOT NULL DEFAULT '',
    FOREIGN KEY (series, office, year, number) REFERENCES numbers (series, office, year, number)
);
CREATE INDEX signed_copies_by_document ON signed_copies (series, office, year, number);
CREATE TABLE signatures (
    copy      INTEGER NOT NULL REFERENCES signed_copies (id),
    position  INTEGER NOT NULL,
    dni       TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    signed_at TEXT    NOT NULL,
    state     TEXT    NOT NULL,
    field     TEXT    NOT NULL,
    PRIMARY KEY (copy, position)
);
CREATE TRIGGER signed_copies_never_deleted BEFORE DELETE ON signed_copies
BEGIN
    SELECT RAISE(ABORT, 'a signed copy is never deleted; mark it reemplazada instead');
END;
"""

CURRENT_COPY = "vigente"
REPLACED_COPY = "reemplazada"

# Additive upgrades of an existing registry, by the version they lead to: a new table or
# column, never a change to the numbers already given. ``SCHEMA`` is version 1; a new
# registry is created at version 1 and upgraded like any other.
UPGRADES: dict[int, str] = {
    # Who or what each document is about; '' for numbers given before version 2 (the first
    # reservation that names a subject records it).
    2: """
ALTER TABLE numbers ADD COLUMN subject TEXT NOT NULL DEFAULT '';
CREATE TRIGGER numbers_subject_is_final BEFORE UPDATE OF subject ON numbers
WHEN OLD.subject <> '' AND NEW.subject <> OLD.subject
BEGIN
    SELECT RAISE(ABORT, 'a number never changes its subject');
END;
""",
    3: SIGNATURES_SCHEMA,
    # The date each document bears (its act's, from its input), ISO; '' for numbers confirmed
    # before version 4 or never issued. For the status sheet (ESTADO.xlsx).
    4: "ALTER TABLE numbers ADD COLUMN document_date TEXT NOT NULL DEFAULT '';",
}

COLUMNS = ("series, office, year, number, key, label, status, files, reserved_at, updated_at, note, subject, "
            "document_date")
