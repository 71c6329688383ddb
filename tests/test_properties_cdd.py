"""Property tests of the Compromisos de Desempeño CETPRO indicators (DOMAIN.md B; seed 000,
«Resumen de las Fichas Técnicas»).

Hypothesis builds CETPRO cases with students, docentes, egresados and convenios registered
or signed around the cut-off dates (2025-05-09, 2025-05-30, 2025-07-31, the day after the
norma's approval) and checks what every indicator promises: percentages within 0–100, every
row classified once, the meta met exactly when the percentage reaches it, the MMA rule, and
that a workbook written from the form spec reads back into the same case.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import assume, given, note, settings
from hypothesis import strategies as st

from generator.config import load_settings
from generator.domain.cdd import (
    SPLIT_ALL_OR_NOTHING,
    SPLIT_PROPORTIONAL,
    Agreement,
    Cetpro,
    CetproCase,
    Graduate,
    IndicatorResult,
    Program,
    Standing,
    Student,
    Teacher,
    evaluate,
    evaluate_agreements,
    evaluate_graduates,
    evaluate_students,
    evaluate_teachers,
    mma_earned,
)
from generator.domain.common import Source
from generator.forms.cdd import (
    ACADEMIC_LEVELS,
    AGREEMENT_TYPES,
    AGREEMENTS_SHEET,
    CETPRO_SHEET,
    DEGREES,
    DIRECTOR_CARGOS,
    DOCUMENT_TYPES,
    GRADUATES_SHEET,
    JOB_SITUATIONS,
    OTHER_CONDITIONS,
    PROGRAMS_SHEET,
    SEXES,
    STUDENTS_SHEET,
    TEACHERS_SHEET,
    cdd_form,
    field_labels,
)
from generator.forms.xlsx_writer import write_form
from generator.readers.cdd import read_cdd

from .form_strategies import (
    codes,
    dnis,
    emails,
    form_dates,
    optional_dates,
    optional_texts,
    phones,
    texts,
    without_sources,
)

D = dt.date
EDITION = load_settings(environ={}).rules.cdd
SPEC = cdd_form(EDITION)
LABELS = field_labels(SPEC)
ROUND_TRIPS = max(10, settings().max_examples // 6)


# --------------------------------------------------------------------------- strategies


def around(day: dt.date, days: int = 3) -> st.SearchStrategy[dt.date]:
    return st.dates(day - dt.timedelta(days=days), day + dt.timedelta(days=days))


def registered(*days: dt.date) -> st.SearchStrategy[dt.date | None]:
    return st.one_of(st.none(), *(around(day) for day in days), st.dates(D(2024, 1, 1), D(2026, 1, 1)))


blank = st.sampled_from([None, "", "   "])
filled = st.sampled_from(["Lucía", "Ñañez D'Alessandro", "Cocina & Pastelería", "=1+1", "x"])
periods = st.sampled_from([EDITION.period, EDITION.period.lower(), f" {EDITION.period} ", "2024-II", "2025-II"])


def sources(sheet: str):
    return st.integers(2, 10_000).map(lambda row: Source(sheet, row))


students = st.builds(
    Student, tipo_documento=st.sampled_from(DOCUMENT_TYPES), documento=st.just("71000001"), nombre=filled,
    periodo=periods,
    registered=registered(EDITION.students_numerator_until, EDITION.students_denominator_until),
    source=sources(STUDENTS_SHEET),
)
teachers = st.builds(
    Teacher,
    condicion=st.sampled_from(EDITION.teacher_conditions + OTHER_CONDITIONS + ("nombrado", "CONTRATADO")),
    registered=registered(EDITION.closes("1.2")),
    values=st.fixed_dictionaries({name: st.one_of(filled, blank) for name in EDITION.teacher_variables}).map(
        lambda values: {**values, "periodo_academico": values["periodo_academico"] and EDITION.period}
    ) | st.fixed_dictionaries({name: filled for name in EDITION.teacher_variables}).map(
        lambda values: {**values, "periodo_academico": EDITION.period}),
    source=sources(TEACHERS_SHEET),
)
graduates = st.builds(
    Graduate, anio=st.sampled_from(EDITION.graduate_years + (2022, 2025)), registered=registered(EDITION.closes("1.3")),
    values=st.one_of(
        st.fixed_dictionaries({name: filled for name in EDITION.graduate_fields}),
        st.fixed_dictionaries({name: st.one_of(filled, blank) for name in EDITION.graduate_fields}),
    ),
    source=sources(GRADUATES_SHEET),
)
PROGRAMS = (Program("Cocina y Pastelería", "Técnicas de Cocina"), Program("Computación e Informática"))
agreements = st.builds(
    Agreement, institucion=st.just("I.E. N° 2050"), codigo_modular=st.just("0334567"),
    signed=st.one_of(around(EDITION.agreements_from), around(EDITION.agreements_until),
                     st.dates(D(2024, 6, 1), D(2025, 12, 31))),
    programa=st.sampled_from(["Cocina y Pastelería", "COCINA Y PASTELERIA", "  técnicas   de cocina ",
                              "Computación e Informática", "Mecánica"]),
    checklist=st.fixed_dictionaries({item.field: st.sampled_from([True, True, True, False, None])
                                     for item in EDITION.checklist}),
    source=sources(AGREEMENTS_SHEET),
)
CETPRO = Cetpro(EDITION.mma[0].codigo_modular, EDITION.mma[0].nombre, EDITION.mma[0].ugel, "Carmen Villanueva",
                "09876543", "Director(a)", "cetpro@ugel02.gob.pe", "Av. Alcázar 450, Rímac")
cases = st.builds(
    CetproCase, cetpro=st.sampled_from([dataclasses.replace(CETPRO, codigo_modular=entry.codigo_modular)
                                        for entry in EDITION.mma]),
    students=st.lists(students, max_size=12).map(tuple), teachers=st.lists(teachers, max_size=8).map(tuple),
    graduates=st.lists(graduates, max_size=8).map(tuple), agreements=st.lists(agreements, max_size=4).map(tuple),
    programs=st.just(PROGRAMS),
)
splits = st.sampled_from([SPLIT_ALL_OR_NOTHING, SPLIT_PROPORTIONAL])


def results(case: CetproCase, split: str = SPLIT_ALL_OR_NOTHING):
    evaluation = evaluate(case, dataclasses.replace(EDITION, split=split), LABELS)
    return evaluation, [result for tramo in evaluation.tramos.values() for result in tramo.indicators]


def inputs(case: CetproCase, code: str):
    return {"1.1": case.students, "1.2": case.teachers, "1.3": case.graduates, "2.1": case.agreements}[code]


# --------------------------------------------------------------------------- B: the indicators


@given(cases)
def test_B_percentages_stay_within_0_and_100(case):
    """B: every indicator is a percentage, 0–100 (2.1 is capped at 100 % when there are more
    valid convenios than required); without data (denominator 0) there is none."""
    _, indicators = results(case)
    for result in indicators:
        if result.denominator == 0:
            assert result.ratio is None and result.percent is None and not result.meets
            continue
        assert 0 <= result.ratio <= 100 and Decimal(0) <= result.percent <= Decimal(100), result.code
        assert abs(result.percent - Decimal(result.ratio.numerator) / result.ratio.denominator) <= Decimal("0.1")


@given(cases)
def test_B_numerator_never_exceeds_denominator(case):
    """B, indicators 1.1–1.3: the numerator counts rows of the denominator, so it is never larger.
    Indicator 2.1 divides by the convenios required (2), not by those presented: 3 valid
    convenios are 3 of 2, shown as 100 %."""
    _, indicators = results(case)
    for result in indicators:
        if result.code == "2.1":
            assert result.denominator == EDITION.agreements_required
            assert result.ratio == min(Fraction(100 * result.numerator, result.denominator), Fraction(100))
        else:
            assert 0 <= result.numerator <= result.denominator, result.code


@given(cases)
def test_B_every_row_is_classified_exactly_once(case):
    """B: every row of a medio de verificación comes out once, in its order, as counts,
    denominator only or not considered, with a reason; the counts are the classification's."""
    _, indicators = results(case)
    for result in indicators:
        rows = inputs(case, result.code)
        assert [row.source for row in result.rows] == [row.source for row in rows], result.code
        assert all(isinstance(row.standing, Standing) and row.reason for row in result.rows)
        assert result.numerator == sum(row.standing is Standing.COUNTS for row in result.rows)
        if result.code != "2.1":
            assert result.denominator == sum(row.standing is not Standing.EXCLUDED for row in result.rows)
        else:
            assert all(row.standing is not Standing.DENOMINATOR_ONLY for row in result.rows)


@given(st.lists(students, max_size=15))
def test_B_1_1_a_student_counts_by_the_day_of_registration(rows):
    """B, 1.1: of the 2025-I students, those registered by 09/05/2025 count, those registered by
    30/05/2025 are in the denominator only, later or never are not considered (days included)."""
    result = evaluate_students(rows, EDITION)
    for student, row in zip(rows, result.rows):
        if student.periodo.strip().lower() != EDITION.period.lower() or student.registered is None:
            expected = Standing.EXCLUDED
        elif student.registered <= D(2025, 5, 9):
            expected = Standing.COUNTS
        elif student.registered <= D(2025, 5, 30):
            expected = Standing.DENOMINATOR_ONLY
        else:
            expected = Standing.EXCLUDED
        assert row.standing is expected, student


@given(cases)
def test_B_the_meta_is_met_exactly_when_the_percentage_reaches_it(case):
    """B: «cumple» iff numerator × 100 / denominator ≥ meta, compared as exact fractions; the
    percentage shown never reaches the meta when it is not met, and always does when it is."""
    _, indicators = results(case)
    for result in indicators:
        if result.denominator == 0:
            assert not result.meets
            continue
        exact = Fraction(100 * result.numerator, result.denominator)
        assert result.meets == (exact >= result.meta), result.code
        assert (result.percent >= result.meta) == result.meets, result.code


@given(cases, st.data())
def test_B_one_more_row_that_counts_never_lowers_an_indicator(case, data):
    """B: a student, docente, egresado or convenio that counts can only raise its indicator
    (and cannot undo a met meta); one that is not considered changes nothing."""
    code, strategy, compute = data.draw(st.sampled_from([
        ("1.1", students, lambda rows: evaluate_students(rows, EDITION)),
        ("1.2", teachers, lambda rows: evaluate_teachers(rows, EDITION, LABELS)),
        ("1.3", graduates, lambda rows: evaluate_graduates(rows, EDITION, LABELS)),
        ("2.1", agreements, lambda rows: evaluate_agreements(rows, PROGRAMS, EDITION)),
    ]))
    rows = list(inputs(case, code))
    before = compute(rows)
    extra = data.draw(strategy)
    after = compute(rows + [extra])
    standing = after.rows[-1].standing
    note(f"{code}: {before.numerator}/{before.denominator} → {after.numerator}/{after.denominator} ({standing})")
    if standing is Standing.COUNTS:
        assert after.ratio >= (before.ratio or 0) and (after.meets or not before.meets)
    elif standing is Standing.EXCLUDED:
        assert (after.numerator, after.denominator, after.meets) == (before.numerator, before.denominator, before.meets)


# --------------------------------------------------------------------------- B: the MMA


@given(cases, splits)
def test_B_mma_all_or_nothing_or_proportional(case, split):
    """B: a tramo's MMA is earned in full only when every meta of the tramo is met, nothing
    otherwise («todo_o_nada», the default); «proporcional» earns met/total of it, never more."""
    evaluation, _ = results(case, split)
    for tramo in evaluation.tramos.values():
        maximum = Decimal(evaluation.mma.amount(tramo.tramo.number))
        assert tramo.mma_max == maximum
        if split == SPLIT_ALL_OR_NOTHING:
            assert tramo.mma_earned == (maximum if tramo.meets_all else 0)
        else:
            assert 0 <= tramo.mma_earned <= maximum
            assert abs(tramo.mma_earned - maximum * tramo.met / len(tramo.indicators)) <= Decimal("0.005")
    assert evaluation.mma_earned == sum(tramo.mma_earned for tramo in evaluation.tramos.values())
    assert 0 <= evaluation.mma_earned <= evaluation.mma_max


@given(st.integers(0, 10_000_000), st.lists(st.booleans(), min_size=1, max_size=4), splits, st.data())
def test_B_mma_grows_with_the_metas_met(maximum, met, split, data):
    """B: meeting one more meta of a tramo never earns less; with «todo_o_nada» the MMA is 0 or
    the whole amount."""
    indicator = EDITION.indicators["1.1"]

    def earned(flags):
        return mma_earned(maximum, [IndicatorResult(indicator, int(flag), 1, ()) for flag in flags], split)

    before = earned(met)
    assert 0 <= before <= maximum
    if split == SPLIT_ALL_OR_NOTHING:
        assert before in (0, maximum)
    index = data.draw(st.integers(0, len(met) - 1))
    assert earned(met[:index] + [True] + met[index + 1:]) >= before


# --------------------------------------------------------------------------- round trip through the form


def _document(tipo: str | None) -> st.SearchStrategy[str]:
    if tipo == "DNI":
        return dnis
    return st.from_regex(r"[A-Z0-9]{4,15}", fullmatch=True)


@st.composite
def form_rows(draw):
    """The rows of a CdD workbook that validates: a CETPRO of the MMA table, documents that fit
    their type and are not repeated, oficio dates not after their tramo's close."""
    entry = draw(st.sampled_from(EDITION.mma))
    cetpro = {
        "codigo_modular": entry.codigo_modular, "nombre": draw(texts), "ugel": entry.ugel,
        "director": draw(texts), "dni_director": draw(dnis),
        "cargo_director": draw(st.one_of(st.none(), st.sampled_from(DIRECTOR_CARGOS))), "correo": draw(emails),
        "telefono": draw(st.one_of(st.none(), phones)), "direccion": draw(texts), "lugar": draw(optional_texts),
        **{f"fecha_oficio_{number}": draw(st.one_of(st.none(), st.dates(D(2025, 1, 1), tramo.closes)))
           for number, tramo in EDITION.tramos.items()},
    }
    students = []
    for tipo in draw(st.lists(st.sampled_from(DOCUMENT_TYPES), max_size=4)):
        students.append({
            "tipo_documento": tipo, "documento": draw(_document(tipo)), "nombre": draw(texts),
            "programa": draw(optional_texts), "modulo": draw(optional_texts), "periodo": draw(texts),
            "fecha_registro": draw(optional_dates),
        })
    teachers = [{
        "condicion": draw(st.sampled_from(EDITION.teacher_conditions + OTHER_CONDITIONS)),
        "fecha_registro": draw(optional_dates), "nombres": draw(optional_texts), "apellidos": draw(optional_texts),
        "dni": dni, "periodo_academico": draw(optional_texts), "programa": draw(optional_texts),
        "modulo": draw(optional_texts), "correo": draw(st.one_of(st.none(), emails)),
        "nivel_academico": draw(st.one_of(st.none(), st.sampled_from(ACADEMIC_LEVELS))),
        "grado": draw(st.one_of(st.none(), st.sampled_from(DEGREES))),
        **{name: draw(optional_texts) for name in ("denominacion_grado", "institucion_grado", "ultimo_titulo",
                                                    "denominacion_titulo", "institucion_titulo")},
    } for dni in draw(st.lists(st.one_of(st.none(), dnis), max_size=4).map(_unique))]
    graduates = []
    for tipo in draw(st.lists(st.one_of(st.none(), st.sampled_from(DOCUMENT_TYPES)), max_size=4)):
        graduates.append({
            "anio": draw(st.integers(1990, 2030)), "fecha_registro": draw(optional_dates), "tipo_documento": tipo,
            "numero_documento": draw(st.one_of(st.none(), _document(tipo))), "apellidos": draw(optional_texts),
            "nombres": draw(optional_texts), "sexo": draw(st.one_of(st.none(), st.sampled_from(SEXES))),
            "fecha_nacimiento": draw(optional_dates), "programa": draw(optional_texts),
            "fecha_egreso": draw(optional_dates), "celular": draw(st.one_of(st.none(), phones)),
            "correo": draw(st.one_of(st.none(), emails)),
            "situacion_laboral": draw(st.one_of(st.none(), st.sampled_from(JOB_SITUATIONS))),
        })
    agreements = [{
        "institucion": draw(texts), "codigo_modular": draw(codes(7)),
        "tipo": draw(st.one_of(st.none(), st.sampled_from(AGREEMENT_TYPES))), "fecha": draw(form_dates),
        "programa": draw(texts),
        **{item.field: draw(st.one_of(st.none(), st.booleans())) for item in EDITION.checklist},
    } for _ in range(draw(st.integers(0, 3)))]
    programs = [{"programa": draw(texts), "modulo": draw(optional_texts)} for _ in range(draw(st.integers(0, 3)))]
    assume(len({(s["tipo_documento"], s["documento"]) for s in students}) == len(students))
    assume(len({(g["numero_documento"], g["programa"]) for g in graduates if g["numero_documento"]})
           == sum(1 for g in graduates if g["numero_documento"]))
    return {CETPRO_SHEET: cetpro, STUDENTS_SHEET: students, TEACHERS_SHEET: teachers, GRADUATES_SHEET: graduates,
            AGREEMENTS_SHEET: agreements, PROGRAMS_SHEET: programs}


def _unique(items: list) -> list:
    seen: set = set()
    return [item for item in items if item is None or not (item in seen or seen.add(item))]


def expected_case(data) -> CetproCase:
    """The CetproCase the reader must build from the rows written (sources left out)."""

    def full(sheet: str, row: dict) -> dict:
        return {column.field: row.get(column.field) for column in SPEC.sheet(sheet).columns}

    head = data[CETPRO_SHEET]
    cetpro = Cetpro(
        codigo_modular=head["codigo_modular"], nombre=head["nombre"], ugel=head["ugel"], director=head["director"],
        dni_director=head["dni_director"], cargo_director=head["cargo_director"] or "Director(a)",
        correo=head["correo"], direccion=head["direccion"], telefono=head["telefono"] or "",
        lugar=head["lugar"] or "Lima",
        oficio_dates={n: head[f"fecha_oficio_{n}"] for n in EDITION.tramos if head[f"fecha_oficio_{n}"]},
    )
    return CetproCase(
        cetpro=cetpro,
        students=tuple(Student(r["tipo_documento"], r["documento"], r["nombre"], r["periodo"], r["fecha_registro"],
                               full(STUDENTS_SHEET, r)) for r in data[STUDENTS_SHEET]),
        teachers=tuple(Teacher(r["condicion"], r["fecha_registro"], full(TEACHERS_SHEET, r))
                       for r in data[TEACHERS_SHEET]),
        graduates=tuple(Graduate(r["anio"], r["fecha_registro"], full(GRADUATES_SHEET, r))
                        for r in data[GRADUATES_SHEET]),
        agreements=tuple(Agreement(r["institucion"], r["codigo_modular"], r["fecha"], r["programa"],
                                   {item.field: r[item.field] for item in EDITION.checklist}, r["tipo"] or "",
                                   full(AGREEMENTS_SHEET, r)) for r in data[AGREEMENTS_SHEET]),
        programs=tuple(Program(r["programa"], r["modulo"] or "", full(PROGRAMS_SHEET, r))
                       for r in data[PROGRAMS_SHEET]),
    )


@settings(max_examples=ROUND_TRIPS)
@given(form_rows())
def test_B_a_written_cdd_workbook_reads_back_the_same_case(data):
    """B inputs: a workbook written with write_form from the CdD form spec reads back (read_cdd)
    into the same CETPRO case — names with accents, ñ, apostrophes, & and <, text that looks like
    a formula, códigos modulares and DNIs with leading zeros, dates as dates."""
    with tempfile.TemporaryDirectory(prefix="cddgen-prop-") as folder:
        path = write_form(SPEC, Path(folder) / "cdd.xlsx", data)
        case = read_cdd(path, EDITION)
    note(f"read back: {case}")
    assert without_sources(case) == expected_case(data)
