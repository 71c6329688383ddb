"""Excel stops mistakes while typing (issue 19, item 4): the blank forms' data validations and
input messages come from the same FormSpec that reads the filled forms, so what Excel lets a user
type is what cddgen reads; the «Instrucciones» sheet and the observado copy print on A4, and each
row of «Observaciones» opens its cell."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from generator.errors import Issue
from generator.forms.spec import Column, Kind, TYPED_DATE_MAX, TYPED_DATE_MIN
from generator.forms.xlsx_writer import write_form
from generator.readers.cell_values import InvalidCell, parse_cell
from generator.render.marked import write_marked_copy

from .conftest import EXAMPLES

A4 = 9  # paperSize of A4 in OOXML


@pytest.fixture(scope="module")
def blank_forms(tmp_path_factory):
    """Every blank workbook `cddgen forms` writes, with the spec it was written from."""
    from generator.config import load_settings
    from generator.pipeline.cdd import load_edition
    from generator.forms.ascenso import ascenso_form
    from generator.forms.cdd import cdd_form
    from generator.forms.comite import comite_form
    from generator.forms.ficha_cap import ficha_cap_form

    folder = tmp_path_factory.mktemp("forms")
    settings = load_settings(cwd=folder, environ={})
    ascenso, cap = settings.rules.ascenso, settings.rules.cap
    specs = {
        "comite": comite_form(ascenso, "UGEL"),
        "ascenso": ascenso_form(ascenso),
        "cdd": cdd_form(load_edition(settings)),
        "ficha-cap": ficha_cap_form(cap, cap.catalogue(), cap.scale),
    }
    return [(spec, load_workbook(write_form(spec, folder / f"{name}.xlsx"))) for name, spec in specs.items()]


def validation_at(worksheet, reference: str):
    column, row, _, _ = range_boundaries(reference)
    found = [v for v in worksheet.data_validations.dataValidation
             if any(r.min_col <= column <= r.max_col and r.min_row <= row <= r.max_row for r in v.sqref.ranges)]
    assert len(found) == 1, (worksheet.title, reference, len(found))
    return found[0]


def cells_of(spec):
    """(sheet spec, column, the first cell a user types it in) for every column of the form."""
    for sheet in spec.sheets:
        for index, column in enumerate(sheet.columns):
            yield sheet, column, (f"B{index + 2}" if sheet.layout == "fields" else f"{get_column_letter(index + 1)}2")


def test_every_cell_a_user_fills_says_its_format_and_checks_it(blank_forms):
    checked = set()
    for spec, workbook in blank_forms:
        for sheet, column, reference in cells_of(spec):
            validation = validation_at(workbook[sheet.name], reference)
            assert validation.showInputMessage and validation.prompt.startswith(column.format_help()[:200])
            assert validation.promptTitle == column.header[:32] and len(validation.prompt) <= 255
            expected = {Kind.DNI: "textLength", Kind.DATE: "date", Kind.TIME: "time", Kind.INT: "whole",
                        Kind.NUMBER: "decimal", Kind.CHOICE: "list", Kind.YES_NO: "list"}.get(column.kind)
            if column.kind is Kind.CODE and column.digits:
                expected = "textLength"
            if column.roman:
                expected = "custom"
            assert validation.type == expected, (spec.kind, sheet.name, column.header)
            if expected:
                assert validation.showErrorMessage and validation.errorTitle == "Dato no válido"
            checked.add(column.kind)
    assert checked >= {Kind.DNI, Kind.DATE, Kind.TIME, Kind.INT, Kind.NUMBER, Kind.CODE, Kind.CHOICE, Kind.TEXT}


def test_validations_cover_every_blank_row_of_a_table(blank_forms):
    spec, workbook = next(item for item in blank_forms if item[0].kind == "ascenso")
    sheet = spec.sheet("Experiencia")
    letter = get_column_letter(sheet.columns.index(sheet.column("inicio")) + 1)
    validation = validation_at(workbook["Experiencia"], f"{letter}2")
    (covered,) = validation.sqref.ranges
    assert (covered.min_row, covered.max_row) == (2, sheet.blank_rows + 1)
    assert (validation.operator, validation.formula1, validation.formula2) == (
        "between", str((TYPED_DATE_MIN - dt.date(1899, 12, 30)).days), str((TYPED_DATE_MAX - dt.date(1899, 12, 30)).days))


def test_dni_is_exactly_eight_characters_as_typed_and_as_read(blank_forms):
    spec, workbook = next(item for item in blank_forms if item[0].kind == "comite")
    members = spec.sheet("Integrantes")
    column = members.column("dni")
    validation = validation_at(workbook["Integrantes"], f"{get_column_letter(members.columns.index(column) + 1)}2")
    assert (validation.type, validation.operator, validation.formula1) == ("textLength", "equal", "8")
    assert parse_cell("04512345", column) == "04512345"
    for typed in ("4512345", "045123456"):
        with pytest.raises(InvalidCell):
            parse_cell(typed, column)


def typed_range(validation) -> tuple[float | None, float | None]:
    if validation.operator == "between":
        return float(validation.formula1), float(validation.formula2)
    if validation.operator == "greaterThanOrEqual":
        return float(validation.formula1), None
    return None, float(validation.formula1)


def test_number_ranges_typed_are_the_ranges_read(blank_forms):
    """For every whole or decimal column of every form: the bounds Excel enforces are read, one
    past them is refused by the reader too (the escala: Roman numerals in the same range)."""
    seen = 0
    for spec, workbook in blank_forms:
        for sheet, column, reference in cells_of(spec):
            if column.kind not in (Kind.INT, Kind.NUMBER) or column.roman:
                continue
            low, high = typed_range(validation_at(workbook[sheet.name], reference))
            step = 1 if column.kind is Kind.INT else 0.01
            for bound, outside in ((low, -step), (high, step)):
                if bound is None or abs(bound) >= 999999999:
                    continue
                assert parse_cell(bound, column) == bound
                with pytest.raises(InvalidCell):
                    parse_cell(bound + outside, column)
                seen += 1
            if column.kind is Kind.INT:
                with pytest.raises(InvalidCell, match="no es un número entero"):
                    parse_cell(1.5, column)
    assert seen >= 10


def test_escala_months_and_days_have_their_ranges(blank_forms):
    spec, workbook = next(item for item in blank_forms if item[0].kind == "ascenso")
    sheet = spec.sheet("Postulantes")
    letters = {column.field: get_column_letter(i + 1) for i, column in enumerate(sheet.columns)}
    ws = workbook["Postulantes"]
    assert typed_range(validation_at(ws, f"{letters['tiempo_meses']}2")) == (0, 11)
    assert typed_range(validation_at(ws, f"{letters['tiempo_dias']}2")) == (0, 29)
    with pytest.raises(InvalidCell, match="«12» es mayor que 11"):
        parse_cell(12, sheet.column("tiempo_meses"))
    escala = validation_at(ws, f"{letters['escala']}2")
    first = f"{letters['escala']}2"
    assert escala.formula1.startswith(f"OR(AND(ISNUMBER({first}),{first}=INT({first}),{first}>=1,{first}<=8),")
    numerals = escala.formula1.split("MATCH(TRIM(")[1].split(",")[1]
    sheet_name, cells = numerals.split("!")
    listed = [row[0].value for row in workbook[sheet_name.strip("'")][cells.replace("$", "")]]
    assert listed == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert [parse_cell(text, sheet.column("escala")) for text in listed] == list(range(1, 9))


def test_instructions_and_sheets_print_on_a4_one_page_wide(blank_forms):
    for spec, workbook in blank_forms:
        instructions = workbook["Instrucciones"]
        for worksheet in (instructions, *(workbook[sheet.name] for sheet in spec.sheets)):
            setup = worksheet.page_setup
            assert int(setup.paperSize) == A4, worksheet.title
            assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
            assert worksheet.sheet_properties.pageSetUpPr.fitToPage
        # The instructions are five columns of ~200 characters: landscape.
        assert instructions.page_setup.orientation == "landscape"
        for sheet in spec.sheets:
            assert workbook[sheet.name].print_title_rows == "$1:$1"


def test_the_observado_copy_prints_on_a4_and_each_row_opens_its_cell(tmp_path):
    source = tmp_path / "comite.xlsx"
    shutil.copy(EXAMPLES / "comite.xlsx", source)
    issues = [
        Issue("«4012345» no es un DNI válido.", file=str(source), sheet="Integrantes", row=2, column="DNI", cell="E2"),
        Issue("falta la columna «Teléfono».", file=str(source), sheet="Integrantes", row=1),
        Issue("falta la hoja «Sesiones».", file=str(source)),
    ]
    target = write_marked_copy(source, issues, tmp_path / "comite.observado.xlsx")
    workbook = load_workbook(target)
    summary = workbook["Observaciones"]
    rows = {row[0].value: row for row in summary.iter_rows(min_row=5) if row[0].value}
    assert rows[1][4].value == "E2" and rows[1][4].hyperlink.location == "'Integrantes'!E2"
    assert rows[2][4].value is None and rows[2][1].hyperlink.location == "'Integrantes'!A1"
    assert all(cell.hyperlink is None for cell in rows[3])  # no sheet: nowhere to go
    for worksheet in workbook.worksheets:
        assert int(worksheet.page_setup.paperSize) == A4 and int(worksheet.page_setup.fitToWidth) == 1
    assert summary.page_setup.orientation == "landscape" and summary.print_title_rows == "$1:$4"


def test_a_column_range_reads_as_its_help_says():
    column = Column("Meses", "meses", Kind.INT, maximum=11)
    assert column.format_help() == "Número entero: de 0 a 11."
    assert Column("Año", "anio", Kind.INT, minimum=1990).format_help() == "Número entero: 1990 o más."
    with pytest.raises(InvalidCell) as caught:
        parse_cell(-1, column)
    assert (caught.value.message, caught.value.fix) == ("«-1» es negativo.", "Escriba un valor de 0 a 11.")
