"""The numbering registry: correlative document numbers kept in SQLite.

One series per document type (``acta-instalacion``, ``oficio-comite``, ...), office and
year; each series counts 1, 2, 3, ... with no gap and no repeat. A number belongs to a
*key*, the caller's stable identity of one document (for example the input file, the kind
of document and the person it is about): rendering the same document again returns the
same number instead of drawing a new one.

Life of a number, designed so that a crash at any moment never loses or repeats one::

    reserve()  -> "reservado"   committed before any output file is written
    confirm()  -> "emitido"     after the files are in outbox/ (the files are recorded)
    annul()    -> "anulado"     the document will not be issued; the number stays used

A number is also given to a *subject*: who or what the document is about (a CETPRO's name and
code, a postulante's DNI and name). Reserving a key already numbered for another subject (a
ficha copied to another CETPRO with the código local left unchanged) raises SubjectConflict
instead of handing the number over: one number never stands for two subjects. Subjects
are compared ignoring case, accents and punctuation.

Who signs what (schema version 3): each issued document's expected signers (``signers``), the
PDF it was issued as (``issued_pdfs``: SHA-256 and size, so that a signed copy is recognised by
its exact prefix), a fingerprint of its content (``contents``), and every signed copy received
(``signed_copies``) with the signatures it carries (``signatures``).

After a crash, ``pending()`` lists the numbers reserved but never confirmed: re-processing
the same document reserves the same key and gets the same number back; a document that can
no longer be produced is annulled with a reason. A number is never handed to another key.

Concurrency: every operation opens its own connection (so threads share nothing) and
allocates inside ``BEGIN IMMEDIATE``, which takes SQLite's write lock before reading the
last number, so two processes never see the same "last". ``UNIQUE`` constraints on
(series, office, year, number) and (series, office, year, key) are the final guard, and
triggers forbid deleting a row or changing a number once given.

The registry must live on a **local disk**, not on an SMB/NFS share: SQLite's file locks
(and WAL's shared memory) are unreliable over network file systems, and two machines
writing the same file there can corrupt it or repeat numbers. To back it up, copy it while
no cddgen is running (the ``-wal`` file beside it holds the latest numbers until cddgen
closes it) or use ``sqlite3 numeracion.sqlite ".backup copia.sqlite"``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import sqlite3
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

from ..errors import NumberingError, SubjectConflict

RESERVED = "reservado"
ISSUED = "emitido"
ANNULLED = "anulado"

SCHEMA_VERSION = 4
BUSY_TIMEOUT_SECONDS = 60.0

_SCHEMA = """
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
_SIGNATURES_SCHEMA = """
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
# column, never a change to the numbers already given. ``_SCHEMA`` is version 1; a new
# registry is created at version 1 and upgraded like any other.
_UPGRADES: dict[int, str] = {
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
    3: _SIGNATURES_SCHEMA,
    # The date each document bears (its act's, from its input), ISO; '' for numbers confirmed
    # before version 4 or never issued. For the status sheet (ESTADO.xlsx).
    4: "ALTER TABLE numbers ADD COLUMN document_date TEXT NOT NULL DEFAULT '';",
}

# Suffix of the key a document is numbered under after its earlier number was annulled.
REISSUE_MARK = "#reemisión-"

_COLUMNS = ("series, office, year, number, key, label, status, files, reserved_at, updated_at, note, subject, "
            "document_date")


@dataclass(frozen=True)
class NumberEntry:
    """One number of the registry, as stored."""

    series: str
    office: str
    year: int
    number: int
    key: str
    label: str  # the formatted number, e.g. "ACTA N° 001-2026-CE-UGEL02"
    status: str  # "reservado" | "emitido" | "anulado"
    files: tuple[str, ...]  # output files recorded at confirm()
    reserved_at: str
    updated_at: str
    note: str
    subject: str = ""  # who or what the document is about ("" for numbers given before it was kept)
    document_date: str = ""  # ISO date the document bears ("" when unknown: see _UPGRADES[4])


def comparable_subject(subject: str) -> str:
    """``subject`` without case, accents, punctuation or extra spaces: «PROMAE Rímac» and
    «Promae  Rimac» are the same subject."""
    decomposed = unicodedata.normalize("NFKD", subject)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join("".join(char if char.isalnum() else " " for char in plain).split())


# Words typed between a document's type and its number: «N°», «Nº», «Nro.», «Núm.», «número».
_NUMBER_WORDS = {"n", "no", "nro", "num", "numero"}


def comparable_label(label: str) -> str:
    """A document number as people type it, compared by its words: «OFICIO Nº 003-2026» and «oficio
    n° 3 2026» are the same, whatever sign or word stands for «número» and however many zeros lead."""
    words = comparable_subject(label).split()
    return " ".join(word.lstrip("0") or "0" if word.isdigit() else word for index, word in enumerate(words)
                    if not (word in _NUMBER_WORDS and index + 1 < len(words) and words[index + 1][:1].isdigit()))


def subject_conflict(entry: NumberEntry, subject: str) -> SubjectConflict | None:
    """The refusal to number ``subject`` under ``entry``, which was given to someone else; None
    when the subjects agree (or either is unknown)."""
    if not subject.strip() or not entry.subject.strip():
        return None
    if comparable_subject(subject) == comparable_subject(entry.subject):
        return None
    files = ", ".join(f"«{Path(name).name}»" for name in entry.files if name.endswith(".docx"))
    state = {ISSUED: "emitido", RESERVED: "reservado", ANNULLED: "anulado"}.get(entry.status, entry.status)
    return SubjectConflict(
        f"Este formulario pide el número «{entry.label}» para {subject}, pero ese número ya fue {state} "
        f"para {entry.subject}{f' ({files})' if files else ''}. Un número no puede corresponder a dos "
        "documentos distintos.",
        fix="Si el formulario es de otro CETPRO, persona o expediente, corrija el dato que lo identifica (por "
            "ejemplo el código local de una ficha copiada de otra); si es el mismo con su nombre corregido, anule "
            f"el número («cddgen numeracion anular \"{entry.label}\" --motivo …») y vuelva a dejar el formulario.",
        entry=entry,
    )


@dataclass(frozen=True)
class ExpectedSigner:
    """Someone who must sign a document: the block they sign (``position``, from 1) and the
    name of its signature field in the PDF."""

    position: int
    role: str
    name: str
    dni: str  # "" when the form does not record it
    field: str


@dataclass(frozen=True)
class IssueRecord:
    """What ``record_issue`` keeps of a document just issued."""

    entry: NumberEntry
    signers: Sequence[ExpectedSigner]
    pdf: tuple[str, int, str] | None = None  # (sha256, size, path) of the PDF it was issued as
    fingerprint: str = ""  # of its content (template and context), "" when unknown


@dataclass(frozen=True)
class IssuedPdf:
    """A PDF a document was issued as (each rendering issues a new one)."""

    entry: NumberEntry
    sha256: str
    size: int
    path: str
    issued_at: str
    latest: bool  # the document's last issued PDF


@dataclass(frozen=True)
class RecordedSignature:
    """A signature of a signed copy, attributed to the expected signer at ``position``."""

    position: int
    dni: str
    name: str  # as the certificate names the signer (a paper copy: as the document does)
    signed_at: str  # ISO date and time the signature claims; "" when unknown (paper)
    state: str  # Spanish, e.g. «válida», «firma íntegra; cadena de confianza no verificada»
    field: str


@dataclass(frozen=True)
class SignedCopy:
    """A signed copy of a document received and filed (status «vigente» or «reemplazada»)."""

    id: int
    kind: str  # "digital" | "papel"
    sha256: str
    issued_sha256: str  # the issued PDF it is a signed revision of ("" for paper)
    path: str
    source: str  # the file name as dropped
    received_at: str
    status: str
    note: str
    signatures: tuple[RecordedSignature, ...]


@dataclass(frozen=True)
class SigningRecord:
    """Who signs a document, and the signed copies received of it (oldest first)."""

    entry: NumberEntry
    signers: tuple[ExpectedSigner, ...]
    copies: tuple[SignedCopy, ...]
    latest_pdf: IssuedPdf | None
    fingerprint: str = ""  # of the content it was last issued with

    @property
    def current_copies(self) -> tuple[SignedCopy, ...]:
        return tuple(copy for copy in self.copies if copy.status == CURRENT_COPY)


def format_number(pattern: str, *, number: int, year: int, office: str) -> str:
    """Fill a pattern of ``[numeracion.patrones]``: ``{numero}``, ``{numero:03d}``, ``{anio}``, ``{oficina}``."""
    if "{numero" not in pattern:
        raise NumberingError(
            f"El patrón de numeración «{pattern}» no contiene {{numero}}.",
            fix="Sin el número correlativo dos documentos tendrían el mismo número; "
            "corrija [numeracion.patrones] en cddgen.toml.",
        )
    try:
        return pattern.format(numero=number, anio=year, oficina=office)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise NumberingError(
            f"El patrón de numeración «{pattern}» no es válido ({exc}).",
            fix="Use solo {numero}, {numero:03d}, {anio} y {oficina} en [numeracion.patrones] de cddgen.toml.",
        ) from None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).astimezone()


class NumberingRegistry:
    """Correlative numbers per (series, office, year) in the SQLite file ``path``.

    ``patterns`` maps each series to its pattern (``Settings.number_patterns``). ``clock``
    gives the time stamped on each change (tests pass a fixed one). Safe to share between
    threads and to use from several processes at once, on a local disk.
    """

    def __init__(
        self,
        path: Path,
        patterns: Mapping[str, str],
        *,
        timeout: float = BUSY_TIMEOUT_SECONDS,
        clock: Callable[[], dt.datetime] = _now,
    ) -> None:
        self.path = Path(path)
        self.patterns = dict(patterns)
        self.timeout = float(timeout)
        self._clock = clock
        self._open()

    # ----------------------------------------------------------------- public API

    def reserve(self, series: str, office: str, year: int, key: str, subject: str = "") -> NumberEntry:
        """The number of document ``key``: the one it already has, else the next free one.

        A new number is stored as "reservado" before it is returned. The number of an
        annulled key is never reused: the document gets a new one (see ``_live``). A key
        already numbered for another ``subject`` raises SubjectConflict.
        """
        return self.reserve_many([(series, office, year, key, subject)])[0]

    def reserve_many(self, requests: Sequence[tuple]) -> list[NumberEntry]:
        """``reserve`` for many (series, office, year, key[, subject[, first]]) in one transaction,
        in order.

        ``first`` is the smallest number a new document of the request may take: an office whose
        correlative runs outside cddgen too (a CETPRO's own oficios) states the next number it
        uses, and the series goes on from there (or from its own last, if higher).

        A batch of a thousand actas takes one write lock and one disk sync instead of a
        thousand; all or none of the numbers are reserved (a SubjectConflict reserves none).
        """
        defaults = ("", 1)  # subject, first
        requests = [(*request, *defaults[len(request) - 4:]) for request in requests]
        for series, office, year, key, _, _ in requests:
            self._pattern(series)
            self._check_identity(office, year, key)
        if not requests:
            return []
        with self._transaction() as conn:
            return [self._reserve_in(conn, *request) for request in requests]

    def _live(self, conn: sqlite3.Connection, series: str, office: str, year: int, key: str) -> tuple[str, NumberEntry | None]:
        """The key under which document ``key`` is numbered now, and its entry if it has one.

        When a document's number is annulled, the document keeps existing: reserving it again
        gives it a new number under the key ``<key>#reemisión-N``; the annulled number stays
        used and is never handed to any document.
        """
        current, attempt = key, 0
        while True:
            existing = self._select(conn, series, office, year, current)
            if existing is None or existing.status != ANNULLED:
                return current, existing
            attempt += 1
            current = f"{key}{REISSUE_MARK}{attempt}"

    def _reserve_in(self, conn: sqlite3.Connection, series: str, office: str, year: int, key: str,
                    subject: str, first: int = 1) -> NumberEntry:
        key, existing = self._live(conn, series, office, year, key)
        subject = " ".join(subject.split())
        if existing is not None:
            conflict = subject_conflict(existing, subject)
            if conflict is not None:
                raise conflict
            if subject and not existing.subject:  # numbered before subjects were kept
                conn.execute("UPDATE numbers SET subject = ? WHERE series = ? AND office = ? AND year = ? AND key = ?",
                             (subject, *_identity(existing)))
                return self._select(conn, *_identity(existing))
            return existing
        (last,) = conn.execute(
            "SELECT COALESCE(MAX(number), 0) FROM numbers WHERE series = ? AND office = ? AND year = ?",
            (series, office, year),
        ).fetchone()
        number = max(last + 1, int(first))
        label = format_number(self._pattern(series), number=number, year=year, office=office)
        stamp = self._stamp()
        conn.execute(
            f"INSERT INTO numbers ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, '', ?, '')",
            (series, office, year, number, key, label, RESERVED, stamp, stamp, subject),
        )
        return self._select(conn, series, office, year, key)

    def confirm(self, entry: NumberEntry, files: Sequence[str | os.PathLike[str]],
                on: dt.date | None = None) -> NumberEntry:
        """Mark ``entry`` as "emitido" with the output ``files`` written for it, dated ``on``
        (the date the document bears; None keeps the one recorded).

        Confirming again (the same document rendered again) replaces the recorded files.
        """
        return self.confirm_many([(entry, files, on)])[0]

    def confirm_many(self, confirmations: Sequence[tuple]) -> list[NumberEntry]:
        """``confirm`` for many (entry, files[, date]) in one transaction, in order."""
        named = [(item[0], tuple(os.fspath(name) for name in item[1]), item[2] if len(item) > 2 else None)
                 for item in confirmations]
        for entry, names, _ in named:
            if not names:
                raise NumberingError(
                    f"No se puede dar por emitido «{entry.label}» sin ningún archivo generado.",
                )
        if not named:
            return []
        with self._transaction() as conn:
            return [self._confirm_in(conn, entry, names, on) for entry, names, on in named]

    def _confirm_in(self, conn: sqlite3.Connection, entry: NumberEntry, names: tuple[str, ...],
                    on: dt.date | None) -> NumberEntry:
        current = self._current(conn, entry)
        if current.status == ANNULLED:
            raise NumberingError(
                f"«{current.label}» fue anulado"
                f"{f' ({current.note})' if current.note else ''}; no puede darse por emitido.",
                fix="Genere el documento como uno nuevo para que reciba otro número.",
            )
        conn.execute(
            "UPDATE numbers SET status = ?, files = ?, updated_at = ?, document_date = COALESCE(?, document_date) "
            "WHERE series = ? AND office = ? AND year = ? AND key = ?",
            (ISSUED, json.dumps(list(names), ensure_ascii=False), self._stamp(), on.isoformat() if on else None,
             *_identity(current)),
        )
        return self._select(conn, *_identity(current))

    def annul(self, entry: NumberEntry, reason: str) -> NumberEntry:
        """Mark ``entry`` as "anulado" because of ``reason``; the number stays used forever.

        Annulling an already annulled number changes nothing (its first reason is kept).
        """
        reason = (reason or "").strip()
        if not reason:
            raise NumberingError(
                f"Indique el motivo para anular «{entry.label}».",
                fix="El motivo queda en el registro de numeración.",
            )
        with self._transaction() as conn:
            current = self._current(conn, entry)
            if current.status == ANNULLED:
                return current
            conn.execute(
                "UPDATE numbers SET status = ?, note = ?, updated_at = ? "
                "WHERE series = ? AND office = ? AND year = ? AND key = ?",
                (ANNULLED, reason, self._stamp(), *_identity(current)),
            )
            return self._select(conn, *_identity(current))

    def pending(self) -> list[NumberEntry]:
        """Numbers reserved but never confirmed nor annulled (left by a crash or a failure)."""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM numbers WHERE status = ? ORDER BY reserved_at, series, office, year, number",
                (RESERVED,),
            ).fetchall()
        return [_entry(row) for row in rows]

    def entries(self, series: str | None = None, year: int | None = None) -> list[NumberEntry]:
        """Every number given, optionally of one series and/or year, in series order."""
        clauses, params = [], []
        if series is not None:
            clauses.append("series = ?")
            params.append(series)
        if year is not None:
            clauses.append("year = ?")
            params.append(year)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM numbers{where} ORDER BY series, office, year, number", params
            ).fetchall()
        return [_entry(row) for row in rows]

    def first_by_key(self, office: str) -> dict[tuple[str, str], NumberEntry]:
        """Every document of ``office`` by (series, key), whatever its year: the earliest entry
        when a key was numbered in several years. One query for a whole run."""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM numbers WHERE office = ? ORDER BY series, key, year, number", (office,)
            ).fetchall()
        found: dict[tuple[str, str], NumberEntry] = {}
        for row in rows:
            entry = _entry(row)
            found.setdefault((entry.series, entry.key), entry)
        return found

    def by_label(self, label: str) -> list[NumberEntry]:
        """The entries printed as ``label`` (normally one; two series may share a pattern)."""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM numbers WHERE label = ? ORDER BY series, office, year, number",
                (label.strip(),),
            ).fetchall()
        return [_entry(row) for row in rows]

    def is_empty(self) -> bool:
        """True while the registry has never given a number."""
        with self._connect() as conn:
            return conn.execute("SELECT 1 FROM numbers LIMIT 1").fetchone() is None

    def find(self, series: str, office: str, year: int, key: str) -> NumberEntry | None:
        """The entry of document ``key``, or None when it never received a number."""
        with self._connect() as conn:
            return self._select(conn, series, office, year, key)

    # ----------------------------------------------------------------- who signs what

    def record_issue(self, issues: Sequence[IssueRecord]) -> None:
        """For each document just issued: its expected signers (replacing those of an earlier
        rendering), the PDF it was issued as and the fingerprint of its content, when known.
        One transaction for a whole batch."""
        if not issues:
            return
        stamp = self._stamp()
        with self._transaction() as conn:
            for issue in issues:
                signers, pdf = issue.signers, issue.pdf
                current = self._current(conn, issue.entry)
                document = _document(current)
                conn.execute("DELETE FROM signers WHERE series = ? AND office = ? AND year = ? AND number = ?",
                             document)
                conn.executemany(
                    "INSERT INTO signers (series, office, year, number, position, role, name, dni, field) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(*document, s.position, s.role, s.name, s.dni, s.field) for s in signers],
                )
                if issue.fingerprint:
                    conn.execute("INSERT OR REPLACE INTO contents (series, office, year, number, fingerprint) "
                                 "VALUES (?, ?, ?, ?, ?)", (*document, issue.fingerprint))
                if pdf is not None:
                    sha256, size, path = pdf
                    conn.execute(
                        "INSERT OR REPLACE INTO issued_pdfs (sha256, size, series, office, year, number, path, "
                        "issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (sha256, size, *document, path, stamp),
                    )

    def issued_sizes(self) -> set[int]:
        """The sizes in bytes of every PDF issued (where a signed copy's issued prefix may end)."""
        with self._connect() as conn:
            return {size for (size,) in conn.execute("SELECT DISTINCT size FROM issued_pdfs")}

    def issued_pdf(self, sha256: str) -> IssuedPdf | None:
        """The issued PDF whose bytes hash to ``sha256``, if cddgen issued one."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT sha256, size, series, office, year, number, path, issued_at FROM issued_pdfs WHERE sha256 = ?",
                (sha256,),
            ).fetchone()
            if row is None:
                return None
            return self._issued(conn, row)

    def signing_record(self, entry: NumberEntry) -> SigningRecord:
        """Who signs ``entry`` and the signed copies received of it."""
        with self._connect() as conn:
            return self._signing_records(conn, "WHERE n.series = ? AND n.office = ? AND n.year = ? AND n.number = ?",
                                         _document(entry))[0]

    def signing_records(self, *, year: int | None = None, signed_only: bool = False) -> list[SigningRecord]:
        """Every issued document that has expected signers (or, with ``signed_only``, a
        current signed copy), in series order."""
        clauses = ["n.status = 'emitido'"]
        params: list = []
        if year is not None:
            clauses.append("n.year = ?")
            params.append(year)
        table = "signed_copies" if signed_only else "signers"
        extra = " AND x.status = 'vigente'" if signed_only else ""
        clauses.append(f"EXISTS (SELECT 1 FROM {table} x WHERE x.series = n.series AND x.office = n.office "
                       f"AND x.year = n.year AND x.number = n.number{extra})")
        with self._connect() as conn:
            return self._signing_records(conn, "WHERE " + " AND ".join(clauses), params)

    def all_records(self) -> list[SigningRecord]:
        """Every number given, whatever its status, with its signers and signed copies: the status
        sheet's view of the whole registry, in a fixed number of queries however many there are."""
        with self._connect() as conn:
            return self._signing_records(conn, "", ())

    def change_stamp(self) -> tuple:
        """Changes whenever a number is given, issued, annulled or re-issued, or a signed copy is
        filed or retired (a few aggregate queries, however large the registry)."""
        with self._connect() as conn:
            numbers = conn.execute(
                "SELECT COUNT(*), MAX(updated_at), SUM(status = 'emitido'), SUM(status = 'anulado'), "
                "SUM(length(files)) FROM numbers").fetchone()
            copies = conn.execute("SELECT COUNT(*), SUM(status = 'vigente') FROM signed_copies").fetchone()
        return tuple(numbers) + tuple(copies)

    def signed_copy(self, sha256: str) -> tuple[NumberEntry, SignedCopy] | None:
        """The signed copy received with these bytes, and its document, if any."""
        with self._connect() as conn:
            row = conn.execute("SELECT series, office, year, number FROM signed_copies WHERE sha256 = ?",
                               (sha256,)).fetchone()
            if row is None:
                return None
            record = self._signing_records(
                conn, "WHERE n.series = ? AND n.office = ? AND n.year = ? AND n.number = ?", row)[0]
        return record.entry, next(copy for copy in record.copies if copy.sha256 == sha256)

    def add_signed_copy(self, entry: NumberEntry, *, kind: str, sha256: str, issued_sha256: str, path: str,
                        source: str, signatures: Sequence[RecordedSignature]) -> SignedCopy:
        """Record a signed copy of ``entry`` filed at ``path`` with its ``signatures``."""
        with self._transaction() as conn:
            current = self._current(conn, entry)
            cursor = conn.execute(
                "INSERT INTO signed_copies (series, office, year, number, sha256, kind, issued_sha256, path, source, "
                "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*_document(current), sha256, kind, issued_sha256, path, source, self._stamp()),
            )
            conn.executemany(
                "INSERT INTO signatures (copy, position, dni, name, signed_at, state, field) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(cursor.lastrowid, s.position, s.dni, s.name, s.signed_at, s.state, s.field) for s in signatures],
            )
            record = self._signing_records(
                conn, "WHERE n.series = ? AND n.office = ? AND n.year = ? AND n.number = ?", _document(current))[0]
        return next(copy for copy in record.copies if copy.id == cursor.lastrowid)

    def retire_signed_copies(self, entry: NumberEntry, moved: Mapping[int, str], note: str) -> None:
        """Mark the current signed copies of ``entry`` «reemplazada» (the document was issued
        again); ``moved`` maps a copy's id to where its file went."""
        with self._transaction() as conn:
            current = self._current(conn, entry)
            rows = conn.execute(
                "SELECT id, path FROM signed_copies WHERE series = ? AND office = ? AND year = ? AND number = ? "
                "AND status = 'vigente'", _document(current)).fetchall()
            for copy_id, path in rows:
                conn.execute("UPDATE signed_copies SET status = ?, path = ?, note = ? WHERE id = ?",
                             (REPLACED_COPY, moved.get(copy_id, path), note, copy_id))

    def _issued(self, conn: sqlite3.Connection, row: tuple) -> IssuedPdf:
        sha256, size, series, office, year, number, path, issued_at = row
        entry = _entry(conn.execute(
            f"SELECT {_COLUMNS} FROM numbers WHERE series = ? AND office = ? AND year = ? AND number = ?",
            (series, office, year, number)).fetchone())
        (latest,) = conn.execute(
            "SELECT sha256 FROM issued_pdfs WHERE series = ? AND office = ? AND year = ? AND number = ? "
            "ORDER BY issued_at DESC, rowid DESC LIMIT 1", (series, office, year, number)).fetchone()
        return IssuedPdf(entry, sha256, size, path, issued_at, latest == sha256)

    def _signing_records(self, conn: sqlite3.Connection, where: str, params: Sequence) -> list[SigningRecord]:
        """The signing records of the numbers ``where`` selects (aliased ``n``), in a few queries."""
        columns = ", ".join(f"n.{name.strip()}" for name in _COLUMNS.split(","))
        entries = [_entry(row) for row in conn.execute(
            f"SELECT {columns} FROM numbers n {where} ORDER BY n.series, n.office, n.year, n.number", params)]
        if not entries:
            return []
        join = ""
        if where:  # some numbers: their rows of the other tables, through a temporary table of them
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS chosen (series TEXT, office TEXT, year INTEGER, "
                         "number INTEGER)")
            conn.execute("DELETE FROM chosen")
            conn.executemany("INSERT INTO chosen VALUES (?, ?, ?, ?)", [_document(entry) for entry in entries])
            join = ("JOIN chosen c ON c.series = t.series AND c.office = t.office AND c.year = t.year "
                    "AND c.number = t.number")
        signers: dict[tuple, list[ExpectedSigner]] = {}
        for series, office, year, number, position, role, name, dni, field in conn.execute(
                f"SELECT t.series, t.office, t.year, t.number, position, role, name, dni, field FROM signers t {join} "
                "ORDER BY position"):
            signers.setdefault((series, office, year, number), []).append(
                ExpectedSigner(position, role, name, dni, field))
        signatures: dict[int, list[RecordedSignature]] = {}
        for copy_id, position, dni, name, signed_at, state, field in conn.execute(
                f"SELECT s.copy, s.position, s.dni, s.name, s.signed_at, s.state, s.field FROM signatures s "
                f"JOIN signed_copies t ON t.id = s.copy {join} ORDER BY s.copy, s.position"):
            signatures.setdefault(copy_id, []).append(RecordedSignature(position, dni, name, signed_at, state, field))
        copies: dict[tuple, list[SignedCopy]] = {}
        for (copy_id, series, office, year, number, sha256, kind, issued_sha256, path, source, received_at, status,
             note) in conn.execute(
                f"SELECT t.id, t.series, t.office, t.year, t.number, sha256, kind, issued_sha256, path, source, "
                f"received_at, status, note FROM signed_copies t {join} ORDER BY t.id"):
            copies.setdefault((series, office, year, number), []).append(SignedCopy(
                copy_id, kind, sha256, issued_sha256, path, source, received_at, status, note,
                tuple(signatures.get(copy_id, ()))))
        latest: dict[tuple, IssuedPdf] = {}
        for row in conn.execute(
                f"SELECT t.sha256, t.size, t.series, t.office, t.year, t.number, t.path, t.issued_at FROM issued_pdfs t "
                f"{join} ORDER BY t.issued_at, t.rowid"):
            latest[tuple(row[2:6])] = row
        fingerprints = {tuple(row[:4]): row[4] for row in conn.execute(
            f"SELECT t.series, t.office, t.year, t.number, t.fingerprint FROM contents t {join}")}
        if join:
            conn.execute("DELETE FROM chosen")
        result = []
        for entry in entries:
            document = _document(entry)
            row = latest.get(document)
            pdf = IssuedPdf(entry, row[0], row[1], row[6], row[7], True) if row else None
            result.append(SigningRecord(entry, tuple(signers.get(document, ())), tuple(copies.get(document, ())), pdf,
                                        fingerprints.get(document, "")))
        return result

    # ----------------------------------------------------------------- internals

    def _open(self) -> None:
        """Create the folder and schema, or check an existing registry; never overwrite one."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._unwritable(f"no se pudo crear la carpeta «{self.path.parent}» ({exc.strerror or exc})")
        with self._connect(create=True) as conn:
            # Recognise the file before changing anything in it (even its journal mode), in one
            # read transaction so that version and tables come from the same moment.
            conn.execute("BEGIN DEFERRED")
            try:
                self._is_empty(conn)
            finally:
                _rollback(conn)
            self._use_wal(conn)
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Checked again under the write lock: another process may have just created or
                # upgraded it.
                if self._is_empty(conn):
                    for statement in _statements(_SCHEMA):
                        conn.execute(statement)
                    conn.execute("PRAGMA user_version = 1")
                _upgrade(conn)
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise self._corrupt("; ".join(problems[:3]))

    def _use_wal(self, conn: sqlite3.Connection) -> None:
        """Switch a new registry to WAL (readers never block the writer; it persists in the file).

        Two processes switching a new file at once can deadlock, and SQLite then answers
        "busy" at once instead of waiting, so the switch is retried until ``timeout``.
        """
        deadline = time.monotonic() + self.timeout
        while conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as exc:
                busy = (getattr(exc, "sqlite_errorname", "") or "").startswith("SQLITE_BUSY")
                if not busy or time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0.01, 0.05))

    def _is_empty(self, conn: sqlite3.Connection) -> bool:
        """True for a new (empty) database, False for a registry of ours; else NumberingError."""
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == 0 and not tables:
            return True
        if version > SCHEMA_VERSION:
            raise NumberingError(
                f"El registro de numeración «{self.path}» fue creado por una versión más nueva de cddgen.",
                fix="Actualice cddgen en esta computadora antes de generar documentos.",
                file=self.path,
            )
        if version < 1 or "numbers" not in tables:
            raise NumberingError(
                f"«{self.path}» es una base de datos SQLite, pero no un registro de numeración de cddgen.",
                fix="Revise «rutas.registro_numeracion» en cddgen.toml; cddgen no escribe sobre ese archivo.",
                file=self.path,
            )
        return False

    @contextlib.contextmanager
    def _connect(self, *, create: bool = False) -> Iterator[sqlite3.Connection]:
        """A fresh connection for one operation (threads never share one).

        After the first opening the file must exist: if it vanished, that is an error, not
        an empty registry that would start again at 1.
        """
        mode = "rwc" if create else "rw"
        uri = f"{self.path.resolve().as_uri()}?mode={mode}"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as exc:
            if not create and not self.path.exists():
                raise NumberingError(
                    f"El registro de numeración «{self.path}» ya no existe.",
                    fix="Restáurelo desde su copia de respaldo; cddgen no crea uno vacío para no repetir números.",
                    file=self.path,
                ) from None
            raise self._translate(exc) from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            # FULL: a committed reservation survives a power cut too, not only a killed process.
            conn.execute("PRAGMA synchronous = FULL")
            yield conn
        except sqlite3.Error as exc:
            raise self._translate(exc) from None
        finally:
            conn.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction holding SQLite's write lock from its first read."""
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                _rollback(conn)
                raise
            conn.execute("COMMIT")

    def _pattern(self, series: str) -> str:
        pattern = self.patterns.get(series)
        if pattern is None:
            known = ", ".join(sorted(self.patterns)) or "(ninguna)"
            raise NumberingError(
                f"La serie de numeración «{series}» no existe.",
                fix=f"Series conocidas: {known}. Agregue su patrón en [numeracion.patrones] de cddgen.toml.",
            )
        return pattern

    def _check_identity(self, office: str, year: int, key: str) -> None:
        """Office and key are stored exactly as given (``find`` must match them), never blank."""
        if not isinstance(office, str) or not office.strip():
            raise NumberingError(
                "Falta la sigla de la oficina para numerar el documento.",
                fix="Complete «institucion.sigla» en cddgen.toml.",
            )
        if type(year) is not int or not 1900 <= year <= 9999:
            raise NumberingError(f"«{year}» no es un año válido para numerar un documento.")
        if not isinstance(key, str) or not key.strip():
            raise NumberingError("Falta la clave que identifica al documento que se numera.")

    def _select(self, conn: sqlite3.Connection, series: str, office: str, year: int, key: str) -> NumberEntry | None:
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM numbers WHERE series = ? AND office = ? AND year = ? AND key = ?",
            (series, office, year, key),
        ).fetchone()
        return _entry(row) if row else None

    def _current(self, conn: sqlite3.Connection, entry: NumberEntry) -> NumberEntry:
        """The stored state of ``entry``; it must still hold the number the caller has."""
        current = self._select(conn, *_identity(entry))
        if current is None or current.number != entry.number:
            raise NumberingError(
                f"«{entry.label}» no figura en el registro de numeración «{self.path}» con ese número.",
                fix="¿Se restauró el registro desde una copia antigua? Revise el registro antes de seguir.",
                file=self.path,
            )
        return current

    def _stamp(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    def _translate(self, exc: sqlite3.Error) -> NumberingError:
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            return self._corrupt(str(exc))
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return NumberingError(
                f"El registro de numeración «{self.path}» está ocupado por otro proceso "
                f"(se esperó hasta {self.timeout:g} segundos).",
                fix="Espere a que termine el otro cddgen y vuelva a intentarlo.",
                file=self.path,
            )
        if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
            return self._unwritable(f"no se puede abrir para escribir ({exc})")
        if name.startswith("SQLITE_FULL"):
            return NumberingError(
                f"No hay espacio en el disco para el registro de numeración «{self.path}».",
                fix="Libere espacio y vuelva a intentarlo.",
                file=self.path,
            )
        return NumberingError(
            f"Error del registro de numeración «{self.path}»: {exc}.",
            fix="El registro debe estar en un disco local de esta computadora, no en una carpeta compartida.",
            file=self.path,
        )

    def _corrupt(self, detail: str) -> NumberingError:
        return NumberingError(
            f"El registro de numeración «{self.path}» está dañado o no es una base de datos ({detail}).",
            fix="Restáurelo desde su copia de respaldo más reciente. No lo borre: cddgen no crea un "
            "registro vacío en su lugar, porque volvería a dar números ya usados.",
            file=self.path,
        )

    def _unwritable(self, detail: str) -> NumberingError:
        return NumberingError(
            f"No se puede escribir el registro de numeración «{self.path}»: {detail}.",
            fix="Revise que la carpeta exista y tenga permiso de escritura, o cambie "
            "«rutas.registro_numeracion» en cddgen.toml (en un disco local).",
            file=self.path,
        )


def _upgrade(conn: sqlite3.Connection) -> None:
    """Bring a registry of an earlier version to ``SCHEMA_VERSION`` (inside the caller's
    write transaction, so that two processes never upgrade the same file twice)."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    for target in range(version + 1, SCHEMA_VERSION + 1):
        for statement in _statements(_UPGRADES[target]):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {target}")


def _identity(entry: NumberEntry) -> tuple[str, str, int, str]:
    return entry.series, entry.office, entry.year, entry.key


def _document(entry: NumberEntry) -> tuple[str, str, int, int]:
    """The primary key of ``entry``'s row, which the signing tables refer to."""
    return entry.series, entry.office, entry.year, entry.number


def _entry(row: tuple) -> NumberEntry:
    series, office, year, number, key, label, status, files, reserved_at, updated_at, note, subject, on = row
    return NumberEntry(
        series=series,
        office=office,
        year=year,
        number=number,
        key=key,
        label=label,
        status=status,
        files=tuple(json.loads(files)),
        reserved_at=reserved_at,
        updated_at=updated_at,
        note=note,
        subject=subject,
        document_date=on,
    )


def _statements(script: str) -> list[str]:
    """Split the schema into statements (``executescript`` would commit our transaction)."""
    statements, buffer = [], []
    for line in script.splitlines(keepends=True):
        buffer.append(line)
        text = "".join(buffer)
        if sqlite3.complete_statement(text):
            statements.append(text.strip())
            buffer = []
    return [statement for statement in statements if statement]


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
