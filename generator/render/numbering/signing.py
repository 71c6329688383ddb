"""Who signs what (schema version 3): each issued document's expected signers, the PDFs it was
issued as, its content's fingerprint, and the signed copies received with their signatures.

``SigningRecords`` is the part of ``NumberingRegistry`` that reads and writes those tables.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Mapping, Sequence

from .entries import NumberEntry, document_of, entry_of
from .schema import COLUMNS, CURRENT_COPY, REPLACED_COPY


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


class SigningRecords:
    """The signing tables of a ``NumberingRegistry`` (which gives ``_connect``, ``_transaction``,
    ``_current`` and ``_stamp``)."""

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
                document = document_of(current)
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
                                         document_of(entry))[0]

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
                (*document_of(current), sha256, kind, issued_sha256, path, source, self._stamp()),
            )
            conn.executemany(
                "INSERT INTO signatures (copy, position, dni, name, signed_at, state, field) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(cursor.lastrowid, s.position, s.dni, s.name, s.signed_at, s.state, s.field) for s in signatures],
            )
            record = self._signing_records(
                conn, "WHERE n.series = ? AND n.office = ? AND n.year = ? AND n.number = ?", document_of(current))[0]
        return next(copy for copy in record.copies if copy.id == cursor.lastrowid)

    def retire_signed_copies(self, entry: NumberEntry, moved: Mapping[int, str], note: str) -> None:
        """Mark the current signed copies of ``entry`` «reemplazada» (the document was issued
        again); ``moved`` maps a copy's id to where its file went."""
        with self._transaction() as conn:
            current = self._current(conn, entry)
            rows = conn.execute(
                "SELECT id, path FROM signed_copies WHERE series = ? AND office = ? AND year = ? AND number = ? "
                "AND status = 'vigente'", document_of(current)).fetchall()
            for copy_id, path in rows:
                conn.execute("UPDATE signed_copies SET status = ?, path = ?, note = ? WHERE id = ?",
                             (REPLACED_COPY, moved.get(copy_id, path), note, copy_id))

    def _issued(self, conn: sqlite3.Connection, row: tuple) -> IssuedPdf:
        sha256, size, series, office, year, number, path, issued_at = row
        entry = entry_of(conn.execute(
            f"SELECT {COLUMNS} FROM numbers WHERE series = ? AND office = ? AND year = ? AND number = ?",
            (series, office, year, number)).fetchone())
        (latest,) = conn.execute(
            "SELECT sha256 FROM issued_pdfs WHERE series = ? AND office = ? AND year = ? AND number = ? "
            "ORDER BY issued_at DESC, rowid DESC LIMIT 1", (series, office, year, number)).fetchone()
        return IssuedPdf(entry, sha256, size, path, issued_at, latest == sha256)

    def _signing_records(self, conn: sqlite3.Connection, where: str, params: Sequence) -> list[SigningRecord]:
        """The signing records of the numbers ``where`` selects (aliased ``n``), in a few queries."""
        columns = ", ".join(f"n.{name.strip()}" for name in COLUMNS.split(","))
        entries = [entry_of(row) for row in conn.execute(
            f"SELECT {columns} FROM numbers n {where} ORDER BY n.series, n.office, n.year, n.number", params)]
        if not entries:
            return []
        join = ""
        if where:  # some numbers: their rows of the other tables, through a temporary table of them
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS chosen (series TEXT, office TEXT, year INTEGER, "
                         "number INTEGER)")
            conn.execute("DELETE FROM chosen")
            conn.executemany("INSERT INTO chosen VALUES (?, ?, ?, ?)", [document_of(entry) for entry in entries])
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
            document = document_of(entry)
            row = latest.get(document)
            pdf = IssuedPdf(entry, row[0], row[1], row[6], row[7], True) if row else None
            result.append(SigningRecord(entry, tuple(signers.get(document, ())), tuple(copies.get(document, ())), pdf,
                                        fingerprints.get(document, "")))
        return result
