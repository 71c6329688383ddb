"""How offices type what the blank forms ask for in one way: read right, not refused.

The forms' validations and input messages ask for the canonical form (DNI of 8 digits, dates
dd/mm/aaaa, times hh:mm). Values pasted from other systems or typed in a workbook that is not
the blank form carry local habits instead: a DNI with spaces, dots or a «DNI» prefix, a time
with a.m./p.m., a two-digit year, an escala in Roman numerals. Each function here turns such a
value into the canonical one, or gives it back unchanged (or None) when the habit does not
apply, so that the kind's parser still explains what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..forms.spec import to_roman

# «DNI», «D.N.I.», «DNI N°», «DNI Nro.», «DNI:» before the digits.
_DNI_PREFIX = re.compile(r"^\s*d\.?\s*n\.?\s*i\.?\s*(?:(?:nro\.?|núm\.?|num\.?|no\.|n[°º.]?)\s*)?[:.\-]?\s*",
                         re.IGNORECASE)
# Digits in groups separated by spaces or dots («45 123 456», «45.123.456»).
_GROUPED_DIGITS = re.compile(r"^[0-9][0-9 .\u00a0\u202f]*[0-9]$")


def dni_text(value: Any) -> Any:
    """«DNI 45.123.456», «D.N.I. N° 45 123 456» → «45123456»; anything else unchanged."""
    if not isinstance(value, str):
        return value
    text = _DNI_PREFIX.sub("", value, count=1).strip()
    if _GROUPED_DIGITS.match(text):
        return re.sub(r"[ .\u00a0\u202f]", "", text)
    return value


# «9:30 a.m.», «9:30 a. m.», «9.30am», «3 p.m.», «12:15 PM».
_MERIDIEM_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.h](\d{2}))?(?::\d{2})?\s*([ap])\.?\s*m\.?\s*$", re.IGNORECASE)


def twelve_hour_time(text: str) -> dt.time | None:
    """A time written with a.m./p.m. (12 a.m. is midnight, 12 p.m. noon); None when ``text`` is
    not one (a 24-hour «15:00» included)."""
    match = _MERIDIEM_TIME.match(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    hour = hour % 12 + (12 if match.group(3).lower() == "p" else 0)
    return dt.time(hour, minute)


_SHORT_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})\s*$")
# A two-digit year up to this one is 20yy, after it 19yy: Excel's (and Windows') default cutoff,
# so «15/03/29» is read as Excel reads it when typed in a date cell.
TWO_DIGIT_YEAR_CUTOFF = 29


def two_digit_year_date(text: str) -> dt.date | None:
    """«15/03/24» → 15 March 2024; None when ``text`` has no two-digit year. Raises ValueError for
    an impossible day or month, as ``dt.date`` does."""
    match = _SHORT_DATE.match(text)
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    return dt.date(year + (2000 if year <= TWO_DIGIT_YEAR_CUTOFF else 1900), month, day)


_ROMAN_TEXT = re.compile(r"^\s*(?:escala\s+)?([IVXLCDM]+)(?:\s+escala)?\s*$", re.IGNORECASE)
_ROMAN_LETTERS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_number(value: Any) -> Any:
    """«III», «iii», «Escala III», «III escala» → 3, as the escalafón writes the escala; any
    other value unchanged (a malformed numeral such as «IIII» is then «not a number»)."""
    if not isinstance(value, str):
        return value
    match = _ROMAN_TEXT.match(value)
    if not match:
        return value
    letters = match.group(1).upper()
    total, previous = 0, 0
    for letter in reversed(letters):
        digit = _ROMAN_LETTERS[letter]
        total, previous = (total - digit, previous) if digit < previous else (total + digit, digit)
    return total if total and to_roman(total) == letters else value
