"""The status sheet (issue 19, item 3): ESTADO.xlsx and ESTADO.html at the top of the outbox, a
sheet of every file received and one of every numbered document, rewritten after every pass."""

from __future__ import annotations

import datetime as dt
import sqlite3

from generator.pipeline import ledger as ledger_module
from generator.pipeline.ledger import OBSERVED, Ledger
from generator.render.numbering import NumberingRegistry

PATTERNS = {"acta-instalacion": "ACTA N° {numero:03d}-{anio}-CE-{oficina}"}


def test_a_version_1_ledger_is_upgraded_in_place_and_keeps_its_rows(tmp_path):
    path = tmp_path / "bandeja.sqlite"
    conn = sqlite3.connect(path)
    for statement in ledger_module._SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO inputs (claim, name, sha256, size, status, day, claimed_at) "
                 "VALUES ('t1', 'comite.xlsx', 'abc', 10, 'observado', '2026-11-22', '2026-11-22T10:00:00')")
    conn.commit()
    conn.close()

    ledger = Ledger(path)
    [row] = ledger.rows()
    assert (row.name, row.status, row.problems, row.warnings) == ("comite.xlsx", OBSERVED, 0, 0)
    finished = ledger.finish(row.id, OBSERVED, reason="dos problemas", problems=2)
    assert finished.problems == 2
    ledger.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == ledger_module.SCHEMA_VERSION == 2
    Ledger(path).close()  # opening an upgraded ledger again changes nothing


def test_the_registry_keeps_the_date_each_document_bears(tmp_path):
    registry = NumberingRegistry(tmp_path / "numeracion.sqlite", PATTERNS)
    entry = registry.reserve("acta-instalacion", "UGEL02", 2026, "comite:1")
    assert entry.document_date == ""
    dated = registry.confirm(entry, ["acta.docx"], dt.date(2026, 1, 5))
    assert dated.document_date == "2026-01-05"
    assert registry.confirm(dated, ["acta.docx", "acta.pdf"]).document_date == "2026-01-05"  # kept when not given
