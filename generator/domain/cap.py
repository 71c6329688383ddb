"""Ficha de monitoreo CAP: the catalogue of items, the ficha, and its scoring (DOMAIN.md C; seed 004).

Each item of sections 4.1 and 4.2 is valued 0 (no realizado), 1 (en inicio), 2 (en proceso)
or 3 (logrado). The seed does not say how to aggregate; the rules file holds the default
of DOMAIN.md C: for each block, each part and the whole ficha, the sum, the maximum (3 per
item), the percentage and a level from the mean per item (thresholds 0.75, 1.5, 2.25).
Item numbers repeat across blocks (1.1 is in several), so an item is keyed by
``(block key, item id)``. Totals of the personal and metas tables are always computed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Iterable, Mapping, Sequence

from ..wording import Gender
from .common import Problem

ItemKey = tuple[str, str]  # (block key, item id)


# --------------------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class Item:
    block: str  # key of its block
    id: str  # "2.3" as printed in the ficha
    text: str
    subtitle: str = ""  # a label the ficha prints before this item («Agenda del día y valores»)

    @property
    def key(self) -> ItemKey:
        return (self.block, self.id)


@dataclass(frozen=True)
class Block:
    key: str
    part: str  # "4.1" or "4.2"
    number: str  # the block's number as printed ("1", "2", …)
    name: str  # short name for results and messages: «Diagnóstico»
    title: str  # heading as printed in the ficha: «DIAGNÓSTICO»
    description: str
    items: tuple[Item, ...]

    def label(self, item: Item) -> str:
        """«Diagnóstico 2.3»: how messages and reports name an item."""
        return f"{self.name} {item.id}"


@dataclass(frozen=True)
class Part:
    id: str  # "4.1"
    name: str  # short: «Acciones del equipo directivo»
    title: str  # as in the ficha
    header: str  # heading of the item column
    blocks: tuple[Block, ...]

    @property
    def label(self) -> str:
        return f"{self.id} {self.name}"


@dataclass(frozen=True)
class Level:
    value: int
    name: str
    description: str


@dataclass(frozen=True)
class Scale:
    levels: tuple[Level, ...]  # by value, 0 first
    thresholds: tuple[Fraction, ...]  # mean < thresholds[i] → levels[i]; else the last level

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(level.value for level in self.levels)

    @property
    def top(self) -> int:
        return max(self.values)

    def level(self, value: int) -> Level:
        for level in self.levels:
            if level.value == value:
                return level
        raise KeyError(value)


@dataclass(frozen=True)
class Catalogue:
    parts: tuple[Part, ...]
    staff_rows: tuple[str, ...]  # 3.1 rows
    staff_cycles: tuple[str, ...]  # 3.1 columns (before the computed total)
    goal_cycles: tuple[str, ...]  # 3.2 cycles
    cycles: tuple[str, ...]  # 1. ciclos the CETPRO may offer
    shifts: tuple[str, ...]  # 1. turnos: M, T, N
    shift_names: tuple[str, ...]

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(block for part in self.parts for block in part.blocks)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for block in self.blocks for item in block.items)

    def block(self, key: str) -> Block:
        for block in self.blocks:
            if block.key == key:
                return block
        raise KeyError(key)

    def part_of(self, block: Block) -> Part:
        for part in self.parts:
            if block in part.blocks:
                return part
        raise KeyError(block.key)

    def label(self, key: ItemKey) -> str:
        block = self.block(key[0])
        return f"{block.name} {key[1]}"


# How a blank ficha (no visit yet) names the periods its items refer to.
_BLANK_PERIOD = {"periodo": "periodo en curso", "periodo_anterior": "periodo anterior",
                 "periodo_anterior_codigo": "anterior"}


def with_period(text: str, words: Mapping[str, str]) -> str:
    """``text`` with its {periodo…} words filled (other braces stay as written)."""
    for name, value in words.items():
        text = text.replace("{" + name + "}", value)
    return text


@dataclass(frozen=True)
class Recomendaciones:
    """What the UGEL's consolidated report recommends (its wording, not the ficha's)."""

    bloque: str  # for the weakest block: {bloque}, {parte}, {cetpro}
    items: str  # the items valued 0 or 1 most often: {items}
    todos_logrado: str  # when nothing else is recommended


@dataclass(frozen=True)
class CapRules:
    """One edition of the ficha CAP, as its rules file (and cddgen.toml) give it; built and
    checked when the settings load (``generator/rules/cap.py``)."""

    nombre: str
    titulo: str  # of the ficha; its year is added after it
    presentacion: str  # [formulario]: what the ficha tells the director(a) before its tables
    periodo_metas: str  # [formulario]: the period of the metas de atención, with {periodo}
    segundo_desde_mes: int  # [periodos]: the month the second period starts
    scale: Scale
    marcas: tuple[str, ...]  # [marcas] aceptadas: what counts as a mark in a Word ficha cell
    items_prioritarios: int  # [resumen]
    recomendaciones: Recomendaciones  # [resumen.recomendaciones]
    blank_catalogue: Catalogue  # item texts with their {periodo…} words unfilled

    def period_words(self, on: dt.date | None) -> dict[str, str]:
        """The words of the ficha's texts that follow the visit's period (its date ``on``): the
        period of the visit and the one before it, which the items of «Diagnóstico» look back on.
        Without a date (the blank form), neutral words: «periodo en curso», «periodo anterior»."""
        if on is None:
            return dict(_BLANK_PERIOD)
        if on.month >= self.segundo_desde_mes:
            return {"periodo": "segundo periodo", "periodo_anterior": f"primer periodo de {on.year}",
                    "periodo_anterior_codigo": f"{on.year}-1"}
        return {"periodo": "primer periodo", "periodo_anterior": f"segundo periodo de {on.year - 1}",
                "periodo_anterior_codigo": f"{on.year - 1}-2"}

    def catalogue(self, on: dt.date | None = None) -> Catalogue:
        """The items, tables and lists of the ficha; item texts that name a period follow the
        visit's date ``on``."""
        words = self.period_words(on)
        parts = tuple(
            replace(part, blocks=tuple(
                replace(block, items=tuple(replace(item, text=with_period(item.text, words)) for item in block.items))
                for block in part.blocks))
            for part in self.blank_catalogue.parts)
        return replace(self.blank_catalogue, parts=parts)

    def metas_period(self, on: dt.date | None) -> str:
        return with_period(self.periodo_metas, self.period_words(on))


# --------------------------------------------------------------------------- the ficha


@dataclass(frozen=True)
class StaffRow:
    """A row of 3.1: how many people of a cargo work in each ciclo."""

    cargo: str
    counts: tuple[int, ...]  # one per catalogue.staff_cycles

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Goal:
    """3.2 for one ciclo: students enrolled (matriculados) and attending (asistentes)."""

    cycle: str
    enrolled: int
    attending: int


@dataclass(frozen=True)
class GeneralData:
    codigo_local: str
    fecha: dt.date | None
    cetpro: str
    ugel: str
    rei: str
    ciclos: tuple[str, ...]  # ciclos marked
    turnos: tuple[str, ...]  # turnos marked (M, T, N)
    plataforma: str
    director: str
    # From «Tratamiento del director(a)» (DOMAIN.md D); the blank model's «(a)» only when unknown.
    director_genero: Gender = Gender.UNKNOWN


@dataclass(frozen=True)
class Specialist:
    area: str
    nombre: str
    genero: Gender = Gender.UNKNOWN


@dataclass(frozen=True)
class Ficha:
    datos: GeneralData
    especialista: Specialist
    personal: tuple[StaffRow, ...]
    metas: tuple[Goal, ...]
    valoraciones: Mapping[ItemKey, int]
    observaciones: tuple[str, ...] = ()  # del especialista
    compromisos: tuple[str, ...] = ()  # del director(a)
    sugerencias: tuple[str, ...] = ()  # del director(a)
    origen: str = ""  # file name it was read from

    def staff_totals(self) -> tuple[int, ...]:
        """Column totals of 3.1: one per ciclo, then the grand total."""
        columns = tuple(sum(row.counts[i] for row in self.personal) for i in range(self._staff_width()))
        return columns + (sum(columns),)

    def _staff_width(self) -> int:
        return max((len(row.counts) for row in self.personal), default=0)

    @property
    def total_enrolled(self) -> int:
        return sum(goal.enrolled for goal in self.metas)

    @property
    def total_attending(self) -> int:
        return sum(goal.attending for goal in self.metas)


def ficha_problems(ficha: Ficha, catalogue: Catalogue) -> list[Problem]:
    """What a complete ficha needs besides its marks (the readers report the marks).

    ``Problem.field`` names the datum: a GeneralData / Specialist attribute, ``metas:<ciclo>``.
    """
    problems: list[Problem] = []
    data = ficha.datos
    required = (
        ("codigo_local", data.codigo_local, "el código local"),
        ("cetpro", data.cetpro, "el nombre del CETPRO"),
        ("director", data.director, "el nombre del director(a)"),
        ("especialista", ficha.especialista.nombre, "el nombre del especialista"),
    )
    for name, value, what in required:
        if not value.strip():
            problems.append(Problem(f"falta {what}.", fix=f"Escriba {what}.", field=name))
    if data.codigo_local.strip() and not re.fullmatch(r"[0-9]+", data.codigo_local.strip()):
        problems.append(Problem(
            f"el código local «{data.codigo_local}» debe tener solo dígitos.",
            fix="Escriba el código local sin letras, guiones ni espacios.", field="codigo_local",
        ))
    if data.fecha is None:
        problems.append(Problem("falta la fecha del monitoreo.", fix="Escriba el día, el mes y el año.",
                                field="fecha"))
    if not data.ciclos:
        problems.append(Problem(
            "no se marcó ningún ciclo.",
            fix="Marque con X los ciclos que atiende el CETPRO: " + "; ".join(catalogue.cycles) + ".",
            field="ciclos",
        ))
    if not data.turnos:
        problems.append(Problem(
            "no se marcó ningún turno.",
            fix="Marque con X los turnos que atiende el CETPRO (" + ", ".join(catalogue.shifts) + ").",
            field="turnos",
        ))
    for goal in ficha.metas:
        if goal.attending > goal.enrolled:
            problems.append(Problem(
                f"en el ciclo {goal.cycle} hay {goal.attending} estudiantes asistentes y solo "
                f"{goal.enrolled} matriculados.",
                fix="Los asistentes no pueden ser más que los matriculados; revise ambos números.",
                field=f"metas:{goal.cycle}",
            ))
    return problems


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Score:
    label: str  # «Diagnóstico», «4.1 Acciones del equipo directivo», «Total de la ficha»
    items: int
    total: int
    maximum: int
    level: Level

    @property
    def mean(self) -> Fraction:
        return Fraction(self.total, self.items) if self.items else Fraction(0)

    @property
    def percentage(self) -> float:
        return 100 * self.total / self.maximum if self.maximum else 0.0


@dataclass(frozen=True)
class BlockScore:
    block: Block
    score: Score


@dataclass(frozen=True)
class PartScore:
    part: Part
    score: Score
    blocks: tuple[BlockScore, ...]


@dataclass(frozen=True)
class FichaScore:
    parts: tuple[PartScore, ...]
    overall: Score

    @property
    def blocks(self) -> tuple[BlockScore, ...]:
        return tuple(block for part in self.parts for block in part.blocks)

    def block(self, key: str) -> BlockScore:
        for block in self.blocks:
            if block.block.key == key:
                return block
        raise KeyError(key)


def level_for(mean: Fraction | float, scale: Scale) -> Level:
    """The level of a mean per item: the first whose threshold the mean is below, else the last."""
    mean = Fraction(mean) if not isinstance(mean, float) else Fraction(str(mean))
    for level, limit in zip(scale.levels, scale.thresholds):
        if mean < limit:
            return level
    return scale.levels[-1]


def score(label: str, values: Sequence[int], scale: Scale) -> Score:
    """Sum, maximum (top of the scale per item) and level of ``values``."""
    if any(value not in scale.values for value in values):
        raise ValueError(f"values outside the scale: {values}")
    total = sum(values)
    count = len(values)
    mean = Fraction(total, count) if count else Fraction(0)
    return Score(label=label, items=count, total=total, maximum=count * scale.top, level=level_for(mean, scale))


def score_ficha(valoraciones: Mapping[ItemKey, int], catalogue: Catalogue, scale: Scale,
                overall_label: str = "Total de la ficha") -> FichaScore:
    """Per block, per part and overall; every catalogue item must have a value."""
    missing = [catalogue.label(item.key) for item in catalogue.items if item.key not in valoraciones]
    if missing:
        raise ValueError("items without a value: " + ", ".join(missing))
    parts = []
    for part in catalogue.parts:
        blocks = tuple(
            BlockScore(block, score(block.name, [valoraciones[item.key] for item in block.items], scale))
            for block in part.blocks
        )
        values = [valoraciones[item.key] for block in part.blocks for item in block.items]
        parts.append(PartScore(part, score(part.label, values, scale), blocks))
    overall = score(overall_label, [valoraciones[item.key] for item in catalogue.items], scale)
    return FichaScore(tuple(parts), overall)


# --------------------------------------------------------------------------- consolidation


@dataclass(frozen=True)
class ScoredFicha:
    ficha: Ficha
    score: FichaScore


@dataclass(frozen=True)
class ItemNeed:
    """Which CETPRO value an item 0 (no realizado) and which 1 (en inicio)."""

    item: Item
    block: Block
    not_done: tuple[str, ...]  # CETPRO names with 0
    starting: tuple[str, ...]  # CETPRO names with 1

    @property
    def count(self) -> int:
        return len(self.not_done) + len(self.starting)


@dataclass(frozen=True)
class Consolidated:
    fichas: tuple[ScoredFicha, ...]  # the latest ficha of each CETPRO, ordered by CETPRO
    superseded: tuple[tuple[Ficha, Ficha], ...]  # (older ficha, the newer one that replaces it)
    needs: tuple[ItemNeed, ...]  # most often 0 or 1 first; only items with some 0 or 1
    levels: Mapping[str, Counter]  # block key → how many CETPRO at each level value
    overall_levels: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class Period:
    """What a consolidated report covers (the issue: one period, never a 2025 ficha in a 2026
    report): a year, or the dates the user gives."""

    start: dt.date
    end: dt.date
    label: str  # «2026», «del 01/03/2026 al 30/06/2026»

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> "Period":
        return cls(start, end, f"del {start:%d/%m/%Y} al {end:%d/%m/%Y}")


def _identity(ficha: Ficha) -> str:
    return ficha.datos.codigo_local.strip() or ficha.datos.cetpro.strip().lower()


def consolidate(fichas: Iterable[Ficha], catalogue: Catalogue, scale: Scale) -> Consolidated:
    """The UGEL's picture: the latest ficha per CETPRO (by código local), scored; the items
    most often «no realizado» or «en inicio» (by count, then by «no realizado», then in
    the order of the ficha), and how many CETPRO are at each level per block."""
    latest: dict[str, Ficha] = {}
    superseded: list[tuple[Ficha, Ficha]] = []
    ordered = sorted(fichas, key=lambda f: (f.datos.fecha or dt.date.min, f.origen))
    for ficha in ordered:
        key = _identity(ficha)
        if key in latest:
            superseded.append((latest[key], ficha))
        latest[key] = ficha
    kept = sorted(latest.values(), key=lambda f: (f.datos.cetpro.lower(), f.datos.codigo_local))
    scored = tuple(ScoredFicha(f, score_ficha(f.valoraciones, catalogue, scale)) for f in kept)
    low_values = scale.values[:2]
    order = {item.key: index for index, item in enumerate(catalogue.items)}
    needs = []
    for block in catalogue.blocks:
        for item in block.items:
            zero = tuple(s.ficha.datos.cetpro for s in scored if s.ficha.valoraciones[item.key] == low_values[0])
            one = tuple(s.ficha.datos.cetpro for s in scored if s.ficha.valoraciones[item.key] == low_values[1])
            if zero or one:
                needs.append(ItemNeed(item, block, zero, one))
    needs.sort(key=lambda need: (-need.count, -len(need.not_done), order[need.item.key]))
    levels = {
        block.key: Counter(s.score.block(block.key).score.level.value for s in scored)
        for block in catalogue.blocks
    }
    overall = Counter(s.score.overall.level.value for s in scored)
    return Consolidated(scored, tuple(superseded), tuple(needs), levels, overall)
