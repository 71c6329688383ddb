"""Spanish wording shared by the reasons of the Matriz (dates, durations, points)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable
from ...wording import count, join, long_date


def fecha(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "sin fecha"


def fecha_larga(value: dt.date) -> str:
    """«5 de enero de 2026»: the format of the documents' ``fecha_larga`` filter."""
    return long_date(value)


def pts(value: Decimal | float | int) -> str:
    """8, 1.5, 57.25: a score without trailing zeros."""
    quantized = Decimal(str(value)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    text = format(quantized, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def puntos(value: Decimal | float | int) -> str:
    """«1 punto», «4 puntos», «1.5 puntos»."""
    text = pts(value)
    return f"{text} punto" if text == "1" else f"{text} puntos"


def plural(number: int, singular: str, plural_form: str | None = None) -> str:
    """«1 año», «3 meses»: see ``wording.count``."""
    return count(number, singular, plural_form)


__all__ = ["fecha", "fecha_larga", "pts", "puntos", "plural", "join", "duracion", "meses", "tiempo", "verbo",
           "tramos", "numero"]


def duracion(months: int, days: int) -> str:
    """24 months → «2 años»; 14 months 3 days → «1 año, 2 meses y 3 días» (años of 12 months)."""
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(plural(years, "año"))
    if months:
        parts.append(plural(months, "mes", "meses"))
    if days or not parts:
        parts.append(plural(days, "día"))
    return join(parts)


def meses(months: int, days: int) -> str:
    """«46 meses», «1 mes y 3 días», «12 días»: time where a year is not 12 months (criterion 3.1
    counts years of 10 months, so «4 años» there would mislead)."""
    parts = []
    if months:
        parts.append(plural(months, "mes", "meses"))
    if days or not parts:
        parts.append(plural(days, "día"))
    return join(parts)


def tiempo(months: int, days: int, year_months: int) -> str:
    """Time in the units of a criterion: años of 12 months, or months for any other year."""
    return duracion(months, days) if year_months == 12 else meses(months, days)


def verbo(subject: str, singular: str, plural_form: str) -> str:
    """The verb agreeing with a time: «1 año pasa», «1 año y 2 días pasan», «3 meses pasan»."""
    return singular if re.fullmatch(r"1 \w+", subject) else plural_form


def tramos(pieces: Iterable[tuple[dt.date, dt.date]]) -> str:
    """«del 01/01/2016 al 31/12/2018», «el 31/12/2016», joined with «y»."""
    return join(f"el {fecha(start)}" if start == end else f"del {fecha(start)} al {fecha(end)}"
                for start, end in pieces)


def numero(value: float | None) -> str:
    if value is None:
        return "—"
    return pts(value)
