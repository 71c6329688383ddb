"""Reclamos on the preliminary results (DOMAIN.md A.6; seed 003, 3.3 and 1.5 g–h) and the
re-evaluation they cause.

A reclamo (one expediente) has one or more points. A reclamo filed outside the plazo of the
cronograma is improcedente as a whole; a point not about the preliminary results is
improcedente on its own; every other point is fundado or infundado as the committee decided.
A fundado expediente admits its new evidence (records carrying its number) and its
corrections of the «Postulantes» data, the postulante is evaluated again, and a new version
of the acta individual follows: version = 1 + the fundado expedientes so far, in date order.
The original evaluation is never changed: each step keeps its before and after.

Pure: the holiday calendar and the rules come in as data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any, Collection, Iterable, Sequence

from ..common import Problem, Source
from .model import Discapacidad, Evaluation, Postulante
from .rules import AscensoRules
from .text import fecha, fecha_larga, pts

TIPO_REQUISITOS = "Requisitos"
TIPO_CAUSAL = "Causal de retiro"
TIPO_BONIFICACION = "Bonificación por discapacidad"
TIPO_CRITERIO = "Criterio de la Matriz"
TIPO_ACTUACION = "Actuación del Comité"
TIPO_OTRO = "Otro – referido a los resultados preliminares"
TIPO_NO_REFERIDO = "Otro – no referido a los resultados preliminares"
TIPOS = (TIPO_REQUISITOS, TIPO_CAUSAL, TIPO_BONIFICACION, TIPO_CRITERIO, TIPO_ACTUACION, TIPO_OTRO,
         TIPO_NO_REFERIDO)
# A fundado point of these tipos changes the evaluation, so it needs corrected data.
TIPOS_CON_DATOS = (TIPO_REQUISITOS, TIPO_CAUSAL, TIPO_BONIFICACION, TIPO_CRITERIO)

FUNDADO = "Fundado"
INFUNDADO = "Infundado"
IMPROCEDENTE = "Improcedente"
# A reclamo with points declared fundado and others that are not (seed 003, 3.3; DOMAIN.md A.6).
FUNDADO_EN_PARTE = "Fundado en parte"
DECISIONES = (FUNDADO, INFUNDADO)

CRITERIOS = ("1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5",
             "3.1", "3.2", "3.3", "3.4", "3.5", "3.6")

# «Postulantes» fields a fundado reclamo may correct (form field → how it is applied). The
# identity, the contact data and the etapa nacional score are not the committee's to change.
CORRECTABLE_FIELDS = (
    "escala", "tiempo_anios", "tiempo_meses", "tiempo_dias", "ascendio_2022", "rural_inscripcion",
    "rural_tres_anios", "fecha_nombramiento", "grupo_corresponde", "condena_leyes", "condena_dolosa", "sancion",
    "disc_documento", "disc_numero", "disc_presentacion", "disc_expedicion", "disc_sihce", "causal_comite",
    "sustento_causal", "fecha_ascenso_2022",
)
_ATTRIBUTES = {
    "escala": "escala", "ascendio_2022": "ascendio_2022", "rural_inscripcion": "rural_desde_inscripcion",
    "rural_tres_anios": "rural_tres_anios", "fecha_nombramiento": "fecha_nombramiento",
    "grupo_corresponde": "grupo_corresponde", "condena_leyes": "condena_leyes", "condena_dolosa": "condena_dolosa",
    "sancion": "sancion", "causal_comite": "causal_comite", "sustento_causal": "sustento_causal",
    "fecha_ascenso_2022": "fecha_ascenso_2022",
}
_TIEMPO = {"tiempo_anios": "anios", "tiempo_meses": "meses", "tiempo_dias": "dias"}
_DISCAPACIDAD = {"disc_documento": "documento", "disc_numero": "numero", "disc_presentacion": "fecha_presentacion",
                 "disc_expedicion": "fecha_expedicion", "disc_sihce": "sihce"}


# --- inputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PuntoReclamo:
    """One point of a reclamo (a row of the «Reclamos» sheet)."""

    expediente: str
    dni: str
    fecha: dt.date  # fecha de presentación of the reclamo
    numero: int  # N° de punto within the expediente
    tipo: str
    criterio: str | None  # "1.1" … "3.6" when tipo is TIPO_CRITERIO
    argumentos: str
    decision: str | None  # FUNDADO / INFUNDADO; None when improcedente
    analisis: str
    fecha_respuesta: dt.date | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Correccion:
    """A corrected value of a «Postulantes» field admitted by a reclamo (sheet «Correcciones»)."""

    expediente: str
    dni: str
    campo: str  # a field of CORRECTABLE_FIELDS
    etiqueta: str  # the column header, for the documents
    valor: Any  # already parsed with the column's kind (a letter for documents and causales)
    shown: str = ""  # the value as the user wrote it
    source: Source | None = None


@dataclass(frozen=True)
class SolicitudCopia:
    """A request for copies of the evaluation documents (sheet «Solicitudes de copia»)."""

    dni: str
    fecha_solicitud: dt.date
    fecha_entrega: dt.date | None
    source: Source | None = None


@dataclass(frozen=True)
class AscensoCase:
    """Everything an Ascenso workbook holds: the postulantes with their records (new evidence
    included, marked with its expediente), the reclamos, the corrections and the copy requests."""

    postulantes: tuple[Postulante, ...]
    reclamos: tuple[PuntoReclamo, ...] = ()
    correcciones: tuple[Correccion, ...] = ()
    solicitudes: tuple[SolicitudCopia, ...] = ()
    # What the workbook does not say and the documents will lack (an older form version, a
    # 2022 ascenso without its date, a failed idoneidad check without its document), in Spanish.
    avisos: tuple[str, ...] = ()
    # Whether the workbook has the columns of the idoneidad documents (form version 4): only then
    # can an oficio de retiro be refused for not citing one (an older form is processed with a warning).
    idoneidad_columns: bool = True
    documentos: tuple[Any, ...] = ()  # registro.DocumentoPostulante, for the expediente
    notificaciones: tuple[Any, ...] = ()  # registro.Notificacion (1.5 c)


# --- días hábiles ---------------------------------------------------------------------


def is_business_day(day: dt.date, non_working: Collection[dt.date]) -> bool:
    """Monday to Friday and not a holiday nor a día no laborable."""
    return day.weekday() < 5 and day not in non_working


def last_business_day_before(date: dt.date, n: int, country_holidays: Collection[dt.date]) -> dt.date:
    """The ``n``-th día hábil before ``date`` (``date`` itself not counted): weekends and the
    days of ``country_holidays`` (Peru's national holidays plus any día no laborable) skipped."""
    if n < 1:
        raise ValueError("n must be at least 1")
    day, found = date, 0
    while found < n:
        day -= dt.timedelta(days=1)
        if is_business_day(day, country_holidays):
            found += 1
    return day


def copies_deadline(rules: AscensoRules, non_working: Collection[dt.date]) -> dt.date:
    """Last day to hand copies of the evaluation documents (1.5 g): ``copias_dias_habiles_antes``
    días hábiles before the end of the reclamos plazo."""
    return last_business_day_before(rules.cronograma.reclamos_fin, rules.cronograma.copias_dias_habiles_antes,
                                     non_working)


@dataclass(frozen=True)
class CopiaObservada:
    solicitud: SolicitudCopia
    motivo: str


def late_copies(requests: Iterable[SolicitudCopia], deadline: dt.date) -> list[CopiaObservada]:
    """Copies handed after the deadline, or not handed at all, with the reason in Spanish."""
    observed = []
    for request in requests:
        asked = f"solicitadas el {fecha(request.fecha_solicitud)}"
        if request.fecha_entrega is None:
            observed.append(CopiaObservada(request, f"{asked}, sin fecha de entrega registrada (plazo: hasta el "
                                                    f"{fecha(deadline)})"))
        elif request.fecha_entrega > deadline:
            observed.append(CopiaObservada(request, f"{asked} y entregadas el {fecha(request.fecha_entrega)}, "
                                                    f"después del plazo (hasta el {fecha(deadline)})"))
    return observed


# --- improcedencia --------------------------------------------------------------------


def late_reason(filed: dt.date, rules: AscensoRules) -> str | None:
    """Why a reclamo filed on ``filed`` is improcedente for being out of the plazo, or None."""
    start, end = rules.cronograma.plazo
    if start <= filed <= end:
        return None
    when = "antes del inicio" if filed < start else "después del término"
    return (f"El reclamo fue presentado el {fecha_larga(filed)}, {when} del plazo establecido en el cronograma "
            f"para la presentación de reclamos sobre los resultados preliminares (del {fecha_larga(start)} al "
            f"{fecha_larga(end)}); por ello se declara improcedente (numeral 3.3, literal a, del Instructivo).")


def improcedencia(point: PuntoReclamo, rules: AscensoRules) -> str | None:
    """The reason a point is improcedente (the whole reclamo late, or the point not about the
    preliminary results), or None when the committee decides it on the merits."""
    late = late_reason(point.fecha, rules)
    if late:
        return late
    if point.tipo == TIPO_NO_REFERIDO:
        return ("Lo reclamado no está referido a los resultados preliminares de la etapa descentralizada, que "
                "son lo único que el Comité de Evaluación absuelve en esta actividad; por ello se declara "
                "improcedente (numeral 3.3, literal a, del Instructivo).")
    return None


# --- corrections ----------------------------------------------------------------------


def apply_correction(postulante: Postulante, campo: str, valor: Any) -> Postulante:
    """The postulante with one «Postulantes» field corrected (a field of CORRECTABLE_FIELDS)."""
    if campo in _ATTRIBUTES:
        return replace(postulante, **{_ATTRIBUTES[campo]: valor})
    if campo in _TIEMPO:
        return replace(postulante, tiempo_escala=replace(postulante.tiempo_escala, **{_TIEMPO[campo]: valor}))
    if campo in _DISCAPACIDAD:
        current = postulante.discapacidad or Discapacidad("", "", None, None, None)
        return replace(postulante, discapacidad=replace(current, **{_DISCAPACIDAD[campo]: valor}))
    raise KeyError(campo)


# --- outputs --------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    aspecto: str
    antes: str
    despues: str


@dataclass(frozen=True)
class PointResult:
    punto: PuntoReclamo
    resultado: str  # FUNDADO / INFUNDADO / IMPROCEDENTE
    motivo: str  # why improcedente; "" otherwise
    aspecto: str  # what the point is about, e.g. «Criterio 1.3 – Diplomado …»
    antes: str  # the value of that aspect before this reclamo
    despues: str  # and after it (equal when nothing changed)
    sustento: tuple[str, ...] = ()  # the recomputed result's reasons (fundado points with data)


@dataclass(frozen=True)
class ExpedienteResult:
    expediente: str
    dni: str
    fecha: dt.date
    fecha_respuesta: dt.date | None
    puntos: tuple[PointResult, ...]
    extemporaneo: bool  # filed out of the plazo: improcedente as a whole
    version: int | None  # version of the acta emitted for it (fundado); None otherwise
    antes: Evaluation
    despues: Evaluation
    cambios: tuple[Change, ...]

    @property
    def fundado(self) -> bool:
        return self.version is not None

    def count(self, resultado: str) -> int:
        return sum(1 for point in self.puntos if point.resultado == resultado)

    @property
    def resultado(self) -> str:
        """The expediente's result: fundado if every point is, fundado en parte if some are,
        improcedente if all are, else infundado."""
        if self.fundado:
            return FUNDADO if self.count(FUNDADO) == len(self.puntos) else FUNDADO_EN_PARTE
        if all(point.resultado == IMPROCEDENTE for point in self.puntos):
            return IMPROCEDENTE
        return INFUNDADO


@dataclass(frozen=True)
class ReclamosResult:
    """A postulante's reclamos in date order, with the original and the final evaluation."""

    dni: str
    original: Evaluation
    final: Evaluation
    expedientes: tuple[ExpedienteResult, ...] = ()

    @property
    def changed(self) -> bool:
        return any(item.fundado for item in self.expedientes)

    @property
    def last_version(self) -> int:
        return max([1] + [item.version for item in self.expedientes if item.version])


def causales(evaluation: Evaluation, rules: AscensoRules) -> list[tuple[str, str]]:
    """(letter, text) of every causal de retiro of an evaluation: f), g) or i) recorded by the
    committee, and j) when the requisitos are not met."""
    found = []
    letter = evaluation.postulante.causal_comite
    if letter:
        found.append((letter, rules.retiro.causales[letter]))
    if not evaluation.cumple:
        found.append(("j", rules.requisitos.causal_retiro))
    return found


def _causal_text(evaluation: Evaluation, rules: AscensoRules) -> str:
    found = causales(evaluation, rules)
    return "; ".join(text for _, text in found) if found else "Ninguna"


def _bonus_text(evaluation: Evaluation) -> str:
    bonus = evaluation.bonificacion
    if not bonus.granted:
        return "No se otorga"
    return "Se otorga (con observación SIHCE)" if bonus.flagged else "Se otorga"


def _criterion_label(evaluation: Evaluation, criterion_id: str) -> str:
    return f"Criterio {criterion_id} – {evaluation.criterion(criterion_id).title}"


def diff(before: Evaluation, after: Evaluation, rules: AscensoRules) -> tuple[Change, ...]:
    """What changed between two evaluations of one postulante, in the acta's order."""
    changes: list[Change] = []
    for old in before.criteria:
        new = after.criterion(old.id)
        if old.points != new.points:
            changes.append(Change(_criterion_label(after, old.id), pts(old.points), pts(new.points)))
    for old in before.rubros:
        new = after.rubro(old.id)
        if old.points != new.points:
            changes.append(Change(f"Rubro {old.id} – {old.title}", pts(old.points), pts(new.points)))
    pairs = (
        ("Puntaje de la Matriz", pts(before.matriz_total), pts(after.matriz_total)),
        ("Puntaje total", pts(before.puntaje_total), pts(after.puntaje_total)),
        ("Bonificación por discapacidad", _bonus_text(before), _bonus_text(after)),
    )
    changes += [Change(*pair) for pair in pairs if pair[1] != pair[2]]
    for old in before.requisitos:
        new = next(check for check in after.requisitos if check.id == old.id)
        if old.ok != new.ok:
            changes.append(Change(f"Requisito: {old.name}", "Cumple" if old.ok else "No cumple",
                                  "Cumple" if new.ok else "No cumple"))
    tail = (
        ("Estado", before.estado, after.estado),
        ("Causal de retiro", _causal_text(before, rules), _causal_text(after, rules)),
        ("Puntaje final", pts(before.puntaje_final), pts(after.puntaje_final)),
    )
    changes += [Change(*pair) for pair in tail if pair[1] != pair[2]]
    return tuple(changes)


def _aspect(point: PuntoReclamo, before: Evaluation, after: Evaluation, rules: AscensoRules,
            fundado: bool) -> tuple[str, str, str, tuple[str, ...]]:
    """(aspect, before, after, sustento) of what a point is about."""
    if point.tipo == TIPO_CRITERIO and point.criterio:
        old, new = before.criterion(point.criterio), after.criterion(point.criterio)
        sustento = (new.reason, *(f"Se valora: {line}" for line in new.counted),
                    *(f"No se valora: {line}" for line in new.not_counted)) if fundado else ()
        return (_criterion_label(after, point.criterio), f"{pts(old.points)} de {pts(old.max)}",
                f"{pts(new.points)} de {pts(new.max)}", sustento)
    if point.tipo == TIPO_REQUISITOS:
        changed = [check for check in after.requisitos
                   if check.ok != next(c.ok for c in before.requisitos if c.id == check.id)]
        shown = changed or [check for check in after.requisitos if not check.ok]
        return ("Requisitos del concurso", before.estado, after.estado,
                tuple(f"{check.name}: {check.reason}" for check in shown) if fundado else ())
    if point.tipo == TIPO_BONIFICACION:
        return ("Bonificación por discapacidad", _bonus_text(before), _bonus_text(after),
                (after.bonificacion.reason,) if fundado else ())
    if point.tipo == TIPO_CAUSAL:
        sustento = ()
        if fundado:
            found = causales(after, rules)
            sustento = ("Después del reclamo no incurre en causal de retiro." if not found
                        else f"Después del reclamo incurre en: {_causal_text(after, rules)}.",)
        return ("Causal de retiro", _causal_text(before, rules), _causal_text(after, rules), sustento)
    return (point.tipo, "—", "—", ())


def resolve_reclamos(
    postulante: Postulante,
    points: Sequence[PuntoReclamo],
    corrections: Sequence[Correccion],
    rules: AscensoRules,
    original: Evaluation | None = None,
) -> ReclamosResult:
    """Decide every point of the postulante's reclamos and re-evaluate after each fundado one.

    ``points`` and ``corrections`` may include other postulantes' rows (they are filtered by
    DNI). Expedientes are taken in order of fecha de presentación (then number); the state
    after one is the state before the next, so a second fundado expediente builds on the first.
    """
    from . import evaluate  # the package evaluates; imported here to avoid an import cycle

    original = original or evaluate(postulante, rules)
    mine = [point for point in points if point.dni == postulante.dni]
    by_expediente: dict[str, list[PuntoReclamo]] = defaultdict(list)
    for point in mine:
        by_expediente[point.expediente].append(point)
    fixes: dict[str, list[Correccion]] = defaultdict(list)
    for item in corrections:
        if item.dni == postulante.dni:
            fixes[item.expediente].append(item)
    order = sorted(by_expediente, key=lambda exp: (by_expediente[exp][0].fecha, exp))
    current_postulante, current = postulante, original
    admitted: set[str] = set()
    version = 1
    results = []
    for expediente in order:
        group = sorted(by_expediente[expediente], key=lambda p: p.numero)
        decided = []
        for point in group:
            reason = improcedencia(point, rules)
            decided.append((point, IMPROCEDENTE if reason else (point.decision or INFUNDADO), reason or ""))
        fundado = any(result == FUNDADO for _, result, _ in decided)
        after = current
        this_version = None
        if fundado:
            admitted.add(expediente)
            for item in fixes.get(expediente, []):
                current_postulante = apply_correction(current_postulante, item.campo, item.valor)
            after = evaluate(current_postulante, rules, frozenset(admitted))
            version += 1
            this_version = version
        point_results = []
        for point, result, reason in decided:
            aspect, old, new, sustento = _aspect(point, current, after, rules, result == FUNDADO)
            point_results.append(PointResult(point, result, reason, aspect, old, new, sustento))
        results.append(ExpedienteResult(
            expediente=expediente, dni=postulante.dni, fecha=group[0].fecha,
            fecha_respuesta=group[0].fecha_respuesta, puntos=tuple(point_results),
            extemporaneo=late_reason(group[0].fecha, rules) is not None, version=this_version,
            antes=current, despues=after, cambios=diff(current, after, rules),
        ))
        current = after
    return ReclamosResult(postulante.dni, original, current, tuple(results))


# --- validation -----------------------------------------------------------------------


def reclamo_problems(
    dnis: Collection[str],
    points: Sequence[PuntoReclamo],
    corrections: Sequence[Correccion],
    evidence: Sequence[Any],
    requests: Sequence[SolicitudCopia],
    rules: AscensoRules,
    unreadable: Collection[str] = (),
) -> list[Problem]:
    """Every broken rule of the reclamos data, each located at its row and column.

    ``evidence`` are the records (grados, capacitaciones, méritos, periodos) that carry an
    expediente number; ``unreadable`` the expedientes of correction rows whose value could not
    be read (already reported: they are not reported again as missing data).
    """
    problems: list[Problem] = []
    by_expediente: dict[str, list[PuntoReclamo]] = defaultdict(list)
    for point in points:
        by_expediente[point.expediente].append(point)
    with_data: set[str] = set(unreadable)
    for record in [*evidence, *corrections]:
        owner = by_expediente.get(record.expediente)
        if not owner:
            problems.append(Problem(
                f"el expediente {record.expediente} no figura en la hoja «Reclamos».",
                fix="Registre el reclamo en «Reclamos» o corrija el número de expediente.",
                source=record.source, field="expediente"))
        elif owner[0].dni != record.dni:
            problems.append(Problem(
                f"el expediente {record.expediente} es un reclamo del DNI {owner[0].dni}, no del {record.dni}.",
                fix="Revise el DNI o el número de expediente.", source=record.source, field="expediente"))
        else:
            with_data.add(record.expediente)
    for expediente, group in by_expediente.items():
        first = group[0]
        seen_numbers: dict[int, PuntoReclamo] = {}
        for point in group:
            where = f" (fila {first.source.row})" if first.source else ""
            if point is not first and point.dni != first.dni:
                problems.append(Problem(
                    f"el punto {point.numero} del expediente {expediente} tiene el DNI {point.dni}, pero el "
                    f"expediente es del DNI {first.dni}{where}.",
                    fix="Todos los puntos de un expediente son del mismo postulante.", source=point.source,
                    field="dni"))
            if point is not first and point.fecha != first.fecha:
                problems.append(Problem(
                    f"el punto {point.numero} del expediente {expediente} tiene fecha {fecha(point.fecha)}, pero el "
                    f"expediente fue presentado el {fecha(first.fecha)}{where}.",
                    fix="Todos los puntos de un expediente tienen la misma fecha de presentación.",
                    source=point.source, field="fecha"))
            if point is not first and point.fecha_respuesta != first.fecha_respuesta:
                problems.append(Problem(
                    f"el punto {point.numero} del expediente {expediente} tiene otra fecha de respuesta que el "
                    f"punto {first.numero}{where}.",
                    fix="Un expediente se responde con un solo oficio: use la misma fecha en todos sus puntos.",
                    source=point.source, field="fecha_respuesta"))
            if point.fecha_respuesta and point.fecha_respuesta < point.fecha:
                problems.append(Problem(
                    f"la respuesta ({fecha(point.fecha_respuesta)}) es anterior a la presentación del reclamo "
                    f"({fecha(point.fecha)}).", fix="Revise ambas fechas.", source=point.source,
                    field="fecha_respuesta"))
            if point.numero in seen_numbers:
                problems.append(Problem(f"el punto {point.numero} del expediente {expediente} está repetido.",
                                        fix="Numere los puntos 1, 2, 3…", source=point.source, field="numero"))
            seen_numbers.setdefault(point.numero, point)
            if point.dni not in dnis:
                problems.append(Problem(
                    f"el DNI {point.dni} no corresponde a ningún postulante de la hoja «Postulantes».",
                    fix="Corrija el DNI del reclamo.", source=point.source, field="dni"))
            problems.extend(_point_problems(point, expediente in with_data, rules))
    for request in requests:
        if request.dni not in dnis:
            problems.append(Problem(
                f"el DNI {request.dni} no corresponde a ningún postulante de la hoja «Postulantes».",
                fix="Corrija el DNI de la solicitud.", source=request.source, field="dni"))
        if request.fecha_entrega and request.fecha_entrega < request.fecha_solicitud:
            problems.append(Problem(
                f"la entrega ({fecha(request.fecha_entrega)}) es anterior a la solicitud "
                f"({fecha(request.fecha_solicitud)}).", fix="Revise ambas fechas.", source=request.source,
                field="fecha_entrega"))
    return problems


def _point_problems(point: PuntoReclamo, has_data: bool, rules: AscensoRules) -> list[Problem]:
    problems = []
    if point.tipo == TIPO_CRITERIO and not point.criterio:
        problems.append(Problem(
            f"el punto {point.numero} del expediente {point.expediente} es sobre un criterio de la Matriz, pero "
            "no indica cuál.", fix="Elija el criterio (1.1 a 3.6).", source=point.source, field="criterio"))
    if point.tipo != TIPO_CRITERIO and point.criterio:
        problems.append(Problem(
            f"el criterio solo se indica cuando el tipo es «{TIPO_CRITERIO}».",
            fix="Borre el criterio o cambie el tipo.", source=point.source, field="criterio"))
    reason = improcedencia(point, rules)
    if reason:
        if point.decision:
            why = "fue presentado fuera del plazo" if late_reason(point.fecha, rules) else \
                "no está referido a los resultados preliminares"
            problems.append(Problem(
                f"el punto {point.numero} del expediente {point.expediente} es improcedente ({why}): no se "
                f"declara «{point.decision}».",
                fix="Deje vacía la decisión; el oficio lo declara improcedente con su motivo.",
                source=point.source, field="decision"))
        return problems
    if not point.decision:
        problems.append(Problem(
            f"falta la decisión del Comité sobre el punto {point.numero} del expediente {point.expediente}.",
            fix="Elija Fundado o Infundado (numeral 3.3, literal c).", source=point.source, field="decision"))
    if not point.analisis:
        problems.append(Problem(
            f"falta el análisis del Comité sobre el punto {point.numero} del expediente {point.expediente}: la "
            "respuesta debe ser motivada.", fix="Escriba las razones de la decisión (numeral 3.3, literal b).",
            source=point.source, field="analisis"))
    if point.decision == FUNDADO and point.tipo in TIPOS_CON_DATOS and not has_data:
        problems.append(Problem(
            f"el punto {point.numero} del expediente {point.expediente} es fundado pero no hay datos corregidos.",
            fix="Registre el nuevo documento con el número de expediente en su hoja («Expediente de reclamo») "
                "o el valor corregido en «Correcciones»; sin ellos el resultado no cambia.",
            source=point.source, field="decision"))
    return problems
