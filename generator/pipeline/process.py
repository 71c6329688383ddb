"""One form in, its documents (or the reasons it was rejected) out: ``process_file``.

Every way into cddgen's batch processing — ``cddgen process``, ``cddgen watch`` — calls
``process_file`` for each file (STYLE.md practice 7). It recognises the form by its
content, validates and renders it through its family, and returns a ``FileResult``; it
never moves the input (the inbox does, from the result).

With a ``Ledger`` it is idempotent: content already processed (same SHA-256) is reported
as a duplicate of the earlier file with the earlier documents, and a new content for the
same form (same family and identity) is a new version that names the one it replaces.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import traceback
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Callable

from ..config import Settings
from ..errors import CddgenError, InvalidInput, Issue, MissingForm, UnreadableInput
from ..forms.spec import normalize_label
from ..readers.recognize import FormSignature, foreign_file, form_signature
from ..render.documents import ProducedDocument
from ..run import Run
from .families import FAMILIES, Family
from .ledger import OBSERVED, PROCESSED, Ledger, LedgerDocument, Reservation, Row
from .resolucion import inbox_result as resolution_result
from .resolucion import is_resolution
from .signed_copies import document_named

_CONTAINER_LABEL = {".xlsx": "libro de Excel .xlsx", ".docx": "documento de Word .docx"}
# Read by content even when no family takes them, to say what they are.
OFFICE_SUFFIXES = frozenset(_CONTAINER_LABEL)


class Outcome(str, Enum):
    PROCESSED = "procesado"  # documents produced (or produced again)
    DUPLICATE = "duplicado"  # same content as a file processed before; its documents stand
    OBSERVED = "observado"  # rejected: the form must be corrected (explanation attached)
    FAILED = "devuelto"  # an error that is not the form's fault; the form is kept to retry


@dataclass(frozen=True)
class Earlier:
    """An earlier file of the ledger that a result refers to (duplicate of, replaces)."""

    name: str
    status: str
    version: int | None
    when: str  # ISO timestamp
    documents: tuple[LedgerDocument, ...] = ()

    @classmethod
    def of(cls, row: Row) -> "Earlier":
        return cls(row.name, row.status, row.version, row.finished_at or row.claimed_at, row.documents)


@dataclass(frozen=True)
class FileResult:
    """What became of one input file."""

    name: str  # the file name as dropped
    sha256: str
    outcome: Outcome
    family: Family | None = None
    recognised_by: str = ""  # "marca", "propiedades" or "hojas"
    identity: str = ""
    documents: tuple[LedgerDocument, ...] = ()
    warnings: tuple[str, ...] = ()  # e.g. a PDF that could not be made (the .docx is delivered)
    issues: tuple[Issue, ...] = ()  # every problem of an observed form
    reason: str = ""  # one Spanish line: why it was observed or failed
    detail: str = ""  # technical detail of an internal error (traceback), for the administrator
    version: int | None = None
    replaces: Earlier | None = None  # the last earlier version that produced documents
    corrects: Earlier | None = None  # an observed upload of the same form after it (produced nothing)
    duplicate_of: Earlier | None = None
    regenerated: bool = False  # a duplicate whose missing files were produced again
    # Files of earlier renderings that its documents replaced: (where each was, where it is now).
    replaced_files: tuple[tuple[str, str], ...] = ()
    # Filled in by the inbox once the input is put away:
    destination: Path | None = None
    note: Path | None = None  # the receipt (procesados) or the explanation (observados)
    marked_copy: Path | None = None
    row_id: int | None = None
    internal: bool = False  # observed because of an error of cddgen itself, not of the form
    # The kind of form this one's documents need and that was not found (FAILED): the inbox
    # tries it again after the other forms of its pass, then sets it aside for the operator.
    waits_for: str = ""
    renamed_from: str = ""  # the name as dropped when it was not valid text (UTF-8)
    # What it did besides making documents, in Spanish (e.g. the numbers an annulment request
    # annulled, what the end of its pass made from it): the receipt says it.
    notes: tuple[str, ...] = ()
    received: dt.datetime | None = None  # when the inbox took it (filled in once it is put away)

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.PROCESSED, Outcome.DUPLICATE)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def accepted_forms(families: tuple[Family, ...] = FAMILIES) -> str:
    """The forms cddgen accepts, for explanations: «Comité … (libro de Excel .xlsx); …»."""
    parts = []
    for item in families:
        kinds = " o ".join(_CONTAINER_LABEL.get(suffix, suffix) for suffix in item.suffixes)
        parts.append(f"«{item.title}» ({kinds})")
    return "; ".join(parts)


def accepted_suffixes(families: tuple[Family, ...] = FAMILIES) -> set[str]:
    return {suffix.lower() for item in families for suffix in item.suffixes}


def recognise(path: Path, families: tuple[Family, ...] = FAMILIES) -> tuple[Family, str]:
    """The family of the form at ``path`` and how it was recognised; UnreadableInput if none.

    Order: the file type must be one some family takes; the bytes must be a safe .xlsx or
    .docx (``check_office_file``); then the «_cddgen» sheet, the ``cddgen:<kind>:v<n>``
    keywords, and for a workbook without either, the sheets a family declares.
    """
    accepted = accepted_forms(families)
    if path.suffix.lower() not in accepted_suffixes(families) | OFFICE_SUFFIXES:
        raise foreign_file(path, accepted)
    signature = form_signature(path)
    suffix = f".{signature.container}"
    candidates = tuple(item for item in families if suffix in {s.lower() for s in item.suffixes})
    if signature.marker:
        for item in candidates:
            if item.kind == signature.marker:
                return item, signature.found_by
        raise _unknown_marker(path, signature, accepted)
    if signature.sheets:
        present = {normalize_label(name) for name in signature.sheets}
        matches = [
            item for item in candidates
            if item.sheets and all(normalize_label(sheet) in present for sheet in item.sheets)
        ]
        if len(matches) == 1:
            return matches[0], "hojas"
        if len(matches) > 1:
            names = " y ".join(f"«{item.title}»" for item in matches)
            raise UnreadableInput(
                f"{path.name}: sus hojas corresponden a más de un formulario ({names}) y no lleva la "
                "marca de cddgen que los distingue.",
                fix="Copie los datos en el formulario en blanco que corresponde («cddgen forms») y vuelva a dejarlo.",
                file=path,
            )
    what = "libro de Excel" if signature.container == "xlsx" else "documento de Word"
    raise UnreadableInput(
        f"{path.name}: es un {what}, pero no es un formulario de cddgen (no lleva la marca de "
        f"cddgen{' ni las hojas de ningún formulario' if signature.container == 'xlsx' else ''}). "
        f"cddgen acepta: {accepted}.",
        fix="Llene el formulario en blanco que genera «cddgen forms» (o una copia de uno ya llenado) "
        "y déjelo en la bandeja.",
        file=path,
    )


def _unknown_marker(path: Path, signature: FormSignature, accepted: str) -> UnreadableInput:
    title = f"«{signature.title}» " if signature.title else ""
    return UnreadableInput(
        f"{path.name}: es el formulario de cddgen {title}de tipo «{signature.marker}», que esta instalación "
        f"de cddgen no procesa. cddgen acepta: {accepted}.",
        fix="Actualice cddgen o use el formulario que corresponde.",
        file=path,
    )


def _identity(family: Family, path: Path, name: str, settings: Settings) -> str:
    """The identity of the form inside its family; the file name when the family has none."""
    value: str | None = None
    if family.identity is not None:
        try:
            value = family.identity(path, settings)
        except CddgenError:
            value = None  # an unreadable identity falls back to the name; the reader will explain
    text = " ".join(str(value).split()) if value else f"archivo:{name}"
    return text.casefold()


def process_file(
    path: str | Path,
    run: Run,
    *,
    name: str | None = None,
    ledger: Ledger | None = None,
    row: Row | None = None,
    families: tuple[Family, ...] = FAMILIES,
    sha256: str | None = None,
) -> FileResult:
    """Recognise, validate and render the form at ``path`` through ``run`` (its outbox, registry,
    PDF or not).

    ``name`` is the file's name as dropped (``path`` may be a claimed copy). With ``ledger``
    and ``row`` (the ledger row of this claim), duplicates and versions are recognised and
    every number reserved is recorded against the row. Never raises for a bad form: the
    result is OBSERVED with every issue; an error that is not the form's fault gives FAILED.
    """
    path = Path(path)
    name = name or path.name
    run = run.but(source_name=name, notes=[])  # this input's own notes, for its receipt
    digest = sha256 or sha256_of(path)
    base = FileResult(name=name, sha256=digest, outcome=Outcome.PROCESSED, row_id=row.id if row else None)
    if path.suffix.lower() == ".pdf":  # the committee's resolution, or a signed copy (or scan) coming back
        committee = ledger.latest("comite") if ledger is not None else None
        if is_resolution(name, committee.identity if committee else "", is_document=lambda text: bool(
                document_named(text, run.registry))):
            return resolution_result(path, base, ledger, row)
        return _signed_copy(path, run, base, ledger, row)
    earlier = ledger.processed_with(digest, before=row.id if row else None) if ledger else None
    if earlier is not None and all(Path(file).exists() for doc in earlier.documents for file in doc.files):
        family = _family_named(earlier.kind, families)
        return replace(base, outcome=Outcome.DUPLICATE, family=family, identity=earlier.identity,
                       documents=earlier.documents, version=earlier.version, duplicate_of=Earlier.of(earlier))
    known = [base]  # what is known so far, for the result of an error at any step
    try:
        produced = _recognise_and_produce(path, run, ledger, row, families, earlier, known)
    except (InvalidInput, UnreadableInput) as error:
        return _observed(known[-1], error)
    except MissingForm as error:
        return replace(known[-1], outcome=Outcome.FAILED, reason=str(error), waits_for=error.needs)
    except CddgenError as error:
        # A template, the numbering registry, the configuration: not the form's fault.
        return replace(known[-1], outcome=Outcome.FAILED, reason=str(error))
    except OSError as error:
        return replace(known[-1], outcome=Outcome.FAILED, reason=f"Error del sistema de archivos: {error}.")
    except Exception as error:  # noqa: BLE001 - reported as an internal error, never swallowed
        return _internal(known[-1], error)
    documents = tuple(ledger_document(item) for item in produced)
    warnings = tuple(sorted({item.pdf_error for item in produced if item.pdf_error}
                            | {warning for item in produced for warning in item.warnings}))
    replaced = tuple((str(before), str(now)) for item in produced for before, now in item.replaced)
    return replace(known[-1], outcome=Outcome.DUPLICATE if earlier is not None else Outcome.PROCESSED,
                   documents=documents, warnings=warnings, replaced_files=replaced, notes=tuple(run.notes))


def _recognise_and_produce(path: Path, run: Run, ledger: Ledger | None, row: Row | None,
                           families: tuple[Family, ...], earlier: Row | None,
                           known: list[FileResult]) -> list[ProducedDocument]:
    family, found_by = recognise(path, families)
    identity = _identity(family, path, run.source_name, run.settings)
    base = replace(known[-1], family=family, recognised_by=found_by, identity=identity)
    replaces_row: Row | None = None
    if earlier is not None:
        base = replace(base, duplicate_of=Earlier.of(earlier), regenerated=True, version=earlier.version)
    elif ledger is not None and row is not None:
        previous = ledger.versions(family.kind, identity, before=row.id)
        same = [item for item in previous if item.sha256 == base.sha256]
        if same:  # this content was observed before: the same version, observed again or not
            version = same[0].version
        else:
            version = max((item.version or 1 for item in previous), default=0) + 1
            # What it replaces is the last version that produced documents, not an observed
            # upload in between (which produced nothing).
            produced = [item for item in previous if item.status == PROCESSED]
            replaces_row = produced[-1] if produced else None
            # ...but the receipt still says which observed upload it corrects.
            after = replaces_row.id if replaces_row else 0
            observed = [item for item in previous if item.status == OBSERVED and item.id > after]
            base = replace(base, corrects=Earlier.of(observed[-1]) if observed else None)
        base = replace(base, version=version, replaces=Earlier.of(replaces_row) if replaces_row else None)
    known.append(base)
    if ledger is not None and row is not None:
        ledger.describe(row.id, family.kind, identity, base.version,
                        replaces_row.id if replaces_row else None, earlier.id if earlier else None)

    listeners = ()
    if ledger is not None and row is not None:
        def heard(entry) -> None:  # every number reserved for this input, so a rejected form's can be annulled
            ledger.record_reservation(row.id, Reservation(entry.series, entry.office, entry.year, entry.key))

        listeners = (heard,)
    return family.process(path, run.but(committee=_last_committee_form(ledger), listeners=listeners))


def _signed_copy(path: Path, run: Run, base: FileResult, ledger: Ledger | None,
                 row: Row | None) -> FileResult:
    """A PDF dropped in the inbox: verified and filed as a signed copy (``signed_copies``)."""
    from .signed_copies import SIGNED_COPY_KIND, inbox_result

    try:
        result = inbox_result(path, run, base)
    except CddgenError as error:  # the registry, the trust anchors' folder: not the file's fault
        return replace(base, outcome=Outcome.FAILED, reason=str(error))
    except OSError as error:
        return replace(base, outcome=Outcome.FAILED, reason=f"Error del sistema de archivos: {error}.")
    except Exception as error:  # noqa: BLE001 - reported as an internal error, never swallowed
        return _internal(base, error)
    if ledger is not None and row is not None:
        ledger.describe(row.id, SIGNED_COPY_KIND, result.identity, None, None, None)
    return result


def _last_committee_form(ledger: Ledger | None) -> Path | None:
    """The committee form this inbox processed last, if it is still in procesados/."""
    row = ledger.latest("comite") if ledger is not None else None
    if row is None:
        return None
    path = Path(row.destination)
    return path if path.is_file() else None


def ledger_document(item: ProducedDocument) -> LedgerDocument:
    return LedgerDocument(item.kind, item.number, item.person, tuple(str(path) for path in item.files))


def _family_named(kind: str, families: tuple[Family, ...]) -> Family | None:
    return next((item for item in families if item.kind == kind), None)


def _observed(base: FileResult, error: CddgenError) -> FileResult:
    if isinstance(error, InvalidInput):
        issues = tuple(error.issues)
    else:
        message = error.message
        if error.file and Path(error.file).name not in message:
            message = f"{Path(error.file).name}: {message}"
        issues = (Issue(message=message, fix=error.fix),)
    return replace(base, outcome=Outcome.OBSERVED, issues=issues, reason=error.message)


def _internal(base: FileResult, error: Exception) -> FileResult:
    message = (
        f"cddgen tuvo un error interno al procesarlo ({type(error).__name__}: {error}); "
        "no es necesariamente un error del formulario."
    )
    fix = "Avise al responsable de cddgen y entréguele este archivo junto con esta explicación."
    return replace(
        base, outcome=Outcome.OBSERVED, reason=message, issues=(Issue(message=message, fix=fix),),
        detail="".join(traceback.format_exception(error)),
        internal=True,
    )


ProgressCallback = Callable[[FileResult], None]
