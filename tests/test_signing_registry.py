"""Who signs what, in the numbering registry (issue 18, item 2): expected signers, the PDF each
document was issued as, the signed copies and their signatures; an earlier registry upgraded in
place without losing a number."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from generator.render import numbering
from generator.render.numbering import (
    ExpectedSigner,
    IssueRecord,
    NumberingRegistry,
    RecordedSignature,
)

PATTERNS = {"acta-instalacion": "ACTA N° {numero:03d}-{anio}-CE-{oficina}"}
FIXED = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
SIGNERS = [ExpectedSigner(1, "Presidente", "María Quispe", "40123456", "Firma 1 – Presidente – 40123456"),
           ExpectedSigner(2, "Segundo miembro", "José D'Angelo", "08123456", "Firma 2 – Segundo miembro – 08123456")]


@pytest.fixture
def registry(tmp_path: Path) -> NumberingRegistry:
    return NumberingRegistry(tmp_path / "numeracion.sqlite", PATTERNS, clock=lambda: FIXED)


def _issued(registry: NumberingRegistry, key: str = "comite:RD-1", sha256: str = "a" * 64):
    entry = registry.confirm(registry.reserve("acta-instalacion", "UGEL02", 2026, key), ["acta.docx", "acta.pdf"])
    registry.record_issue([IssueRecord(entry, SIGNERS, (sha256, 1234, "/outbox/acta.pdf"), "huella-1")])
    return entry


def test_a_version_1_registry_is_upgraded_in_place_and_keeps_its_numbers(tmp_path):
    path = tmp_path / "numeracion.sqlite"
    conn = sqlite3.connect(path)
    for statement in numbering.registry.statements(numbering.schema.SCHEMA):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO numbers VALUES ('acta-instalacion', 'UGEL02', 2026, 1, 'comite:RD-1', "
                 "'ACTA N° 001-2026-CE-UGEL02', 'emitido', '[\"acta.pdf\"]', 't', 't', '')")
    conn.commit()
    conn.close()

    registry = NumberingRegistry(path, PATTERNS)

    [entry] = registry.entries()
    assert (entry.label, entry.status, entry.files) == ("ACTA N° 001-2026-CE-UGEL02", "emitido", ("acta.pdf",))
    assert registry.reserve("acta-instalacion", "UGEL02", 2026, "comite:RD-2").number == 2
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == numbering.SCHEMA_VERSION == 4
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"signers", "issued_pdfs", "contents", "signed_copies", "signatures"} <= tables
    registry.record_issue([IssueRecord(entry, SIGNERS)])
    assert registry.signing_record(entry).signers == tuple(SIGNERS)
    NumberingRegistry(path, PATTERNS)  # opening an upgraded registry again changes nothing


def test_a_registry_of_a_newer_cddgen_is_refused(tmp_path):
    path = tmp_path / "numeracion.sqlite"
    NumberingRegistry(path, PATTERNS)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {numbering.SCHEMA_VERSION + 1}")
    with pytest.raises(numbering.NumberingError, match="versión más nueva"):
        NumberingRegistry(path, PATTERNS)


def test_expected_signers_and_the_issued_pdf_are_recorded(registry):
    entry = _issued(registry)
    record = registry.signing_record(entry)
    assert record.signers == tuple(SIGNERS)
    assert record.latest_pdf.sha256 == "a" * 64 and record.copies == ()
    assert record.fingerprint == "huella-1"
    found = registry.issued_pdf("a" * 64)
    assert (found.entry.label, found.size, found.latest) == ("ACTA N° 001-2026-CE-UGEL02", 1234, True)
    assert registry.issued_pdf("b" * 64) is None
    assert registry.issued_sizes() == {1234}


def test_rendering_again_replaces_the_signers_and_keeps_the_earlier_pdf_as_not_latest(registry):
    entry = _issued(registry)
    registry.record_issue([IssueRecord(entry, SIGNERS[:1], ("c" * 64, 999, "/outbox/acta.pdf"), "huella-2")])
    assert registry.signing_record(entry).signers == tuple(SIGNERS[:1])
    assert registry.signing_record(entry).fingerprint == "huella-2"
    assert registry.issued_pdf("a" * 64).latest is False
    assert registry.issued_pdf("c" * 64).latest is True


def test_a_signed_copy_and_its_signatures_are_recorded_and_retired(registry):
    entry = _issued(registry)
    other = _issued(registry, "comite:RD-2", "d" * 64)
    signature = RecordedSignature(1, "40123456", "MARÍA QUISPE", "2026-03-02T10:00:00-05:00", "válida",
                                  SIGNERS[0].field)
    copy = registry.add_signed_copy(entry, kind="digital", sha256="e" * 64, issued_sha256="a" * 64,
                                    path="/outbox/firmados/acta (firmas 1 de 2).pdf", source="acta firmada.pdf",
                                    signatures=[signature])
    assert copy.signatures == (signature,) and copy.status == "vigente"
    assert registry.signed_copy("e" * 64) == (registry.signing_record(entry).entry, copy)
    assert [r.entry.key for r in registry.signing_records(signed_only=True)] == ["comite:RD-1"]
    assert {r.entry.key for r in registry.signing_records()} == {"comite:RD-1", "comite:RD-2"}
    assert registry.signing_record(other).copies == ()

    registry.retire_signed_copies(entry, {copy.id: "/outbox/reemplazados/acta.pdf"}, "Emitido de nuevo.")
    [retired] = registry.signing_record(entry).copies
    assert (retired.status, retired.path, retired.note) == ("reemplazada", "/outbox/reemplazados/acta.pdf",
                                                            "Emitido de nuevo.")
    assert registry.signing_records(signed_only=True) == []


def test_a_signed_copy_is_never_deleted(registry, tmp_path):
    entry = _issued(registry)
    registry.add_signed_copy(entry, kind="papel", sha256="f" * 64, issued_sha256="", path="/p.pdf", source="p.pdf",
                             signatures=[])
    with sqlite3.connect(tmp_path / "numeracion.sqlite") as conn, pytest.raises(sqlite3.DatabaseError,
                                                                                match="never deleted"):
        conn.execute("DELETE FROM signed_copies")
