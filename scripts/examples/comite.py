"""Filled example of forms/comite.xlsx: a UGEL 02 committee installed on 5 January 2026."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.config import load_settings
from generator.forms.comite import AGREEMENTS_SHEET, CANDIDATES_SHEET, MEMBERS_SHEET, SESSION_SHEET, comite_form
from generator.forms.xlsx_writer import write_form

SESSION = {
    "resolucion": "Resolución Directoral N° 00125-2025-UGEL02",
    "fecha": dt.date(2026, 1, 5),
    "hora_inicio": dt.time(9, 0),
    "hora_cierre": dt.time(11, 30),
    "lugar": "la Sala de Reuniones de la UGEL 02, Rímac",
}

MEMBERS = [
    {"rol": "Primer miembro (Presidente)", "nombres": "María Elena", "apellidos": "Quispe Ñañez",
     "cargo": "Director(a) de la UGEL", "dni": "40123456", "telefono": "987654321",
     "correo": "mquispe@ugel02.gob.pe"},
    {"rol": "Segundo miembro", "nombres": "José Luis", "apellidos": "D'Angelo Muñoz-Pérez",
     "cargo": "Jefe(a) de Personal de la UGEL", "dni": "08123456", "telefono": "(01) 615-5800",
     "correo": "jdangelo@ugel02.gob.pe"},
    {"rol": "Tercer miembro", "nombres": "Rosa Amelia", "apellidos": "Huamán Cárdenas",
     "cargo": "Especialista en Educación de la UGEL", "dni": "09876543", "telefono": "+51 912 345 678",
     "correo": "rhuaman@ugel02.gob.pe"},
]

AGREEMENTS = [
    "Sesionar los días lunes y jueves a las 9:00 horas en la Sala de Reuniones de la UGEL 02.",
    "Solicitar al Área de Escalafón los informes escalafonarios de los postulantes clasificados "
    "hasta el 7 de enero de 2026.",
    "Recibir los documentos de bonificación por discapacidad y los reclamos por mesa de partes virtual "
    "y por el correo comite.ascenso@ugel02.gob.pe.",
    "Designar a la Especialista en Educación como responsable del registro de resultados en el aplicativo.",
]

CANDIDATES = [
    {"dni": "41234567", "nombre": "Ccori Mamani, Lucía"},
    {"dni": "42345678", "nombre": "Pérez Ñañez, Juan Carlos"},
    {"dni": "06543210", "nombre": "Ríos D'Alessandro, Ana"},
]


def build(folder: Path) -> Path:
    settings = load_settings()
    spec = comite_form(settings.rules("ascenso"), settings.institution.tipo)
    return write_form(spec, folder / "comite.xlsx", {
        SESSION_SHEET: SESSION,
        MEMBERS_SHEET: MEMBERS,
        AGREEMENTS_SHEET: [{"acuerdo": text} for text in AGREEMENTS],
        CANDIDATES_SHEET: CANDIDATES,
    })
