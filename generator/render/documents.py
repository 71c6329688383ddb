"""From a list of document jobs to numbered .docx and PDF files in the outbox.

A family describes each document it wants as a DocumentJob (template, numbering series,
the key that identifies the document, a context function); ``produce`` reserves the
number, renders the .docx atomically into ``outbox/<año>/<tipo>/``, converts the batch to
PDF and records the files in the numbering registry. Rendering the same document again
(same key) reuses its number and rewrites its files.

A document that is signed (``DocumentJob.signers``) gets, in its PDF, one empty signature
field per signer over their block and a positions file beside it (``signature_fields``), and
the registry records who signs it and the PDF it was issued as. A document that already bears
a signature is never rendered again silently: ``produce`` refuses it (SignedDocuments) unless
``settings.reissue_signed``, which moves its signed copies to ``reemplazados/``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from ..config import Settings
from ..errors import InvalidInput, Issue
from ..fsutil import safe_filename
from .docx import Picture, render_docx
from .numbering import REISSUE_MARK, ExpectedSigner, NumberEntry, NumberingRegistry, SigningRecord
from .pdf import PdfConverter
from .signers import Signer, field_name

# Where the signed copies of a document issued again go (beside the outbox's year folders).
REPLACED_FOLDER = "reemplazados"


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
    # Beside a PDF with signature fields: where each field is («<documento>.firmas.json»).
    signature_positions: Path | None = None
    warnings: tuple[str, ...] = ()  # e.g. a signer whose block was not found in the PDF

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


class SignedDocuments(InvalidInput):
    """Rendering these documents again would replace PDFs that already bear signatures."""

    def __init__(self, records: Sequence[SigningRecord]):
        super().__init__([_signed_issue(record) for record in records])
        count = len(records)
        self.records = tuple(records)
        self.message = (f"{count} documento{'s' if count != 1 else ''} de este formulario ya "
                        f"tiene{'n' if count != 1 else ''} firmas; no se generó ningún documento.")


def _signed_issue(record: SigningRecord) -> Issue:
    copies = record.current_copies
    paper = any(copy.kind == "papel" for copy in copies)
    signed = max((len(copy.signatures) for copy in copies), default=0)
    state = "está firmado en papel" if paper else f"tiene {signed} de {len(record.signers)} firmas"
    label = record.entry.label
    return Issue(
        message=f"«{label}» {state}: generarlo de nuevo cambiaría el PDF que se firmó.",
        fix=f"Si debe corregirse, anule su número (cddgen numeracion anular \"{label}\" --motivo \"…\") y el "
            "documento se emitirá con un número nuevo; o vuelva a generarlo con la opción --reemitir-firmados: "
            f"las copias firmadas pasan a {REPLACED_FOLDER}/ y el documento debe firmarse otra vez.",
    )


def _base_key(key: str) -> str:
    return key.split(REISSUE_MARK, 1)[0]


def signed_among(jobs: Sequence[DocumentJob], registry: NumberingRegistry, settings: Settings
                 ) -> dict[int, SigningRecord]:
    """The jobs (by position) whose document already has a current signed copy."""
    signed = registry.signing_records(signed_only=True)
    if not signed:
        return {}
    by_key = {(r.entry.series, r.entry.office, r.entry.year, _base_key(r.entry.key)): r for r in signed}
    found = {}
    for index, job in enumerate(jobs):
        record = by_key.get((job.series, job.office or settings.institution.sigla, job.date.year, job.key))
        if record is not None:
            found[index] = record
    return found


def expected_signers(signers: Sequence[Signer]) -> list[ExpectedSigner]:
    return [ExpectedSigner(position, signer.role, signer.name, signer.dni, field_name(position, signer))
            for position, signer in enumerate(signers, start=1)]


def _retire_signed_copies(record: SigningRecord, registry: NumberingRegistry, settings: Settings,
                          outbox: Path) -> None:
    """The signed copies of a document issued again leave firmados/ for reemplazados/<fecha>/."""
    folder = outbox / REPLACED_FOLDER / settings.today.isoformat()
    moved: dict[int, str] = {}
    for copy in record.current_copies:
        source = Path(copy.path)
        if source.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / source.name
            number = 2
            while target.exists():
                target = folder / f"{source.stem} ({number}){source.suffix}"
                number += 1
            os.replace(source, target)
            moved[copy.id] = str(target)
    registry.retire_signed_copies(record.entry, moved, f"Documento emitido de nuevo el {settings.today:%d/%m/%Y}.")


class _Fields:
    """Signature fields added by the conversion workers, by job position."""

    def __init__(self) -> None:
        self.done: dict[int, Any] = {}  # SignatureFields, or a warning (str)

    def finisher(self, index: int, job: DocumentJob, number: str):
        if not job.signers:
            return None
        from .signature_fields import FIELD_ERRORS, add_signature_fields

        def finish(pdf: Path, target: Path) -> None:
            try:
                self.done[index] = add_signature_fields(pdf, job.signers, number=number, target=target)
            except FIELD_ERRORS as error:
                self.done[index] = (f"{target.name}: no se pudieron agregar los campos de firma "
                                    f"({type(error).__name__}: {error}); el PDF se entrega sin ellos.")

        return finish


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
    """
    outbox = outbox or settings.outbox
    registry = registry or open_registry(settings)
    jobs = list(jobs)
    signed = signed_among(jobs, registry, settings)
    if signed and not settings.reissue_signed:
        raise SignedDocuments(list(signed.values()))
    entries = registry.reserve_many(
        [(job.series, job.office or settings.institution.sigla, job.date.year, job.key) for job in jobs]
    )
    if (listener := _RESERVATION_LISTENER.get()) is not None:
        for entry in entries:
            listener(entry)
    converter = PdfConverter(settings.pdf) if pdf and settings.pdf.enabled and jobs else None
    rendered: list[tuple[DocumentJob, Any, Path, tuple[Path, ...]]] = []
    conversions: Sequence = []
    fields = _Fields()
    try:
        with converter.stream(expected=len(jobs)) if converter else contextlib.nullcontext() as stream:
            for job, entry in zip(jobs, entries):
                context = base_context(settings, job.date, entry.label)
                context.update(job.context(entry.label))
                target = output_path(outbox, job, entry.label)
                images = {"logo": settings.institution.logo, **job.extra_images}
                render_docx(settings.template_path(job.template), context, target, images=images)
                extras = tuple(job.attachments(target, entry.label)) if job.attachments else ()
                rendered.append((job, entry, target, extras))
                if stream is not None:
                    stream.submit(target, finish=fields.finisher(len(rendered) - 1, job, entry.label))
                if progress:
                    progress(f"{entry.label}: {target.name}")
            conversions = stream.close() if stream is not None else []
    finally:
        results = [
            _produced(job, entry, target, extras, conversions[index] if conversions else None,
                      fields.done.get(index))
            for index, (job, entry, target, extras) in enumerate(rendered)
        ]
        confirmed = registry.confirm_many(
            [(entry, [str(path) for path in produced.files])
             for (_, entry, _, _), produced in zip(rendered, results)]
        )
        registry.record_issue([
            (entry, expected_signers(job.signers), _issued_pdf(produced, fields.done.get(index)))
            for index, ((job, _, _, _), entry, produced) in enumerate(zip(rendered, confirmed, results))
            if job.signers
        ])
    for index, record in signed.items():
        _retire_signed_copies(record, registry, settings, outbox)
    return results


def _produced(job: DocumentJob, entry: NumberEntry, target: Path, extras: tuple[Path, ...], conversion: Any,
              fields: Any) -> ProducedDocument:
    warnings = (fields,) if isinstance(fields, str) else ()
    if fields is not None and not isinstance(fields, str) and fields.warning():
        warnings = (fields.warning(),)
    return ProducedDocument(
        kind=job.kind,
        number=entry.label,
        docx=target,
        pdf=conversion.pdf if conversion else None,
        pdf_error=conversion.error if conversion else None,
        person=job.person,
        attachments=extras,
        signature_positions=fields.positions if fields is not None and not isinstance(fields, str) else None,
        warnings=warnings,
    )


def _issued_pdf(produced: ProducedDocument, fields: Any) -> tuple[str, int, str] | None:
    """(sha256, size, path) of the PDF a signed document was issued as, if it has one."""
    if produced.pdf is None:
        return None
    if fields is not None and not isinstance(fields, str):
        return fields.sha256, fields.size, str(produced.pdf)
    data = produced.pdf.read_bytes()
    return hashlib.sha256(data).hexdigest(), len(data), str(produced.pdf)
