"""Acta de sesión de trabajo del Comité de Evaluación (seed 003, 1.5 d; DOMAIN.md A.5, A.7): one
numbered acta per session of the committee form's «Sesiones» sheet, with its date, hours, place,
the attendance of the three members, the agenda, the agreements and the three signatures."""

from __future__ import annotations

from typing import Any

from ..config import Settings
from ..domain.ascenso.rules import AscensoRules
from ..domain.comite import Committee, Sesion
from .acta_instalacion import committee_subject, concurso, signatures
from .documents import DocumentJob
from .people import member

KIND = "acta-sesion"
SERIES = "acta-sesion"
TEMPLATE = "actas/acta-sesion.docx"

# What a session approved, as its acta says it (the documents that take the session's date).
_APPROVED = (
    ("aprueba_actas", "las actas individuales de resultados"),
    ("aprueba_respuestas", "las respuestas a los reclamos y las nuevas actas de resultados que estas adjuntan"),
    ("aprueba_retiros", "los oficios de retiro del concurso"),
)


def key(committee: Committee, session: Sesion) -> str:
    """One committee (its resolution), one session (its date and hour): one acta."""
    return f"acta-sesion:{committee.resolucion}:{session.key}"


def context(committee: Committee, session: Sesion, settings: Settings, rules: AscensoRules) -> dict[str, Any]:
    return {
        "fecha": session.fecha,
        "hora_inicio": session.hora_inicio,
        "hora_cierre": session.hora_cierre,
        "lugar": session.lugar or committee.lugar or "",
        "jurisdiccion": settings.institution.nombre,
        "resolucion": committee.resolucion,
        "concurso": concurso(rules),
        "agenda": session.asunto.strip().rstrip("."),
        "acuerdos": [item.strip() for item in session.acuerdos],
        "aprobados": [text for flag, text in _APPROVED if getattr(session, flag)],
        "integrantes": [member(m) for m in committee.members],
        "firmas": signatures(committee),
    }


def job(committee: Committee, session: Sesion, settings: Settings, rules: AscensoRules) -> DocumentJob:
    return DocumentJob(
        kind=KIND,
        series=SERIES,
        key=key(committee, session),
        date=session.fecha,
        template=TEMPLATE,
        context=lambda number: context(committee, session, settings, rules),
        person=f"{session.fecha:%d-%m-%Y}",
        subject=f"{committee_subject(committee)}, sesión del {session.fecha:%d/%m/%Y}",
        title=f"Acta de sesión de trabajo del Comité de Evaluación del {session.fecha:%d/%m/%Y}",
    )


def jobs(committee: Committee, settings: Settings, rules: AscensoRules) -> list[DocumentJob]:
    """The actas of every session, in date order (their numbers follow their dates)."""
    ordered = sorted(committee.sesiones, key=lambda s: (s.fecha, s.hora_inicio is None, s.hora_inicio))
    return [job(committee, session, settings, rules) for session in ordered]
