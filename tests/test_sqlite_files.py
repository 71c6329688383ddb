"""Registries and ledgers written by earlier cddgen open unchanged through the SQLite base.

``tests/data/sqlite/`` holds a numbering registry (schema 4) and an inbox ledger (schema 2)
made by cddgen before ``generator/sqlite_base.py`` existed (``make_fixtures.py`` beside them):
opening them reads every row as it was and changes no byte of their content, and a new file
gets exactly the schema of an upgraded old one.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from generator.pipeline.ledger import OBSERVED, PROCESSED, WORKING, Ledger
from generator.render.numbering import ANNULLED, ISSUED, RESERVED, NumberingRegistry

DATA = Path(__file__).parent / "data" / "sqlite"
PATTERNS = {"acta-instalacion": "ACTA N° {numero:03d}-{anio}-CE-{oficina}",
            "oficio-comite": "OFICIO N° {numero:03d}-{anio}-{oficina}"}


def _content(path: Path) -> tuple[int, list[str]]:
    """The schema version and every statement that rebuilds the file (schema and rows)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0], list(conn.iterdump())
    finally:
        conn.close()


def _schema(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"))
    finally:
        conn.close()


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copyfile(DATA / name, target)
    return target


def test_a_registry_made_before_the_sqlite_base_opens_with_every_number_and_signature_unchanged(tmp_path):
    path = _copy("numeracion-v4.sqlite", tmp_path)
    before = _content(path)

    registry = NumberingRegistry(path, PATTERNS)
    entries = {entry.key: entry for entry in registry.entries()}
    records = {record.entry.key: record for record in registry.all_records()}

    assert before[0] == 4 and _content(path) == before
    assert [(entries[key].label, entries[key].status, entries[key].subject) for key in sorted(entries)] == [
        ("ACTA N° 001-2026-CE-UGEL02", ISSUED, "Comité RD 1"),
        ("OFICIO N° 001-2026-UGEL02", RESERVED, "Pérez Quispe, Ana"),
        ("OFICIO N° 002-2026-UGEL02", ANNULLED, "Rojas, Luis"),
    ]
    assert entries["comite:RD-1"].document_date == "2026-03-01"
    acta = records["comite:RD-1"]
    assert [signer.name for signer in acta.signers] == ["Ana Pérez", "Luis Rojas"]
    assert acta.latest_pdf.sha256 == "a" * 64 and acta.fingerprint == "huella-1"
    [copy] = acta.current_copies
    assert copy.signatures[0].state == "válida" and copy.source == "acta firmada.pdf"
    # It goes on numbering after its last number; an annulled one is never given again.
    assert registry.reserve("oficio-comite", "UGEL02", 2026, "oficio:3").number == 3
    assert registry.reserve("oficio-comite", "UGEL02", 2026, "oficio:2").number == 4


def test_a_ledger_made_before_the_sqlite_base_opens_with_every_row_unchanged(tmp_path):
    path = _copy("bandeja-v2.sqlite", tmp_path)
    before = _content(path)

    ledger = Ledger(path)
    try:
        rows = ledger.rows()
        reservations = ledger.reservations(rows[0].id)
    finally:
        ledger.close()

    assert before[0] == 2 and _content(path) == before
    assert [(row.name, row.status, row.problems, row.warnings) for row in rows] == [
        ("comité.xlsx", PROCESSED, 0, 1), ("ficha.xlsx", OBSERVED, 2, 0), ("ascenso.xlsx", WORKING, 0, 0)]
    assert rows[0].documents[0].number == "ACTA N° 001-2026-CE-UGEL02" and rows[0].logged
    assert [(item.series, item.key) for item in reservations] == [("acta-instalacion", "comite:RD-1")]


def test_new_files_get_the_schema_of_the_files_made_before(tmp_path):
    NumberingRegistry(tmp_path / "numeracion.sqlite", PATTERNS)
    Ledger(tmp_path / "bandeja.sqlite").close()
    assert _schema(tmp_path / "numeracion.sqlite") == _schema(DATA / "numeracion-v4.sqlite")
    assert _schema(tmp_path / "bandeja.sqlite") == _schema(DATA / "bandeja-v2.sqlite")
    assert _content(tmp_path / "numeracion.sqlite")[0] == 4 and _content(tmp_path / "bandeja.sqlite")[0] == 2
