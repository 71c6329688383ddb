"""Writing cells of every spreadsheet cddgen produces, so that data stays data.

A name such as ``=HYPERLINK("http://…")``, ``+cmd`` or ``@SUM(A1)`` typed by a user must
reach Excel or LibreOffice as text, never as a formula. Such values are stored as string
cells with the «quote prefix» flag (what Excel does when one types an apostrophe first):
the text is kept exactly, shown as typed, and stays text when the cell is edited.
"""

from __future__ import annotations

from typing import Any

# What makes Excel or LibreOffice read typed text as a formula (and CSV injection vectors).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def write_cell(cell, value: Any) -> None:
    """Set ``cell`` to ``value``; text that could run as a formula is stored as plain text."""
    cell.value = value
    if looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True


# Column widths (in characters of the default font) that fit across an A4 page at 100 %: in
# portrait ~ 90, in landscape ~ 130. Wider sheets print landscape, scaled to the page's width.
_PORTRAIT_WIDTH = 90
_DEFAULT_COLUMN_WIDTH = 8.43


def print_on_a4(worksheet, *, header_rows: int = 0) -> None:
    """Print ``worksheet`` on A4, one page wide (as many pages tall as it needs), landscape when
    its columns are wider than a portrait page; ``header_rows`` repeat on every page."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    dimensions = worksheet.column_dimensions
    width = 0.0
    for index in range(1, max(worksheet.max_column, 1) + 1):
        letter = get_column_letter(index)
        known = letter in dimensions and dimensions[letter].customWidth
        width += dimensions[letter].width if known else _DEFAULT_COLUMN_WIDTH
    setup = worksheet.page_setup
    setup.paperSize = worksheet.PAPERSIZE_A4
    setup.orientation = worksheet.ORIENTATION_LANDSCAPE if width > _PORTRAIT_WIDTH else worksheet.ORIENTATION_PORTRAIT
    setup.fitToWidth, setup.fitToHeight = 1, 0
    if worksheet.sheet_properties.pageSetUpPr is None:
        worksheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows:
        worksheet.print_title_rows = f"1:{header_rows}"
