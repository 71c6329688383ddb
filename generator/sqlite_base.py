"""What the numbering registry and the inbox ledger share as SQLite files: opening one (its
folder, recognising the file as ours before touching it, WAL, creating or upgrading its schema
under the write lock, an integrity check), connections with their pragmas, write transactions
that hold SQLite's write lock from their first read, and splitting a schema into statements.

A file's schema is version 1 plus additive upgrades, one per later version (``Schema``): a new
table or column, never a change to the rows kept. ``PRAGMA user_version`` records the version;
a new file is created at version 1 and upgraded like any other, so old and new files end with
the same schema.

What differs between the two stays in them: their schema, their Spanish errors (the hooks
``_error``, ``_not_ours``, ``_too_new``, ``_folder_error``, ``_corrupt``, ``_vanished``) and how
long a connection lives (the registry opens one per operation; the ledger keeps one per thread).
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Iterator, Mapping

from .errors import CddgenError


@dataclass(frozen=True)
class Schema:
    """A file's tables: ``create`` is version 1, ``upgrades[N]`` leads from N-1 to N."""

    version: int  # the version this cddgen writes (the last upgrade's)
    create: str
    upgrades: Mapping[int, str]
    table: str  # a table every version has: how a file of ours is recognised


class SQLiteFile:
    """A SQLite file of cddgen at ``path``, opened (created or upgraded) by ``_open``."""

    schema: ClassVar[Schema]

    def __init__(self, path: Path, *, timeout: float) -> None:
        self.path = Path(path)
        self.timeout = float(timeout)

    # ----------------------------------------------------------------- errors (Spanish, per file)

    def _error(self, exc: sqlite3.Error) -> CddgenError:
        raise NotImplementedError

    def _not_ours(self) -> CddgenError:
        raise NotImplementedError

    def _too_new(self) -> CddgenError:
        raise NotImplementedError

    def _folder_error(self, exc: OSError) -> CddgenError:
        raise NotImplementedError

    def _corrupt(self, detail: str) -> CddgenError:
        raise NotImplementedError

    def _vanished(self) -> CddgenError:
        """The file is gone after its first opening (never silently replaced by an empty one)."""
        raise NotImplementedError

    # ----------------------------------------------------------------- connections

    def _connection(self, *, create: bool = False) -> sqlite3.Connection:
        """A new connection (autocommit: transactions are explicit). Without ``create`` the file
        must exist (``_vanished``)."""
        mode = "rwc" if create else "rw"
        uri = f"{self.path.resolve().as_uri()}?mode={mode}"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=self.timeout, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            if not create and not self.path.exists():
                raise self._vanished() from None
            raise self._error(exc) from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            # FULL: a committed change survives a power cut too, not only a killed process.
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            conn.close()
            raise self._error(exc) from None
        return conn

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A fresh connection for one operation (threads never share one)."""
        conn = self._connection()
        try:
            yield conn
        except sqlite3.Error as exc:
            raise self._error(exc) from None
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
                rollback(conn)
                raise
            conn.execute("COMMIT")

    # ----------------------------------------------------------------- opening

    def _open(self) -> None:
        """Create the folder and schema, or check and upgrade an existing file; never overwrite one."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._folder_error(exc) from None
        conn = self._connection(create=True)
        try:
            # Recognise the file before changing anything in it (even its journal mode), in one
            # read transaction so that version and tables come from the same moment.
            conn.execute("BEGIN DEFERRED")
            try:
                self._is_empty(conn)
            finally:
                rollback(conn)
            self._use_wal(conn)
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Checked again under the write lock: another process may have just created or
                # upgraded it.
                if self._is_empty(conn):
                    for statement in statements(self.schema.create):
                        conn.execute(statement)
                    conn.execute("PRAGMA user_version = 1")
                self._upgrade(conn)
                conn.execute("COMMIT")
            except BaseException:
                rollback(conn)
                raise
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise self._corrupt("; ".join(problems[:3]))
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        finally:
            conn.close()

    def _is_empty(self, conn: sqlite3.Connection) -> bool:
        """True for a new (empty) database, False for a file of ours; else ``_too_new``/``_not_ours``."""
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == 0 and not tables:
            return True
        if version > self.schema.version:
            raise self._too_new()
        if version < 1 or self.schema.table not in tables:
            raise self._not_ours()
        return False

    def _use_wal(self, conn: sqlite3.Connection) -> None:
        """Switch a new file to WAL (readers never block the writer; it persists in the file).

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

    def _upgrade(self, conn: sqlite3.Connection) -> None:
        """Bring a file of an earlier version to ``schema.version`` (inside the caller's write
        transaction, so that two processes never upgrade the same file twice)."""
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        for target in range(version + 1, self.schema.version + 1):
            for statement in statements(self.schema.upgrades[target]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target}")


def where_equal(**filters: object) -> tuple[str, list[object]]:
    """« WHERE a = ? AND b = ?» and its parameters for the filters that are not None ("" if none)."""
    chosen = {column: value for column, value in filters.items() if value is not None}
    clause = f" WHERE {' AND '.join(f'{column} = ?' for column in chosen)}" if chosen else ""
    return clause, list(chosen.values())


def statements(script: str) -> list[str]:
    """Split a schema into statements (``executescript`` would commit our transaction). A last
    statement without its semicolon counts too."""
    found, buffer = [], []
    for line in script.splitlines(keepends=True):
        buffer.append(line)
        text = "".join(buffer)
        if sqlite3.complete_statement(text):
            found.append(text.strip())
            buffer = []
    found.append("".join(buffer).strip())
    return [statement for statement in found if statement]


def rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
