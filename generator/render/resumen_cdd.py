"""The UGEL's informe on the Compromisos de Desempeño of all its CETPRO (DOMAIN.md B and D; seed 000,
«Responsabilidades de la UGEL»: supervisar el cumplimiento de los indicadores).

An informe of the office: A (the UGEL's director) / De (its signer) / Asunto / Referencia / Fecha,
numbered sections, conclusions and recommendations computed from the results, the signer's name,
DNI and cargo. It is dated the day the user gives (``--fecha``) or else the day of the latest oficio
of the CETPRO it reports on — never the day cddgen runs. Amounts appear only as the UGEL's estimate
under the configured split, saying so: DISERTPA evaluates and the UFD determines the amounts.
What went wrong reading a form is the screen's business and the workbook's, not the informe's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

from ..config import Settings
from ..domain.cdd import UgelRow, UgelSummary, oficio_date
from ..fsutil import safe_filename
from ..wording import contract, count, join
from .cdd_workbooks import write_summary
from .docx import Picture
from .documents import DocumentJob
from .filters import percent, soles
from .people import report_signer, ugel_director
from .signers import report_signers

KIND = "resumen-cdd"
SERIES = "informe-cdd"
TEMPLATE = "informes/resumen-cdd.docx"
CHART_WIDTH_MM = 160

_MET, _UNMET, _META = "#2E7D32", "#C62828", "#1F4E78"


def summary_name(docx: Path) -> Path:
    return docx.with_name(safe_filename(f"{docx.stem} - resumen-cdd", max_length=150) + ".xlsx")


# How each bar reads in black and white as well as in colour: (colour, hatch, edge).
BAR_STYLES = {
    "cumple": ("#2E7D32", "", "black"),
    "no cumple": ("#FFFFFF", "////", "#C62828"),
    "sin datos": ("#E0E0E0", "..", "#616161"),
}
# Smallest type on the printed chart (DOMAIN.md D; the issue asks for labels of 8 pt or more).
CHART_FONT_PT = 8


def write_chart(summary: UgelSummary, target: Path) -> Path:
    """One panel per indicator: a horizontal bar per CETPRO (solid if it meets the meta, hatched if
    not, dotted without data) and the meta as a dashed line. Drawn at its printed size, so every
    label is at least CHART_FONT_PT on paper; CETPRO names exactly as in the official list, once
    per row of panels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    edition = summary.edition
    codes = list(edition.indicators)
    rows = list(reversed(summary.rows))  # the first CETPRO on top
    names = [row.entry.nombre for row in rows]
    columns = 2
    lines = (len(codes) + columns - 1) // columns
    height_per_line = 0.42 + 0.27 * len(rows)
    figure = Figure(figsize=(CHART_WIDTH_MM / 25.4, height_per_line * lines + 0.45), dpi=200)
    FigureCanvasAgg(figure)
    axes = figure.subplots(lines, columns, squeeze=False, sharey=True)
    for index, code in enumerate(codes):
        ax = axes[index // columns][index % columns]
        indicator = edition.indicators[code]
        for position, row in enumerate(rows):
            result = row.evaluation.indicator(code) if row.evaluation else None
            if result is None or not result.has_data:
                value, style, label = 0.0, "sin datos", "sin datos"
            else:
                value = float(result.percent)
                style, label = ("cumple" if result.meets else "no cumple"), percent(result.percent)
            colour, hatch, edge = BAR_STYLES[style]
            shown = max(value, 1.5)  # a 0 % bar still shows its edge and pattern
            ax.barh(position, shown, color=colour, hatch=hatch, edgecolor=edge, linewidth=0.8, height=0.62)
            ax.text(shown + 2, position, label, va="center", ha="left", fontsize=CHART_FONT_PT)
        ax.axvline(indicator.meta, color="black", linestyle="--", linewidth=1.2)
        ax.set_xlim(0, 128)
        ax.set_xticks([0, 25, 50, 75, 100], [f"{tick} %" for tick in (0, 25, 50, 75, 100)])
        ax.tick_params(axis="x", labelsize=CHART_FONT_PT)
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels(names, fontsize=CHART_FONT_PT)
        ax.set_title(f"Indicador {code}, meta {indicator.meta} %", fontsize=9, fontweight="bold")
        ax.spines[["top", "right"]].set_visible(False)
    for index in range(len(codes), lines * columns):
        axes[index // columns][index % columns].axis("off")
    legend = [Patch(facecolor=colour, hatch=hatch, edgecolor=edge, label=name.capitalize())
              for name, (colour, hatch, edge) in BAR_STYLES.items()]
    legend.append(Line2D([0], [0], color="black", linestyle="--", linewidth=1.2, label="Meta"))
    figure.legend(handles=legend, loc="lower center", ncol=4, fontsize=CHART_FONT_PT, frameon=False)
    figure.tight_layout(rect=(0, 0.07, 1, 1))
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, metadata={"Software": None})
    return target


SPLIT_TEXT = {
    "todo_o_nada": "el MMA de un tramo se estima completo solo si el CETPRO alcanza la meta de todos los "
                   "indicadores del tramo, y en cero si no",
    "proporcional": "el MMA de un tramo se estima en proporción a los indicadores del tramo cuya meta alcanza "
                    "el CETPRO",
}


def report_date(summary: UgelSummary, settings: Settings) -> dt.date:
    """The informe's date: the one the user gives (``--fecha``), else that of the latest oficio of
    the CETPRO it reports on (the informe cannot precede what it reports)."""
    if settings.document_date:
        return settings.document_date
    edition = summary.edition
    return max(oficio_date(row.evaluation.cetpro, edition, tramo)
               for row in summary.evaluated for tramo in edition.tramos)


def _who(names: Sequence[str]) -> str:
    """«el CETPRO «PERU»», «los CETPRO «PERU» y «ROSA DE AMERICA»»."""
    quoted = [f"«{name}»" for name in names]
    return ("el CETPRO " if len(quoted) == 1 else "los CETPRO ") + join(quoted)


def _cell(row: UgelRow, code: str) -> str:
    result = row.evaluation.indicator(code) if row.evaluation else None
    if result is None:
        return "Sin información"
    if not result.has_data:
        return "Sin datos: no cumple"
    return f"{percent(result.percent)}: {'cumple' if result.meets else 'no cumple'}"


def conclusions(summary: UgelSummary, failures: Sequence[tuple[str, str]]) -> list[str]:
    edition = summary.edition
    rows, evaluated = summary.rows, summary.evaluated
    missing = [row.entry.nombre for row in rows if not row.evaluation]
    lines = [f"Se analizó la información de {len(evaluated)} de los {count(len(rows), 'CETPRO', 'CETPRO')} de "
             f"la {summary.ugel}" + (f"; no se recibió información válida de {_who(missing)}." if missing else ".")]
    for tramo in sorted(edition.tramos):
        met = [row.entry.nombre for row in evaluated if row.evaluation.tramos[tramo].meets_all]
        verb = "alcanza" if len(met) == 1 else "alcanzan"
        lines.append(f"En el tramo {tramo}, {count(len(met), 'CETPRO', 'CETPRO')} {verb} la meta de todos sus "
                     "indicadores" + (f": {join(f'«{name}»' for name in met)}." if met else "."))
    for code, indicator in edition.indicators.items():
        failing = [row.entry.nombre for row in evaluated if not row.evaluation.indicator(code).meets]
        verb = "alcanza" if len(failing) == 1 else "alcanzan"
        lines.append(f"El indicador {code} alcanza su meta de {indicator.meta} % en "
                     f"{len(evaluated) - len(failing)} de {count(len(evaluated), 'CETPRO', 'CETPRO')}"
                     + (f"; no la {verb} {_who(failing)}." if failing else "."))
    maximum = sum(summary.max_total(number) for number in edition.tramos)
    estimate = sum((summary.earned_total(number) for number in edition.tramos), Decimal(0))
    lines.append(f"El MMA de los CETPRO de la {summary.ugel} suma {soles(maximum)} en los tramos "
                 f"{join(str(number) for number in sorted(edition.tramos))}; con los "
                 f"resultados de este informe, la UGEL estima {soles(estimate)}. Es una estimación: la DISERTPA "
                 "evalúa los indicadores y la UFD determina los montos.")
    if failures:
        files = len({name for name, _ in failures})
        lines.append(f"La información de {count(files, 'archivo')} no pudo considerarse por contener errores; "
                     "el detalle figura en el anexo en Excel de este informe.")
    return [contract(line) for line in lines]


def recommendations(summary: UgelSummary) -> list[str]:
    texts = summary.edition.recommendations
    lines = []
    for code in summary.edition.indicators:
        failing = [row.entry.nombre for row in summary.evaluated if not row.evaluation.indicator(code).meets]
        if failing and code in texts:
            lines.append(contract(texts[code].format(cetpro=_who(failing))))
    missing = [row.entry.nombre for row in summary.rows if not row.evaluation]
    if missing:
        lines.append(contract(texts["sin_informacion"].format(cetpro=_who(missing))))
    return lines or [contract(texts["todos_cumplen"].format(cetpro=_who([row.entry.nombre for row in summary.rows])))]


def context(summary: UgelSummary, failures: Sequence[tuple[str, str]], settings: Settings,
            on: dt.date) -> dict[str, Any]:
    edition = summary.edition
    codes = list(edition.indicators)
    tramos = sorted(edition.tramos)
    cetpros = []
    for row in summary.rows:
        amounts = {f"t{number}": {"maximo": row.entry.amount(number), "estimado": row.earned(number)}
                   for number in tramos}
        cetpros.append({
            "codigo_modular": row.entry.codigo_modular,
            "nombre": row.entry.nombre,
            "situacion": "Con información" if row.evaluation else "Sin información",
            "celdas": [_cell(row, code) for code in codes],
            "mma": amounts,
        })
    totals = {f"t{number}": {"maximo": summary.max_total(number), "estimado": summary.earned_total(number)}
              for number in tramos}
    signer = report_signer(settings)
    return {
        "fecha": on,
        "lugar": settings.institution.ciudad,
        "ugel": summary.ugel,
        "destinatario": ugel_director(settings),
        "firmante": signer,
        "firmas": signer["firmas"],
        "referencias": [f"{edition.norma}, que aprueba la {edition.norma_title}",
                        "Oficios de remisión de los CETPRO de la jurisdicción"],
        "edicion": {"nombre": edition.name, "norma": edition.norma, "norma_tecnica": edition.norma_title,
                    "periodo": edition.period},
        "antecedente_cetpro": (
            f"Los CETPRO de la jurisdicción registran la información de sus indicadores para el periodo "
            f"académico {edition.period}; este informe analiza la de "
            f"{count(len(summary.evaluated), 'CETPRO', 'CETPRO')} de los {len(summary.rows)} que figuran en el "
            "Anexo N° 3 de la Norma Técnica para la UGEL."),
        "indicadores": [
            {"codigo": code, "nombre": edition.indicators[code].name, "meta": f"{edition.indicators[code].meta} %",
             "tramo": edition.indicators[code].tramo, "cierre": edition.tramos[edition.indicators[code].tramo].closes}
            for code in codes
        ],
        "cetpros": cetpros,
        "totales": totals,
        "leyenda_grafico": ("Gráfico 1. Porcentaje de cada CETPRO en cada indicador. Barra llena: alcanza la meta; "
                            "barra rayada: no la alcanza; barra punteada: sin datos. La línea vertical discontinua "
                            "marca la meta del indicador."),
        "nota_estimacion": (f"Las columnas «Estimado» son una estimación de la UGEL: {SPLIT_TEXT[edition.split]} "
                            "(regla de reparto configurada). No son montos asignados: la DISERTPA evalúa los "
                            "indicadores y la UFD determina los recursos de cada tramo."),
        "conclusiones": conclusions(summary, failures),
        "recomendaciones": recommendations(summary),
    }


def job(summary: UgelSummary, failures: Sequence[tuple[str, str]], settings: Settings, chart: Path) -> DocumentJob:
    on = report_date(summary, settings)
    values = context(summary, failures, settings, on)  # checks the signer before anything is numbered
    return DocumentJob(
        kind=KIND,
        series=SERIES,
        # One informe per UGEL, edition and date: rendering it again keeps its number.
        key=f"resumen-cdd:{summary.edition.key}:{summary.ugel}:{on.isoformat()}",
        date=on,
        template=TEMPLATE,
        context=lambda number: values,
        person=summary.ugel,
        subject=f"los CETPRO de la {summary.ugel}",
        extra_images={"grafico": Picture(chart, CHART_WIDTH_MM)},
        attachments=lambda docx, number: [write_summary(summary_name(docx), summary, failures)],
        signers=report_signers(settings),
        title=f"Informe del cumplimiento de los {summary.edition.name} – {summary.ugel}",
    )
