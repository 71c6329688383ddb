"""The indicators 1.1, 1.2, 1.3 and 2.1 of a CETPRO per tramo, every row classified with its Spanish
reason, and the MMA it earns (DOMAIN.md B; seed 000, «Resumen de las Fichas Técnicas»)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import Enum
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

from ...wording import short_date
from ..common import Source
from .edition import SPLIT_ALL_OR_NOTHING, SPLIT_RULES, Edition, Indicator, MmaEntry, Tramo
from .records import Agreement, Cetpro, CetproCase, Graduate, Program, Student, Teacher, normalize_name


# --------------------------------------------------------------------------- the results


class Standing(str, Enum):
    COUNTS = "cuenta"
    DENOMINATOR_ONLY = "solo denominador"
    EXCLUDED = "no se considera"

    @property
    def label(self) -> str:
        return {
            Standing.COUNTS: "Cuenta (numerador y denominador)",
            Standing.DENOMINATOR_ONLY: "Solo en el denominador",
            Standing.EXCLUDED: "No se considera",
        }[self]


@dataclass(frozen=True)
class RowResult:
    """How one row of a medio de verificación counts for its indicator, and why."""

    standing: Standing
    reason: str
    who: str
    source: Source | None = None


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    numerator: int
    denominator: int
    rows: tuple[RowResult, ...]
    cap: bool = False  # 2.1: the percentage never passes 100 %

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def meta(self) -> int:
        return self.indicator.meta

    @property
    def ratio(self) -> Fraction | None:
        """The exact percentage (numerator × 100 / denominator), or None without data."""
        if self.denominator == 0:
            return None
        value = Fraction(self.numerator * 100, self.denominator)
        return min(value, Fraction(100)) if self.cap else value

    @property
    def percent(self) -> Decimal | None:
        """The percentage with one decimal (half up), except that a percentage below the meta is
        never shown as reaching it: 79.96 % shows as 79.9 %, not 80 %."""
        ratio = self.ratio
        if ratio is None:
            return None
        exact = Decimal(ratio.numerator) / Decimal(ratio.denominator)
        shown = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if ratio < self.meta <= shown:
            shown = exact.quantize(Decimal("0.1"), rounding=ROUND_DOWN)
        return shown

    @property
    def has_data(self) -> bool:
        return self.denominator > 0

    @property
    def meets(self) -> bool:
        """Exactly the meta meets it (≥); without data it does not."""
        ratio = self.ratio
        return ratio is not None and ratio >= self.meta

    @property
    def verdict(self) -> str:
        if not self.has_data:
            return "No cumple (sin datos)"
        return "Cumple" if self.meets else "No cumple"

    @property
    def explanation(self) -> str:
        """One Spanish sentence for the documents: the result against the meta."""
        if not self.has_data:
            return (f"Indicador {self.code}: sin datos (denominador 0); un indicador sin datos no "
                    f"alcanza la meta de {self.meta} %.")
        shown = f"{self.percent.normalize():f}".rstrip(".")
        return (f"Indicador {self.code}: {self.numerator} de {self.denominator} = {shown} %, meta {self.meta} %: "
                f"{'cumple' if self.meets else 'no cumple'}.")

    def not_counting(self) -> tuple[RowResult, ...]:
        return tuple(row for row in self.rows if row.standing is not Standing.COUNTS)


@dataclass(frozen=True)
class TramoResult:
    tramo: Tramo
    indicators: tuple[IndicatorResult, ...]
    mma_max: int
    mma_earned: Decimal
    split: str

    @property
    def met(self) -> int:
        return sum(1 for result in self.indicators if result.meets)

    @property
    def meets_all(self) -> bool:
        return self.met == len(self.indicators)


@dataclass(frozen=True)
class CetproEvaluation:
    case: CetproCase
    mma: MmaEntry
    tramos: Mapping[int, TramoResult]

    @property
    def cetpro(self) -> Cetpro:
        return self.case.cetpro

    def indicator(self, code: str) -> IndicatorResult:
        for tramo in self.tramos.values():
            for result in tramo.indicators:
                if result.code == code:
                    return result
        raise KeyError(code)

    @property
    def mma_max(self) -> int:
        return sum(tramo.mma_max for tramo in self.tramos.values())

    @property
    def mma_earned(self) -> Decimal:
        return sum((tramo.mma_earned for tramo in self.tramos.values()), Decimal(0))


# --------------------------------------------------------------------------- the indicators


def _result(indicator: Indicator, rows: list[RowResult], *, cap: bool = False,
            denominator: int | None = None) -> IndicatorResult:
    numerator = sum(1 for row in rows if row.standing is Standing.COUNTS)
    if denominator is None:
        denominator = sum(1 for row in rows if row.standing is not Standing.EXCLUDED)
    return IndicatorResult(indicator, numerator, denominator, tuple(rows), cap=cap)


def evaluate_students(students: Sequence[Student], edition: Edition) -> IndicatorResult:
    """1.1: registered in the AVANZA by the numerator's date → numerator and denominator; by the
    denominator's date → denominator only; later or never → neither."""
    first, last = edition.students_numerator_until, edition.students_denominator_until
    rows: list[RowResult] = []
    for student in students:
        who = f"{student.nombre} ({student.tipo_documento} {student.documento})".strip()
        if normalize_name(student.periodo) != normalize_name(edition.period):
            rows.append(RowResult(Standing.EXCLUDED, (
                f"matriculado en el periodo «{student.periodo}», no en {edition.period}: no cuenta ni en el "
                "numerador ni en el denominador."), who, student.source))
        elif student.registered is None:
            rows.append(RowResult(Standing.EXCLUDED, (
                "sin fecha de registro en el AVANZA: no cuenta ni en el numerador ni en el denominador; "
                f"regístrelo hasta el {short_date(first)} para que cuente."), who, student.source))
        elif student.registered <= first:
            rows.append(RowResult(Standing.COUNTS, (
                f"registrado en el AVANZA el {short_date(student.registered)}, hasta el {short_date(first)}: cuenta en el "
                "numerador y en el denominador."), who, student.source))
        elif student.registered <= last:
            rows.append(RowResult(Standing.DENOMINATOR_ONLY, (
                f"registrado en el AVANZA el {short_date(student.registered)}, después del {short_date(first)}: cuenta solo "
                f"en el denominador (registrado hasta el {short_date(last)})."), who, student.source))
        else:
            rows.append(RowResult(Standing.EXCLUDED, (
                f"registrado en el AVANZA el {short_date(student.registered)}, después del {short_date(last)}: no cuenta ni "
                "en el numerador ni en el denominador."), who, student.source))
    return _result(edition.indicators["1.1"], rows)


def _missing(values: Mapping[str, Any], fields: Iterable[str], labels: Mapping[str, str]) -> list[str]:
    missing = []
    for name in fields:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(f"«{labels.get(name, name)}»")
    return missing


def _listing(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " y " + items[-1]


def evaluate_teachers(teachers: Sequence[Teacher], edition: Edition, labels: Mapping[str, str]) -> IndicatorResult:
    """1.2: nombrados and contratados registered by the tramo's closing date with all the
    variables count; the others are in the denominator only (``labels`` names each field)."""
    closes = edition.closes("1.2")
    allowed = {normalize_name(name): name for name in edition.teacher_conditions}
    conditions = _listing([name.lower() + "s" for name in edition.teacher_conditions])
    rows: list[RowResult] = []
    for teacher in teachers:
        who = teacher.nombre + (f" (DNI {teacher.values['dni']})" if teacher.values.get("dni") else "")
        period = teacher.values.get("periodo_academico")
        if period and normalize_name(period) != normalize_name(edition.period):
            rows.append(RowResult(Standing.EXCLUDED, (
                f"docente del periodo «{period}», no de {edition.period}: no cuenta ni en el numerador ni en "
                "el denominador."), who, teacher.source))
            continue
        failures: list[str] = []
        if normalize_name(teacher.condicion) not in allowed:
            if not edition.other_conditions_in_denominator:
                rows.append(RowResult(Standing.EXCLUDED, (
                    f"condición «{teacher.condicion}»: el indicador solo considera a los docentes {conditions}; "
                    "no cuenta ni en el numerador ni en el denominador."), who, teacher.source))
                continue
            failures.append(f"su condición es «{teacher.condicion}» y solo cuentan en el numerador los "
                            f"docentes {conditions}")
        missing = _missing(teacher.values, edition.teacher_variables, labels)
        if missing:
            failures.append(f"falta{'n' if len(missing) > 1 else ''} {_listing(missing)} (de las "
                            f"{len(edition.teacher_variables)} variables obligatorias)")
        if teacher.registered is None:
            failures.append(f"no tiene fecha de registro (debe registrarse hasta el {short_date(closes)})")
        elif teacher.registered > closes:
            failures.append(f"se registró el {short_date(teacher.registered)}, después del cierre del tramo "
                            f"{edition.indicators['1.2'].tramo} ({short_date(closes)})")
        if failures:
            rows.append(RowResult(Standing.DENOMINATOR_ONLY,
                                  "no es oportuna: " + "; ".join(failures) + ". Cuenta solo en el denominador.",
                                  who, teacher.source))
        else:
            rows.append(RowResult(Standing.COUNTS, (
                f"{teacher.condicion.lower()}, registrado el {short_date(teacher.registered)} con las "
                f"{len(edition.teacher_variables)} variables: cuenta en el numerador y en el denominador."),
                who, teacher.source))
    return _result(edition.indicators["1.2"], rows)


def evaluate_graduates(graduates: Sequence[Graduate], edition: Edition, labels: Mapping[str, str]) -> IndicatorResult:
    """1.3: egresados of the edition's years registered by the tramo's closing date and complete."""
    closes = edition.closes("1.3")
    years = _listing([str(year) for year in edition.graduate_years])
    rows: list[RowResult] = []
    for graduate in graduates:
        who = graduate.nombre + (f" ({graduate.values['numero_documento']})"
                                 if graduate.values.get("numero_documento") else "")
        if graduate.anio not in edition.graduate_years:
            rows.append(RowResult(Standing.EXCLUDED, (
                f"egresó en {graduate.anio}: el indicador solo considera a los egresados de {years}; no cuenta "
                "ni en el numerador ni en el denominador."), who, graduate.source))
            continue
        failures: list[str] = []
        missing = _missing(graduate.values, edition.graduate_fields, labels)
        if missing:
            failures.append(f"registro incompleto: falta{'n' if len(missing) > 1 else ''} {_listing(missing)}")
        if graduate.registered is None:
            failures.append(f"no tiene fecha de registro (debe registrarse hasta el {short_date(closes)})")
        elif graduate.registered > closes:
            failures.append(f"se registró el {short_date(graduate.registered)}, después del cierre del tramo "
                            f"{edition.indicators['1.3'].tramo} ({short_date(closes)})")
        if failures:
            rows.append(RowResult(Standing.DENOMINATOR_ONLY,
                                  "; ".join(failures) + ". Cuenta solo en el denominador.", who, graduate.source))
        else:
            rows.append(RowResult(Standing.COUNTS, (
                f"egresado {graduate.anio}, registrado el {short_date(graduate.registered)} con todos los campos: "
                "cuenta en el numerador y en el denominador."), who, graduate.source))
    return _result(edition.indicators["1.3"], rows)


def evaluate_agreements(agreements: Sequence[Agreement], programs: Sequence[Program],
                        edition: Edition) -> IndicatorResult:
    """2.1: valid convenios over the convenios required; the reason names every failing condition."""
    first, last = edition.agreements_from, edition.agreements_until
    registered = {normalize_name(name) for program in programs for name in (program.programa, program.modulo) if name}
    rows: list[RowResult] = []
    for agreement in agreements:
        who = f"{agreement.institucion} (código modular {agreement.codigo_modular})"
        failures: list[str] = []
        if agreement.signed < first:
            failures.append(f"se suscribió o renovó el {short_date(agreement.signed)}, antes del {short_date(first)} "
                            f"(día siguiente a la aprobación de la Norma Técnica, {short_date(edition.approved)})")
        elif agreement.signed > last:
            failures.append(f"se suscribió o renovó el {short_date(agreement.signed)}, después del cierre del tramo "
                            f"{edition.indicators['2.1'].tramo} ({short_date(last)})")
        if normalize_name(agreement.programa) not in registered:
            failures.append(f"el programa o módulo «{agreement.programa}» no coincide con ninguno registrado en "
                            f"el AVANZA {edition.period}")
        unmet = [f"«{item.text}»" for item in edition.checklist if agreement.checklist.get(item.field) is not True]
        if unmet:
            failures.append("no cumple el numeral 6.6.2 de la RVM N° 176-2021-MINEDU: " + "; ".join(unmet))
        if failures:
            rows.append(RowResult(Standing.EXCLUDED, "convenio inválido: " + "; ".join(failures) + ".",
                                  who, agreement.source))
        else:
            rows.append(RowResult(Standing.COUNTS, (
                f"convenio válido: suscrito o renovado el {short_date(agreement.signed)}, programa o módulo "
                f"«{agreement.programa}» registrado en el AVANZA {edition.period} y conforme al numeral 6.6.2."),
                who, agreement.source))
    return _result(edition.indicators["2.1"], rows, cap=True, denominator=edition.agreements_required)


def mma_earned(mma_max: int, results: Sequence[IndicatorResult], split: str) -> Decimal:
    """The part of a tramo's MMA a CETPRO earns under the edition's split rule."""
    if split not in SPLIT_RULES:
        raise ValueError(f"unknown MMA split rule {split!r}")
    if not results:
        return Decimal(0)
    met = sum(1 for result in results if result.meets)
    if split == SPLIT_ALL_OR_NOTHING:
        return Decimal(mma_max) if met == len(results) else Decimal(0)
    share = Decimal(mma_max) * met / len(results)
    return share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def evaluate_indicator(code: str, case: CetproCase, edition: Edition, labels: Mapping[str, str]) -> IndicatorResult:
    if code == "1.1":
        return evaluate_students(case.students, edition)
    if code == "1.2":
        return evaluate_teachers(case.teachers, edition, labels)
    if code == "1.3":
        return evaluate_graduates(case.graduates, edition, labels)
    if code == "2.1":
        return evaluate_agreements(case.agreements, case.programs, edition)
    raise KeyError(code)


def evaluate_tramo(case: CetproCase, edition: Edition, tramo: int, labels: Mapping[str, str]) -> TramoResult:
    entry = edition.mma_entry(case.cetpro.codigo_modular)
    if entry is None:
        raise KeyError(case.cetpro.codigo_modular)
    info = edition.tramos[tramo]
    results = tuple(evaluate_indicator(code, case, edition, labels) for code in info.indicators)
    maximum = entry.amount(tramo)
    return TramoResult(info, results, maximum, mma_earned(maximum, results, edition.split), edition.split)


def evaluate(case: CetproCase, edition: Edition, labels: Mapping[str, str]) -> CetproEvaluation:
    """Every tramo of one CETPRO. ``labels`` maps field names to the form's column headers."""
    entry = edition.mma_entry(case.cetpro.codigo_modular)
    if entry is None:
        raise KeyError(case.cetpro.codigo_modular)
    return CetproEvaluation(
        case, entry, {number: evaluate_tramo(case, edition, number, labels) for number in sorted(edition.tramos)}
    )
