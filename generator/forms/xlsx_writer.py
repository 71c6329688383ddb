"""Write a form's workbook from its FormSpec: blank for users, or filled for the examples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..fsutil import atomic_output
from ..render.xlsx import print_on_a4, write_cell
from .spec import (
    INSTRUCTIONS_SHEET,
    TYPED_DATE_MAX,
    TYPED_DATE_MIN,
    LISTS_SHEET,
    MARKER_SHEET,
    YES_NO_CHOICES,
    Column,
    FormSpec,
    Kind,
    SheetSpec,
    to_roman,
)

_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_LABEL_FONT = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="B7B7B7")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")

_NUMBER_FORMATS = {
    Kind.DATE: "dd/mm/yyyy",
    Kind.TIME: "hh:mm",
    Kind.DNI: "@",
    Kind.CODE: "@",
    Kind.PHONE: "@",
    Kind.INT: "0",
    Kind.NUMBER: "0.##",
}

# Dates of generated files are fixed so that regenerating a form gives the same workbook.
_FIXED_TIMESTAMP = dt.datetime(2026, 1, 1)

def _choices(column: Column) -> tuple[str, ...]:
    return YES_NO_CHOICES if column.kind is Kind.YES_NO else column.choices


class _Lists:
    """Drop-down values live in a hidden sheet: no length limit, commas allowed."""

    def __init__(self, workbook: Workbook) -> None:
        self.sheet = workbook.create_sheet(LISTS_SHEET)
        self.sheet.sheet_state = "hidden"
        self._ranges: dict[tuple[str, ...], str] = {}

    def range_for(self, values: tuple[str, ...]) -> str:
        if values not in self._ranges:
            column = len(self._ranges) + 1
            letter = get_column_letter(column)
            for row, value in enumerate(values, start=1):
                self.sheet.cell(row=row, column=column, value=value)
            self._ranges[values] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(values)}"
        return self._ranges[values]


def _validation(lists: _Lists, column: Column, first_cell: str) -> DataValidation:
    """What Excel lets a user type in the column's cells, from the same Column that reads them:
    a drop-down, a DNI or code of its exact length, a date, a time, a whole or decimal number in
    its range; and, for every column, an input message saying the format."""
    kind = column.kind
    low, high = column.minimum, column.maximum
    if kind in (Kind.CHOICE, Kind.YES_NO):
        validation = DataValidation(type="list", formula1=lists.range_for(_choices(column)))
    elif kind is Kind.DNI or (kind is Kind.CODE and column.digits):
        validation = DataValidation(type="textLength", operator="equal", formula1=str(column.digits or 8))
    elif kind is Kind.DATE:
        validation = DataValidation(type="date", operator="between", formula1=str(_serial(TYPED_DATE_MIN)),
                                    formula2=str(_serial(TYPED_DATE_MAX)))
    elif kind is Kind.TIME:
        validation = DataValidation(type="time", operator="between", formula1="0", formula2="0.999988")
    elif kind is Kind.INT and column.roman:
        numerals = lists.range_for(tuple(to_roman(n) for n in range(int(low or 1), int(high) + 1)))
        validation = DataValidation(type="custom", formula1=(
            f"OR(AND(ISNUMBER({first_cell}),{first_cell}=INT({first_cell}),{first_cell}>={low or 1:g},"
            f"{first_cell}<={high:g}),ISNUMBER(MATCH(TRIM({first_cell}),{numerals},0)))"))
    elif kind in (Kind.INT, Kind.NUMBER):
        number_type = "whole" if kind is Kind.INT else "decimal"
        if low is not None and high is not None:
            validation = DataValidation(type=number_type, operator="between", formula1=f"{low:g}", formula2=f"{high:g}")
        elif low is not None:
            validation = DataValidation(type=number_type, operator="greaterThanOrEqual", formula1=f"{low:g}")
        elif high is not None:
            validation = DataValidation(type=number_type, operator="lessThanOrEqual", formula1=f"{high:g}")
        else:
            validation = DataValidation(type=number_type, operator="between", formula1="-999999999",
                                        formula2="999999999")
    else:  # free text, e-mail, phone: the input message alone
        validation = DataValidation()
    validation.allow_blank = True
    validation.showInputMessage = True
    validation.promptTitle = column.header[:32]  # Excel's limits: 32 and 255 characters
    format_text = column.format_help()
    prompt = format_text if not column.help or column.help == format_text else f"{format_text} {column.help}"
    validation.prompt = prompt if len(prompt) <= 255 else prompt[:254] + "…"
    if validation.type is not None:
        validation.showErrorMessage = True
        validation.errorTitle = "Dato no válido"
        validation.error = ("Elija un valor de la lista." if kind in (Kind.CHOICE, Kind.YES_NO)
                            else format_text)[:255]
    return validation


def _serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def _write_value(cell, column: Column, value: Any) -> None:
    if column.kind in _NUMBER_FORMATS:
        cell.number_format = _NUMBER_FORMATS[column.kind]
    if value is None:
        return
    if column.kind is Kind.YES_NO and isinstance(value, bool):
        value = "Sí" if value else "No"
    if column.kind in (Kind.DNI, Kind.CODE, Kind.PHONE) and not isinstance(value, str):
        value = str(value)
    write_cell(cell, value)


def _write_table(ws, sheet: SheetSpec, lists: _Lists, rows: Sequence[Mapping[str, Any]] | None) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.header + (" *" if column.required else ""))
        cell.fill, cell.font, cell.border, cell.alignment = _HEADER_FILL, _HEADER_FONT, _BORDER, _WRAP
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    data = list(rows) if rows is not None else [
        dict(zip((c.field for c in sheet.columns), preset)) for preset in sheet.preset_rows
    ]
    last_row = max(len(data) + 1, sheet.blank_rows + 1)
    for row_index, record in enumerate(data, start=2):
        for col_index, column in enumerate(sheet.columns, start=1):
            _write_value(ws.cell(row=row_index, column=col_index), column, record.get(column.field))
    for col_index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(col_index)
        if column.kind in _NUMBER_FORMATS:
            for row_index in range(len(data) + 2, last_row + 1):
                ws.cell(row=row_index, column=col_index).number_format = _NUMBER_FORMATS[column.kind]
        validation = _validation(lists, column, f"{letter}2")
        ws.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}{last_row}")


def _write_fields(ws, sheet: SheetSpec, lists: _Lists, record: Mapping[str, Any] | None) -> None:
    ws.column_dimensions["A"].width = 38
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 70
    for title_col, title in enumerate(("Dato", "Valor", "Explicación"), start=1):
        cell = ws.cell(row=1, column=title_col, value=title)
        cell.fill, cell.font, cell.border = _HEADER_FILL, _HEADER_FONT, _BORDER
    for row_index, column in enumerate(sheet.columns, start=2):
        label = ws.cell(row=row_index, column=1, value=column.header + (" *" if column.required else ""))
        label.font, label.border = _LABEL_FONT, _BORDER
        value_cell = ws.cell(row=row_index, column=2)
        value_cell.border = _BORDER
        if column.required:
            value_cell.fill = _REQUIRED_FILL
        _write_value(value_cell, column, (record or {}).get(column.field))
        help_cell = ws.cell(row=row_index, column=3, value=column.help or column.format_help())
        help_cell.alignment = _WRAP
        validation = _validation(lists, column, f"B{row_index}")
        ws.add_data_validation(validation)
        validation.add(f"B{row_index}")


def _write_instructions(ws, spec: FormSpec) -> None:
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 45
    ws.column_dimensions["D"].width = 45
    ws.column_dimensions["E"].width = 70
    ws.cell(row=1, column=1, value=spec.title).font = Font(bold=True, size=14)
    row = 2
    for line in (spec.description, *spec.extra_help,
                 "Las columnas marcadas con * son obligatorias. No cambie los nombres de las hojas ni "
                 "de los encabezados; puede cambiar el orden de las columnas y agregar filas."):
        if line:
            cell = ws.cell(row=row, column=1, value=line)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
            ws.row_dimensions[row].height = 15 * max(1, len(line) // 150 + 1)
            row += 1
    for sheet in spec.sheets:
        row += 1
        title = f"Hoja «{sheet.name}»" + ("" if sheet.required else " (opcional)")
        ws.cell(row=row, column=1, value=title).font = Font(bold=True, size=12)
        row += 1
        cell = ws.cell(row=row, column=1, value=sheet.help)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        ws.row_dimensions[row].height = 15 * max(1, len(sheet.help) // 150 + 1)
        row += 1
        for col_index, title in enumerate(
            ("Columna", "Obligatoria", "Formato", "Valores permitidos", "Explicación"), start=1
        ):
            header = ws.cell(row=row, column=col_index, value=title)
            header.fill, header.font, header.border = _HEADER_FILL, _HEADER_FONT, _BORDER
        for column in sheet.columns:
            row += 1
            values = (
                column.header,
                "Sí" if column.required else "No",
                column.format_help(),
                "; ".join(_choices(column)),
                column.help,
            )
            for col_index, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col_index, value=value)
                cell.alignment, cell.border = _WRAP, _BORDER


def build_workbook(spec: FormSpec, data: Mapping[str, Any] | None = None) -> Workbook:
    """The workbook of ``spec``; ``data`` maps sheet name → rows (table) or record (fields)."""
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    lists = _Lists(workbook)
    for sheet in spec.sheets:
        ws = workbook.create_sheet(sheet.name)
        content = (data or {}).get(sheet.name)
        if sheet.layout == "fields":
            _write_fields(ws, sheet, lists, content)
        else:
            _write_table(ws, sheet, lists, content)
        print_on_a4(ws, header_rows=1)
    _write_instructions(instructions, spec)
    print_on_a4(instructions)
    marker = workbook.create_sheet(MARKER_SHEET)
    marker.sheet_state = "hidden"
    for row, (key, value) in enumerate(
        (("cddgen", spec.kind), ("version", spec.version), ("formulario", spec.title)), start=1
    ):
        marker.cell(row=row, column=1, value=key)
        marker.cell(row=row, column=2, value=value)
    # Lists and marker last; the first data sheet opens by default.
    workbook.move_sheet(LISTS_SHEET, offset=len(workbook.sheetnames))
    for ws in workbook.worksheets:
        ws.sheet_view.tabSelected = False
    workbook.active = 1
    workbook.active.sheet_view.tabSelected = True
    props = workbook.properties
    props.title = spec.title
    props.keywords = f"cddgen:{spec.kind}:v{spec.version}"
    props.creator = "cddgen"
    props.created = props.modified = _FIXED_TIMESTAMP
    return workbook


def write_form(spec: FormSpec, target: str | Path, data: Mapping[str, Any] | None = None) -> Path:
    """Write the form atomically to ``target``."""
    workbook = build_workbook(spec, data)
    with atomic_output(Path(target)) as temp:
        workbook.save(temp)
    return Path(target)
