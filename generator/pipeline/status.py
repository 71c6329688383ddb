"""What the status sheet (``render/status_sheet.py``) shows, gathered from the inbox's ledger, the
files still in the inbox and the numbering registry — each read whole, once, whatever its size
(``Ledger.rows``, ``NumberingRegistry.all_records``: no query per row)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from ..render.batch_index import ReadyDocument
from ..render.documents import ANNULLED_DIR
from ..render.numbering import ANNULLED, REISSUE_MARK, NumberEntry, SigningRecord
from ..render.status_sheet import (
    DUPLICATE,
    OBSERVED,
    PROCESSED,
    WAITING,
    NumberedDocument,
    ReceivedFile,
    needs_signatures,
)
from . import ledger
from .ledger import Row
from .signed_copies import SIGNED_COPY_KIND, best_copy, signing_state

_STATES = {ledger.PROCESSED: PROCESSED, ledger.DUPLICATE: DUPLICATE, ledger.OBSERVED: OBSERVED}


def moment(stamp: str) -> dt.datetime | None:
    """An ISO time stamp of the ledger or the registry, in this machine's time zone."""
    if not stamp:
        return None
    try:
        value = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return value.astimezone() if value.tzinfo else value


def received_files(rows: Sequence[Row], in_inbox: Iterable[str], titles: Mapping[str, str],
                   notes: Callable[[Row], tuple[Path | None, Path | None]]) -> list[ReceivedFile]:
    """One row per file the inbox took (oldest ledger rows last) and per file still in it.

    A file returned to the inbox after an error that was not its fault is listed once, as waiting,
    with the reason of its last return; ``notes(row)`` gives a put-away file's receipt or
    explanation and its marked copy."""
    returned: dict[str, str] = {}
    taken: list[ReceivedFile] = []
    for row in rows:
        form = titles.get(row.kind, "")
        if row.status == ledger.RETURNED:
            if row.destination:
                returned[Path(row.destination).name] = row.reason
            continue
        if row.status == ledger.WORKING:
            taken.append(ReceivedFile(row.name, WAITING, moment(row.claimed_at), form, row.version,
                                      detail="Tomado por cddgen; se termina de procesar en la próxima pasada."))
            continue
        note, marked = notes(row)
        taken.append(ReceivedFile(
            row.name, _STATES[row.status], moment(row.claimed_at), form, row.version, row.problems, row.warnings,
            Path(row.destination) if row.destination else None, note, marked,
            tuple(document.number for document in row.documents), row.reason))
    waiting = [ReceivedFile(name, WAITING, detail=returned.get(name) or "En la bandeja de entrada, por procesar.")
               for name in sorted(in_inbox)]
    return waiting + taken[::-1]


def numbered_documents(records: Sequence[SigningRecord], rows: Sequence[Row], outbox: Path) -> list[NumberedDocument]:
    """One row per number of the registry, the most recently changed first."""
    sources: dict[str, tuple[str, str]] = {}  # number → (form, person) as the ledger keeps them
    for row in rows:  # oldest first: the last form that made a document names it
        if row.status in (ledger.PROCESSED, ledger.DUPLICATE) and row.kind != SIGNED_COPY_KIND:
            for document in row.documents:
                sources[document.number] = (row.name, document.person)
    versions: dict[tuple, list[NumberEntry]] = defaultdict(list)
    for record in records:
        versions[_base(record.entry)].append(record.entry)
    documents = []
    for record in records:
        entry = record.entry
        files = tuple(Path(name) for name in entry.files)
        if entry.status == ANNULLED:  # ``cddgen numeracion anular`` put them aside
            files = tuple(outbox / ANNULLED_DIR / str(entry.year) / file.name for file in files)
        copy = best_copy(record)
        documents.append(NumberedDocument(
            number=entry.label,
            kind=files[0].parent.name if entry.files else entry.series,
            status=entry.status,
            date=dt.date.fromisoformat(entry.document_date) if entry.document_date else None,
            subject=entry.subject,
            files=files,
            signers=tuple(f"{s.name} (DNI {s.dni}), {s.role}" if s.dni else f"{s.name}, {s.role}"
                          for s in record.signers),
            signatures=signing_state(record) if record.signers or record.copies else "",
            signed_copy=Path(copy.path) if copy is not None else None,
            source=sources.get(entry.label, ("", ""))[0],
            person=sources.get(entry.label, ("", ""))[1],
            note=_note(entry, versions[_base(entry)]),
            updated=moment(entry.updated_at),
        ))
    documents.sort(key=lambda item: item.updated or dt.datetime.min.astimezone(), reverse=True)
    return documents


def _base(entry: NumberEntry) -> tuple:
    """The document a number is for, whichever number it has now (see ``REISSUE_MARK``)."""
    return entry.series, entry.office, entry.year, entry.key.split(REISSUE_MARK, 1)[0]


def _note(entry: NumberEntry, versions: Sequence[NumberEntry]) -> str:
    """Why a number was annulled and what number the document has now; what a reissued one replaces."""
    ordered = sorted(versions, key=lambda item: item.number)
    position = ordered.index(entry)
    parts = []
    if entry.status == ANNULLED:
        parts.append(f"Anulado: {entry.note}" if entry.note else "Anulado.")
        if position + 1 < len(ordered):
            parts.append(f"Reemplazado por «{ordered[position + 1].label}».")
    if position > 0:
        parts.append(f"Reemplaza a «{ordered[position - 1].label}», anulado.")
    return " ".join(parts)


def ready_to_sign(documents: Sequence[NumberedDocument]) -> list[ReadyDocument]:
    """«LISTOS-PARA-FIRMA»: the status sheet's issued documents still waiting for a signature."""
    ready = [ReadyDocument(item.kind, item.number, item.person or item.subject, item.files, item.source,
                           item.signatures)
             for item in documents if needs_signatures(item)]
    return sorted(ready, key=lambda item: (item.kind, item.number))
