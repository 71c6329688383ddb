"""The Excel files of the Compromisos de Desempeño: each oficio's annex workbooks (the medio de
verificación as the CETPRO attaches it, plus the rows that do not count and why) and the
UGEL's resumen-cdd.xlsx. Every cell goes through ``write_cell``; files are written atomically.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..domain.cdd import CetproCase, IndicatorResult, Standing, UgelSummary
from ..forms.cdd import (
    AGREEMENTS_SHEET,
    GRADUATES_SHEET,
    PROGRAMS_SHEET,
    STUDENTS_SHEET,
    TEACHERS_SHEET,
)
from ..forms.spec import FormSpec, Kind
from ..fsutil import atomic_output
from .filters import percent
from .xlsx import write_cell

NOT_COUNTING_SHEET = "Filas que no cuentan"
INDICATOR_SHEET = "Indicador"
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_BOLD = Font(bold=True)
_FIXED_TIMESTAMP = dt.datetime(2026, 1, 1)


@dataclass(frozen=True)
class SheetData:
    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    widths: tuple[int, ...] = ()
    note: str = ""  # shown under the header when there are no rows
    total: tuple[Any, ...] = ()  # a bold last row


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def write_workbook(target: Path, sheets: Sequence[SheetData], *, title: str = "") -> Path:
    """Write ``sheets`` (header row, data rows) to ``target`` atomically."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for data in sheets:
        ws = workbook.create_sheet(data.name[:31])
        for index, header in enumerate(data.headers, start=1):
            cell = ws.cell(row=1, column=index)
            write_cell(cell, header)
            cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            width = data.widths[index - 1] if index <= len(data.widths) else 18
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A2"
        rows = list(data.rows)
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c)
                write_cell(cell, _value(value))
                if isinstance(value, dt.date):
                    cell.number_format = "dd/mm/yyyy"
        if not rows and data.note:
            write_cell(ws.cell(row=2, column=1), data.note)
        if data.total:
            r = len(rows) + 2
            for c, value in enumerate(data.total, start=1):
                cell = ws.cell(row=r, column=c)
                write_cell(cell, _value(value))
                cell.font = _BOLD
    workbook.properties.creator = "cddgen"
    workbook.properties.title = title
    workbook.properties.created = workbook.properties.modified = _FIXED_TIMESTAMP
    with atomic_output(Path(target)) as temp:
        workbook.save(temp)
    return Path(target)


def medio_sheet(spec: FormSpec, sheet_name: str, records: Sequence[Any], title: str) -> SheetData:
    """A form sheet as the CETPRO attaches it: the form's columns and the values read."""
    sheet = spec.sheet(sheet_name)
    rows = tuple(
        tuple(_cell(column.kind, record.values.get(column.field)) for column in sheet.columns)
        for record in records
    )
    return SheetData(title, tuple(column.header for column in sheet.columns), rows,
                     tuple(min(max(column.width, 10), 40) for column in sheet.columns),
                     note="(sin registros)")


def _cell(kind: Kind, value: Any) -> Any:
    if value is None:
        return None
    if kind is Kind.YES_NO:
        return "Sí" if value else "No"
    return value


def not_counting_sheet(result: IndicatorResult) -> SheetData:
    rows = tuple(
        (row.source.sheet if row.source else "", row.source.row if row.source else None, row.who,
         row.standing.label, row.reason)
        for row in result.rows
        if row.standing is not Standing.COUNTS
    )
    return SheetData(
        NOT_COUNTING_SHEET,
        ("Hoja del formulario", "Fila", "Persona o convenio", "Situación", "Motivo"),
        rows,
        (18, 8, 40, 24, 100),
        note="Todas las filas cuentan para el indicador.",
    )


def indicator_sheet(result: IndicatorResult, closes: dt.date) -> SheetData:
    indicator = result.indicator
    rows = (
        ("Indicador", indicator.label),
        ("Tramo", f"{indicator.tramo} (cierre {closes:%d/%m/%Y})"),
        ("Medio de verificación", indicator.evidence),
        ("Numerador", result.numerator),
        ("Denominador", result.denominator),
        ("Porcentaje", percent(result.percent) if result.has_data else "Sin datos"),
        ("Meta", f"{indicator.meta} %"),
        ("Resultado", result.verdict),
    )
    return SheetData(INDICATOR_SHEET, ("Dato", "Valor"), rows, (24, 100))


# What each indicator's annex carries from the form: (form sheet, title of the annex sheet).
def annex_sheets(code: str, period: str, years: str) -> tuple[tuple[str, str], ...]:
    return {
        "1.1": ((STUDENTS_SHEET, f"Estudiantes {period}"),),
        "1.2": ((TEACHERS_SHEET, f"Docentes {period}"),),
        "1.3": ((GRADUATES_SHEET, f"Egresados {years}"),),
        # The 2.1 medio de verificación: the convenios and the students' database; the
        # AVANZA programs show what each convenio's programa was matched against.
        "2.1": ((AGREEMENTS_SHEET, "Convenios"), (PROGRAMS_SHEET, f"Programas AVANZA {period}"),
                (STUDENTS_SHEET, f"Estudiantes {period}")),
    }[code]


def _records(case: CetproCase, sheet: str) -> Sequence[Any]:
    return {
        STUDENTS_SHEET: case.students,
        TEACHERS_SHEET: case.teachers,
        GRADUATES_SHEET: case.graduates,
        AGREEMENTS_SHEET: case.agreements,
        PROGRAMS_SHEET: case.programs,
    }[sheet]


def write_annex(target: Path, case: CetproCase, spec: FormSpec, result: IndicatorResult, *, period: str,
                years: str, closes: dt.date) -> Path:
    sheets = [
        medio_sheet(spec, sheet, _records(case, sheet), title)
        for sheet, title in annex_sheets(result.code, period, years)
    ]
    sheets += [not_counting_sheet(result), indicator_sheet(result, closes)]
    return write_workbook(target, sheets, title=f"Anexo del indicador {result.code}")


def write_summary(target: Path, summary: UgelSummary, failures: Sequence[tuple[str, str]]) -> Path:
    """resumen-cdd.xlsx: indicators per CETPRO, MMA per CETPRO and tramo with the UGEL's totals,
    and the workbooks left out because of their errors (file, problem)."""
    edition = summary.edition
    tramos = sorted(edition.tramos)
    indicator_rows = []
    for row in summary.rows:
        for code in edition.indicators:
            result = row.evaluation.indicator(code) if row.evaluation else None
            indicator_rows.append((
                row.entry.codigo_modular, row.entry.nombre, code, edition.indicators[code].tramo,
                result.numerator if result else None, result.denominator if result else None,
                (float(result.percent) if result and result.has_data else None),
                edition.indicators[code].meta,
                result.verdict if result else row.status,
            ))
    mma_headers = ["Código modular", "CETPRO", "Situación"]
    for number in tramos:
        mma_headers += [f"MMA tramo {number} (S/)", f"Obtenido tramo {number} (S/)"]
    mma_headers += ["MMA total (S/)", "Obtenido total (S/)"]
    mma_rows = []
    for row in summary.rows:
        values: list[Any] = [row.entry.codigo_modular, row.entry.nombre, row.status]
        for number in tramos:
            values += [row.entry.amount(number), row.earned(number)]
        values += [sum(row.entry.amount(number) for number in tramos), row.earned_total]
        mma_rows.append(tuple(values))
    total: list[Any] = ["", summary.ugel, "Total de la UGEL"]
    for number in tramos:
        total += [summary.max_total(number), summary.earned_total(number)]
    total += [sum(summary.max_total(number) for number in tramos),
              sum((summary.earned_total(number) for number in tramos), Decimal(0))]
    sheets = [
        SheetData("Indicadores",
                  ("Código modular", "CETPRO", "Indicador", "Tramo", "Numerador", "Denominador", "Porcentaje",
                   "Meta (%)", "Resultado"),
                  tuple(indicator_rows), (14, 24, 10, 8, 12, 12, 12, 10, 24)),
        SheetData("MMA", tuple(mma_headers), tuple(mma_rows), (14, 24, 26) + (16,) * (2 * len(tramos) + 2),
                  total=tuple(total)),
        SheetData("Formularios con errores", ("Archivo", "Problema"), tuple(failures), (36, 120),
                  note="Todos los formularios se leyeron sin errores."),
    ]
    return write_workbook(target, sheets, title=f"Resumen {edition.name} – {summary.ugel}")
