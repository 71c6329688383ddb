"""Reading the Excel ficha CAP (forms/ficha-cap.xlsx; issue 6.2): the same Ficha as the Word one."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from openpyxl import load_workbook

from generator.errors import InvalidInput, UnreadableInput
from generator.forms.ficha_cap import (
    GENERAL_SHEET,
    GOALS_SHEET,
    ITEMS_SHEET,
    NOTES_SHEET,
    NOTE_KINDS,
    STAFF_SHEET,
    ficha_cap_form,
)
from generator.forms.xlsx_writer import write_form
from generator.readers.ficha_cap import read_ficha
from generator.wording import tratamiento

from .conftest import REPO
from .helpers import edit_workbook

EXAMPLE = "cap/ficha-cap-jose-carlos-mariategui.xlsx"


@pytest.fixture
def rules(settings):
    return settings.rules.cap


@pytest.fixture
def catalogue(rules):
    return rules.catalogue()


def item_row(path, block: str, item: str) -> int:
    sheet = load_workbook(path)[ITEMS_SHEET]
    return next(row[0].row for row in sheet.iter_rows(min_row=2) if row[1].value == block and row[2].value == item)


def test_the_excel_example_reads_into_a_ficha(example, rules, catalogue):
    ficha = read_ficha(example(EXAMPLE), rules)
    assert ficha.datos.codigo_local == "0588214"
    assert ficha.datos.fecha == dt.date(2026, 9, 9)
    assert ficha.datos.turnos == ("M", "N")
    assert len(ficha.valoraciones) == 40
    assert ficha.valoraciones[("instrumentos", "1.5")] == 0
    assert ficha.valoraciones[("sensibilizacion", "1.1")] == 3
    assert ficha.staff_totals() == (16, 9, 25)
    assert (ficha.total_enrolled, ficha.total_attending) == (275, 243)
    assert ficha.compromisos == ("Elaborar el consolidado CAP con los temas priorizados.",
                                 "Aplicar la ficha de verificación de la calidad en cada reunión.")


def test_word_and_excel_give_the_same_ficha(rules, catalogue, tmp_path):
    word = read_ficha(REPO / "forms" / "ejemplos" / "cap" / "ficha-cap-promae-rimac.docx", rules)
    spec = ficha_cap_form(rules, catalogue, rules.scale)
    data = word.datos
    general = {
        "codigo_local": data.codigo_local, "fecha": data.fecha, "cetpro": data.cetpro, "ugel": data.ugel,
        "rei": data.rei, "plataforma": data.plataforma, "director": data.director,
        "area": word.especialista.area, "especialista": word.especialista.nombre,
        "director_tratamiento": tratamiento(data.director_genero, abbreviated=True),
        "especialista_tratamiento": tratamiento(word.especialista.genero, abbreviated=True),
        **{f"ciclo_{i}": cycle in data.ciclos for i, cycle in enumerate(catalogue.cycles)},
        **{f"turno_{i}": shift in data.turnos for i, shift in enumerate(catalogue.shifts)},
    }
    path = write_form(spec, tmp_path / "ficha.xlsx", {
        GENERAL_SHEET: general,
        STAFF_SHEET: [{"cargo": row.cargo, "ciclo_0": row.counts[0], "ciclo_1": row.counts[1]} for row in word.personal],
        GOALS_SHEET: [{"ciclo": g.cycle, "matriculados": g.enrolled, "asistentes": g.attending} for g in word.metas],
        ITEMS_SHEET: [{"parte": block.part, "bloque": block.name, "item": item.id, "descripcion": item.text,
                       "valoracion": str(word.valoraciones[item.key])}
                      for block in catalogue.blocks for item in block.items],
        NOTES_SHEET: [{"tipo": NOTE_KINDS[0], "texto": text} for text in word.observaciones]
        + [{"tipo": NOTE_KINDS[1], "texto": text} for text in word.compromisos]
        + [{"tipo": NOTE_KINDS[2], "texto": text} for text in word.sugerencias],
    })
    excel = read_ficha(path, rules)
    assert dataclasses.replace(excel, origen="") == dataclasses.replace(word, origen="")


def test_an_item_without_valoracion_or_with_another_value_is_named(example, rules):
    path = example(EXAMPLE)
    row_23 = item_row(path, "Diagnóstico", "2.3")
    row_210 = item_row(path, "Durante", "2.10")
    edit_workbook(path, {ITEMS_SHEET: {f"E{row_23}": None, f"E{row_210}": "si"}})
    with pytest.raises(InvalidInput) as error:
        read_ficha(path, rules)
    issues = {(issue.sheet, issue.row, issue.column): issue.message for issue in error.value.issues}
    assert issues == {
        (ITEMS_SHEET, row_23, "Valoración"): "el ítem Diagnóstico 2.3 no tiene valoración.",
        (ITEMS_SHEET, row_210, "Valoración"): "«si» no es un valor permitido.",
    }


def test_a_typed_number_is_a_valoracion_and_a_deleted_item_row_is_reported(example, rules):
    path = example(EXAMPLE)
    row = item_row(path, "Antes", "1.2")
    edit_workbook(path, {ITEMS_SHEET: {f"E{row}": 1}})
    assert read_ficha(path, rules).valoraciones[("antes", "1.2")] == 1
    workbook = load_workbook(path)
    workbook[ITEMS_SHEET].delete_rows(row)
    workbook.save(path)
    with pytest.raises(InvalidInput, match="falta la fila del ítem Antes 1.2"):
        read_ficha(path, rules)


def test_more_attending_than_enrolled_and_missing_data_are_located(example, rules):
    path = edit_workbook(example(EXAMPLE), {GOALS_SHEET: {"C3": 500}, GENERAL_SHEET: {"B2": None}})
    with pytest.raises(InvalidInput) as error:
        read_ficha(path, rules)
    text = str(error.value)
    assert "hoja «Metas», fila 3, columna «Estudiantes asistentes»: en el ciclo Auxiliar técnico hay 500" in text
    assert "hoja «Datos generales», fila 2, columna «Código local»: está vacía." in text
    assert len(error.value.issues) == 2


def test_another_workbook_is_not_read_as_a_ficha(example, rules):
    with pytest.raises(UnreadableInput, match="no el de «Ficha de monitoreo CAP»"):
        read_ficha(example("comite.xlsx"), rules)


@pytest.mark.parametrize("typed", ["-2", "2?", "¿1?", "3%", "2,0", "4"])
def test_a_valoracion_is_exactly_0_1_2_or_3(example, rules, typed):
    """Issue 15.10: «-2», «2?», «¿1?», «3%» were read as 2, 2, 1, 3 (seed 004: the scale is 0 to 3)."""
    path = example(EXAMPLE)
    row = item_row(path, "Diagnóstico", "2.3")
    edit_workbook(path, {ITEMS_SHEET: {f"E{row}": typed}})
    with pytest.raises(InvalidInput) as error:
        read_ficha(path, rules)
    (issue,) = error.value.issues
    assert (issue.sheet, issue.row, issue.column, issue.cell) == (ITEMS_SHEET, row, "Valoración", f"E{row}")
    assert issue.message == f"«{typed}» no es un valor permitido."
    assert issue.fix == "Escriba exactamente uno de estos números: 0, 1, 2, 3."
