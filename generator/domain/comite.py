"""The Comité de Evaluación and the rules of its conformation (DOMAIN.md A.5; seed 003, 1.2–1.4)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..wording import Gender, count
from .common import Problem, Source

POSITIONS = ("presidente", "segundo", "tercero")


@dataclass(frozen=True)
class Member:
    rol: str
    nombres: str
    apellidos: str
    cargo: str
    dni: str
    telefono: str
    correo: str
    source: Source | None = None
    # From the «Tratamiento» column (DOMAIN.md D: every text agrees with the person).
    genero: Gender = Gender.UNKNOWN

    @property
    def nombre_completo(self) -> str:
        return f"{self.nombres} {self.apellidos}"


@dataclass(frozen=True)
class Sesion:
    """A working session of the committee after its installation (seed 003, 1.5 d): its own acta
    de sesión, a line of the informe final, and the date of what it approved."""

    fecha: dt.date
    hora_inicio: dt.time | None
    hora_cierre: dt.time | None
    asunto: str
    source: Source | None = None
    lugar: str = ""  # "" = the place of the installation
    acuerdos: tuple[str, ...] = ()
    # What the committee approved in it: the documents that take the session's date.
    aprueba_actas: bool = False
    aprueba_respuestas: bool = False
    aprueba_retiros: bool = False

    @property
    def key(self) -> str:
        """What identifies the session across edits of the form: its date and starting hour."""
        hour = f"{self.hora_inicio:%H%M}" if self.hora_inicio else ""
        return f"{self.fecha.isoformat()}{'T' + hour if hour else ''}"


@dataclass(frozen=True)
class Committee:
    resolucion: str
    fecha: dt.date
    hora_inicio: dt.time
    hora_cierre: dt.time
    lugar: str | None
    members: tuple[Member, ...]
    acuerdos: tuple[str, ...] = ()
    source: Source | None = None
    # For the informe final (Anexo 3): the sessions, the free observations, whether the
    # Comité de Vigilancia took part, and the director(a) the informe goes to ("" = from config).
    sesiones: tuple[Sesion, ...] = ()
    observaciones: tuple[str, ...] = ()
    vigilancia: bool | None = None
    vigilancia_detalle: str = ""
    director: str = ""
    fecha_informe: dt.date | None = None  # the informe final's date (sheet «Informe final»)
    director_genero: Gender = Gender.UNKNOWN

    @property
    def presidente(self) -> Member:
        return self.members[0]


def order_members(members: Sequence[Member], roles: Sequence[str]) -> tuple[Member, ...]:
    """Members in the order of their roles: presidente first (the acta lists them so)."""
    rank = {role: index for index, role in enumerate(roles)}
    return tuple(sorted(members, key=lambda m: rank.get(m.rol, len(rank))))


def committee_problems(
    committee: Committee,
    cargos: Mapping[str, Sequence[str]],
    roles: Sequence[str],
    candidates: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Every way the committee breaks A.5: three members, one per role, each in an allowed
    cargo for that role, no DNI twice, no member among the postulantes."""
    problems: list[Problem] = []
    members = committee.members
    if len(members) != len(roles):
        problems.append(Problem(
            f"el Comité tiene {count(len(members), 'integrante')}; debe tener exactamente {len(roles)}.",
            fix="Registre un presidente, un segundo y un tercer miembro (Instructivo, numeral 1.2).",
            source=Source(members[0].source.sheet, 1) if members and members[0].source else None,
        ))
    seen_roles: dict[str, Member] = {}
    for member in members:
        if member.rol in seen_roles:
            problems.append(Problem(
                f"el rol «{member.rol}» está repetido.",
                fix="Cada rol corresponde a un solo integrante.",
                source=member.source, field="rol",
            ))
        seen_roles.setdefault(member.rol, member)
    for member in members:
        if member.rol not in roles:
            continue
        position = POSITIONS[list(roles).index(member.rol)]
        allowed = cargos[position]
        if member.cargo and member.cargo not in allowed:
            problems.append(Problem(
                f"el cargo «{member.cargo}» no corresponde al {member.rol.lower()} del Comité "
                "(Instructivo, numerales 1.2 y 1.4).",
                fix="Cargos permitidos: " + "; ".join(allowed) + ".",
                source=member.source, field="cargo",
            ))
    seen_dni: dict[str, Member] = {}
    for member in members:
        if not member.dni:
            continue
        if member.dni in seen_dni:
            problems.append(Problem(
                f"el DNI {member.dni} ya está registrado para otro integrante "
                f"({seen_dni[member.dni].nombre_completo}).",
                fix="Cada integrante tiene su propio DNI; revise los dígitos.",
                source=member.source, field="dni",
            ))
        seen_dni.setdefault(member.dni, member)
        if candidates and member.dni in candidates:
            name = candidates[member.dni]
            problems.append(Problem(
                f"{member.nombre_completo} (DNI {member.dni}) figura como postulante"
                + (f" ({name})" if name else "")
                + "; un postulante no puede integrar el Comité (numeral 1.3, impedimento a).",
                fix="Designe a otro integrante mediante resolución de reconformación (numeral 1.4).",
                source=member.source, field="dni",
            ))
    for session in committee.sesiones:
        for name, label in (("hora_inicio", "inicio"), ("hora_cierre", "cierre")):
            if getattr(session, name) is None:
                problems.append(Problem(
                    f"falta la hora de {label} de la sesión del {session.fecha:%d/%m/%Y}: la lleva su acta.",
                    fix="Escriba la hora (hh:mm, 24 horas).", source=session.source, field=name))
        if session.hora_inicio and session.hora_cierre and session.hora_cierre <= session.hora_inicio:
            problems.append(Problem(
                f"la hora de cierre ({session.hora_cierre:%H:%M}) no es posterior a la de inicio "
                f"({session.hora_inicio:%H:%M}).", fix="Revise ambas horas (formato de 24 horas).",
                source=session.source, field="hora_cierre"))
        if committee.fecha and session.fecha < committee.fecha:
            problems.append(Problem(
                f"la sesión del {session.fecha:%d/%m/%Y} es anterior a la instalación del Comité "
                f"({committee.fecha:%d/%m/%Y}).", fix="Revise la fecha de la sesión.",
                source=session.source, field="fecha"))
    if committee.vigilancia and not committee.vigilancia_detalle:
        problems.append(Problem(
            "el Comité de Vigilancia participó pero falta el detalle de su participación.",
            fix="Describa en qué actividades participó (va en las observaciones del informe final).",
            source=Source("Informe final", 0), field="vigilancia_detalle"))
    if committee.hora_inicio and committee.hora_cierre and committee.hora_cierre <= committee.hora_inicio:
        problems.append(Problem(
            f"la hora de cierre ({committee.hora_cierre:%H:%M}) no es posterior a la de inicio "
            f"({committee.hora_inicio:%H:%M}).",
            fix="Revise ambas horas (formato de 24 horas).",
            source=committee.source, field="hora_cierre",
        ))
    return problems
