"""Concurso de Ascenso 2025, etapa descentralizada: the committee's evaluation of one
postulante (DOMAIN.md A.1–A.3; seed 003, capítulo II).

``evaluate(postulante, rules)`` checks the requisitos, scores every criterion of the Matriz
de Valoración de la Trayectoria Profesional with its reason in Spanish, decides the
bonificación por discapacidad and computes the puntaje final. Pure: no I/O, no click; the
rules are the typed ``AscensoRules`` of ``settings.rules.ascenso`` (``rules.py``).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from .experience import score_experience
from .model import (
    CUMPLE,
    NO_CUMPLE,
    BonusResult,
    Capacitacion,
    CriterionResult,
    Discapacidad,
    DocumentoIdoneidad,
    Evaluation,
    Grado,
    Merito,
    Periodo,
    Postulante,
    RequisitoCheck,
    RubroResult,
    Tiempo,
)
from .rules import AscensoRules
from .requirements import bonus, check_requirements, permanencia_cutoff
from .text import fecha
from .training import (
    describe_capacitacion,
    describe_grado,
    describe_merito,
    score_merit,
    score_otros_estudios,
    score_posgrado,
    score_training,
)
from .validation import postulante_problems, record_problems

__all__ = [
    "CUMPLE", "NO_CUMPLE", "BonusResult", "Capacitacion", "CriterionResult", "Discapacidad", "DocumentoIdoneidad",
    "Evaluation",
    "Grado", "Merito", "Periodo", "Postulante", "RequisitoCheck", "RubroResult", "Tiempo",
    "AscensoRules", "admitted_records", "evaluate", "postulante_problems", "record_problems", "score_experience",
]


def _unmatched(postulante: Postulante, rules: AscensoRules) -> list[str]:
    lists = rules.listas
    lines = []
    for grado in postulante.grados:
        if grado.tipo in lists.grados_no_valorados:
            lines.append(f"{describe_grado(grado)}: no corresponde a ningún criterio de la Matriz.")
    for item in postulante.capacitaciones:
        if item.tipo in lists.capacitaciones_no_valoradas:
            lines.append(f"{describe_capacitacion(item)}: no corresponde a ningún criterio de la Matriz.")
    for item in postulante.meritos:
        if item.tipo in lists.meritos_no_valorados:
            lines.append(f"{describe_merito(item)}: el mérito no figura en la Matriz; no se valora.")
    return lines


def _rubros(criteria: list[CriterionResult], rules: AscensoRules) -> tuple[RubroResult, ...]:
    result = []
    for rubro_id, rule in rules.matriz.rubros.items():
        items = tuple(c for c in criteria if c.rubro == rubro_id)
        raw = sum((c.points for c in items), Decimal(0))
        result.append(RubroResult(rubro_id, rule.titulo, min(raw, rule.maximo), rule.maximo, items, raw > rule.maximo))
    return tuple(result)


def admitted_records(postulante: Postulante, admitted: frozenset[str] | set[str] = frozenset()) -> Postulante:
    """The postulante with only the records that count: those of the informe escalafonario
    (no expediente) and those brought by a reclamo whose expediente is in ``admitted``."""

    def keep(records):
        return tuple(r for r in records if not r.expediente or r.expediente in admitted)

    p = postulante
    return replace(p, grados=keep(p.grados), capacitaciones=keep(p.capacitaciones), meritos=keep(p.meritos),
                   experiencia=keep(p.experiencia))


def evaluate(postulante: Postulante, rules: AscensoRules, admitted: frozenset[str] | set[str] = frozenset()) -> Evaluation:
    """The whole evaluation of one postulante; see the module docstring.

    Records carrying a reclamo's expediente are new evidence: they count only when their
    expediente is in ``admitted`` (declared fundado); the original evaluation admits none.
    """
    p = admitted_records(postulante, admitted)
    requisitos = check_requirements(p, rules)
    cumple = all(check.ok for check in requisitos)
    criteria = [
        score_posgrado(p.grados, rules),
        score_otros_estudios(p.grados, p.fecha_nombramiento, rules),
        *(score_training(c, p.capacitaciones, rules) for c in rules.matriz.estudios),
        *(score_merit(c, p.meritos, rules) for c in rules.matriz.meritos),
    ]
    experience, unmatched_periods = score_experience(p.experiencia, rules)
    criteria.extend(experience)
    rubros = _rubros(criteria, rules)
    matriz = min(sum((r.points for r in rubros), Decimal(0)), rules.matriz.puntaje_maximo)
    bonificacion = bonus(p, rules)
    total = p.puntaje_nacional + matriz
    final = total
    if bonificacion.granted:
        final = total * (1 + rules.bonificacion.porcentaje / 100)
    step = Decimal(1).scaleb(-rules.decimales)
    final = final.quantize(step, rounding=ROUND_HALF_UP)
    bonus_points = final - total.quantize(step, rounding=ROUND_HALF_UP) if bonificacion.granted else Decimal(0)
    return Evaluation(
        postulante=p,
        requisitos=requisitos,
        estado=CUMPLE if cumple else NO_CUMPLE,
        causal_retiro="" if cumple else rules.requisitos.causal_retiro,
        permanencia_corte=permanencia_cutoff(p, rules),
        rubros=rubros,
        matriz_total=matriz,
        sin_criterio=tuple(_unmatched(p, rules)) + unmatched_periods,
        bonificacion=bonificacion,
        puntaje_nacional=p.puntaje_nacional,
        puntaje_total=total,
        puntaje_final=final,
        month_convention=rules.matriz.experiencia.convention_text,
        criteria=tuple(criteria),
        bonificacion_puntos=bonus_points,
    )


def fecha_corte(rules: AscensoRules) -> str:
    return fecha(rules.matriz.fecha_corte)
