"""Spanish wording (DOMAIN.md D: «People are named in their own gender and number… Counts agree»)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.wording import (
    Gender,
    agree,
    count,
    gender_of,
    gender_of_title,
    join,
    long_date,
    parse_tratamiento,
    short_date,
    tratamiento,
)

F, M, U = Gender.FEMININE, Gender.MASCULINE, Gender.UNKNOWN


@pytest.mark.parametrize("value, expected", [
    ("Sr.", M), ("Sra.", F), ("sra", F), ("Señora", F), ("Srta.", F), ("F", F), ("M", M),
    ("", U), (None, U), ("Dr.", U),
])
def test_d_tratamiento_read_from_a_form(value, expected):
    assert parse_tratamiento(value) is expected


@pytest.mark.parametrize("title, expected", [
    ("Directora de la UGEL", F),
    ("Director de UGEL", M),
    ("Jefa del Área de Gestión Pedagógica", F),
    ("Jefe de Personal", M),
    ("Especialista en Educación", U),
    ("Especialista Administrativo de Personal", U),
    ("Especialista de la UGEL", U),  # «la» is an article, not the person
    ("Profesora encargada", F),
])
def test_d_gender_shown_by_a_cargo(title, expected):
    assert gender_of_title(title) is expected


def test_d_tratamiento_wins_over_the_cargo_and_the_first_telling_cargo_decides():
    assert gender_of("Sra.", "Director de UGEL") is F
    assert gender_of("", "Especialista en Educación", "Jefa de Personal") is F
    assert gender_of("", "Especialista") is U


@pytest.mark.parametrize("text, gender, expected", [
    ("Señor", F, "Señora"),
    ("Señor", M, "Señor"),
    ("Señor", U, "Señor(a)"),
    ("Estimado", F, "Estimada"),
    ("el postulante", F, "la postulante"),
    ("El postulante", U, "El/la postulante"),
    ("del postulante", F, "de la postulante"),
    ("al postulante", F, "a la postulante"),
    ("Presidente del Comité", F, "Presidenta del Comité"),
    ("Jefe del Área de Gestión Pedagógica", F, "Jefa del Área de Gestión Pedagógica"),
    ("Señor Director de la UGEL", F, "Señora Directora de la UGEL"),
    ("Director", U, "Director(a)"),
    ("SEÑOR", F, "SEÑORA"),
    ("Sr.", F, "Sra."),
    ("Especialista en Educación", F, "Especialista en Educación"),
])
def test_d_text_agrees_with_the_person(text, gender, expected):
    assert agree(text, gender) == expected


def test_d_gender_given_as_its_code_or_a_tratamiento():
    assert agree("Señor", "F") == "Señora"
    assert agree("Señor", "Sra.") == "Señora"
    assert tratamiento("?") == "Señor(a)"
    assert tratamiento(F, abbreviated=True) == "Sra."


@pytest.mark.parametrize("number, singular, plural, expected", [
    (1, "postulante", None, "1 postulante"),
    (34, "postulante", None, "34 postulantes"),
    (0, "ficha", None, "0 fichas"),
    (2, "mes", None, "2 meses"),
    (3, "observación", None, "3 observaciones"),
    (2, "vez", None, "2 veces"),
    (2, "ficha CAP", "fichas CAP", "2 fichas CAP"),
])
def test_d_count_agrees_with_its_noun(number, singular, plural, expected):
    assert count(number, singular, plural) == expected


def test_lists_and_dates_in_spanish():
    assert join(["a", "", "b", "c"]) == "a, b y c"
    assert join(["a", "b"], "o") == "a o b"
    assert join([]) == ""
    assert long_date(dt.date(2025, 9, 5)) == "5 de setiembre de 2025"
    assert short_date(dt.date(2026, 1, 5)) == "05/01/2026"
    assert short_date(None) == "sin fecha"


def test_d_a_and_de_contract_with_the_article():
    from generator.wording import contract

    assert contract("Brindar asistencia a el CETPRO «PERU»") == "Brindar asistencia al CETPRO «PERU»"
    assert contract("la información de el CETPRO y de los CETPRO") == "la información del CETPRO y de los CETPRO"
    assert contract("a ella, de élla") == "a ella, de élla"
