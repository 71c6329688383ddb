"""The inbox ledger: every file the inbox took, what it was and what became of it (SQLite).

One row per claim (a file taken from the inbox): its SHA-256, original name, form kind and
identity, version, status, documents, where the input went, and the numbers reserved
while processing it. The ledger makes the inbox idempotent (the same content again is a
duplicate of an earlier row), tells versions of one form apart, and lets a restarted
process finish what a killed one left half done.

It lives beside the numbering registry, on a local disk, for the same reason: SQLite's
locks are unreliable on network shares. It opens, upgrades and writes as the registry does
(``generator/sqlite_base.py``: writes inside ``BEGIN IMMEDIATE``, ``synchronous = FULL`` keeps
a committed change through a power cut), but keeps one connection per thread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..errors import CddgenError
from ..sqlite_base import Schema, SQLiteFile, where_equal

# Statuses of a row.
WORKING = "procesando"  # claimed; not finished (yet, or ever: a killed process)
PROCESSED = "procesado"  # documents produced
DUPLICATE = "duplicado"  # same content as an earlier processed row; nothing produced
OBSERVED = "observado"  # rejected, with an explanation
RETURNED = "devuelto"  # put back in the inbox after an error that is not the form's fault
FINAL = (PROCESSED, DUPLICATE, OBSERVED, RETURNED)

SCHEMA_VERSION = 2
BUSY_TIMEOUT_SECONDS = 60.0

_SCHEMA = """
CREATE TABLE inputs (
    id           INTEGER PRIMARY KEY,
    claim        TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    kind         TEXT    NOT NULL DEFAULT '',
    identity     TEXT    NOT NULL DEFAULT '',
    version      INTEGER,
    replaces     INTEGER REFERENCES inputs (id),
    duplicate_of INTEGER REFERENCES inputs (id),
    status       TEXT    NOT NULL
                 CHECK (status IN ('procesando', 'procesado', 'duplicado', 'observado', 'devuelto')),
    day          TEXT    NOT NULL,
    destination  TEXT    NOT NULL DEFAULT '',
    documents    TEXT    NOT NULL DEFAULT '[]',
    reason       TEXT    NOT NULL DEFAULT '',
    logged       INTEGER NOT NULL DEFAULT 0,
    claimed_at   TEXT    NOT NULL,
    finished_at  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX inputs_by_sha ON inputs (sha256, status);
CREATE INDEX inputs_by_identity ON inputs (kind, identity, status);
CREATE INDEX inputs_by_day ON inputs (day, status);
CREATE TABLE reservations (
    input  INTEGER NOT NULL REFERENCES inputs (id),
    series TEXT    NOT NULL,
    office TEXT    NOT NULL,
    year   INTEGER NOT NULL,
    key    TEXT    NOT NULL,
    PRIMARY KEY (input, series, office, year, key)
);
"""

# Additive upgrades of an existing ledger, by the version they lead to (``_SCHEMA`` is version 1):
# a new table or column, never a change to the rows kept.
_UPGRADES: dict[int, str] = {
    # How many problems (an observed form) and warnings (a processed one) each input had, for the
    # status sheet (ESTADO.xlsx).
    2: """
ALTER TABLE inputs ADD COLUMN problems INTEGER NOT NULL DEFAULT 0;
ALTER TABLE inputs ADD COLUMN warnings INTEGER NOT NULL DEFAULT 0
""",
}

_COLUMNS = (
    "id, claim, name, sha256, size, kind, identity, version, replaces, duplicate_of, status, day, "
    "destination, documents, reason, logged, claimed_at, finished_at, problems, warnings"
)


@dataclass(frozen=True)
class LedgerDocument:
    """A document produced from an input, as the ledger keeps it."""

    kind: str
    number: str
    person: str
    files: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number, "person": self.person, "files": list(self.files)}


@dataclass(frozen=True)
class Row:
    id: int
    claim: str
    name: str
    sha256: str
    size: int
    kind: str
    identity: str
    version: int | None
    replaces: int | None
    duplicate_of: int | None
    status: str
    day: str
    destination: str
    documents: tuple[LedgerDocument, ...]
    reason: str
    logged: bool
    claimed_at: str
    finished_at: str
    problems: int = 0  # problems of an observed input
    warnings: int = 0  # warnings of a processed one


@dataclass(frozen=True)
class Reservation:
    series: str
    office: str
    year: int
    key: str


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


class Ledger(SQLiteFile):
    """The ledger in the SQLite file ``path`` (created on first use)."""

    schema = Schema(SCHEMA_VERSION, _SCHEMA, _UPGRADES, table="inputs")

    def __init__(self, path: Path, *, timeout: float = BUSY_TIMEOUT_SECONDS) -> None:
        super().__init__(path, timeout=timeout)
        self._connections: dict[int, sqlite3.Connection] = {}
        self._open()

    # ----------------------------------------------------------------- claims

    def start(self, claim: str, name: str, sha256: str, size: int, day: str) -> Row:
        """The row of ``claim``: created, or the one a killed process left (which is reused)."""
        with self._transaction() as conn:
            row = self._by_claim(conn, claim)
            if row is None:
                conn.execute(
                    "INSERT INTO inputs (claim, name, sha256, size, status, day, claimed_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (claim, name, sha256, size, WORKING, day, _now()),
                )
            elif row.status == WORKING and row.sha256 != sha256:
                conn.execute("UPDATE inputs SET sha256 = ?, size = ? WHERE id = ?", (sha256, size, row.id))
            return self._by_claim(conn, claim)

    def by_claim(self, claim: str) -> Row | None:
        with self._connect() as conn:
            return self._by_claim(conn, claim)

    def get(self, row_id: int) -> Row | None:
        with self._connect() as conn:
            found = conn.execute(f"SELECT {_COLUMNS} FROM inputs WHERE id = ?", (row_id,)).fetchone()
        return _row(found) if found else None

    def describe(self, row_id: int, kind: str, identity: str, version: int | None,
                 replaces: int | None, duplicate_of: int | None) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE inputs SET kind = ?, identity = ?, version = ?, replaces = ?, duplicate_of = ? "
                "WHERE id = ?",
                (kind, identity, version, replaces, duplicate_of, row_id),
            )

    def set_destination(self, row_id: int, destination: str) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE inputs SET destination = ? WHERE id = ?", (destination, row_id))

    def finish(self, row_id: int, status: str, *, documents: Sequence[LedgerDocument] = (),
               reason: str = "", destination: str | None = None, problems: int = 0, warnings: int = 0) -> Row:
        assert status in FINAL
        with self._transaction() as conn:
            conn.execute(
                "UPDATE inputs SET status = ?, documents = ?, reason = ?, finished_at = ?, "
                "destination = COALESCE(?, destination), problems = ?, warnings = ? WHERE id = ?",
                (status, _documents_json(documents), reason, _now(), destination, problems, warnings, row_id),
            )
            return _row(conn.execute(f"SELECT {_COLUMNS} FROM inputs WHERE id = ?", (row_id,)).fetchone())

    def add_documents(self, row_id: int, documents: Sequence[LedgerDocument], *, warnings: int = 0,
                      note: str = "") -> Row:
        """Documents made for a finished input after it was put away (the end of its pass made
        them from it and the forms received before: the informe final, the UGEL's informes), the
        warnings that came with them, and a note of what else was done, added to its reason."""
        with self._transaction() as conn:
            row = _row(conn.execute(f"SELECT {_COLUMNS} FROM inputs WHERE id = ?", (row_id,)).fetchone())
            ours = {document.number for document in documents}
            kept = [document for document in row.documents if document.number not in ours]
            reason = " ".join(part for part in (row.reason, note) if part)
            conn.execute("UPDATE inputs SET documents = ?, warnings = ?, reason = ? WHERE id = ?",
                         (_documents_json([*kept, *documents]), row.warnings + warnings, reason, row_id))
            return _row(conn.execute(f"SELECT {_COLUMNS} FROM inputs WHERE id = ?", (row_id,)).fetchone())

    def mark_logged(self, row_id: int) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE inputs SET logged = 1 WHERE id = ?", (row_id,))

    # ----------------------------------------------------------------- reservations

    def record_reservation(self, row_id: int, reservation: Reservation) -> None:
        with self._transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO reservations (input, series, office, year, key) VALUES (?, ?, ?, ?, ?)",
                (row_id, reservation.series, reservation.office, reservation.year, reservation.key),
            )

    def reservations(self, row_id: int) -> list[Reservation]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT series, office, year, key FROM reservations WHERE input = ? ORDER BY rowid", (row_id,)
            ).fetchall()
        return [Reservation(*row) for row in rows]

    # ----------------------------------------------------------------- history

    def processed_with(self, sha256: str, *, before: int | None = None) -> Row | None:
        """The earliest processed row with this content (other than ``before`` and later ones)."""
        with self._connect() as conn:
            found = conn.execute(
                f"SELECT {_COLUMNS} FROM inputs WHERE sha256 = ? AND status = ? AND (? IS NULL OR id < ?) "
                "ORDER BY id LIMIT 1",
                (sha256, PROCESSED, before, before),
            ).fetchone()
        return _row(found) if found else None

    def versions(self, kind: str, identity: str, *, before: int) -> list[Row]:
        """Earlier processed or observed rows of the same form (kind and identity), oldest first."""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM inputs WHERE kind = ? AND identity = ? AND identity <> '' "
                "AND status IN (?, ?) AND id < ? ORDER BY id",
                (kind, identity, PROCESSED, OBSERVED, before),
            ).fetchall()
        return [_row(row) for row in rows]

    def latest(self, kind: str) -> Row | None:
        """The most recently processed form of ``kind`` (e.g. the committee's, for the actas)."""
        with self._connect() as conn:
            found = conn.execute(
                f"SELECT {_COLUMNS} FROM inputs WHERE kind = ? AND status = ? AND destination <> '' "
                "ORDER BY id DESC LIMIT 1",
                (kind, PROCESSED),
            ).fetchone()
        return _row(found) if found else None

    def rows(self, *, day: str | None = None, status: str | None = None) -> list[Row]:
        where, params = where_equal(day=day, status=status)
        with self._connect() as conn:
            return [_row(row) for row in conn.execute(f"SELECT {_COLUMNS} FROM inputs{where} ORDER BY id", params)]

    def change_stamp(self) -> tuple:
        """Changes whenever a row is added or finished, or gains documents (one aggregate query)."""
        with self._connect() as conn:
            return tuple(conn.execute(
                "SELECT COUNT(*), MAX(id), MAX(finished_at), SUM(length(documents)), SUM(warnings), "
                "SUM(status = 'procesando') FROM inputs").fetchone())

    # ----------------------------------------------------------------- internals

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection to the ledger (kept open: a pass makes many small writes)."""
        try:
            conn = self._connections.get(threading.get_ident())
            if conn is None:
                conn = self._connection(create=True)
                self._connections[threading.get_ident()] = conn
            yield conn
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def close(self) -> None:
        for conn in self._connections.values():
            conn.close()
        self._connections.clear()

    def _by_claim(self, conn: sqlite3.Connection, claim: str) -> Row | None:
        found = conn.execute(f"SELECT {_COLUMNS} FROM inputs WHERE claim = ?", (claim,)).fetchone()
        return _row(found) if found else None

    # ----------------------------------------------------------------- errors (see SQLiteFile)

    def _error(self, exc: sqlite3.Error) -> CddgenError:
        return self._corrupt(str(exc))  # one message for whatever SQLite answers: where it must be, the backup

    def _corrupt(self, detail: str) -> CddgenError:
        return CddgenError(
            f"Error del registro de la bandeja «{self.path}»: {detail}.",
            fix="Debe estar en un disco local de esta computadora; si está dañado, restáurelo de su respaldo.",
        )

    def _not_ours(self) -> CddgenError:
        return CddgenError(
            f"«{self.path}» no es un registro de la bandeja de esta versión de cddgen.",
            fix="Revise «rutas.registro_numeracion» en cddgen.toml (el registro de la bandeja "
            "va en la misma carpeta) o actualice cddgen.",
        )

    _too_new = _not_ours

    def _folder_error(self, exc: OSError) -> CddgenError:
        return CddgenError(
            f"No se pudo crear la carpeta del registro de la bandeja «{self.path.parent}» "
            f"({exc.strerror or exc}).",
            fix="Revise los permisos o «rutas.registro_numeracion» en cddgen.toml.",
        )


def _documents_json(documents: Sequence[LedgerDocument]) -> str:
    return json.dumps([document.as_json() for document in documents], ensure_ascii=False)


def _row(values: tuple) -> Row:
    (row_id, claim, name, sha256, size, kind, identity, version, replaces, duplicate_of, status, day,
     destination, documents, reason, logged, claimed_at, finished_at, problems, warnings) = values
    return Row(
        id=row_id, claim=claim, name=name, sha256=sha256, size=size, kind=kind, identity=identity,
        version=version, replaces=replaces, duplicate_of=duplicate_of, status=status, day=day,
        destination=destination,
        documents=tuple(
            LedgerDocument(item["kind"], item["number"], item.get("person", ""), tuple(item["files"]))
            for item in json.loads(documents)
        ),
        reason=reason, logged=bool(logged), claimed_at=claimed_at, finished_at=finished_at,
        problems=problems, warnings=warnings,
    )
