"""Spanish wording of official documents: agreement in gender and number, counts, lists, dates.

Pure functions, no I/O: the domain (reasons of the Matriz), the readers (messages) and the
templates (as Jinja filters, see ``render/filters.py``) all write Spanish through here, so a
person is named in their own gender and a count agrees with its noun everywhere (DOMAIN.md D).

A person's gender comes from the forms: a «Tratamiento» (Sr. / Sra.) or, where the form already
says it, the gendered form of a cargo («Directora», «Jefa de Personal»). When neither says it the
gender is ``Gender.UNKNOWN`` and the blank-model wording «Señor(a)» is used — only then.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Iterable

LOCALE = "es_PE"


class Gender(enum.Enum):
    MASCULINE = "M"
    FEMININE = "F"
    UNKNOWN = "?"


# Tratamientos a form may hold (lower case, without the final dot), and their gender.
_TRATAMIENTOS = {
    "sr": Gender.MASCULINE,
    "señor": Gender.MASCULINE,
    "senor": Gender.MASCULINE,
    "don": Gender.MASCULINE,
    "m": Gender.MASCULINE,
    "masculino": Gender.MASCULINE,
    "hombre": Gender.MASCULINE,
    "sra": Gender.FEMININE,
    "señora": Gender.FEMININE,
    "senora": Gender.FEMININE,
    "srta": Gender.FEMININE,
    "señorita": Gender.FEMININE,
    "doña": Gender.FEMININE,
    "f": Gender.FEMININE,
    "femenino": Gender.FEMININE,
    "mujer": Gender.FEMININE,
}

# The choices a form offers for «Tratamiento» (the first is masculine, the second feminine).
TRATAMIENTO_CHOICES = ("Sr.", "Sra.")

# Masculine → feminine forms of the words official documents inflect. A phrase is looked up
# whole first («el postulante»), then word by word, keeping the capitalisation of the original.
_FEMININE = {
    "señor": "señora",
    "sr.": "sra.",
    "don": "doña",
    "estimado": "estimada",
    "el": "la",
    "del": "de la",
    "al": "a la",
    "los": "las",
    "un": "una",
    "este": "esta",
    "dicho": "dicha",
    "mismo": "misma",
    "interesado": "interesada",
    "recurrente": "recurrente",
    "postulante": "postulante",
    "retirado": "retirada",
    "notificado": "notificada",
    "identificado": "identificada",
    "designado": "designada",
    "encargado": "encargada",
    "presidente": "presidenta",
    "director": "directora",
    "directores": "directoras",
    "subdirector": "subdirectora",
    "jefe": "jefa",
    "profesor": "profesora",
    "coordinador": "coordinadora",
    "secretario": "secretaria",
    "monitor": "monitora",
    "especialista": "especialista",
    "docente": "docente",
    "miembro": "miembro",
    "integrante": "integrante",
    "primer": "primera",
    "segundo": "segunda",
    "tercer": "tercera",
}
_MASCULINE = {feminine: masculine for masculine, feminine in _FEMININE.items() if feminine != masculine}

# Nouns that change with gender: the unknown form is the blank model's «Director(a)».
_UNKNOWN_SUFFIX = {
    "señor": "señor(a)",
    "sr.": "sr(a).",
    "estimado": "estimado(a)",
    "presidente": "presidente(a)",
    "director": "director(a)",
    "subdirector": "subdirector(a)",
    "jefe": "jefe(a)",
    "profesor": "profesor(a)",
    "coordinador": "coordinador(a)",
    "secretario": "secretario(a)",
    "monitor": "monitor(a)",
    "interesado": "interesado(a)",
    "el": "el/la",
    "del": "del/de la",
    "al": "al/a la",
}

# The nouns of a cargo that show the holder's gender («Directora», «Jefe»).
_PERSON_NOUNS = {"presidente", "director", "subdirector", "jefe", "profesor", "coordinador", "secretario",
                 "monitor", "encargado", "designado", "señor", "sr."}

_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ.]+")


def parse_tratamiento(value: object) -> Gender:
    """The gender a «Tratamiento» or «Sexo» cell says: «Sr.», «Sra.», «Señora», «F»…; else UNKNOWN."""
    text = str(value or "").strip().lower().rstrip(".")
    return _TRATAMIENTOS.get(text, Gender.UNKNOWN)


# «Director(a)», «Jefe(a)»: the blank model's neutral form, which says nothing of the holder.
_NEUTRAL = re.compile(r"(?<=[A-Za-zÁÉÍÓÚÜÑáéíóúüñ])\((?:a|as|s)\)")


def gender_of_title(title: object) -> Gender:
    """The gender a cargo written in a form already shows: «Directora de la UGEL» → FEMININE,
    «Jefe de Personal» → MASCULINE, «Especialista en Educación» and «Director(a) de la UGEL»
    → UNKNOWN."""
    text = str(title or "")
    if _NEUTRAL.search(text):
        return Gender.UNKNOWN
    for token in _WORD.findall(text):
        word = token.lower()
        if word in _PERSON_NOUNS:
            return Gender.MASCULINE
        if _MASCULINE.get(word) in _PERSON_NOUNS:
            return Gender.FEMININE
    return Gender.UNKNOWN


def gender_of(tratamiento: object = "", *titles: object) -> Gender:
    """A person's gender: the tratamiento when it says one, else the first cargo that does."""
    found = parse_tratamiento(tratamiento)
    if found is not Gender.UNKNOWN:
        return found
    for title in titles:
        found = gender_of_title(title)
        if found is not Gender.UNKNOWN:
            return found
    return Gender.UNKNOWN


def as_gender(value: Gender | str | None) -> Gender:
    """A Gender from a Gender, its value («M», «F», «?») or a tratamiento text."""
    if isinstance(value, Gender):
        return value
    if value in ("M", "F", "?"):
        return Gender(value)
    return parse_tratamiento(value)


def _match_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def agree(text: str, gender: Gender | str | None) -> str:
    """``text`` written in its masculine form, put in ``gender``.

    agree("Señor", F) → «Señora»; agree("el postulante", F) → «la postulante»;
    agree("Presidente del Comité", F) → «Presidenta del Comité»;
    agree("Director", UNKNOWN) → «Director(a)». Words not in the lexicon stay as written.
    """
    gender = as_gender(gender)
    if gender is Gender.MASCULINE:
        return text
    table = _FEMININE if gender is Gender.FEMININE else _UNKNOWN_SUFFIX

    def replace(match: re.Match) -> str:
        token = match.group(0)
        lowered = token.lower()
        if lowered in table:
            return _match_case(token, table[lowered])
        if lowered.endswith(".") and lowered[:-1] in table:
            return _match_case(token, table[lowered[:-1]]) + "."
        return token

    # Only the words before the first «de»/«del»… complement inflect in a cargo: «Jefe del Área
    # de Gestión» → «Jefa del Área de Gestión»; articles before the noun inflect too.
    return _WORD.sub(replace, text, count=_inflected_words(text))


def _inflected_words(text: str) -> int:
    """How many leading words of ``text`` agree with the person (0 = all of them)."""
    tokens = _WORD.findall(text)
    for index, token in enumerate(tokens):
        if index and token.lower() in ("de", "en", "por", "con", "para", "del", "ante"):
            # Keep «del» itself inflectable when it precedes the noun: «del postulante».
            return index + (1 if token.lower() == "del" and index + 1 < len(tokens) and
                            tokens[index + 1].lower() in _FEMININE else 0)
    return 0


def cargo(title: str, gender: Gender | str | None) -> str:
    """A cargo as the holder signs it: «Director(a) de la UGEL» → «Directora de la UGEL» for a
    woman, «Director de la UGEL» for a man; unchanged («Director(a)…») when the gender is unknown.
    A cargo already written in one gender («Jefe de Personal») is put in ``gender`` too."""
    if as_gender(gender) is Gender.UNKNOWN:
        return title
    return agree(_NEUTRAL.sub("", title), gender)


_CONTRACTIONS = re.compile(r"\b(a|de) el\b")


def contract(text: str) -> str:
    """«a el CETPRO» → «al CETPRO», «de el» → «del»: what a phrase put after «a» or «de» needs."""
    return _CONTRACTIONS.sub(lambda match: "al" if match.group(1) == "a" else "del", text)


def tratamiento(gender: Gender | str | None, *, abbreviated: bool = False) -> str:
    """«Señor», «Señora» or, for an unknown addressee, «Señor(a)» (abbreviated: «Sr.», «Sra.»)."""
    return agree("Sr." if abbreviated else "Señor", gender)


def count(number: int, singular: str, plural: str | None = None) -> str:
    """«1 postulante», «34 postulantes», «0 fichas», «2 meses» — a count agrees with its noun."""
    number = int(number)
    return f"{number} {noun(number, singular, plural)}"


def noun(number: int, singular: str, plural: str | None = None) -> str:
    """The noun alone in the number ``number`` calls for: «postulante» / «postulantes»."""
    if int(number) == 1:
        return singular
    if plural:
        return plural
    if singular.endswith(("a", "e", "i", "o", "u", "á", "é", "ó")):
        return singular + "s"
    if singular.endswith("z"):
        return singular[:-1] + "ces"
    if singular.endswith("ión"):
        return singular[:-3] + "iones"
    return singular + "es"


def join(parts: Iterable[str], conjunction: str = "y") -> str:
    """«a», «a y b», «a, b y c» (or «a, b o c» with ``conjunction="o"``); empty parts skipped."""
    from babel.lists import format_list  # babel loads CLDR data: only when a list is written

    items = [str(part) for part in parts if part]
    if not items:
        return ""
    return format_list(items, style="or" if conjunction == "o" else "standard", locale=LOCALE)


def _as_date(value: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def long_date(value: dt.date | dt.datetime | str) -> str:
    """«5 de enero de 2026» (es_PE: «setiembre»)."""
    from babel.dates import format_date  # see join

    return format_date(_as_date(value), "d 'de' MMMM 'de' y", locale=LOCALE)


def short_date(value: dt.date | dt.datetime | str | None) -> str:
    """«05/01/2026»; «sin fecha» when there is none."""
    if value is None or value == "":
        return "sin fecha"
    return _as_date(value).strftime("%d/%m/%Y")
