"""The status sheet (issue 19, item 3): ESTADO.xlsx and ESTADO.html at the top of the outbox, a
sheet of every file received and one of every numbered document, rewritten after every pass."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

from openpyxl import load_workbook

from generator.pipeline import ledger as ledger_module
from generator.pipeline.inbox import Inbox, run_pass
from generator.pipeline.ledger import OBSERVED, Ledger
from generator.pipeline.numeracion import annul_number
from generator.render.numbering import NumberingRegistry
from generator.render.status_sheet import HEADER_ROW
from generator.run import Run

from .conftest import EXAMPLES, make_settings

DAY = "2026-11-22"

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


# ---------------------------------------------------------------------------- through the inbox

CONFIG = """
[bandeja]
estabilidad_segundos = 0
intervalo_escaneo = 0.5

[pdf]
activar = false
"""


def _sheet_rows(path, sheet: str) -> list[dict]:
    """The rows of ``sheet`` of ESTADO.xlsx as {header: cell}, cells with their hyperlinks."""
    worksheet = load_workbook(path)[sheet]
    header = [cell.value for cell in worksheet[HEADER_ROW]]
    return [dict(zip(header, row)) for row in worksheet.iter_rows(min_row=HEADER_ROW + 1)]


def test_estado_lists_every_file_received_and_every_number(tmp_path):
    """Issue 19.3: a processed form, an observed one with a hostile name and an empty file still in
    the inbox each have their row; the acta has its row with its date, subject and links; text that
    looks like a formula or markup stays text in both the workbook and the page."""
    office = make_settings(tmp_path, CONFIG)
    office.inbox.mkdir(parents=True)
    shutil.copy(EXAMPLES / "comite.xlsx", office.inbox / "comite.xlsx")
    (office.inbox / "=HYPERLINK(1) <b>carta<i>.txt").write_text("hola", encoding="utf-8")
    (office.inbox / "vacío.xlsx").write_bytes(b"")
    report = run_pass(office, pdf=False)
    assert report.status == (office.outbox / "ESTADO.xlsx", office.outbox / "ESTADO.html")

    files = {row["Archivo"].value: row for row in _sheet_rows(report.status[0], "Archivos recibidos")}
    assert set(files) == {"comite.xlsx", "=HYPERLINK(1) <b>carta<i>.txt", "vacío.xlsx"}
    comite = files["comite.xlsx"]
    assert comite["Estado"].value == "procesado" and comite["Problemas"].value is None
    assert comite["Formulario"].value.startswith("Comité de Evaluación")
    assert comite["Documentos"].value.splitlines()[0] == "ACTA N° 001-2026-CE-UGEL02"
    assert comite["Recibo o explicación"].hyperlink.target == f"../inbox/procesados/{DAY}/comite.recibo.txt"
    assert isinstance(comite["Recibido"].value, dt.datetime)
    hostile = files["=HYPERLINK(1) <b>carta<i>.txt"]
    assert hostile["Archivo"].data_type == "s" and hostile["Archivo"].quotePrefix  # text, never a formula
    assert hostile["Estado"].value == "observado" and hostile["Problemas"].value == 1
    assert hostile["Recibo o explicación"].value == "=HYPERLINK(1) <b>carta<i>.LEAME.txt"
    assert "cddgen acepta" in hostile["Detalle"].value
    assert files["vacío.xlsx"]["Estado"].value == "en espera" and files["vacío.xlsx"]["Recibido"].value is None

    documents = {row["Número"].value: row for row in _sheet_rows(report.status[0], "Documentos")}
    acta = documents["ACTA N° 001-2026-CE-UGEL02"]
    assert acta["Tipo"].value == "acta-instalacion" and acta["Estado"].value == "emitido"
    assert acta["Fecha"].value.date() == dt.date(2026, 1, 5)  # the session's, from the form
    assert acta["Asunto"].value  # the committee's resolution
    assert acta["Word"].hyperlink.target == "2026/acta-instalacion/ACTA%20N%C2%B0%20001-2026-CE-UGEL02.docx"
    assert acta["Firmas"].value == "0/3" and len(acta["Firmantes"].value.splitlines()) == 3
    assert acta["Formulario de origen"].value == "comite.xlsx"

    page = report.status[1].read_text(encoding="utf-8")
    assert "=HYPERLINK(1) &lt;b&gt;carta&lt;i&gt;.txt" in page and "<b>carta" not in page
    assert 'href="2026/acta-instalacion/ACTA%20N%C2%B0%20001-2026-CE-UGEL02.docx"' in page
    # «listos para firmar» is the sheet's issued documents that still lack a signature.
    ready = load_workbook(office.outbox / "LISTOS-PARA-FIRMA.xlsx").active
    listed = [row[2] for row in ready.iter_rows(min_row=5, values_only=True) if row[2]]
    assert sorted(listed) == sorted(number for number, row in documents.items() if row["Estado"].value == "emitido")


def test_estado_is_rewritten_when_something_changed_and_says_what_was_annulled(tmp_path):
    office = make_settings(tmp_path, CONFIG)
    office.inbox.mkdir(parents=True)
    shutil.copy(EXAMPLES / "comite.xlsx", office.inbox / "comite.xlsx")
    inbox = Inbox(office)
    try:
        assert run_pass(office, pdf=False, inbox=inbox).status is not None
        assert run_pass(office, pdf=False, inbox=inbox).status is None  # nothing new: not rewritten
        annul_number(Run(office), "ACTA DE SESIÓN N° 002-2026-CE-UGEL02", "Sesión registrada dos veces")
        report = run_pass(office, pdf=False, inbox=inbox)
    finally:
        inbox.close()
    assert report.status is not None
    documents = {row["Número"].value: row for row in _sheet_rows(report.status[0], "Documentos")}
    annulled = documents["ACTA DE SESIÓN N° 002-2026-CE-UGEL02"]
    assert annulled["Estado"].value == "anulado"
    assert annulled["Observación"].value.startswith("Anulado: Sesión registrada dos veces")
    assert annulled["Word"].hyperlink.target.startswith("anulados/2026/")
    ready = load_workbook(office.outbox / "LISTOS-PARA-FIRMA.xlsx").active
    assert "ACTA DE SESIÓN N° 002-2026-CE-UGEL02" not in [row[2] for row in ready.iter_rows(values_only=True)]
