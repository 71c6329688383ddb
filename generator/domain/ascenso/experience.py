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
   chronologically. The cut inside a piece of time is found by bisection on the time from
   the start of its run, which only grows with the day; the part taken ends on the last day
   that adds no time (01/01/2015–31/12/2016 is 24 months, and so is –30/12/2016).
4. **Overflow.** Own days a criterion with ``desborde`` cannot take because it reached its
   maximum pass to the first criterion of its chain and carry the rest of the chain
   (3.5 → 3.4 → 3.1; 3.6 → 3.1); they count there with that criterion's year length and
   maximum. Any other day a criterion cannot take stays free: a lower-priority criterion
   whose own periods cover it takes it; otherwise it is reported as beyond the maximum.
5. **Months** (``convencion_meses``). "calendario_mas_dias_30" (default, the escalafón's
   años/meses/días): a criterion's periods are merged into maximal runs of consecutive days
   (overlapping or continuous periods form one run); each run gives its whole calendar
   months counted from its first day (15/03 to 14/04 is one month; when the day does not
   exist in a month, the month ends on the last day of that month) and its leftover days;
   the leftover days of all runs are summed and converted at 30 days = 1 month.
   "dias_30": all days divided by 30. A part of a run (what stays in a capped criterion,
   what overflows, what another criterion takes) is measured on its run's calendar
   (``Clock``): the time from the run's first day to the part's end minus the time to its
   start. So the parts of a period always add up to the period — what stays and what
   moves on partition its time exactly (issue 13), and splitting a period in two changes
   nothing.
6. **Points.** floor(months / meses_por_anio) × puntos_por_anio, capped at the maximum.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping, Sequence

from .model import CriterionResult, Periodo
from .months import Clock, Interval, Segment, count, days_of, intersect, normalize, segment_days, subtract, without
from .rules import SHORT_CONVENTIONS, AscensoRules, Experiencia
from .text import fecha, plural, puntos, tiempo, tramos, verbo


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


def _take(clock: Clock, held: int, piece: Interval, origin: str, cap: int
          ) -> tuple[Interval | None, Interval | None]:
    """The part of ``piece`` (chronologically first) a criterion holding ``held`` time can take
    before reaching ``cap`` (both in days of 30 to the month), and the rest.

    The part taken is the shortest that reaches the cap, extended over the days that add no time
    (the 31st of a month whose 30 days already made a month), so that what is handed on starts
    where the next calendar month of the period starts: 01/01/2015–31/12/2016, not –30/12/2016.
    """
    start, end = piece
    if held >= cap:
        return None, piece
    anchor = clock.anchor(origin, start)
    base = clock.position(anchor, start)
    if held + clock.position(anchor, end + 1) - base < cap:
        return piece, None
    needed = cap - held + base  # the position the day after the last one taken must reach
    low, high = start, end
    while low < high:  # positions only grow with the day
        middle = (low + high) // 2
        if clock.position(anchor, middle + 1) >= needed:
            high = middle
        else:
            low = middle + 1
    last = low
    reached = clock.position(anchor, last + 1)
    while last < end and clock.position(anchor, last + 2) == reached:
        last += 1
    return (start, last), ((last + 1, end) if last < end else None)


def _allocate(items: Sequence[_Period], order: Sequence[str], table: Mapping[str, Experiencia],
              clock: Clock, trim: bool = False) -> tuple[dict, dict, list]:
    """Steps 3–4 for one priority ``order``: (assigned, held, beyond). With ``trim``, a
    criterion keeps of the days a later criterion could use only what completes its last
    whole year; the rest is left to the later criterion."""
    taken: list[Interval] = []
    assigned: dict[str, list[tuple[int, Interval, str | None]]] = defaultdict(list)
    held: dict[str, list[Segment]] = {}
    incoming: dict[str, list[_Claim]] = defaultdict(list)
    beyond: list[tuple[int, Interval, str, str | None]] = []
    for position, criterion in enumerate(order):
        rule = table[criterion]
        cap = rule.cap_months * 30
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
        current: list[Segment] = []
        time = 0
        for _, _, piece, claim in sorted(queue, key=lambda entry: (entry[0], entry[1], entry[2])):
            origin = claim.via or criterion
            got, rest = _take(clock, time, piece, origin, cap)
            if got:
                current.append((origin, got))
                time += clock.span(origin, got)
                assigned[criterion].append((claim.period, got, claim.via))
            if rest:
                if claim.chain:
                    incoming[claim.chain[0]].append(_Claim(claim.period, [rest], origin, claim.chain[1:]))
                else:
                    beyond.append((claim.period, rest, criterion, claim.via))
        if trim and demand:
            released = _surplus(clock, current, intersect(segment_days(current), demand), rule.year_months)
            if released:
                current = without(current, released)
                assigned[criterion] = [(period, part, via) for period, piece, via in assigned[criterion]
                                       for part in subtract([piece], released)]
        held[criterion] = current
        taken = normalize(taken + segment_days(current))

    return assigned, held, beyond


def _surplus(clock: Clock, held: list[Segment], shared: list[Interval], year_months: int) -> list[Interval]:
    """The latest shared days ``held`` can give up without losing a whole year."""
    keep = clock.total(held) // 30 // year_months * year_months * 30
    released: list[Interval] = []
    current = held
    for start, end in reversed(shared):
        if clock.total(without(current, [(start, end)])) >= keep:
            current = without(current, [(start, end)])
            released.append((start, end))
            continue
        low, high = 0, end - start  # days that can go from the end of this piece
        while low < high:
            middle = (low + high + 1) // 2
            if clock.total(without(current, [(end - middle + 1, end)])) >= keep:
                low = middle
            else:
                high = middle - 1
        if low:
            released.append((end - low + 1, end))
        break
    return normalize(released)


def _total_points(held: Mapping[str, list[Segment]], table: Mapping[str, Experiencia], clock: Clock) -> Decimal:
    total = Decimal(0)
    for criterion, segments in held.items():
        rule = table[criterion]
        years = clock.total(segments) // 30 // rule.year_months
        total += min(rule.per_year * years, rule.maximum)
    return total


def _best_allocation(items: Sequence[_Period], order: list[str], table: Mapping[str, Experiencia],
                     clock: Clock, strategy: str) -> tuple[bool, tuple[dict, dict, list]]:
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
    allocation = _allocate(items, order, table, clock)
    owned: dict[str, list[Interval]] = defaultdict(list)
    for item in items:
        owned[item.criterion].extend(item.own)
    names = sorted(owned)
    shared = normalize([piece for a, b in itertools.combinations(names, 2) for piece in intersect(owned[a], owned[b])])
    if strategy != "mayor_puntaje_total" or not shared:
        return False, allocation
    # Another allocation can only score more if some criterion holds shared days it could give
    # up without losing a year (those days might complete a year elsewhere).
    if not any(_surplus(clock, segments, intersect(segment_days(segments), shared), table[name].year_months)
               for name, segments in allocation[1].items()):
        return False, allocation
    trimmed = _allocate(items, order, table, clock, trim=True)
    if _total_points(trimmed[1], table, clock) > _total_points(allocation[1], table, clock):
        return True, trimmed
    return False, allocation


def _header(period: Periodo) -> str:
    text = f"{period.cargo}"
    if period.regimen:  # criterion 3.1: nombrado under Ley N° 24029, 29062 or 29944, or contratado
        text += f", {period.regimen[0].lower()}{period.regimen[1:]}"
    if period.institucion:
        text += f", {period.institucion}"
    if period.fin:
        text += f", del {fecha(period.inicio)} al {fecha(period.fin)}"
    else:
        text += f", desde el {fecha(period.inicio)} a la fecha"
    if period.resolucion:
        text += f" ({period.resolucion})"
    return text


def score_experience(periods: Sequence[Periodo], rules: AscensoRules
                     ) -> tuple[tuple[CriterionResult, ...], tuple[str, ...]]:
    """Criteria 3.1–3.6 for one postulante, and the periods that belong to no criterion."""
    experience = rules.matriz.experiencia
    convention = experience.convencion_meses
    table = experience.criterios
    order = list(experience.priority)
    by_cargo = experience.by_cargo
    cutoff = rules.matriz.fecha_corte
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
    for criterion in table:
        covered: list[Interval] = []
        for item in sorted((i for i in items if i.criterion == criterion),
                           key=lambda i: (i.period.inicio, i.index)):
            item.own = subtract(item.eligible, covered)
            covered = normalize(covered + item.eligible)

    runs: dict[str, list[Interval]] = defaultdict(list)
    for item in items:
        runs[item.criterion].extend(item.eligible)
    clock = Clock(runs, convention)

    # 3–4. Criteria in priority order take their free days up to their maximum; where
    # criteria compete for the same days, the order that gives the most points is chosen.
    improved, (assigned, held, beyond) = _best_allocation(items, order, table, clock, experience.asignacion_superpuestos)
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
        line, any_counted = _period_line(item, assigned, beyond, clock, table, cutoff)
        (counted if any_counted else not_counted)[item.criterion].append(line)
    for criterion in table:
        for period_index, piece, via in assigned[criterion]:
            if via is None:
                continue
            source = by_index[period_index]
            moved = tiempo(*clock.of(via, [piece]), table[criterion].year_months)
            counted[criterion].append(f"Desborde de {via}: {moved} ({_dates([piece])}) de {_header(source.period)}.")
    for criterion in table:
        rule = table[criterion]
        months, days = divmod(clock.total(held.get(criterion, [])), 30)
        years = months // rule.year_months
        raw = rule.per_year * years
        points = min(raw, rule.maximum)
        total = tiempo(months, days, rule.year_months)
        if not held.get(criterion):
            reason = "No registra experiencia que se valore en este criterio."
        else:
            reason = (
                f"Total: {total}; se valoran {plural(years, 'año')} de {rule.year_months} meses, a "
                f"{puntos(rule.per_year)} por año: {puntos(points)}"
                + (f" (máximo {puntos(rule.maximum)})" if raw >= rule.maximum else "")
                + f". Convención de meses: {short}."
            )
        results.append(CriterionResult(
            criterion, rule.title, points, rule.maximum, reason,
            tuple(counted[criterion]), tuple(not_counted[criterion]),
            months=months, days=days, year_months=rule.year_months, years=int(points / rule.per_year),
        ))
    return tuple(results), tuple(unmatched)


def _period_line(item: _Period, assigned, beyond, clock: Clock, table: Mapping[str, Experiencia],
                 cutoff: dt.date) -> tuple[str, bool]:
    """«<period>: <its length>; <where each part of it went, with its dates>.» and whether any of
    it counted. Each part's time is written in the units of the criterion it concerns (months for
    3.1, whose year is 10 months) and measured on the period's calendar, so the parts add up."""
    convention = clock.convention

    def part(pieces: Sequence[Interval], criterion: str, verb: tuple[str, str] | None = None,
             dated: bool = True) -> str:
        text = tiempo(*clock.of(item.criterion, pieces), table[criterion].year_months)
        if dated:
            text += f" ({_dates(pieces)})"
        return f"{text} {verbo(text.split(' (')[0], *verb)}" if verb else text

    period = item.period
    own_unit = table[item.criterion].year_months
    total = count(days_of(period.inicio, period.fin or cutoff), convention)
    parts: list[str] = []
    mine: dict[tuple[str, str | None], list[Interval]] = defaultdict(list)
    for criterion, entries in assigned.items():
        for period_index, piece, via in entries:
            if period_index == item.index:
                mine[(criterion, via)].append(piece)
    own_assigned = mine.get((item.criterion, None), [])
    handed_on = sorted(((key, pieces) for key, pieces in mine.items() if key[1] is not None),
                       key=lambda entry: min(entry[1]))
    if own_assigned:
        # The part that stays names its dates when the period did not stay whole.
        split = bool(subtract(item.eligible, own_assigned)) or bool(item.before or item.after)
        parts.append(f"{part(own_assigned, item.criterion, dated=split)} en {item.criterion}")
    for (criterion, via), pieces in handed_on:
        parts.append(f"{part(pieces, criterion, ('pasa', 'pasan'))} a {criterion} por desborde de {via}")
    claimed_by_me = normalize([piece for pieces in mine.values() for piece in pieces])
    duplicate = subtract(item.eligible, item.own)
    if duplicate:
        parts.append(f"{part(duplicate, item.criterion, ('se superpone', 'se superponen'))} con otro periodo de "
                     f"{item.criterion} y se cuenta{'n' * _many(part(duplicate, item.criterion, dated=False))} "
                     "una sola vez")
    leftover = subtract(item.own, claimed_by_me)
    for criterion in table:
        others = [piece for (idx, piece, _) in assigned.get(criterion, []) if idx != item.index]
        overlap = intersect(leftover, others)
        if overlap:
            many = "n" * _many(part(overlap, criterion, dated=False))
            parts.append(f"{part(overlap, criterion, ('se superpone', 'se superponen'))} con {criterion} y se "
                         f"cuenta{many} solo allí (un mes en un solo criterio)")
            leftover = subtract(leftover, overlap)
    for criterion in table:
        mine_beyond = [piece for (idx, piece, where, _) in beyond if idx == item.index and where == criterion]
        over = intersect(leftover, mine_beyond)
        if over:
            many = "n" * _many(part(over, criterion, dated=False))
            if criterion == item.criterion:
                parts.append(f"{part(over, criterion, ('excede', 'exceden'))} el máximo de {criterion} y no se "
                             f"cuenta{many}")
            else:
                parts.append(f"{part(over, criterion, ('pasa', 'pasan'))} por desborde a {criterion}, que ya llegó "
                             f"a su máximo: no se cuenta{many}")
            leftover = subtract(leftover, over)
    if leftover:  # cannot happen; say so rather than hide days
        parts.append(f"{part(leftover, item.criterion)} sin asignar")
    if item.before:
        before = tiempo(*count(item.before, convention), own_unit)
        many = "n" * _many(before)
        parts.append(f"{before} {verbo(before, 'anterior', 'anteriores')} al {fecha(_since(item))} (LRM) no se "
                     f"cuenta{many} en {item.criterion}")
    if item.after:
        after = tiempo(*count(item.after, convention), own_unit)
        parts.append(f"{after} {verbo(after, 'posterior', 'posteriores')} a la fecha de corte no se "
                     f"cuenta{'n' * _many(after)}")
    if period.fin is None:
        parts.append("vigente: se cuenta hasta la fecha de corte")
    line = f"{_header(period)}: {tiempo(*total, own_unit)}; {'; '.join(parts)}."
    return line, bool(claimed_by_me)


def _many(time_text: str) -> bool:
    """Whether a time is plural for its verb («1 año se cuenta», «2 años se cuentan»)."""
    return verbo(time_text, "", "n") == "n"


def _dates(pieces: Sequence[Interval]) -> str:
    return tramos((dt.date.fromordinal(start), dt.date.fromordinal(end)) for start, end in normalize(pieces))


def _since(item: _Period) -> dt.date:
    return dt.date.fromordinal(item.before[-1][1]) + dt.timedelta(days=1)
