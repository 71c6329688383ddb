"""Spanish formatting for official documents (DOMAIN.md D), usable as Jinja filters.

Dates "5 de enero de 2026", legal quantities "dos (2) años", amounts "S/ 141,241" and
amounts in words. Number and date data come from babel (CLDR, es_PE) and num2words.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from num2words import num2words

from .. import wording
from ..wording import long_date, short_date

LOCALE = "es_PE"

# num2words writes "veintiuno mil"; Spanish shortens "uno" before a noun: "veintiún mil".
_APOCOPE = [
    (re.compile(r"\bveintiuno(?= (?:mil|millón|millones)\b)"), "veintiún"),
    (re.compile(r"\buno(?= (?:mil|millón|millones)\b)"), "un"),
]


def time_of_day(value: dt.time | dt.datetime | str) -> str:
    """09:30."""
    if isinstance(value, (dt.time, dt.datetime)):
        return value.strftime("%H:%M")
    return str(value)


def words(number: int) -> str:
    """A whole number in Spanish words, with the apocope before mil/millón: 21000 → veintiún mil."""
    text = num2words(int(number), lang="es")
    for pattern, replacement in _APOCOPE:
        text = pattern.sub(replacement, text)
    return text


def legal_quantity(number: int, singular: str, plural: str | None = None) -> str:
    """dos (2) años; un (1) año; un (1) día hábil."""
    number = int(number)
    noun = singular if number == 1 else (plural or singular + "s")
    spelled = "un" if number == 1 else words(number)
    if spelled.endswith("veintiuno"):
        spelled = spelled[: -len("veintiuno")] + "veintiún"
    elif spelled.endswith(" uno"):
        spelled = spelled[: -len("uno")] + "un"
    return f"{spelled} ({number}) {noun}"


def _decimal(amount: float | int | Decimal | str) -> Decimal:
    return Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def soles(amount: float | int | Decimal | str) -> str:
    """S/ 141,241 for whole amounts, S/ 141,241.50 otherwise (es_PE grouping)."""
    value = _decimal(amount)
    pattern = "#,##0" if value == value.to_integral_value() else "#,##0.00"
    return f"S/ {format_decimal(value, format=pattern, locale=LOCALE)}"


def soles_in_words(amount: float | int | Decimal | str) -> str:
    """ciento cuarenta y un mil doscientos cuarenta y uno con 00/100 soles."""
    value = _decimal(amount)
    whole = int(value)
    cents = int((value - whole) * 100)
    return f"{words(whole)} con {cents:02d}/100 soles"


def score(value: float | int | Decimal | None, decimals: int = 3) -> str:
    """A score without trailing zeros: 8, 1.5, 57.25 (never more than ``decimals`` places)."""
    if value is None:
        return "—"
    quantized = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = format(quantized, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent(value: float | None, decimals: int = 1) -> str:
    """80 %, 83.3 % (a space before the sign, as the norma writes it)."""
    if value is None:
        return "—"
    return f"{score(value, decimals)} %"


def upper(value: str) -> str:
    return str(value).upper()


FILTERS = {
    "fecha_larga": long_date,
    "fecha_corta": short_date,
    "hora": time_of_day,
    "en_letras": words,
    "cantidad_legal": legal_quantity,
    "soles": soles,
    "soles_en_letras": soles_in_words,
    "puntaje": score,
    "porcentaje": percent,
    "mayusculas": upper,
    # Agreement with a person (DOMAIN.md D): {{ "Señor" | concuerda(p.genero) }} → «Señora»;
    # {{ p.genero | tratamiento }} → «Señor», «Señora» or «Señor(a)»; {{ p.cargo | cargo(p.genero) }}
    # → «Directora de la UGEL» from the form's «Director(a) de la UGEL»; counts agree with their
    # noun: {{ n | cantidad("postulante") }} → «1 postulante», «34 postulantes».
    "concuerda": wording.agree,
    "tratamiento": wording.tratamiento,
    "cargo": wording.cargo,
    "cantidad": wording.count,
    "lista": wording.join,
}
