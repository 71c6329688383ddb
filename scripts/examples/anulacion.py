"""Filled example of forms/anulacion.xlsx: the Comité's president asks to annul the number of the ficha
CAP of the CETPRO «PERÚ» (the first ficha of 2025 that the examples give), registered twice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.forms.anulacion import FILENAME, NUMBERS_SHEET, REQUEST_SHEET, anulacion_form
from generator.forms.xlsx_writer import write_form

REQUEST = {
    "solicitante": "María Elena Quispe Ñañez",
    "cargo": "Jefa del Área de Gestión Pedagógica",
    "fecha": dt.date(2026, 2, 20),
}

NUMBERS = [
    {"numero": "FICHA N° 001-2025-CAP-UGEL02",
     "motivo": "La visita al CETPRO «PERÚ» se registró dos veces; se conserva la ficha del monitoreo de 2026."},
]


def build(folder: Path) -> Path:
    return write_form(anulacion_form(), folder / FILENAME, {REQUEST_SHEET: REQUEST, NUMBERS_SHEET: NUMBERS})
