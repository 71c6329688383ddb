"""historial-reclamos.xlsx: every decision on a reclamo point and what it changed, kept as a
log that only grows (DOMAIN.md A.6: a fundado reclamo never overwrites the original result).

Rendering again adds only the rows that are not there yet; a row already written is never
changed nor removed, so a later different decision on the same point appears as a new row
beside the first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..domain.ascenso.reclamos import ReclamosResult
from ..domain.ascenso.retiro import estado_final
from ..domain.ascenso.rules import AscensoRules
from ..domain.ascenso.text import fecha, pts
from ..fsutil import atomic_output
from .xlsx import write_cell

FILENAME = "historial-reclamos.xlsx"
SHEET = "Historial"
HEADERS = ("DNI", "Postulante", "Expediente", "Fecha de presentación", "Punto", "Tipo", "Criterio", "Decisión",
           "Aspecto", "Antes", "Después", "Puntaje final antes", "Puntaje final después", "Acta anterior",
           "Acta nueva", "Estado después")
_FILL = PatternFill("solid", fgColor="1F4E78")


def history_rows(result: ReclamosResult, labels: Mapping[int, str], rules: AscensoRules) -> list[tuple[str, ...]]:
    """One row per point of the postulante's reclamos; ``labels`` maps acta version → its number.
    «Estado después» says the retiro too («RETIRADO – causal j)»)."""
    rows = []
    current = labels.get(1, "")
    for item in result.expedientes:
        p = item.antes.postulante
        new = labels.get(item.version, "") if item.version else ""
        for point in item.puntos:
            rows.append((
                p.dni, p.apellidos_nombres, item.expediente, fecha(item.fecha), str(point.punto.numero),
                point.punto.tipo, point.punto.criterio or "", point.resultado, point.aspecto, point.antes,
                point.despues, pts(item.antes.puntaje_final), pts(item.despues.puntaje_final), current, new,
                estado_final(item.despues, rules),
            ))
        if new:
            current = new
    return rows


def _existing(target: Path) -> list[tuple[str, ...]]:
    if not target.exists():
        return []
    workbook = load_workbook(target, read_only=True)
    try:
        rows = list(workbook[SHEET].iter_rows(min_row=2, values_only=True))
    finally:
        workbook.close()
    return [tuple("" if value is None else str(value) for value in row[:len(HEADERS)]) for row in rows]


def append_history(rows: Sequence[tuple[str, ...]], target: Path) -> Path:
    """Add the ``rows`` not yet in ``target`` (atomically); existing rows are kept as they are."""
    target = Path(target)
    existing = _existing(target)
    # A history written before a column was added has shorter rows: a row is known when the
    # columns that history has match.
    known = set(existing)
    widths = {len(row) for row in existing}
    new = [tuple(row) for row in rows
           if tuple(row) not in known and not any(tuple(row)[:width] in known for width in widths)]
    if not new and target.exists():
        return target
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    for column, title in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=1, column=column)
        write_cell(cell, title)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = 14 if column not in (2, 6, 9) else 30
    for index, row in enumerate([*existing, *new], start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=index, column=column)
            write_cell(cell, value)
            cell.number_format = "@"
    sheet.freeze_panes = "C2"
    with atomic_output(target) as temp:
        workbook.save(temp)
    return target
