"""What ``produce`` does for documents that are signed (DOMAIN.md D; issue 18).

Before rendering: a document that already has a current signed copy is never rendered again
silently. If its content would not change (same fingerprint), it is left as it is; if it would,
``SignedDocuments`` explains how to proceed (annul the number, or --reemitir-firmados), unless
``settings.reissue_signed``: then it is rendered and its signed copies are set aside in
reemplazados/ with its earlier files (``documents.set_aside``).

While converting: the PDF of a signed document gets its signature fields (``signature_fields``,
run by the conversion worker before delivery); the registry then records the expected signers,
the PDF as issued and the content's fingerprint.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..config import Settings
from ..errors import Issue, SignedDocuments
from .numbering import REISSUE_MARK, ExpectedSigner, NumberingRegistry, SigningRecord
from .signers import Signer, field_name

if TYPE_CHECKING:
    from .documents import DocumentJob, ProducedDocument


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
            "las copias firmadas pasan a reemplazados/ y el documento debe firmarse otra vez.",
    )


@dataclass
class SignedCheck:
    """The jobs (by position) whose document has a current signed copy."""

    kept: dict[int, SigningRecord] = field(default_factory=dict)  # unchanged: left as they are
    reissued: dict[int, SigningRecord] = field(default_factory=dict)  # rendered again on request


def _base_key(key: str) -> str:
    return key.split(REISSUE_MARK, 1)[0]


def check_signed(jobs: Sequence["DocumentJob"], registry: NumberingRegistry, settings: Settings,
                 fingerprint: Callable[["DocumentJob", str], str]) -> SignedCheck:
    """Sort out the jobs whose document is signed (see the module doc); raises SignedDocuments."""
    result = SignedCheck()
    signed = registry.signing_records(signed_only=True)
    if not signed:
        return result
    by_key = {(r.entry.series, r.entry.office, r.entry.year, _base_key(r.entry.key)): r for r in signed}
    changed = []
    for index, job in enumerate(jobs):
        record = by_key.get((job.series, job.office or settings.institution.sigla, job.date.year, job.key))
        if record is None:
            continue
        if record.fingerprint and record.fingerprint == fingerprint(job, record.entry.label):
            result.kept[index] = record
        elif settings.reissue_signed:
            result.reissued[index] = record
        else:
            changed.append(record)
    if changed:
        raise SignedDocuments([_signed_issue(record) for record in changed], records=changed)
    return result


def expected_signers(signers: Sequence[Signer]) -> list[ExpectedSigner]:
    return [ExpectedSigner(position, signer.role, signer.name, signer.dni, field_name(position, signer))
            for position, signer in enumerate(signers, start=1)]


class SignatureFieldsStep:
    """Signature fields added by the conversion workers, by job position: a SignatureFields,
    or a warning (str) when they could not be added (the PDF is delivered without them)."""

    def __init__(self) -> None:
        self.done: dict[int, Any] = {}

    def finisher(self, index: int, job: "DocumentJob", number: str):
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


def issued_pdf(produced: "ProducedDocument", fields: Any) -> tuple[str, int, str] | None:
    """(sha256, size, path) of the PDF a signed document was issued as, if it has one."""
    if produced.pdf is None:
        return None
    if fields is not None and not isinstance(fields, str):
        return fields.sha256, fields.size, str(produced.pdf)
    data = produced.pdf.read_bytes()
    return hashlib.sha256(data).hexdigest(), len(data), str(produced.pdf)
