"""Causales de retiro of the etapa descentralizada (DOMAIN.md A.4; seed 003, 2.3): who is
withdrawn after the reclamos, for which causal, and why, in Spanish.

f), g) and i) are recorded by the committee with their sustento; j) applies to whoever does
not meet the requisitos once the reclamos are resolved (no reclamo, or one declared
infundado or improcedente). f) and g) are also communicated to the director of the DRE/UGEL
(2.3.2).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...wording import Gender, agree, join, noun
from .model import Evaluation
from .reclamos import ReclamosResult, causales
from .rules import AscensoRules
from .text import fecha_larga

RETIRADO = "RETIRADO DEL CONCURSO"


@dataclass(frozen=True)
class CausalAplicada:
    letra: str  # "f", "g", "i" or "j"
    texto: str  # the causal as the norma words it
    sustento: tuple[str, ...]  # why it applies to this postulante


@dataclass(frozen=True)
class Retiro:
    dni: str
    evaluation: Evaluation  # the evaluation after the reclamos
    causales: tuple[CausalAplicada, ...]
    comunicar_director: bool  # f) or g): the director of the DRE/UGEL is told too (2.3.2)
    reclamos: str  # what became of the postulante's reclamos, one sentence

    @property
    def letras(self) -> tuple[str, ...]:
        return tuple(item.letra for item in self.causales)


def _reclamos_sentence(result: ReclamosResult | None, genero: Gender) -> str:
    if result is None or not result.expedientes:
        return agree("El postulante", genero) + " no presentó reclamo sobre los resultados preliminares."
    parts = []
    for item in result.expedientes:
        parts.append(f"el reclamo del Exp. N° {item.expediente}, presentado el {fecha_larga(item.fecha)}, fue "
                     f"declarado {item.resultado.lower()}")
    return "Además, " + "; ".join(parts) + "."


def retiro(evaluation: Evaluation, result: ReclamosResult | None, rules: AscensoRules) -> Retiro | None:
    """The retiro of a postulante after the reclamos (``evaluation`` is the final one), or None."""
    found = causales(evaluation, rules)
    if not found:
        return None
    p = evaluation.postulante
    applied = []
    for letter, text in found:
        if letter == "j":
            reasons = tuple(f"{check.name}: {check.reason}" for check in evaluation.requisitos if not check.ok)
        else:
            reasons = (p.sustento_causal.strip(),) if p.sustento_causal.strip() else ()
        applied.append(CausalAplicada(letter, text, reasons))
    notify = rules.retiro.comunicar_director
    return Retiro(
        dni=p.dni,
        evaluation=evaluation,
        causales=tuple(applied),
        comunicar_director=any(letter in notify for letter, _ in found),
        reclamos=_reclamos_sentence(result, p.genero),
    )


def committee_causales(evaluation: Evaluation, rules: AscensoRules) -> list[CausalAplicada]:
    """The causales f), g) or i) the committee recorded for the postulante, with their sustento."""
    p = evaluation.postulante
    return [CausalAplicada(letter, text, (p.sustento_causal.strip(),) if p.sustento_causal.strip() else ())
            for letter, text in causales(evaluation, rules) if letter != "j"]


def estado_acta(evaluation: Evaluation, rules: AscensoRules) -> str:
    """The estado an acta de resultados states: RETIRADO DEL CONCURSO when the committee found a
    causal f), g) or i) (its retiro is communicated at once, 2.3.2–2.3.3), else the requisitos'
    verdict (causal j) is applied after the reclamos, 2.3.1)."""
    if not committee_causales(evaluation, rules):
        return evaluation.estado
    return agree(RETIRADO, evaluation.postulante.genero)


def estado_final(evaluation: Evaluation, rules: AscensoRules) -> str:
    """The estado after the reclamos, as the informe final and the history list it: «RETIRADO –
    causal j)» (or «RETIRADA – causales f) y j)», in the postulante's gender) for a retired
    postulante, else the requisitos' verdict."""
    letters = [f"{letter})" for letter, _ in causales(evaluation, rules)]
    if not letters:
        return evaluation.estado
    retired = agree("RETIRADO", evaluation.postulante.genero)
    return f"{retired} – {noun(len(letters), 'causal', 'causales')} {join(letters)}"
