"""End to end: `cddgen render acta`, `cddgen render actas` and `cddgen score` on the sample
(issue #3, items 4–5), reading the numbers back from the .docx, the PDF and resultados.xlsx."""

from __future__ import annotations

import datetime as dt
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
from .helpers import as_ascenso_form_v2, edit_workbook, files_under, run_cli

LUCIA = "41234567"
# Ccori Mamani, Lucía (DOMAIN.md A.2, worked by hand): rubro 1 = 8 + 3 + 2 + 2 + 1, rubro 2 = 3 (Palmas),
# rubro 3 = 6 (3.1) + 2 (3.4, overflow of 3.5) + 4 (3.5); Matriz 31; 92.5 + 31 = 123.5; × 1.15 = 142.025.
LUCIA_CRITERIA = {"1.1": "8", "1.2": "3", "1.3": "2", "1.4": "2", "1.5": "1", "2.1": "3", "2.2": "0", "2.3": "0",
                  "2.4": "0", "2.5": "0", "3.1": "6", "3.2": "0", "3.3": "0", "3.4": "2", "3.5": "4", "3.6": "0"}
LUCIA_RESULTS = {
    "Rubro 1: Formación académica y profesional": "16", "Rubro 2: Méritos": "3",
    "Rubro 3: Experiencia profesional": "12", "Puntaje de la Matriz (máximo 50)": "31",
    "Puntaje de la etapa nacional": "92.5", "Puntaje total": "123.5",
    "Bonificación por discapacidad (15 % del puntaje total)": "18.525", "Puntaje final": "142.025",
    "Estado": "CUMPLE REQUISITOS",
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


@pytest.mark.libreoffice
def test_acta_of_one_postulante_shows_its_numbers_in_word_and_pdf(tmp_path, sample):
    result = run(tmp_path, "render", "acta", "--postulante", LUCIA, str(sample))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "outbox" / "2026" / "acta-resultados"
    docx = folder / "ACTA DE RESULTADOS N° 001-2026-CE-UGEL02 41234567 Ccori Mamani, Lucía.docx"
    pdf = docx.with_suffix(".pdf")
    assert docx.exists() and pdf.exists(), result.output
    positions = docx.with_name(docx.stem + ".firmas.json")  # the committee's three signature fields
    assert sorted(files_under(tmp_path / "outbox")) == sorted([docx, pdf, positions])

    pairs, criteria = tables(docx)
    assert {label: pairs[label] for label in LUCIA_RESULTS} == LUCIA_RESULTS
    assert {cid: points for cid, (_, points) in criteria.items()} == LUCIA_CRITERIA
    assert criteria["1.1"][0] == "8" and criteria["2.4"][0] == "1.5" and criteria["3.1"][0] == "6"
    assert pairs["DNI"] == LUCIA and pairs["Apellidos y nombres"] == "Ccori Mamani, Lucía"
    assert pairs["Escala magisterial"] == "Escala actual: 3 (tercera); postula a la escala 4 (cuarta)"
    text = docx_text(docx)
    for words in ("ACTA INDIVIDUAL DE RESULTADOS – ETAPA DESCENTRALIZADA", "ACTA DE RESULTADOS N° 001-2026-CE-UGEL02",
                  "Estado: CUMPLE REQUISITOS.", "Tiempo de servicios oficiales en la escala 3 al 15/05/2025",
                  "solo se valora el grado más alto",
                  "2 años (del 01/03/2017 al 28/02/2019) pasan a 3.4 por desborde de 3.5",
                  "Convención de meses (rubro 3): meses calendario completos",
                  "40123456", "08123456", "09876543", "Primer miembro (Presidenta)"):
        assert words in text, words
    assert "Firma dispensada" not in text and "Constancia" not in text
    # Defaults por confirmar are listed in resultados.xlsx and by «cddgen config», never on the acta.
    assert "por confirmar" not in text.lower() and "por_confirmar" not in text
    # The bonificación as points (issue 13, item 3), and the idoneidad documents cited.
    assert pairs["Bonificación (15 %)"] == "18.525 puntos (15 % del puntaje total, 123.5)"
    assert "(Oficio N° 00456-2025-MINEDU/VMGP-DIED, del 20/10/2025; fuente: Información de la DIED en el " \
           "aplicativo)" in text

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
    assert "34 documentos generados" in result.output and "Actas de resultados" in result.output
    # Every acta shows its own final score.
    rules = settings.rules.ascenso
    finals = {p.dni: evaluate(p, rules).puntaje_final for p in read_ascenso(sample, rules)}
    for path in produced:
        dni = path.name.split(" ")[5]
        pairs, _ = tables(path)
        assert Decimal(pairs["Puntaje final"]) == finals[dni], path.name


def test_score_writes_resultados_equal_to_the_domain(tmp_path, sample, settings):
    """Issue 13, item 2: resultados.xlsx explains every point. «Resultados» has the columns in the
    Matriz's order and names, each criterion's reason beside its points and rubro 3's years
    credited (what the aplicativo asks for); «Sustento» one filterable row per postulante and
    requisito, criterion, bonificación and estado; «Parámetros» the defaults por confirmar."""
    result = run(tmp_path, "score", str(sample))
    assert result.exit_code == 0, result.output
    assert "Ccori Mamani, Lucía" in result.output and "142.025" in result.output
    assert "34 postulantes. Resultados: outbox/resultados.xlsx" in result.output
    workbook = load_workbook(tmp_path / "outbox" / "resultados.xlsx")
    rows = list(workbook["Resultados"].iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    rules = settings.rules.ascenso
    expected = [evaluate(p, rules) for p in read_ascenso(sample, rules)]
    assert len(data) == len(expected) == 34
    column = {name: index for index, name in enumerate(header)}
    titles = {cid: rules.matriz.criterios[cid].titulo for cid in CRITERIA}
    # The Matriz's order: rubro 1 (1.1–1.5), its subtotal, rubro 2, rubro 3, then the totals.
    order = [column[f"{cid} {titles[cid]}"] for cid in CRITERIA]
    assert order == sorted(order) and column["Rubro 1: Formación académica y profesional"] < order[5]
    assert header[column["Puntaje final"] - 1] == "Bonificación por discapacidad (puntos)"
    for row, evaluation in zip(data, expected):
        assert row[column["DNI"]] == evaluation.postulante.dni
        assert row[column["Estado"]] == evaluation.estado
        for criterion_id in CRITERIA:
            criterion = evaluation.criterion(criterion_id)
            assert Decimal(str(row[column[f"{criterion_id} {titles[criterion_id]}"]])) == criterion.points
            assert row[column[f"{criterion_id} Sustento"]] == criterion.reason
        for criterion_id in CRITERIA[10:]:
            assert row[column[f"{criterion_id} Años acreditados"]] == evaluation.criterion(criterion_id).years
        for rubro in evaluation.rubros:
            assert Decimal(str(row[column[f"Rubro {rubro.id}: {rubro.title}"]])) == rubro.points
        assert Decimal(str(row[column["Puntaje de la Matriz"]])) == evaluation.matriz_total
        assert Decimal(str(row[column["Puntaje de la etapa nacional"]])) == evaluation.puntaje_nacional
        assert Decimal(str(row[column["Puntaje total"]])) == evaluation.puntaje_total
        assert Decimal(str(row[column["Puntaje final"]])) == evaluation.puntaje_final
        assert Decimal(str(row[column["Bonificación por discapacidad (puntos)"]])) == evaluation.bonificacion_puntos
    by_dni = {row[column["DNI"]]: row for row in data}
    assert by_dni[LUCIA][column["Bonificación por discapacidad (puntos)"]] == 18.525
    assert by_dni["46789012"][column["3.1 Años acreditados"]] == 4
    flagged = [dni for dni, row in by_dni.items() if row[column["Nota SIHCE para la DRE/UGEL"]]]
    assert flagged == ["45678123"]
    assert by_dni["20384756"][column["Causal de retiro"]].startswith("j) No cumplir con los requisitos")
    assert by_dni["20384756"][column["b) Sin condena por los delitos de las Leyes N° 29988, 30901 y 30794"]] \
        == "No cumple"

    sustento = list(workbook["Sustento"].iter_rows(values_only=True))
    names = {name: index for index, name in enumerate(sustento[0])}
    assert workbook["Sustento"].auto_filter.ref == f"A1:O{len(sustento)}"
    assert len(sustento) - 1 == 34 * (5 + 16 + 2)
    lines = {(line[0], line[names["Código"]]): line for line in sustento[1:]}
    gutierrez = lines[("00456123", "Permanencia")]
    assert gutierrez[names["Resultado"]] == "Cumple" and gutierrez[names["Mínimo aplicado (años)"]] == 2
    assert gutierrez[names["Fecha de medición"]].date() == dt.date(2025, 8, 31)
    assert "al 15/05/2025 (inicio de la inscripción): 2 años, 8 meses y 15 días" in gutierrez[names["Sustento"]]
    mendoza = lines[("20384756", "b)")]
    assert mendoza[names["Fuente"]].startswith("Oficio N° 00456-2025-MINEDU/VMGP-DIED, del 20/10/2025")
    cusi = lines[("46789012", "3.1")]
    assert cusi[names["Tiempo contado"]] == "49 meses y 29 días (años de 10 meses)"
    assert cusi[names["Años acreditados"]] == 4 and cusi[names["Puntaje"]] == 4
    assert "Desborde de 3.6: 48 meses (del 01/01/2017 al 31/12/2020)" in cusi[names["Detalle"]]
    zuniga = lines[("45678123", "Bonificación")]
    assert zuniga[names["Fuente"]].startswith("b) Certificado de discapacidad permanente (BICAD")
    assert "SIHCE" in zuniga[names["Detalle"]] and zuniga[names["Resultado"]] == "12.9 puntos (15 % del puntaje total, 86)"

    parameters = list(workbook["Parámetros"].iter_rows(values_only=True))
    assert parameters[0] == ("Parámetro", "Valor", "Estado", "Qué decide", "Fuente")
    assert ('matriz.criterios."1.1".puntos_maestro', "6", "por confirmar") == parameters[1][:3]
    assert {line[2] for line in parameters[1:]} == {"por confirmar"}



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

    path, expected = broken_copy(example, settings.rules.ascenso)
    original = path.read_bytes()
    for command in (["render", "actas", "--sin-pdf"], ["score"], ["render", "acta", "--postulante", LUCIA]):
        result = run(tmp_path, *command, str(path))
        assert result.exit_code == 3, result.output
        lines = [line for line in result.output.splitlines() if line.startswith("  - ")]
        assert len(lines) == len(expected) == 9
        for (sheet, row, column), message in expected.items():
            where = ", ".join(part for part in (f"hoja «{sheet}»", row and f"fila {row}", column and f"columna «{column}»")
                              if part)
            assert any(f"{where}: {message}" in line for line in lines), message
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

    rules = settings.rules.ascenso
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
    edit_workbook(sample, {"Postulantes": {cell(settings.rules.ascenso, "Postulantes", "fecha_acta", row):
                                           "20/01/2026"}})
    assert run(tmp_path, "render", "acta", "--sin-pdf", "--postulante", LUCIA, str(sample)).exit_code == 0
    (docx,) = files_under(tmp_path / "outbox" / "2026")
    text = docx_text(docx)
    # 2026's name takes effect on 23/01/2026: an acta of 20/01/2026 carries 2025's.
    assert "“Año de la recuperación y consolidación de la economía peruana”" in text
    assert "En Lima, el 20 de enero de 2026" in squash(text)


def test_an_old_v2_workbook_is_scored_with_a_warning(tmp_path, sample, settings):
    """Issue 13, item 4: a workbook of form version 2 keeps working; the command says in Spanish
    which columns it lacks and what the documents will not show."""
    as_ascenso_form_v2(sample, settings.rules.ascenso)
    result = run(tmp_path, "score", str(sample))
    assert result.exit_code == 0, result.output
    assert "34 postulantes" in result.output
    assert ("Aviso: ascenso.xlsx es de una versión anterior del formulario (versión 4 actual): le faltan las "
            "columnas en «Postulantes», «Fecha del ascenso 2022»") in squash(result.output)


@pytest.mark.libreoffice
def test_acta_reads_3_1_in_10_month_years_and_names_the_dates_of_the_overflow(tmp_path, sample):
    """Issue 13 (items 1 and 3), seed 003 2.2 §3.1 and §3.6: the issue's case in the sample —
    encargado de dirección 01/01/2015–31/12/2020 and profesor 01/03/2021–29/04/2021 — scores
    3.6 = 4 and 3.1 = 4; the acta writes 3.1's time in months and 10-month years, and the part
    handed on with its dates, in Word and in the PDF."""
    result = run(tmp_path, "render", "acta", "--postulante", "46789012", str(sample))
    assert result.exit_code == 0, result.output
    docx = next((tmp_path / "outbox" / "2026" / "acta-resultados").glob("*.docx"))
    _, criteria = tables(docx)
    assert criteria["3.6"] == ("4", "4") and criteria["3.1"] == ("6", "4")
    for text in (docx_text(docx), squash(pdf_text(docx.with_suffix(".pdf")))):
        text = squash(text)
        assert "Total: 49 meses y 29 días; se valoran 4 años de 10 meses, a 1 punto por año: 4 puntos." in text
        assert ("6 años; 2 años (del 01/01/2015 al 31/12/2016) en 3.6; 48 meses (del 01/01/2017 al 31/12/2020) "
                "pasan a 3.1 por desborde de 3.6.") in text
        assert "Desborde de 3.6: 48 meses (del 01/01/2017 al 31/12/2020) de Profesor encargado" in text
        assert "nombrado (Ley N° 29944)" in text
        assert "años y 1 día" not in text
