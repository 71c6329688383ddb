"""Local habits read right (issue 19, item 5): what offices type instead of the canonical form,
and the mistakes that used to come back as a cascade of errors, explained once."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from generator.domain.ascenso import evaluate
from generator.errors import InvalidInput
from generator.forms.ascenso import ascenso_form
from generator.forms.spec import Column, Kind
from generator.pipeline.ascenso import read_committee_for
from generator.pipeline.process import Outcome, process_file
from generator.readers.ascenso import read_ascenso
from generator.readers.comite import read_committee
from generator.readers.cell_values import InvalidCell, parse_cell
from generator.run import Run

from .helpers import edit_workbook

DNI = Column("DNI", "dni", Kind.DNI)
TIME = Column("Hora", "hora", Kind.TIME)
DATE = Column("Fecha", "fecha", Kind.DATE)


@pytest.fixture
def rules(settings):
    return settings.rules.ascenso


def issues_of(call) -> list:
    with pytest.raises(InvalidInput) as error:
        call()
    return error.value.issues


@pytest.mark.parametrize("typed", ["45 123 456", "45.123.456", "DNI 45123456", "DNI: 45.123.456",
                                   "D.N.I. N° 45 123 456", "dni nro. 45123456", "45\u00a0123\u00a0456"])
def test_a_dni_with_spaces_dots_or_prefix_is_read(typed):
    assert parse_cell(typed, DNI) == "45123456"


@pytest.mark.parametrize("typed", ["45123456-7", "DNI 4512345", "45 123 4567", "DNI abc", "CE 45123456"])
def test_what_is_not_a_dni_stays_refused(typed):
    with pytest.raises(InvalidCell, match="no es un DNI válido: debe tener 8 dígitos"):
        parse_cell(typed, DNI)


@pytest.mark.parametrize(("typed", "expected"), [
    ("9:30 a.m.", dt.time(9, 30)), ("9:30 a. m.", dt.time(9, 30)), ("09.30am", dt.time(9, 30)),
    ("3 p.m.", dt.time(15, 0)), ("3:45 PM", dt.time(15, 45)), ("12:15 p.m.", dt.time(12, 15)),
    ("12:00 a.m.", dt.time(0, 0)), ("11:59 p. m.", dt.time(23, 59)), ("15:00", dt.time(15, 0)),
])
def test_times_with_am_pm_are_read(typed, expected):
    assert parse_cell(typed, TIME) == expected


@pytest.mark.parametrize("typed", ["13:00 p.m.", "0:30 a.m.", "9:75 a.m.", "9 horas p.m."])
def test_impossible_twelve_hour_times_are_refused(typed):
    with pytest.raises(InvalidCell, match="no es una hora"):
        parse_cell(typed, TIME)


@pytest.mark.parametrize(("typed", "expected"), [
    ("15/03/24", dt.date(2024, 3, 15)), ("5-1-26", dt.date(2026, 1, 5)), ("01.09.29", dt.date(2029, 9, 1)),
    # Excel's cutoff: 30 and later are the 1900s (a fecha de nombramiento of 1998).
    ("20/04/98", dt.date(1998, 4, 20)), ("01/01/30", dt.date(1930, 1, 1)),
])
def test_two_digit_years_are_read_as_excel_reads_them(typed, expected):
    assert parse_cell(typed, DATE) == expected


def test_an_impossible_date_with_a_two_digit_year_is_explained():
    with pytest.raises(InvalidCell, match="«31/02/24» no es una fecha válida"):
        parse_cell("31/02/24", DATE)


def test_escala_in_roman_numerals_is_read(rules):
    escala = ascenso_form(rules).sheet("Postulantes").column("escala")
    assert [parse_cell(text, escala) for text in ("III", "iv", "Escala V", "VII escala", 3)] == [3, 4, 5, 7, 3]
    for typed in ("IIII", "IX", "tercera"):
        with pytest.raises(InvalidCell):
            parse_cell(typed, escala)


def header_letter(path, sheet: str, header: str, row: int = 1) -> str:
    """The column letter of ``header`` in the header row of a workbook's sheet."""
    cells = load_workbook(path)[sheet][row]
    return next(cell.column_letter for cell in cells if cell.value == header)


def label_row(path, sheet: str, label: str) -> int:
    """The row of a label/value sheet whose label is ``label`` (with or without its «*»)."""
    rows = load_workbook(path)[sheet].iter_rows(max_col=1)
    return next(cells[0].row for cells in rows if str(cells[0].value or "").rstrip(" *") == label)


def cell_of(rules, sheet: str, field: str, row: int) -> str:
    from openpyxl.utils import get_column_letter

    fields = [column.field for column in ascenso_form(rules).sheet(sheet).columns]
    return f"{get_column_letter(fields.index(field) + 1)}{row}"


def test_a_workbook_typed_with_local_habits_scores_as_the_canonical_one(example, rules):
    """The sample with Lucía Ccori's escala «III», her DNI «DNI 41.234.567» in every sheet and
    dates with two-digit years gives the same evaluation."""
    original = {p.dni: evaluate(p, rules) for p in read_ascenso(example("ascenso.xlsx"), rules)}
    path = example("ascenso.xlsx")
    workbook = load_workbook(path)
    for sheet in ("Postulantes", "Grados y títulos", "Capacitaciones", "Méritos", "Experiencia"):
        for row in workbook[sheet].iter_rows(min_row=2, max_col=1):
            if row[0].value == "41234567":
                row[0].value = "DNI 41.234.567"
    postulantes = workbook["Postulantes"]
    postulantes[cell_of(rules, "Postulantes", "escala", 2)] = "III"
    postulantes[cell_of(rules, "Postulantes", "fecha_nombramiento", 2)] = (
        f"{original['41234567'].postulante.fecha_nombramiento:%d/%m/%y}")
    workbook.save(path)
    changed = {p.dni: evaluate(p, rules) for p in read_ascenso(path, rules)}
    assert changed["41234567"].postulante.escala == 3
    assert changed["41234567"].criteria == original["41234567"].criteria
    assert changed["41234567"].puntaje_final == original["41234567"].puntaje_final


def test_a_title_row_above_the_header_is_read_right(example, rules):
    path = example("comite.xlsx")
    workbook = load_workbook(path)
    members = workbook["Integrantes"]
    members.insert_rows(1, amount=2)
    members["A1"] = "Integrantes del Comité de Evaluación – UGEL 02"
    workbook.save(path)
    committee = read_committee(path, rules, "UGEL")
    assert [m.dni for m in committee.members] == ["40123456", "08123456", "09876543"]
    assert committee.members[0].source.row == 4  # rows are the sheet's own, below the title
    dni = f"{header_letter(path, 'Integrantes', 'DNI *', row=3)}5"
    edit_workbook(path, {"Integrantes": {dni: "0812345"}})
    (issue,) = issues_of(lambda: read_committee(path, rules, "UGEL"))
    assert (issue.sheet, issue.row, issue.column, issue.cell) == ("Integrantes", 5, "DNI", dni)


def test_a_renamed_sheet_is_explained_once_naming_it(example, rules):
    path = example("ascenso.xlsx")
    workbook = load_workbook(path)
    workbook["Postulantes"].title = "Docentes postulantes"
    workbook.save(path)
    (issue,) = issues_of(lambda: read_ascenso(path, rules))
    assert str(issue) == ("ascenso.xlsx: falta la hoja «Postulantes»: la hoja «Docentes postulantes» tiene sus "
                          "encabezados. Vuelva a llamarla «Postulantes» (cddgen busca cada hoja por su nombre).")


def test_a_missing_sheet_names_the_sheets_found(example, rules):
    path = example("comite.xlsx")
    workbook = load_workbook(path)
    del workbook["Integrantes"]
    workbook.save(path)
    (issue,) = issues_of(lambda: read_committee(path, rules, "UGEL"))
    assert issue.message == "falta la hoja «Integrantes»."
    assert issue.fix.startswith("El libro tiene las hojas «Instrucciones», «Sesión», «Acuerdos», «Postulantes», ")
    assert "no tiene integrantes" not in str(issue)


def test_a_deleted_column_is_explained_once_with_where_it_was(example, rules):
    path = example("ascenso.xlsx")
    workbook = load_workbook(path)
    postulantes = workbook["Postulantes"]
    postulantes.delete_cols(ascenso_form(rules).sheet("Postulantes").columns.index(
        ascenso_form(rules).sheet("Postulantes").column("tiempo_meses")) + 1)
    workbook.save(path)
    # Without «Postulantes», no record of the other sheets is called an orphan.
    (issue,) = issues_of(lambda: read_ascenso(path, rules))
    assert str(issue) == (
        "ascenso.xlsx, hoja «Postulantes», fila 1: falta la columna «Meses en la escala». La fila 1 no tiene otros "
        "encabezados en su lugar; restaure la columna tal como está en el formulario en blanco («Meses en la escala» "
        "iba entre «Años en la escala» y «Días en la escala»).")


def test_a_renamed_header_is_named_as_found(example, rules):
    path = example("ascenso.xlsx")
    letter = cell_of(rules, "Postulantes", "tiempo_meses", 1)
    edit_workbook(path, {"Postulantes": {letter: "Meses"}})
    (issue,) = issues_of(lambda: read_ascenso(path, rules))
    assert issue.message == "falta la columna «Meses en la escala»."
    assert issue.fix == (f"En la fila 1 hay encabezados que el formulario no tiene: «Meses» (columna {letter[:-1]}). "
                         "Si es uno de ellos, devuélvale su nombre; si no, restaure la columna tal como está en el "
                         "formulario en blanco.")


def test_a_bad_dni_in_postulantes_is_not_echoed_on_every_other_sheet(example, rules):
    """Lucía Ccori's DNI mistyped in «Postulantes» only: her 10 records elsewhere are not each
    «no corresponde»; one issue says why they were not checked."""
    path = example("ascenso.xlsx")
    edit_workbook(path, {"Postulantes": {cell_of(rules, "Postulantes", "dni", 2): "4123456"}})
    issues = issues_of(lambda: read_ascenso(path, rules))
    assert [i.message for i in issues][0] == "«4123456» no es un DNI válido: debe tener 8 dígitos."
    assert not any("no corresponde" in i.message for i in issues)
    (summary,) = issues[1:]
    assert summary.message.startswith("no se pudo leer el DNI de 1 postulante (fila 2), así que no se revisó a quién "
                                      "pertenecen 10 registros de otras hojas con un DNI que no figura en "
                                      "«Postulantes» («Capacitaciones», filas ")


def test_sheets_the_informe_final_needs_are_warnings_on_arrival(example, settings, rules):
    """A bad date in «Sesiones» does not stop the acta de instalación; it is a warning of the
    inbox pass, and the informe final, which needs it, refuses the form."""
    path = example("comite.xlsx")
    vigilancia = label_row(path, "Informe final", "Participó el Comité de Vigilancia")
    edit_workbook(path, {"Sesiones": {f"{header_letter(path, 'Sesiones', 'Fecha *')}3": "31/02/2026"},
                         "Informe final": {f"B{vigilancia}": "Quizás"}})
    result = process_file(path, Run(settings, pdf=False))
    assert result.outcome is Outcome.PROCESSED, result.issues
    assert [document.number for document in result.documents] == ["ACTA N° 001-2026-CE-UGEL02"]
    assert set(result.warnings) == {
        "comite.xlsx, hoja «Sesiones», fila 3, columna «Fecha»: «31/02/2026» no es una fecha válida. Revise el día y "
        "el mes (dd/mm/aaaa). (La hoja «Sesiones» la necesita el informe final: corríjala antes de generarlo.)",
        f"comite.xlsx, hoja «Informe final», fila {vigilancia}, columna «Participó el Comité de Vigilancia»: «Quizás» no es Sí "
        "ni No. Elija Sí o No de la lista. (La hoja «Informe final» la necesita el informe final: corríjala antes de "
        "generarlo.)",
        # The actas de sesión (issue 16) wait for «Sesiones» too.
        "No se generaron las actas de las sesiones de trabajo: corrija antes las hojas «Sesiones» y «Acuerdos de "
        "sesiones».",
    }
    assert read_committee_for(path, [], settings).resolucion  # the actas individuales are not stopped either
    issues = issues_of(lambda: read_committee_for(path, [], settings, informe_final=True))
    assert {(i.sheet, i.row) for i in issues} == {("Sesiones", 3), ("Informe final", vigilancia)}


def test_a_renamed_later_sheet_is_a_warning_too(example, settings):
    path = example("comite.xlsx")
    workbook = load_workbook(path)
    workbook["Sesiones"].title = "Sesiones de trabajo"
    workbook.save(path)
    result = process_file(path, Run(settings, pdf=False))
    assert result.outcome is Outcome.PROCESSED
    assert result.warnings == ("comite.xlsx: falta la hoja «Sesiones»: la hoja «Sesiones de trabajo» tiene sus "
                               "encabezados. Vuelva a llamarla «Sesiones» (cddgen busca cada hoja por su nombre). "
                               "(La hoja «Sesiones» la necesita el informe final: corríjala antes de generarlo.)",)


def test_a_blank_word_ficha_says_it_is_blank(settings):
    from generator.readers.ficha_cap_docx import read_ficha_docx

    from .conftest import REPO

    (issue,) = issues_of(lambda: read_ficha_docx(REPO / "forms" / "ficha-cap.docx", settings.rules.cap))
    assert str(issue) == ("ficha-cap.docx: el formulario está en blanco: la ficha no tiene datos ni ítems marcados. "
                          "Llene los datos generales y marque con X el valor de cada ítem, guarde el archivo y "
                          "vuelva a dejarlo.")


def test_two_deleted_columns_are_one_issue(example, rules):
    path = example("comite.xlsx")
    workbook = load_workbook(path)
    members = workbook["Integrantes"]
    headers = [cell.value for cell in members[1]]
    for header in ("Correo electrónico *", "Teléfono *"):  # right to left: positions stay valid
        members.delete_cols(headers.index(header) + 1)
    workbook.save(path)
    (issue,) = issues_of(lambda: read_committee(path, rules, "UGEL"))
    assert str(issue).startswith(
        "comite.xlsx, hoja «Integrantes», fila 1: faltan las columnas «Teléfono» y «Correo electrónico». La fila 1 no "
        "tiene otros encabezados en su lugar; restaure las columnas tal como están en el formulario en blanco "
        "(«Teléfono» iba entre «DNI» y «Correo electrónico»; «Correo electrónico» iba ")
