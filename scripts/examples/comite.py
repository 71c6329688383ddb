"""Filled example of forms/comite.xlsx: a UGEL 02 committee installed on 5 January 2026, with its
working sessions, the Comité de Vigilancia's participation and observations for the informe final."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.config import load_settings
from generator.forms.comite import (
    AGREEMENTS_SHEET,
    CANDIDATES_SHEET,
    MEMBERS_SHEET,
    OBSERVATIONS_SHEET,
    REPORT_SHEET,
    SESSION_SHEET,
    SESSIONS_SHEET,
    comite_form,
)
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
     "cargo": "Jefe(a) del Área de Gestión Pedagógica de la UGEL", "dni": "40123456", "telefono": "987654321",
     "correo": "mquispe@ugel02.gob.pe", "tratamiento": "Sra."},
    {"rol": "Segundo miembro", "nombres": "José Luis", "apellidos": "D'Angelo Muñoz-Pérez",
     "cargo": "Jefe(a) de Personal de la UGEL", "dni": "08123456", "telefono": "(01) 615-5800",
     "correo": "jdangelo@ugel02.gob.pe", "tratamiento": "Sr."},
    {"rol": "Tercer miembro", "nombres": "Rosa Amelia", "apellidos": "Huamán Cárdenas",
     "cargo": "Especialista en Educación de la UGEL", "dni": "09876543", "telefono": "+51 912 345 678",
     "correo": "rhuaman@ugel02.gob.pe", "tratamiento": "Sra."},
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


T = dt.time
SESSIONS = [
    {"fecha": dt.date(2026, 1, 8), "hora_inicio": T(9, 0), "hora_cierre": T(12, 30),
     "asunto": "Revisión de los informes escalafonarios y verificación de requisitos de 17 postulantes."},
    {"fecha": dt.date(2026, 1, 12), "hora_inicio": T(9, 0), "hora_cierre": T(13, 0),
     "asunto": "Verificación de requisitos y valoración de la Matriz de los 17 postulantes restantes."},
    {"fecha": dt.date(2026, 1, 16), "hora_inicio": T(9, 0), "hora_cierre": T(11, 0),
     "asunto": "Verificación en el SIHCE de los certificados de discapacidad presentados."},
    {"fecha": dt.date(2026, 1, 19), "hora_inicio": T(9, 0), "hora_cierre": T(12, 0),
     "asunto": "Registro de los resultados en el aplicativo dispuesto por la DIED."},
    {"fecha": dt.date(2026, 1, 30), "hora_inicio": T(9, 0), "hora_cierre": T(13, 30),
     "asunto": "Análisis y deliberación de los ocho reclamos presentados."},
    {"fecha": dt.date(2026, 2, 3), "hora_inicio": T(10, 0), "hora_cierre": T(12, 0),
     "asunto": "Aprobación de las respuestas a los reclamos y emisión de las nuevas actas de resultados."},
]

OBSERVATIONS = [
    "El 16/01/2026 el aplicativo de la DIED estuvo fuera de servicio de 10:00 a 14:00 horas; el registro de "
    "resultados se completó el 19/01/2026, dentro del plazo del cronograma.",
]

REPORT = {
    "director": "Luis Enrique Salvatierra Gómez",
    "director_tratamiento": "Sr.",
    "vigilancia": "Sí",
    "vigilancia_detalle": "El Comité de Vigilancia observó la sesión de deliberación de reclamos del 30/01/2026 y "
                          "trasladó una denuncia sobre un documento presuntamente adulterado, que originó la "
                          "causal f) comunicada a la dirección de la UGEL.",
}


def build(folder: Path) -> Path:
    settings = load_settings()
    spec = comite_form(settings.rules("ascenso"), settings.institution.tipo)
    return write_form(spec, folder / "comite.xlsx", {
        SESSION_SHEET: SESSION,
        MEMBERS_SHEET: MEMBERS,
        AGREEMENTS_SHEET: [{"acuerdo": text} for text in AGREEMENTS],
        CANDIDATES_SHEET: CANDIDATES,
        SESSIONS_SHEET: SESSIONS,
        OBSERVATIONS_SHEET: [{"observacion": text} for text in OBSERVATIONS],
        REPORT_SHEET: REPORT,
    })
