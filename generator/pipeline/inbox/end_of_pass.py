"""The end of a pass: what its inputs call for beyond their own documents (``follow_up``),
and the indexes (``Indexes``): the batch's LISTOS-PARA-FIRMA, and ESTADO and LISTOS-PARA-FIRMA
at the top of the outbox."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from ...fsutil import atomic_write_text
from ...render.batch_index import ReadyDocument, write_index
from ...render.status_sheet import NumberedDocument, ReceivedFile, write_status
from ..ledger import OBSERVED, Row
from ..process import FileResult, ledger_document
from ..receipts import followup_log_line, receipt_text
from ..refresh import after_pass
from ..resolucion import RESOLUTION_KIND, RESOLUTION_TITLE
from ..signed_copies import SIGNED_COPY_KIND, SIGNED_COPY_TITLE
from ..status import numbered_documents, ready_to_sign, received_files
from .names import (
    BATCHES_DIR,
    EXPLANATION_SUFFIX,
    INDEX_NAME,
    LOG_NAME,
    MARKED_SUFFIX,
    RECEIPT_SUFFIX,
    STATUS_NAME,
    append_line,
    free_pair,
)

if TYPE_CHECKING:
    from .box import Inbox

log = logging.getLogger(__name__)


def follow_up(box: Inbox, results: list[FileResult], *, pdf: bool = True) -> list[FileResult]:
    """What the pass's inputs call for beyond their own documents (``refresh.after_pass``: the
    informe final, the UGEL's reports), reported with the input that brought it: its receipt is
    written again and its ledger row gains the documents. Returns the results, updated."""
    by_row = {result.row_id: result for result in results if result.row_id is not None}
    for followup in after_pass(box.run.but(pdf=pdf), box.ledger, results):
        current = by_row.get(followup.result.row_id, followup.result)
        documents = tuple(ledger_document(item) for item in followup.documents)
        warnings = tuple(sorted({item.pdf_error for item in followup.documents if item.pdf_error}
                                | {warning for item in followup.documents for warning in item.warnings})) \
            + followup.warnings
        numbers = {document.number for document in documents}
        updated = replace(
            current,
            documents=tuple(item for item in current.documents if item.number not in numbers) + documents,
            warnings=current.warnings + warnings, notes=current.notes + followup.notes,
            replaced_files=current.replaced_files + tuple((str(before), str(now)) for item in followup.documents
                                                          for before, now in item.replaced))
        if current.row_id is not None:
            box.ledger.add_documents(current.row_id, documents, warnings=len(warnings),
                                     note=" ".join(followup.notes))
        if current.note is not None and current.note.is_file():
            atomic_write_text(current.note, receipt_text(updated, box.outbox, current.received or box.clock()))
        if documents or warnings:  # a note alone (what the informe final waits for) is the receipt's
            append_line(box.outbox / LOG_NAME, followup_log_line(current, documents, warnings, box.outbox,
                                                                 box.clock()))
        for document in documents:
            log.info(f"Con «{current.name}» se generó {followup.what}: {document.number}.")
        for text in followup.notes:
            log.info(f"«{current.name}»: {text}")
        for text in followup.warnings:
            log.warning(f"«{current.name}»: {text}")
        by_row[current.row_id] = updated
    return [by_row.get(result.row_id, result) if result.row_id is not None else result for result in results]


def write_outbox_sheets(files: Sequence[ReceivedFile], documents: Sequence[NumberedDocument], outbox: Path, *,
                        title: str, ready_title: str, generated: dt.datetime) -> tuple[Path, Path]:
    """ESTADO at the top of ``outbox`` and LISTOS-PARA-FIRMA beside it (ESTADO's issued documents
    still waiting for a signature); the inbox after a pass and ``cddgen demo`` write both so."""
    write_index(ready_to_sign(documents), outbox / f"{INDEX_NAME}.xlsx", outbox / f"{INDEX_NAME}.html",
                title=ready_title, generated=generated)
    return write_status(files, documents, outbox / f"{STATUS_NAME}.xlsx", outbox / f"{STATUS_NAME}.html",
                        title=title, generated=generated)


class Indexes:
    """The indexes one ``Inbox`` writes, rewritten only when what they show changed since it
    last wrote them (a ``watch`` writes them after every pass that changed anything)."""

    def __init__(self, box: Inbox) -> None:
        self.box = box
        self._written_stamp: tuple | None = None  # what ESTADO showed when this Inbox last wrote it

    def write(self, results: list[FileResult]) -> tuple[tuple[Path, Path] | None, tuple[Path, Path] | None]:
        """This batch's LISTOS-PARA-FIRMA in outbox/lotes/; then, when anything changed since this
        Inbox last wrote them (a file taken, a number given or annulled, a signed copy filed, a
        file waiting), ESTADO and LISTOS-PARA-FIRMA at the top of the outbox (fixed names): the
        status sheet, and the issued documents of it still waiting for a signature."""
        box, outbox = self.box, self.box.outbox
        now = box.clock()
        stamp = self._change_stamp()
        outbox_status = (outbox / f"{STATUS_NAME}.xlsx", outbox / f"{STATUS_NAME}.html")
        current = stamp == self._written_stamp and all(path.is_file() for path in outbox_status)
        batch = [item for item in results if item.ok and item.documents]
        if current and not batch:
            return None, None
        files, documents = self.status()
        index = None
        if batch:
            states = {document.number: document.signatures for document in documents}
            target = free_pair(outbox / BATCHES_DIR, f"{now:%Y-%m-%d_%H%M%S}-{INDEX_NAME}")
            index = write_index(_ready(batch, states), target, target.with_suffix(".html"),
                                title=f"Listos para firma — lote del {now:%d/%m/%Y %H:%M:%S}", generated=now)
        if current:
            return index, None
        written = write_outbox_sheets(files, documents, outbox,
                                      title=f"Estado de la bandeja — {box.settings.institution.nombre}",
                                      ready_title=f"Listos para firma — {box.settings.today:%d/%m/%Y}", generated=now)
        self._written_stamp = stamp
        return index, written

    def status(self) -> tuple[list[ReceivedFile], list[NumberedDocument]]:
        """What ESTADO shows: every file received or waiting, every number of the registry."""
        box = self.box
        rows = box.ledger.rows()
        titles = {item.kind: item.title for item in box.families}
        titles.update({SIGNED_COPY_KIND: SIGNED_COPY_TITLE, RESOLUTION_KIND: RESOLUTION_TITLE})
        files = received_files(rows, box.scan(), titles, self._notes)
        return files, numbered_documents(box.registry.all_records(), rows, box.outbox)

    @staticmethod
    def _notes(row: Row) -> tuple[Path | None, Path | None]:
        """A put-away input's receipt or explanation, and its marked copy if it has one."""
        if not row.destination:
            return None, None
        kept = Path(row.destination)
        if row.status == OBSERVED:
            marked = kept.with_name(kept.stem + MARKED_SUFFIX)
            return kept.with_name(kept.stem + EXPLANATION_SUFFIX), marked if marked.is_file() else None
        return kept.with_name(kept.stem + RECEIPT_SUFFIX), None

    def _change_stamp(self) -> tuple:
        """Changes whenever what ESTADO shows may have changed (a few aggregate queries)."""
        return self.box.ledger.change_stamp(), self.box.registry.change_stamp(), tuple(sorted(self.box.scan()))


def _ready(results: list[FileResult], states: Mapping[str, str]) -> list[ReadyDocument]:
    return [
        ReadyDocument(document.kind, document.number, document.person, tuple(Path(f) for f in document.files),
                      result.name, states.get(document.number, ""))
        for result in results for document in result.documents
    ]
