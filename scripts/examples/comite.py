"""Filled example of forms/comite.xlsx: a UGEL 02 committee installed on 5 January 2026, with its
working sessions (each with its acta, the ones that approved documents marked), the Comité de
Vigilancia's participation, observations and the date of the informe final."""

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
    SESSION_AGREEMENTS_SHEET,
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
# Each session gives its acta de sesión; the ones marked «Sí» date what they approved: the actas
# de resultados (19/01), the replies to the reclamos and their new actas (03/02) and the oficios
# de retiro (05/02). The informe final follows on 16/02/2026.
SESSIONS = [
    {"fecha": dt.date(2026, 1, 8), "hora_inicio": T(9, 0), "hora_cierre": T(12, 30),
     "asunto": "Revisión de los informes escalafonarios y verificación de requisitos de 17 postulantes."},
    {"fecha": dt.date(2026, 1, 12), "hora_inicio": T(9, 0), "hora_cierre": T(13, 0),
     "asunto": "Verificación de requisitos y valoración de la Matriz de los 17 postulantes restantes."},
    {"fecha": dt.date(2026, 1, 16), "hora_inicio": T(9, 0), "hora_cierre": T(11, 0),
     "asunto": "Verificación en el SIHCE de los certificados de discapacidad presentados.",
     "lugar": "la Oficina del Área de Gestión Pedagógica de la UGEL 02"},
    {"fecha": dt.date(2026, 1, 19), "hora_inicio": T(9, 0), "hora_cierre": T(12, 0),
     "asunto": "Aprobación de las actas individuales de resultados y registro de los resultados en el aplicativo "
               "dispuesto por la DIED.", "aprueba_actas": "Sí"},
    {"fecha": dt.date(2026, 1, 30), "hora_inicio": T(9, 0), "hora_cierre": T(13, 30),
     "asunto": "Análisis y deliberación de los ocho reclamos presentados."},
    {"fecha": dt.date(2026, 2, 3), "hora_inicio": T(10, 0), "hora_cierre": T(12, 0),
     "asunto": "Aprobación de las respuestas a los reclamos y emisión de las nuevas actas de resultados.",
     "aprueba_respuestas": "Sí"},
    {"fecha": dt.date(2026, 2, 5), "hora_inicio": T(9, 30), "hora_cierre": T(11, 0),
     "asunto": "Decisión sobre los retiros del concurso y aprobación de los oficios de retiro.",
     "aprueba_retiros": "Sí"},
]

SESSION_AGREEMENTS = [
    (dt.date(2026, 1, 8), "Solicitar al Área de Escalafón la ampliación del informe escalafonario de dos postulantes "
                          "cuyos periodos de experiencia no registran resolución."),
    (dt.date(2026, 1, 12), "Continuar la verificación de los certificados de discapacidad en el SIHCE el 16/01/2026."),
    (dt.date(2026, 1, 19), "Aprobar las actas individuales de resultados de los 34 postulantes."),
    (dt.date(2026, 1, 19), "Encargar a la Especialista en Educación el registro de los resultados en el aplicativo."),
    (dt.date(2026, 1, 30), "Solicitar al Área de Escalafón los nuevos informes escalafonarios que citan los "
                           "reclamos de los expedientes EXP-2026-000102, EXP-2026-000106 y EXP-2026-000108."),
    (dt.date(2026, 2, 3), "Aprobar las respuestas a los ocho reclamos y las nuevas actas de resultados de los "
                          "reclamos declarados fundados o fundados en parte."),
    (dt.date(2026, 2, 5), "Comunicar el retiro del concurso, mediante oficio motivado, a los postulantes que "
                          "incurren en causal de retiro después de resolver los reclamos."),
    (dt.date(2026, 2, 5), "Comunicar al Director de la UGEL 02 la causal f) advertida, para las acciones del "
                          "numeral 2.3.2 del Instructivo."),
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
    "fecha_informe": dt.date(2026, 2, 16),
}


def build(folder: Path) -> Path:
    settings = load_settings()
    spec = comite_form(settings.rules.ascenso, settings.institution.tipo)
    return write_form(spec, folder / "comite.xlsx", {
        SESSION_SHEET: SESSION,
        MEMBERS_SHEET: MEMBERS,
        AGREEMENTS_SHEET: [{"acuerdo": text} for text in AGREEMENTS],
        CANDIDATES_SHEET: CANDIDATES,
        SESSIONS_SHEET: SESSIONS,
        SESSION_AGREEMENTS_SHEET: [{"fecha": day, "acuerdo": text} for day, text in SESSION_AGREEMENTS],
        OBSERVATIONS_SHEET: [{"observacion": text} for text in OBSERVATIONS],
        REPORT_SHEET: REPORT,
    })
