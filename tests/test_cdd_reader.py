"""Reading and validating forms/cdd-cetpro.xlsx (issue 5, item 5; DOMAIN.md B): every problem at
once, located by sheet, row and column; the samples of forms/ejemplos/cdd/ read cleanly."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import InvalidInput
from generator.pipeline.cdd import load_edition
from generator.readers.cdd import read_cdd

from .helpers import edit_workbook

RIMAC = "cdd/0437889-promae-rimac.xlsx"


@pytest.fixture
def edition(settings):
    return load_edition(settings)


def test_sample_reads_into_a_cetpro_case(example, edition):
    case = read_cdd(example(RIMAC), edition)
    cetpro = case.cetpro
    assert (cetpro.codigo_modular, cetpro.nombre, cetpro.ugel) == ("0437889", "PROMAE RIMAC", "UGEL 02 RIMAC")
    assert cetpro.director == "Gladys Marleny Huamán Ccori" and cetpro.dni_director == "10456789"
    assert cetpro.oficio_dates == {2: dt.date(2025, 7, 25)}
    assert (len(case.students), len(case.teachers), len(case.graduates), len(case.agreements)) == (40, 11, 21, 2)
    assert case.teachers[0].values["dni"].startswith("0")  # leading zero kept
    assert case.agreements[0].checklist == {item.field: True for item in edition.checklist}


def test_every_problem_is_reported_at_once_with_sheet_row_and_column(example, edition):
    path = edit_workbook(example(RIMAC), {
        "CETPRO": {"B2": "437889", "B6": "1045678"},   # 6-digit código modular, 7-digit DNI
        "Estudiantes": {"G5": "31/02/2025", "B8": "1234567"},
        "Docentes": {"E4": "09107922", "B6": "ayer"},  # a repeated DNI (row 2), a date that is not one
        "Egresados": {"J3": "15/13/2024"},
        "Convenios": {"B2": "32140", "D3": "mañana"},
    })
    original = path.read_bytes()
    with pytest.raises(InvalidInput) as error:
        read_cdd(path, edition)
    issues = {(i.sheet, i.row, i.column): i.message for i in error.value.issues}
    assert set(issues) == {
        ("CETPRO", 2, "Código modular"),
        ("CETPRO", 6, "DNI del director(a)"),
        ("Estudiantes", 5, "Fecha de registro en el AVANZA"),
        ("Estudiantes", 8, "Número de documento"),
        ("Docentes", 4, "DNI"),
        ("Docentes", 6, "Fecha de registro"),
        ("Egresados", 3, "Fecha de egreso"),
        ("Convenios", 2, "Código modular de la IE"),
        ("Convenios", 3, "Fecha de suscripción o renovación"),
    }
    assert "«437889» no es un código válido: debe tener 7 dígitos" in issues[("CETPRO", 2, "Código modular")]
    assert "«31/02/2025» no es una fecha válida" in issues[("Estudiantes", 5, "Fecha de registro en el AVANZA")]
    assert "«1234567» no es un DNI válido: debe tener 8 dígitos" in issues[("Estudiantes", 8, "Número de documento")]
    assert "el DNI 09107922 está repetido (ya está en la fila 2)" in issues[("Docentes", 4, "DNI")]
    assert "«ayer» no es una fecha" in issues[("Docentes", 6, "Fecha de registro")]
    text = str(error.value)
    assert text.startswith("0437889-promae-rimac.xlsx tiene ")
    assert "0437889-promae-rimac.xlsx, hoja «Docentes», fila 4, columna «DNI»: el DNI 09107922 está repetido" in text
    assert path.read_bytes() == original


def test_a_repeated_student_document_is_located(example, edition):
    path = edit_workbook(example(RIMAC), {"Estudiantes": {"B3": "71000003"}})  # row 3 = row 2
    with pytest.raises(InvalidInput) as error:
        read_cdd(path, edition)
    (issue,) = error.value.issues
    assert (issue.sheet, issue.row, issue.column) == ("Estudiantes", 3, "Número de documento")
    assert "está repetido (ya está en la fila 2)" in issue.message


def test_unknown_cetpro_in_the_mma_table(example, edition):
    path = edit_workbook(example(RIMAC), {"CETPRO": {"B2": "0999999"}})
    with pytest.raises(InvalidInput) as error:
        read_cdd(path, edition)
    (issue,) = error.value.issues
    assert (issue.sheet, issue.row, issue.column) == ("CETPRO", 2, "Código modular")
    assert issue.message.startswith("CETPRO desconocido en la tabla del MMA de la edición cdd-2025")
    assert "0437889 PROMAE RIMAC" in issue.fix


def test_an_oficio_dated_after_its_tramo_closes(example, edition):
    path = edit_workbook(example(RIMAC), {"CETPRO": {"B12": "31/05/2025"}})
    with pytest.raises(InvalidInput) as error:
        read_cdd(path, edition)
    (issue,) = error.value.issues
    assert (issue.sheet, issue.row, issue.column) == ("CETPRO", 12, "Fecha del oficio – tramo 1")
    assert "posterior al cierre del tramo (30/05/2025)" in issue.message


def test_an_empty_variable_is_not_an_error_but_a_reason(example, edition):
    path = edit_workbook(example(RIMAC), {"Docentes": {"O2": None}, "Convenios": {"I2": None}})
    case = read_cdd(path, edition)
    assert case.teachers[0].values["denominacion_titulo"] is None
    assert case.agreements[0].checklist["vigencia"] is None


def test_blank_form_says_what_to_fill(tmp_path, edition):
    from generator.forms.cdd import cdd_form
    from generator.forms.xlsx_writer import write_form

    path = write_form(cdd_form(edition), tmp_path / "cdd-cetpro.xlsx")
    with pytest.raises(InvalidInput) as error:
        read_cdd(path, edition)
    # Issue 19, item 5: a blank form is said once, not as every empty cell.
    assert [str(issue) for issue in error.value.issues] == [
        "cdd-cetpro.xlsx: el formulario está en blanco: ninguna hoja tiene datos. Llene los datos (las columnas "
        "con * son obligatorias; la hoja «Instrucciones» explica cada una), guarde el archivo y vuelva a dejarlo."]
    edit_workbook(path, {"CETPRO": {"B2": "0437889"}})
    with pytest.raises(InvalidInput) as error:
        read_cdd(path, edition)
    text = str(error.value)
    assert "hoja «CETPRO», fila 2" not in text
    assert "hoja «CETPRO», fila 6, columna «DNI del director(a)»: está vacía." in text


def test_every_sample_reads_without_problems(example, edition):
    from .conftest import EXAMPLES

    names = sorted(path.name for path in (EXAMPLES / "cdd").glob("*.xlsx"))
    assert len(names) == 5
    codes = {read_cdd(example(f"cdd/{name}"), edition).cetpro.codigo_modular for name in names}
    assert codes == {entry.codigo_modular for entry in edition.mma}


def test_blank_form_has_dropdowns_and_explains_each_column(tmp_path, edition):
    from openpyxl import load_workbook

    from generator.forms.cdd import cdd_form
    from generator.forms.xlsx_writer import write_form

    workbook = load_workbook(write_form(cdd_form(edition), tmp_path / "cdd-cetpro.xlsx"))
    assert workbook.sheetnames[:7] == ["Instrucciones", "CETPRO", "Estudiantes", "Docentes", "Egresados",
                                       "Convenios", "Programas AVANZA"]
    assert workbook["_cddgen"]["B1"].value == "cdd-cetpro"

    def validated(sheet):
        return {str(v.sqref).split(":")[0] for v in workbook[sheet].data_validations.dataValidation}

    assert "B4" in validated("CETPRO")  # UGEL
    assert {"A2", "J2", "K2"} <= validated("Docentes")  # condición, nivel académico, grado
    assert {"F2", "G2", "H2", "I2"} <= validated("Convenios")  # the 6.6.2 checklist, Sí/No
    explained = [row[0] for row in workbook["Instrucciones"].iter_rows(values_only=True)]
    assert "Denominación del título" in explained and "Fecha de registro en el AVANZA" in explained
