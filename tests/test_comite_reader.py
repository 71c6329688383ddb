"""Reading and validating forms/comite.xlsx (issue 2.6; DOMAIN.md A.5; seed 003, 1.2–1.4)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import InvalidInput, UnreadableInput
from generator.readers.comite import read_committee

from .helpers import edit_workbook


@pytest.fixture
def rules(settings):
    return settings.rules.ascenso


def test_example_reads_into_a_committee(example, rules):
    committee = read_committee(example("comite.xlsx"), rules, "UGEL")
    assert committee.resolucion == "Resolución Directoral N° 00125-2025-UGEL02"
    assert committee.fecha == dt.date(2026, 1, 5)
    assert committee.hora_inicio == dt.time(9, 0) and committee.hora_cierre == dt.time(11, 30)
    assert [m.rol for m in committee.members] == list(rules.comite.roles)
    assert committee.presidente.nombre_completo == "María Elena Quispe Ñañez"
    assert committee.members[1].dni == "08123456"  # leading zero kept
    assert len(committee.acuerdos) == 4


def test_every_bad_cell_is_reported_at_once_with_its_location(example, rules):
    path = edit_workbook(example("comite.xlsx"), {
        "Sesión": {"B3": "31/02/2026"},
        "Integrantes": {
            "D2": "Especialista en Educación de la UGEL",  # not a presidente's cargo (A.5)
            "E3": "1234567",
            "G3": "jdangelo@ugel02",
            "F4": "12-34",
            "E4": "41234567",  # a postulante of the «Postulantes» sheet
        },
    })
    with pytest.raises(InvalidInput) as error:
        read_committee(path, rules, "UGEL")
    issues = {(i.sheet, i.row, i.column): i for i in error.value.issues}
    assert set(issues) == {
        ("Sesión", 3, "Fecha de la sesión"),
        ("Integrantes", 2, "Cargo del puesto"),
        ("Integrantes", 3, "DNI"),
        ("Integrantes", 3, "Correo electrónico"),
        ("Integrantes", 4, "Teléfono"),
        ("Integrantes", 4, "DNI"),
    }
    assert "«31/02/2026» no es una fecha válida" in issues[("Sesión", 3, "Fecha de la sesión")].message
    assert "no corresponde al primer miembro (presidente)" in issues[("Integrantes", 2, "Cargo del puesto")].message
    assert "debe tener 8 dígitos" in issues[("Integrantes", 3, "DNI")].message
    assert "figura como postulante" in issues[("Integrantes", 4, "DNI")].message
    assert "Pérez Ñañez, Juan Carlos" not in str(error.value)
    text = str(error.value)
    assert text.startswith("comite.xlsx tiene 6 problemas; no se generó ningún documento.")
    assert "comite.xlsx, hoja «Integrantes», fila 3, columna «DNI»: «1234567» no es un DNI válido" in text


def test_member_among_candidates_given_from_elsewhere(example, rules):
    with pytest.raises(InvalidInput, match="figura como postulante"):
        read_committee(example("comite.xlsx"), rules, "UGEL", extra_candidates={"09876543": "Huamán Cárdenas"})


def test_dre_committee_needs_dre_cargos(example, rules):
    with pytest.raises(InvalidInput) as error:
        read_committee(example("comite.xlsx"), rules, "DRE")
    assert {i.row for i in error.value.issues if i.column == "Cargo del puesto"} == {2, 3, 4}


def test_two_members_and_a_repeated_role(example, rules):
    path = edit_workbook(example("comite.xlsx"), {"Integrantes": {f"{c}4": None for c in "ABCDEFGH"}})
    with pytest.raises(InvalidInput, match="tiene 2 integrante"):
        read_committee(path, rules, "UGEL")
    path = edit_workbook(example("comite.xlsx"), {"Integrantes": {"A4": "Segundo miembro"}})
    with pytest.raises(InvalidInput, match="el rol «Segundo miembro» está repetido"):
        read_committee(path, rules, "UGEL")


def test_closing_before_opening(example, rules):
    path = edit_workbook(example("comite.xlsx"), {"Sesión": {"B5": "08:00"}})
    with pytest.raises(InvalidInput) as error:
        read_committee(path, rules, "UGEL")
    (issue,) = error.value.issues
    assert (issue.sheet, issue.row, issue.column) == ("Sesión", 5, "Hora de cierre")


def test_dates_typed_as_text_and_dni_typed_as_number(example, rules):
    path = edit_workbook(example("comite.xlsx"), {"Sesión": {"B3": "05/01/2026"}, "Integrantes": {"E3": 8123456}})
    committee = read_committee(path, rules, "UGEL")
    assert committee.fecha == dt.date(2026, 1, 5)
    assert committee.members[1].dni == "08123456"


def test_a_missing_sheet_and_a_renamed_header(example, rules):
    from openpyxl import load_workbook

    path = example("comite.xlsx")
    workbook = load_workbook(path)
    del workbook["Sesión"]
    workbook["Integrantes"]["E1"] = "Documento"
    workbook.save(path)
    with pytest.raises(InvalidInput) as error:
        read_committee(path, rules, "UGEL")
    messages = [str(i) for i in error.value.issues]
    assert any("falta la hoja «Sesión»" in m for m in messages)
    assert any("hoja «Integrantes», fila 1: falta la columna «DNI»" in m for m in messages)


def test_columns_in_another_order_are_found_by_header(example, rules):
    from openpyxl import load_workbook

    path = example("comite.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["Integrantes"]
    sheet.move_range("A1:A4", cols=8)  # «Integrante» moves after «Correo electrónico»
    workbook.save(path)
    committee = read_committee(path, rules, "UGEL")
    assert committee.presidente.rol == "Primer miembro (Presidente)"


def test_another_form_is_recognised_by_its_marker(tmp_path, example, rules):
    from openpyxl import load_workbook

    path = example("comite.xlsx")
    workbook = load_workbook(path)
    workbook["_cddgen"]["B1"] = "ascenso"
    workbook["_cddgen"]["B3"] = "Concurso de Ascenso"
    workbook.save(path)
    with pytest.raises(UnreadableInput, match="es el formulario «Concurso de Ascenso»"):
        read_committee(path, rules, "UGEL")
