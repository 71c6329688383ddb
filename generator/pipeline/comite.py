"""The Comité de Evaluación's form → the acta de instalación and the actas of its working sessions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..config import Settings
from ..forms.comite import SESSION_AGREEMENTS_SHEET, SESSIONS_SHEET, comite_form
from ..forms.xlsx_writer import write_form
from ..readers.comite import committee_identity, read_committee
from ..render import acta_instalacion, acta_sesion
from ..render.documents import ProducedDocument, produce
from ..run import Run


def committee_forms(settings: Settings, folder: Path) -> list[Path]:
    spec = comite_form(settings.rules.ascenso, settings.institution.tipo)
    return [write_form(spec, folder / "comite.xlsx")]


def identity(path: Path, settings: Settings) -> str | None:
    return committee_identity(path, settings.rules.ascenso, settings.institution.tipo)


def process_committee(path: Path, run: Run, extra_candidates: dict[str, str] | None = None, *,
                      instalacion: bool = True, sesiones: bool = True) -> list[ProducedDocument]:
    """The committee form's actas: the acta de instalación and one acta per working session (seed
    003, 1.5 d). Problems of the sheets only the informe final needs do not stop the acta de
    instalación: they go with the first document as its warnings (the inbox's receipt and the
    command line show them); problems of «Sesiones» or «Acuerdos de sesiones» hold back the actas
    de sesión until they are corrected."""
    settings = run.settings
    rules = settings.rules.ascenso
    later: list[str] = []
    committee = read_committee(path, rules, settings.institution.tipo, extra_candidates=extra_candidates,
                               warn=later.append)
    jobs = [acta_instalacion.job(committee, settings, rules)] if instalacion else []
    sessions_ok = not any(f"(La hoja «{sheet}»" in warning for warning in later
                          for sheet in (SESSIONS_SHEET, SESSION_AGREEMENTS_SHEET))
    if sesiones and sessions_ok:
        jobs += acta_sesion.jobs(committee, settings, rules)
    elif sesiones and committee.sesiones:
        later.append("No se generaron las actas de las sesiones de trabajo: corrija antes las hojas «Sesiones» y "
                     "«Acuerdos de sesiones».")
    documents = produce(jobs, run)
    if documents and later:
        documents[0] = replace(documents[0], warnings=documents[0].warnings + tuple(later))
    return documents
