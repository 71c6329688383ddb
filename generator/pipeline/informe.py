"""The informe final of the Comité de Evaluación (seed 003, 3.6 and Anexo 3) and its foliated
expediente: the whole record of the process, postulante by postulante.

The expediente holds, in order: the resolución de conformación, the acta de instalación, the actas
de sesión, then for each postulante (in the workbook's order) the documents the committee gives
(informes escalafonarios, documents of disability, reclamo writings: rows of «Documentos del
expediente», or PDFs named by DNI in a folder), the acta de resultados, the constancias of the
copies handed, each reclamo's writing, reply, constancia and new acta, and the oficios de retiro
with their constancias. It is bound in tomos of at most ``expediente.folios_por_tomo`` folios
(LPAG), each with its cover; the informe's 2.4 points to its index.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from pypdf import PdfReader

from ..config import Settings
from ..domain.ascenso.registro import (
    COPIAS,
    DOCUMENTO_DISCAPACIDAD,
    ESCRITO_RECLAMO,
    INFORME_ESCALAFONARIO,
    OTRO_DOCUMENTO,
    RESPUESTA,
    RETIRO,
    DocumentoPostulante,
    Notificacion,
)
from ..domain.comite import Committee
from ..errors import ConfigError, ConversionError, InvalidInput, Issue
from ..forms.ascenso import DOCUMENTOS_SHEET, NOTIFICACIONES_SHEET, ascenso_form
from ..render import acta_instalacion, acta_resultados, acta_sesion, informe_final, oficio_reclamo, oficio_retiro
from ..render.docx import Properties, render_docx
from ..render.documents import DocumentJob, ProducedDocument, base_context, produce
from ..render.expediente import FoliatedPart, Part, build_expediente, page_count
from ..render.numbering import ISSUED, NumberingRegistry
from ..render.pdf import PdfConverter
from ..render.pdfa import PdfA, fonts_not_embedded
from ..run import Run
from ..scratch import scratch_folder
from ..wording import Gender, agree
from .ascenso import _route, committee_path, read_committee_for
from .reclamos import (
    Analysis,
    Made,
    _dates,
    _history,
    _Jobs,
    _original_acta,
    _reply_jobs,
    _retiro_jobs,
    analyse,
    render_record,
)
from .signed_copies import signed_versions

_DNI_NAME = re.compile(r"^(\d{8})(?:\D|$)")


def _given_or_configured(settings: Settings, given: str | Path | None, key: str, *, folder: bool) -> Path | None:
    """The path given on the command line, else the one of ``rutas.<key>`` (None when empty)."""
    if given:
        return Path(given)
    if not settings.raw["rutas"][key]:
        return None
    configured = _route(settings, key)
    if not (configured.is_dir() if folder else configured.is_file()):
        option = "--documentos CARPETA" if folder else "--resolucion RUTA"
        raise ConfigError(f"rutas.{key} apunta a «{configured}», que no existe"
                          + (" o no es una carpeta." if folder else "."),
                          fix=f"Corrija la ruta en cddgen.toml o indique {option}.")
    return configured


def resolution_path(settings: Settings, given: str | Path | None) -> Path | None:
    """The resolution PDF: the one given, else ``rutas.resolucion_conformacion``, else None."""
    return _given_or_configured(settings, given, "resolucion_conformacion", folder=False)


def documents_folder(settings: Settings, given: str | Path | None) -> Path | None:
    """The folder of the postulantes' PDFs: the one given, else ``rutas.documentos_postulantes``."""
    return _given_or_configured(settings, given, "documentos_postulantes", folder=True)


def folder_documents(folder: Path, dnis: set[str], listed: set[Path]) -> tuple[list[DocumentoPostulante], list[str]]:
    """The PDFs of ``folder`` whose name starts with a postulante's DNI (or inside a subfolder
    named by the DNI), in name order, with the warnings for those that belong to no postulante.
    Files the workbook already lists (``listed``) are left to the workbook."""
    found, warnings = [], []
    candidates = sorted([*folder.glob("*.pdf"), *folder.glob("*.PDF"), *folder.glob("*/*.pdf"), *folder.glob("*/*.PDF")])
    for path in candidates:
        if path.resolve() in listed:
            continue
        inside = path.parent != folder
        match = _DNI_NAME.match(path.parent.name if inside else path.name)
        if match is None:
            warnings.append(f"«{path.name}» no empieza con el DNI de un postulante: no se incluye en el expediente.")
            continue
        dni = match.group(1)
        if dni not in dnis:
            warnings.append(f"«{path.name}»: el DNI {dni} no es de ningún postulante del libro; no se incluye en el "
                            "expediente.")
            continue
        title = (path.stem if inside else path.stem[len(dni):]).strip(" -_.") or "Documento del postulante"
        found.append(DocumentoPostulante(dni, OTRO_DOCUMENTO, title[:1].upper() + title[1:], str(path)))
    return found, warnings


def _missing_files(workbook: Path, settings: Settings, documents: Sequence[DocumentoPostulante],
                   notifications: Sequence[Notificacion]) -> None:
    """Refuse, listing them all, the PDFs the workbook names that are not there or not PDFs."""
    spec = ascenso_form(settings.rules.ascenso)
    issues = []
    checks = [(DOCUMENTOS_SHEET, "archivo", d.source, d.archivo) for d in documents if d.source] + \
             [(NOTIFICACIONES_SHEET, "constancia", n.source, n.constancia) for n in notifications if n.constancia]
    for sheet, field, source, written in checks:
        path = Path(written)
        problem = ("no es un archivo PDF" if path.suffix.lower() != ".pdf" else
                   "no existe" if not path.is_file() else None)
        if problem:
            issues.append(Issue(f"«{path}» {problem}.", file=str(workbook), sheet=sheet, row=source.row,
                                column=spec.sheet(sheet).column(field).header,
                                fix="Indique la ruta del PDF, completa o relativa a la carpeta del libro."))
    if issues:
        raise InvalidInput(issues, file=workbook)


def _recorded_pdf(jobs: _Jobs, job: DocumentJob, suffix: str = ".pdf") -> Path | None:
    """The PDF (or the file ending in ``suffix``) of a document already issued under ``job``'s
    key, when it is still on disk."""
    entry = jobs.entry_before(job)
    if entry is None or entry.status != ISSUED:
        return None
    found = [Path(name) for name in entry.files if name.endswith(suffix)]
    return found[0] if found and found[0].is_file() else None


@dataclass(frozen=True)
class _Entry:
    """A document of the expediente: its title, and the job key of what cddgen issues or the PDF
    the user gives."""

    title: str
    key: str = ""
    pdf: Path | None = None


def _constancias(items: Sequence[Notificacion], what: str, name: str) -> list[_Entry]:
    return [_Entry(f"Constancia de {what} – {name} ({item.describe()})", pdf=Path(item.constancia))
            for item in items if item.constancia]


def _entries(analysis: Analysis, labels: dict[str, str], inst_key: str, sessions: Sequence[DocumentJob],
             documents: Sequence[DocumentoPostulante], resolution: tuple[str, Path] | None,
             director: Gender = Gender.UNKNOWN) -> list[_Entry]:
    """Everything the expediente holds, in its order (see the module docstring); ``director``: the
    gender of the director(a) the retiros f) and g) are communicated to."""
    # By DNI once: an expediente of thousands of postulantes is laid out in one pass.
    sent: dict[tuple[str, str, str], list[Notificacion]] = defaultdict(list)
    for item in analysis.case.notificaciones:
        sent[(item.dni, item.comunicacion, item.expediente)].append(item)
    own: dict[str, list[DocumentoPostulante]] = defaultdict(list)
    for document in documents:
        own[document.dni].append(document)
    entries = [_Entry(resolution[0], pdf=resolution[1])] if resolution else []
    entries.append(_Entry(f"{labels[inst_key]} – Instalación del Comité", inst_key))
    entries += [_Entry(f"{labels[job.key]} – Sesión de trabajo del {job.date:%d/%m/%Y}", job.key) for job in sessions]
    retiros = {item.dni: item for item in analysis.retiros}
    for evaluation in analysis.evaluations:
        p = evaluation.postulante
        dni, name = p.dni, f"{p.apellidos_nombres} (DNI {p.dni})"
        mine = own[dni]
        before = [d for d in mine if d.tipo in (INFORME_ESCALAFONARIO, DOCUMENTO_DISCAPACIDAD, OTRO_DOCUMENTO)
                  or (d.tipo == ESCRITO_RECLAMO and not d.expediente)]
        entries += [_Entry(f"{d.titulo} – {name}", pdf=Path(d.archivo)) for d in before]
        entries.append(_Entry(f"{labels[acta_resultados.key(dni)]} – {name}", acta_resultados.key(dni)))
        entries += _constancias(sent[(dni, COPIAS, "")], "entrega de copias", name)
        result = analysis.results.get(dni)
        for item in result.expedientes if result else ():
            entries += [_Entry(f"{d.titulo} – Exp. N° {item.expediente} – {name}", pdf=Path(d.archivo))
                        for d in mine if d.tipo == ESCRITO_RECLAMO and d.expediente == item.expediente]
            key = oficio_reclamo.key(item.expediente)
            entries.append(_Entry(f"{labels[key]} – Respuesta al reclamo Exp. N° {item.expediente} – {name}", key))
            if item.version:
                acta = acta_resultados.key(dni, item.version)
                replaced = labels[acta_resultados.key(dni, item.version - 1)]
                entries.append(_Entry(f"{labels[acta]} – {name}, reemplaza al {replaced}", acta))
            entries += _constancias(sent[(dni, RESPUESTA, item.expediente)], "notificación", name)
        if dni in retiros:
            key = oficio_retiro.key(dni)
            entries.append(_Entry(f"{labels[key]} – Retiro del concurso – {name}", key))
            entries += _constancias(sent[(dni, RETIRO, "")], "notificación", name)
            if retiros[dni].comunicar_director:
                key = oficio_retiro.director_key(dni)
                entries.append(_Entry(f"{labels[key]} – Comunicación del retiro {agree('al director', director)} – "
                                      f"{name}", key))
    return entries


def _expediente_parts(entries: Sequence[_Entry], pdfs: dict[str, Path], jobs: _Jobs,
                      registry: NumberingRegistry) -> list[Part]:
    """The documents of the expediente: what cddgen issued, as its most complete signed copy when
    it has one (its index entry says who signed; the signed original goes in as an attachment),
    else as its PDF; what the user gives, as given."""
    signed = signed_versions(registry)
    series = {job.key: job.series for job in jobs.items}
    parts = []
    for entry in entries:
        version = signed.get((series.get(entry.key, ""), entry.key)) if entry.key and not entry.pdf else None
        if version is None:
            parts.append(Part(entry.title, entry.pdf or pdfs[entry.key]))
        else:
            parts.append(Part(f"{entry.title} – {version.signed_by}", version.pdf, version.originals))
    return parts


def render_informe_final(
    workbook: Path,
    run: Run,
    *,
    committee: str | Path | None = None,
    resolution: str | Path | None = None,
    documents: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    analysis: Analysis | None = None,
) -> Made:
    """The informe final (Anexo 3) and its foliated expediente.

    The documents of the expediente are taken from the registry when already issued with their
    PDF (a signed acta is never re-rendered); the missing ones are produced. Without PDFs
    (--sin-pdf, or no LibreOffice) the informe is still written and says the expediente is missing.
    """
    say = progress or (lambda text: None)
    settings, pdf, outbox = run.settings, run.pdf, run.outbox
    rules = settings.rules.ascenso
    analysis = analysis or analyse(workbook, settings)
    committee_file = committee_path(settings, workbook, committee)
    members = read_committee_for(committee_file, analysis.evaluations, settings, informe_final=True)
    director = oficio_retiro.director_name(members, settings)
    if not director:
        raise ConfigError(
            "Falta el nombre del director(a) de la DRE/UGEL, destinatario del informe final («A:» del Anexo 3).",
            fix="Escríbalo en la hoja «Informe final» del formulario del Comité o en cddgen.toml: "
                "[institucion] director = \"…\".")
    resolution_pdf = resolution_path(settings, resolution)
    if resolution_pdf is not None:
        page_count(resolution_pdf)  # refuses an unreadable or locked PDF before anything is written
    warnings: list[str] = []
    given = list(analysis.case.documentos)
    if pdf:  # only the foliated expediente needs the PDFs the workbook names
        _missing_files(workbook, settings, given, analysis.case.notificaciones)
    folder = documents_folder(settings, documents)
    if folder is not None:
        found, skipped = folder_documents(folder, {e.postulante.dni for e in analysis.evaluations},
                                          {Path(d.archivo).resolve() for d in given})
        given += found
        warnings += skipped
    dates = _dates(settings, analysis, members, workbook, committee_file,
                   dnis=[e.postulante.dni for e in analysis.evaluations], retiros=analysis.retiros, informe=True,
                   issued=[members.fecha, *(session.fecha for session in members.sesiones)])
    dates.check_notifications(analysis.case.notificaciones)
    informe_date = dates.informe
    registry = run.registry
    jobs = _Jobs(registry, settings, dates)
    # Numbering order: actas de instalación and de sesión, original actas, then replies and retiros.
    inst = acta_instalacion.job(members, settings, rules)
    jobs.add(inst, keep_issued=True)
    sessions = acta_sesion.jobs(members, settings, rules)
    for job in sessions:
        jobs.add(job, keep_issued=True)
    for evaluation in analysis.evaluations:
        _original_acta(jobs, evaluation, members, settings, rules)
    dnis = [e.postulante.dni for e in analysis.evaluations if e.postulante.dni in analysis.results]
    versions = _reply_jobs(jobs, analysis, dnis, members, settings)
    _retiro_jobs(jobs, analysis, analysis.retiros, members, settings)
    informe_label = registry.reserve(informe_final.SERIES, settings.institution.sigla, informe_date.year,
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
    produced = produce(missing, run)
    errors = []
    for job, document in zip(missing, produced):
        if document.pdf:
            pdfs[job.key] = document.pdf
        elif document.pdf_error:
            errors.append(document.pdf_error)

    entries = _entries(analysis, jobs.labels, inst.key, sessions, given,
                       (f"Resolución de conformación del Comité de Evaluación: {members.resolucion}", resolution_pdf)
                       if resolution_pdf else None, oficio_retiro.director_gender(members, settings))
    lacking = [entry.title for entry in entries if entry.key and entry.key not in pdfs]
    expediente = None
    note = ""
    if lacking:
        reason = errors[0] if errors else "se generaron solo los documentos Word (--sin-pdf)."
        note = ("El expediente foliado no se generó porque faltan los PDF de "
                f"{len(lacking)} documento(s); se genera cuando LibreOffice convierte todos los documentos a PDF.")
        warnings.append(f"No se generó el expediente foliado: faltan {len(lacking)} PDF. {reason}")
    else:
        parts = _expediente_parts(entries, pdfs, jobs, registry)
        notes = [] if resolution_pdf else [
            "La resolución de conformación no se incluye en este expediente digital: no se indicó su PDF."]
        target = informe_final.expediente_target(outbox / str(informe_date.year) / informe_final.KIND, informe_label)
        pdfa = None
        if settings.pdf.pdfa:
            pdfa = PdfA(f"Expediente del {informe_label}", dt.datetime.now())
            # What cddgen issues is PDF/A already; what the user brings may not embed its fonts.
            for path in dict.fromkeys(entry.pdf for entry in entries if entry.pdf):
                fonts = fonts_not_embedded(PdfReader(str(path)))
                if fonts:
                    warnings.append(f"«{path.name}» no incrusta sus fuentes ({', '.join(fonts[:3])}): el expediente "
                                    "no cumple PDF/A en esas páginas; guárdelo como PDF/A e indíquelo de nuevo.")
        say("Foliando el expediente…")
        with scratch_folder(settings.scratch_root, "indice") as scratch:
            expediente = build_expediente(
                parts,
                lambda entries_, total, tomos: _index_pdf(Path(scratch), members, settings, rules, informe_label,
                                                          informe_date, entries_, total, tomos, notes),
                target, index_title="Índice del expediente",
                folios_per_tomo=rules.folios_por_tomo,
                cover_pdf=lambda tomos, total: _cover_pdf(Path(scratch), members, settings, rules, informe_label,
                                                          informe_date, tomos, total),
                pdfa=pdfa, title=f"Expediente del {informe_label} – {informe_final.SUBJECT}",
                author=settings.institution.nombre)
        if not resolution_pdf:
            warnings.append("El expediente se armó sin la resolución de conformación: indique --resolucion RUTA "
                            "o configure rutas.resolucion_conformacion.")

    facts = informe_final.Facts(
        committee=members, director=director, director_genero=oficio_retiro.director_gender(members, settings),
        acta_instalacion=jobs.labels[inst.key],
        originals=analysis.evaluations, finals=analysis.finals,
        reclamos=tuple(analysis.results[dni] for dni in dnis), retiros=analysis.retiros,
        director_oficios=sum(1 for item in analysis.retiros if item.comunicar_director),
        copies=len(analysis.case.solicitudes), late_copies=analysis.late, copies_deadline=analysis.deadline,
        plazo_fin=rules.cronograma.reclamos_fin, copias_dias=rules.cronograma.copias_dias_habiles_antes,
        new_actas=sum(result.last_version - 1 for result in analysis.results.values()),
        resolution_attached=resolution_pdf is not None,
        folios=expediente.total if expediente else None,
        tomos=tuple((tomo.first, tomo.last) for tomo in expediente.tomos) if expediente else (),
        documents=expediente.parts if expediente else (), expediente_note=note,
        session_actas={session.key: jobs.labels[acta_sesion.key(members, session)] for session in members.sesiones},
        communications=informe_final.communications(analysis.evaluations, analysis.results, analysis.retiros,
                                                    analysis.case.notificaciones, jobs.labels),
        postulant_documents=len(given),
        constancias=sum(1 for n in analysis.case.notificaciones if n.constancia),
    )
    (informe,) = produce([informe_final.job(facts, settings, rules, informe_date)], run)
    if expediente:  # the expediente goes with the informe, as its attachment
        informe = replace(informe, attachments=informe.attachments + expediente.paths)
    history = _history(analysis, versions, settings, outbox)
    return Made(produced + [informe], history, expediente, tuple(warnings))


def demo_ascenso(run: Run) -> list[ProducedDocument]:
    """`cddgen demo` for the Ascenso family: the sample's actas and resultados.xlsx, then the
    oficios de respuesta with the new actas, the oficios de retiro, and the informe final with its
    foliated expediente (the sample resolution first, the sample's documents folder)."""
    settings = run.settings
    workbook = settings.example_path("ascenso.xlsx")
    committee = settings.example_path("comite.xlsx")
    analysis = analyse(workbook, settings)
    documents = render_record(workbook, run, analysis, committee=committee)
    documents += render_informe_final(workbook, run, committee=committee, analysis=analysis,
                                      resolution=settings.example_path("resolucion-conformacion.pdf"),
                                      documents=settings.example_path("documentos")).documents
    return documents


def _render_one(folder: Path, settings: Settings, template: str, context: dict, name: str) -> Path:
    docx = render_docx(settings.template_path(template), context, folder / f"{name}.docx",
                       images={"logo": settings.institution.logo},
                       properties=Properties(context["numero"], settings.institution.nombre))
    (result,) = PdfConverter(settings.pdf, profile_root=folder).convert([docx], outdir=folder)
    if result.pdf is None:
        raise ConversionError(f"No se pudo convertir {name} del expediente a PDF. {result.error}")
    return result.pdf


def _index_pdf(folder: Path, committee: Committee, settings: Settings, rules, informe: str, on: dt.date,
               entries: list[FoliatedPart], total: int, tomos: Sequence[tuple[int, int]],
               notes: Sequence[str]) -> Path:
    """Render the index page(s) for these folio ranges into ``folder`` and convert them; the PDF's path."""
    context = base_context(settings, on, f"Índice del expediente – {informe}")
    context.update(informe_final.index_context(committee, settings, rules, informe, entries, total, tomos, notes))
    return _render_one(folder, settings, informe_final.INDEX_TEMPLATE, context, "indice")


def _cover_pdf(folder: Path, committee: Committee, settings: Settings, rules, informe: str, on: dt.date,
               tomos: Sequence[tuple[int, int]], total: int) -> Path:
    """One cover page per tomo, all in one document (one conversion)."""
    context = base_context(settings, on, f"Expediente – {informe}")
    context.update(informe_final.cover_context(committee, settings, rules, informe, on, tomos, total))
    return _render_one(folder, settings, informe_final.COVER_TEMPLATE, context, "caratulas")
