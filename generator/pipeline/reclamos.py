"""After the preliminary results (seed 003, capítulo III): reclamos and their oficios with the
new actas, oficios de retiro, the history of changes, and the informe final with its
foliated expediente.

Cross-referenced numbers (the acta an oficio attaches, the acta a new version replaces, the
oficio de retiro the director's copy cites) are reserved in the registry while the jobs are
built, in the order they are produced; ``produce`` then finds the same numbers by key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

import holidays

from ..config import Settings
from ..domain.ascenso import Evaluation, evaluate
from ..domain.ascenso.reclamos import (
    AscensoCase,
    CopiaObservada,
    ReclamosResult,
    copies_deadline,
    late_copies,
    plazo,
    resolve_reclamos,
)
from ..domain.ascenso.retiro import Retiro, retiro
from ..domain.comite import Committee
from ..errors import ConfigError, ConversionError, CddgenError, ExitStatus
from ..open_parameters import open_parameters
from ..readers.ascenso import read_case
from ..wording import agree
from ..render import acta_instalacion, acta_resultados, informe_final, oficio_reclamo, oficio_retiro
from ..render.docx import Properties, render_docx
from ..render.documents import DocumentJob, ProducedDocument, base_context, open_registry, produce
from ..render.expediente import Expediente, FoliatedPart, Part, build_expediente, page_count
from ..render.historial import FILENAME as HISTORY_FILENAME
from ..render.historial import append_history, history_rows
from ..render.numbering import ISSUED, NumberEntry, NumberingRegistry, subject_conflict
from ..render.pdf import PdfConverter
from ..render.resultados import FILENAME as RESULTS_FILENAME
from ..render.resultados import write_results
from ..scratch import scratch_folder
from .ascenso import UnknownPostulante, _route, committee_path, read_committee_for, render_actas


class NothingToRender(CddgenError):
    """The command asked for documents the data does not call for (e.g. a postulante without reclamos)."""

    exit_status = ExitStatus.USAGE


# --- analysis ------------------------------------------------------------------------


def non_working_days(rules) -> frozenset[dt.date]:
    """Peru's national holidays around the reclamos plazo, plus the rules' «dias_no_laborables»."""
    extra = rules["cronograma"]["dias_no_laborables"]
    wrong = [day for day in extra if type(day) is not dt.date]
    if wrong:
        raise ConfigError(
            f"Reglas del ascenso: «cronograma.dias_no_laborables» contiene {wrong[0]!r}, que no es una fecha.",
            fix="Escriba fechas aaaa-mm-dd sin comillas, p. ej. dias_no_laborables = [2026-01-02].")
    start, end = plazo(rules)
    years = range(start.year - 1, end.year + 1)
    return frozenset(holidays.country_holidays("PE", years=years)) | frozenset(extra)


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


def analyse(workbook: Path, settings: Settings) -> Analysis:
    """Read and validate the whole workbook, evaluate everyone, resolve the reclamos."""
    rules = settings.rules("ascenso")
    case = read_case(workbook, rules)
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
    rules = settings.rules("ascenso")
    return write_results(analysis.evaluations, (outbox or settings.outbox) / RESULTS_FILENAME, rules,
                         open_parameters("ascenso", rules, settings.rule_overrides.get("ascenso")), after)


# --- numbering helpers ----------------------------------------------------------------


class _Jobs:
    """Jobs in production order, each number reserved as the job is added; a document already
    issued keeps its number (whatever its year) and is marked so it is not re-rendered."""

    def __init__(self, registry: NumberingRegistry, settings: Settings):
        self.registry = registry
        self.settings = settings
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


def _original_acta(jobs: _Jobs, evaluation: Evaluation, committee: Committee, settings: Settings, rules) -> str:
    """The number of the postulante's original acta (v1): an issued one is never re-rendered."""
    return jobs.add(acta_resultados.job(evaluation, committee, settings, rules), keep_issued=True)


def _reply_jobs(jobs: _Jobs, analysis: Analysis, dnis: Sequence[str], committee: Committee,
                settings: Settings) -> dict[str, dict[int, str]]:
    """The new actas and the oficios de respuesta of ``dnis``; returns DNI → {version: acta number}."""
    rules = settings.rules("ascenso")
    versions: dict[str, dict[int, str]] = {}
    for dni in dnis:
        result = analysis.results[dni]
        labels = {1: _original_acta(jobs, result.original, committee, settings, rules)}
        for item in result.expedientes:
            acta = None
            if item.fundado:
                previous = labels[item.version - 1]
                reclamo = {"expediente": item.expediente, "acta_anterior": previous,
                           "version_anterior": item.version - 1,
                           "cambios": [{"aspecto": c.aspecto, "antes": c.antes, "despues": c.despues}
                                       for c in item.cambios]}
                labels[item.version] = jobs.add(acta_resultados.job(
                    item.despues, committee, settings, rules, version=item.version,
                    on=oficio_reclamo.reply_date(item, settings), reclamo=reclamo))
                acta = {"numero": labels[item.version], "anterior": previous}
            jobs.add(oficio_reclamo.job(item, committee, settings, rules, acta))
        versions[dni] = labels
    return versions


def _retiro_jobs(jobs: _Jobs, retiros: Sequence[Retiro], committee: Committee, settings: Settings) -> None:
    rules = settings.rules("ascenso")
    for item in retiros:
        label = jobs.add(oficio_retiro.job(item, committee, settings, rules))
        if item.comunicar_director:
            jobs.add(oficio_retiro.director_job(item, committee, settings, rules, label))


def _history(analysis: Analysis, versions: dict[str, dict[int, str]], settings: Settings,
             outbox: Path | None) -> Path:
    rows = [row for dni, labels in versions.items() for row in history_rows(analysis.results[dni], labels)]
    year = plazo(settings.rules("ascenso"))[1].year
    return append_history(rows, (outbox or settings.outbox) / str(year) / HISTORY_FILENAME)


def _check_dni(analysis: Analysis, dni: str, workbook: Path) -> None:
    if not any(e.postulante.dni == dni for e in analysis.evaluations):
        raise UnknownPostulante(
            f"El DNI {dni} no figura en la hoja «Postulantes» de {workbook.name}.",
            fix="Revise el número (8 dígitos) o use «cddgen score» para ver la lista de postulantes.")


@dataclass(frozen=True)
class Run:
    documents: list[ProducedDocument]
    history: Path | None = None
    expediente: Expediente | None = None
    warnings: tuple[str, ...] = ()


def render_replies(workbook: Path, settings: Settings, *, dni: str | None = None, committee: str | Path | None = None,
                   outbox: Path | None = None, registry_path: Path | None = None, pdf: bool = True,
                   analysis: Analysis | None = None) -> Run:
    """The oficio(s) de respuesta of ``dni`` (or of every reclamo) with the new actas when fundado,
    in one ``produce``; the history workbook gains their rows."""
    analysis = analysis or analyse(workbook, settings)
    if dni is not None:
        _check_dni(analysis, dni, workbook)
        if dni not in analysis.results:
            raise NothingToRender(
                f"{analysis.name(dni)} (DNI {dni}) no presentó reclamos: no hay oficio de respuesta que generar.",
                fix="Registre el reclamo en la hoja «Reclamos» del libro.")
    dnis = [dni] if dni else [e.postulante.dni for e in analysis.evaluations if e.postulante.dni in analysis.results]
    if not dnis:
        return Run([])
    members = read_committee_for(committee_path(settings, workbook, committee), analysis.evaluations, settings)
    registry = open_registry(settings, registry_path)
    jobs = _Jobs(registry, settings)
    versions = _reply_jobs(jobs, analysis, dnis, members, settings)
    documents = produce(jobs.to_produce, settings, outbox=outbox, registry=registry, pdf=pdf)
    return Run(documents, _history(analysis, versions, settings, outbox))


def render_retiros(workbook: Path, settings: Settings, *, dni: str | None = None, committee: str | Path | None = None,
                   outbox: Path | None = None, registry_path: Path | None = None, pdf: bool = True,
                   analysis: Analysis | None = None) -> Run:
    """The oficio(s) de retiro of ``dni`` (or of everyone who incurs a causal after the reclamos),
    with the communication to the director for f) and g)."""
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
        return Run([])
    members = read_committee_for(committee_path(settings, workbook, committee), analysis.evaluations, settings)
    registry = open_registry(settings, registry_path)
    jobs = _Jobs(registry, settings)
    _retiro_jobs(jobs, chosen, members, settings)
    return Run(produce(jobs.items, settings, outbox=outbox, registry=registry, pdf=pdf))


# --- informe final and expediente -------------------------------------------------------


def resolution_path(settings: Settings, given: str | Path | None) -> Path | None:
    """The resolution PDF: the one given, else ``rutas.resolucion_conformacion``, else None."""
    if given:
        return Path(given)
    if not settings.raw["rutas"]["resolucion_conformacion"]:
        return None
    configured = _route(settings, "resolucion_conformacion")
    if not configured.is_file():
        raise ConfigError(f"rutas.resolucion_conformacion apunta a «{configured}», que no existe.",
                          fix="Corrija la ruta en cddgen.toml o indique --resolucion RUTA.")
    return configured


def _recorded_pdf(jobs: _Jobs, job: DocumentJob, suffix: str = ".pdf") -> Path | None:
    """The PDF (or the file ending in ``suffix``) of a document already issued under ``job``'s
    key, when it is still on disk."""
    entry = jobs.entry_before(job)
    if entry is None or entry.status != ISSUED:
        return None
    found = [Path(name) for name in entry.files if name.endswith(suffix)]
    return found[0] if found and found[0].is_file() else None


def render_informe_final(
    workbook: Path,
    settings: Settings,
    *,
    committee: str | Path | None = None,
    resolution: str | Path | None = None,
    outbox: Path | None = None,
    registry_path: Path | None = None,
    pdf: bool = True,
    progress: Callable[[str], None] | None = None,
    analysis: Analysis | None = None,
) -> Run:
    """The informe final (Anexo 3) and its foliated expediente.

    The documents of the expediente are taken from the registry when already issued with their
    PDF (a signed acta is never re-rendered); the missing ones are produced. Without PDFs
    (--sin-pdf, or no LibreOffice) the informe is still written and says the expediente is missing.
    """
    say = progress or (lambda text: None)
    rules = settings.rules("ascenso")
    analysis = analysis or analyse(workbook, settings)
    members = read_committee_for(committee_path(settings, workbook, committee), analysis.evaluations, settings,
                                 informe_final=True)
    director = oficio_retiro.director_name(members, settings)
    if not director:
        raise ConfigError(
            "Falta el nombre del director(a) de la DRE/UGEL, destinatario del informe final («A:» del Anexo 3).",
            fix="Escríbalo en la hoja «Informe final» del formulario del Comité o en cddgen.toml: "
                "[institucion] director = \"…\".")
    resolution_pdf = resolution_path(settings, resolution)
    if resolution_pdf is not None:
        page_count(resolution_pdf)  # refuses an unreadable or locked PDF before anything is written
    outbox = outbox or settings.outbox
    registry = open_registry(settings, registry_path)
    jobs = _Jobs(registry, settings)
    # Numbering order: acta de instalación, original actas, then replies and retiros.
    inst = acta_instalacion.job(members, settings, rules)
    jobs.add(inst, keep_issued=True)
    for evaluation in analysis.evaluations:
        _original_acta(jobs, evaluation, members, settings, rules)
    dnis = [e.postulante.dni for e in analysis.evaluations if e.postulante.dni in analysis.results]
    versions = _reply_jobs(jobs, analysis, dnis, members, settings)
    _retiro_jobs(jobs, analysis.retiros, members, settings)
    informe_label = registry.reserve(informe_final.SERIES, settings.institution.sigla, settings.today.year,
                                     informe_final.key(members), acta_instalacion.committee_subject(members)).label

    # Documents issued with their PDF are reused as they are; the rest is produced now.
    pdfs: dict[str, Path] = {}
    missing: list[DocumentJob] = []
    for job in jobs.items:
        recorded = _recorded_pdf(jobs, job) if pdf else None
        if recorded:
            pdfs[job.key] = recorded
        elif not pdf and _recorded_pdf(jobs, job, ".docx"):
            continue  # issued and on disk: rendering it again without PDF would only replace it by a copy
        else:
            missing.append(job)
    say(f"Documentos del expediente: {len(jobs.items)} ({len(missing)} por generar).")
    produced = produce(missing, settings, outbox=outbox, registry=registry, pdf=pdf)
    errors = []
    for job, document in zip(missing, produced):
        if document.pdf:
            pdfs[job.key] = document.pdf
        elif document.pdf_error:
            errors.append(document.pdf_error)

    labels = jobs.labels
    parts: list[Part] = []
    if resolution_pdf:
        parts.append(Part(f"Resolución de conformación del Comité de Evaluación: {members.resolucion}", resolution_pdf))
    expected: list[tuple[str, str]] = [(inst.key, f"Acta de instalación – {labels[inst.key]}")]
    for evaluation in analysis.evaluations:
        dni = evaluation.postulante.dni
        name = f"{evaluation.postulante.apellidos_nombres} (DNI {dni})"
        result = analysis.results.get(dni)
        for version in range(1, (result.last_version if result else 1) + 1):
            key = acta_resultados.key(dni, version)
            replaces = f", que reemplaza al {labels[acta_resultados.key(dni, version - 1)]}" if version > 1 else ""
            expected.append((key, f"{labels[key]}{replaces} – {name}"))
    for dni in dnis:
        for item in analysis.results[dni].expedientes:
            key = oficio_reclamo.key(item.expediente)
            expected.append((key, f"{labels[key]} – respuesta al reclamo Exp. N° {item.expediente} – "
                                  f"{analysis.name(dni)}"))
    for item in analysis.retiros:
        key = oficio_retiro.key(item.dni)
        expected.append((key, f"{labels[key]} – retiro del concurso – {analysis.name(item.dni)}"))
        if item.comunicar_director:
            key = oficio_retiro.director_key(item.dni)
            to_director = agree("al director", oficio_retiro.director_gender(members, settings))
            expected.append((key, f"{labels[key]} – comunicación {to_director}: retiro de {analysis.name(item.dni)}"))
    lacking = [title for key, title in expected if key not in pdfs]
    parts += [Part(title, pdfs[key]) for key, title in expected if key in pdfs]

    warnings: list[str] = []
    expediente = None
    informe_date = settings.today
    note = ""
    if lacking:
        reason = errors[0] if errors else "se generaron solo los documentos Word (--sin-pdf)."
        note = ("El expediente foliado no se generó porque faltan los PDF de "
                f"{len(lacking)} documento(s); se genera cuando LibreOffice convierte todos los documentos a PDF.")
        warnings.append(f"No se generó el expediente foliado: faltan {len(lacking)} PDF. {reason}")
    else:
        notes = [] if resolution_pdf else [
            "La resolución de conformación no se incluye en este expediente digital: no se indicó su PDF."]
        target = informe_final.expediente_target(outbox / str(informe_date.year) / informe_final.KIND, informe_label)
        say("Foliando el expediente…")
        with scratch_folder(settings.scratch_root, "indice") as scratch:
            expediente = build_expediente(
                parts, lambda documents, total, tomos: _index_pdf(
                    Path(scratch), members, settings, rules, informe_label, informe_date, documents, total, tomos,
                    notes),
                target, index_title="Índice del expediente",
                folios_per_tomo=int(rules["expediente"]["folios_por_tomo"]),
                title=f"Expediente del {informe_label} – {informe_final.SUBJECT}", author=settings.institution.nombre)
        if not resolution_pdf:
            warnings.append("El expediente se armó sin la resolución de conformación: indique --resolucion RUTA "
                            "o configure rutas.resolucion_conformacion.")

    facts = informe_final.Facts(
        committee=members, director=director, director_genero=oficio_retiro.director_gender(members, settings),
        acta_instalacion=labels[inst.key],
        originals=analysis.evaluations, finals=analysis.finals,
        reclamos=tuple(analysis.results[dni] for dni in dnis), retiros=analysis.retiros,
        director_oficios=sum(1 for item in analysis.retiros if item.comunicar_director),
        copies=len(analysis.case.solicitudes), late_copies=analysis.late, copies_deadline=analysis.deadline,
        plazo_fin=plazo(rules)[1], copias_dias=int(rules["cronograma"]["copias_dias_habiles_antes"]),
        new_actas=sum(result.last_version - 1 for result in analysis.results.values()),
        resolution_attached=resolution_pdf is not None,
        folios=expediente.total if expediente else None,
        tomos=tuple((tomo.first, tomo.last) for tomo in expediente.tomos) if expediente else (),
        documents=expediente.parts if expediente else (), expediente_note=note,
    )
    (informe,) = produce([informe_final.job(facts, settings, rules)], settings, outbox=outbox, registry=registry,
                         pdf=pdf)
    if expediente:  # the expediente goes with the informe, as its attachment
        informe = replace(informe, attachments=informe.attachments + expediente.paths)
    history = _history(analysis, versions, settings, outbox)
    return Run(produced + [informe], history, expediente, tuple(warnings))


def process_workbook(path: Path, settings: Settings, options) -> list[ProducedDocument]:
    """The Ascenso family's one-shot path (the inbox): every acta and resultados.xlsx, and, when
    the workbook records reclamos and causales, the oficios de respuesta with the new actas and
    the oficios de retiro. The informe final is asked for on its own («cddgen render informe-final»)."""
    committee = committee_path(settings, path, None, options.committee)
    common = {"outbox": options.outbox, "registry_path": options.registry_path, "pdf": options.pdf}
    analysis = analyse(path, settings)
    documents = render_actas(path, settings, committee=committee, evaluations=analysis.evaluations, **common)
    write_score(analysis, settings, options.outbox)
    documents += render_replies(path, settings, committee=committee, analysis=analysis, **common).documents
    documents += render_retiros(path, settings, committee=committee, analysis=analysis, **common).documents
    if documents and analysis.case.avisos:  # the inbox's receipt shows them
        documents[0] = replace(documents[0], warnings=documents[0].warnings + analysis.case.avisos)
    return documents


def demo_ascenso(settings: Settings, options) -> list[ProducedDocument]:
    """`cddgen demo` for the Ascenso family: the sample's actas and resultados.xlsx, then the
    oficios de respuesta with the new actas, the oficios de retiro, and the informe final with its
    foliated expediente (the sample resolution first)."""
    workbook = settings.example_path("ascenso.xlsx")
    committee = settings.example_path("comite.xlsx")
    common = {"outbox": options.outbox, "registry_path": options.registry_path, "pdf": options.pdf}
    analysis = analyse(workbook, settings)
    documents = render_actas(workbook, settings, committee=committee, evaluations=analysis.evaluations, **common)
    write_score(analysis, settings, options.outbox)
    documents += render_replies(workbook, settings, committee=committee, analysis=analysis, **common).documents
    documents += render_retiros(workbook, settings, committee=committee, analysis=analysis, **common).documents
    documents += render_informe_final(workbook, settings, committee=committee, analysis=analysis,
                                      resolution=settings.example_path("resolucion-conformacion.pdf"),
                                      **common).documents
    return documents


def _index_pdf(folder: Path, committee: Committee, settings: Settings, rules, informe: str, on: dt.date,
               documents: list[FoliatedPart], total: int, tomos: Sequence[tuple[int, int]],
               notes: Sequence[str]) -> Path:
    """Render the index page(s) for these folio ranges into ``folder`` and convert them; the PDF's path."""
    context = base_context(settings, on, f"Índice del expediente – {informe}")
    index_entry = FoliatedPart("Índice del expediente", 1, documents[0].first - 1 if documents else 1)
    context.update(informe_final.index_context(committee, settings, rules, informe, [index_entry, *documents],
                                               total, tomos, notes))
    docx = render_docx(settings.template_path(informe_final.INDEX_TEMPLATE), context, folder / "indice.docx",
                       images={"logo": settings.institution.logo},
                       properties=Properties(f"Índice del expediente – {informe}", settings.institution.nombre))
    (result,) = PdfConverter(settings.pdf, profile_root=folder).convert([docx], outdir=folder)
    if result.pdf is None:
        raise ConversionError(f"No se pudo convertir el índice del expediente a PDF. {result.error}")
    return result.pdf
