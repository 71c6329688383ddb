"""Oficio de respuesta a reclamo (seed 003, 3.3 and Anexo 2; DOMAIN.md A.7): one per expediente,
with one analysis per point ending in its FUNDADO / INFUNDADO / IMPROCEDENTE."""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping, Sequence

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
    SolicitudCopia,
)
from ..domain.ascenso.retiro import estado_acta
from ..domain.ascenso.rules import AscensoRules
from ..domain.ascenso.text import pts
from ..domain.comite import Committee
from .acta_instalacion import committee_signers, concurso, signatures
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


def _inline(value: str) -> str:
    """A value written inside a sentence: «No se otorga» → «no se otorga»; «CUMPLE REQUISITOS»
    and numbers as they are."""
    return value[:1].lower() + value[1:] if value[:1].isupper() and value[1:2].islower() else value


def copies_delivered(item: ExpedienteResult, requests: Sequence[SolicitudCopia], on: dt.date) -> list[dict[str, Any]]:
    """The copies of the evaluation documents handed to the postulante by the oficio's date (1.5 g)."""
    return [{"solicitud": request.fecha_solicitud, "entrega": request.fecha_entrega}
            for request in requests
            if request.dni == item.dni and request.fecha_entrega and request.fecha_entrega <= on]


def context(item: ExpedienteResult, committee: Committee, settings: Settings, rules: AscensoRules,
            acta: Mapping[str, Any] | None, on: dt.date, requests: Sequence[SolicitudCopia] = ()) -> dict[str, Any]:
    """``acta``: the new acta attached when fundado (numero, anterior); None otherwise.
    ``requests``: the copy requests of the workbook (the oficio lists those delivered)."""
    postulante = item.antes.postulante
    points = []
    for point in item.puntos:
        answer = " ".join(part for part in (point.motivo, point.punto.analisis.strip()) if part)
        points.append({
            "numero": point.punto.numero,
            "titulo": point_title(point, item.despues),
            "referido": _referido(point_title(point, item.despues)),
            "argumentos": point.punto.argumentos.strip().rstrip("."),
            "respuesta": answer,
            "resultado": point.resultado,
            "recalculo": point.resultado == FUNDADO and point.punto.tipo in TIPOS_CON_DATOS,
            "cambia": point.antes != point.despues,
            "aspecto": point.aspecto,
            "antes": _inline(point.antes),
            "despues": _inline(point.despues),
            "sustento": list(point.sustento),
        })
    attached = None
    if acta:
        attached = {**acta, "antes": pts(item.antes.puntaje_final), "despues": pts(item.despues.puntaje_final),
                    "cambia_puntaje": item.antes.puntaje_final != item.despues.puntaje_final,
                    "estado": estado_acta(item.despues, rules)}
    return {
        "fecha": on,
        "concurso": concurso(rules),
        "destinatario": addressee(postulante),
        "expediente": item.expediente,
        "fecha_reclamo": item.fecha,
        "base_legal": rules.base_legal_reclamos,
        "puntos": points,
        "acta": attached,
        "copias": copies_delivered(item, requests, on),
        "firmas": signatures(committee),
    }


def job(item: ExpedienteResult, committee: Committee, settings: Settings, rules: AscensoRules, *, on: dt.date,
        acta: Mapping[str, Any] | None = None, requests: Sequence[SolicitudCopia] = ()) -> DocumentJob:
    p = item.antes.postulante
    return DocumentJob(
        kind=KIND,
        series=SERIES,
        key=key(item.expediente),
        date=on,
        template=TEMPLATE,
        context=lambda number: context(item, committee, settings, rules, acta, on, requests),
        person=f"{p.dni} {p.apellidos}, {p.nombres} Exp. {item.expediente}",
        signers=committee_signers(committee),
        subject=f"el expediente {item.expediente} ({postulante_subject(p)})",
        title=f"Respuesta al reclamo Exp. N° {item.expediente} de {p.apellidos_nombres}",
    )
