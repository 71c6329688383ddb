"""What a CETPRO's form holds (its students, teachers, graduates, agreements and programs) and
what makes a record unusable, located at its row (``case_problems``)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ...wording import Gender, short_date
from ..common import Problem, Source
from .edition import Edition


DOCUMENT_DNI = "DNI"


def normalize_name(text: object) -> str:
    """A programa/módulo name compared without case, accents or extra spaces."""
    raw = unicodedata.normalize("NFKD", str(text or ""))
    stripped = "".join(ch for ch in raw if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


# --------------------------------------------------------------------------- the records


@dataclass(frozen=True)
class Cetpro:
    codigo_modular: str
    nombre: str
    ugel: str
    director: str
    dni_director: str
    cargo_director: str
    correo: str
    direccion: str
    telefono: str = ""
    lugar: str = ""
    # The date of each tramo's oficio, when the form gives it.
    oficio_dates: Mapping[int, dt.date] = field(default_factory=dict)
    source: Source | None = None
    # From «Tratamiento del director(a)», else the cargo when it says it (DOMAIN.md D).
    director_genero: Gender = Gender.UNKNOWN
    # The CETPRO's own correlative of oficios (DOMAIN.md D): its sigla and the next number.
    sigla_oficio: str = ""
    siguiente_oficio: int | None = None
    # Who the oficio goes to (the DISERTPA's director), when the form names them.
    destinatario: str = ""
    destinatario_genero: Gender = Gender.UNKNOWN


@dataclass(frozen=True)
class Student:
    """A student of the «Estudiantes» sheet (AVANZA export)."""

    tipo_documento: str
    documento: str
    nombre: str
    periodo: str
    registered: dt.date | None
    values: Mapping[str, Any] = field(default_factory=dict)
    source: Source | None = None


@dataclass(frozen=True)
class Teacher:
    condicion: str
    registered: dt.date | None
    values: Mapping[str, Any]  # the 14 variables (and the rest of the row) by field
    source: Source | None = None

    @property
    def nombre(self) -> str:
        name = " ".join(str(self.values.get(key) or "") for key in ("nombres", "apellidos")).strip()
        return name or (f"DNI {self.values['dni']}" if self.values.get("dni") else "(sin nombre)")


@dataclass(frozen=True)
class Graduate:
    anio: int
    registered: dt.date | None
    values: Mapping[str, Any]
    source: Source | None = None

    @property
    def nombre(self) -> str:
        name = " ".join(str(self.values.get(key) or "") for key in ("nombres", "apellidos")).strip()
        return name or (str(self.values.get("numero_documento") or "") or "(sin nombre)")


@dataclass(frozen=True)
class Agreement:
    """A convenio with an institución educativa de Educación Básica."""

    institucion: str
    codigo_modular: str
    signed: dt.date
    programa: str
    checklist: Mapping[str, bool | None]
    tipo: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)
    source: Source | None = None


@dataclass(frozen=True)
class Program:
    """A programa de estudios (and optionally a módulo) registered in the AVANZA for the period."""

    programa: str
    modulo: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)
    source: Source | None = None


@dataclass(frozen=True)
class CetproCase:
    """Everything one CETPRO's workbook declares."""

    cetpro: Cetpro
    students: tuple[Student, ...] = ()
    teachers: tuple[Teacher, ...] = ()
    graduates: tuple[Graduate, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    programs: tuple[Program, ...] = ()


# --------------------------------------------------------------------------- validation


def _duplicates(items: Iterable[tuple[str, Source | None, str]], what: str, fix: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Source | None] = {}
    for key, source, field_name in items:
        if not key:
            continue
        if key in seen:
            first = seen[key]
            where = f" (ya está en la fila {first.row})" if first else ""
            problems.append(Problem(f"{what} {key} está repetido{where}.", fix=fix, source=source, field=field_name))
        else:
            seen[key] = source
    return problems


def document_problem(tipo: str, numero: str) -> str | None:
    """Why a document number does not fit its type (a DNI has 8 digits), or None."""
    if not numero:
        return None
    if normalize_name(tipo) == normalize_name(DOCUMENT_DNI):
        if not (numero.isascii() and numero.isdigit() and len(numero) == 8):
            return f"«{numero}» no es un DNI válido: debe tener 8 dígitos."
    elif not (numero.isalnum() and 4 <= len(numero) <= 15):
        return f"«{numero}» no es un número de documento válido: de 4 a 15 letras o dígitos, sin espacios."
    return None


def case_problems(case: CetproCase, edition: Edition) -> list[Problem]:
    """Every way a workbook breaks the edition: an unknown CETPRO, a UGEL that is not its own, an
    oficio dated after its tramo closes, repeated DNIs or documents."""
    problems: list[Problem] = []
    cetpro = case.cetpro
    entry = edition.mma_entry(cetpro.codigo_modular) if cetpro.codigo_modular else None
    if cetpro.codigo_modular and entry is None:
        known = "; ".join(f"{item.codigo_modular} {item.nombre}" for item in edition.mma)
        problems.append(Problem(
            f"CETPRO desconocido en la tabla del MMA de la edición {edition.key}: el código modular "
            f"{cetpro.codigo_modular} no figura en el Anexo N° 3 de la Norma Técnica.",
            fix=f"Revise el código modular (7 dígitos). CETPRO de la edición: {known}.",
            source=cetpro.source, field="codigo_modular",
        ))
    if entry is not None and cetpro.ugel and cetpro.ugel != entry.ugel:
        problems.append(Problem(
            f"el CETPRO {cetpro.codigo_modular} pertenece a {entry.ugel}, no a {cetpro.ugel}.",
            fix=f"Elija «{entry.ugel}» o revise el código modular.",
            source=cetpro.source, field="ugel",
        ))
    for number, when in sorted(cetpro.oficio_dates.items()):
        tramo = edition.tramos.get(number)
        if tramo and when > tramo.closes:
            problems.append(Problem(
                f"la fecha del oficio del tramo {number} ({short_date(when)}) es posterior al cierre del tramo "
                f"({short_date(tramo.closes)}); el oficio se presenta como máximo ese día.",
                fix="Corrija la fecha o déjela vacía para fechar el oficio el día del cierre.",
                source=cetpro.source, field=f"fecha_oficio_{number}",
            ))
    for student in case.students:
        reason = document_problem(student.tipo_documento, student.documento)
        if reason:
            problems.append(Problem(reason, fix="Escriba solo los dígitos o letras del documento.",
                                    source=student.source, field="documento"))
    for graduate in case.graduates:
        reason = document_problem(graduate.values.get("tipo_documento") or "",
                                  graduate.values.get("numero_documento") or "")
        if reason:
            problems.append(Problem(reason, fix="Escriba solo los dígitos o letras del documento.",
                                    source=graduate.source, field="numero_documento"))
    fix = "Cada persona se registra una sola vez en la hoja; elimine la fila repetida o corrija el número."
    problems += _duplicates(
        ((f"{s.tipo_documento} {s.documento}" if s.documento else "", s.source, "documento") for s in case.students),
        "el documento", fix)
    problems += _duplicates(((t.values.get("dni") or "", t.source, "dni") for t in case.teachers), "el DNI",
                            "Registre a cada docente una sola vez; si enseña en varios módulos, escríbalos en la "
                            "misma celda separados por «;».")
    problems += _duplicates(
        ((f"{g.values.get('numero_documento')} en «{g.values.get('programa') or ''}»"
          if g.values.get("numero_documento") else "", g.source, "numero_documento") for g in case.graduates),
        "el egresado con documento", fix)
    return problems
