"""«LISTOS-PARA-FIRMA»: the list of documents ready to sign, as a workbook and a web page.

One row per document: type, number, person, its files (relative links that open from the
outbox folder, on a share too), the form it came from and, for a document that is signed, how
far its signatures got («0/3», «1/3», «completo», «firmado en papel», as «cddgen firmas»).
Written atomically; every text goes through ``write_cell`` (workbook) or HTML escaping (page),
so a name such as ``Pérez & Hijos <SAC>`` or ``=HYPERLINK(…)`` is shown as typed and never runs.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Sequence
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ..fsutil import atomic_output, atomic_write_text
from ..wording import count
from .xlsx import write_cell

_HEADERS = ("N°", "Tipo (carpeta)", "Número", "Persona", "Archivos", "Formulario de origen", "Firmas")
_WIDTHS = (5, 22, 36, 30, 70, 34, 16)
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_FONT = Font(bold=True, color="FFFFFF")


@dataclass(frozen=True)
class ReadyDocument:
    kind: str  # the document type, as its folder in outbox/<año>/ (e.g. "acta-instalacion")
    number: str
    person: str
    files: tuple[Path, ...]
    source: str  # the input file's name
    signatures: str = ""  # «1/3», «completo», «firmado en papel»; "" for a document nobody signs


def link(file: Path, start: Path) -> str:
    """A relative URL from folder ``start`` to ``file`` (percent-encoded, forward slashes); a
    ``file:`` URL when there is no relative way (Windows: another drive, as an inbox on a share
    and an outbox on C: can be)."""
    try:
        relative = os.path.relpath(file, start)
    except ValueError:
        return Path(os.path.abspath(file)).as_uri()
    return "/".join(quote(part) for part in PurePosixPath(Path(relative).as_posix()).parts)


def write_index(documents: Sequence[ReadyDocument], xlsx: Path, page: Path, *, title: str,
                generated: dt.datetime) -> tuple[Path, Path]:
    """Write the workbook ``xlsx`` and the page ``page`` listing ``documents``."""
    _write_workbook(documents, xlsx, title, generated)
    atomic_write_text(page, _page(documents, page.parent, title, generated))
    return xlsx, page


def _write_workbook(documents: Sequence[ReadyDocument], target: Path, title: str, generated: dt.datetime) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Listos para firma"
    write_cell(sheet["A1"], title)
    sheet["A1"].font = Font(bold=True, size=14)
    write_cell(sheet["A2"], f"Generado el {generated:%d/%m/%Y a las %H:%M}. {count(len(documents), 'documento')}.")
    for column, (header, width) in enumerate(zip(_HEADERS, _WIDTHS), start=1):
        cell = sheet.cell(row=4, column=column)
        write_cell(cell, header)
        cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
        sheet.column_dimensions[cell.column_letter].width = width
    row = 5
    for number, document in enumerate(documents, start=1):
        files = document.files or ()
        first_row = row
        for offset, file in enumerate(files or (None,)):
            if offset == 0:
                for column, value in enumerate(
                    (number, document.kind, document.number, document.person or "—"), start=1
                ):
                    write_cell(sheet.cell(row=row, column=column), value)
                write_cell(sheet.cell(row=row, column=6), document.source)
                write_cell(sheet.cell(row=row, column=7), document.signatures or "—")
            if file is not None:
                cell = sheet.cell(row=row, column=5)
                write_cell(cell, file.name)
                cell.hyperlink = link(file, target.parent)
                cell.font = Font(color="0563C1", underline="single")
            row += 1
        for line in range(first_row, row):
            for column in range(1, len(_HEADERS) + 1):
                sheet.cell(row=line, column=column).alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A5"
    with atomic_output(target) as temp:
        workbook.save(temp)


def _page(documents: Sequence[ReadyDocument], folder: Path, title: str, generated: dt.datetime) -> str:
    escape = html.escape
    rows = []
    for number, document in enumerate(documents, start=1):
        links = "<br>".join(
            f'<a href="{escape(link(file, folder))}">{escape(file.name)}</a>' for file in document.files
        )
        rows.append(
            "<tr>"
            f"<td>{number}</td><td>{escape(document.kind)}</td><td>{escape(document.number)}</td>"
            f"<td>{escape(document.person or '—')}</td><td>{links}</td><td>{escape(document.source)}</td>"
            f"<td>{escape(document.signatures or '—')}</td>"
            "</tr>"
        )
    body = "\n".join(rows) or '<tr><td colspan="7">Todavía no hay documentos.</td></tr>'
    headers = "".join(f"<th>{escape(header)}</th>" for header in _HEADERS)
    return html_page(title, f"""<p>Generado el {generated:%d/%m/%Y a las %H:%M}. {count(len(documents), 'documento')}.</p>
<table>
<thead><tr>{headers}</tr></thead>
<tbody>
{body}
</tbody>
</table>""")


def html_page(title: str, body: str) -> str:
    """A whole web page of cddgen's lists (LISTOS-PARA-FIRMA, ESTADO): ``title`` as its heading,
    then ``body`` (HTML already escaped); tables styled as the workbooks' header rows."""
    escape = html.escape
    return f"""<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
<style>
body {{ font-family: Calibri, Arial, sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 2em; }}
th, td {{ border: 1px solid #999; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ background: #1F4E78; color: #fff; position: sticky; top: 0; }}
</style>
</head>
<body>
<h1>{escape(title)}</h1>
{body}
</body>
</html>
"""
