"""The ficha de monitoreo CAP as a numbered document (DOMAIN.md C; seed 004).

The ficha in the seed's layout, with the marks as read, the totals of the personal and
metas tables computed, and the score of each block, part and the whole ficha.
"""

from __future__ import annotations

from typing import Any

from ..config import Settings
from ..domain.cap import CapRules, Catalogue, Ficha, FichaScore, Scale, Score, score_ficha
from ..wording import short_date
from .documents import DocumentJob
from .people import gender_code
from .signers import Signer
from .filters import score as format_score

KIND = "ficha-cap"
SERIES = "ficha-cap"
TEMPLATE = "informes/ficha-cap.docx"
MARK = "X"


def score_context(result: Score) -> dict[str, Any]:
    return {
        "nombre": result.label,
        "cantidad_items": result.items,
        "puntaje": result.total,
        "maximo": result.maximum,
        "porcentaje": round(result.percentage, 1),
        "promedio": round(float(result.mean), 2),
        "nivel": result.level.name,
        "valor_nivel": result.level.value,
    }


def criterion(scale: Scale) -> str:
    """«menos de 0.75: No realizado; de 0.75 a menos de 1.5: En inicio; …; desde 2.25: Logrado»."""
    parts = []
    lower = None
    for level, limit in zip(scale.levels, scale.thresholds):
        shown = format_score(float(limit), 2)
        parts.append(f"menos de {shown}: {level.name}" if lower is None
                     else f"de {lower} a menos de {shown}: {level.name}")
        lower = shown
    parts.append(f"desde {lower}: {scale.levels[-1].name}")
    return "; ".join(parts)


def title(rules: CapRules, ficha: Ficha) -> str:
    return f"{rules.titulo.upper()} – {ficha.datos.fecha.year}"


def context(ficha: Ficha, settings: Settings, rules: CapRules, catalogue: Catalogue, scale: Scale,
            result: FichaScore) -> dict[str, Any]:
    data = ficha.datos
    values = scale.values
    parts = []
    for part_score in result.parts:
        blocks = []
        for block_score in part_score.blocks:
            block = block_score.block
            items = []
            for item in block.items:
                value = ficha.valoraciones[item.key]
                items.append({
                    "id": item.id,
                    "texto": item.text,
                    "subtitulo": item.subtitle,
                    "valor": value,
                    "marcas": [MARK if value == candidate else "" for candidate in values],
                })
            blocks.append({
                "numero": block.number,
                "titulo": block.title,
                "descripcion": block.description,
                "filas": items,
                **score_context(block_score.score),
                "nombre": block.name,
            })
        part = part_score.part
        parts.append({
            "id": part.id,
            "titulo": part.title,
            "encabezado": part.header,
            "bloques": blocks,
            **score_context(part_score.score),
        })
    results = []
    for part_score in result.parts:
        for block_score in part_score.blocks:
            results.append({"parte": part_score.part.id, "es_parte": False, **score_context(block_score.score)})
        results.append({"parte": part_score.part.id, "es_parte": True,
                        **score_context(part_score.score), "nombre": f"Total {part_score.part.label}"})
    staff_totals = ficha.staff_totals()
    return {
        "titulo": title(rules, ficha),
        "anio": data.fecha.year,
        "periodo_metas": rules.metas_period(data.fecha),
        "ficha": {
            "codigo_local": data.codigo_local,
            "fecha": data.fecha,
            "cetpro": data.cetpro,
            "ugel": data.ugel or settings.institution.ugel,
            "rei": data.rei,
            "plataforma": data.plataforma,
            "director": data.director,
            "director_genero": gender_code(data.director_genero),
            "ciclos": [{"nombre": cycle, "marca": MARK if cycle in data.ciclos else ""} for cycle in catalogue.cycles],
            "turnos": [
                {"sigla": shift, "nombre": name, "marca": MARK if shift in data.turnos else ""}
                for shift, name in zip(catalogue.shifts, catalogue.shift_names)
            ],
            "especialista": {"area": ficha.especialista.area or settings.institution.area,
                             "nombre": ficha.especialista.nombre,
                             "genero": gender_code(ficha.especialista.genero)},
        },
        "personal_ciclos": list(catalogue.staff_cycles),
        "personal": [{"cargo": row.cargo, "ciclos": list(row.counts), "total": row.total} for row in ficha.personal],
        "personal_total": {"ciclos": list(staff_totals[:-1]), "total": staff_totals[-1]},
        "metas": [{"ciclo": goal.cycle, "matriculados": goal.enrolled, "asistentes": goal.attending}
                  for goal in ficha.metas],
        "metas_total": {"matriculados": ficha.total_enrolled, "asistentes": ficha.total_attending},
        "partes": parts,
        "resultados": results,
        "total": score_context(result.overall),
        "escala": [{"valor": level.value, "nivel": level.name, "descripcion": level.description}
                   for level in scale.levels],
        "criterio": criterion(scale),
        "observaciones": list(ficha.observaciones),
        "compromisos": list(ficha.compromisos),
        "sugerencias": list(ficha.sugerencias),
    }


def signers(ficha: Ficha, settings: Settings) -> tuple[Signer, ...]:
    """The ficha's two signature blocks: the CETPRO's director(a) and the specialist (the form
    records neither DNI, so their fields are found by name)."""
    return (
        Signer(role=f"Director(a) del {ficha.datos.cetpro}", name=ficha.datos.director),
        Signer(role=f"Especialista / monitor – {settings.institution.ugel}", name=ficha.especialista.nombre),
    )


def job(ficha: Ficha, settings: Settings, rules: CapRules) -> DocumentJob:
    # The items that name a period follow the visit's date (its period, and the one before).
    catalogue, scale = rules.catalogue(ficha.datos.fecha), rules.scale
    result = score_ficha(ficha.valoraciones, catalogue, scale)
    identity = ficha.datos.codigo_local or ficha.datos.cetpro
    return DocumentJob(
        kind=KIND,
        series=SERIES,
        # One visit (CETPRO and date) has one ficha: rendering it again keeps its number.
        key=f"ficha-cap:{identity}:{ficha.datos.fecha.isoformat()}",
        date=ficha.datos.fecha,
        template=TEMPLATE,
        context=lambda number: context(ficha, settings, rules, catalogue, scale, result),
        person=ficha.datos.cetpro,
        signers=signers(ficha, settings),
        subject=f"el CETPRO «{ficha.datos.cetpro}» (código local {ficha.datos.codigo_local or 'no indicado'})",
        title=f"Ficha de monitoreo CAP – {ficha.datos.cetpro} – {short_date(ficha.datos.fecha)}",
    )
