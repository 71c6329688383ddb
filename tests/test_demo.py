"""`cddgen demo`: every family's example into outbox/demo/, with its own numbering (issue 2.7)."""

from __future__ import annotations

import os
import re
import shutil

from click.testing import CliRunner
from pypdf import PdfReader

from generator.cli import cli
from generator.pipeline.families import FAMILIES
from generator.render.numbering import NumberingRegistry

from .conftest import docx_text, pdf_text
from .helpers import files_under


# The folders of the Comité de Evaluación's record (issue 16); the UGEL's CdD and CAP reports
# take their date from their input in issue 17.
COMMITTEE_RECORD = ("acta-instalacion", "acta-sesion", "acta-resultados", "oficio-reclamo", "oficio-retiro",
                    "oficio-retiro-director", "informe-final")


def test_demo_renders_every_example_and_says_where(demo_run, tmp_path):
    """The session's demo runs years after the concurso (conftest.DEMO_TODAY): no document of the
    Comité's record bears the run's date (DOMAIN.md D), each takes the date of its act from the forms."""
    result, folder = demo_run
    # A copy of the session's demo: the second run below starts over, and test_signable reads it.
    shutil.copytree(folder / "outbox", tmp_path / "outbox")
    assert result.exit_code == 0, result.output
    demo = tmp_path / "outbox" / "demo"
    produced = [p for p in files_under(demo) if p.suffix in (".docx", ".pdf")]
    assert produced, result.output
    for path in produced:
        assert str(path.relative_to(tmp_path)) in result.output
        text = docx_text(path) if path.suffix == ".docx" else pdf_text(path)
        assert re.search(r"N° \d{3}-\d{4}-", text)
    # The demo numbers with its own registry: every series starts at 001.
    assert "ACTA N° 001-" in result.output and "ACTA DE RESULTADOS N° 001-" in result.output
    # A progress bar like «render actas»: one step per family.
    assert re.search(rf"Ejemplos .* {len(FAMILIES)}/{len(FAMILIES)}", result.output)
    # Every acta, oficio, ficha and informe that is signed carries one empty signature field per
    # signer (issue 18): three members (two where one signature is dispensed), one director.
    signers = {"acta-instalacion": {3}, "acta-resultados": {2, 3}, "oficio-reclamo": {3}, "oficio-retiro": {3},
               "oficio-retiro-director": {3}, "informe-final": {3}, "oficio-cdd": {1}, "ficha-cap": {2}}
    pdfs = [p for p in produced if p.suffix == ".pdf" and not p.name.startswith("EXPEDIENTE")]
    assert {p.parent.name for p in pdfs} >= set(signers)
    for path in pdfs:
        fields = [name for name, field in (PdfReader(path).get_fields() or {}).items() if field.get("/FT") == "/Sig"]
        if path.parent.name in signers:
            assert len(fields) in signers[path.parent.name], (path.name, fields)
            assert all(name.startswith("Firma ") for name in fields)
            assert path.with_name(path.stem + ".firmas.json").is_file()
    # The office's real registry is untouched by the demo.
    assert not (folder / ".cddgen").exists()
    record = [p for p in produced if p.parent.name in COMMITTEE_RECORD]
    assert {p.parent.name for p in record} == set(COMMITTEE_RECORD)
    for path in record:
        text = docx_text(path) if path.suffix == ".docx" else pdf_text(path)
        assert "2031" not in str(path.relative_to(demo)) and "2031" not in text, path.name
        assert re.search(r"\d{1,2} de \w+ de 2026|\d{2}/\d{2}/2026", text), path.name
    # Nor any other document: the UGEL's informes, the oficios and the fichas too (issue 17).
    assert not [path.name for path in produced
                if "2031" in (docx_text(path) if path.suffix == ".docx" else pdf_text(path))]
    # Every document kind records who it is about with its number (issue 14.2).
    entries = NumberingRegistry(demo / ".numeracion-demo.sqlite", {}).entries()
    assert {entry.series for entry in entries} >= {"acta-instalacion", "acta-resultados", "oficio-comite",
                                                   "informe-final", "oficio-cdd", "informe-cdd", "ficha-cap",
                                                   "informe-cap"}
    assert [entry.label for entry in entries if not entry.subject] == []
    # A second run starts over: a throwaway numbering, nothing piled up in reemplazados/.
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        again = CliRunner().invoke(cli, ["demo", "--sin-pdf"], env={"CDDGEN_HOY": "2026-11-22"})
    finally:
        os.chdir(old)
    assert again.exit_code == 0, again.output
    assert "ACTA N° 001-" in again.output and not (demo / "reemplazados").exists()
    assert not [path for path in files_under(demo) if path.suffix == ".pdf"]


def test_demo_writes_its_status_sheet_with_every_number_and_its_signatures(demo_run):
    """Issue 19.3: ESTADO is where an office looks; the demo shows it too, over the demo's registry
    (a row per number, each issued document with its signers and «0/N»), and LISTOS-PARA-FIRMA."""
    from openpyxl import load_workbook

    result, folder = demo_run
    demo = folder / "outbox" / "demo"
    assert "outbox/demo/ESTADO.xlsx" in result.output
    entries = NumberingRegistry(demo / ".numeracion-demo.sqlite", {}).entries()
    sheet = load_workbook(demo / "ESTADO.xlsx")["Documentos"]
    header = [cell.value for cell in sheet[4]]
    rows = [dict(zip(header, (cell.value for cell in row))) for row in sheet.iter_rows(min_row=5)]
    assert sorted(row["Número"] for row in rows) == sorted(entry.label for entry in entries)
    acta = next(row for row in rows if row["Número"].startswith("ACTA N° 001-"))
    assert acta["Estado"] == "emitido" and acta["Firmas"] == "0/3", acta
    assert acta["Firmantes"].count("DNI") == 3
    assert (demo / "ESTADO.html").is_file() and (demo / "LISTOS-PARA-FIRMA.xlsx").is_file()
