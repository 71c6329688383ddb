"""The UGEL's informe consolidating the fichas CAP of one period: CETPRO × block, the items to
support, a chart, conclusions and recommendations, signed (DOMAIN.md C and D).

One numbered .docx/PDF (series ``informe-cap``) with A / De / Asunto / Referencia / Fecha, dated
the day the user gives (``--fecha``) or else the day of the latest visit it consolidates — never
the day cddgen runs; and a workbook with the same tables plus every item's value per CETPRO and
the fichas left out (with errors, or of another period: those are the screen's and the
workbook's business, not the informe's). The chart (CETPRO per level in each block) is drawn
with matplotlib's Agg canvas, without pyplot's global state, at its printed size, each level
with its own pattern so it reads in black and white.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

import datetime as dt

from ..config import Settings
from ..domain.cap import CapRules, Catalogue, Consolidated, Period, Scale
from ..fsutil import atomic_output
from ..wording import contract, count, join, long_date
from .docx import Picture
from .documents import DocumentJob
from .ficha_cap import criterion, score_context
from .people import report_signer, ugel_director
from .signers import report_signers
from .xlsx import write_cell

KIND = "resumen-cap"
SERIES = "informe-cap"
TEMPLATE = "informes/resumen-cap.docx"
CHART_NAME = "grafico"
CHART_WIDTH_MM = 230
# Colour and pattern of the levels, from «no realizado» to «logrado»: the pattern tells them
# apart on a black-and-white copy.
LEVEL_COLOURS = ("#C0392B", "#E67E22", "#F1C40F", "#27AE60")
LEVEL_HATCHES = ("xxx", "///", "...", "")
# Smallest type on the printed chart.
CHART_FONT_PT = 8


@dataclass(frozen=True)
class Excluded:
    """A file of the folder left out of the report, and why (Spanish, one line per problem)."""

    file: str
    reasons: tuple[str, ...]


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def context(consolidated: Consolidated, excluded: Sequence[Excluded], catalogue: Catalogue, scale: Scale,
            rules: CapRules) -> dict[str, Any]:
    blocks = catalogue.blocks
    fichas = []
    for scored in consolidated.fichas:
        data = scored.ficha.datos
        fichas.append({
            "cetpro": data.cetpro,
            "codigo_local": data.codigo_local,
            "fecha": data.fecha,
            "archivo": scored.ficha.origen,
            "bloques": [score_context(scored.score.block(block.key).score) for block in blocks],
            "total": score_context(scored.score.overall),
        })
    dates = [scored.ficha.datos.fecha for scored in consolidated.fichas]
    limit = rules.items_prioritarios
    superseded = [
        Excluded(old.origen, (f"hay una ficha más reciente del mismo CETPRO ({new.origen}, "
                              f"{new.datos.fecha:%d/%m/%Y}); se consolida esa.",))
        for old, new in consolidated.superseded
    ]
    return {
        "bloques": [{"nombre": block.name, "parte": block.part, "clave": block.key} for block in blocks],
        "fichas": fichas,
        "promedios": [_mean([f["bloques"][i]["porcentaje"] for f in fichas]) for i in range(len(blocks))],
        "promedio_total": _mean([f["total"]["porcentaje"] for f in fichas]),
        "desde": min(dates),
        "hasta": max(dates),
        "criterio": criterion(scale),
        "escala": [{"valor": level.value, "nivel": level.name, "descripcion": level.description}
                   for level in scale.levels],
        "niveles": [
            {"nombre": block.name, "parte": block.part,
             "cantidades": [consolidated.levels[block.key].get(level.value, 0) for level in scale.levels]}
            for block in blocks
        ],
        "limite_items": limit,
        "necesidades": [
            {"bloque": need.block.name, "id": need.item.id, "parte": need.block.part, "texto": need.item.text,
             "no_realizado": len(need.not_done), "en_inicio": len(need.starting), "total": need.count,
             "cetpros": cetpros(need)}
            for need in consolidated.needs[:limit]
        ],
        "excluidas": [{"archivo": item.file, "motivos": list(item.reasons)} for item in [*excluded, *superseded]],
    }


def cetpros(need) -> str:
    """«CETPRO A (0), CETPRO B (1)»: who needs support on an item, with the value given."""
    return ", ".join([f"{name} (0)" for name in need.not_done] + [f"{name} (1)" for name in need.starting])


def draw_chart(consolidated: Consolidated, catalogue: Catalogue, scale: Scale, target: Path) -> Path:
    """Horizontal stacked bars: per block, how many CETPRO are at each level."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    blocks = list(reversed(catalogue.blocks))  # first block on top
    labels = [f"{block.name} ({block.part})" for block in blocks]
    figure = Figure(figsize=(CHART_WIDTH_MM / 25.4, 0.45 + 0.36 * len(blocks) + 0.6), dpi=200)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    left = [0] * len(blocks)
    for level, colour, hatch in zip(scale.levels, LEVEL_COLOURS * 2, LEVEL_HATCHES * 2):
        counts = [consolidated.levels[block.key].get(level.value, 0) for block in blocks]
        bars = axes.barh(labels, counts, left=left, color=colour, hatch=hatch, edgecolor="black", linewidth=0.6,
                         label=f"{level.value} – {level.name}")
        for bar, amount in zip(bars, counts):
            if amount:
                axes.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, str(amount),
                          ha="center", va="center", fontsize=9, fontweight="bold", color="black",
                          bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
        left = [a + b for a, b in zip(left, counts)]
    total = len(consolidated.fichas)
    axes.set_xlim(0, max(total, 1))
    axes.set_xlabel("Número de CETPRO", fontsize=CHART_FONT_PT + 1)
    axes.tick_params(labelsize=CHART_FONT_PT + 1)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=len(scale.levels), frameon=False,
                fontsize=CHART_FONT_PT + 1)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(target) as temp:
        figure.savefig(temp, format="png", metadata={"Software": None})
    return target


def report_key(consolidated: Consolidated) -> str:
    """The same set of fichas gives the same report (and number); another set, a new one."""
    identities = sorted(f"{s.ficha.datos.codigo_local}:{s.ficha.datos.fecha.isoformat()}" for s in consolidated.fichas)
    digest = hashlib.sha256("|".join(identities).encode("utf-8")).hexdigest()[:16]
    return f"resumen-cap:{digest}"


def report_date(consolidated: Consolidated, settings: Settings) -> dt.date:
    """The informe's date: the one the user gives (``--fecha``), else that of the latest visit it
    consolidates (it cannot precede them)."""
    return settings.document_date or max(scored.ficha.datos.fecha for scored in consolidated.fichas)


def _who(names: Sequence[str]) -> str:
    """«el CETPRO «PERÚ»», «los CETPRO «A» y «B»»; names that already say CETPRO go alone, with
    their article: «al CETPRO PERÚ» is «a «CETPRO PERÚ»»."""
    quoted = [f"«{name}»" for name in names]
    if all(name.upper().startswith("CETPRO") for name in names):
        return join(quoted)
    return ("el CETPRO " if len(quoted) == 1 else "los CETPRO ") + join(quoted)


def informe(consolidated: Consolidated, catalogue: Catalogue, scale: Scale, rules: CapRules,
            values: Mapping[str, Any], period: Period) -> dict[str, Any]:
    """The informe's own text: antecedentes, conclusions and recommendations from the results."""
    fichas = consolidated.fichas
    total = len(fichas)
    levels = scale.levels
    by_level = [(level, [s.ficha.datos.cetpro for s in fichas if s.score.overall.level.value == level.value])
                for level in levels]
    named = [f"{count(len(names), 'CETPRO', 'CETPRO')} en «{level.name}» ({join(f'«{n}»' for n in names)})"
             for level, names in reversed(by_level) if names]
    averages = values["promedios"]
    blocks = catalogue.blocks
    weakest = min(range(len(blocks)), key=lambda index: averages[index])
    strongest = max(range(len(blocks)), key=lambda index: averages[index])
    conclusions = [
        f"Se monitoreó la implementación de la CAP en {count(total, 'CETPRO', 'CETPRO')} de la jurisdicción entre "
        f"el {long_date(values['desde'])} y el {long_date(values['hasta'])}.",
        "Por el total de la ficha, " + join(named) + ".",
        f"El bloque con mayor promedio es «{blocks[strongest].name}» ({blocks[strongest].part}), con "
        f"{averages[strongest]} %; el de menor promedio, «{blocks[weakest].name}» ({blocks[weakest].part}), con "
        f"{averages[weakest]} %.",
    ]
    needs = consolidated.needs
    if needs:
        first = needs[0]
        conclusions.append(f"El ítem {first.item.id} del bloque «{first.block.name}» ({first.block.part}) es el que "
                           f"más CETPRO valoran «no realizado» o «en inicio»: {count(first.count, 'CETPRO', 'CETPRO')}.")
    texts = rules.recomendaciones
    low = {level.value for level in levels[:2]}
    weak = [s.ficha.datos.cetpro for s in fichas
            if s.score.block(blocks[weakest].key).score.level.value in low]
    recommendations = []
    if weak:
        recommendations.append(contract(texts.bloque.format(bloque=blocks[weakest].name,
                                                               parte=blocks[weakest].part, cetpro=_who(weak))))
    if needs:
        recommendations.append(texts.items.format(items=join(
            f"{need.item.id} del bloque «{need.block.name}» ({need.block.part})" for need in needs[:3])))
    if not recommendations:
        recommendations.append(texts.todos_logrado)
    return {
        "periodo": period.label,
        "antecedentes": [
            f"El {values['area_monitorea']} realizó visitas de monitoreo a la implementación de la Comunidad de "
            f"Aprendizaje Profesional (CAP) en los CETPRO de la jurisdicción, con la ficha de monitoreo, en el "
            f"periodo {period.label}.",
            f"Este informe consolida {count(total, 'ficha', 'fichas')}, la más reciente de cada CETPRO en el "
            f"periodo. Cada ítem se valora de {levels[0].value} ({levels[0].name.lower()}) a {levels[-1].value} "
            f"({levels[-1].name.lower()}); el nivel de cada bloque resulta del promedio por ítem ({values['criterio']}).",
        ],
        "conclusiones": conclusions,
        "recomendaciones": recommendations,
    }


def job(consolidated: Consolidated, excluded: Sequence[Excluded], settings: Settings, rules: CapRules,
        catalogue: Catalogue, scale: Scale, chart: Path, period: Period) -> DocumentJob:
    on = report_date(consolidated, settings)
    values = context(consolidated, excluded, catalogue, scale, rules)
    values["area_monitorea"] = settings.institution.area
    signer = report_signer(settings)  # checked before anything is numbered
    values.update(informe(consolidated, catalogue, scale, rules, values, period))
    values.update({
        "fecha": on, "lugar": settings.institution.ciudad, "destinatario": ugel_director(settings),
        "firmante": signer, "firmas": signer["firmas"],
        "referencias": [rules.titulo,
                        f"Fichas de monitoreo de las visitas del {values['desde']:%d/%m/%Y} al {values['hasta']:%d/%m/%Y}"],
    })
    return DocumentJob(
        kind=KIND,
        series=SERIES,
        key=report_key(consolidated),
        date=on,
        template=TEMPLATE,
        context=lambda number: values,
        person="consolidado CAP",
        subject=f"las fichas CAP de los CETPRO de la {settings.institution.nombre}",
        extra_images={CHART_NAME: Picture(chart, CHART_WIDTH_MM)},
        signers=report_signers(settings),
        title=f"Informe consolidado del monitoreo a la implementación de la CAP en los CETPRO – {period.label}",
    )


# ----------------------------------------------------------------------------- workbook

_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet(workbook: Workbook, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
           widths: Sequence[int]) -> None:
    ws = workbook.create_sheet(title)
    for column, (header, width) in enumerate(zip(headers, widths), start=1):
        cell = ws.cell(row=1, column=column)
        write_cell(cell, header)
        cell.fill, cell.font, cell.alignment = _HEADER_FILL, _HEADER_FONT, _WRAP
        ws.column_dimensions[get_column_letter(column)].width = width
    for row_index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = ws.cell(row=row_index, column=column)
            write_cell(cell, value)
            if isinstance(value, float):
                cell.number_format = "0.0"
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 45


def write_workbook(consolidated: Consolidated, excluded: Sequence[Excluded], catalogue: Catalogue, scale: Scale,
                   rules: CapRules, number: str, target: Path) -> Path:
    """The report's tables as a workbook (every cell through write_cell), written atomically."""
    values = context(consolidated, excluded, catalogue, scale, rules)
    blocks = catalogue.blocks
    workbook = Workbook()
    cover = workbook.active
    cover.title = "Informe"
    for row, (label, value) in enumerate((
        ("Informe", number),
        ("Fichas consolidadas", len(values["fichas"])),
        ("Visitas desde", values["desde"]),
        ("Visitas hasta", values["hasta"]),
        ("Nivel por promedio por ítem", values["criterio"]),
    ), start=1):
        write_cell(cover.cell(row=row, column=1), label)
        write_cell(cover.cell(row=row, column=2), value)
        cover.cell(row=row, column=1).font = Font(bold=True)
        if hasattr(value, "year"):
            cover.cell(row=row, column=2).number_format = "dd/mm/yyyy"
    cover.column_dimensions["A"].width = 28
    cover.column_dimensions["B"].width = 90

    headers = ["CETPRO", "Código local", "Fecha", "Archivo"]
    for block in blocks:
        headers += [f"{block.name} ({block.part}) %", f"{block.name} ({block.part}) nivel"]
    headers += ["Total %", "Total nivel", "Puntaje", "Máximo"]
    rows = []
    for ficha in values["fichas"]:
        row: list[Any] = [ficha["cetpro"], ficha["codigo_local"], ficha["fecha"].strftime("%d/%m/%Y"), ficha["archivo"]]
        for block in ficha["bloques"]:
            row += [block["porcentaje"], block["nivel"]]
        row += [ficha["total"]["porcentaje"], ficha["total"]["nivel"], ficha["total"]["puntaje"],
                ficha["total"]["maximo"]]
        rows.append(row)
    _sheet(workbook, "CETPRO por bloque", headers, rows, [34, 12, 11, 34] + [13] * (2 * len(blocks) + 4))

    level_names = [level.name for level in scale.levels]
    _sheet(workbook, "Niveles por bloque", ["Bloque", "Parte", *level_names],
           [[n["nombre"], n["parte"], *n["cantidades"]] for n in values["niveles"]], [26, 8] + [14] * len(level_names))

    _sheet(
        workbook, "Ítems a apoyar",
        ["Orden", "Parte", "Bloque", "Ítem", "Descripción", f"{level_names[0]} (0)", f"{level_names[1]} (1)",
         "Total", "CETPRO"],
        [[index, need.block.part, need.block.name, need.item.id, need.item.text, len(need.not_done),
          len(need.starting), need.count, cetpros(need)] for index, need in enumerate(consolidated.needs, start=1)],
        [7, 7, 22, 7, 80, 14, 14, 8, 60],
    )

    names = [s.ficha.datos.cetpro for s in consolidated.fichas]
    _sheet(
        workbook, "Valoraciones",
        ["Parte", "Bloque", "Ítem", "Descripción", *names],
        [[block.part, block.name, item.id, item.text,
          *(s.ficha.valoraciones[item.key] for s in consolidated.fichas)]
         for block in blocks for item in block.items],
        [7, 22, 7, 80] + [18] * len(names),
    )

    _sheet(workbook, "No consolidadas", ["Archivo", "Motivo"],
           [[item["archivo"], reason] for item in values["excluidas"] for reason in item["motivos"]], [40, 140])
    for ws in workbook.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = _WRAP
    workbook.properties.creator = "cddgen"
    workbook.properties.title = number
    with atomic_output(target) as temp:
        workbook.save(temp)
    return target
