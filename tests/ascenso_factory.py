"""Postulantes and records built in code for the pure rule tests of the Ascenso family."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any, Mapping

from generator.config import load_settings
from generator.domain.ascenso import (
    Capacitacion,
    Discapacidad,
    Grado,
    Merito,
    Periodo,
    Postulante,
    Tiempo,
)

D = dt.date
DNI = "41234567"


def bundled_rules() -> dict:
    return load_settings(environ={}).rules("ascenso")


def with_rules(rules: Mapping, changes: Mapping[str, Any]) -> dict:
    """A copy of ``rules`` with dotted keys replaced: {"matriz.criterios.1.1.puntos_maestro": 7.0}."""
    result = copy.deepcopy(dict(rules))
    for dotted, value in changes.items():
        *path, last = _split(dotted)
        node = result
        for part in path:
            node = node[part]
        node[last] = value
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


def cargo(rules: Mapping, criterion: str) -> str:
    return rules["matriz"]["criterios"][criterion]["cargos"][0]


def periodo(rules: Mapping, criterion: str, inicio: dt.date, fin: dt.date | None, resolucion: str = "RD N° 1",
            institucion: str = "I.E. N° 2050") -> Periodo:
    return Periodo(DNI, cargo(rules, criterion), institucion, inicio, fin, resolucion)


def discapacidad(letter: str, presentacion: dt.date | None, expedicion: dt.date | None = None,
                 sihce: str | None = None) -> Discapacidad:
    return Discapacidad(letter, "00057321", presentacion, expedicion, sihce)
