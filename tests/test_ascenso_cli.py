"""End to end: `cddgen render acta`, `cddgen render actas` and `cddgen score` on the sample
(issue #3, items 4–5), reading the numbers back from the .docx, the PDF and resultados.xlsx."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from generator.domain.ascenso import evaluate
from generator.readers.ascenso import read_ascenso
from generator.render.resultados import CRITERIA

from .conftest import docx_text, pdf_pages, pdf_text, squash
from .helpers import edit_workbook, files_under, run_cli

LUCIA = "41234567"
# Ccori Mamani, Lucía (DOMAIN.md A.2, worked by hand): rubro 1 = 8 + 3 + 2 + 2 + 1, rubro 2 = 3 (Palmas),
# rubro 3 = 6 (3.1) + 2 (3.4, overflow of 3.5) + 4 (3.5); Matriz 31; 92.5 + 31 = 123.5; × 1.15 = 142.025.
LUCIA_CRITERIA = {"1.1": "8", "1.2": "3", "1.3": "2", "1.4": "2", "1.5": "1", "2.1": "3", "2.2": "0", "2.3": "0",
                  "2.4": "0", "2.5": "0", "3.1": "6", "3.2": "0", "3.3": "0", "3.4": "2", "3.5": "4", "3.6": "0"}
LUCIA_RESULTS = {
    "Rubro 1: Formación académica y profesional": "16", "Rubro 2: Méritos": "3",
    "Rubro 3: Experiencia profesional": "12", "Puntaje de la Matriz (máximo 50)": "31",
    "Puntaje de la etapa nacional": "92.5", "Puntaje total": "123.5",
    "Bonificación por discapacidad (15 %)": "Sí", "Puntaje final": "142.025", "Estado": "CUMPLE REQUISITOS",
}


def run(tmp_path, *args):
    return run_cli(tmp_path, *args)


@pytest.fixture
def sample(example):
    """ascenso.xlsx with comite.xlsx beside it (the committee signs the actas)."""
    example("comite.xlsx")
    return example("ascenso.xlsx")


def _all_tables(tables):
    """Every table, nested ones too (the results travel with the signatures inside the closing block)."""
    for table in tables:
        yield table
        for row in table.rows:
            for cell in row.cells:
                yield from _all_tables(cell.tables)


def tables(path):
    """Two-column tables as {label: value}, and criterion rows as {id: (máximo, obtenido)}."""
    pairs, criteria = {}, {}
    for table in _all_tables(Document(str(path)).tables):
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]
            if len(cells) == 2:
                pairs[cells[0]] = cells[1]
            match = re.match(r"^(\d\.\d) ", cells[0])
            if len(cells) == 4 and match:
                criteria[match.group(1)] = (cells[1], cells[2])
    return pairs, criteria


def test_acta_of_one_postulante_shows_its_numbers_in_word_and_pdf(tmp_path, sample):
    result = run(tmp_path, "render", "acta", "--postulante", LUCIA, str(sample))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "outbox" / "2026" / "acta-resultados"
    docx = folder / "ACTA DE RESULTADOS N° 001-2026-CE-UGEL02 41234567 Ccori Mamani, Lucía.docx"
    pdf = docx.with_suffix(".pdf")
    assert docx.exists() and pdf.exists(), result.output
    assert sorted(files_under(tmp_path / "outbox")) == [docx, pdf]

    pairs, criteria = tables(docx)
    assert {label: pairs[label] for label in LUCIA_RESULTS} == LUCIA_RESULTS
    assert {cid: points for cid, (_, points) in criteria.items()} == LUCIA_CRITERIA
    assert criteria["1.1"][0] == "8" and criteria["2.4"][0] == "1.5" and criteria["3.1"][0] == "6"
    assert pairs["DNI"] == LUCIA and pairs["Apellidos y nombres"] == "Ccori Mamani, Lucía"
    assert pairs["Escala magisterial"] == "Escala actual: 3 (tercera); postula a la escala 4 (cuarta)"
    text = docx_text(docx)
    for words in ("ACTA INDIVIDUAL DE RESULTADOS – ETAPA DESCENTRALIZADA", "ACTA DE RESULTADOS N° 001-2026-CE-UGEL02",
                  "Estado: CUMPLE REQUISITOS.", "Tiempo de servicios oficiales en la escala 3 al 15/05/2025",
                  "solo se valora el grado más alto", "2 años pasan a 3.4 (desborde de 3.5)",
                  "Convención de meses (rubro 3): meses calendario completos",
                  "40123456", "08123456", "09876543", "Primer miembro (Presidenta)"):
        assert words in text, words
    assert "Firma dispensada" not in text and "Constancia" not in text

    printed = squash(pdf_text(pdf))
    assert "ACTA DE RESULTADOS N° 001-2026-CE-UGEL02" in printed
    for label, value in LUCIA_RESULTS.items():
        assert f"{label} {value}" in printed, label
    for rubro, maximum, points in (("1", 16, 16), ("2", 10, 3), ("3", 24, 12)):
        assert f"Subtotal del rubro {rubro} {maximum} {points}" in printed
    assert "3.5 Director de IE pública de Educación Básica con aula a cargo o dictado de clases 4 4" in printed
    assert "María Elena Quispe Ñañez" in printed
    assert pdf_pages(pdf) >= 3
    assert f"Página {pdf_pages(pdf)} de {pdf_pages(pdf)}" in printed


def test_actas_renders_every_postulante_in_one_batch(tmp_path, sample, settings):
    result = run(tmp_path, "render", "actas", "--sin-pdf", str(sample))
    assert result.exit_code == 0, result.output
    produced = files_under(tmp_path / "outbox" / "2026" / "acta-resultados")
    assert len(produced) == 34 and all(path.suffix == ".docx" for path in produced)
    numbers = sorted(re.search(r"N° (\d{3})-", path.name).group(1) for path in produced)
    assert numbers == [f"{n:03d}" for n in range(1, 35)]
    assert "34 documento(s) generado(s)" in result.output and "Actas de resultados" in result.output
    # Every acta shows its own final score.
    rules = settings.rules("ascenso")
    finals = {p.dni: evaluate(p, rules).puntaje_final for p in read_ascenso(sample, rules)}
    for path in produced:
        dni = path.name.split(" ")[5]
        pairs, _ = tables(path)
        assert Decimal(pairs["Puntaje final"]) == finals[dni], path.name


def test_score_writes_resultados_equal_to_the_domain(tmp_path, sample, settings):
    result = run(tmp_path, "score", str(sample))
    assert result.exit_code == 0, result.output
    assert "Ccori Mamani, Lucía" in result.output and "142.025" in result.output
    assert "34 postulante(s). Resultados: outbox/resultados.xlsx" in result.output
    sheet = load_workbook(tmp_path / "outbox" / "resultados.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    rules = settings.rules("ascenso")
    expected = [evaluate(p, rules) for p in read_ascenso(sample, rules)]
    assert len(data) == len(expected) == 34
    column = {name: index for index, name in enumerate(header)}
    for row, evaluation in zip(data, expected):
        assert row[column["DNI"]] == evaluation.postulante.dni
        assert row[column["Estado"]] == evaluation.estado
        for criterion_id in CRITERIA:
            assert Decimal(str(row[column[f"Criterio {criterion_id}"]])) == evaluation.criterion(criterion_id).points
        for rubro in ("1", "2", "3"):
            assert Decimal(str(row[column[f"Rubro {rubro}"]])) == evaluation.rubro(rubro).points
        assert Decimal(str(row[column["Matriz"]])) == evaluation.matriz_total
        assert Decimal(str(row[column["Etapa nacional"]])) == evaluation.puntaje_nacional
        assert Decimal(str(row[column["Puntaje total"]])) == evaluation.puntaje_total
        assert Decimal(str(row[column["Puntaje final"]])) == evaluation.puntaje_final
    flagged = [row for row in data if row[column["Bonificación"]] == "Sí (observada)"]
    assert [row[column["DNI"]] for row in flagged] == ["45678123"]


def test_a_dispensed_signature_leaves_its_constancia(tmp_path, sample):
    result = run(tmp_path, "render", "acta", "--sin-pdf", "--postulante", "49987654", str(sample))
    assert result.exit_code == 0, result.output
    (docx,) = files_under(tmp_path / "outbox")
    text = squash(docx_text(docx))
    assert ("Constancia: excepcionalmente, por caso fortuito o fuerza mayor, se prescinde de la firma del tercer "
            "miembro del Comité de Evaluación, Rosa Amelia Huamán Cárdenas (DNI 09876543)") in text
    assert "Motivo: Descanso médico por intervención quirúrgica de emergencia" in text
    assert "(Firma dispensada)" in text and text.count("______________________________") == 2


def test_flagged_bonus_and_failed_requisitos_on_the_acta(tmp_path, sample):
    assert run(tmp_path, "render", "acta", "--sin-pdf", "--postulante", "45678123", str(sample)).exit_code == 0
    assert run(tmp_path, "render", "acta", "--sin-pdf", "--postulante", "06543210", str(sample)).exit_code == 0
    flagged, failed = sorted(files_under(tmp_path / "outbox"))
    text = squash(docx_text(flagged))
    assert "Nota para la DRE/UGEL: El certificado de discapacidad N° 00098214 no se encontró" in text
    text = squash(docx_text(failed))
    assert "Estado: NO CUMPLE REQUISITOS. Incurre en la causal de retiro j) No cumplir" in text
    assert "la reducción se aplica a partir de la escala 4 (escala actual); no se reduce" in text


def test_a_broken_workbook_gives_the_complete_list_and_no_output(tmp_path, example, sample, settings):
    from .test_ascenso_reader import broken_copy

    path, expected = broken_copy(example, settings.rules("ascenso"))
    original = path.read_bytes()
    for command in (["render", "actas", "--sin-pdf"], ["score"], ["render", "acta", "--postulante", LUCIA]):
        result = run(tmp_path, *command, str(path))
        assert result.exit_code == 3, result.output
        lines = [line for line in result.output.splitlines() if line.startswith("  - ")]
        assert len(lines) == len(expected) == 9
        for (sheet, row, column), message in expected.items():
            assert any(f"hoja «{sheet}», fila {row}, columna «{column}»: {message}" in line for line in lines), message
        assert "Traceback" not in result.output
    assert files_under(tmp_path / "outbox") == []
    assert path.read_bytes() == original


def test_default_workbook_and_committee_and_their_absence(tmp_path, sample):
    result = run(tmp_path, "score")
    assert result.exit_code == 2
    assert "No se indicó el libro del concurso de ascenso y no existe" in result.output
    assert "rutas.libro_ascenso" in result.output
    shutil.copy2(sample, tmp_path / "ascenso.xlsx")
    assert run(tmp_path, "score").exit_code == 0
    result = run(tmp_path, "render", "acta", "--sin-pdf", "--postulante", LUCIA)
    assert result.exit_code == 2 and "No se encontró el formulario del Comité de Evaluación" in result.output
    assert "--comite" in result.output
    shutil.copy2(sample.parent / "comite.xlsx", tmp_path / "comite.xlsx")
    assert run(tmp_path, "render", "acta", "--sin-pdf", "--postulante", LUCIA).exit_code == 0


def test_an_unknown_or_malformed_dni(tmp_path, sample):
    result = run(tmp_path, "render", "acta", "--sin-pdf", "--postulante", "12345678", str(sample))
    assert result.exit_code == 2 and "El DNI 12345678 no figura en la hoja «Postulantes» de ascenso.xlsx." in result.output
    result = run(tmp_path, "render", "acta", "--postulante", "1234", str(sample))
    assert result.exit_code == 2 and "«1234» no es un DNI: debe tener 8 dígitos." in result.output
    assert files_under(tmp_path / "outbox") == []


def test_a_committee_member_who_is_a_postulante_is_refused_both_ways(tmp_path, example, sample, settings):
    from .test_ascenso_reader import cell, rows_of

    rules = settings.rules("ascenso")
    row = rows_of(sample, "Postulantes", "01928374")[0]  # a postulante without records
    edit_workbook(sample, {"Postulantes": {cell(rules, "Postulantes", "dni", row): "09876543"}})
    committee = sample.parent / "comite.xlsx"
    result = run(tmp_path, "render", "acta-instalacion", "--sin-pdf", "--postulantes", str(sample), str(committee))
    assert result.exit_code == 3
    assert ("Rosa Amelia Huamán Cárdenas (DNI 09876543) figura como postulante (López Ugarte, Verónica)"
            in result.output)
    result = run(tmp_path, "render", "actas", "--sin-pdf", str(sample))
    assert result.exit_code == 3 and "figura como postulante" in result.output
    assert files_under(tmp_path / "outbox") == []
    # Without the clash the acta de instalación is produced.
    ok = example("ascenso.xlsx")
    result = run(tmp_path, "render", "acta-instalacion", "--sin-pdf", "--postulantes", str(ok), str(committee))
    assert result.exit_code == 0, result.output


def test_the_acta_date_from_the_workbook_names_its_year(tmp_path, sample, settings):
    from .test_ascenso_reader import cell, rows_of

    row = rows_of(sample, "Postulantes", LUCIA)[0]
    edit_workbook(sample, {"Postulantes": {cell(settings.rules("ascenso"), "Postulantes", "fecha_acta", row):
                                           "20/01/2026"}})
    assert run(tmp_path, "render", "acta", "--sin-pdf", "--postulante", LUCIA, str(sample)).exit_code == 0
    (docx,) = files_under(tmp_path / "outbox" / "2026")
    text = docx_text(docx)
    # 2026's name takes effect on 23/01/2026: an acta of 20/01/2026 carries 2025's.
    assert "“Año de la recuperación y consolidación de la economía peruana”" in text
    assert "En Lima, el 20 de enero de 2026" in squash(text)
