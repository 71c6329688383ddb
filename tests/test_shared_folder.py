"""Everything a secretary needs from the shared folder (issue 19, items 2 and 3): after «cddgen init»,
inbox passes alone give every document of the examples — the informe final with its expediente, the
UGEL's reports of the Compromisos de Desempeño and of the fichas CAP — and ESTADO.xlsx lists every
file received and every number; the reports are refreshed under their number as forms arrive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from generator.config import load_settings
from generator.pipeline.inbox import run_pass
from generator.pipeline.process import Outcome
from generator.render.documents import open_registry
from generator.render.pdf import find_soffice
from generator.render.status_sheet import HEADER_ROW

from .conftest import EXAMPLES, TODAY, docx_text, make_settings, pdf_text, squash
from .helpers import files_under, run_cli

DAY = TODAY.isoformat()
FAST = "[bandeja]\nestabilidad_segundos = 0\n"
# Who signs the UGEL's informes: the secretary fills [firmante] of the cddgen.toml «init» wrote.
SIGNER = ('nombre = "Jorge Luis Paredes Quispe"\ndni = "41234509"\ncargo = "Especialista en Educación"\n'
          'tratamiento = "Sr."\n')


def _rows(path: Path, sheet: str) -> list[dict]:
    worksheet = load_workbook(path)[sheet]
    header = [cell.value for cell in worksheet[HEADER_ROW]]
    return [dict(zip(header, row)) for row in worksheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


def _examples() -> list[Path]:
    """Every filled example form, the resolution PDF among them; the annulment request apart."""
    return [path for path in files_under(EXAMPLES)
            if path.parent.name in ("ejemplos", "cdd", "cap") and path.name != "anulacion.xlsx"]


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) no está instalado")
def test_init_then_inbox_passes_give_every_document_and_the_status_sheet(tmp_path):
    root = tmp_path / "oficina"
    assert run_cli(tmp_path, "init", str(root), "--no-registrar", installation=False).exit_code == 0
    config = (root / "cddgen.toml").read_text(encoding="utf-8")
    assert "# [firmante]" in config
    (root / "cddgen.toml").write_text(FAST + config + "\n[firmante]\n" + SIGNER, encoding="utf-8")
    inbox = root / "inbox"
    dropped = _examples()
    for path in dropped:
        shutil.copy(path, inbox / path.name)
    # The workbook names the PDFs of the reclamos relative to its folder: they go in a subfolder.
    shutil.copytree(EXAMPLES / "expediente", inbox / "expediente")
    shutil.copytree(EXAMPLES / "documentos", inbox / "documentos")

    done = run_cli(root, "process")
    assert done.exit_code == 0, done.output
    assert "se generó el informe final: INFORME N° 001-2026-CE-UGEL02" in done.output
    settings = load_settings(cwd=root, environ={}, today=TODAY)

    status = root / "outbox" / "ESTADO.xlsx"
    files = _rows(status, "Archivos recibidos")
    assert sorted(row["Archivo"] for row in files) == sorted(path.name for path in dropped)
    assert {row["Estado"] for row in files} == {"procesado"}, [(r["Archivo"], r["Detalle"]) for r in files]
    documents = {row["Número"]: row for row in _rows(status, "Documentos")}
    entries = open_registry(settings).entries()
    assert set(documents) == {entry.label for entry in entries} and len(documents) == len(entries)
    kinds = {row["Tipo"] for row in documents.values()}
    assert {"informe-final", "resumen-cdd", "resumen-cap", "acta-instalacion", "acta-resultados", "oficio-cdd",
            "ficha-cap"} <= kinds
    assert all(row["Formulario"] and row["Recibido"] and row["Recibo o explicación"] for row in files)
    resolution = next(row for row in files if row["Archivo"] == "resolucion-conformacion.pdf")
    assert resolution["Formulario"].startswith("Resolución de conformación del Comité")
    committee = next(row for row in files if row["Archivo"] == "comite.xlsx")
    assert "INFORME N° 001-2026-CE-UGEL02" in committee["Documentos"].splitlines()

    # The informe final, its expediente beginning with the resolution dropped in the inbox.
    informe = documents["INFORME N° 001-2026-CE-UGEL02"]
    assert informe["Formulario de origen"] == "comite.xlsx" and informe["Firmas"] == "0/3"
    folder = root / "outbox" / "2026" / "informe-final"
    assert "Resolución Directoral N° 00125-2025-UGEL02" in docx_text(folder / informe["Word"])
    expediente = folder / "EXPEDIENTE INFORME N° 001-2026-CE-UGEL02.pdf"
    index = squash(pdf_text(expediente))
    assert "3 Resolución de conformación del Comité de Evaluación: Resolución Directoral N° 00125-" in index
    resolution_pages = len(PdfReader(EXAMPLES / "resolucion-conformacion.pdf").pages)
    assert len(PdfReader(expediente).pages) > resolution_pages
    # The PDFs the workbook names relatively were found in the inbox's subfolder.
    assert "Escrito de reclamo" in index

    # Both UGEL reports, dated from their input (the latest oficio, the latest visit), not the run.
    cdd = next(row for row in documents.values() if row["Tipo"] == "resumen-cdd")
    assert cdd["Fecha"].date() < TODAY and cdd["PDF"]
    cdd_text = squash(pdf_text(root / "outbox" / str(cdd["Fecha"].year) / "resumen-cdd" / cdd["PDF"]))
    assert all(name in cdd_text for name in ("PROMAE RIMAC", "ROSA DE AMERICA", "PERU"))
    caps = {row["Fecha"].year: row for row in documents.values() if row["Tipo"] == "resumen-cap"}
    assert sorted(caps) == [2025, 2026]  # one per year of visits, each over that year's fichas alone
    cap_2026 = docx_text(root / "outbox" / "2026" / "resumen-cap" / caps[2026]["Word"])
    assert "consolida 3 fichas" in cap_2026 and "«CETPRO PERÚ»" not in cap_2026
    cap_2025 = docx_text(root / "outbox" / "2025" / "resumen-cap" / caps[2025]["Word"])
    assert "consolida 1 ficha," in cap_2025 and "«CETPRO PERÚ»" in cap_2025

    # A later pass: the request to annul a number; ESTADO says so.
    shutil.copy(EXAMPLES / "anulacion.xlsx", inbox / "anulacion.xlsx")
    assert run_cli(root, "process").exit_code == 0
    documents = {row["Número"]: row for row in _rows(status, "Documentos")}
    annulled = documents["FICHA N° 001-2025-CAP-UGEL02"]
    assert annulled["Estado"] == "anulado" and annulled["Observación"].startswith("Anulado: ")
    assert (root / "outbox" / "anulados" / "2025" / annulled["Word"]).is_file()
    request = next(row for row in _rows(status, "Archivos recibidos") if row["Archivo"] == "anulacion.xlsx")
    assert request["Estado"] == "procesado"
    assert run_cli(root, "process", "--verificar").exit_code == 0


CONFIG = FAST + "\n[pdf]\nactivar = false\n\n[firmante]\n" + SIGNER


def test_the_ugel_reports_are_refreshed_under_their_number_as_forms_arrive(tmp_path):
    office = make_settings(tmp_path, CONFIG)
    office.inbox.mkdir(parents=True)
    shutil.copy(EXAMPLES / "cap" / "ficha-cap-promae-rimac.docx", office.inbox / "ficha-cap-promae-rimac.docx")
    shutil.copy(EXAMPLES / "cdd" / "0437889-promae-rimac.xlsx", office.inbox / "0437889-promae-rimac.xlsx")
    first = {result.name: result for result in run_pass(office, pdf=False).results}
    [cap_report] = [d for d in first["ficha-cap-promae-rimac.docx"].documents if d.kind == "resumen-cap"]
    [cdd_report] = [d for d in first["0437889-promae-rimac.xlsx"].documents if d.kind == "resumen-cdd"]
    cap_docx = next(Path(file) for file in cap_report.files if file.endswith(".docx"))
    assert "LOS LIBERTADORES" not in docx_text(cap_docx)

    shutil.copy(EXAMPLES / "cap" / "ficha-cap-los-libertadores.docx", office.inbox / "ficha-cap-los-libertadores.docx")
    shutil.copy(EXAMPLES / "cdd" / "0777151-peru.xlsx", office.inbox / "0777151-peru.xlsx")
    second = {result.name: result for result in run_pass(office, pdf=False).results}
    [cap_again] = [d for d in second["ficha-cap-los-libertadores.docx"].documents if d.kind == "resumen-cap"]
    [cdd_again] = [d for d in second["0777151-peru.xlsx"].documents if d.kind == "resumen-cdd"]
    assert (cap_again.number, cdd_again.number) == (cap_report.number, cdd_report.number)  # one current version
    text = docx_text(cap_docx)
    assert "LOS LIBERTADORES" in text and "PROMAE RIMAC" in text  # both fichas of the year
    replaced = files_under(office.outbox / "reemplazados")
    assert {path.parent.name for path in replaced} == {"resumen-cap", "resumen-cdd"}
    receipt = (office.inbox / "procesados" / DAY / "ficha-cap-los-libertadores.recibo.txt").read_text(encoding="utf-8")
    assert cap_report.number in receipt and "reemplazados/" in receipt
    assert run_cli(tmp_path, "process", "--verificar").exit_code == 0


def test_the_informe_final_waits_for_the_workbook_and_the_resolution(tmp_path):
    office = make_settings(tmp_path, CONFIG)
    office.inbox.mkdir(parents=True)
    shutil.copy(EXAMPLES / "comite.xlsx", office.inbox / "comite.xlsx")
    [committee] = run_pass(office, pdf=False).results
    assert not any(d.kind == "informe-final" for d in committee.documents)
    receipt = (office.inbox / "procesados" / DAY / "comite.recibo.txt").read_text(encoding="utf-8")
    assert ("El informe final se generará cuando lleguen a la bandeja el libro del concurso de ascenso "
            "(ascenso.xlsx) y la resolución de conformación del Comité en PDF") in receipt

    shutil.copy(EXAMPLES / "ascenso.xlsx", office.inbox / "ascenso.xlsx")
    shutil.copytree(EXAMPLES / "expediente", office.inbox / "expediente")
    shutil.copy(EXAMPLES / "resolucion-conformacion.pdf", office.inbox / "Resolución de Conformación.pdf")
    shutil.copy(EXAMPLES / "resolucion-conformacion.pdf", office.inbox / "otro.pdf")
    results = {result.name: result for result in run_pass(office, pdf=False).results}
    resolution = results["Resolución de Conformación.pdf"]
    assert resolution.outcome is Outcome.PROCESSED and resolution.family.kind == "resolucion-comite"
    workbook = results["ascenso.xlsx"]  # the informe goes with the workbook when the committee did not come
    assert [d.number for d in workbook.documents if d.kind == "informe-final"] == ["INFORME N° 001-2026-CE-UGEL02"]
    # A PDF that is neither a signed copy nor named as the resolution is explained.
    other = results["otro.pdf"]
    assert other.outcome is Outcome.OBSERVED
    assert "nombre el PDF «Resolución de conformación.pdf»" in other.issues[0].fix


def test_without_a_signer_the_ugel_report_is_explained_in_the_receipt(tmp_path):
    office = make_settings(tmp_path, FAST + "\n[pdf]\nactivar = false\n")
    office.inbox.mkdir(parents=True)
    shutil.copy(EXAMPLES / "cdd" / "0437889-promae-rimac.xlsx", office.inbox / "0437889-promae-rimac.xlsx")
    shutil.copy(EXAMPLES / "cap" / "ficha-cap-peru.docx", office.inbox / "ficha-cap-peru.docx")
    results = {result.name: result for result in run_pass(office, pdf=False).results}
    result, ficha = results["0437889-promae-rimac.xlsx"], results["ficha-cap-peru.docx"]
    assert result.outcome is ficha.outcome is Outcome.PROCESSED
    assert {d.kind for d in result.documents} == {"oficio-cdd"}  # the CETPRO's own oficios still come out
    assert [d.kind for d in ficha.documents] == ["ficha-cap"]
    assert any(warning.startswith("No se generó el consolidado de las fichas CAP de 2025: Falta quién firma")
               for warning in ficha.warnings)
    receipt = (office.inbox / "procesados" / DAY / "0437889-promae-rimac.recibo.txt").read_text(encoding="utf-8")
    assert ("No se generó el informe de Compromisos de Desempeño de la UGEL: Falta quién firma el informe "
            "(nombre, DNI, cargo). Complete [firmante] en cddgen.toml") in receipt
    row = next(row for row in _rows(office.outbox / "ESTADO.xlsx", "Archivos recibidos")
               if row["Archivo"] == "0437889-promae-rimac.xlsx")
    assert row["Estado"] == "procesado" and row["Avisos"] == 1
