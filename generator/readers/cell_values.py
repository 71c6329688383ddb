"""The value of one cell of a form, parsed by the kind its column declares (date, time, DNI,
number in its range, choice, yes/no…), or ``InvalidCell`` with the reason and the fix in Spanish.
Offices' typing habits are read through ``habits``; nothing here knows a workbook or a family.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Iterable

from openpyxl.utils.datetime import from_excel

from ..forms.spec import Column, Kind, normalize_label
from . import habits

_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_DATE_TEXT = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?\s*$")
_TIME_TEXT = re.compile(r"^\s*(\d{1,2})[:h.](\d{2})(?::\d{2})?\s*(?:h|hrs?|horas)?\s*$", re.IGNORECASE)
# Excel serial numbers of 1950-01-01 and 2100-12-31: a bare number in a date column outside
# this range is a typing mistake, not a date.
_SERIAL_MIN, _SERIAL_MAX = 18264, 73415


class InvalidCell(Exception):
    """A cell's value that its column's kind refuses: ``message`` and ``fix`` in Spanish."""

    def __init__(self, message: str, fix: str | None = None):
        super().__init__(message)
        self.message = message
        self.fix = fix


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text


def shown(value: Any) -> str:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    text = _text(value)
    return text if len(text) <= 60 else text[:57] + "…"


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _SERIAL_MIN <= value <= _SERIAL_MAX:
            return from_excel(value).date()
        raise InvalidCell(f"«{shown(value)}» no es una fecha.", "Escriba la fecha como dd/mm/aaaa.")
    text = _text(value)
    match = _DATE_TEXT.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        match = _ISO_DATE.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        short = habits.two_digit_year_date(text)
        if short is not None:
            return short
    except ValueError:
        raise InvalidCell(f"«{text}» no es una fecha válida.", "Revise el día y el mes (dd/mm/aaaa).") from None
    raise InvalidCell(f"«{text}» no es una fecha.", "Escriba la fecha como dd/mm/aaaa.")


def parse_time(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    text = _text(value)
    match = _TIME_TEXT.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    twelve_hour = habits.twelve_hour_time(text)
    if twelve_hour is not None:
        return twelve_hour
    raise InvalidCell(f"«{text}» no es una hora.", "Escriba la hora como hh:mm (24 horas), por ejemplo 09:30.")


# «1,200» or «1.200»: one separator followed by exactly three digits after one to three others
# (not 0). It is a thousand two hundred where the separator groups thousands (cddgen itself
# prints «1,200»), one point two where it is decimal: refused, with both readings.
_THOUSANDS_OR_DECIMAL = re.compile(r"-?[1-9][0-9]{0,2}[.,][0-9]{3}")


def _ambiguous(text: str) -> InvalidCell:
    whole = int(text.replace(",", "").replace(".", ""))
    as_decimal = f"{float(text.replace(',', '.')):g}".replace(".", ",")
    if as_decimal.count(",") and len(as_decimal.split(",")[1]) == 3:
        # Three decimals read the same either way: only a number cell (not text) says which.
        decimal_fix = ("si tiene decimales, quite el formato de texto de la celda (Inicio › Número › General) y "
                       "escríbalo de nuevo")
    else:
        decimal_fix = f"escriba {as_decimal} si es un número con decimales"
    return InvalidCell(
        f"«{text}» puede leerse como {whole} (con separador de miles) o como {as_decimal} (con decimales).",
        f"Escriba {whole}, sin separador de miles, si son {whole}; {decimal_fix}.",
    )


def _parse_number(value: Any, column: Column, *, integer: bool) -> float | int:
    if isinstance(value, bool):
        raise InvalidCell(f"«{value}» no es un número.")
    if isinstance(value, (int, float)):
        number = value
    else:
        text = _text(value).replace(" ", "")
        if _THOUSANDS_OR_DECIMAL.fullmatch(text):
            raise _ambiguous(text)
        if re.fullmatch(r"-?\d+,\d+", text):
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise InvalidCell(f"«{_text(value)}» no es un número.", "Escriba solo cifras.") from None
    if integer:
        if float(number) != int(number):
            raise InvalidCell(f"«{shown(value)}» no es un número entero.", "Escriba un número sin decimales.")
        number = int(number)
    _check_range(number, value, column)
    return number


def _check_range(number: float | int, value: Any, column: Column) -> None:
    """The column's minimum and maximum, the same the blank form's validation enforces."""
    low, high = column.minimum, column.maximum
    fix = f"Escriba un valor {column.range_text()}." if low is not None and high is not None else None
    if low is not None and number < low:
        raise InvalidCell(
            f"«{shown(value)}» es negativo." if number < 0 and low == 0 else f"«{shown(value)}» es menor que {low:g}.",
            fix or f"Escriba un valor de {low:g} o más.",
        )
    if high is not None and number > high:
        raise InvalidCell(f"«{shown(value)}» es mayor que {high:g}.", fix or f"Escriba un valor de {high:g} o menos.")


def _parse_digits(value: Any, length: int, what: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        # Excel drops leading zeros of numbers typed in a general cell; put them back.
        text = str(int(value))
        if len(text) < length:
            text = text.zfill(length)
    else:
        text = _text(value)
    # [0-9], not \d: \d also matches other scripts' digits («１２３４５６７８», «᱓᧙௧…»).
    if not re.fullmatch(rf"[0-9]{{{length}}}", text):
        raise InvalidCell(
            f"«{shown(value)}» no es un {what} válido: debe tener {length} dígitos.",
            "Escriba solo los dígitos, sin puntos, guiones ni espacios.",
        )
    return text


def _parse_choice(value: Any, choices: Iterable[str]) -> str:
    text = _text(value)
    if text in choices:  # the drop-down's own value: the common case
        return text
    if all(choice.isdecimal() for choice in choices):
        # A list of numbers (the valoración 0 1 2 3): only the number itself. Loose matching,
        # which drops signs and punctuation, would read «-2», «2?», «¿1?» or «3%» as 2, 2, 1, 3.
        raise InvalidCell(f"«{shown(text)}» no es un valor permitido.",
                       f"Escriba exactamente uno de estos números: {', '.join(choices)}.")
    wanted = normalize_label(text)
    for choice in choices:
        if normalize_label(choice) == wanted:
            return choice
    allowed = list(choices)
    listed = "; ".join(allowed) if len(allowed) <= 12 else "; ".join(allowed[:12]) + "; …"
    raise InvalidCell(f"«{shown(text)}» no es un valor permitido.", f"Elija uno de la lista: {listed}.")


def parse_cell(value: Any, column: Column) -> Any:
    """The typed value of a non-empty cell; InvalidCell with a Spanish reason."""
    kind = column.kind
    if kind is Kind.TEXT:
        return _text(value)
    if kind is Kind.DNI:
        return _parse_digits(habits.dni_text(value), 8, "DNI")
    if kind is Kind.CODE:
        if column.digits:
            return _parse_digits(value, column.digits, "código")
        return _text(value)
    if kind is Kind.DATE:
        return parse_date(value)
    if kind is Kind.TIME:
        return parse_time(value)
    if kind is Kind.INT:
        return _parse_number(habits.roman_number(value) if column.roman else value, column, integer=True)
    if kind is Kind.NUMBER:
        return _parse_number(value, column, integer=False)
    if kind is Kind.EMAIL:
        text = _text(value)
        if not _EMAIL.match(text):
            raise InvalidCell(f"«{shown(text)}» no es un correo electrónico válido.", "Ejemplo: nombre@ugel02.gob.pe.")
        return text
    if kind is Kind.PHONE:
        text = _text(value)
        digits = re.sub(r"[\s().-]", "", text)
        if digits.startswith("+51"):
            digits = digits[3:]
        if not re.fullmatch(r"\d{7,9}", digits):
            raise InvalidCell(
                f"«{shown(text)}» no es un teléfono válido.",
                "Escriba de 7 a 9 dígitos (celular 9XXXXXXXX), opcionalmente con +51.",
            )
        return text
    if kind is Kind.CHOICE:
        return _parse_choice(value, column.choices)
    if kind is Kind.YES_NO:
        if isinstance(value, bool):
            return value
        text = normalize_label(value)
        if text in ("si", "s", "x", "1", "true", "verdadero"):
            return True
        if text in ("no", "n", "0", "false", "falso"):
            return False
        raise InvalidCell(f"«{shown(value)}» no es Sí ni No.", "Elija Sí o No de la lista.")
    raise AssertionError(f"unknown column kind {kind}")


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
