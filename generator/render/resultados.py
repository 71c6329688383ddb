"""resultados.xlsx: one row per postulante, one column per criterion (``cddgen score``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..domain.ascenso import Evaluation
from ..fsutil import atomic_output
from .xlsx import write_cell

FILENAME = "resultados.xlsx"
CRITERIA = ("1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5",
            "3.1", "3.2", "3.3", "3.4", "3.5", "3.6")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")


def headers() -> list[str]:
    return (
        ["DNI", "Apellidos", "Nombres", "IGED", "Escala actual", "Estado"]
        + [f"Criterio {c}" for c in CRITERIA[:5]] + ["Rubro 1"]
        + [f"Criterio {c}" for c in CRITERIA[5:10]] + ["Rubro 2"]
        + [f"Criterio {c}" for c in CRITERIA[10:]] + ["Rubro 3"]
        + ["Matriz", "Etapa nacional", "Puntaje total", "Bonificación", "Puntaje final"]
    )


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def row(evaluation: Evaluation) -> list:
    e = evaluation
    p = e.postulante
    points = {c.id: _number(c.points) for c in e.criteria}
    rubros = {r.id: _number(r.points) for r in e.rubros}
    bonus = "No"
    if e.bonificacion.granted:
        bonus = "Sí (observada)" if e.bonificacion.flagged else "Sí"
    return (
        [p.dni, p.apellidos, p.nombres, p.iged, p.escala, e.estado]
        + [points[c] for c in CRITERIA[:5]] + [rubros["1"]]
        + [points[c] for c in CRITERIA[5:10]] + [rubros["2"]]
        + [points[c] for c in CRITERIA[10:]] + [rubros["3"]]
        + [_number(e.matriz_total), _number(e.puntaje_nacional), _number(e.puntaje_total), bonus,
           _number(e.puntaje_final)]
    )


AFTER_SHEET = "Después de reclamos"
AFTER_HEADERS = ["Causal de retiro", "Reclamos (expedientes)", "Versión del acta", "Cambió"]


def _sheet(sheet, titles: list[str], rows: Sequence[list]) -> None:
    for column, title in enumerate(titles, start=1):
        cell = sheet.cell(row=1, column=column)
        write_cell(cell, title)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = 24 if column in (2, 3, 4, 6) else 10
    sheet.column_dimensions["A"].width = 11
    for index, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=index, column=column)
            write_cell(cell, value)
            if column == 1:
                cell.number_format = "@"
    sheet.freeze_panes = "D2"


def write_results(evaluations: Sequence[Evaluation], target: Path,
                  after: Sequence[tuple[Evaluation, str, str, int]] | None = None) -> Path:
    """Write the results table atomically to ``target``; every cell through write_cell.

    ``after`` adds the sheet «Después de reclamos»: per postulante, the evaluation after the
    reclamos, the causales de retiro, the expedientes and the version of the acta in force.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Resultados"
    _sheet(sheet, headers(), [row(evaluation) for evaluation in evaluations])
    if after is not None:
        originals = {e.postulante.dni: e for e in evaluations}
        rows = []
        for final, causal, expedientes, version in after:
            changed = row(final)[5:] != row(originals[final.postulante.dni])[5:]
            rows.append(row(final) + [causal, expedientes, version, "Sí" if changed else "No"])
        _sheet(workbook.create_sheet(AFTER_SHEET), headers() + AFTER_HEADERS, rows)
    with atomic_output(Path(target)) as temp:
        workbook.save(temp)
    return Path(target)
