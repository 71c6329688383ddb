"""One edition of the Compromisos de Desempeño CETPRO as its rules file gives it (DOMAIN.md B): tramos,
indicators with their metas, the MMA table; built and checked when the settings load
(``generator/rules/cdd.py``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping



SPLIT_ALL_OR_NOTHING = "todo_o_nada"
SPLIT_PROPORTIONAL = "proporcional"
SPLIT_RULES = (SPLIT_ALL_OR_NOTHING, SPLIT_PROPORTIONAL)
INDICATORS = ("1.1", "1.2", "1.3", "2.1")


# --------------------------------------------------------------------------- the edition


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    meta: int  # percent
    tramo: int
    evidence: str  # medio de verificación

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


@dataclass(frozen=True)
class Tramo:
    number: int
    closes: dt.date
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class MmaEntry:
    """A CETPRO of Anexo N° 3: its Monto Máximo Asignable per tramo, in soles."""

    codigo_modular: str
    nombre: str
    ugel: str
    amounts: Mapping[int, int]

    def amount(self, tramo: int) -> int:
        return self.amounts[tramo]


@dataclass(frozen=True)
class ChecklistItem:
    field: str
    text: str


@dataclass(frozen=True)
class Recipient:
    """To whom the oficio of each tramo goes ([destinatario] of the rules)."""

    sigla: str
    nombre: str
    entidad: str
    cargo: str
    direccion: str
    canal: str
    director: str = ""  # who leads it, when known ("": «Señor(a): Director(a) de la …»)
    tratamiento: str = ""


@dataclass(frozen=True)
class Edition:
    """One edition of the norma, as the rules file gives it."""

    key: str  # e.g. "cdd-2025"
    name: str
    year: int
    norma: str
    norma_short: str
    norma_title: str
    approved: dt.date
    period: str  # periodo académico, "2025-I"
    tramos: Mapping[int, Tramo]
    indicators: Mapping[str, Indicator]
    students_numerator_until: dt.date
    students_denominator_until: dt.date
    teacher_conditions: tuple[str, ...]
    other_conditions_in_denominator: bool
    teacher_variables: tuple[str, ...]
    graduate_years: tuple[int, ...]
    graduate_fields: tuple[str, ...]
    agreements_required: int
    checklist: tuple[ChecklistItem, ...]
    mma: tuple[MmaEntry, ...]
    split: str
    recipient: Recipient = Recipient("", "", "", "", "", "")
    # The UGEL's informe: what it recommends per indicator not met, and otherwise ({cetpro}: who).
    recommendations: Mapping[str, str] = field(default_factory=dict)

    @property
    def agreements_from(self) -> dt.date:
        """Convenios count from the day after the norma was approved (ficha 2.1)."""
        return self.approved + dt.timedelta(days=1)

    @property
    def agreements_until(self) -> dt.date:
        return self.tramos[self.indicators["2.1"].tramo].closes

    def closes(self, indicator: str) -> dt.date:
        return self.tramos[self.indicators[indicator].tramo].closes

    def mma_entry(self, codigo_modular: str) -> MmaEntry | None:
        for entry in self.mma:
            if entry.codigo_modular == codigo_modular:
                return entry
        return None

    @property
    def ugels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(entry.ugel for entry in self.mma))
