"""A number of the registry (``NumberEntry``), the subject it was given to, and number patterns."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ...errors import NumberingError, SubjectConflict
from .schema import ANNULLED, ISSUED, RESERVED


@dataclass(frozen=True)
class NumberEntry:
    """One number of the registry, as stored."""

    series: str
    office: str
    year: int
    number: int
    key: str
    label: str  # the formatted number, e.g. "ACTA N° 001-2026-CE-UGEL02"
    status: str  # "reservado" | "emitido" | "anulado"
    files: tuple[str, ...]  # output files recorded at confirm()
    reserved_at: str
    updated_at: str
    note: str
    subject: str = ""  # who or what the document is about ("" for numbers given before it was kept)
    document_date: str = ""  # ISO date the document bears ("" when unknown: see UPGRADES[4])


def comparable_subject(subject: str) -> str:
    """``subject`` without case, accents, punctuation or extra spaces: «PROMAE Rímac» and
    «Promae  Rimac» are the same subject."""
    decomposed = unicodedata.normalize("NFKD", subject)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join("".join(char if char.isalnum() else " " for char in plain).split())


# Words typed between a document's type and its number: «N°», «Nº», «Nro.», «Núm.», «número».
_NUMBER_WORDS = {"n", "no", "nro", "num", "numero"}


def comparable_label(label: str) -> str:
    """A document number as people type it, compared by its words: «OFICIO Nº 003-2026» and «oficio
    n° 3 2026» are the same, whatever sign or word stands for «número» and however many zeros lead."""
    words = comparable_subject(label).split()
    return " ".join(word.lstrip("0") or "0" if word.isdigit() else word for index, word in enumerate(words)
                    if not (word in _NUMBER_WORDS and index + 1 < len(words) and words[index + 1][:1].isdigit()))


def subject_conflict(entry: NumberEntry, subject: str) -> SubjectConflict | None:
    """The refusal to number ``subject`` under ``entry``, which was given to someone else; None
    when the subjects agree (or either is unknown)."""
    if not subject.strip() or not entry.subject.strip():
        return None
    if comparable_subject(subject) == comparable_subject(entry.subject):
        return None
    files = ", ".join(f"«{Path(name).name}»" for name in entry.files if name.endswith(".docx"))
    state = {ISSUED: "emitido", RESERVED: "reservado", ANNULLED: "anulado"}.get(entry.status, entry.status)
    return SubjectConflict(
        f"Este formulario pide el número «{entry.label}» para {subject}, pero ese número ya fue {state} "
        f"para {entry.subject}{f' ({files})' if files else ''}. Un número no puede corresponder a dos "
        "documentos distintos.",
        fix="Si el formulario es de otro CETPRO, persona o expediente, corrija el dato que lo identifica (por "
            "ejemplo el código local de una ficha copiada de otra); si es el mismo con su nombre corregido, anule "
            f"el número («cddgen numeracion anular \"{entry.label}\" --motivo …») y vuelva a dejar el formulario.",
        entry=entry,
    )


def format_number(pattern: str, *, number: int, year: int, office: str) -> str:
    """Fill a pattern of ``[numeracion.patrones]``: ``{numero}``, ``{numero:03d}``, ``{anio}``, ``{oficina}``."""
    if "{numero" not in pattern:
        raise NumberingError(
            f"El patrón de numeración «{pattern}» no contiene {{numero}}.",
            fix="Sin el número correlativo dos documentos tendrían el mismo número; "
            "corrija [numeracion.patrones] en cddgen.toml.",
        )
    try:
        return pattern.format(numero=number, anio=year, oficina=office)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise NumberingError(
            f"El patrón de numeración «{pattern}» no es válido ({exc}).",
            fix="Use solo {numero}, {numero:03d}, {anio} y {oficina} en [numeracion.patrones] de cddgen.toml.",
        ) from None


def identity(entry: NumberEntry) -> tuple[str, str, int, str]:
    return entry.series, entry.office, entry.year, entry.key


def document_of(entry: NumberEntry) -> tuple[str, str, int, int]:
    """The primary key of ``entry``'s row, which the signing tables refer to."""
    return entry.series, entry.office, entry.year, entry.number


def entry_of(row: tuple) -> NumberEntry:
    series, office, year, number, key, label, status, files, reserved_at, updated_at, note, subject, on = row
    return NumberEntry(
        series=series,
        office=office,
        year=year,
        number=number,
        key=key,
        label=label,
        status=status,
        files=tuple(json.loads(files)),
        reserved_at=reserved_at,
        updated_at=updated_at,
        note=note,
        subject=subject,
        document_date=on,
    )
