"""Compromisos de Desempeño CETPRO: indicators 1.1, 1.2, 1.3 and 2.1 per tramo, and the MMA a
CETPRO earns (DOMAIN.md B; seed 000, «Resumen de las Fichas Técnicas»).

Pure rules: frozen dataclasses in, frozen dataclasses out, no file access. Every row of a
medio de verificación comes out classified — counts (numerator and denominator), counts in
the denominator only, or not considered — with the Spanish reason, so the CETPRO can fix
what does not count before the tramo closes. Everything the norma changes each year (dates,
metas, required fields, the MMA table) is an ``Edition`` read from the rules file.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import Enum
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

from ..wording import Gender
from .common import Problem, Source

SPLIT_ALL_OR_NOTHING = "todo_o_nada"
SPLIT_PROPORTIONAL = "proporcional"
SPLIT_RULES = (SPLIT_ALL_OR_NOTHING, SPLIT_PROPORTIONAL)
INDICATORS = ("1.1", "1.2", "1.3", "2.1")
DOCUMENT_DNI = "DNI"


def _date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def normalize_name(text: object) -> str:
    """A programa/módulo name compared without case, accents or extra spaces."""
    raw = unicodedata.normalize("NFKD", str(text or ""))
    stripped = "".join(ch for ch in raw if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


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


# --------------------------------------------------------------------------- the records


@dataclass(frozen=True)
class Cetpro:
    codigo_modular: str
    nombre: str
    ugel: str
    director: str
    dni_director: str
    cargo_director: str
    correo: str
    direccion: str
    telefono: str = ""
    lugar: str = ""
    # The date of each tramo's oficio, when the form gives it.
    oficio_dates: Mapping[int, dt.date] = field(default_factory=dict)
    source: Source | None = None
    # From «Tratamiento del director(a)», else the cargo when it says it (DOMAIN.md D).
    director_genero: Gender = Gender.UNKNOWN
    # The CETPRO's own correlative of oficios (DOMAIN.md D): its sigla and the next number.
    sigla_oficio: str = ""
    siguiente_oficio: int | None = None
    # Who the oficio goes to (the DISERTPA's director), when the form names them.
    destinatario: str = ""
    destinatario_genero: Gender = Gender.UNKNOWN


@dataclass(frozen=True)
class Student:
    """A student of the «Estudiantes» sheet (AVANZA export)."""

    tipo_documento: str
    documento: str
    nombre: str
    periodo: str
    registered: dt.date | None
    values: Mapping[str, Any] = field(default_factory=dict)
    source: Source | None = None


@dataclass(frozen=True)
class Teacher:
    condicion: str
    registered: dt.date | None
    values: Mapping[str, Any]  # the 14 variables (and the rest of the row) by field
    source: Source | None = None

    @property
    def nombre(self) -> str:
        name = " ".join(str(self.values.get(key) or "") for key in ("nombres", "apellidos")).strip()
        return name or (f"DNI {self.values['dni']}" if self.values.get("dni") else "(sin nombre)")


@dataclass(frozen=True)
class Graduate:
    anio: int
    registered: dt.date | None
    values: Mapping[str, Any]
    source: Source | None = None

    @property
    def nombre(self) -> str:
        name = " ".join(str(self.values.get(key) or "") for key in ("nombres", "apellidos")).strip()
        return name or (str(self.values.get("numero_documento") or "") or "(sin nombre)")


@dataclass(frozen=True)
class Agreement:
    """A convenio with an institución educativa de Educación Básica."""

    institucion: str
    codigo_modular: str
    signed: dt.date
    programa: str
    checklist: Mapping[str, bool | None]
    tipo: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)
    source: Source | None = None


@dataclass(frozen=True)
class Program:
    """A programa de estudios (and optionally a módulo) registered in the AVANZA for the period."""

    programa: str
    modulo: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)
    source: Source | None = None


@dataclass(frozen=True)
class CetproCase:
    """Everything one CETPRO's workbook declares."""

    cetpro: Cetpro
    students: tuple[Student, ...] = ()
    teachers: tuple[Teacher, ...] = ()
    graduates: tuple[Graduate, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    programs: tuple[Program, ...] = ()


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
                f"regístrelo hasta el {_date(first)} para que cuente."), who, student.source))
        elif student.registered <= first:
            rows.append(RowResult(Standing.COUNTS, (
                f"registrado en el AVANZA el {_date(student.registered)}, hasta el {_date(first)}: cuenta en el "
                "numerador y en el denominador."), who, student.source))
        elif student.registered <= last:
            rows.append(RowResult(Standing.DENOMINATOR_ONLY, (
                f"registrado en el AVANZA el {_date(student.registered)}, después del {_date(first)}: cuenta solo "
                f"en el denominador (registrado hasta el {_date(last)})."), who, student.source))
        else:
            rows.append(RowResult(Standing.EXCLUDED, (
                f"registrado en el AVANZA el {_date(student.registered)}, después del {_date(last)}: no cuenta ni "
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
            failures.append(f"no tiene fecha de registro (debe registrarse hasta el {_date(closes)})")
        elif teacher.registered > closes:
            failures.append(f"se registró el {_date(teacher.registered)}, después del cierre del tramo "
                            f"{edition.indicators['1.2'].tramo} ({_date(closes)})")
        if failures:
            rows.append(RowResult(Standing.DENOMINATOR_ONLY,
                                  "no es oportuna: " + "; ".join(failures) + ". Cuenta solo en el denominador.",
                                  who, teacher.source))
        else:
            rows.append(RowResult(Standing.COUNTS, (
                f"{teacher.condicion.lower()}, registrado el {_date(teacher.registered)} con las "
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
            failures.append(f"no tiene fecha de registro (debe registrarse hasta el {_date(closes)})")
        elif graduate.registered > closes:
            failures.append(f"se registró el {_date(graduate.registered)}, después del cierre del tramo "
                            f"{edition.indicators['1.3'].tramo} ({_date(closes)})")
        if failures:
            rows.append(RowResult(Standing.DENOMINATOR_ONLY,
                                  "; ".join(failures) + ". Cuenta solo en el denominador.", who, graduate.source))
        else:
            rows.append(RowResult(Standing.COUNTS, (
                f"egresado {graduate.anio}, registrado el {_date(graduate.registered)} con todos los campos: "
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
            failures.append(f"se suscribió o renovó el {_date(agreement.signed)}, antes del {_date(first)} "
                            f"(día siguiente a la aprobación de la Norma Técnica, {_date(edition.approved)})")
        elif agreement.signed > last:
            failures.append(f"se suscribió o renovó el {_date(agreement.signed)}, después del cierre del tramo "
                            f"{edition.indicators['2.1'].tramo} ({_date(last)})")
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
                f"convenio válido: suscrito o renovado el {_date(agreement.signed)}, programa o módulo "
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


# --------------------------------------------------------------------------- validation


def _duplicates(items: Iterable[tuple[str, Source | None, str]], what: str, fix: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Source | None] = {}
    for key, source, field_name in items:
        if not key:
            continue
        if key in seen:
            first = seen[key]
            where = f" (ya está en la fila {first.row})" if first else ""
            problems.append(Problem(f"{what} {key} está repetido{where}.", fix=fix, source=source, field=field_name))
        else:
            seen[key] = source
    return problems


def document_problem(tipo: str, numero: str) -> str | None:
    """Why a document number does not fit its type (a DNI has 8 digits), or None."""
    if not numero:
        return None
    if normalize_name(tipo) == normalize_name(DOCUMENT_DNI):
        if not (numero.isascii() and numero.isdigit() and len(numero) == 8):
            return f"«{numero}» no es un DNI válido: debe tener 8 dígitos."
    elif not (numero.isalnum() and 4 <= len(numero) <= 15):
        return f"«{numero}» no es un número de documento válido: de 4 a 15 letras o dígitos, sin espacios."
    return None


def case_problems(case: CetproCase, edition: Edition) -> list[Problem]:
    """Every way a workbook breaks the edition: an unknown CETPRO, a UGEL that is not its own, an
    oficio dated after its tramo closes, repeated DNIs or documents."""
    problems: list[Problem] = []
    cetpro = case.cetpro
    entry = edition.mma_entry(cetpro.codigo_modular) if cetpro.codigo_modular else None
    if cetpro.codigo_modular and entry is None:
        known = "; ".join(f"{item.codigo_modular} {item.nombre}" for item in edition.mma)
        problems.append(Problem(
            f"CETPRO desconocido en la tabla del MMA de la edición {edition.key}: el código modular "
            f"{cetpro.codigo_modular} no figura en el Anexo N° 3 de la Norma Técnica.",
            fix=f"Revise el código modular (7 dígitos). CETPRO de la edición: {known}.",
            source=cetpro.source, field="codigo_modular",
        ))
    if entry is not None and cetpro.ugel and cetpro.ugel != entry.ugel:
        problems.append(Problem(
            f"el CETPRO {cetpro.codigo_modular} pertenece a {entry.ugel}, no a {cetpro.ugel}.",
            fix=f"Elija «{entry.ugel}» o revise el código modular.",
            source=cetpro.source, field="ugel",
        ))
    for number, when in sorted(cetpro.oficio_dates.items()):
        tramo = edition.tramos.get(number)
        if tramo and when > tramo.closes:
            problems.append(Problem(
                f"la fecha del oficio del tramo {number} ({_date(when)}) es posterior al cierre del tramo "
                f"({_date(tramo.closes)}); el oficio se presenta como máximo ese día.",
                fix="Corrija la fecha o déjela vacía para fechar el oficio el día del cierre.",
                source=cetpro.source, field=f"fecha_oficio_{number}",
            ))
    for student in case.students:
        reason = document_problem(student.tipo_documento, student.documento)
        if reason:
            problems.append(Problem(reason, fix="Escriba solo los dígitos o letras del documento.",
                                    source=student.source, field="documento"))
    for graduate in case.graduates:
        reason = document_problem(graduate.values.get("tipo_documento") or "",
                                  graduate.values.get("numero_documento") or "")
        if reason:
            problems.append(Problem(reason, fix="Escriba solo los dígitos o letras del documento.",
                                    source=graduate.source, field="numero_documento"))
    fix = "Cada persona se registra una sola vez en la hoja; elimine la fila repetida o corrija el número."
    problems += _duplicates(
        ((f"{s.tipo_documento} {s.documento}" if s.documento else "", s.source, "documento") for s in case.students),
        "el documento", fix)
    problems += _duplicates(((t.values.get("dni") or "", t.source, "dni") for t in case.teachers), "el DNI",
                            "Registre a cada docente una sola vez; si enseña en varios módulos, escríbalos en la "
                            "misma celda separados por «;».")
    problems += _duplicates(
        ((f"{g.values.get('numero_documento')} en «{g.values.get('programa') or ''}»"
          if g.values.get("numero_documento") else "", g.source, "numero_documento") for g in case.graduates),
        "el egresado con documento", fix)
    return problems


__all__ = [
    "Agreement", "Cetpro", "CetproCase", "CetproEvaluation", "ChecklistItem", "Edition", "Graduate",
    "Indicator", "IndicatorResult", "MmaEntry", "Program", "RowResult", "Standing", "Student", "Teacher",
    "Recipient", "Tramo", "TramoResult", "UgelRow", "UgelSummary", "case_problems", "summarize_ugel", "evaluate", "evaluate_agreements",
    "evaluate_graduates", "evaluate_students", "evaluate_teachers", "evaluate_tramo", "mma_earned",
    "normalize_name", "oficio_date",
]
