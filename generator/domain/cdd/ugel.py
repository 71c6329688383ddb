"""The UGEL's summary of its CETPRO and the date of each oficio de remisión."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from .edition import Edition, MmaEntry
from .indicators import CetproEvaluation
from .records import Cetpro


STATUS_EVALUATED = "Evaluado"
STATUS_MISSING = "Sin formulario válido"


@dataclass(frozen=True)
class UgelRow:
    """A CETPRO of the UGEL in the MMA table, with its evaluation when its workbook was valid."""

    entry: MmaEntry
    evaluation: CetproEvaluation | None

    @property
    def status(self) -> str:
        return STATUS_EVALUATED if self.evaluation else STATUS_MISSING

    def earned(self, tramo: int) -> Decimal:
        return self.evaluation.tramos[tramo].mma_earned if self.evaluation else Decimal(0)

    @property
    def earned_total(self) -> Decimal:
        return sum((self.earned(number) for number in sorted(self.entry.amounts)), Decimal(0))


@dataclass(frozen=True)
class UgelSummary:
    """The UGEL's view: every CETPRO of its MMA table, evaluated or not, and the totals."""

    ugel: str
    edition: Edition
    rows: tuple[UgelRow, ...]

    def max_total(self, tramo: int) -> int:
        """The MMA of the tramo if every CETPRO met every meta (Anexo N° 3 total of the UGEL)."""
        return sum(row.entry.amount(tramo) for row in self.rows)

    def earned_total(self, tramo: int) -> Decimal:
        return sum((row.earned(tramo) for row in self.rows), Decimal(0))

    @property
    def evaluated(self) -> tuple[UgelRow, ...]:
        return tuple(row for row in self.rows if row.evaluation)


def summarize_ugel(evaluations: Sequence[CetproEvaluation], edition: Edition, ugel: str) -> UgelSummary:
    """Every CETPRO of ``ugel`` in the edition's MMA table, in its order, with its evaluation."""
    by_code = {evaluation.cetpro.codigo_modular: evaluation for evaluation in evaluations}
    rows = tuple(UgelRow(entry, by_code.get(entry.codigo_modular)) for entry in edition.mma if entry.ugel == ugel)
    return UgelSummary(ugel, edition, rows)


def oficio_date(cetpro: Cetpro, edition: Edition, tramo: int) -> dt.date:
    """The date of a tramo's oficio: the form's, else the tramo's closing date (the day it is due)."""
    return cetpro.oficio_dates.get(tramo) or edition.tramos[tramo].closes
