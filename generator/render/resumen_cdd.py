"""The UGEL's report on the Compromisos de Desempeño of all its CETPRO: indicators against their
metas, the MMA earned per CETPRO and tramo, the UGEL's totals and a chart (DOMAIN.md B; seed 000,
«Responsabilidades de la UGEL»: supervisar el cumplimiento de los indicadores)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

from ..config import Settings
from ..domain.cdd import UgelSummary, oficio_date
from ..fsutil import safe_filename
from .cdd_workbooks import write_summary
from .docx import Picture
from .documents import DocumentJob
from .filters import percent
from .signers import report_signers

KIND = "resumen-cdd"
SERIES = "informe-cdd"
TEMPLATE = "informes/resumen-cdd.docx"
CHART_WIDTH_MM = 160

_MET, _UNMET, _META = "#2E7D32", "#C62828", "#1F4E78"


def summary_name(docx: Path) -> Path:
    return docx.with_name(safe_filename(f"{docx.stem} - resumen-cdd", max_length=150) + ".xlsx")


def _short(name: str) -> str:
    """PROMAE RIMAC → Promae Rimac; ROSA DE AMERICA → Rosa de America (axis labels)."""
    small = {"de", "del", "la", "las", "los", "y", "e"}
    words = name.lower().split()
    return " ".join(word if index and word in small else word.capitalize() for index, word in enumerate(words))


def write_chart(summary: UgelSummary, target: Path) -> Path:
    """One panel per indicator: a bar per CETPRO (green if it meets the meta) and the meta line."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    edition = summary.edition
    codes = list(edition.indicators)
    rows = summary.rows
    names = [_short(row.entry.nombre) for row in rows]
    columns = 2
    lines = (len(codes) + columns - 1) // columns
    figure, axes = plt.subplots(lines, columns, figsize=(10, 3.4 * lines), squeeze=False)
    for index, code in enumerate(codes):
        ax = axes[index // columns][index % columns]
        indicator = edition.indicators[code]
        values, colors, labels = [], [], []
        for row in rows:
            result = row.evaluation.indicator(code) if row.evaluation else None
            if result is None or not result.has_data:
                values.append(0)
                colors.append("#9E9E9E")
                labels.append("sin datos" if result else "sin formulario")
            else:
                values.append(float(result.percent))
                colors.append(_MET if result.meets else _UNMET)
                labels.append(percent(result.percent))
        positions = range(len(rows))
        bars = ax.bar(positions, values, color=colors, width=0.6)
        ax.axhline(indicator.meta, color=_META, linestyle="--", linewidth=1.5)
        for bar, label in zip(bars, labels):
            ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height() + 1.5, label, ha="center",
                    va="bottom", fontsize=7)
        ax.set_ylim(0, 115)
        ax.set_xticks(list(positions))
        ax.set_xticklabels(names, rotation=20, ha="right", fontsize=7)
        ax.set_ylabel("%", fontsize=8)
        ax.tick_params(axis="y", labelsize=7)
        ax.set_title(f"Indicador {code} (tramo {indicator.tramo}) – meta {indicator.meta} %", fontsize=9,
                     fontweight="bold")
        ax.spines[["top", "right"]].set_visible(False)
    for index in range(len(codes), lines * columns):
        axes[index // columns][index % columns].axis("off")
    figure.suptitle(f"{edition.name} – {summary.ugel}: indicadores frente a su meta", fontsize=10)
    figure.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, dpi=150, metadata={"Software": None})
    plt.close(figure)
    return target


def context(summary: UgelSummary, failures: Sequence[tuple[str, str]], on: dt.date,
            place: str = "Lima") -> dict[str, Any]:
    edition = summary.edition
    codes = list(edition.indicators)
    tramos = sorted(edition.tramos)
    cetpros = []
    for row in summary.rows:
        cells = []
        for code in codes:
            result = row.evaluation.indicator(code) if row.evaluation else None
            if result is None:
                cells.append("—")
            elif not result.has_data:
                cells.append("Sin datos: no cumple")
            else:
                cells.append(f"{percent(result.percent)}: {'cumple' if result.meets else 'no cumple'}")
        amounts = {
            f"t{number}": {"maximo": row.entry.amount(number), "obtenido": row.earned(number)} for number in tramos
        }
        cetpros.append({
            "codigo_modular": row.entry.codigo_modular,
            "nombre": row.entry.nombre,
            "situacion": row.status,
            "celdas": cells,
            "mma": amounts,
            "maximo": sum(row.entry.amount(number) for number in tramos),
            "obtenido": row.earned_total,
        })
    totals = {f"t{number}": {"maximo": summary.max_total(number), "obtenido": summary.earned_total(number)}
              for number in tramos}
    return {
        "fecha": on,
        "lugar": place,
        "ugel": summary.ugel,
        "edicion": {
            "nombre": edition.name,
            "norma": edition.norma,
            "norma_tecnica": edition.norma_title,
            "periodo": edition.period,
            "regla_reparto": edition.split.replace("_", " "),
        },
        "indicadores": [
            {"codigo": code, "nombre": edition.indicators[code].name, "meta": f"{edition.indicators[code].meta} %",
             "tramo": edition.indicators[code].tramo, "cierre": edition.tramos[edition.indicators[code].tramo].closes}
            for code in codes
        ],
        "cetpros": cetpros,
        "evaluados": len(summary.evaluated),
        "total_cetpros": len(summary.rows),
        "totales": totals,
        "total_maximo": sum(summary.max_total(number) for number in tramos),
        "total_obtenido": sum((summary.earned_total(number) for number in tramos), Decimal(0)),
        "errores": [{"archivo": name, "problema": problem} for name, problem in failures],
    }


def report_date(summary: UgelSummary, settings: Settings) -> dt.date:
    """The report's date: the one the user gives (``--fecha``), else that of the latest oficio of
    the CETPRO it reports on (it cannot precede what it reports) — never the day cddgen runs."""
    if settings.document_date:
        return settings.document_date
    edition = summary.edition
    return max(oficio_date(row.evaluation.cetpro, edition, tramo)
               for row in summary.evaluated for tramo in edition.tramos)


def job(summary: UgelSummary, failures: Sequence[tuple[str, str]], settings: Settings, chart: Path) -> DocumentJob:
    on = report_date(summary, settings)
    return DocumentJob(
        kind=KIND,
        series=SERIES,
        # One report per UGEL, edition and date: rendering it again keeps its number.
        key=f"resumen-cdd:{summary.edition.key}:{summary.ugel}:{on.isoformat()}",
        date=on,
        template=TEMPLATE,
        context=lambda number: context(summary, failures, on, settings.institution.ciudad),
        person=summary.ugel,
        subject=f"los CETPRO de la {summary.ugel}",
        extra_images={"grafico": Picture(chart, CHART_WIDTH_MM)},
        attachments=lambda docx, number: [write_summary(summary_name(docx), summary, failures)],
        signers=report_signers(settings),
    )
