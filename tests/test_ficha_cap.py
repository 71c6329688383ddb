"""End to end: `cddgen render ficha-cap` and `cddgen render resumen-cap` (issue 6.4 and 6.5)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader


from .cap_helpers import all_marks, blank_ficha, fill_ficha
from .conftest import EXAMPLES, docx_text, make_settings, pdf_text, squash
from .helpers import files_under, run_cli

YEAR_NAME_2025 = "Año de la recuperación y consolidación de la economía peruana"
YEAR_NAME_2026 = "Año de la Esperanza y el Fortalecimiento de la Democracia"


def run(tmp_path, *args):
    return run_cli(tmp_path, *args)


# Who signs the UGEL's informe (DOMAIN.md D: a signature block carries name, DNI and cargo).
SIGNER = ('[firmante]\nnombre = "Jorge Luis Paredes Quispe"\ndni = "41234509"\n'
          'cargo = "Especialista en Educación"\ntratamiento = "Sr."\n')


@pytest.mark.libreoffice
def test_ficha_shows_marks_totals_levels_year_name_and_number_in_word_and_pdf(tmp_path):
    result = run(tmp_path, "render", "ficha-cap", str(EXAMPLES / "cap" / "ficha-cap-peru.docx"))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "outbox" / "2025" / "ficha-cap"
    docx = folder / "FICHA N° 001-2025-CAP-UGEL02 CETPRO PERÚ.docx"
    pdf = docx.with_suffix(".pdf")
    assert docx.exists() and pdf.exists(), result.output
    for text in (squash(docx_text(docx)), squash(pdf_text(pdf))):
        assert "FICHA N° 001-2025-CAP-UGEL02" in text
        # The visit is on 21/10/2025: the header carries 2025's name, whatever today is.
        assert f"“{YEAR_NAME_2025}”" in text
        assert "EN LAS INSTITUCIONES EDUCATIVAS DE LA ETP – 2025" in text
        # The membrete (DOMAIN.md D): the band PERÚ | Ministerio de Educación | DRE | UGEL.
        assert ("PERÚ Ministerio de Educación Dirección Regional de Educación de Lima Metropolitana Unidad de "
                "Gestión Educativa Local N° 02") in text
        assert "Área de Gestión de la Educación Básica Alternativa y Técnico-Productiva" in text
        # Per block: sum, maximum, percentage and level (Diagnóstico 2, 2, 1, 2, 1, 1 → mean 1.5).
        assert "Bloque Diagnóstico: 9 de 18 puntos (50 %) – nivel: En proceso" in text
        assert "Bloque Después: 1 de 9 puntos (11.1 %) – nivel: No realizado" in text
        assert "Total 4.1: 32 de 66 puntos (48.5 %) – nivel: En inicio" in text
        assert "Total de la ficha 40 55 120 45.8 % En inicio" in text
        assert "Registrar los acuerdos de cada reunión y verificar su cumplimiento en la siguiente." in text
        assert "Lucía Fernanda Ccori Mamani" in text and "Ana María Torres Ríos" in text
        # People in their own gender (DOMAIN.md D): a directora and a monitora.
        assert "Lucía Fernanda Ccori Mamani Directora del CETPRO PERÚ" in text and "Especialista / monitora" in text
        assert "COMPROMISOS DE LA DIRECTORA" in text
        # The ficha's text follows its period: a visit of October 2025 looks back on 2025's first period.
        assert "Práctica Pedagógica del primer periodo de 2025 (sistematización" in text
        assert "actas de evaluación del periodo 2025-1" in text
        assert "en el año 2025, segundo periodo" in text
    document = Document(str(docx))
    staff = next(t for t in document.tables if t.cell(0, 0).text == "Personal institucional")
    assert [c.text for c in staff.rows[-1].cells] == ["Total", "17", "11", "28"]  # computed, never typed
    goals = next(t for t in document.tables if t.cell(0, 0).text.startswith("Matriculados"))
    assert [c.text for c in goals.rows[1].cells][-2:] == ["415", "361"]
    # The X of each item in the column of its value: Diagnóstico 2.3 was valued 1.
    row = next(r for t in document.tables for r in t.rows if r.cells[1].text.startswith("Se realizó el diagnóstico"))
    assert [c.text for c in row.cells] == ["2.3.", row.cells[1].text, "", "X", "", ""]


def test_a_ficha_from_excel_renders_and_rendering_again_keeps_its_number(tmp_path):
    example = EXAMPLES / "cap" / "ficha-cap-jose-carlos-mariategui.xlsx"
    for _ in range(2):
        result = run(tmp_path, "render", "ficha-cap", "--sin-pdf", str(example))
        assert result.exit_code == 0, result.output
    [docx] = files_under(tmp_path / "outbox" / "2026")
    assert docx.name == "FICHA N° 001-2026-CAP-UGEL02 CETPRO JOSÉ CARLOS MARIÁTEGUI.docx"
    # The first rendering is kept aside, never overwritten (issue 14.3).
    [earlier] = files_under(tmp_path / "outbox" / "reemplazados")
    assert earlier.relative_to(tmp_path / "outbox") == Path("reemplazados", "2026", "ficha-cap", docx.name)
    assert (f"(reemplaza a outbox/2026/ficha-cap/{docx.name}, guardado en outbox/reemplazados/2026/ficha-cap/"
            f"{docx.name})") in result.output
    text = squash(docx_text(docx))
    assert f"“{YEAR_NAME_2026}”" in text
    assert "Bloque Instrumentos sugeridos: 5 de 15 puntos (33.3 %) – nivel: En inicio" in text


def test_a_doubly_marked_ficha_names_the_item_and_writes_nothing(tmp_path):
    settings = make_settings(tmp_path)
    rules = settings.rules.cap
    catalogue = rules.catalogue()
    blank = blank_ficha(settings, tmp_path / "forms")
    marks = {**all_marks(catalogue), ("durante", "2.5"): 0}
    path = fill_ficha(blank, tmp_path / "entrada" / "ficha.docx", rules, marks, extra={("durante", "2.5"): {1: "X"}})
    original = path.read_bytes()
    result = run(tmp_path, "render", "ficha-cap", str(path))
    assert result.exit_code == 3
    assert "ficha.docx tiene 1 problema; no se generó ningún documento." in result.output
    assert "ítem Durante 2.5: tiene 2 marcas (columnas 0 y 1)" in result.output
    assert files_under(tmp_path / "outbox") == []
    assert path.read_bytes() == original


@pytest.mark.libreoffice
def test_resumen_consolidates_one_period_lists_the_rest_on_the_screen_and_draws_the_chart(tmp_path):
    """The issue: the CAP informe covers one period (by default the year of the latest visit), never
    a 2025 ficha in a 2026 informe; what it leaves out goes to the screen and the workbook."""
    (tmp_path / "cddgen.toml").write_text(SIGNER, encoding="utf-8")
    folder = tmp_path / "fichas"
    shutil.copytree(EXAMPLES / "cap", folder)
    settings = make_settings(tmp_path)
    rules = settings.rules.cap
    catalogue = rules.catalogue()
    blank = blank_ficha(settings, tmp_path / "forms")
    marks = {**all_marks(catalogue), ("antes", "1.3"): None}
    fill_ficha(blank, folder / "ficha-incompleta.docx", rules, marks, data={"Nombre del CETPRO": "CETPRO X"})
    (folder / "~$ficha-cap-peru.docx").write_bytes(b"lock file of Word")
    result = run(tmp_path, "render", "resumen-cap", str(folder))
    assert result.exit_code == 0, result.output
    assert "ficha-incompleta.docx no se consolidó" in result.output
    assert "ítem Antes 1.3: no está marcado." in result.output
    assert "ficha-cap-peru.docx no se consolidó" in result.output
    assert "la visita del 21/10/2025 no es del periodo del informe (2026)." in result.output
    base = tmp_path / "outbox" / "2026" / "resumen-cap" / "INFORME N° 001-2026-CAP-UGEL02 consolidado CAP"
    docx, pdf, xlsx = (base.with_suffix(suffix) for suffix in (".docx", ".pdf", ".xlsx"))
    assert docx.exists() and pdf.exists() and xlsx.exists(), result.output

    document = Document(str(docx))
    table = next(t for t in document.tables if t.cell(0, 1).text == "CETPRO (código local)")
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [row[1] for row in rows] == [
        "CETPRO JOSÉ CARLOS MARIÁTEGUI (0588214)", "CETPRO LOS LIBERTADORES (0663427)",
        "CETPRO PROMAE RIMAC (0437889)", "Promedio de los CETPRO"]
    assert [cell.text for cell in table.rows[0].cells][3:] == [
        "Sensibilización (4.1)", "Diagnóstico (4.1)", "Definición de grupos (4.1)", "Instrumentos sugeridos (4.1)",
        "Antes (4.2)", "Durante (4.2)", "Después (4.2)", "Total de la ficha"]
    assert rows[2][4] == "77.8 %\nLogrado"  # PROMAE RIMAC, Diagnóstico
    assert rows[1][9] == "0 %\nNo realizado"  # LOS LIBERTADORES, Después
    needs = next(t for t in document.tables if t.cell(0, 1).text == "Ítem")
    assert needs.rows[1].cells[1].text == "Instrumentos sugeridos 1.5 (4.1)"
    assert [needs.rows[1].cells[i].text for i in (3, 4, 5)] == ["2", "1", "3"]
    assert len(document.inline_shapes) == 1
    with zipfile.ZipFile(docx) as archive:
        assert any(name.startswith("word/media/") and name.endswith(".png") for name in archive.namelist())
    text = squash(docx_text(docx))
    # No software text in the informe: the files left out are the screen's business.
    assert "ficha-incompleta.docx" not in text and "no está marcado" not in text and "CETPRO PERÚ" not in text
    assert "~$" not in text
    pdf_words = squash(pdf_text(pdf))
    for expected in ("INFORME N° 001-2026-CAP-UGEL02", f"“{YEAR_NAME_2026}”", "CETPRO LOS LIBERTADORES",
                     "2.3 Ítems que requieren apoyo de la UGEL",
                     "Asunto Consolidado del monitoreo a la implementación de las Comunidades de Aprendizaje "
                     "Profesional (CAP) en los CETPRO – 2026",
                     # Dated from its input: the latest visit it consolidates.
                     "Fecha Lima, 9 de setiembre de 2026",
                     "III. CONCLUSIONES", "3.1 Se monitoreó la implementación de la CAP en 3 CETPRO",
                     "IV. RECOMENDACIONES", "Nombres y apellidos: Jorge Luis Paredes Quispe DNI N.º: 41234509"):
        assert expected in pdf_words, expected
    assert any(page.images for page in PdfReader(str(pdf)).pages)  # the chart

    workbook = load_workbook(xlsx)
    assert workbook.sheetnames == ["Informe", "CETPRO por bloque", "Niveles por bloque", "Ítems a apoyar",
                                   "Valoraciones", "No consolidadas"]
    first = [cell.value for cell in workbook["Ítems a apoyar"][2]]
    assert first[:4] == [1, "4.1", "Instrumentos sugeridos", "1.5"] and first[5:8] == [2, 1, 3]
    assert {row[0] for row in workbook["No consolidadas"].iter_rows(min_row=2, values_only=True)} == {
        "ficha-incompleta.docx", "ficha-cap-peru.docx"}
    assert workbook["Valoraciones"].max_row == 41


def test_resumen_without_any_valid_ficha_makes_nothing(tmp_path):
    folder = tmp_path / "fichas"
    folder.mkdir()
    (folder / "roto.docx").write_bytes(b"")
    result = run(tmp_path, "render", "resumen-cap", str(folder))
    assert result.exit_code == 3
    assert "roto.docx: el archivo está vacío" in result.output
    assert files_under(tmp_path / "outbox") == []


def test_demo_renders_every_example_ficha_and_the_report_of_all_examples(tmp_path):
    from generator.pipeline.demo import run_demo

    results = run_demo(make_settings(tmp_path), pdf=False)
    kinds = [document.kind for family, documents in results if family.kind == "ficha-cap" for document in documents]
    assert kinds == ["ficha-cap"] * 4 + ["resumen-cap"]
    report = next(d for _, documents in results for d in documents if d.kind == "resumen-cap")
    assert [path.suffix for path in report.files] == [".docx", ".xlsx"]
    # The demo's informe covers 2026, the year of the latest example visit: three fichas.
    text = squash(docx_text(report.docx))
    assert "Este informe consolida 3 fichas, la más reciente de cada CETPRO en el periodo." in text
    assert "ficha(s)" not in text


def test_resumen_of_another_year_or_dates(tmp_path):
    (tmp_path / "cddgen.toml").write_text(SIGNER, encoding="utf-8")
    result = run(tmp_path, "render", "resumen-cap", "--sin-pdf", "--anio", "2025", str(EXAMPLES / "cap"))
    assert result.exit_code == 0, result.output
    (docx,) = (tmp_path / "outbox" / "2025" / "resumen-cap").glob("*.docx")
    text = squash(docx_text(docx))
    assert "CETPRO PERÚ" in text and "LOS LIBERTADORES" not in text
    assert "Este informe consolida 1 ficha," in text
    both = run(tmp_path, "render", "resumen-cap", "--sin-pdf", "--anio", "2025", "--desde", "2025-01-01",
               str(EXAMPLES / "cap"))
    assert both.exit_code == 2 and "Use --anio o bien --desde y --hasta, no ambos." in both.output
    none = run(tmp_path, "render", "resumen-cap", "--sin-pdf", "--desde", "2024-01-01", "--hasta", "2024-12-31",
               str(EXAMPLES / "cap"))
    assert none.exit_code == 3 and "ninguna ficha válida de la carpeta es del periodo del 01/01/2024 al 31/12/2024" \
        in none.output
