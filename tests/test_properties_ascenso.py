"""Property tests of the Concurso de Ascenso's Matriz (DOMAIN.md A.2, A.3; seed 003, 2.1.2 and 2.2).

Hypothesis builds postulantes with random grados, capacitaciones, méritos and experience
periods, with dates around the windows' boundaries (2012-11-26, 2021-01-05, 2024-01-05,
2026-01-05), and checks the promises the Matriz makes whatever the records: caps, rubro
maxima, monotonicity, one month in one criterion, the bonificación, and that a workbook
written from the form spec reads back into the same postulantes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import tempfile
from dataclasses import fields, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from hypothesis import assume, given, note, settings
from hypothesis import strategies as st

from generator.domain.ascenso import (
    Capacitacion,
    Discapacidad,
    DocumentoIdoneidad,
    Grado,
    Merito,
    Periodo,
    Postulante,
    Tiempo,
    evaluate,
    score_experience,
)
from generator.domain.ascenso.months import count, days_of, intersect, normalize
from generator.forms.ascenso import (
    CAPACITACIONES_SHEET,
    EXPERIENCIA_SHEET,
    GRADOS_SHEET,
    MERITOS_SHEET,
    POSTULANTES_SHEET,
    ascenso_form,
    cargos,
    grado_types,
    merit_types,
    training_types,
)
from generator.forms.xlsx_writer import write_form
from generator.readers.ascenso import read_ascenso

from .ascenso_factory import DNI, bundled_rules, person, with_rules
from .form_strategies import dnis, emails, form_dates, optional_dates, texts, without_sources

D = dt.date
RULES = bundled_rules()
CUTOFF = RULES.matriz.fecha_corte  # 2026-01-05
LRM = RULES.matriz.experiencia.fecha_lrm  # 2012-11-26
EXPERIENCE = RULES.matriz.experiencia.criterios
RUBRO_MAX = {rubro: rule.maximo for rubro, rule in RULES.matriz.rubros.items()}
MATRIZ_MAX = RULES.matriz.puntaje_maximo
CRITERION_MAX = {cid: rule.maximo for cid, rule in RULES.matriz.criterios.items()}
CALENDAR = RULES
DIAS_30 = with_rules(RULES, {"matriz.experiencia.convencion_meses": "dias_30"})
ROUND_TRIPS = max(10, settings().max_examples // 6)


# --------------------------------------------------------------------------- strategies


def around(day: dt.date, days: int = 20) -> st.SearchStrategy[dt.date]:
    return st.dates(day - dt.timedelta(days=days), day + dt.timedelta(days=days))


# The boundaries of A.2: the training windows (2021-01-05, 2024-01-05), the fecha de corte
# (2026-01-05) and the LRM (2012-11-26), plus any date of the last twenty years.
boundary_dates = st.one_of(
    around(D(2021, 1, 5)), around(D(2024, 1, 5)), around(CUTOFF), around(LRM), st.dates(D(2005, 1, 1), D(2027, 1, 1)),
)
maybe_date = st.one_of(st.none(), boundary_dates)


def amounts(minimums: tuple[float, ...]) -> st.SearchStrategy[float | None]:
    """créditos or horas: none, exactly a minimum of some criterion, just below it, or anything."""
    exact = st.sampled_from(minimums)
    return st.one_of(
        st.none(), exact, exact.map(lambda value: value - 0.5),
        st.integers(0, 500).map(float), st.floats(0, 500, allow_nan=False).map(lambda value: round(value, 1)),
    )


CREDIT_MINIMUMS = (1.0, 2.0, 7.0, 24.0)
HOUR_MINIMUMS = (16.0, 32.0, 112.0, 384.0)

grados = st.builds(
    Grado, dni=st.just(DNI), tipo=st.sampled_from(grado_types(RULES)), denominacion=st.just(""),
    institucion=st.just("Universidad Nacional de Educación"),
    situacion=st.sampled_from(RULES.matriz.situaciones), fecha_emision=maybe_date,
)
capacitaciones = st.builds(
    Capacitacion, dni=st.just(DNI), tipo=st.sampled_from(training_types(RULES)), denominacion=st.just(""),
    entidad_tipo=st.sampled_from(RULES.listas.entidades), entidad=st.just(""),
    creditos=amounts(CREDIT_MINIMUMS), horas=amounts(HOUR_MINIMUMS), fecha_emision=maybe_date,
)
meritos = st.builds(
    Merito, dni=st.just(DNI), tipo=st.sampled_from(merit_types(RULES)),
    documento=st.sampled_from(RULES.listas.documentos_merito), numero_documento=st.just("N° 1"),
    fecha=maybe_date,
)
ALL_CARGOS = cargos(RULES)
resoluciones = st.sampled_from(["RD N° 0123-2015-UGEL02", "RD N° 7", "", "   "])


@st.composite
def periods(draw, max_size: int = 6) -> tuple[Periodo, ...]:
    """Experience periods, each adjacent to, overlapping or apart from an earlier one, starting
    around the LRM or the fecha de corte or anywhere since 2000; ends past the cut-off too."""
    result: list[Periodo] = []
    for _ in range(draw(st.integers(0, max_size))):
        shape = draw(st.sampled_from(["free", "adjacent", "overlap", "same"])) if result else "free"
        if shape == "free":
            inicio = draw(st.one_of(around(LRM, 60), around(CUTOFF, 400), st.dates(D(2000, 1, 1), D(2026, 2, 1))))
        else:
            other = draw(st.sampled_from(result))
            other_end = other.fin or CUTOFF
            if shape == "adjacent":
                inicio = other_end + dt.timedelta(days=1)
            elif shape == "overlap":
                inicio = draw(st.dates(other.inicio, max(other.inicio, other_end)))
            else:
                inicio = other.inicio
        length = draw(st.one_of(st.integers(0, 40), st.integers(0, 800), st.integers(300, 3000)))
        fin = draw(st.one_of(st.just(inicio + dt.timedelta(days=length)), st.none()))
        result.append(Periodo(DNI, draw(st.sampled_from(ALL_CARGOS)), "I.E. N° 2050", inicio, fin,
                              draw(resoluciones)))
    return tuple(result)


discapacidades = st.builds(
    Discapacidad, documento=st.sampled_from("abcd"), numero=st.just("00057321"),
    fecha_presentacion=st.one_of(st.none(), around(D(2026, 1, 5), 5), around(D(2026, 1, 15), 5)),
    fecha_expedicion=st.one_of(st.none(), around(D(2021, 8, 2), 5)),
    sihce=st.sampled_from([None, "Encontrado", "No encontrado"]),
)
puntajes = st.decimals(0, 120, places=3, allow_nan=False, allow_infinity=False)


@st.composite
def postulantes(draw) -> Postulante:
    return person(
        fecha_nombramiento=draw(st.one_of(st.none(), boundary_dates)),
        puntaje_nacional=draw(st.one_of(puntajes, st.decimals(0, 120, places=6))),
        discapacidad=draw(st.one_of(st.none(), discapacidades)),
        grados=tuple(draw(st.lists(grados, max_size=4))),
        capacitaciones=tuple(draw(st.lists(capacitaciones, max_size=5))),
        meritos=tuple(draw(st.lists(meritos, max_size=5))),
        experiencia=draw(periods()),
    )


# --------------------------------------------------------------------------- helpers


def totals(evaluation) -> dict[str, Decimal]:
    result = {rubro.id: rubro.points for rubro in evaluation.rubros}
    result["matriz"] = evaluation.matriz_total
    return result


def counted_days(experience: tuple[Periodo, ...], rules) -> list[tuple[int, int]]:
    """The days of every period that can count at all (A.2, rubro 3): with a resolución, of a
    valued cargo, from the criterion's start date to the fecha de corte."""
    table = rules.matriz.experiencia.criterios
    by_cargo = {cargo: rule for rule in table.values() for cargo in rule.cargos}
    cutoff = rules.matriz.fecha_corte
    days = []
    for period in experience:
        rule = by_cargo.get(period.cargo)
        if rule is None or not period.resolucion.strip():
            continue
        first = max(period.inicio, rule.since) if rule.since else period.inicio
        days += days_of(first, min(period.fin or cutoff, cutoff))
    return normalize(days)


def months_scored(results) -> int:
    """Months that the points of rubro 3 prove were assigned: whole years × months per year."""
    return sum(int(r.points / EXPERIENCE[r.id].per_year) * EXPERIENCE[r.id].year_months for r in results)


# --------------------------------------------------------------------------- A.2: caps and maxima


@given(postulantes())
def test_A2_points_within_criterion_caps_rubro_maxima_and_50(postulante):
    """A.2: every criterion scores 0 … its maximum; rubros 1, 2, 3 at most 16, 10, 24; the
    Matriz at most 50 and the sum of its rubros."""
    evaluation = evaluate(postulante, RULES)
    assert len(evaluation.criteria) == len(CRITERION_MAX)
    for criterion in evaluation.criteria:
        assert Decimal(0) <= criterion.points <= CRITERION_MAX[criterion.id] == criterion.max, criterion.id
    for rubro in evaluation.rubros:
        assert Decimal(0) <= rubro.points <= RUBRO_MAX[rubro.id]
        assert rubro.points == min(sum((c.points for c in rubro.criteria), Decimal(0)), RUBRO_MAX[rubro.id])
    assert [rubro.max for rubro in evaluation.rubros] == [Decimal(16), Decimal(10), Decimal(24)]
    assert evaluation.matriz_total == min(sum((r.points for r in evaluation.rubros), Decimal(0)), MATRIZ_MAX)
    assert Decimal(0) <= evaluation.matriz_total <= MATRIZ_MAX


@given(periods(max_size=8), st.sampled_from([CALENDAR, DIAS_30]))
def test_A2_3_experience_points_are_whole_years_times_points_per_year(experience, rules):
    """A.2, rubro 3: «se otorga un punto por cada año» — whole years only, so every criterion's
    points are a multiple of its points per year, never above its maximum."""
    results, _ = score_experience(experience, rules)
    for result in results:
        rule = EXPERIENCE[result.id]
        years = result.points / rule.per_year
        assert years == int(years) and 0 <= result.points <= rule.maximum, result.id


# Rubros 1 and 2 as DOMAIN.md A.2 tabulates them, written out independently of the rules file.
STUDIES = {  # tipo → (criterion, créditos, horas)
    "Diplomado": ("1.3", 24, 384), "Diplomatura": ("1.3", 24, 384), "Diplomado de posgrado": ("1.3", 24, 384),
    "Programa de especialización": ("1.4", 24, 384), "Programa de mejora continua": ("1.4", 7, 112),
    "Programa de capacitación": ("1.4", 7, 112), "Programa de actualización": ("1.4", 7, 112),
    "Curso de actualización": ("1.5", 2, 32), "Curso de mejora continua": ("1.5", 2, 32),
    "Curso de capacitación": ("1.5", 1, 16),
}
WINDOWS = {"1.3": D(2021, 1, 5), "1.4": D(2021, 1, 5), "1.5": D(2024, 1, 5)}  # … to 2026-01-05, both included
UNIVERSITY_OR_EES = {"Universidad", "Escuela de Educación Superior (EES)"}
POINTS = {"1.3": 2, "1.4": 2, "1.5": 1, "2.1": 3, "2.2": 2, "2.3": 2, "2.4": Decimal("1.5"), "2.5": Decimal("1.5")}
RM, RVM, RD = "Resolución Ministerial", "Resolución Viceministerial", "Resolución Directoral"
MERITS = {  # tipo → (criterion, documents that verify it)
    "Palmas Magisteriales": ("2.1", {RM}),
    "Primeros puestos del Concurso Nacional de Buenas Prácticas Docentes": ("2.2", {RM}),
    "Equipo de proyecto ganador del concurso de innovación educativa del FONDEP": ("2.3", {RM}),
    "Ganador de concurso nacional organizado o patrocinado por el Minedu": ("2.3", {RM}),
    "Libro en autoría (temas pedagógicos o educativos)": (
        "2.4", {"Resolución de inscripción de INDECOPI", "Certificado de inscripción registral de INDECOPI"}),
    "Asesor de estudiantes en los tres primeros lugares de concursos educativos del Minedu": ("2.5", {RM}),
    "Entrenador o delegado de estudiantes en los tres primeros lugares de los Juegos Escolares Deportivos o "
    "Paradeportivos": ("2.5", {RM}),
    "Ganador de concurso regional del Gobierno Regional": ("2.5", {RD}),
    "Finalista de concurso nacional organizado o patrocinado por el Minedu": ("2.5", {RM, RVM}),
}


def expected_rubros_1_and_2(p: Postulante) -> dict[str, Decimal]:
    def in_time(day):
        return day is None or day <= CUTOFF

    obtained = [g for g in p.grados if g.situacion == "Obtenido" and in_time(g.fecha_emision)]
    points = {"1.1": max([8 if g.tipo == "Grado de Doctor" else 6 for g in obtained
                          if g.tipo in ("Grado de Doctor", "Grado de Maestro (Maestría, Magíster o Máster)")],
                         default=0)}
    points["1.2"] = 3 if any(
        g.tipo == "Título profesional universitario (distinto de educación)"
        or (g.tipo in ("Título de profesor o licenciado en educación", "Título de segunda especialidad")
            and g.fecha_emision and p.fecha_nombramiento and g.fecha_emision > p.fecha_nombramiento)
        for g in obtained) else 0
    for criterion in ("1.3", "1.4", "1.5"):
        points[criterion] = POINTS[criterion] if any(
            STUDIES.get(c.tipo, ("",))[0] == criterion and c.fecha_emision is not None
            and WINDOWS[criterion] <= c.fecha_emision <= CUTOFF
            and c.entidad_tipo in (UNIVERSITY_OR_EES if criterion == "1.3" else set(RULES.listas.entidades)
                                   - {"Otra entidad"})
            and ((c.creditos or 0) >= STUDIES[c.tipo][1] or (c.horas or 0) >= STUDIES[c.tipo][2])
            for c in p.capacitaciones) else 0
    for criterion in ("2.1", "2.2", "2.3", "2.4", "2.5"):
        points[criterion] = POINTS[criterion] if any(
            MERITS.get(m.tipo, ("",))[0] == criterion and m.documento in MERITS[m.tipo][1] and in_time(m.fecha)
            for m in p.meritos) else 0
    return points


@given(postulantes())
def test_A2_rubros_1_and_2_score_what_the_matriz_tabulates(postulante):
    """A.2, rubros 1 and 2: only the highest obtained grado (Doctor 8, Maestro 6); a título after
    the nombramiento (or a university título of another field) 3, once; a diplomado, programa or
    curso of an admitted entity, with the minimum créditos or horas, emitted within its window
    (both days included), 2, 2 or 1, once; a mérito of the list with its document, once; nothing
    emitted after the fecha de corte."""
    evaluation = evaluate(postulante, RULES)
    expected = expected_rubros_1_and_2(postulante)
    assert {c.id: c.points for c in evaluation.criteria if c.rubro in ("1", "2")} == expected


# --------------------------------------------------------------------------- A.2: monotonicity


@given(postulantes(), st.data())
def test_A2_adding_a_grado_capacitacion_or_merito_never_lowers_a_total(postulante, data):
    """A.2, rubros 1 and 2: criteria score once, the highest grado counts; one more document
    can only add points to its rubro and to the Matriz."""
    kind, strategy = data.draw(st.sampled_from([
        ("grados", grados), ("capacitaciones", capacitaciones), ("meritos", meritos),
    ]))
    record = data.draw(strategy)
    before = totals(evaluate(postulante, RULES))
    after = totals(evaluate(replace(postulante, **{kind: getattr(postulante, kind) + (record,)}), RULES))
    for key, value in before.items():
        assert after[key] >= value, key


@st.composite
def with_one_more_period(draw, rules=DIAS_30):
    """Periods, and one of them taken out: (without it, with it, the period)."""
    experience = draw(periods(max_size=6))
    assume(experience)
    index = draw(st.integers(0, len(experience) - 1))
    return experience[:index] + experience[index + 1:], experience, experience[index]


def criterion_of(period: Periodo) -> str | None:
    return next((rule.id for rule in EXPERIENCE.values() if period.cargo in rule.cargos), None)


@given(with_one_more_period())
def test_A2_3_a_period_that_contests_no_other_criterion_never_lowers_rubro_3(case):
    """A.2, rubro 3: more recognised experience never lowers the rubro, when the new period's
    days are not claimed by another criterion (then «the criterion worth more points per year
    takes the months» may move time between criteria; see the test below). Counted in days
    (``dias_30``): under the calendar convention, filling a gap can merge two runs into fewer
    calendar months, see test_A2_3_calendar_months_are_not_monotone_in_the_days."""
    before, after, added = case
    others = tuple(p for p in before if criterion_of(p) != criterion_of(added))
    assume(not intersect(counted_days((added,), DIAS_30), counted_days(others, DIAS_30)))
    old, _ = score_experience(before, DIAS_30)
    new, _ = score_experience(after, DIAS_30)
    assert sum(r.points for r in new) >= sum(r.points for r in old)


@given(periods(max_size=6), st.sampled_from([CALENDAR, DIAS_30]))
def test_A2_3_the_default_allocation_never_scores_less_than_the_literal_priority(experience, rules):
    """A.2, rubro 3: «asignacion_superpuestos = mayor_puntaje_total» (the default) keeps the
    literal priority's allocation unless trimming shared days to whole years scores more, so
    the rubro never falls below the literal rule's."""
    literal = with_rules(rules, {"matriz.experiencia.asignacion_superpuestos": "prioridad"})
    default, _ = score_experience(experience, rules)
    plain, _ = score_experience(experience, literal)
    assert sum(r.points for r in default) >= sum(r.points for r in plain)


@given(with_one_more_period())
def test_A2_3_a_period_of_3_1_the_last_in_priority_never_lowers_rubro_3(case):
    """A.2, rubro 3: criterion 3.1 takes only what every other criterion left, so one more
    3.1 period can only add to the rubro (``dias_30``)."""
    before, after, added = case
    assume(criterion_of(added) == "3.1")
    old, _ = score_experience(before, DIAS_30)
    new, _ = score_experience(after, DIAS_30)
    assert sum(r.points for r in new) >= sum(r.points for r in old)


@given(periods(max_size=6), st.randoms(use_true_random=False), st.sampled_from([CALENDAR, DIAS_30]))
def test_A2_3_the_order_of_the_rows_does_not_change_the_score(experience, random, rules):
    """A.2, rubro 3: the same periods in any order of the «Experiencia» sheet give the same points."""
    shuffled = list(experience)
    random.shuffle(shuffled)
    first, _ = score_experience(experience, rules)
    second, _ = score_experience(tuple(shuffled), rules)
    assert [r.points for r in first] == [r.points for r in second]


# --------------------------------------------------------------------------- A.2: one month, one criterion


@given(periods(max_size=8))
def test_A2_3_one_month_in_one_criterion_only_days_30(experience):
    """A.2, rubro 3: «un mes se cuenta en un solo criterio». With 30 days = 1 month, the months
    that the points of all criteria prove (whole years × months per year, overflow included)
    never exceed the months of the union of every counted period, cut at each criterion's start
    date and at the fecha de corte."""
    results, _ = score_experience(experience, DIAS_30)
    months, _ = count(counted_days(experience, DIAS_30), "dias_30")
    assert months_scored(results) <= months


@given(periods(max_size=8))
def test_A2_3_one_month_in_one_criterion_only_calendar(experience):
    """A.2, rubro 3, calendar months plus days: no day is counted in two criteria, so the months
    scored fit in the days of the union (a calendar month has at least 28 days). The months of
    the union itself are not a bound under this convention: see
    test_A2_3_abutting_periods_of_two_criteria_may_count_a_day_more_than_their_union."""
    results, _ = score_experience(experience, CALENDAR)
    union = counted_days(experience, CALENDAR)
    days = sum(end - start + 1 for start, end in union)
    assert 28 * months_scored(results) <= days


@given(periods(max_size=8), st.sampled_from([CALENDAR, DIAS_30]))
def test_A2_3_each_criterion_scores_only_its_own_days_and_its_overflow(experience, rules):
    """A.2, rubro 3: a criterion counts its own periods, and 3.4 and 3.1 also the time that
    overflows from 3.5 and 3.6; the months its points prove fit in those days."""
    results, _ = score_experience(experience, rules)
    sources = {cid: {cid} for cid in EXPERIENCE}
    for rule in EXPERIENCE.values():
        for target in rule.chain:
            sources[target].add(rule.id)
    for result in results:
        rule = EXPERIENCE[result.id]
        mine = tuple(p for p in experience if criterion_of(p) in sources[result.id])
        days = sum(end - start + 1 for start, end in counted_days(mine, rules))
        assert 28 * int(result.points / rule.per_year) * rule.year_months <= days, result.id


# --------------------------------------------------------------------------- A.2: the overflow (issue 13)

STRATEGY = st.sampled_from(["mayor_puntaje_total", "prioridad"])
CONVENTION = st.sampled_from(["calendario_mas_dias_30", "dias_30"])


def rules_with(convention: str, strategy: str) -> dict:
    return with_rules(RULES, {"matriz.experiencia.convencion_meses": convention,
                              "matriz.experiencia.asignacion_superpuestos": strategy})


def days_counted(results) -> int:
    """The time every criterion counted, in days of 30 to the month."""
    return sum(r.months * 30 + r.days for r in results)


def merged_days(experience: tuple[Periodo, ...], rules) -> int:
    """The time of the merged periods of each criterion (A.2: «overlapping periods of one criterion
    are merged first»), in days of 30 to the month, summed over the criteria."""
    convention = rules.matriz.experiencia.convencion_meses
    total = 0
    for criterion in EXPERIENCE:
        months, days = count(counted_days(tuple(p for p in experience if criterion_of(p) == criterion), rules),
                             convention)
        total += months * 30 + days
    return total


@given(periods(max_size=8), CONVENTION, STRATEGY)
def test_A2_3_days_counted_never_exceed_the_merged_periods(experience, convention, strategy):
    """A.2, rubro 3, «un mes se cuenta en un solo criterio» and the overflow of 3.5 and 3.6: the days
    counted across all criteria (overflow included, 30 to the month) never exceed the days of the
    merged periods, under both month conventions and both «asignacion_superpuestos». Under
    «dias_30» the bound is the union of every period; under the calendar convention it is the sum
    of each criterion's merged periods, because abutting periods of two criteria may count a day
    more than their union (see
    test_A2_3_abutting_periods_of_two_criteria_may_count_a_day_more_than_their_union)."""
    rules = rules_with(convention, strategy)
    results, _ = score_experience(experience, rules)
    assert days_counted(results) <= merged_days(experience, rules)
    if convention == "dias_30":
        assert days_counted(results) <= sum(end - start + 1 for start, end in counted_days(experience, rules))


# Days some months lack, February, month ends: where the calendar convention could gain or lose a day.
awkward_days = st.builds(
    lambda year, month, day: D(year, month, min(day, calendar.monthrange(year, month)[1])),
    st.integers(2013, 2024), st.integers(1, 12), st.sampled_from([1, 14, 15, 16, 28, 29, 30, 31]),
)


@st.composite
def capped_periods(draw, criterion: str):
    """1 to 3 periods of ``criterion`` (3.5 or 3.6), long enough to pass its cap, starting and ending
    on awkward days; apart from, adjacent to or overlapping each other."""
    result = []
    for _ in range(draw(st.integers(1, 3))):
        start = draw(awkward_days)
        end = draw(st.one_of(awkward_days, st.integers(0, 3000).map(lambda n, s=start: s + dt.timedelta(days=n))))
        if end < start:
            start, end = end, start
        result.append(period(criterion, start, end))
    return tuple(result)


@given(st.sampled_from(["3.5", "3.6"]).flatmap(lambda c: st.tuples(st.just(c), capped_periods(c))),
       CONVENTION, STRATEGY)
def test_A2_3_the_overflow_hands_on_exactly_the_time_beyond_the_cap(case, convention, strategy):
    """Seed 003, 2.2 §3.5 and §3.6 (issue 13): the time of a capped criterion is split exactly
    between what stays (its 24 months, or a day or two more when the cap falls on the day that
    completes a February) and what passes along its chain (3.5 → 3.4 → 3.1, 3.6 → 3.1): the parts
    add up to the merged periods, none carries a day of another."""
    criterion, experience = case
    rules = rules_with(convention, strategy)
    results = {r.id: r for r in score_experience(experience, rules)[0]}
    total = merged_days(experience, rules)
    chain = [criterion, *EXPERIENCE[criterion].chain]
    held = {c: results[c].months * 30 + results[c].days for c in chain}
    caps = {c: EXPERIENCE[c].cap_months * 30 for c in chain}
    note(f"total {total}, held {held}")
    assert min(total, caps[criterion]) <= held[criterion] <= max(min(total, caps[criterion] + 2), 0)
    if held[chain[-1]] < caps[chain[-1]]:  # nothing lost past the last criterion's maximum
        assert sum(held.values()) == total
    for upstream, downstream in zip(chain, chain[1:]):
        if held[downstream]:
            assert held[upstream] >= caps[upstream], (upstream, downstream)


@st.composite
def one_period_split(draw, rules=CALENDAR):
    """Periods, and the same periods with one of them split in two anywhere (same cargo and
    resolución): (periods, split periods)."""
    experience = draw(periods(max_size=6))
    closed = [index for index, p in enumerate(experience) if p.fin is not None and p.fin > p.inicio]
    assume(closed)
    index = draw(st.sampled_from(closed))
    original = experience[index]
    cut = draw(st.dates(original.inicio, original.fin - dt.timedelta(days=1)))
    halves = (replace(original, fin=cut), replace(original, inicio=cut + dt.timedelta(days=1)))
    return experience, experience[:index] + halves + experience[index + 1:]


@given(one_period_split(), CONVENTION, STRATEGY)
def test_A2_3_splitting_a_period_in_two_never_changes_any_points(case, convention, strategy):
    """A.2, rubro 3 («periods of one criterion are merged first»; issue 13): a period recorded as two
    resoluciones that meet (01/01–15/06 and 16/06–31/12) scores exactly as the whole period, in
    every criterion, under both month conventions and both «asignacion_superpuestos»."""
    whole, split = case
    rules = rules_with(convention, strategy)
    first, _ = score_experience(whole, rules)
    second, _ = score_experience(split, rules)
    assert [(r.id, r.points) for r in first] == [(r.id, r.points) for r in second]


# --------------------------------------------------------------------------- A.3: puntaje final


@given(postulantes())
def test_A3_puntaje_final_is_the_total_times_1_15_only_with_the_bonus(postulante):
    """A.3: puntaje final = (etapa nacional + Matriz) × 1.15 when the bonificación is granted,
    else the puntaje total; rounded to the rules' 3 decimals, half up."""
    evaluation = evaluate(postulante, RULES)
    assert evaluation.puntaje_total == postulante.puntaje_nacional + evaluation.matriz_total
    factor = Decimal("1.15") if evaluation.bonificacion.granted else Decimal(1)
    expected = (evaluation.puntaje_total * factor).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    assert evaluation.puntaje_final == expected
    assert abs(evaluation.puntaje_final - evaluation.puntaje_total * factor) <= Decimal("0.0005")
    doc = postulante.discapacidad
    if evaluation.bonificacion.granted:
        assert doc is not None and D(2026, 1, 5) <= doc.fecha_presentacion <= D(2026, 1, 15)
        assert doc.documento != "c" or doc.fecha_expedicion <= D(2021, 8, 2)
        assert evaluation.bonificacion.flagged == (doc.documento in "ab" and doc.sihce == "No encontrado")
    else:
        assert not evaluation.bonificacion.flagged


# --------------------------------------------------------------------------- A.2: what the rule as written allows
# Found by the properties above before they were narrowed; the rule of DOMAIN.md A.2 gives
# these results, so they are pinned here rather than "fixed" (changing them is a decision on
# the rule, not on the code).


def rubro_3(*experience: Periodo, rules=CALENDAR) -> dict[str, Decimal]:
    results, _ = score_experience(experience, rules)
    return {r.id: r.points for r in results if r.points}


def period(criterion: str, inicio: dt.date, fin: dt.date) -> Periodo:
    return Periodo(DNI, EXPERIENCE[criterion].cargos[0], "I.E. N° 2050", inicio, fin, "RD N° 1")


def test_A2_3_contested_months_go_where_they_score_and_the_literal_priority_is_a_parameter():
    """A.2: «assign the months to the criterion worth more points per year that still has room
    under its cap». Taken literally («asignacion_superpuestos = prioridad»), 11 months as
    director con aula (3.5, 2 points a year) inside a year as directivo (3.4) go to 3.5, where
    they make no year, and 3.4 keeps 1 month: adding the period lowers rubro 3 from 1 point to
    0; 2 months as Director de UGEL (3.2, ahead of 3.1 in «orden_desempate») inside 60 months
    as profesor (3.1) turn 6 points into 5. By default («mayor_puntaje_total») the order that
    scores most is chosen and nothing is lost."""
    literal = with_rules(CALENDAR, {"matriz.experiencia.asignacion_superpuestos": "prioridad"})
    one_year = period("3.4", D(2015, 1, 1), D(2015, 12, 31))
    eleven_months = period("3.5", D(2015, 1, 1), D(2015, 11, 30))
    five_years = period("3.1", D(2015, 1, 1), D(2019, 12, 31))
    two_months = period("3.2", D(2015, 1, 1), D(2015, 2, 28))
    for rules in (CALENDAR, literal):
        assert rubro_3(one_year, rules=rules) == {"3.4": 1}
        assert rubro_3(five_years, rules=rules) == {"3.1": 6}
    assert rubro_3(one_year, eleven_months, rules=literal) == {}
    assert rubro_3(five_years, two_months, rules=literal) == {"3.1": 5}
    assert rubro_3(one_year, eleven_months) == {"3.4": 1}
    assert rubro_3(five_years, two_months) == {"3.1": 6}
    results, _ = score_experience((one_year, eleven_months), CALENDAR)
    reason = next(r for r in results if r.id == "3.4")
    assert any("se asignó donde da más puntaje al postulante" in line for line in reason.counted)


def test_A2_3_calendar_months_are_not_monotone_in_the_days():
    """A.2, «whole calendar months of each merged period, plus leftover days summed at 30 days = 1
    month»: 30/01 (1 day) and February (1 month) are 1 month and 1 day; adding 31/01 merges them
    into 30/01–28/02, one calendar month (February has no 30th). With 8 months and 29 days more,
    10 months (1 point in 3.1) become 9 months and 29 days (0 points). Counted in days
    (``dias_30``) it does not happen."""
    base = (period("3.1", D(2015, 1, 30), D(2015, 1, 30)), period("3.1", D(2015, 2, 1), D(2015, 2, 28)),
            period("3.1", D(2016, 1, 1), D(2016, 9, 29)))
    assert rubro_3(*base) == {"3.1": 1}
    assert rubro_3(*base, period("3.1", D(2015, 1, 31), D(2015, 1, 31))) == {}
    # Counted in days (302, then 303), both are 10 months.
    assert rubro_3(*base, rules=DIAS_30) == rubro_3(*base, period("3.1", D(2015, 1, 31), D(2015, 1, 31)),
                                                    rules=DIAS_30) == {"3.1": 1}


def test_A2_3_time_split_between_criteria_adds_up_to_the_period():
    """A.2, same convention (issue 13): 3.5 takes 24 months out of the middle of 59 months 28 days
    as Director de UGEL (3.2), which keeps the 35 months 28 days left — 2 years, not 3. Counting
    the two pieces left to 3.2 as periods of their own (10 months 29 days + 25 months 1 day) made
    36 months, 60 scored from a union of 59 months 28 days; measured on the period's calendar
    the pieces add up to it."""
    director_ugel = period("3.2", D(2015, 3, 16), D(2020, 3, 14))
    con_aula = period("3.5", D(2016, 2, 14), D(2019, 2, 14))
    results, _ = score_experience((director_ugel, con_aula), CALENDAR)
    assert {r.id: r.points for r in results if r.points} == {"3.2": 2, "3.5": 4}
    assert {r.id: (r.months, r.days) for r in results if r.points} == {"3.2": (35, 28), "3.5": (24, 0)}
    assert count(counted_days((director_ugel, con_aula), CALENDAR), "calendario_mas_dias_30") == (59, 28)


def test_A2_3_abutting_periods_of_two_criteria_may_count_a_day_more_than_their_union():
    """A.2 leaves open what «the merged period» is when periods of different criteria abut: the
    escalafón counts each resolución's period on its own (whole calendar months plus days), so
    01/01–15/02/2015 as encargado (3.6: 1 month 15 days) and 16/02–31/03/2015 as profesor (3.1:
    1 month 16 days) count 3 months 1 day, while 01/01–31/03/2015 is 3 months (the month from
    16/02 to 15/03 has 28 days and counts as one). cddgen merges periods per criterion (A.2:
    «overlapping periods of one criterion are merged first»), never across criteria, so the bound
    of test_A2_3_days_counted_never_exceed_the_merged_periods is the sum of each criterion's
    merged periods; across criteria it holds only counting in days (dias_30). To be confirmed by
    the domain owner (reported in issue 13)."""
    encargo = period("3.6", D(2015, 1, 1), D(2015, 2, 15))
    aula = period("3.1", D(2015, 2, 16), D(2015, 3, 31))
    results, _ = score_experience((encargo, aula), CALENDAR)
    counted = {r.id: (r.months, r.days) for r in results if r.months or r.days}
    assert counted == {"3.6": (1, 15), "3.1": (1, 16)}
    assert count(counted_days((encargo, aula), CALENDAR), "calendario_mas_dias_30") == (3, 0)
    results, _ = score_experience((encargo, aula), DIAS_30)
    assert sum(r.months * 30 + r.days for r in results) == 90 == sum(e - s + 1 for s, e in
                                                                    counted_days((encargo, aula), DIAS_30))


# --------------------------------------------------------------------------- round trip through the form


# The Ascenso records keep an empty optional text as "".
optional_texts = st.one_of(st.just(""), texts)
numbers = st.one_of(st.none(), st.integers(0, 1000).map(float), st.decimals(0, 1000, places=2).map(float))
ROLES = tuple(RULES.comite.roles[1:])
REGIMENES = EXPERIENCE["3.1"].regimenes
SOURCES = {letter: RULES.requisitos.idoneidad_fuentes[letter] for letter in "bcd"}
LETTERS = tuple(RULES.bonificacion.documentos)


@st.composite
def valid_discapacidad(draw) -> Discapacidad | None:
    """A disability document the form accepts: type and presentation date always, the expedition
    date for the CONADIS resolución, the SIHCE result for certificates."""
    if draw(st.booleans()):
        return None
    letter = draw(st.sampled_from(LETTERS))
    return Discapacidad(
        documento=letter, numero=draw(optional_texts), fecha_presentacion=draw(form_dates),
        fecha_expedicion=draw(form_dates if letter in RULES.bonificacion.documentos_con_fecha_limite
                              else optional_dates),
        sihce=draw(st.sampled_from(RULES.bonificacion.resultados_sihce)
                   if letter in RULES.bonificacion.documentos_sihce
                   else st.one_of(st.none(), st.sampled_from(RULES.bonificacion.resultados_sihce))),
    )


@st.composite
def form_postulante(draw, dni: str) -> Postulante:
    """A postulante the form accepts, with records of every sheet."""
    dispensed = draw(st.one_of(st.none(), st.sampled_from(ROLES)))
    inicio = draw(st.lists(form_dates, max_size=3))
    ascended = draw(st.booleans())
    return Postulante(
        dni=dni, nombres=draw(texts), apellidos=draw(texts), correo=draw(emails), direccion=draw(optional_texts),
        region=draw(texts), iged=draw(texts), escala=draw(st.integers(1, 7)),
        tiempo_escala=Tiempo(draw(st.integers(0, 40)), draw(st.integers(0, 11)), draw(st.integers(0, 29))),
        ascendio_2022=ascended, rural_desde_inscripcion=draw(st.booleans()),
        rural_tres_anios=draw(st.booleans()), fecha_nombramiento=draw(form_dates),
        grupo_corresponde=draw(st.booleans()), condena_leyes=draw(st.booleans()),
        condena_dolosa=draw(st.booleans()), sancion=draw(st.booleans()),
        puntaje_nacional=draw(st.decimals(0, 200, places=3)),
        discapacidad=draw(valid_discapacidad()),
        firma_dispensada=dispensed, motivo_dispensa=draw(texts) if dispensed else None,
        fecha_acta=draw(optional_dates),
        grados=tuple(draw(st.lists(st.builds(
            Grado, dni=st.just(dni), tipo=st.sampled_from(grado_types(RULES)), denominacion=optional_texts,
            institucion=texts, situacion=st.sampled_from(RULES.matriz.situaciones),
            fecha_emision=optional_dates), max_size=3))),
        capacitaciones=tuple(draw(st.lists(st.builds(
            Capacitacion, dni=st.just(dni), tipo=st.sampled_from(training_types(RULES)), denominacion=optional_texts,
            entidad_tipo=st.sampled_from(RULES.listas.entidades), entidad=optional_texts, creditos=numbers,
            horas=numbers, fecha_emision=optional_dates), max_size=3))),
        meritos=tuple(draw(st.lists(st.builds(
            Merito, dni=st.just(dni), tipo=st.sampled_from(merit_types(RULES)),
            documento=st.sampled_from(RULES.listas.documentos_merito), numero_documento=optional_texts,
            fecha=optional_dates, descripcion=optional_texts), max_size=3))),
        experiencia=tuple(
            Periodo(dni, draw(st.sampled_from(ALL_CARGOS)), draw(optional_texts), start,
                    draw(st.one_of(st.none(), st.integers(0, 5000).map(lambda n, s=start: s + dt.timedelta(days=n)))),
                    draw(optional_texts), regimen=draw(st.one_of(st.just(""), st.sampled_from(REGIMENES))))
            for start in inicio
        ),
        fecha_ascenso_2022=draw(st.one_of(st.none(), st.dates(D(2022, 1, 1), D(2025, 5, 15)))) if ascended else None,
        documentos_idoneidad=tuple(
            DocumentoIdoneidad(letter, draw(texts), draw(optional_dates),
                               draw(st.one_of(st.just(""), st.sampled_from(SOURCES[letter]))))
            for letter in sorted(draw(st.lists(st.sampled_from("bcd"), unique=True)))
        ),
    )


def _row(record, **names) -> dict:
    """A record as a form row: field → value, "" written as an empty cell."""
    row = {f.name: getattr(record, f.name) for f in fields(record) if f.name != "source"}
    row.update(names)
    return {key: (None if value == "" else value) for key, value in row.items()}


def form_data(people: list[Postulante]) -> dict:
    documents = RULES.bonificacion.documentos
    rows = []
    for p in people:
        t, doc = p.tiempo_escala, p.discapacidad
        row = _row(p, tiempo_anios=t.anios, tiempo_meses=t.meses, tiempo_dias=t.dias,
                   rural_inscripcion=p.rural_desde_inscripcion, rural_tres_anios=p.rural_tres_anios,
                   puntaje_nacional=float(p.puntaje_nacional))
        if doc:
            row.update(disc_documento=documents[doc.documento], disc_numero=doc.numero or None,
                       disc_presentacion=doc.fecha_presentacion, disc_expedicion=doc.fecha_expedicion,
                       disc_sihce=doc.sihce)
        del row["documentos_idoneidad"]
        for item in p.documentos_idoneidad:
            row.update({f"idon_{item.requisito}_documento": item.documento, f"idon_{item.requisito}_fecha": item.fecha,
                        f"idon_{item.requisito}_fuente": item.fuente or None})
        rows.append(row)
    return {
        POSTULANTES_SHEET: rows,
        GRADOS_SHEET: [_row(r) for p in people for r in p.grados],
        CAPACITACIONES_SHEET: [_row(r) for p in people for r in p.capacitaciones],
        MERITOS_SHEET: [_row(r) for p in people for r in p.meritos],
        EXPERIENCIA_SHEET: [_row(r) for p in people for r in p.experiencia],
    }


@settings(max_examples=ROUND_TRIPS)
@given(st.lists(dnis, min_size=1, max_size=3, unique=True).flatmap(
    lambda dni_list: st.tuples(*(form_postulante(dni) for dni in dni_list))))
def test_A_a_written_ascenso_workbook_reads_back_the_same_postulantes(people):
    """A.1–A.3 inputs: a workbook written with write_form from the Ascenso form spec reads back
    (read_ascenso) into the same postulantes and records — names with accents, ñ, apostrophes,
    & and <, text that looks like a formula, DNIs with leading zeros, dates as dates."""
    with tempfile.TemporaryDirectory(prefix="cddgen-prop-") as folder:
        path = write_form(ascenso_form(RULES), Path(folder) / "ascenso.xlsx", form_data(list(people)))
        read = read_ascenso(path, RULES)
    note(f"read back: {read}")
    assert without_sources(read) == tuple(people)
