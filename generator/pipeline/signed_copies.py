"""Signed copies coming back: recognised, verified and filed beside their document (DOMAIN.md D).

A signed PDF dropped with any name is recognised as a signed revision of a document cddgen
issued when the PDF as issued is an exact prefix of it (incremental signing only appends), found
by the SHA-256 of each revision's end in the registry. Its signatures are then checked
(``readers.signed_pdf``), each signer matched by DNI against the document's expected signers,
and the copy is filed in ``firmados/`` beside the document, its name saying how far it got:
«… (firmas 1 de 3).pdf», «… (firmado).pdf». Earlier copies stay; the registry records every one.

A scan of the paper document signed by hand, named by its number («ACTA N° 001-2026-CE-UGEL02
firmada.pdf»), is filed as «… (firmado en papel).pdf».

Refused, with the reasons in Spanish (the inbox puts it in ``observados/`` with a LEAME): a
copy changed other than by signing, signed by someone who is not expected, of a document no
longer current (issued again or annulled), or of no document cddgen issued.

``receive_signed_copy`` never raises for a bad file; an error of the registry or the disk does.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ..config import Settings
from ..errors import Issue
from ..fsutil import atomic_write_bytes, fit_name
from ..render.numbering import (
    ANNULLED,
    REISSUE_MARK,
    ISSUED,
    ExpectedSigner,
    IssuedPdf,
    NumberEntry,
    NumberingRegistry,
    RecordedSignature,
    SignedCopy,
    SigningRecord,
)
from ..run import Run
from .family import Family

SIGNED_FOLDER = "firmados"
DIGITAL = "digital"
PAPER = "papel"
PAPER_STATE = "firmado en papel"
COMPLETE = "completo"
FILED = "archivada"
DUPLICATE = "duplicada"
REFUSED = "rechazada"

_EOF = re.compile(rb"%%EOF[ \t]*(?:\r\n|\r|\n)?")
_WORD = re.compile(r"[a-z0-9]+")
# Words a scanned file's name may put between the type and the number: «ACTA N° 001», «ACTA Nro. 001».
_NUMBER_WORDS = {"n", "no", "nro", "num", "numero"}


@dataclass(frozen=True)
class Reception:
    """What became of one file offered as a signed copy."""

    name: str  # as dropped
    outcome: str  # FILED, DUPLICATE or REFUSED
    entry: NumberEntry | None = None
    state: str = ""  # the document's signing state after it: «1/3», «completo», «firmado en papel»
    copy: SignedCopy | None = None
    filed: Path | None = None
    problems: tuple[Issue, ...] = ()  # why it was refused
    notes: tuple[str, ...] = ()  # e.g. «firma íntegra; cadena de confianza no verificada»

    @property
    def reason(self) -> str:
        return self.problems[0].message if self.problems else ""


# ------------------------------------------------------------------ states


def best_copy(record: SigningRecord) -> SignedCopy | None:
    """The document's most complete current signed copy: every signature digitally first, then a
    paper copy, then the one with most signatures; the newest among equals."""
    expected = len(record.signers)

    def rank(copy: SignedCopy) -> tuple:
        complete = copy.kind == DIGITAL and len(copy.signatures) >= expected
        return complete, copy.kind == PAPER, len(copy.signatures), copy.id

    copies = record.current_copies
    return max(copies, key=rank) if copies else None


def signing_state(record: SigningRecord) -> str:
    """«0/3», «1/3», «completo» or «firmado en papel»."""
    copy = best_copy(record)
    if copy is not None and copy.kind == PAPER:
        return PAPER_STATE
    signed = len(copy.signatures) if copy else 0
    expected = len(record.signers)
    return COMPLETE if expected and signed >= expected else f"{signed}/{expected}"


def pending_signers(record: SigningRecord) -> tuple[ExpectedSigner, ...]:
    copy = best_copy(record)
    if copy is not None and copy.kind == PAPER:
        return ()
    signed = {signature.position for signature in copy.signatures} if copy else set()
    return tuple(signer for signer in record.signers if signer.position not in signed)


# ------------------------------------------------------------------ recognition


def revision_ends(data: bytes) -> list[int]:
    """Where each revision of a PDF may end: after every «%%EOF» and its end of line."""
    ends: list[int] = []
    for match in _EOF.finditer(data):
        ends.extend(sorted({match.start() + len(b"%%EOF"), match.end()}))
    return ends


def issued_prefix(data: bytes, registry: NumberingRegistry) -> IssuedPdf | None:
    """The issued PDF that is an exact prefix of ``data`` (the longest, if several), if any.
    Only the revision ends at the size of some issued PDF are hashed and looked up."""
    sizes = registry.issued_sizes()
    digest, fed, found = hashlib.sha256(), 0, None
    for end in revision_ends(data):
        if end not in sizes:
            continue
        digest.update(data[fed:end])
        fed = end
        match = registry.issued_pdf(digest.copy().hexdigest())
        if match is not None:
            found = match
    return found


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    words = _WORD.findall(text)
    return [word for index, word in enumerate(words)
            if not (word in _NUMBER_WORDS and index + 1 < len(words) and words[index + 1].isdigit())]


def document_named(name: str, registry: NumberingRegistry) -> list[NumberEntry]:
    """The issued documents whose number a file name starts with («ACTA N° 001-2026-CE-UGEL02
    firmada.pdf»), accents, case, «N°» and separators aside; the longest number wins (so «ACTA
    DE RESULTADOS N° 001…» is not taken for «ACTA N° 001…»)."""
    stem = _words(Path(name).stem)
    matches: dict[int, list[NumberEntry]] = {}
    for entry in registry.entries():
        if entry.status != ISSUED:
            continue
        label = _words(entry.label)
        if label and stem[:len(label)] == label:
            matches.setdefault(len(label), []).append(entry)
    return matches[max(matches)] if matches else []


# ------------------------------------------------------------------ reception


def trust_anchors(settings: Settings) -> list | None:
    """The CA certificates of ``[firmas] anclas_confianza``; None when none are installed."""
    from ..readers.signed_pdf import load_trust_anchors

    folder = str(settings.raw.get("firmas", {}).get("anclas_confianza", "") or "").strip()
    if not folder:
        return None
    path = Path(folder).expanduser()
    anchors = load_trust_anchors(path if path.is_absolute() else settings.base_dir / path)
    return anchors or None


def _refused(name: str, *problems: Issue, entry: NumberEntry | None = None) -> Reception:
    return Reception(name, REFUSED, entry=entry, problems=tuple(problems))


def _signer_of(found, signers: Sequence[ExpectedSigner]) -> ExpectedSigner | None:
    """The expected signer a signature is by: same DNI; for a signer the document names without
    a DNI, every word of their name in the certificate's name."""
    if found.dni:
        for signer in signers:
            if signer.dni == found.dni:
                return signer
    certificate_words = set(_words(found.name))
    for signer in signers:
        if not signer.dni and _words(signer.name) and set(_words(signer.name)) <= certificate_words:
            return signer
    return None


def _file(data: bytes, issued_path: Path, suffix: str) -> Path:
    """Write ``data`` into ``firmados/`` beside the issued document as «<nombre> (<suffix>).pdf»,
    under a name nobody uses yet (an earlier copy is never replaced)."""
    folder = issued_path.parent / SIGNED_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stem = fit_name(issued_path.stem, reserve=len(f" ({suffix}) (99).pdf".encode("utf-8")))
    candidate, number = folder / f"{stem} ({suffix}).pdf", 1
    while True:
        try:
            os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            break
        except FileExistsError:
            number += 1
            candidate = folder / f"{stem} ({suffix}) ({number}).pdf"
    return atomic_write_bytes(candidate, data)


def _match_signers(signatures: Sequence, signers: Sequence[ExpectedSigner]) -> tuple[dict[int, tuple], list, list[str]]:
    """Each signature matched to its expected signer: ({position: (signer, signature)}, the
    signatures of nobody expected, notes such as a signature in another signer's field)."""
    matched: dict[int, tuple] = {}
    strangers, notes = [], []
    for found in signatures:
        signer = _signer_of(found, signers)
        if signer is None:
            strangers.append(found)
            continue
        if found.field and found.field != signer.field:
            notes.append(f"{found.who} firmó en el campo «{found.field}», no en el suyo («{signer.field}»).")
        matched.setdefault(signer.position, (signer, found))
    return matched, strangers, notes


def _labels(signers: Sequence[ExpectedSigner]) -> str:
    return "; ".join(f"{signer.name} (DNI {signer.dni})" if signer.dni else signer.name for signer in signers)


def receive_signed_copy(path: Path, run: Run, *, name: str | None = None) -> Reception:
    """Recognise, verify and file the signed copy at ``path`` in ``run.registry`` (see the module
    doc). The input is read, never moved: the caller puts it away."""
    from ..readers.signed_pdf import READ_ERRORS, read_signed_pdf

    path = Path(path)
    name = name or path.name
    settings, registry = run.settings, run.registry
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    known = registry.signed_copy(digest)
    if known is not None:
        entry, copy = known
        return Reception(name, DUPLICATE, entry, signing_state(registry.signing_record(entry)), copy, Path(copy.path))
    if b"%PDF-" not in data[:1024]:
        return _refused(name, Issue(f"«{name}» no es un PDF.", fix="Deje en la bandeja el PDF firmado "
                                    "(Firma Perú o ReFirma) o el documento firmado en papel y escaneado a PDF."))
    issued = issued_prefix(data, registry)
    if issued is None:
        return _receive_paper(data, digest, name, registry)
    entry = issued.entry
    label = entry.label
    if entry.status == ANNULLED:
        return _refused(name, Issue(f"«{name}» es una copia firmada de «{label}», cuyo número fue anulado"
                                    f"{f' ({entry.note})' if entry.note else ''}.",
                                    fix="No se archiva: el documento ya no rige."), entry=entry)
    if not issued.latest:
        return _refused(name, Issue(
            f"«{name}» es una copia firmada de una versión anterior de «{label}»: el documento se volvió a emitir "
            "después y la firma no corresponde al PDF vigente.",
            fix=f"Firme el PDF vigente de «{label}» (en la carpeta de salida) y déjelo de nuevo en la bandeja."),
            entry=entry)
    try:
        checked = read_signed_pdf(data, issued.size, trust_anchors(settings))
    except READ_ERRORS as error:
        return _refused(name, Issue(f"«{name}» no se pudo leer como PDF firmado ({type(error).__name__}).",
                                    fix="Vuelva a guardar la copia firmada desde el programa de firma."), entry=entry)
    record = registry.signing_record(entry)
    problems = [Issue(f"«{name}» (copia firmada de «{label}»): {problem}.",
                      fix="No se archiva: firme de nuevo el PDF emitido por cddgen, sin editarlo antes ni después "
                          "de firmar.") for problem in checked.problems]
    matched, strangers, notes = _match_signers(checked.signatures, record.signers)
    problems += [Issue(f"«{name}»: firmó {found.who}, que no figura entre quienes deben firmar «{label}» "
                       f"({_labels(record.signers) or 'nadie'}).",
                       fix="No se archiva. Si esa persona debía firmar, corrija el formulario y vuelva a emitir el "
                           "documento; si no, firme el PDF emitido sin esa firma.") for found in strangers]
    if problems:
        return _refused(name, *problems, entry=entry)
    states = {found.state for _, found in matched.values()}
    notes = sorted(states) + notes
    signatures = [RecordedSignature(signer.position, found.dni, found.name,
                                    found.signed_at.isoformat(timespec="seconds") if found.signed_at else "",
                                    found.state, found.field)
                  for signer, found in sorted(matched.values(), key=lambda pair: pair[0].position)]
    expected = len(record.signers)
    suffix = "firmado" if len(signatures) >= expected else f"firmas {len(signatures)} de {expected}"
    filed = _file(data, Path(issued.path), suffix)
    copy = registry.add_signed_copy(entry, kind=DIGITAL, sha256=digest, issued_sha256=issued.sha256,
                                    path=str(filed), source=name, signatures=signatures)
    return Reception(name, FILED, entry, signing_state(registry.signing_record(entry)), copy, filed,
                     notes=tuple(notes))


def _receive_paper(data: bytes, digest: str, name: str, registry: NumberingRegistry) -> Reception:
    """A PDF that is no signed revision of an issued PDF: a scan of the paper document when its
    name is a document's number, else a copy of no document cddgen issued."""
    entries = document_named(name, registry)
    if not entries:
        return _refused(name, Issue(
            f"{name}: es un PDF, no un formulario de cddgen, y tampoco es una copia de ningún documento emitido "
            "por cddgen: no contiene el PDF tal como se emitió, y su nombre no es el número de un documento.",
            fix="Si es la copia firmada digitalmente, fírmela sobre el PDF que generó cddgen, sin imprimirlo ni "
                "guardarlo de nuevo. Si es el documento firmado en papel y escaneado, nombre el PDF con el número "
                "del documento, por ejemplo «ACTA N° 001-2026-CE-UGEL02.pdf». Si es la resolución de conformación "
                "del Comité de Evaluación, nombre el PDF «Resolución de conformación.pdf» (o con su número, tal "
                "como lo escribe el formulario del Comité)."))
    if len(entries) > 1:
        return _refused(name, Issue(
            f"«{name}»: hay {len(entries)} documentos emitidos con ese número "
            f"({', '.join(entry.series for entry in entries)}); no se sabe de cuál es la copia escaneada.",
            fix="Cambie los patrones de [numeracion.patrones] para que cada serie se distinga."))
    entry = entries[0]
    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        return _refused(name, Issue(f"«{name}» no se pudo leer como PDF ({type(error).__name__}).",
                                    fix="Escanéelo de nuevo a PDF."), entry=entry)
    if not pages:
        return _refused(name, Issue(f"«{name}» no tiene páginas.", fix="Escanéelo de nuevo a PDF."), entry=entry)
    record = registry.signing_record(entry)
    issued_files = [Path(file) for file in entry.files if file.endswith(".pdf")] or [Path(entry.files[0])]
    filed = _file(data, issued_files[0].with_suffix(".pdf"), PAPER_STATE)
    signatures = [RecordedSignature(signer.position, signer.dni, signer.name, "", PAPER_STATE, "")
                  for signer in record.signers]
    copy = registry.add_signed_copy(entry, kind=PAPER, sha256=digest, issued_sha256="", path=str(filed),
                                    source=name, signatures=signatures)
    return Reception(name, FILED, entry, PAPER_STATE, copy, filed)


# ------------------------------------------------------------------ the signing record, listed


@dataclass(frozen=True)
class SignerLine:
    signer: ExpectedSigner
    signature: RecordedSignature | None  # None: still to sign


@dataclass(frozen=True)
class DocumentSignatures:
    """One document in «cddgen firmas»: its state, each signer and its most complete copy."""

    record: SigningRecord
    state: str
    signers: tuple[SignerLine, ...]
    copy: SignedCopy | None

    @property
    def done(self) -> bool:
        return self.state in (COMPLETE, PAPER_STATE)


def describe(record: SigningRecord) -> DocumentSignatures:
    copy = best_copy(record)
    by_position = {signature.position: signature for signature in copy.signatures} if copy else {}
    lines = tuple(SignerLine(signer, by_position.get(signer.position)) for signer in record.signers)
    return DocumentSignatures(record, signing_state(record), lines, copy)


def signing_overview(registry: NumberingRegistry, *, pending_only: bool = False,
                     year: int | None = None) -> list[DocumentSignatures]:
    """Every issued document that is signed, with its signers and state (``cddgen firmas``);
    ``pending_only``: those still missing a signature."""
    documents = [describe(record) for record in registry.signing_records(year=year)]
    return [document for document in documents if not (pending_only and document.done)]


# ------------------------------------------------------------------ the expediente


@dataclass(frozen=True)
class SignedVersion:
    """What the expediente takes of a signed document: the copy it foliates, the signed original
    it embeds (digital signatures only), and who signed, for its index."""

    pdf: Path
    originals: tuple[Path, ...]
    signed_by: str  # «firmado digitalmente por …», «firmado en papel»


def signed_version(record: SigningRecord) -> SignedVersion | None:
    """The document's most complete current signed copy, if one is still on disk."""
    from ..wording import join

    copy = best_copy(record)
    if copy is None or not Path(copy.path).is_file():
        return None
    if copy.kind == PAPER:
        return SignedVersion(Path(copy.path), (), PAPER_STATE)
    names = {signer.position: signer.name for signer in record.signers}
    signers = join(names.get(signature.position, signature.name) for signature in copy.signatures)
    expected = len(record.signers)
    partial = f" ({len(copy.signatures)} de {expected} firmas)" if len(copy.signatures) < expected else ""
    return SignedVersion(Path(copy.path), (Path(copy.path),), f"firmado digitalmente por {signers}{partial}")


def signed_versions(registry: NumberingRegistry) -> dict[tuple[str, str], SignedVersion]:
    """The signed version of every document that has one, by (series, key): what an expediente
    foliates and embeds instead of the PDF as issued (one query for a whole run)."""
    versions = {}
    for record in registry.signing_records(signed_only=True):
        version = signed_version(record)
        if version is not None:
            versions[(record.entry.series, record.entry.key.split(REISSUE_MARK, 1)[0])] = version
    return versions


# ------------------------------------------------------------------ through the inbox

SIGNED_COPY_KIND = "copia-firmada"
SIGNED_COPY_TITLE = "Copia firmada (o escaneada) de un documento emitido"


def inbox_result(path: Path, run: Run, base):
    """The inbox's FileResult for a PDF dropped in it: a signed copy filed (PROCESSED), one
    already filed (DUPLICATE) or refused with its reasons (OBSERVED, explained in its LEAME).
    ``base`` is the FileResult so far (name, SHA-256, ledger row)."""
    from dataclasses import replace

    from .ledger import LedgerDocument
    from .process import Earlier, Outcome  # process imports this module

    family = Family(kind=SIGNED_COPY_KIND, title=SIGNED_COPY_TITLE,
                    forms=lambda settings, folder: [], example="", process=lambda path, run: [],
                    suffixes=(".pdf",))
    reception = receive_signed_copy(path, run, name=base.name)
    result = replace(base, family=family, identity=reception.entry.label.casefold() if reception.entry else "")
    if reception.outcome == REFUSED:
        return replace(result, outcome=Outcome.OBSERVED, issues=reception.problems, reason=reception.reason)
    filed = Path(reception.copy.path)
    document = LedgerDocument(filed.parent.parent.name, reception.entry.label,
                              f"copia firmada: {reception.state}", (str(filed),))
    if reception.outcome == DUPLICATE:
        earlier = Earlier(reception.copy.source, "procesado", None, reception.copy.received_at, (document,))
        return replace(result, outcome=Outcome.DUPLICATE, documents=(document,), duplicate_of=earlier)
    return replace(result, outcome=Outcome.PROCESSED, documents=(document,), warnings=reception.notes)


def signing_states(registry: NumberingRegistry) -> dict[str, str]:
    """Each signed document's state by its number, for the list of documents to sign."""
    return {record.entry.label: signing_state(record) for record in registry.signing_records()}
