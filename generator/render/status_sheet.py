"""«ESTADO»: everything the shared folder received and every numbered document, as a workbook and a
web page at the top of the outbox (issue 19, item 3).

Two sheets (two tables in the page): «Archivos recibidos», one row per file the inbox took or
still holds (when, state, problems, a link to its receipt or explanation and to the observed copy,
the documents it made), and «Documentos», one row per number of the registry (number, date,
subject, files, signers, how far the signatures got, annulled or replaced). Links are relative to
the outbox, so the sheet opens from a share too. Every text goes through ``write_cell`` (workbook)
or HTML escaping (page): a name such as ``=HYPERLINK(…)`` or ``<b>`` is shown as typed, never run.

Written with openpyxl's write-only workbook (rows streamed, a few seconds for tens of thousands of
rows) and atomically: a reader never sees half a sheet.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..fsutil import atomic_output, atomic_write_text
from ..wording import count
from .batch_index import html_page, link
from .xlsx import print_on_a4, write_cell

FILES_SHEET = "Archivos recibidos"
DOCUMENTS_SHEET = "Documentos"
# States of a received file, as the sheet writes them.
PROCESSED = "procesado"
OBSERVED = "observado"
DUPLICATE = "duplicado"
WAITING = "en espera"
# The first rows of each sheet: title, summary, blank; the headers come after them.
HEADER_ROW = 4

_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_LINK_FONT = Font(color="0563C1", underline="single")
_TITLE_FONT = Font(bold=True, size=14)
_WRAP = Alignment(vertical="top", wrap_text=True)
_DATE_TIME = "dd/mm/yyyy hh:mm"
_DATE = "dd/mm/yyyy"


@dataclass(frozen=True)
class ReceivedFile:
    """One file of the inbox: taken and put away, or still waiting in it."""

    name: str  # as dropped
    state: str  # PROCESSED, OBSERVED, DUPLICATE or WAITING
    received: dt.datetime | None = None  # when the inbox took it (None: still in the inbox)
    form: str = ""  # what it was (the family's title)
    version: int | None = None
    problems: int = 0  # of an observed file
    warnings: int = 0  # of a processed one
    kept: Path | None = None  # where the file is now
    note: Path | None = None  # its receipt (procesados/) or explanation (observados/)
    marked: Path | None = None  # the copy with its problems marked (an observed workbook)
    documents: tuple[str, ...] = ()  # the numbers of the documents it made
    detail: str = ""  # why it was observed or waits; what else it did


@dataclass(frozen=True)
class NumberedDocument:
    """One number of the registry."""

    number: str
    kind: str  # the document type, as its folder in outbox/<año>/ (the series when it has no files)
    status: str  # «emitido», «reservado», «anulado»
    date: dt.date | None = None  # the date the document bears (None: not recorded)
    subject: str = ""
    files: tuple[Path, ...] = ()
    signers: tuple[str, ...] = ()  # «Nombre (DNI …), cargo», in the order of their blocks
    signatures: str = ""  # «0/3», «completo», «firmado en papel»; "" when nobody is expected to sign
    signed_copy: Path | None = None  # its most complete signed copy
    source: str = ""  # the form it came from (its name as dropped), when the inbox made it
    person: str = ""  # who it is about, in a few words (the list of documents to sign shows it)
    note: str = ""  # why it was annulled, what it replaced or replaces
    updated: dt.datetime | None = None  # when the registry last changed it

    @property
    def docx(self) -> Path | None:
        return next((file for file in self.files if file.suffix.lower() == ".docx"), None)

    @property
    def pdf(self) -> Path | None:
        return next((file for file in self.files if file.suffix.lower() == ".pdf"), None)

    @property
    def others(self) -> tuple[Path, ...]:
        return tuple(file for file in self.files if file not in (self.docx, self.pdf))


@dataclass(frozen=True)
class Link:
    """A cell's text that opens ``target`` (relative to the sheet's folder)."""

    text: str
    target: Path


def _link(path: Path | None, text: str | None = None) -> Link | None:
    return Link(text or path.name, path) if path is not None else None


# A column: header, width, and the value of a row (a Link, lines of text as a tuple, a date…).
_Column = tuple[str, int, Callable[[Any], Any]]

_FILE_COLUMNS: tuple[_Column, ...] = (
    ("Recibido", 17, lambda f: f.received),
    ("Archivo", 34, lambda f: _link(f.kept, f.name) or f.name),
    ("Formulario", 34, lambda f: f.form),
    ("Estado", 12, lambda f: f.state),
    ("Versión", 8, lambda f: f.version),
    ("Problemas", 10, lambda f: f.problems if f.state == OBSERVED else None),
    ("Avisos", 8, lambda f: f.warnings if f.state in (PROCESSED, DUPLICATE) else None),
    ("Recibo o explicación", 30, lambda f: _link(f.note)),
    ("Copia observada", 30, lambda f: _link(f.marked)),
    ("Documentos", 40, lambda f: f.documents),
    ("Detalle", 60, lambda f: f.detail),
)

_DOCUMENT_COLUMNS: tuple[_Column, ...] = (
    ("Número", 36, lambda d: d.number),
    ("Tipo", 20, lambda d: d.kind),
    ("Fecha", 11, lambda d: d.date),
    ("Asunto", 44, lambda d: d.subject),
    ("Estado", 11, lambda d: d.status),
    ("Word", 30, lambda d: _link(d.docx)),
    ("PDF", 30, lambda d: _link(d.pdf)),
    ("Otros archivos", 30, lambda d: tuple(file.name for file in d.others)),
    ("Firmantes", 44, lambda d: d.signers),
    ("Firmas", 14, lambda d: d.signatures or "—"),
    ("Copia firmada", 30, lambda d: _link(d.signed_copy)),
    ("Formulario de origen", 30, lambda d: d.source),
    ("Observación", 50, lambda d: d.note),
    ("Actualizado", 17, lambda d: d.updated),
)


def files_summary(files: Sequence[ReceivedFile]) -> str:
    states = Counter(item.state for item in files)
    parts = [count(states[state], state) for state in (PROCESSED, OBSERVED, DUPLICATE)]
    return f"{count(len(files), 'archivo')}: " + ", ".join(parts) + f", {states[WAITING]} {WAITING}."


def documents_summary(documents: Sequence[NumberedDocument]) -> str:
    states = Counter(item.status for item in documents)
    pending = sum(1 for item in documents if needs_signatures(item))
    return (f"{count(len(documents), 'número')}: " + ", ".join(count(states[state], state) for state in
                                                              ("emitido", "anulado", "reservado"))
            + f"; {pending} por firmar.")


def needs_signatures(document: NumberedDocument) -> bool:
    """An issued document still waiting for a signature: the list «listos para firmar»."""
    return document.status == "emitido" and document.signatures not in ("completo", "firmado en papel")


def write_status(files: Sequence[ReceivedFile], documents: Sequence[NumberedDocument], xlsx: Path, page: Path, *,
                 title: str, generated: dt.datetime) -> tuple[Path, Path]:
    """Write the workbook ``xlsx`` and the page ``page`` (both atomically)."""
    workbook = Workbook(write_only=True)
    generated_line = f"Actualizado el {generated:%d/%m/%Y a las %H:%M}."
    _sheet(workbook, FILES_SHEET, f"{title} — archivos recibidos", f"{generated_line} {files_summary(files)}",
           _FILE_COLUMNS, files, xlsx.parent)
    _sheet(workbook, DOCUMENTS_SHEET, f"{title} — documentos numerados",
           f"{generated_line} {documents_summary(documents)}", _DOCUMENT_COLUMNS, documents, xlsx.parent)
    workbook.properties.creator = "cddgen"
    workbook.properties.title = title
    with atomic_output(xlsx) as temp:
        workbook.save(temp)
    atomic_write_text(page, _page(files, documents, page.parent, title, generated_line))
    return xlsx, page


def _cell(sheet, value: Any, start: Path) -> WriteOnlyCell:
    """One cell: text through ``write_cell``, (text, path) as a link, lines joined, dates formatted."""
    cell = WriteOnlyCell(sheet)
    if isinstance(value, Link):
        write_cell(cell, value.text)
        cell.hyperlink = link(value.target, start)
        cell.font = _LINK_FONT
    elif isinstance(value, tuple):
        write_cell(cell, "\n".join(value))
    elif isinstance(value, dt.datetime):
        write_cell(cell, value.replace(tzinfo=None))
        cell.number_format = _DATE_TIME
    elif isinstance(value, dt.date):
        write_cell(cell, value)
        cell.number_format = _DATE
    else:
        write_cell(cell, value)
    cell.alignment = _WRAP
    return cell


def _sheet(workbook: Workbook, name: str, title: str, summary: str, columns: Sequence[_Column],
           items: Sequence[Any], start: Path) -> None:
    sheet = workbook.create_sheet(name)
    for index, (_, width, _) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(columns))
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(items), 1)}"
    print_on_a4(sheet, header_rows=HEADER_ROW, columns=len(columns))
    heading = WriteOnlyCell(sheet)
    write_cell(heading, title)
    heading.font = _TITLE_FONT
    sheet.append([heading])
    line = WriteOnlyCell(sheet)
    write_cell(line, summary)
    sheet.append([line])
    sheet.append([])
    headers = []
    for header, _, _ in columns:
        cell = WriteOnlyCell(sheet)
        write_cell(cell, header)
        cell.fill, cell.font, cell.alignment = _HEADER_FILL, _HEADER_FONT, _WRAP
        headers.append(cell)
    sheet.append(headers)
    for item in items:
        sheet.append([_cell(sheet, value(item), start) for _, _, value in columns])


def _html_value(value: Any, start: Path) -> str:
    escape = html.escape
    if isinstance(value, Link):
        return f'<a href="{escape(link(value.target, start))}">{escape(value.text)}</a>'
    if isinstance(value, tuple):
        return "<br>".join(escape(line) for line in value)
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else escape(str(value))


def _table(columns: Sequence[_Column], items: Sequence[Any], start: Path, empty: str) -> str:
    headers = "".join(f"<th>{html.escape(header)}</th>" for header, _, _ in columns)
    rows = ["<tr>" + "".join(f"<td>{_html_value(value(item), start)}</td>" for _, _, value in columns) + "</tr>"
            for item in items]
    body = "\n".join(rows) or f'<tr><td colspan="{len(columns)}">{html.escape(empty)}</td></tr>'
    return f"<table>\n<thead><tr>{headers}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _page(files: Sequence[ReceivedFile], documents: Sequence[NumberedDocument], folder: Path, title: str,
          generated_line: str) -> str:
    escape = html.escape
    return html_page(title, f"""<p>{escape(generated_line)}</p>
<h2 id="archivos">{escape(FILES_SHEET)}</h2>
<p>{escape(files_summary(files))}</p>
{_table(_FILE_COLUMNS, files, folder, "La bandeja todavía no recibió archivos.")}
<h2 id="documentos">{escape(DOCUMENTS_SHEET)}</h2>
<p>{escape(documents_summary(documents))}</p>
{_table(_DOCUMENT_COLUMNS, documents, folder, "Todavía no hay documentos numerados.")}""")
