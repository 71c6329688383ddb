"""Spanish formatting of official documents (DOMAIN.md D)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.render import filters


@pytest.mark.parametrize(
    ("date", "text"),
    [(dt.date(2026, 1, 5), "5 de enero de 2026"), (dt.date(2026, 11, 22), "22 de noviembre de 2026"),
         # es_PE (CLDR) writes «setiembre», the usual form in Peruvian official documents.
         (dt.datetime(2025, 9, 1, 10, 30), "1 de setiembre de 2025")],
)
def test_long_date(date, text):
    assert filters.long_date(date) == text


def test_short_date_and_time():
    assert filters.short_date(dt.date(2026, 1, 5)) == "05/01/2026"
    assert filters.time_of_day(dt.time(9, 0)) == "09:00"


@pytest.mark.parametrize(
    ("number", "singular", "plural", "text"),
    [
        (2, "año", None, "dos (2) años"),
        (1, "año", None, "un (1) año"),
        (1, "día hábil", "días hábiles", "un (1) día hábil"),
        (3, "día hábil", "días hábiles", "tres (3) días hábiles"),
        (21, "año", None, "veintiún (21) años"),
        (31, "mes", "meses", "treinta y un (31) meses"),
    ],
)
def test_legal_quantity(number, singular, plural, text):
    assert filters.legal_quantity(number, singular, plural) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [(141241, "S/ 141,241"), (526760, "S/ 526,760"), (351175.5, "S/ 351,175.50"), (0, "S/ 0")],
)
def test_soles(amount, text):
    assert filters.soles(amount) == text


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (21000, "veintiún mil"),
        (141241, "ciento cuarenta y un mil doscientos cuarenta y uno"),
        (351175, "trescientos cincuenta y un mil ciento setenta y cinco"),
        (1000000, "un millón"),
    ],
)
def test_words_use_the_apocope_before_mil(number, text):
    assert filters.words(number) == text


def test_soles_in_words():
    assert filters.soles_in_words(141241) == "ciento cuarenta y un mil doscientos cuarenta y uno con 00/100 soles"
    assert filters.soles_in_words(94161.5).endswith("con 50/100 soles")


@pytest.mark.parametrize(("value", "text"), [(8, "8"), (1.5, "1.5"), (57.25, "57.25"), (66.125, "66.125"),
                                             (None, "—")])
def test_score(value, text):
    assert filters.score(value) == text


def test_percent():
    assert filters.percent(80) == "80 %"
    assert filters.percent(83.333) == "83.3 %"
