"""The input contract: what each sheet of a form holds, in one place.

The same specification writes the blank form (headers, drop-down lists, formats, the
«Instrucciones» sheet) and reads the filled one back (columns found by header, values
checked by kind), so the form and its reader can never drift apart.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from ..wording import TRATAMIENTO_CHOICES


class Kind(str, Enum):
    TEXT = "texto"
    DNI = "dni"
    DATE = "fecha"
    TIME = "hora"
    INT = "entero"
    NUMBER = "número"
    EMAIL = "correo"
    PHONE = "teléfono"
    CHOICE = "lista"
    YES_NO = "sí/no"
    CODE = "código"  # digits kept as text (código modular, código local)


FORMAT_HELP = {
    Kind.TEXT: "Texto libre.",
    Kind.DNI: "8 dígitos, sin puntos ni espacios (los ceros iniciales cuentan).",
    Kind.DATE: "Fecha dd/mm/aaaa (también vale una fecha de Excel).",
    Kind.TIME: "Hora hh:mm en formato de 24 horas (también vale con a.m. o p.m.).",
    Kind.INT: "Número entero, sin decimales.",
    Kind.NUMBER: "Número; use punto o coma decimal.",
    Kind.EMAIL: "Correo electrónico, por ejemplo nombre@ugel02.gob.pe.",
    Kind.PHONE: "Teléfono de 7 a 9 dígitos (celular 9XXXXXXXX); puede empezar con +51.",
    Kind.CHOICE: "Elija un valor de la lista desplegable.",
    Kind.YES_NO: "Sí o No (lista desplegable).",
    Kind.CODE: "Código numérico escrito como texto (se conservan los ceros iniciales).",
}

YES_NO_CHOICES = ("Sí", "No")


def normalize_label(text: object) -> str:
    """Header comparison that ignores case, accents, spaces and punctuation differences."""
    return _normalize(str(text or ""))


@functools.lru_cache(maxsize=8192)
def _normalize(text: str) -> str:
    # Cached: a workbook repeats the same choices and headers in thousands of cells.
    raw = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in raw if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in stripped.lower()).split())


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: Kind = Kind.TEXT
    required: bool = True
    choices: tuple[str, ...] = ()
    help: str = ""
    width: int = 20
    # For CODE columns: the exact number of digits.
    digits: int | None = None
    # For INT and NUMBER columns: the smallest and largest values allowed (None = no limit).
    # The reader refuses what is outside, and the blank form's validation stops it while typing.
    minimum: float | None = 0
    maximum: float | None = None
    # For INT columns: Roman numerals («III») are read too, as the escalafón writes the escala.
    roman: bool = False

    def format_help(self) -> str:
        if self.kind is Kind.CODE and self.digits:
            return f"Código de {self.digits} dígitos escrito como texto (se conservan los ceros iniciales)."
        if self.kind in (Kind.INT, Kind.NUMBER) and (self.minimum is not None or self.maximum is not None):
            what = "Número entero" if self.kind is Kind.INT else "Número (use punto o coma decimal)"
            roman = " o en números romanos (III)" if self.roman else ""
            return f"{what}{roman}: {self.range_text()}."
        return FORMAT_HELP[self.kind]

    def range_text(self) -> str:
        """«de 0 a 11», «1 o más», «100 o menos»: the values a number column allows."""
        low, high = self.minimum, self.maximum
        if low is not None and high is not None:
            return f"de {low:g} a {high:g}"
        if low is not None:
            return f"{low:g} o más"
        return f"{high:g} o menos" if high is not None else "cualquier valor"


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of a form.

    ``table`` sheets have one header row and one record per row. ``fields`` sheets hold a
    single record as label/value pairs: the label in column A, the value in column B.
    """

    name: str
    columns: tuple[Column, ...]
    help: str
    layout: str = "table"
    required: bool = True
    # Rows pre-filled in the blank form (e.g. the three committee roles).
    preset_rows: tuple[tuple[object, ...], ...] = ()
    # Blank rows given drop-downs and formats in the blank form.
    blank_rows: int = 200
    # The later document that alone needs this sheet (e.g. «el informe final»): when the form
    # arrives for an earlier one, the sheet's problems are warnings, not reasons to refuse it.
    needed_by: str = ""

    def column(self, field_name: str) -> Column:
        for column in self.columns:
            if column.field == field_name:
                return column
        raise KeyError(field_name)


@dataclass(frozen=True)
class FormSpec:
    kind: str
    title: str
    version: int
    sheets: tuple[SheetSpec, ...]
    description: str = ""
    extra_help: tuple[str, ...] = field(default_factory=tuple)

    def sheet(self, name: str) -> SheetSpec:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)


_ROMAN_DIGITS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def to_roman(number: int) -> str:
    """3 → «III» (1 to 3999)."""
    parts = []
    for value, letters in _ROMAN_DIGITS:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


# Dates a blank form lets a user type (Excel's own range starts in 1900); a date cell read back
# holds any real date, so whatever can be typed can be read.
TYPED_DATE_MIN = dt.date(1900, 1, 1)
TYPED_DATE_MAX = dt.date(2100, 12, 31)

def tratamiento_column(header: str = "Tratamiento", field_name: str = "tratamiento", *, whose: str = "") -> Column:
    """The «Tratamiento» of a person (Sr. / Sra.): how every document names and agrees with them.

    Optional, so forms filled before it existed keep working: a person without one is written
    with the blank-model wording «Señor(a)» unless a cargo in the form says the gender."""
    who = f" {whose}" if whose else ""
    return Column(header, field_name, Kind.CHOICE, required=False, choices=TRATAMIENTO_CHOICES, width=12,
                  help=f"Sr. o Sra.{who}: los documentos lo nombran y concuerdan con esa persona "
                       "(«Señora Directora», «la postulante»). Vacío: «Señor(a)».")


# Hidden sheet every generated workbook carries, so the inbox recognises a form by its
# content and not by its file name.
MARKER_SHEET = "_cddgen"
INSTRUCTIONS_SHEET = "Instrucciones"
LISTS_SHEET = "_listas"
