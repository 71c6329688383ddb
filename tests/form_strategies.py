"""Hypothesis strategies for what people type into the forms, and helpers for the round-trip
properties (a workbook written with ``write_form`` must read back into the same data)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import fields, is_dataclass, replace

from hypothesis import strategies as st

D = dt.date

# Accents, ñ, apostrophes, &, <, text a spreadsheet would run as a formula (=, +, -, @),
# digits that must stay text, an error literal, a quote prefix and a line break.
HOSTILE_TEXT = (
    "Ñañez D'Alessandro", "O'Higgins & Asociados", "<b>Peña</b>", "María José", "=1+1", "+cmd", "-2+3",
    "@SUM(A1)", '=HYPERLINK("http://x.pe","clic")', "00123", "1.5", "TRUE", "#N/A", "'citado", "Línea 1\nLínea 2",
)


def _clean(text: str) -> str:
    """What the reader keeps of a cell: NFC, without surrounding spaces."""
    return unicodedata.normalize("NFC", text).strip()


texts = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=30)
    .map(_clean).filter(bool),
)
one_line_texts = texts.filter(lambda text: "\n" not in text)
optional_texts = st.one_of(st.none(), texts)
# DNIs and códigos keep their leading zeros.
dnis = st.one_of(st.sampled_from(["00000001", "01234567", "00912345"]), st.from_regex(r"[0-9]{8}", fullmatch=True))
emails = st.from_regex(r"[A-Za-z0-9+'-][A-Za-z0-9._%+'-]{0,10}@[a-z0-9]{1,8}\.(pe|com)", fullmatch=True)
phones = st.one_of(st.from_regex(r"9[0-9]{8}", fullmatch=True), st.from_regex(r"\+51 9[0-9]{2} [0-9]{3} [0-9]{3}",
                                                                                fullmatch=True))
form_dates = st.dates(D(1960, 1, 1), D(2060, 12, 31))
optional_dates = st.one_of(st.none(), form_dates)


def codes(digits: int) -> st.SearchStrategy[str]:
    return st.one_of(st.just("0" * (digits - 1) + "1"), st.from_regex(rf"[0-9]{{{digits}}}", fullmatch=True))


def without_sources(value):
    """The same dataclass (and the ones inside it) with every ``source`` set to None."""
    if isinstance(value, tuple):
        return tuple(without_sources(item) for item in value)
    if is_dataclass(value):
        changes = {f.name: without_sources(getattr(value, f.name)) for f in fields(value)}
        if "source" in changes:
            changes["source"] = None
        return replace(value, **changes)
    return value
