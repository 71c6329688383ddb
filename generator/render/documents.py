"""From a list of document jobs to numbered .docx and PDF files in the outbox.

A family describes each document it wants as a DocumentJob (template, numbering series,
the key that identifies the document, a context function); ``produce`` reserves the
number, renders the .docx atomically into ``outbox/<año>/<tipo>/``, converts the batch to
PDF and records the files in the numbering registry. Rendering the same document again
(same key) reuses its number and rewrites its files.

A document that is signed (``DocumentJob.signers``) gets, in its PDF, one empty signature
field per signer over their block and a positions file beside it, and the registry records who
signs it, the PDF it was issued as and a fingerprint of its content. A document that already
bears a signature is never rendered again silently (``signing``): unchanged, it is left as it
is; changed, it is refused unless ``settings.reissue_signed``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from ..config import Settings
from ..fsutil import safe_filename
from .docx import Picture, render_docx
from .numbering import IssueRecord, NumberEntry, NumberingRegistry
from .pdf import PdfConverter
from .signers import Signer
from .signing import SignatureFieldsStep, check_signed, expected_signers, issued_pdf, retire_signed_copies


@dataclass(frozen=True)
class DocumentJob:
    kind: str  # folder under outbox/<año>/, e.g. "acta-instalacion"
    series: str  # numbering series, a key of [numeracion.patrones]
    key: str  # identity of the document: the same key gets the same number
    date: dt.date  # the document's date: its year numbers it and names the year in the header
    template: str  # path under templates/, e.g. "actas/acta-instalacion.docx"
    context: Callable[[str], Mapping[str, Any]]  # number label → template context
    person: str = ""  # who the document is about (for the file name and the index)
    office: str | None = None  # issuing office in the number; default institucion.sigla
    extra_images: Mapping[str, Path | Picture | None] = field(default_factory=dict)
    # Files that go with the document (e.g. an oficio's annex workbooks): called with the
    # .docx path and the number once the .docx is written; writes them beside it, returns them.
    attachments: Callable[[Path, str], Sequence[Path]] | None = None
    # Who signs it, in the order of its signature blocks (a dispensed signature left out): each
    # gets an empty signature field over their block in the PDF.
    signers: tuple[Signer, ...] = ()


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


# Who wants to hear of each number reserved in this context (the inbox records them per
# input, so a number reserved for a form that is then rejected can be annulled).
# The listener receives the NumberEntry just reserved.
_RESERVATION_LISTENER: ContextVar[Callable[[Any], None] | None] = ContextVar(
    "cddgen_reservation_listener", default=None
)


@contextlib.contextmanager
def reservations_heard_by(listener: Callable[[Any], None]) -> Iterator[None]:
    """Inside the block, ``produce`` calls ``listener`` with every entry it reserves."""
    token = _RESERVATION_LISTENER.set(listener)
    try:
        yield
    finally:
        _RESERVATION_LISTENER.reset(token)


def open_registry(settings: Settings, path: Path | None = None) -> NumberingRegistry:
    return NumberingRegistry(path or settings.registry_path, settings.number_patterns)


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


def produce(
    jobs: Iterable[DocumentJob],
    settings: Settings,
    *,
    outbox: Path | None = None,
    registry: NumberingRegistry | None = None,
    pdf: bool = True,
    progress: Callable[[str], None] | None = None,
) -> list[ProducedDocument]:
    """Render ``jobs`` into ``outbox`` (default: the settings' outbox); see the module doc.

    All numbers are reserved in one transaction; each .docx is handed to LibreOffice as soon
    as it is written, so conversion runs while the next documents are rendered; the files
    are recorded in the registry in one transaction at the end. If a document cannot be
    rendered, those already written are still recorded (as .docx only) before the error
    is raised, and the failed one keeps its reserved number for the next attempt.

    A signed document whose content would not change is left as it is (its recorded files are
    returned); one whose content would change raises SignedDocuments, unless
    ``settings.reissue_signed``. One result per job, in order.
    """
    outbox = outbox or settings.outbox
    registry = registry or open_registry(settings)
    jobs = list(jobs)
    signed = check_signed(jobs, registry, settings,
                          lambda job, number: content_fingerprint(settings, job, number))
    todo = [(index, job) for index, job in enumerate(jobs) if index not in signed.kept]
    entries = registry.reserve_many(
        [(job.series, job.office or settings.institution.sigla, job.date.year, job.key) for _, job in todo]
    )
    if (listener := _RESERVATION_LISTENER.get()) is not None:
        for entry in entries:
            listener(entry)
    converter = PdfConverter(settings.pdf) if pdf and settings.pdf.enabled and todo else None
    rendered: list[tuple[int, DocumentJob, Any, Path, tuple[Path, ...]]] = []
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
                render_docx(settings.template_path(job.template), context, target, images=images)
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
                             fields.done.get(index))
            for position, (index, job, entry, target, extras) in enumerate(rendered)
        }
        confirmed = registry.confirm_many(
            [(entry, [str(path) for path in produced[index].files]) for index, _, entry, _, _ in rendered]
        )
        registry.record_issue([
            IssueRecord(entry, expected_signers(job.signers), issued_pdf(produced[index], fields.done.get(index)),
                        fingerprints.get(index, ""))
            for (index, job, _, _, _), entry in zip(rendered, confirmed) if job.signers
        ])
    for record in signed.reissued.values():
        retire_signed_copies(record, registry, settings, outbox)
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
              fields: Any) -> ProducedDocument:
    warning = fields if isinstance(fields, str) else fields.warning() if fields is not None else None
    return ProducedDocument(
        kind=job.kind,
        number=entry.label,
        docx=target,
        pdf=conversion.pdf if conversion else None,
        pdf_error=conversion.error if conversion else None,
        person=job.person,
        attachments=extras,
        signature_positions=fields.positions if fields is not None and not isinstance(fields, str) else None,
        warnings=(warning,) if warning else (),
    )
