"""After the preliminary results (seed 003, capítulo III): reclamos and their oficios with the
new actas, oficios de retiro and the history of changes (the informe final and its expediente
are in ``pipeline.informe``).

Cross-referenced numbers (the acta an oficio attaches, the acta a new version replaces, the
oficio de retiro the director's copy cites) are reserved in the registry while the jobs are
built, in the order they are produced; ``produce`` then finds the same numbers by key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import holidays

from ..config import Settings
from ..domain.ascenso import Evaluation, evaluate
from ..domain.ascenso.reclamos import (
    AscensoCase,
    CopiaObservada,
    ExpedienteResult,
    ReclamosResult,
    copies_deadline,
    late_copies,
    resolve_reclamos,
)
from ..domain.ascenso.retiro import Retiro, retiro
from ..domain.ascenso.rules import AscensoRules
from ..domain.ascenso.text import fecha_larga
from ..domain.comite import Committee
from ..errors import InvalidInput, Issue, NothingToRender, UnknownPostulante
from ..forms.ascenso import IDONEIDAD_CHECKS, POSTULANTES_SHEET, ascenso_form
from ..open_parameters import family_open_parameters
from ..readers.ascenso import read_case
from ..render import acta_resultados, oficio_reclamo, oficio_retiro
from ..render.documents import DocumentJob, ProducedDocument, produce
from ..render.expediente import Expediente
from ..render.historial import FILENAME as HISTORY_FILENAME
from ..render.historial import append_history, history_rows
from ..render.numbering import ISSUED, NumberEntry, NumberingRegistry, subject_conflict
from ..render.resultados import FILENAME as RESULTS_FILENAME
from ..render.resultados import write_results
from ..run import Run
from .ascenso import committee_path, read_committee_for, render_actas
from .fechas import RecordDates


# --- analysis ------------------------------------------------------------------------


def non_working_days(rules: AscensoRules) -> frozenset[dt.date]:
    """Peru's national holidays around the reclamos plazo, plus the rules' «dias_no_laborables»."""
    start, end = rules.cronograma.plazo
    years = range(start.year - 1, end.year + 1)
    return frozenset(holidays.country_holidays("PE", years=years)) | rules.cronograma.dias_no_laborables


@dataclass(frozen=True)
class Analysis:
    case: AscensoCase
    evaluations: tuple[Evaluation, ...]  # the original evaluations, in the workbook's order
    results: dict[str, ReclamosResult]  # postulantes with reclamos, by DNI
    finals: tuple[Evaluation, ...]  # after the reclamos, in the workbook's order
    retiros: tuple[Retiro, ...]
    deadline: dt.date  # last day to hand copies
    late: tuple[CopiaObservada, ...]

    def name(self, dni: str) -> str:
        return next(e.postulante.apellidos_nombres for e in self.evaluations if e.postulante.dni == dni)


def analyse(workbook: Path, settings: Settings, *, relative_to: Path | None = None) -> Analysis:
    """Read and validate the whole workbook, evaluate everyone, resolve the reclamos. The PDFs it
    names with a relative path are looked for from ``relative_to`` (the inbox the workbook was
    dropped in), else from the workbook's folder."""
    rules = settings.rules.ascenso
    case = read_case(workbook, rules, relative_to=relative_to)
    evaluations, finals, results, retiros = [], [], {}, []
    for postulante in case.postulantes:
        original = evaluate(postulante, rules)
        evaluations.append(original)
        result = None
        if any(point.dni == postulante.dni for point in case.reclamos):
            result = resolve_reclamos(postulante, case.reclamos, case.correcciones, rules, original)
            results[postulante.dni] = result
        final = result.final if result else original
        finals.append(final)
        withdrawn = retiro(final, result, rules)
        if withdrawn:
            retiros.append(withdrawn)
    deadline = copies_deadline(rules, non_working_days(rules))
    return Analysis(case, tuple(evaluations), results, tuple(finals), tuple(retiros), deadline,
                    tuple(late_copies(case.solicitudes, deadline)))


def write_score(analysis: Analysis, settings: Settings, outbox: Path | None = None) -> Path:
    """resultados.xlsx with its «Después de reclamos» sheet."""
    by_dni = {r.dni: r for r in analysis.retiros}
    after = []
    for final in analysis.finals:
        dni = final.postulante.dni
        result = analysis.results.get(dni)
        causal = "; ".join(c.texto for c in by_dni[dni].causales) if dni in by_dni else ""
        expedientes = ", ".join(f"{item.expediente} ({item.resultado.lower()})"
                                for item in result.expedientes) if result else ""
        after.append((final, causal, expedientes, result.last_version if result else 1))
    rules = settings.rules.ascenso
    return write_results(analysis.evaluations, (outbox or settings.outbox) / RESULTS_FILENAME, rules,
                         family_open_parameters(settings, "ascenso"), after)


# --- numbering helpers ----------------------------------------------------------------


class _Jobs:
    """Jobs in production order, each number reserved as the job is added; a document already
    issued keeps its number (whatever its year) and is marked so it is not re-rendered."""

    def __init__(self, registry: NumberingRegistry, settings: Settings, dates: RecordDates):
        self.registry = registry
        self.settings = settings
        self.dates = dates
        self.items: list[DocumentJob] = []
        self.labels: dict[str, str] = {}
        self.issued: set[str] = set()
        self._before: dict[tuple[str, str], NumberEntry] | None = None

    def entry_before(self, job: DocumentJob) -> NumberEntry | None:
        """The registry's entry of ``job``'s document for this office, whatever its year, as it
        was before this run reserved anything (read once: thousands of jobs, one query)."""
        if self._before is None:
            self._before = self.registry.first_by_key(self.settings.institution.sigla)
        return self._before.get((job.series, job.key))

    def add(self, job: DocumentJob, *, keep_issued: bool = False) -> str:
        if job.key in self.labels:
            return self.labels[job.key]
        entry = self.entry_before(job) if keep_issued else None
        if entry is not None and entry.status == ISSUED:
            conflict = subject_conflict(entry, job.subject)
            if conflict is not None:
                raise conflict
            label = entry.label
            self.issued.add(job.key)
        else:
            office = job.office or self.settings.institution.sigla
            label = self.registry.reserve(job.series, office, job.date.year, job.key, job.subject).label
        self.items.append(job)
        self.labels[job.key] = label
        return label

    @property
    def to_produce(self) -> list[DocumentJob]:
        return [job for job in self.items if job.key not in self.issued]


@dataclass(frozen=True)
class _Acta:
    """A version of a postulante's acta de resultados as other documents cite it."""

    numero: str
    fecha: dt.date

    @property
    def cita(self) -> str:
        return f"{self.numero}, del {fecha_larga(self.fecha)}"


def _original_acta(jobs: _Jobs, evaluation: Evaluation, committee: Committee, settings: Settings, rules) -> _Acta:
    """The postulante's original acta (v1): an issued one is never re-rendered."""
    on = jobs.dates.acta(evaluation.postulante.dni)
    return _Acta(jobs.add(acta_resultados.job(evaluation, committee, settings, rules, on=on), keep_issued=True), on)


def _by_reply_date(analysis: Analysis, dnis: Sequence[str], dates: RecordDates) -> list[tuple[str, ExpedienteResult]]:
    """The reclamos of ``dnis`` in the order of their replies' dates, so that the oficios' numbers
    follow their dates (a postulante's reclamos keep their own order)."""
    items = [(dni, item) for dni in dnis for item in analysis.results[dni].expedientes]
    return sorted(items, key=lambda pair: dates.reply(pair[1].expediente))


def _reply_jobs(jobs: _Jobs, analysis: Analysis, dnis: Sequence[str], committee: Committee,
                settings: Settings, *, keep_issued: bool = False) -> dict[str, dict[int, _Acta]]:
    """The new actas and the oficios de respuesta of ``dnis``; returns DNI → {version: its acta}.
    ``keep_issued``: oficios already issued are cited, not rendered again."""
    rules = settings.rules.ascenso
    versions: dict[str, dict[int, _Acta]] = {}
    for dni in dnis:
        versions[dni] = {1: _original_acta(jobs, analysis.results[dni].original, committee, settings, rules)}
    for dni, item in _by_reply_date(analysis, dnis, jobs.dates):
        on = jobs.dates.reply(item.expediente)
        acta = None
        if item.fundado:
            previous = versions[dni][item.version - 1]
            reclamo = {"expediente": item.expediente, "resultado": item.resultado.lower(),
                       "acta_anterior": previous.numero,
                       "fecha_anterior": previous.fecha,
                       "cambios": [{"aspecto": c.aspecto, "antes": c.antes, "despues": c.despues}
                                   for c in item.cambios]}
            label = jobs.add(acta_resultados.job(item.despues, committee, settings, rules, version=item.version,
                                                 on=on, reclamo=reclamo), keep_issued=keep_issued)
            versions[dni][item.version] = _Acta(label, on)
            acta = {"numero": label, "anterior": previous.cita}
        jobs.add(oficio_reclamo.job(item, committee, settings, rules, on=on, acta=acta,
                                    requests=analysis.case.solicitudes), keep_issued=keep_issued)
    return versions


def _retiro_jobs(jobs: _Jobs, analysis: Analysis, retiros: Sequence[Retiro], committee: Committee,
                 settings: Settings) -> None:
    """The oficios de retiro (and to the director for f and g), in the order of their dates; each
    cites the postulante's last acta and the oficios that answered their reclamos, which are
    produced too when they were not yet issued."""
    rules = settings.rules.ascenso
    with_reclamos = [item.dni for item in retiros if item.dni in analysis.results]
    versions = _reply_jobs(jobs, analysis, with_reclamos, committee, settings, keep_issued=True)
    for item in retiros:
        if item.dni not in versions:
            original = next(e for e in analysis.evaluations if e.postulante.dni == item.dni)
            versions[item.dni] = {1: _original_acta(jobs, original, committee, settings, rules)}
    for item in sorted(retiros, key=lambda r: jobs.dates.retiro(r.dni)):
        on = jobs.dates.retiro(item.dni)
        acta = versions[item.dni][max(versions[item.dni])]
        replies = [(oficio_reclamo.key(reply.expediente), reply.expediente, jobs.dates.reply(reply.expediente))
                   for reply in (analysis.results[item.dni].expedientes if item.dni in analysis.results else ())]

        def referencias(acta=acta, replies=replies) -> list[str]:
            return [acta.cita] + [f"{jobs.labels[key]}, del {fecha_larga(date)}, respuesta al reclamo del Exp. N° "
                                  f"{expediente}" for key, expediente, date in replies]

        label = jobs.add(oficio_retiro.job(item, committee, settings, rules, on=on, referencias=referencias))
        if item.comunicar_director:
            jobs.add(oficio_retiro.director_job(item, committee, settings, rules, on=on, oficio_retiro=label))


def _history(analysis: Analysis, versions: dict[str, dict[int, _Acta]], settings: Settings,
             outbox: Path | None) -> Path:
    rules = settings.rules.ascenso
    rows = [row for dni, actas in versions.items()
            for row in history_rows(analysis.results[dni], {v: a.numero for v, a in actas.items()}, rules)]
    year = rules.cronograma.reclamos_fin.year
    return append_history(rows, (outbox or settings.outbox) / str(year) / HISTORY_FILENAME)


def _check_dni(analysis: Analysis, dni: str, workbook: Path) -> None:
    if not any(e.postulante.dni == dni for e in analysis.evaluations):
        raise UnknownPostulante(
            f"El DNI {dni} no figura en la hoja «Postulantes» de {workbook.name}.",
            fix="Revise el número (8 dígitos) o use «cddgen score» para ver la lista de postulantes.")


@dataclass(frozen=True)
class Made:
    """What a command of the Ascenso record made: its documents, the history workbook, the
    foliated expediente (the informe final) and the warnings."""

    documents: list[ProducedDocument]
    history: Path | None = None
    expediente: Expediente | None = None
    warnings: tuple[str, ...] = ()


def _postulante(analysis: Analysis, dni: str):
    return next(e.postulante for e in analysis.evaluations if e.postulante.dni == dni)


def require_motivation(retiros: Sequence[Retiro], workbook: Path, settings: Settings, case: AscensoCase) -> None:
    """An oficio de retiro «debidamente motivado» (seed 003, 2.3.2) names the fact: a retiro for a
    failed idoneidad b), c) or d) cites the document that records it (the condena or the sanción,
    its number, date and source). Refuse, at once, those whose document was not recorded. A
    workbook of an older form has no such columns: it goes on with the reader's warning."""
    if not case.idoneidad_columns:
        return
    spec = ascenso_form(settings.rules.ascenso)
    issues = []
    for item in retiros:
        p = item.evaluation.postulante
        for check in item.evaluation.requisitos:
            document = p.documento_idoneidad(check.id) if check.id in IDONEIDAD_CHECKS else None
            if check.ok or check.id not in IDONEIDAD_CHECKS or (document and document.documento.strip()):
                continue
            column = spec.sheet(POSTULANTES_SHEET).column(f"idon_{check.id}_documento").header
            issues.append(Issue(
                f"el oficio de retiro de {p.apellidos_nombres} por la causal j) debe citar el documento que "
                f"acredita que no cumple «{check.name}» (la condena o la sanción, su número, fecha y fuente).",
                file=str(workbook), sheet=POSTULANTES_SHEET, row=p.source.row if p.source else None, column=column,
                fix="Escriba el documento, su fecha y su fuente en las columnas de esa idoneidad (Instructivo, "
                    "2.3.2: el oficio de retiro es debidamente motivado)."))
    if issues:
        raise InvalidInput(issues, file=workbook)


def _dates(settings: Settings, analysis: Analysis, members: Committee, workbook: Path, committee_file: Path, *,
           dnis: Sequence[str] = (), retiros: Sequence[Retiro] = (), informe: bool = False,
           issued: Sequence[dt.date] = ()) -> RecordDates:
    """The dates of the documents about ``dnis`` (their actas and replies) and ``retiros``, checked."""
    people = {*dnis, *(item.dni for item in retiros)}
    require_motivation(retiros, workbook, settings, analysis.case)
    return RecordDates(settings, members, workbook, committee_file).require(
        actas=[_postulante(analysis, dni) for dni in people],
        replies={dni: analysis.results[dni].expedientes for dni in people if dni in analysis.results},
        retiros=[item.evaluation.postulante for item in retiros], informe=informe, issued=issued)


def render_replies(workbook: Path, run: Run, *, dni: str | None = None, committee: str | Path | None = None,
                   analysis: Analysis | None = None) -> Made:
    """The oficio(s) de respuesta of ``dni`` (or of every reclamo) with the new actas when fundado,
    in one ``produce``; the history workbook gains their rows."""
    settings = run.settings
    analysis = analysis or analyse(workbook, settings)
    if dni is not None:
        _check_dni(analysis, dni, workbook)
        if dni not in analysis.results:
            raise NothingToRender(
                f"{analysis.name(dni)} (DNI {dni}) no presentó reclamos: no hay oficio de respuesta que generar.",
                fix="Registre el reclamo en la hoja «Reclamos» del libro.")
    dnis = [dni] if dni else [e.postulante.dni for e in analysis.evaluations if e.postulante.dni in analysis.results]
    if not dnis:
        return Made([])
    committee_file = committee_path(settings, workbook, committee)
    members = read_committee_for(committee_file, analysis.evaluations, settings)
    dates = _dates(settings, analysis, members, workbook, committee_file, dnis=dnis)
    jobs = _Jobs(run.registry, settings, dates)
    versions = _reply_jobs(jobs, analysis, dnis, members, settings)
    documents = produce(jobs.to_produce, run)
    return Made(documents, _history(analysis, versions, settings, run.outbox))


def render_retiros(workbook: Path, run: Run, *, dni: str | None = None, committee: str | Path | None = None,
                   analysis: Analysis | None = None) -> Made:
    """The oficio(s) de retiro of ``dni`` (or of everyone who incurs a causal after the reclamos),
    with the communication to the director for f) and g)."""
    settings = run.settings
    analysis = analysis or analyse(workbook, settings)
    chosen = list(analysis.retiros)
    if dni is not None:
        _check_dni(analysis, dni, workbook)
        chosen = [item for item in chosen if item.dni == dni]
        if not chosen:
            raise NothingToRender(
                f"{analysis.name(dni)} (DNI {dni}) no incurre en causal de retiro después de los reclamos.",
                fix="Las causales f), g) e i) se registran en «Postulantes»; la j) se aplica a quien no cumple "
                    "requisitos.")
    if not chosen:
        return Made([])
    committee_file = committee_path(settings, workbook, committee)
    members = read_committee_for(committee_file, analysis.evaluations, settings)
    dates = _dates(settings, analysis, members, workbook, committee_file, retiros=chosen)
    jobs = _Jobs(run.registry, settings, dates)
    _retiro_jobs(jobs, analysis, chosen, members, settings)
    return Made(produce(jobs.to_produce, run))


def render_record(workbook: Path, run: Run, analysis: Analysis, *,
                  committee: str | Path | None) -> list[ProducedDocument]:
    """Every acta and resultados.xlsx, then the oficios de respuesta with the new actas and the
    oficios de retiro the workbook's reclamos and causales call for."""
    documents = render_actas(workbook, run, committee=committee, evaluations=analysis.evaluations)
    write_score(analysis, run.settings, run.outbox)
    documents += render_replies(workbook, run, committee=committee, analysis=analysis).documents
    documents += render_retiros(workbook, run, committee=committee, analysis=analysis).documents
    return documents


def process_workbook(path: Path, run: Run) -> list[ProducedDocument]:
    """The Ascenso family's one-shot path (the inbox): ``render_record``. The informe final is
    asked for on its own («cddgen render informe-final»)."""
    analysis = analyse(path, run.settings)  # the workbook's own problems first, whatever the committee
    committee = committee_path(run.settings, path, None, run.committee)
    documents = render_record(path, run, analysis, committee=committee)
    if documents and analysis.case.avisos:  # the inbox's receipt shows them
        documents[0] = replace(documents[0], warnings=documents[0].warnings + analysis.case.avisos)
    return documents
