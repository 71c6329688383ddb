"""Read forms/comite.xlsx into a Committee, with every problem located and explained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable, Mapping

from ..domain.ascenso.rules import AscensoRules
from ..domain.comite import Committee, Member, Sesion, committee_problems, order_members
from ..domain.common import Source
from ..forms.comite import (
    AGREEMENTS_SHEET,
    CANDIDATES_SHEET,
    MEMBERS_SHEET,
    OBSERVATIONS_SHEET,
    REPORT_SHEET,
    SESSION_AGREEMENTS_SHEET,
    SESSION_SHEET,
    SESSIONS_SHEET,
    comite_form,
    committee_cargos,
)
from ..wording import gender_of
from .xlsx import FormReader, Record


def read_committee(
    path: str | Path,
    rules: AscensoRules,
    institution_type: str,
    *,
    extra_candidates: Mapping[str, str] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Committee:
    """The committee of the form at ``path``; raises InvalidInput listing every problem.

    ``extra_candidates`` (DNI → name) adds postulantes known from elsewhere (e.g. the
    Ascenso workbook) to those of the form's own «Postulantes» sheet. With ``warn``, the
    problems of the sheets only the informe final needs («Sesiones», «Incidencias», «Informe
    final») go to it as warnings instead of refusing the form (issue 19, item 5).
    """
    spec = comite_form(rules, institution_type)
    with FormReader(path, spec) as reader:
        session = reader.fields(SESSION_SHEET)
        member_rows = reader.table(MEMBERS_SHEET)
        agreements = reader.table(AGREEMENTS_SHEET)
        candidate_rows = reader.table(CANDIDATES_SHEET)
        session_rows = reader.table(SESSIONS_SHEET)
        session_agreement_rows = reader.table(SESSION_AGREEMENTS_SHEET)
        observation_rows = reader.table(OBSERVATIONS_SHEET)
        report = reader.fields(REPORT_SHEET)
        report_values = report.values if report else {}

        members = tuple(
            Member(
                rol=row["rol"] or "",
                nombres=row["nombres"] or "",
                apellidos=row["apellidos"] or "",
                cargo=row["cargo"] or "",
                dni=row["dni"] or "",
                telefono=row["telefono"] or "",
                correo=row["correo"] or "",
                source=Source(row.sheet, row.row),
                genero=gender_of(row["tratamiento"], row["cargo"]),
            )
            for row in member_rows
        )
        if not member_rows and MEMBERS_SHEET not in reader.unread_sheets and not any(
                issue.sheet == MEMBERS_SHEET for issue in reader.issues):
            reader.add("no tiene integrantes.", sheet=MEMBERS_SHEET,
                       fix="Registre a los tres integrantes del Comité, uno por fila.")
        candidates = {row["dni"]: row["nombre"] or "" for row in candidate_rows if row["dni"]}
        candidates.update(extra_candidates or {})
        values = session.values if session else {}
        committee = Committee(
            resolucion=values.get("resolucion") or "",
            fecha=values.get("fecha"),
            hora_inicio=values.get("hora_inicio"),
            hora_cierre=values.get("hora_cierre"),
            lugar=values.get("lugar"),
            members=order_members(members, rules.comite.roles),
            acuerdos=tuple(row["acuerdo"] for row in agreements if row["acuerdo"]),
            source=Source(SESSION_SHEET, 0),
            sesiones=_sessions(reader, session_rows, session_agreement_rows),
            observaciones=tuple(row["observacion"] for row in observation_rows if row["observacion"]),
            vigilancia=report_values.get("vigilancia"),
            vigilancia_detalle=report_values.get("vigilancia_detalle") or "",
            director=report_values.get("director") or "",
            fecha_informe=report_values.get("fecha_informe"),
            director_genero=gender_of(report_values.get("director_tratamiento")),
        )
        cargos = committee_cargos(rules, institution_type)
        for problem in committee_problems(committee, cargos, rules.comite.roles, candidates):
            if MEMBERS_SHEET in reader.unread_sheets and (problem.source is None
                                                           or problem.source.sheet == MEMBERS_SHEET):
                continue  # «Integrantes» could not be read: that one issue says it all
            reader.add_problem(problem)
        if warn is not None:
            for warning in reader.set_aside_later():
                warn(warning)
        reader.raise_if_issues()
    return committee


def _sessions(reader: FormReader, rows: list[Record], agreement_rows: list[Record]) -> tuple[Sesion, ...]:
    """The working sessions in the form's order, each with the agreements recorded for its date."""
    by_date: dict = {}
    for row in agreement_rows:
        if row["fecha"] and row["acuerdo"]:
            by_date.setdefault(row["fecha"], []).append(row)
    dates = [row["fecha"] for row in rows if row["fecha"]]
    sessions = []
    for row in rows:
        if not (row["fecha"] and row["asunto"]):
            continue
        sessions.append(Sesion(
            row["fecha"], row["hora_inicio"], row["hora_cierre"], row["asunto"], Source(row.sheet, row.row),
            lugar=row["lugar"] or "",
            acuerdos=tuple(item["acuerdo"] for item in by_date.get(row["fecha"], ())) if dates.count(row["fecha"]) == 1
            else (),
            aprueba_actas=bool(row["aprueba_actas"]),
            aprueba_respuestas=bool(row["aprueba_respuestas"]),
            aprueba_retiros=bool(row["aprueba_retiros"]),
        ))
    # A session whose date could not be read (or a «Sesiones» sheet not found) may be the one an
    # agreement names: its issue says it all, the agreements are not called orphans.
    unread = SESSIONS_SHEET in reader.unread_sheets or any(row["fecha"] is None for row in rows)
    for day, items in by_date.items():
        count = dates.count(day)
        if count == 1 or (count == 0 and unread):
            continue
        for item in items:
            if count == 0:
                reader.add_for(item, "fecha", f"no hay ninguna sesión del {day:%d/%m/%Y} en la hoja «Sesiones».",
                               fix="Escriba la fecha de la sesión en que se adoptó el acuerdo, o registre la sesión.")
            else:
                reader.add_for(item, "fecha", f"hay {count} sesiones el {day:%d/%m/%Y}: no se sabe en el acta de "
                                              "cuál va el acuerdo.",
                               fix="Registre las sesiones de un mismo día como una sola sesión.")
    return tuple(sessions)


def committee_identity(path: str | Path, rules: AscensoRules, institution_type: str) -> str | None:
    """What makes two forms the same committee: its resolution of conformation (None if blank).

    The inbox uses it to tell a corrected form (a new version of the same committee) from
    another committee's form that happens to have the same file name.
    """
    with FormReader(path, comite_form(rules, institution_type)) as reader:
        session = reader.fields(SESSION_SHEET)
    return (session["resolucion"] if session else None) or None


def informe_date(path: str | Path, rules: AscensoRules, institution_type: str) -> dt.date | None:
    """The form's «Fecha del informe final», None while blank (or not a date: its arrival warned of
    it). Writing it is how the committee asks for its informe final (seed 003, 3.6)."""
    with FormReader(path, comite_form(rules, institution_type)) as reader:
        report = reader.fields(REPORT_SHEET)
    return report["fecha_informe"] if report else None
