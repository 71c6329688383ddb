"""Acta de instalación del Comité de Evaluación (seed 003, Anexo 1; DOMAIN.md A.7)."""

from __future__ import annotations

from typing import Any, Mapping

from ..config import Settings
from ..domain.ascenso.rules import AscensoRules
from ..domain.comite import Committee
from .documents import DocumentJob
from .people import member, signatures  # noqa: F401 - signatures: the other committee documents' too
from .signers import Signer, signers_from_blocks

KIND = "acta-instalacion"
SERIES = "acta-instalacion"
TEMPLATE = "actas/acta-instalacion.docx"
SUBJECT = "Acta de instalación del Comité de Evaluación"


def concurso(rules: AscensoRules) -> dict[str, Any]:
    edition = rules.edicion
    return {
        "nombre": edition.nombre,
        "anio": edition.anio_concurso,
        "norma_tecnica": edition.norma_tecnica,
        "convocatoria": edition.convocatoria,
    }


def committee_signers(committee: Committee, dispensed: Mapping[str, str] | None = None) -> tuple[Signer, ...]:
    """Who signs a document of the committee: its signature blocks, less a dispensed signature."""
    return signers_from_blocks(signatures(committee, dispensed))


def context(committee: Committee, settings: Settings, rules: AscensoRules) -> dict[str, Any]:
    return {
        "fecha": committee.fecha,
        "hora_inicio": committee.hora_inicio,
        "hora_cierre": committee.hora_cierre,
        "lugar": committee.lugar or "",
        "resolucion": committee.resolucion,
        "jurisdiccion": settings.institution.nombre,
        "concurso": concurso(rules),
        "integrantes": [member(person) for person in committee.members],
        "acuerdos": list(committee.acuerdos),
        "firmas": signatures(committee),
    }


def job(committee: Committee, settings: Settings, rules: AscensoRules) -> DocumentJob:
    return DocumentJob(
        kind=KIND,
        series=SERIES,
        # One committee (its resolution of conformation) has one acta de instalación.
        key=f"comite:{committee.resolucion}",
        date=committee.fecha,
        template=TEMPLATE,
        context=lambda number: context(committee, settings, rules),
        signers=committee_signers(committee),
        subject=committee_subject(committee),
        title=SUBJECT,
    )


def committee_subject(committee: Committee) -> str:
    """What the committee's documents are about: the committee its resolution conformed."""
    return f"el Comité de Evaluación conformado por la {committee.resolucion}"
