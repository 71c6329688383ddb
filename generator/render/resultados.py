"""resultados.xlsx (``cddgen score``): what the committee types into the DIED's aplicativo, and why.

- «Resultados»: one row per postulante, in the order of the Matriz (seed 003, 2.2): requisitos,
  each criterion's points with its reason beside it (and, for rubro 3, the years credited that
  the aplicativo asks for), rubro subtotals, the Matriz, the puntaje total, the bonificación in
  points with its document and the SIHCE note, the puntaje final, the estado and the causal de
  retiro.
- «Sustento»: one row per postulante and requisito, criterion, bonificación and estado, with
  the result, the source, the date measured, the minimum applied and the reason the acta
  prints; filterable.
- «Parámetros»: the rule values that rest on a default (por confirmar), with their source.
- «Después de reclamos» (with the reclamos): the «Resultados» row after them.

Every cell goes through ``write_cell``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..domain.ascenso import Evaluation
from ..domain.ascenso.reclamos import causales
from ..domain.ascenso.rules import AscensoRules
from ..domain.ascenso.text import meses, tiempo
from ..fsutil import atomic_output
from ..open_parameters import OpenParameter
from .acta_resultados import bonus_text
from .xlsx import write_cell

FILENAME = "resultados.xlsx"
RESULTS_SHEET = "Resultados"
SUSTENTO_SHEET = "Sustento"
PARAMETERS_SHEET = "Parámetros"
AFTER_SHEET = "Después de reclamos"
CRITERIA = ("1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5",
            "3.1", "3.2", "3.3", "3.4", "3.5", "3.6")
REQUISITOS = ("a", "b", "c", "d", "permanencia")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
IDENTITY = ["DNI", "Apellidos", "Nombres", "IGED", "Escala actual"]
# A column of long text is this wide; one of results or numbers, NARROW (its header wraps).
WIDE, NARROW = 40, 16


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _years_header(criterion_id: str) -> str:
    return f"{criterion_id} Años acreditados"


def _reason_header(criterion_id: str) -> str:
    return f"{criterion_id} Sustento"


def headers(evaluation: Evaluation) -> list[str]:
    """The «Resultados» columns; criteria named as the Matriz names them («1.1 Estudios de posgrado…»)."""
    names = list(IDENTITY) + [check.name for check in evaluation.requisitos] + ["Estado", "Causal de retiro"]
    for rubro in evaluation.rubros:
        for criterion in rubro.criteria:
            if criterion.rubro == "3":
                names.append(_years_header(criterion.id))
            names += [f"{criterion.id} {criterion.title}", _reason_header(criterion.id)]
        names.append(f"Rubro {rubro.id}: {rubro.title}")
    return names + ["Puntaje de la Matriz", "Puntaje de la etapa nacional", "Puntaje total",
                    "Bonificación por discapacidad (puntos)", "Puntaje final", "Documento de discapacidad",
                    "Bonificación: sustento", "Nota SIHCE para la DRE/UGEL"]


# Columns that say what the committee decided (the rest explain it): «Cambió» compares these.
def _decisions(values: Sequence[Any], titles: Sequence[str]) -> list[Any]:
    return [value for value, title in zip(values, titles)
            if not title.endswith("Sustento") and title not in ("Bonificación: sustento", "Nota SIHCE para la DRE/UGEL")]


def causal_text(evaluation: Evaluation, rules: AscensoRules) -> str:
    return "; ".join(text for _, text in causales(evaluation, rules))


def row(evaluation: Evaluation, rules: AscensoRules) -> list:
    e = evaluation
    p = e.postulante
    values: list[Any] = [p.dni, p.apellidos, p.nombres, p.iged, p.escala]
    values += ["Cumple" if check.ok else "No cumple" for check in e.requisitos]
    values += [e.estado, causal_text(e, rules)]
    for rubro in e.rubros:
        for criterion in rubro.criteria:
            if criterion.rubro == "3":
                values.append(criterion.years)
            values += [_number(criterion.points), criterion.reason]
        values.append(_number(rubro.points))
    bonus = e.bonificacion
    return values + [_number(e.matriz_total), _number(e.puntaje_nacional), _number(e.puntaje_total),
                     _number(e.bonificacion_puntos), _number(e.puntaje_final), bonus.document, bonus.reason,
                     bonus.note]


SUSTENTO_HEADERS = ["DNI", "Apellidos y nombres", "Tipo", "Código", "Descripción", "Resultado", "Puntaje",
                    "Puntaje máximo", "Años acreditados", "Tiempo contado", "Fuente", "Fecha de medición",
                    "Mínimo aplicado (años)", "Sustento", "Detalle"]


def _time_counted(criterion) -> str:
    """Rubro 3: «2 años», or for 3.1 «49 meses y 29 días (años de 10 meses)»."""
    if not (criterion.months or criterion.days):
        return ""
    if criterion.year_months == 12:
        return tiempo(criterion.months, criterion.days, 12)
    return f"{meses(criterion.months, criterion.days)} (años de {criterion.year_months} meses)"


def sustento_rows(evaluation: Evaluation, rules: AscensoRules) -> list[list]:
    """One row per requisito, criterion, the bonificación and the estado of one postulante."""
    e = evaluation
    p = e.postulante
    who = [p.dni, p.apellidos_nombres]
    rows = []
    for check in e.requisitos:
        measured = minimum = None
        if check.id == "permanencia":
            measured = e.permanencia_corte
            minimum = check.minimum
        code = "Permanencia" if check.id == "permanencia" else f"{check.id})"
        rows.append(who + ["Requisito", code, check.name, "Cumple" if check.ok else "No cumple", None, None, None,
                           "", check.source, measured, minimum, check.reason, ""])
    for criterion in e.criteria:
        detail = [f"Se valora: {line}" for line in criterion.counted]
        detail += [f"No se valora: {line}" for line in criterion.not_counted]
        experience = criterion.rubro == "3"
        rows.append(who + ["Criterio de la Matriz", criterion.id, criterion.title, _number(criterion.points),
                           _number(criterion.points), _number(criterion.max),
                           criterion.years if experience else None, _time_counted(criterion),
                           "Informe escalafonario", rules.matriz.fecha_corte, None, criterion.reason,
                           "\n".join(detail)])
    bonus = e.bonificacion
    rows.append(who + ["Bonificación por discapacidad", "Bonificación", bonus.document or "Ninguno",
                       bonus_text(e, rules), _number(e.bonificacion_puntos), None, None, "",
                       bonus.document, None, None, bonus.reason, bonus.note])
    rows.append(who + ["Estado", "Estado", "Estado de la evaluación", e.estado, _number(e.puntaje_final), None, None,
                       "", "", None, None, causal_text(e, rules) or "Sin causal de retiro.",
                       "\n".join(e.sin_criterio)])
    return rows


PARAMETER_HEADERS = ["Parámetro", "Valor", "Estado", "Qué decide", "Fuente"]
AFTER_HEADERS = ["Causales de retiro después de los reclamos", "Reclamos (expedientes)", "Versión del acta",
                 "Cambió"]


def _sheet(sheet, titles: Sequence[str], rows: Sequence[Sequence[Any]], *, wide: Sequence[int] = (),
           freeze: str = "D2") -> None:
    for column, title in enumerate(titles, start=1):
        cell = sheet.cell(row=1, column=column)
        write_cell(cell, title)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = WIDE if column in wide else NARROW
    for index, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=index, column=column)
            write_cell(cell, value)
            if column == 1:
                cell.number_format = "@"
            elif hasattr(value, "year"):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = freeze
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{len(rows) + 1}"


_LONG_TEXT = ("Apellidos", "Nombres", "IGED", "Causal de retiro", "Documento de discapacidad", "Bonificación: sustento",
              "Nota SIHCE para la DRE/UGEL", "Causales de retiro después de los reclamos", "Reclamos (expedientes)")


def _text_columns(titles: Sequence[str]) -> list[int]:
    """The columns of long text (names, reasons): wide; the rest hold a result or a number."""
    return [index for index, title in enumerate(titles, start=1)
            if title.endswith("Sustento") or title in _LONG_TEXT]


def write_results(evaluations: Sequence[Evaluation], target: Path, rules: AscensoRules,
                  parameters: Sequence[OpenParameter] = (),
                  after: Sequence[tuple[Evaluation, str, str, int]] | None = None) -> Path:
    """Write the results workbook atomically to ``target``; every cell through write_cell.

    ``after`` adds the sheet «Después de reclamos»: per postulante, the evaluation after the
    reclamos, the causales de retiro, the expedientes and the version of the acta in force.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = RESULTS_SHEET
    titles = headers(evaluations[0]) if evaluations else list(IDENTITY)
    rows = [row(evaluation, rules) for evaluation in evaluations]
    _sheet(sheet, titles, rows, wide=_text_columns(titles))
    sustento = [line for evaluation in evaluations for line in sustento_rows(evaluation, rules)]
    _sheet(workbook.create_sheet(SUSTENTO_SHEET), SUSTENTO_HEADERS, sustento, wide=(2, 5, 11, 14, 15), freeze="C2")
    _sheet(workbook.create_sheet(PARAMETERS_SHEET), PARAMETER_HEADERS,
           [[item.key, item.value, item.status, item.description, item.source] for item in parameters],
           wide=(1, 2, 4, 5), freeze="B2")
    if after is not None:
        originals = {e.postulante.dni: e for e in evaluations}
        after_rows = []
        for final, causal, expedientes, version in after:
            before = row(originals[final.postulante.dni], rules)
            now = row(final, rules)
            changed = _decisions(now, titles)[len(IDENTITY):] != _decisions(before, titles)[len(IDENTITY):]
            after_rows.append(now + [causal, expedientes, version, "Sí" if changed else "No"])
        after_titles = titles + AFTER_HEADERS
        _sheet(workbook.create_sheet(AFTER_SHEET), after_titles, after_rows, wide=_text_columns(after_titles))
    with atomic_output(Path(target)) as temp:
        workbook.save(temp)
    return Path(target)
