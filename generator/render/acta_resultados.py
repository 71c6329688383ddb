"""Acta individual de resultados of one postulante (seed 003, 1.5 j) and 3.4; DOMAIN.md A.7)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from ..config import Settings
from ..domain.ascenso import Evaluation, Postulante
from ..domain.ascenso.reclamos import causales
from ..domain.ascenso.retiro import estado_acta
from ..domain.ascenso.rules import AscensoRules
from ..domain.ascenso.text import pts, puntos
from ..domain.comite import Committee
from .acta_instalacion import committee_signers, concurso, signatures
from .documents import DocumentJob
from .people import gender_code

KIND = "acta-resultados"
SERIES = "acta-resultados"
TEMPLATE = "actas/acta-resultados.docx"
# A later version (after a reclamo declared fundado) gets its own key and so its own number.
VERSION = 1

ESCALAS = {1: "primera", 2: "segunda", 3: "tercera", 4: "cuarta", 5: "quinta", 6: "sexta", 7: "séptima",
           8: "octava"}


def key(dni: str, version: int = VERSION) -> str:
    """The numbering key of a postulante's acta: ``acta-resultados:<DNI>:v<version>``."""
    return f"acta-resultados:{dni}:v{version}"


def person(evaluation: Evaluation) -> str:
    p = evaluation.postulante
    return f"{p.dni} {p.apellidos}, {p.nombres}"


def dispensed_member(evaluation: Evaluation, committee: Committee) -> dict[str, Any] | None:
    """The member whose signature is dispensed on this acta, with the reason; None when all sign."""
    role = evaluation.postulante.firma_dispensada
    if not role:
        return None
    for member in committee.members:
        if member.rol == role:
            return {"rol": member.rol, "nombre": member.nombre_completo, "dni": member.dni, "cargo": member.cargo,
                    "motivo": (evaluation.postulante.motivo_dispensa or "").strip().rstrip(".")}
    return None


def requisito_text(check) -> str:
    """A requisito's reason and, unless the reason already cites it, where it was verified."""
    if not check.source or check.source in check.reason:
        return check.reason
    return f"{check.reason} Fuente: {check.source}."


def bonus_text(evaluation: Evaluation, rules: AscensoRules) -> str:
    """«18.525 puntos (15 % del puntaje total, 123.5)» or «No se otorga»: the bonificación as points."""
    if not evaluation.bonificacion.granted:
        return "No se otorga"
    return (f"{puntos(evaluation.bonificacion_puntos)} ({pts(rules.bonificacion.porcentaje)} % del puntaje "
            f"total, {pts(evaluation.puntaje_total)})")


def _sustento(criterion) -> list[str]:
    lines = [criterion.reason]
    lines += [f"Se valora: {line}" for line in criterion.counted]
    lines += [f"No se valora: {line}" for line in criterion.not_counted]
    return lines


def context(evaluation: Evaluation, committee: Committee, settings: Settings, rules: AscensoRules, *,
            on: dt.date, reclamo: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The acta's context; ``reclamo`` (expediente, acta_anterior, version_anterior, cambios) for a
    later version emitted after a fundado reclamo, None for the original acta."""
    e = evaluation
    p = e.postulante
    dispensa = dispensed_member(e, committee)
    bonus = e.bonificacion
    return {
        "fecha": on,
        "reclamo": reclamo,
        "jurisdiccion": settings.institution.nombre,
        "concurso": concurso(rules),
        "fecha_corte": rules.matriz.fecha_corte,
        "postulante": {
            "dni": p.dni,
            "nombres": p.nombres,
            "apellidos": p.apellidos,
            "nombre": p.nombre_completo,
            "iged": p.iged,
            "region": p.region,
            "correo": p.correo,
            "genero": gender_code(p.genero),
            "escala_actual": p.escala,
            "escala_actual_texto": ESCALAS.get(p.escala, str(p.escala)),
            "escala_postula": p.escala + 1,
            "escala_postula_texto": ESCALAS.get(p.escala + 1, str(p.escala + 1)),
        },
        "requisitos": [
            {"nombre": check.name, "resultado": "Cumple" if check.ok else "No cumple", "sustento": requisito_text(check)}
            for check in e.requisitos
        ],
        "permanencia_corte": e.permanencia_corte,
        "estado": estado_acta(e, rules),
        "requisitos_estado": e.estado,
        "requisitos_texto": "Cumple los requisitos del concurso" if e.cumple else "No cumple los requisitos del concurso",
        "causales": [{"texto": text, "numeral": rules.retiro.numeral_instructivo[letter],
                      "sustento": p.sustento_causal.strip().rstrip(".") if letter != "j" else ""}
                     for letter, text in causales(e, rules)],
        "bonificacion": {
            "otorgada": "Sí" if bonus.granted else "No",
            "documento": bonus.document or "Ninguno",
            "sustento": bonus.reason,
            "observada": bonus.flagged,
            "nota": bonus.note,
            "porcentaje": rules.bonificacion.porcentaje,
            "puntos": e.bonificacion_puntos,
            "resultado": bonus_text(e, rules),
        },
        "rubros": [
            {
                "numero": rubro.id,
                "titulo": rubro.title,
                "maximo": rubro.max,
                "puntaje": rubro.points,
                "tope": rubro.capped,
                "criterios": [
                    {"id": c.id, "titulo": c.title, "maximo": c.max, "puntaje": c.points, "sustento": _sustento(c)}
                    for c in rubro.criteria
                ],
            }
            for rubro in e.rubros
        ],
        "sin_criterio": list(e.sin_criterio),
        "matriz_total": e.matriz_total,
        "matriz_maximo": rules.matriz.puntaje_maximo,
        "puntaje_nacional": e.puntaje_nacional,
        "puntaje_total": e.puntaje_total,
        "puntaje_final": e.puntaje_final,
        "convencion_meses": e.month_convention,
        "dispensa": dispensa,
        "firmas": signatures(committee, {dispensa["dni"]: dispensa["motivo"]} if dispensa else None),
    }


def job(evaluation: Evaluation, committee: Committee, settings: Settings, rules: AscensoRules, *, on: dt.date,
        version: int = VERSION, reclamo: Mapping[str, Any] | None = None) -> DocumentJob:
    """The acta of ``evaluation`` dated ``on`` (see ``pipeline.fechas``): the original (version 1)
    or a later version with its ``reclamo``."""
    date = on
    dispensa = dispensed_member(evaluation, committee)
    return DocumentJob(
        kind=KIND,
        series=SERIES,
        key=key(evaluation.postulante.dni, version),
        date=date,
        template=TEMPLATE,
        context=lambda number: context(evaluation, committee, settings, rules, on=date, reclamo=reclamo),
        person=person(evaluation) + (f" v{version}" if version > 1 else ""),
        signers=committee_signers(committee, {dispensa["dni"]: dispensa["motivo"]} if dispensa else None),
        subject=postulante_subject(evaluation.postulante),
        title=f"Acta individual de resultados de {evaluation.postulante.apellidos_nombres}",
    )


def postulante_subject(postulante: Postulante) -> str:
    """What a postulante's documents are about: the DNI and the name it belongs to."""
    return f"DNI {postulante.dni} – {postulante.apellidos_nombres}"
