"""From a list of document jobs to numbered .docx and PDF files in the outbox.

A family describes each document it wants as a DocumentJob (template, numbering series,
the key that identifies the document, a context function); ``produce`` reserves the
number, renders the .docx atomically into ``outbox/<año>/<tipo>/``, converts the batch to
PDF and records the files in the numbering registry. Rendering the same document again
(same key) reuses its number; the files of the earlier rendering move to
``outbox/reemplazados/<año>/<tipo>/`` just before the new .docx lands (``set_aside``).

A document that is signed (``DocumentJob.signers``) gets, in its PDF, one empty signature
field per signer over their block and a positions file beside it, and the registry records who
signs it, the PDF it was issued as and a fingerprint of its content. A document that already
bears a signature is never rendered again silently (``signing``): unchanged, it is left as it
is; changed, it is refused unless ``settings.reissue_signed``, which sets its signed copies aside
with its earlier files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from ..config import Settings
from ..errors import NumberingError
from ..fsutil import TEMP_PREFIX, move_to_free_name, safe_filename, temp_path_for
from ..scratch import run_folder
from .docx import Picture, Properties, render_docx
from .numbering import IssueRecord, NumberEntry, NumberingRegistry
from .pdf import PdfConverter
from .signers import Signer
from .signing import SignatureFieldsStep, check_signed, expected_signers, issued_pdf

if TYPE_CHECKING:
    from ..run import Run

# Folders of outbox/ that keep documents out of the way, by year: annulled numbers
# (``cddgen numeracion anular``) and earlier renderings of a document (a corrected form).
ANNULLED_DIR = "anulados"
REPLACED_DIR = "reemplazados"

@dataclass(frozen=True)
class DocumentJob:
    kind: str  # folder under outbox/<año>/, e.g. "acta-instalacion"
    series: str  # numbering series, a key of [numeracion.patrones]
    key: str  # identity of the document: the same key gets the same number
    date: dt.date  # the document's date: its year numbers it and names the year in the header
    template: str  # path under templates/, e.g. "actas/acta-instalacion.docx"
    context: Callable[[str], Mapping[str, Any]]  # number label → template context
    person: str = ""  # who the document is about (for the file name and the index)
    # Who or what the document is about, as the registry keeps it with the number (e.g. «el
    # CETPRO «X» (código local N)»): the same key for another subject is refused (SubjectConflict).
    subject: str = ""
    office: str | None = None  # issuing office in the number; default institucion.sigla
    extra_images: Mapping[str, Path | Picture | None] = field(default_factory=dict)
    # Files that go with the document (e.g. an oficio's annex workbooks): called with the
    # .docx path and the number once the .docx is written; writes them beside it, returns them.
    attachments: Callable[[Path, str], Sequence[Path]] | None = None
    # Who signs it, in the order of its signature blocks (a dispensed signature left out): each
    # gets an empty signature field over their block in the PDF.
    signers: tuple[Signer, ...] = ()
    # What the document is, in a few words: with the number, the title of the .docx and the PDF
    # («ACTA N° 001-2026-CE-UGEL02 – Acta de instalación del Comité de Evaluación»).
    title: str = ""
    # Who issues it (the author of the .docx and PDF); None = the office (institucion.ugel/dre).
    author: str | None = None
    # The smallest number it may take in its series: an office that numbers outside cddgen too
    # (a CETPRO's own oficios) states its next number (see NumberingRegistry.reserve_many).
    first_number: int = 1


def document_properties(job: DocumentJob, number: str, settings: Settings) -> Properties:
    """Title «<number> – <title>», author the issuing institution, language es-PE."""
    title = f"{number} – {job.title}" if job.title else number
    return Properties(title=title, author=job.author or settings.institution.nombre, subject=job.title)


@dataclass(frozen=True)
class ProducedDocument:
    kind: str
    number: str
    docx: Path
    pdf: Path | None
    pdf_error: str | None
    person: str = ""
    # Files that go with the document (e.g. the annex workbooks of an oficio).
    attachments: tuple[Path, ...] = ()
    # Files of an earlier rendering under the same number, moved aside before this one was
    # written: (where each was, where it is now, in outbox/reemplazados/<año>/…).
    replaced: tuple[tuple[Path, Path], ...] = ()
    # What the input did not say and the documents lack (e.g. an older form version), or a
    # signer whose block was not found in the PDF, in Spanish.
    warnings: tuple[str, ...] = ()
    # Beside a PDF with signature fields: where each field is («<documento>.firmas.json»).
    signature_positions: Path | None = None
    kept_signed: bool = False  # already signed and unchanged: left as it was, not rendered again

    @property
    def files(self) -> tuple[Path, ...]:
        positions = (self.signature_positions,) if self.signature_positions else ()
        return (self.docx,) + ((self.pdf,) if self.pdf else ()) + positions + self.attachments


def base_context(settings: Settings, on: dt.date, number: str) -> dict[str, Any]:
    """What every template may use: the year's name, the institution, the number, today."""
    inst = settings.institution
    return {
        "denominacion_anio": settings.year_name(on),
        "numero": number,
        "fecha_emision": settings.today,
        "institucion": {
            "tipo": inst.tipo,
            "dre": inst.dre,
            "ugel": inst.ugel,
            "nombre": inst.nombre,
            "sigla": inst.sigla,
            "area": inst.area,
            "direccion": inst.direccion,
            "ciudad": inst.ciudad,
            "region": inst.region,
        },
    }


def output_path(outbox: Path, job: DocumentJob, number: str) -> Path:
    stem = safe_filename(f"{number} {job.person}".strip() if job.person else number, max_length=120)
    return outbox / str(job.date.year) / safe_filename(job.kind) / f"{stem}.docx"


def open_registry(settings: Settings, path: Path | None = None) -> NumberingRegistry:
    """The installation's numbering registry, or the one at ``path`` (the demo's own).

    The installation's registry is never created where cddgen merely happens to run (no
    installation: ConfigError), nor anew beside an outbox that already holds numbered
    documents (it was lost or moved: NumberingError naming where it was expected).
    """
    if path is not None and path != settings.registry_path:
        return NumberingRegistry(path, settings.number_patterns)
    installation = settings.require_installation()
    registry_path = settings.registry_path
    existed = registry_path.exists()
    if not existed:
        _refuse_a_new_registry_beside_documents(settings, installation.config, "no existe")
    registry = NumberingRegistry(registry_path, settings.number_patterns)
    if existed and registry.is_empty():
        _refuse_a_new_registry_beside_documents(settings, installation.config, "está vacío")
    return registry


def _refuse_a_new_registry_beside_documents(settings: Settings, config: Path, state: str) -> None:
    issued = next(numbered_files(settings.outbox), None)
    if issued is None:
        return
    raise NumberingError(
        f"El registro de numeración «{settings.registry_path}» {state}, pero la bandeja de salida "
        f"«{settings.outbox}» ya tiene documentos numerados (por ejemplo «{issued.relative_to(settings.outbox)}»). "
        "cddgen no empieza una numeración nueva allí: volvería a dar números ya usados.",
        fix=f"Restaure el registro desde su copia de respaldo en «{settings.registry_path}», o revise "
            f"«rutas.registro_numeracion» y «rutas.bandeja_salida» en «{config}».",
        file=settings.registry_path,
    )


def set_aside(files: Sequence[str], outbox: Path, year: int) -> tuple[tuple[Path, Path], ...]:
    """Move the files of an earlier rendering of a document out of the way before its new
    files are written: into ``outbox/reemplazados/``, under the path they had in the outbox
    (``reemplazados/<año>/<tipo>/…``; «… (2).docx» when that name is taken). So a document
    re-rendered without its PDF never leaves the old PDF beside the new .docx, and nothing a
    secretary may already have printed is lost. Returns (where each was, where it is now)."""
    moved = []
    for name in files:
        path = Path(name)
        if not path.is_file():
            continue
        try:
            relative = path.resolve().relative_to(outbox.resolve())
        except ValueError:
            relative = Path(str(year)) / path.name
        moved.append((path, move_to_free_name(path, outbox / REPLACED_DIR / relative.parent)))
    return tuple(moved)


def numbered_files(outbox: Path) -> Iterator[Path]:
    """Files of numbered documents in ``outbox``: under ``<año>/``, ``anulados/`` and
    ``reemplazados/`` (temporary files left out)."""
    if not outbox.is_dir():
        return
    folders = [item for item in outbox.iterdir() if item.is_dir() and item.name.isdigit()]
    folders += [outbox / name for name in (ANNULLED_DIR, REPLACED_DIR) if (outbox / name).is_dir()]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.name.startswith(TEMP_PREFIX):
                yield path


def content_fingerprint(settings: Settings, job: DocumentJob, number: str,
                        context: Mapping[str, Any] | None = None) -> str:
    """A digest of what the document says: its template and its context, less the day the
    program ran (``fecha_emision``). Equal fingerprints: rendering again would give the same
    document, so a signed one can be left as it is."""
    if context is None:
        context = {**base_context(settings, job.date, number), **job.context(number)}
    content = {key: value for key, value in context.items() if key != "fecha_emision"}
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    template = settings.template_path(job.template)
    digest = hashlib.sha256(_file_digest(template, template.stat().st_mtime_ns).encode())
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


@functools.lru_cache(maxsize=64)
def _file_digest(path: Path, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def produce(jobs: Iterable[DocumentJob], run: Run) -> list[ProducedDocument]:
    """Render ``jobs`` into ``run.outbox``, numbered in ``run.registry``; see the module doc.

    All numbers are reserved in one transaction; each .docx is handed to LibreOffice as soon
    as it is written, so conversion runs while the next documents are rendered; the files
    are recorded in the registry in one transaction at the end. If a document cannot be
    rendered, those already written are still recorded (as .docx only) before the error
    is raised, and the failed one keeps its reserved number for the next attempt.

    A signed document whose content would not change is left as it is (its recorded files are
    returned); one whose content would change raises SignedDocuments, unless
    ``settings.reissue_signed``. One result per job, in order. ``run.listeners`` hear of every
    number reserved; ``run.progress`` of every .docx written.
    """
    settings, outbox, registry, progress = run.settings, run.outbox, run.registry, run.progress
    jobs = list(jobs)
    signed = check_signed(jobs, registry, settings,
                          lambda job, number: content_fingerprint(settings, job, number))
    todo = [(index, job) for index, job in enumerate(jobs) if index not in signed.kept]
    entries = registry.reserve_many(
        [(job.series, job.office or settings.institution.sigla, job.date.year, job.key, job.subject,
          job.first_number) for _, job in todo]
    )
    run.reserved(entries)
    converter = (PdfConverter(settings.pdf, profile_root=run_folder(settings.scratch_root))
                 if run.pdf and settings.pdf.enabled and todo else None)
    rendered: list[tuple[int, DocumentJob, Any, Path, tuple[Path, ...]]] = []
    replaced: dict[int, tuple[tuple[Path, Path], ...]] = {}
    conversions: Sequence = []
    fields = SignatureFieldsStep()
    fingerprints: dict[int, str] = {}
    try:
        with converter.stream(expected=len(todo)) if converter else contextlib.nullcontext() as stream:
            for (index, job), entry in zip(todo, entries):
                context = base_context(settings, job.date, entry.label)
                context.update(job.context(entry.label))
                if job.signers:
                    fingerprints[index] = content_fingerprint(settings, job, entry.label, context)
                target = output_path(outbox, job, entry.label)
                images = {"logo": settings.institution.logo, **job.extra_images}
                # Rendered beside its place under a hidden name; only once it is complete do the
                # files of an earlier rendering move aside and the new .docx take its place.
                staged = temp_path_for(target)
                try:
                    render_docx(settings.template_path(job.template), context, staged, images=images,
                                properties=document_properties(job, entry.label, settings))
                    replaced[index] = set_aside(entry.files, outbox, job.date.year)
                    os.replace(staged, target)
                finally:
                    staged.unlink(missing_ok=True)
                extras = tuple(job.attachments(target, entry.label)) if job.attachments else ()
                rendered.append((index, job, entry, target, extras))
                if stream is not None:
                    stream.submit(target, finish=fields.finisher(index, job, entry.label))
                if progress:
                    progress(f"{entry.label}: {target.name}")
            conversions = stream.close() if stream is not None else []
    finally:
        produced = {
            index: _produced(job, entry, target, extras, conversions[position] if conversions else None,
                             fields.done.get(index), replaced.get(index, ()))
            for position, (index, job, entry, target, extras) in enumerate(rendered)
        }
        confirmed = registry.confirm_many(
            [(entry, [str(path) for path in produced[index].files], job.date)
             for index, job, entry, _, _ in rendered]
        )
        registry.record_issue([
            IssueRecord(entry, expected_signers(job.signers), issued_pdf(produced[index], fields.done.get(index)),
                        fingerprints.get(index, ""))
            for (index, job, _, _, _), entry in zip(rendered, confirmed) if job.signers
        ])
    for record in signed.reissued.values():
        moved = set_aside([copy.path for copy in record.current_copies], outbox, record.entry.year)
        by_path = {str(before): str(after) for before, after in moved}
        registry.retire_signed_copies(record.entry, {copy.id: by_path.get(copy.path, copy.path)
                                                     for copy in record.current_copies},
                                      f"Documento emitido de nuevo el {settings.today:%d/%m/%Y}.")
    return [produced[index] if index in produced else _kept(job, signed.kept[index].entry)
            for index, job in enumerate(jobs)]


def _kept(job: DocumentJob, entry: NumberEntry) -> ProducedDocument:
    """A signed document left as it is: its files as the registry recorded them."""
    files = [Path(name) for name in entry.files]
    docx = next((path for path in files if path.suffix.lower() == ".docx"), files[0])
    pdf = next((path for path in files if path.suffix.lower() == ".pdf"), None)
    positions = next((path for path in files if path.name.endswith(".firmas.json")), None)
    others = tuple(path for path in files if path not in (docx, pdf, positions))
    return ProducedDocument(kind=job.kind, number=entry.label, docx=docx, pdf=pdf, pdf_error=None, person=job.person,
                            attachments=others, signature_positions=positions, kept_signed=True)


def _produced(job: DocumentJob, entry: NumberEntry, target: Path, extras: tuple[Path, ...], conversion: Any,
              fields: Any, replaced: tuple[tuple[Path, Path], ...]) -> ProducedDocument:
    warning = fields if isinstance(fields, str) else fields.warning() if fields is not None else None
    return ProducedDocument(
        kind=job.kind,
        number=entry.label,
        docx=target,
        pdf=conversion.pdf if conversion else None,
        pdf_error=conversion.error if conversion else None,
        person=job.person,
        attachments=extras,
        replaced=replaced,
        signature_positions=fields.positions if fields is not None and not isinstance(fields, str) else None,
        warnings=(warning,) if warning else (),
    )
