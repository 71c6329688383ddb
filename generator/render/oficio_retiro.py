"""Oficio de retiro (seed 003, 2.3; DOMAIN.md A.4 and A.7): the motivated communication of a
causal de retiro to the postulante and, for f) and g), to the director of the DRE/UGEL (2.3.2)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Sequence

from ..config import Settings
from ..domain.ascenso.retiro import Retiro
from ..domain.ascenso.rules import AscensoRules
from ..domain.comite import Committee
from ..wording import Gender, cargo
from .acta_instalacion import committee_signers, concurso, signatures
from .acta_resultados import postulante_subject
from .documents import DocumentJob
from .oficio_reclamo import addressee
from .people import gender_code

KIND = "oficio-retiro"
DIRECTOR_KIND = "oficio-retiro-director"
SERIES = "oficio-comite"
TEMPLATE = "oficios/oficio-retiro.docx"
DIRECTOR_TEMPLATE = "oficios/oficio-retiro-director.docx"


def key(dni: str) -> str:
    return f"oficio-retiro:{dni}"


def director_key(dni: str) -> str:
    return f"oficio-retiro-director:{dni}"


def _causales(retiro: Retiro, only: set[str] | None = None) -> list[dict[str, Any]]:
    return [{"letra": c.letra, "texto": c.texto, "sustento": list(c.sustento)}
            for c in retiro.causales if only is None or c.letra in only]


def _common(retiro: Retiro, committee: Committee, settings: Settings, rules: AscensoRules, on: dt.date) -> dict[str, Any]:
    p = retiro.evaluation.postulante
    return {
        "fecha": on,
        "concurso": concurso(rules),
        "jurisdiccion": settings.institution.nombre,
        "numeral": rules.retiro.numeral,
        "postulante": {"nombre": p.nombre_completo, "dni": p.dni, "iged": p.iged, "genero": gender_code(p.genero)},
        "director_genero": gender_code(director_gender(committee, settings)),
        "firmas": signatures(committee),
    }


def context(retiro: Retiro, committee: Committee, settings: Settings, rules: AscensoRules, on: dt.date,
            referencias: Sequence[str]) -> dict[str, Any]:
    """``referencias``: the acta de resultados (number and date) and the oficios that decided the
    postulante's reclamos, as REFERENCIA cites them."""
    return {
        **_common(retiro, committee, settings, rules, on),
        "destinatario": addressee(retiro.evaluation.postulante),
        "causales": _causales(retiro),
        "reclamos": retiro.reclamos,
        "comunicar_director": retiro.comunicar_director,
        "referencias": _lettered(referencias),
    }


def _lettered(items: Sequence[str]) -> list[str]:
    """«a) …», «b) …» when there are several references; the one alone as it is."""
    if len(items) < 2:
        return list(items)
    return [f"{chr(ord('a') + index)}) {item}" for index, item in enumerate(items)]


def director_name(committee: Committee, settings: Settings) -> str:
    """The director(a) of the DRE/UGEL: the committee form's, else ``institucion.director``."""
    return (committee.director or settings.institution.director).strip()


def director_gender(committee: Committee, settings: Settings) -> Gender:
    """The director(a)'s gender, from the same place as the name (form, else configuration)."""
    if committee.director.strip():
        return committee.director_genero
    return settings.institution.director_genero


def director_context(retiro: Retiro, committee: Committee, settings: Settings, rules: AscensoRules,
                     oficio_retiro: str, on: dt.date) -> dict[str, Any]:
    notify = set(rules.retiro.comunicar_director)
    causales = _causales(retiro, notify)
    name = director_name(committee, settings)
    office = settings.institution.nombre
    gender = director_gender(committee, settings) if name else Gender.UNKNOWN
    title = cargo(f"Director(a) de la {office}", gender)
    procuraduria = settings.institution.procuraduria
    minedu = rules.retiro.procuraduria_minedu
    return {
        **_common(retiro, committee, settings, rules, on),
        "procuraduria": procuraduria,
        # The copy to the Minedu's procuraduría (2.3.2) goes without saying where the office's
        # own procuraduría is the Minedu's (Lima Metropolitana).
        "procuraduria_minedu": "" if procuraduria.strip().lower() == minedu.strip().lower() else minedu,
        "destinatario": {"nombre": name or title, "lineas": [title] if name else [],
                         "genero": gender_code(gender)},
        "causales": causales,
        "letras": " y ".join(f"{c['letra']})" for c in causales),
        "oficio_retiro": oficio_retiro,
        "fecha_oficio_retiro": on,
    }


def _person(retiro: Retiro) -> str:
    p = retiro.evaluation.postulante
    return f"{p.dni} {p.apellidos}, {p.nombres}"


def job(retiro: Retiro, committee: Committee, settings: Settings, rules: AscensoRules, *, on: dt.date,
        referencias: Callable[[], Sequence[str]]) -> DocumentJob:
    """The oficio de retiro dated ``on``; ``referencias()`` is called when it is rendered, once the
    numbers it cites are known."""
    return DocumentJob(
        kind=KIND, series=SERIES, key=key(retiro.dni), date=on, template=TEMPLATE,
        context=lambda number: context(retiro, committee, settings, rules, on, referencias()),
        person=_person(retiro),
        signers=committee_signers(committee),
        subject=postulante_subject(retiro.evaluation.postulante),
        title=f"Comunicación de retiro del concurso a {retiro.evaluation.postulante.apellidos_nombres}",
    )


def director_job(retiro: Retiro, committee: Committee, settings: Settings, rules: AscensoRules, *, on: dt.date,
                 oficio_retiro: str) -> DocumentJob:
    return DocumentJob(
        kind=DIRECTOR_KIND, series=SERIES, key=director_key(retiro.dni), date=on,
        template=DIRECTOR_TEMPLATE,
        context=lambda number: director_context(retiro, committee, settings, rules, oficio_retiro, on),
        person=_person(retiro), signers=committee_signers(committee),
        subject=postulante_subject(retiro.evaluation.postulante),
        title=f"Comunicación de causal de retiro de {retiro.evaluation.postulante.apellidos_nombres}",
    )
