"""Rubro 3 of the Matriz, experiencia profesional (DOMAIN.md A.2; seed 003, 2.2 §3).

Periods (cargo, start, end, resolución) become points per criterion 3.1–3.6 on a timeline of
days, so that "a month is counted in one criterion only" holds by construction.

The algorithm:

1. **Eligible days.** A period counts only if it has a resolución (experience "reconocida
   por acto resolutivo") and its cargo belongs to a criterion. Its days are the closed
   interval [inicio, fin] (an empty fin means "a la fecha"), cut at the criterion's start
   date (``fecha_lrm``, 2012-11-26, for criteria with ``solo_desde_lrm``) and at the
   ``fecha_corte``; what is cut is reported.
2. **One criterion, one count.** Periods of one criterion are taken by start date; days a
   previous period of the same criterion already covers are claimed once (overlapping
   periods merged).
3. **Priority.** Criteria are processed one after the other: more points per year first,
   ties broken by ``orden_desempate`` (default 3.5, 3.6, 3.2, 3.3, 3.4, 3.1). A criterion
   takes its claimed days that no previous criterion took until its months reach the months
   that give its maximum (maximo / puntos_por_anio × meses_por_anio: 24 for 3.5, 60 for 3.1).
   It takes first the days no later criterion could use, then the contested ones (so
   overlapping time goes to the next criterion when this one reaches its maximum without
   it); within each group its own periods before the time overflowing into it, each
   chronologically. The cut inside a piece of time is found by bisection on the month
   count, which only grows as days are added at the end of a run.
4. **Overflow.** Own days a criterion with ``desborde`` cannot take because it reached its
   maximum pass to the first criterion of its chain and carry the rest of the chain
   (3.5 → 3.4 → 3.1; 3.6 → 3.1); they count there with that criterion's year length and
   maximum. Any other day a criterion cannot take stays free: a lower-priority criterion
   whose own periods cover it takes it; otherwise it is reported as beyond the maximum.
5. **Months** (``convencion_meses``). "calendario_mas_dias_30" (default, the escalafón's
   años/meses/días): a criterion's days are grouped into maximal runs of consecutive days
   (overlapping or continuous periods form one run); each run gives its whole calendar
   months counted from its first day (15/03 to 14/04 is one month; when the day does not
   exist in a month, the month ends on the last day of that month) and its leftover days;
   the leftover days of all runs are summed and converted at 30 days = 1 month.
   "dias_30": all days divided by 30.
6. **Points.** floor(months / meses_por_anio) × puntos_por_anio, capped at the maximum.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping, Sequence

from ...errors import ConfigError
from .model import CriterionResult, Periodo
from .text import duracion, fecha, plural, puntos

CRITERIA = ("3.1", "3.2", "3.3", "3.4", "3.5", "3.6")
CONVENTIONS = {
    "calendario_mas_dias_30": (
        "meses calendario completos de cada periodo (del 15/03 al 14/04 es un mes) más los días "
        "restantes, que se suman y se convierten a razón de 30 días = 1 mes; los periodos superpuestos "
        "o continuos de un mismo criterio se unen antes de contar"
    ),
    "dias_30": "días de cada periodo sumados y divididos entre 30 (30 días = 1 mes)",
}
SHORT_CONVENTIONS = {
    "calendario_mas_dias_30": "meses calendario más días restantes a razón de 30 días por mes",
    "dias_30": "días divididos entre 30",
}

Interval = tuple[int, int]  # date ordinals, both days included


# --- intervals of days --------------------------------------------------------------------


def normalize(intervals: Sequence[Interval]) -> list[Interval]:
    """Sorted, with overlapping or adjacent intervals merged."""
    result: list[Interval] = []
    for start, end in sorted(intervals):
        if result and start <= result[-1][1] + 1:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def subtract(intervals: Sequence[Interval], removed: Sequence[Interval]) -> list[Interval]:
    result: list[Interval] = []
    removed = normalize(removed)
    for start, end in normalize(intervals):
        cursor = start
        for r_start, r_end in removed:
            if r_end < cursor or r_start > end:
                continue
            if r_start > cursor:
                result.append((cursor, r_start - 1))
            cursor = max(cursor, r_end + 1)
            if cursor > end:
                break
        if cursor <= end:
            result.append((cursor, end))
    return result


def intersect(first: Sequence[Interval], second: Sequence[Interval]) -> list[Interval]:
    result: list[Interval] = []
    for a_start, a_end in normalize(first):
        for b_start, b_end in normalize(second):
            start, end = max(a_start, b_start), min(a_end, b_end)
            if start <= end:
                result.append((start, end))
    return normalize(result)


def days_of(start: dt.date, end: dt.date) -> list[Interval]:
    return [(start.toordinal(), end.toordinal())] if start <= end else []


# --- months -------------------------------------------------------------------------------


def anniversary(start: dt.date, months: int) -> dt.date:
    """The day ``months`` calendar months after ``start``; a day the month lacks (31/04)
    becomes the first day of the next month."""
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    last = calendar.monthrange(year, month)[1]
    if start.day <= last:
        return dt.date(year, month, start.day)
    return dt.date(year, month, last) + dt.timedelta(days=1)


@functools.lru_cache(maxsize=65536)
def calendar_months(start: dt.date, end: dt.date) -> tuple[int, int]:
    """Whole calendar months from ``start`` to ``end`` (both included) and the leftover days."""
    stop = end + dt.timedelta(days=1)
    months = (stop.year - start.year) * 12 + stop.month - start.month
    while months > 0 and anniversary(start, months) > stop:
        months -= 1
    return months, (stop - anniversary(start, months)).days


def count(intervals: Sequence[Interval], convention: str) -> tuple[int, int]:
    """(months, days) of a set of days under ``convention``; days < 30."""
    runs = normalize(intervals)
    if convention == "dias_30":
        total = sum(end - start + 1 for start, end in runs)
        return divmod(total, 30)
    whole = left = 0
    for start, end in runs:
        months, days = calendar_months(dt.date.fromordinal(start), dt.date.fromordinal(end))
        whole += months
        left += days
    return whole + left // 30, left % 30


# --- rules --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExperienceRule:
    id: str
    title: str
    maximum: Decimal
    per_year: Decimal
    year_months: int
    since: dt.date | None
    chain: tuple[str, ...]
    cargos: tuple[str, ...]

    @property
    def cap_months(self) -> int:
        """Months that give the maximum: beyond them the criterion cannot score more."""
        return math.ceil(self.maximum / self.per_year) * self.year_months


def experience_rules(rules: Mapping) -> dict[str, ExperienceRule]:
    since = rules["matriz"]["experiencia"]["fecha_lrm"]
    result = {}
    for criterion_id in CRITERIA:
        rule = rules["matriz"]["criterios"][criterion_id]
        result[criterion_id] = ExperienceRule(
            id=criterion_id,
            title=rule["titulo"],
            maximum=Decimal(str(rule["maximo"])),
            per_year=Decimal(str(rule["puntos_por_anio"])),
            year_months=int(rule["meses_por_anio"]),
            since=since if rule["solo_desde_lrm"] else None,
            chain=tuple(rule["desborde"]),
            cargos=tuple(rule["cargos"]),
        )
    return result


def cargo_criteria(rules: Mapping) -> dict[str, str]:
    """cargo → criterion, from the rules' cargo lists."""
    return {cargo: rule.id for rule in experience_rules(rules).values() for cargo in rule.cargos}


def priority_order(rules: Mapping) -> list[str]:
    """Criteria in the order they take contested days; raises ConfigError on a bad order."""
    table = experience_rules(rules)
    order = list(rules["matriz"]["experiencia"]["orden_desempate"])
    unknown = [item for item in order if item not in table]
    if unknown:
        raise ConfigError(
            f"Reglas del ascenso: «matriz.experiencia.orden_desempate» contiene {', '.join(unknown)}, "
            "que no son criterios de experiencia.",
            fix=f"Use solo {', '.join(CRITERIA)}.",
        )
    ranked = sorted(table, key=lambda c: (-table[c].per_year, order.index(c) if c in order else len(order), c))
    for criterion_id, rule in table.items():
        previous = criterion_id
        for target in rule.chain:
            if target not in table:
                raise ConfigError(f"Reglas del ascenso: el desborde de {criterion_id} apunta a «{target}», "
                                  "que no es un criterio de experiencia.")
            # Time passes along the chain, so each target must be valued after the one before it.
            if ranked.index(target) < ranked.index(previous):
                raise ConfigError(
                    f"Reglas del ascenso: el tiempo de {criterion_id} desborda a {target} después de "
                    f"{previous}, pero {target} se valora antes que {previous} según «orden_desempate».",
                    fix=f"Ponga {previous} antes que {target} en «matriz.experiencia.orden_desempate».",
                )
            previous = target
    return ranked


def _experience_choice(rules: Mapping, key: str, allowed: Mapping[str, object]) -> str:
    """The value of ``matriz.experiencia.<key>``, which must be one of ``allowed``."""
    name = rules["matriz"]["experiencia"][key]
    if name not in allowed:
        raise ConfigError(
            f"Reglas del ascenso: «matriz.experiencia.{key}» vale «{name}».",
            fix=f"Valores permitidos: {', '.join(allowed)}.",
        )
    return name


def convention_of(rules: Mapping) -> str:
    return _experience_choice(rules, "convencion_meses", CONVENTIONS)


STRATEGIES = {
    "mayor_puntaje_total": ("el tiempo superpuesto que no completa un año en el criterio de más puntos por "
                            "año pasa al siguiente criterio si allí suma puntaje"),
    "prioridad": "el tiempo superpuesto va al criterio con más puntos por año que aún tiene espacio",
}


def strategy_of(rules: Mapping) -> str:
    return _experience_choice(rules, "asignacion_superpuestos", STRATEGIES)


def convention_text(rules: Mapping) -> str:
    return CONVENTIONS[convention_of(rules)]


# --- the timeline ------------------------------------------------------------------------------


@dataclass
class _Period:
    index: int
    period: Periodo
    criterion: str
    eligible: list[Interval] = field(default_factory=list)
    own: list[Interval] = field(default_factory=list)  # eligible minus days of earlier periods of its criterion
    before: list[Interval] = field(default_factory=list)
    after: list[Interval] = field(default_factory=list)


@dataclass
class _Claim:
    period: int
    intervals: list[Interval]
    via: str | None  # the criterion the time overflowed from; None for own time
    chain: tuple[str, ...]  # where the time goes when this criterion is full


def _take(current: list[Interval], piece: Interval, cap: int, convention: str
          ) -> tuple[Interval | None, Interval | None]:
    """The part of ``piece`` (chronologically first) a criterion holding ``current`` can take
    before reaching ``cap`` months, and the rest."""
    start, end = piece
    if count(current, convention)[0] >= cap:
        return None, piece
    if count(current + [piece], convention)[0] < cap:
        return piece, None
    length = end - start + 1

    def reaches(days: int) -> bool:
        return count(current + [(start, start + days - 1)], convention)[0] >= cap

    # Below ``length`` the prefix only extends one run at its end, so the count is monotone.
    if length > 1 and reaches(length - 1):
        low, high = 1, length - 1
        while low < high:
            middle = (low + high) // 2
            if reaches(middle):
                high = middle
            else:
                low = middle + 1
        taken = low
    else:
        taken = length
    rest = (start + taken, end) if taken < length else None
    return (start, start + taken - 1), rest


def _allocate(items: Sequence[_Period], order: Sequence[str], table: Mapping[str, ExperienceRule],
              convention: str, trim: bool = False) -> tuple[dict, dict, list]:
    """Steps 3–4 for one priority ``order``: (assigned, held, beyond). With ``trim``, a
    criterion keeps of the days a later criterion could use only what completes its last
    whole year; the rest is left to the later criterion."""
    taken: list[Interval] = []
    assigned: dict[str, list[tuple[int, Interval, str | None]]] = defaultdict(list)
    held: dict[str, list[Interval]] = {}
    incoming: dict[str, list[_Claim]] = defaultdict(list)
    beyond: list[tuple[int, Interval, str, str | None]] = []
    for position, criterion in enumerate(order):
        rule = table[criterion]
        claims: list[_Claim] = []
        listed: list[Interval] = []
        own_items = sorted((i for i in items if i.criterion == criterion), key=lambda i: (i.period.inicio, i.index))
        for claim in [_Claim(i.index, i.own, None, rule.chain) for i in own_items] + incoming[criterion]:
            free = subtract(subtract(claim.intervals, taken), listed)
            if free:
                claims.append(_Claim(claim.period, free, claim.via, claim.chain))
                listed = normalize(listed + free)
        # Days a later criterion could also use are taken last, so that the contested time
        # goes to the later criterion when this one can reach its maximum without it.
        later = set(order[position + 1:])
        demand = normalize(
            [piece for i in items if i.criterion in later for piece in i.own]
            + [piece for name in later for claim in incoming[name] for piece in claim.intervals]
        )
        queue: list[tuple[int, int, Interval, _Claim]] = []
        for rank, claim in enumerate(claims):
            for piece in claim.intervals:
                for contested, parts in ((0, subtract([piece], demand)), (1, intersect([piece], demand))):
                    queue.extend((contested, rank, part, claim) for part in parts)
        current: list[Interval] = []
        for _, _, piece, claim in sorted(queue, key=lambda entry: (entry[0], entry[1], entry[2])):
            got, rest = _take(current, piece, rule.cap_months, convention)
            if got:
                current = normalize(current + [got])
                assigned[criterion].append((claim.period, got, claim.via))
            if rest:
                if claim.chain:
                    incoming[claim.chain[0]].append(
                        _Claim(claim.period, [rest], claim.via or criterion, claim.chain[1:]))
                else:
                    beyond.append((claim.period, rest, criterion, claim.via))
        if trim and demand:
            released = _surplus(current, intersect(current, demand), rule.year_months, convention)
            if released:
                current = subtract(current, released)
                assigned[criterion] = [(period, part, via) for period, piece, via in assigned[criterion]
                                       for part in subtract([piece], released)]
        held[criterion] = current
        taken = normalize(taken + current)

    return assigned, held, beyond


def _surplus(held: list[Interval], shared: list[Interval], year_months: int, convention: str) -> list[Interval]:
    """The latest shared days ``held`` can give up without losing a whole year."""
    keep = count(held, convention)[0] // year_months * year_months
    released: list[Interval] = []
    current = held
    for start, end in reversed(shared):
        if count(subtract(current, [(start, end)]), convention)[0] >= keep:
            current = subtract(current, [(start, end)])
            released.append((start, end))
            continue
        low, high = 0, end - start  # days that can go from the end of this piece
        while low < high:
            middle = (low + high + 1) // 2
            if count(subtract(current, [(end - middle + 1, end)]), convention)[0] >= keep:
                low = middle
            else:
                high = middle - 1
        if low:
            released.append((end - low + 1, end))
        break
    return normalize(released)


def _total_points(held: Mapping[str, list[Interval]], table: Mapping[str, ExperienceRule], convention: str) -> Decimal:
    total = Decimal(0)
    for criterion, days in held.items():
        rule = table[criterion]
        years = count(days, convention)[0] // rule.year_months
        total += min(rule.per_year * years, rule.maximum)
    return total


def _best_allocation(items: Sequence[_Period], order: list[str], table: Mapping[str, ExperienceRule],
                     convention: str, strategy: str) -> tuple[bool, tuple[dict, dict, list]]:
    """The allocation of the priority rule (DOMAIN.md A.2) or, with «mayor_puntaje_total», the
    better of it and the same order with each criterion keeping of the days it shares with a
    later one only what completes its last whole year (the rule's own on a tie).

    Only days claimed by two criteria can change the result: without them one pass suffices.
    Trimming keeps rubro 3 from falling when a period is added in the cases seen in practice
    (a short period of a higher criterion, or the part of one beyond its last whole year,
    would otherwise take months from a lower criterion that completed a year with them). It is
    not an exhaustive search (which would make scoring much slower): with several overlapping
    periods of different criteria a better split may exist, and adding a period can then still
    lower the rubro.
    """
    allocation = _allocate(items, order, table, convention)
    owned: dict[str, list[Interval]] = defaultdict(list)
    for item in items:
        owned[item.criterion].extend(item.own)
    names = sorted(owned)
    shared = normalize([piece for a, b in itertools.combinations(names, 2) for piece in intersect(owned[a], owned[b])])
    if strategy != "mayor_puntaje_total" or not shared:
        return False, allocation
    # Another allocation can only score more if some criterion holds shared days it could give
    # up without losing a year (those days might complete a year elsewhere).
    if not any(_surplus(days, intersect(days, shared), table[name].year_months, convention)
               for name, days in allocation[1].items()):
        return False, allocation
    trimmed = _allocate(items, order, table, convention, trim=True)
    if _total_points(trimmed[1], table, convention) > _total_points(allocation[1], table, convention):
        return True, trimmed
    return False, allocation


def _header(period: Periodo) -> str:
    text = f"{period.cargo}"
    if period.institucion:
        text += f", {period.institucion}"
    if period.fin:
        text += f", del {fecha(period.inicio)} al {fecha(period.fin)}"
    else:
        text += f", desde el {fecha(period.inicio)} a la fecha"
    if period.resolucion:
        text += f" ({period.resolucion})"
    return text


def score_experience(periods: Sequence[Periodo], rules: Mapping
                     ) -> tuple[tuple[CriterionResult, ...], tuple[str, ...]]:
    """Criteria 3.1–3.6 for one postulante, and the periods that belong to no criterion."""
    convention = convention_of(rules)
    table = experience_rules(rules)
    order = priority_order(rules)
    by_cargo = cargo_criteria(rules)
    cutoff = rules["matriz"]["fecha_corte"]
    counted: dict[str, list[str]] = defaultdict(list)
    not_counted: dict[str, list[str]] = defaultdict(list)
    unmatched: list[str] = []

    items: list[_Period] = []
    for index, period in enumerate(periods):
        criterion = by_cargo.get(period.cargo)
        if criterion is None:
            unmatched.append(f"{_header(period)}: el cargo no se valora en la Matriz.")
            continue
        if not period.resolucion.strip():
            not_counted[criterion].append(
                f"{_header(period)}: sin resolución; solo se valora la experiencia reconocida por acto resolutivo."
            )
            continue
        item = _Period(index, period, criterion)
        end = period.fin or cutoff
        since = table[criterion].since
        first = max(period.inicio, since) if since else period.inicio
        last = min(end, cutoff)
        item.eligible = days_of(first, last)
        if since and period.inicio < since:
            item.before = days_of(period.inicio, min(end, since - dt.timedelta(days=1)))
        if end > cutoff:
            item.after = days_of(max(period.inicio, cutoff + dt.timedelta(days=1)), end)
        items.append(item)

    # 2. Periods of one criterion claim a day once.
    for criterion in CRITERIA:
        covered: list[Interval] = []
        for item in sorted((i for i in items if i.criterion == criterion),
                           key=lambda i: (i.period.inicio, i.index)):
            item.own = subtract(item.eligible, covered)
            covered = normalize(covered + item.eligible)

    # 3–4. Criteria in priority order take their free days up to their maximum; where
    # criteria compete for the same days, the order that gives the most points is chosen.
    improved, (assigned, held, beyond) = _best_allocation(items, order, table, convention, strategy_of(rules))
    if improved:
        note = ("Tiempo superpuesto con otros criterios: se asignó donde da más puntaje al postulante, "
                "no al criterio de más puntos por año, que con esos meses no completaba un año más.")
        for criterion in {i.criterion for i in items}:
            counted[criterion].append(note)

    # 5–6. Points, and what happened to each period.
    by_index = {item.index: item for item in items}
    results = []
    short = SHORT_CONVENTIONS[convention]
    for item in sorted(items, key=lambda i: (i.period.inicio, i.index)):
        line, any_counted = _period_line(item, assigned, beyond, convention, cutoff)
        (counted if any_counted else not_counted)[item.criterion].append(line)
    for criterion in CRITERIA:
        for period_index, piece, via in assigned[criterion]:
            if via is None:
                continue
            source = by_index[period_index]
            counted[criterion].append(
                f"Desborde de {via}: {duracion(*count([piece], convention))} de {_header(source.period)}."
            )
    for criterion in CRITERIA:
        rule = table[criterion]
        months, days = count(held.get(criterion, []), convention)
        years = months // rule.year_months
        raw = rule.per_year * years
        points = min(raw, rule.maximum)
        total = duracion(months, days)
        if rule.year_months != 12:
            total = plural(months, "mes", "meses") + (f" y {plural(days, 'día')}" if days else "")
        if not held.get(criterion):
            reason = "No registra experiencia que se valore en este criterio."
        else:
            reason = (
                f"Total: {total}; se valoran {plural(years, 'año')} de {rule.year_months} meses, a "
                f"{puntos(rule.per_year)} por año: {puntos(points)}"
                + (f" (máximo {puntos(rule.maximum)})" if raw >= rule.maximum else "")
                + "."
            )
        reason += f" Convención de meses: {short}."
        results.append(CriterionResult(
            criterion, rule.title, points, rule.maximum, reason,
            tuple(counted[criterion]), tuple(not_counted[criterion]),
        ))
    return tuple(results), tuple(unmatched)


def _period_line(item: _Period, assigned, beyond, convention: str, cutoff: dt.date) -> tuple[str, bool]:
    """«<period>: <its length>; <where each part of it went>.» and whether any of it counted."""
    def dur(intervals: Sequence[Interval]) -> str:
        return duracion(*count(intervals, convention))

    period = item.period
    total = count(days_of(period.inicio, period.fin or cutoff), convention)
    parts: list[str] = []
    mine: dict[tuple[str, str | None], list[Interval]] = defaultdict(list)
    for criterion, entries in assigned.items():
        for period_index, piece, via in entries:
            if period_index == item.index:
                mine[(criterion, via)].append(piece)
    own_assigned = mine.get((item.criterion, None), [])
    if own_assigned:
        parts.append(f"{dur(own_assigned)} en {item.criterion}")
    for (criterion, via), pieces in sorted(mine.items(), key=lambda entry: min(entry[1])):
        if via is not None:
            parts.append(f"{dur(pieces)} pasan a {criterion} (desborde de {via})")
    claimed_by_me = normalize([piece for pieces in mine.values() for piece in pieces])
    duplicate = subtract(item.eligible, item.own)
    if duplicate:
        parts.append(f"{dur(duplicate)} se superponen con otro periodo de {item.criterion} y se cuentan una sola vez")
    leftover = subtract(item.own, claimed_by_me)
    for criterion in CRITERIA:
        others = [piece for (idx, piece, _) in assigned.get(criterion, []) if idx != item.index]
        overlap = intersect(leftover, others)
        if overlap:
            parts.append(f"{dur(overlap)} se superponen con {criterion} y se cuentan solo allí (un mes en un solo criterio)")
            leftover = subtract(leftover, overlap)
    for criterion in CRITERIA:
        mine_beyond = [piece for (idx, piece, where, _) in beyond if idx == item.index and where == criterion]
        over = intersect(leftover, mine_beyond)
        if over:
            if criterion == item.criterion:
                parts.append(f"{dur(over)} exceden el máximo de {criterion} y no se cuentan")
            else:
                parts.append(f"{dur(over)} pasan por desborde a {criterion}, que ya llegó a su máximo: no se cuentan")
            leftover = subtract(leftover, over)
    if leftover:  # cannot happen; say so rather than hide days
        parts.append(f"{dur(leftover)} sin asignar")
    if item.before:
        parts.append(f"{dur(item.before)} anteriores al {fecha(_since(item))} (LRM) no se cuentan en {item.criterion}")
    if item.after:
        parts.append(f"{dur(item.after)} posteriores a la fecha de corte no se cuentan")
    if period.fin is None:
        parts.append("vigente: se cuenta hasta la fecha de corte")
    line = f"{_header(period)}: {duracion(*total)}; {'; '.join(parts)}."
    return line, bool(claimed_by_me)


def _since(item: _Period) -> dt.date:
    return dt.date.fromordinal(item.before[-1][1]) + dt.timedelta(days=1)
