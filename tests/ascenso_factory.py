"""Postulantes and records built in code for the pure rule tests of the Ascenso family."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any, Mapping

from generator.config import load_settings
from generator.rules import from_table
from generator.domain.ascenso import (
    Capacitacion,
    Discapacidad,
    Grado,
    Merito,
    Periodo,
    Postulante,
    Tiempo,
)
from generator.domain.ascenso.rules import AscensoRules

D = dt.date
DNI = "41234567"


# The table each typed rules object of these tests was built from (by id), so that ``with_rules``
# can change a rules object that ``with_rules`` itself made.
_TABLES: dict[int, tuple[AscensoRules, dict]] = {}


def bundled_table() -> dict:
    """The bundled edition's table (TOML keys), as the rules file gives it."""
    return copy.deepcopy(dict(load_settings(environ={}).rules.tables["ascenso"]))


def bundled_rules() -> AscensoRules:
    rules = load_settings(environ={}).rules.ascenso
    _TABLES.setdefault(id(rules), (rules, bundled_table()))
    return rules


def changed_table(rules: AscensoRules, changes: Mapping[str, Any]) -> dict:
    """The table of ``rules`` with dotted keys replaced: {"matriz.criterios.1.1.puntos_maestro": 7.0}."""
    if id(rules) not in _TABLES and rules == bundled_rules():
        _TABLES[id(rules)] = (rules, bundled_table())
    result = copy.deepcopy(_TABLES[id(rules)][1])
    for dotted, value in changes.items():
        *path, last = _split(dotted)
        node = result
        for part in path:
            node = node[part]
        node[last] = value
    return result


def with_rules(rules: AscensoRules, changes: Mapping[str, Any]) -> AscensoRules:
    """``rules`` with dotted keys of its table replaced, built and checked as when the settings load
    (a wrong value raises ConfigErrors, as there)."""
    table = changed_table(rules, changes)
    result = from_table("ascenso", table, "ascenso-2025.toml")
    _TABLES[id(result)] = (result, table)
    return result


def _split(dotted: str) -> list[str]:
    # Criterion ids contain a dot: "matriz.criterios.1.3.tipos" → matriz, criterios, 1.3, tipos.
    parts = dotted.split(".")
    result: list[str] = []
    index = 0
    while index < len(parts):
        if parts[index].isdigit() and index + 1 < len(parts) and parts[index + 1].isdigit() \
                and result and result[-1] == "criterios":
            result.append(parts[index] + "." + parts[index + 1])
            index += 2
        else:
            result.append(parts[index])
            index += 1
    return result


def person(**changes: Any) -> Postulante:
    base = Postulante(
        dni=DNI, nombres="Lucía", apellidos="Ccori Mamani", correo="lucia@gmail.com", direccion="", region="Lima",
        iged="UGEL 02", escala=3, tiempo_escala=Tiempo(3, 0, 0), ascendio_2022=False,
        rural_desde_inscripcion=False, rural_tres_anios=False, fecha_nombramiento=D(2010, 3, 1),
        grupo_corresponde=True, condena_leyes=False, condena_dolosa=False, sancion=False,
        puntaje_nacional=Decimal("80"),
    )
    return replace(base, **changes)


def grado(tipo: str, fecha: dt.date | None, situacion: str = "Obtenido", denominacion: str = "") -> Grado:
    return Grado(DNI, tipo, denominacion, "Universidad Nacional de Educación", situacion, fecha)


def estudio(tipo: str, creditos: float | None, horas: float | None, fecha: dt.date | None,
            entidad: str = "Universidad") -> Capacitacion:
    return Capacitacion(DNI, tipo, "Estudio de prueba", entidad, "Entidad de prueba", creditos, horas, fecha)


def merito(tipo: str, documento: str, fecha: dt.date | None = D(2020, 1, 1)) -> Merito:
    return Merito(DNI, tipo, documento, "N° 001-2020", fecha)


def cargo(rules: AscensoRules, criterion: str) -> str:
    return rules.matriz.experiencia.criterios[criterion].cargos[0]


def periodo(rules: AscensoRules, criterion: str, inicio: dt.date, fin: dt.date | None, resolucion: str = "RD N° 1",
            institucion: str = "I.E. N° 2050") -> Periodo:
    return Periodo(DNI, cargo(rules, criterion), institucion, inicio, fin, resolucion)


def discapacidad(letter: str, presentacion: dt.date | None, expedicion: dt.date | None = None,
                 sihce: str | None = None) -> Discapacidad:
    return Discapacidad(letter, "00057321", presentacion, expedicion, sihce)
