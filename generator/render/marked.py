"""A copy of a rejected workbook with every problem shown where it is.

Each cell an issue points at is filled light red and carries a comment with the problem
and how to fix it; a first sheet «Observaciones» lists every issue (those without a cell
too). The copy is written atomically under another name: the original is never touched.
A secretary can correct the copy itself and drop it in the inbox again — marks left from
an earlier round are removed from cells that no longer have a problem.

The copy holds values, never formulas: the workbook is loaded with each formula's last
result (what cddgen read), so no formula the sender wrote runs when the copy is opened; the
original beside it keeps them. A problem in a cell hidden by a merge is marked on the
merge's first cell.

Making the copy loads the whole workbook (openpyxl keeps every cell in memory, about ten
times the size of its sheets' XML, and makes a cell for each one a merged range or a linked
range covers), so a workbook whose sheets exceed ``MAX_SHEETS_BYTES``, or whose cells, rows
and covered cells, counted from the XML before loading (``readers.grid.scan_workbook``),
exceed ``MAX_LOADED_CELLS``, gets no copy: its explanation file alone says what to fix. Only
the cells the workbook stores are ever visited, never the rectangle from A1 to its last cell
(one value in XFD1048576 would make that 17 billion).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Sequence

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import quote_sheetname
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.hyperlink import Hyperlink

from ..errors import Issue, UnreadableInput
from ..forms.spec import normalize_label
from ..fsutil import atomic_output
from ..readers.grid import check_extent
from ..readers.safety import check_office_file
from .xlsx import print_on_a4, write_cell

AUTHOR = "cddgen"
SHEET = "Observaciones"
_TITLE = "Observaciones de cddgen"
PROBLEM_FILL = PatternFill("solid", fgColor="FFC7CE")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_LINK_FONT = Font(color="0563C1", underline="single")
_HEADERS = ("N°", "Hoja", "Fila", "Columna", "Celda", "Problema", "Cómo corregirlo")
_WIDTHS = (5, 18, 6, 24, 8, 60, 60)
# Uncompressed size of all worksheets above which no marked copy is made: 10 MB of XML is
# about 100 MB of memory; the blank forms are under 0.5 MB.
MAX_SHEETS_BYTES = 10 * 1024 * 1024
# Cells, rows and cells covered by ranges that openpyxl may create to load the workbook:
# about 250 MB of memory (openpyxl keeps a cell in roughly 500 bytes).
MAX_LOADED_CELLS = 500_000


def _sheet_named(workbook, name: str | None):
    if not name:
        return None
    if name in workbook.sheetnames:
        return workbook[name]
    wanted = normalize_label(name)
    return next((workbook[title] for title in workbook.sheetnames if normalize_label(title) == wanted), None)


def _valid_cell(reference: str | None) -> bool:
    if not reference:
        return False
    try:
        coordinate_from_string(reference)
    except ValueError:
        return False
    return True


def _anchor(worksheet, reference: str) -> str:
    """The cell that shows the value of a merge covering ``reference`` (itself otherwise)."""
    for merged in worksheet.merged_cells.ranges:
        if reference in merged:
            return merged.start_cell.coordinate
    return reference


def _clear_old_marks(workbook) -> None:
    for worksheet in workbook.worksheets:
        # The cells the sheet stores (openpyxl's own map of them): iter_rows() would create every
        # cell of the rectangle from A1 to the last one.
        for cell in list(worksheet._cells.values()):
            if cell.comment is not None and cell.comment.author == AUTHOR:
                cell.comment = None
                if cell.fill == PROBLEM_FILL:
                    cell.fill = PatternFill(fill_type=None)
    if SHEET in workbook.sheetnames and workbook[SHEET]["A1"].value == _TITLE:
        del workbook[SHEET]


def _sheets_bytes(source: Path) -> int:
    with zipfile.ZipFile(source) as archive:
        return sum(entry.file_size for entry in archive.infolist() if entry.filename.startswith("xl/worksheets/"))


def write_marked_copy(source: Path, issues: Sequence[Issue], target: Path) -> Path | None:
    """Write the marked copy of workbook ``source`` to ``target``; None if it cannot be opened,
    is refused by ``check_office_file`` (macros, zip bomb...: never opened) or is too large to
    load whole (``MAX_SHEETS_BYTES``, ``MAX_LOADED_CELLS``)."""
    try:
        check_office_file(source, "xlsx")
        extent = check_extent(source)
    except UnreadableInput:
        return None  # the explanation file says why; the file is never opened
    except (zipfile.BadZipFile, OSError):
        return None
    try:
        if _sheets_bytes(source) > MAX_SHEETS_BYTES or extent.whole_load_cells() > MAX_LOADED_CELLS:
            return None
        workbook = load_workbook(source, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError):
        return None  # unreadable: the explanation file alone says why
    _clear_old_marks(workbook)
    marked: dict[tuple[str, str], list[Issue]] = {}
    placed: dict[int, tuple[str, str]] = {}  # issue index -> (sheet, cell) where it is shown
    for index, issue in enumerate(issues):
        worksheet = _sheet_named(workbook, issue.sheet)
        if worksheet is not None and _valid_cell(issue.cell):
            where = (worksheet.title, _anchor(worksheet, issue.cell.upper()))
            marked.setdefault(where, []).append(issue)
            placed[index] = where
        elif worksheet is not None:
            placed[index] = (worksheet.title, f"A{issue.row}" if issue.row else "A1")
    for (title, reference), cell_issues in marked.items():
        cell = workbook[title][reference]
        cell.fill = PROBLEM_FILL
        text = "\n".join(" ".join(part for part in (item.message, item.fix) if part) for item in cell_issues)
        comment = Comment(text, AUTHOR)
        comment.width, comment.height = 320, 40 + 30 * len(cell_issues) + len(text) // 2
        cell.comment = comment
    summary = _write_summary(workbook, issues, placed)
    for worksheet in workbook.worksheets:
        print_on_a4(worksheet, header_rows=4 if worksheet is summary else 0)
    with atomic_output(target) as temp:
        workbook.save(temp)
    return target


def _link(cell, sheet: str, reference: str) -> None:
    """Make ``cell`` a link that opens ``reference`` of ``sheet`` in the same workbook."""
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(sheet)}!{reference}")
    cell.font = _LINK_FONT


def _write_summary(workbook, issues: Sequence[Issue], placed: dict[int, tuple[str, str]]):
    sheet = workbook.create_sheet(SHEET if SHEET not in workbook.sheetnames else f"{SHEET} (cddgen)", 0)
    write_cell(sheet["A1"], _TITLE)
    sheet["A1"].font = Font(bold=True, size=14)
    write_cell(
        sheet["A2"],
        "Corrija cada problema (las celdas con problemas están resaltadas en rojo y tienen un comentario), "
        "guarde el archivo y déjelo otra vez en la bandeja de entrada.",
    )
    for column, (header, width) in enumerate(zip(_HEADERS, _WIDTHS), start=1):
        cell = sheet.cell(row=4, column=column)
        write_cell(cell, header)
        cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
        sheet.column_dimensions[cell.column_letter].width = width
    for number, issue in enumerate(issues, start=1):
        where = placed.get(number - 1)
        shown_cell = issue.cell if where is not None and _valid_cell(issue.cell) else ""
        values = (number, issue.sheet or "", issue.row or "", issue.column or "", shown_cell, issue.message,
                  issue.fix or "")
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=4 + number, column=column)
            write_cell(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if where is not None:  # the row's «Celda» (or «Hoja» when no cell is known) opens the place
            _link(sheet.cell(row=4 + number, column=5 if shown_cell else 2), *where)
    for worksheet in workbook.worksheets:
        worksheet.sheet_view.tabSelected = False
    workbook.active = 0
    sheet.sheet_view.tabSelected = True
    return sheet
