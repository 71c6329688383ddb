"""Oficio de respuesta a reclamo (seed 003, 3.3 and Anexo 2; DOMAIN.md A.7): one per expediente,
with one analysis per point ending in its FUNDADO / INFUNDADO / IMPROCEDENTE."""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from ..config import Settings
from ..domain.ascenso import Evaluation, Postulante
from ..domain.ascenso.reclamos import (
    FUNDADO,
    TIPO_ACTUACION,
    TIPO_BONIFICACION,
    TIPO_CAUSAL,
    TIPO_CRITERIO,
    TIPO_NO_REFERIDO,
    TIPO_OTRO,
    TIPO_REQUISITOS,
    TIPOS_CON_DATOS,
    ExpedienteResult,
    PointResult,
)
from ..domain.ascenso.text import pts
from ..domain.comite import Committee
from .acta_instalacion import concurso, signatures
from .acta_resultados import postulante_subject
from .documents import DocumentJob
from .people import gender_code

KIND = "oficio-reclamo"
SERIES = "oficio-comite"
TEMPLATE = "oficios/oficio-reclamo.docx"

_TITLES = {
    TIPO_REQUISITOS: "la verificación de los requisitos del concurso",
    TIPO_CAUSAL: "la causal de retiro",
    TIPO_BONIFICACION: "la bonificación por discapacidad",
    TIPO_ACTUACION: "la actuación del Comité de Evaluación",
    TIPO_OTRO: "otros aspectos de los resultados preliminares",
    TIPO_NO_REFERIDO: "aspectos no referidos a los resultados preliminares",
}


def key(expediente: str) -> str:
    return f"oficio-reclamo:{expediente}"


def reply_date(item: ExpedienteResult, settings: Settings) -> dt.date:
    """The oficio's date: the «Fecha de respuesta» of the reclamo, else today."""
    return item.fecha_respuesta or settings.today


def point_title(point: PointResult, evaluation: Evaluation) -> str:
    p = point.punto
    if p.tipo == TIPO_CRITERIO and p.criterio:
        return f"el criterio {p.criterio} de la Matriz de Valoración ({evaluation.criterion(p.criterio).title})"
    return _TITLES.get(p.tipo, p.tipo.lower())


def _referido(title: str) -> str:
    """«al criterio …», «a la bonificación …» (a + el contracts)."""
    return "al " + title[3:] if title.startswith("el ") else "a " + title


def addressee(postulante: Postulante) -> dict[str, Any]:
    """Name, then the address and/or e-mail, then the región (Anexo 2)."""
    lines = []
    if postulante.direccion:
        lines.append(postulante.direccion)
    lines.append(f"Correo electrónico: {postulante.correo}")
    lines.append(f"Región {postulante.region}")
    return {"nombre": postulante.nombre_completo, "lineas": lines, "genero": gender_code(postulante.genero)}


def context(item: ExpedienteResult, committee: Committee, settings: Settings, rules: Mapping,
            acta: Mapping[str, Any] | None) -> dict[str, Any]:
    """``acta``: the new acta attached when fundado (numero, anterior); None otherwise."""
    postulante = item.antes.postulante
    points = []
    for point in item.puntos:
        points.append({
            "numero": point.punto.numero,
            "titulo": point_title(point, item.despues),
            "referido": _referido(point_title(point, item.despues)),
            "argumentos": point.punto.argumentos.strip().rstrip("."),
            "analisis": point.punto.analisis.strip(),
            "motivo": point.motivo,
            "resultado": point.resultado,
            "recalculo": point.resultado == FUNDADO and point.punto.tipo in TIPOS_CON_DATOS,
            "aspecto": point.aspecto,
            "antes": point.antes,
            "despues": point.despues,
            "sustento": list(point.sustento),
        })
    attached = None
    if acta:
        attached = {**acta, "antes": pts(item.antes.puntaje_final), "despues": pts(item.despues.puntaje_final),
                    "estado": item.despues.estado}
    return {
        "fecha": reply_date(item, settings),
        "concurso": concurso(rules),
        "destinatario": addressee(postulante),
        "expediente": item.expediente,
        "fecha_reclamo": item.fecha,
        "base_legal": rules["reclamos"]["base_legal"],
        "puntos": points,
        "acta": attached,
        "firmas": signatures(committee),
    }


def job(item: ExpedienteResult, committee: Committee, settings: Settings, rules: Mapping,
        acta: Mapping[str, Any] | None = None) -> DocumentJob:
    p = item.antes.postulante
    return DocumentJob(
        kind=KIND,
        series=SERIES,
        key=key(item.expediente),
        date=reply_date(item, settings),
        template=TEMPLATE,
        context=lambda number: context(item, committee, settings, rules, acta),
        person=f"{p.dni} {p.apellidos}, {p.nombres} Exp. {item.expediente}",
        subject=f"el expediente {item.expediente} ({postulante_subject(p)})",
        title=f"Respuesta al reclamo Exp. N° {item.expediente} de {p.apellidos_nombres}",
    )
