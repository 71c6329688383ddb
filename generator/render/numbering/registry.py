"""``NumberingRegistry``: correlative numbers per (series, office, year) in SQLite."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Callable, Mapping, Sequence

from ...errors import NumberingError
from ...sqlite_base import Schema, SQLiteFile, where_equal
from .entries import NumberEntry, entry_of, format_number, identity, subject_conflict
from .schema import ANNULLED, COLUMNS, ISSUED, RESERVED, SCHEMA, SCHEMA_VERSION, UPGRADES
from .signing import SigningRecords

BUSY_TIMEOUT_SECONDS = 60.0

# Suffix of the key a document is numbered under after its earlier number was annulled.
REISSUE_MARK = "#reemisión-"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).astimezone()


class NumberingRegistry(SigningRecords, SQLiteFile):
    """Correlative numbers per (series, office, year) in the SQLite file ``path``.

    ``patterns`` maps each series to its pattern (``Settings.number_patterns``). ``clock``
    gives the time stamped on each change (tests pass a fixed one). Safe to share between
    threads and to use from several processes at once, on a local disk.
    """

    schema = Schema(SCHEMA_VERSION, SCHEMA, UPGRADES, table="numbers")

    def __init__(
        self,
        path: Path,
        patterns: Mapping[str, str],
        *,
        timeout: float = BUSY_TIMEOUT_SECONDS,
        clock: Callable[[], dt.datetime] = _now,
    ) -> None:
        super().__init__(path, timeout=timeout)
        self.patterns = dict(patterns)
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
                             (subject, *identity(existing)))
                return self._select(conn, *identity(existing))
            return existing
        (last,) = conn.execute(
            "SELECT COALESCE(MAX(number), 0) FROM numbers WHERE series = ? AND office = ? AND year = ?",
            (series, office, year),
        ).fetchone()
        number = max(last + 1, int(first))
        label = format_number(self._pattern(series), number=number, year=year, office=office)
        stamp = self._stamp()
        conn.execute(
            f"INSERT INTO numbers ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, '', ?, '')",
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
             *identity(current)),
        )
        return self._select(conn, *identity(current))

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
                (ANNULLED, reason, self._stamp(), *identity(current)),
            )
            return self._select(conn, *identity(current))

    def pending(self) -> list[NumberEntry]:
        """Numbers reserved but never confirmed nor annulled (left by a crash or a failure)."""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {COLUMNS} FROM numbers WHERE status = ? ORDER BY reserved_at, series, office, year, number",
                (RESERVED,),
            ).fetchall()
        return [entry_of(row) for row in rows]

    def entries(self, series: str | None = None, year: int | None = None) -> list[NumberEntry]:
        """Every number given, optionally of one series and/or year, in series order."""
        where, params = where_equal(series=series, year=year)
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {COLUMNS} FROM numbers{where} ORDER BY series, office, year, number", params
            ).fetchall()
        return [entry_of(row) for row in rows]

    def first_by_key(self, office: str) -> dict[tuple[str, str], NumberEntry]:
        """Every document of ``office`` by (series, key), whatever its year: the earliest entry
        when a key was numbered in several years. One query for a whole run."""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {COLUMNS} FROM numbers WHERE office = ? ORDER BY series, key, year, number", (office,)
            ).fetchall()
        found: dict[tuple[str, str], NumberEntry] = {}
        for row in rows:
            entry = entry_of(row)
            found.setdefault((entry.series, entry.key), entry)
        return found

    def by_label(self, label: str) -> list[NumberEntry]:
        """The entries printed as ``label`` (normally one; two series may share a pattern)."""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {COLUMNS} FROM numbers WHERE label = ? ORDER BY series, office, year, number",
                (label.strip(),),
            ).fetchall()
        return [entry_of(row) for row in rows]

    def is_empty(self) -> bool:
        """True while the registry has never given a number."""
        with self._connect() as conn:
            return conn.execute("SELECT 1 FROM numbers LIMIT 1").fetchone() is None

    def find(self, series: str, office: str, year: int, key: str) -> NumberEntry | None:
        """The entry of document ``key``, or None when it never received a number."""
        with self._connect() as conn:
            return self._select(conn, series, office, year, key)

    # ----------------------------------------------------------------- errors (see SQLiteFile)

    def _not_ours(self) -> NumberingError:
        return NumberingError(
            f"«{self.path}» es una base de datos SQLite, pero no un registro de numeración de cddgen.",
            fix="Revise «rutas.registro_numeracion» en cddgen.toml; cddgen no escribe sobre ese archivo.",
            file=self.path,
        )

    def _too_new(self) -> NumberingError:
        return NumberingError(
            f"El registro de numeración «{self.path}» fue creado por una versión más nueva de cddgen.",
            fix="Actualice cddgen en esta computadora antes de generar documentos.",
            file=self.path,
        )

    def _vanished(self) -> NumberingError:
        return NumberingError(
            f"El registro de numeración «{self.path}» ya no existe.",
            fix="Restáurelo desde su copia de respaldo; cddgen no crea uno vacío para no repetir números.",
            file=self.path,
        )

    def _folder_error(self, exc: OSError) -> NumberingError:
        return self._unwritable(f"no se pudo crear la carpeta «{self.path.parent}» ({exc.strerror or exc})")

    def _error(self, exc: sqlite3.Error) -> NumberingError:
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

    # ----------------------------------------------------------------- internals

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
            f"SELECT {COLUMNS} FROM numbers WHERE series = ? AND office = ? AND year = ? AND key = ?",
            (series, office, year, key),
        ).fetchone()
        return entry_of(row) if row else None

    def _current(self, conn: sqlite3.Connection, entry: NumberEntry) -> NumberEntry:
        """The stored state of ``entry``; it must still hold the number the caller has."""
        current = self._select(conn, *identity(entry))
        if current is None or current.number != entry.number:
            raise NumberingError(
                f"«{entry.label}» no figura en el registro de numeración «{self.path}» con ese número.",
                fix="¿Se restauró el registro desde una copia antigua? Revise el registro antes de seguir.",
                file=self.path,
            )
        return current

    def _stamp(self) -> str:
        return self._clock().isoformat(timespec="seconds")
