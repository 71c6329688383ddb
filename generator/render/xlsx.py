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
