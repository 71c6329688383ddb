"""Filling the blank Word ficha CAP the way a specialist does, for the tests.

Independent of the reader: rows are found by what a person sees (the block's title row,
the item number in the first cell) and text is typed into cells with python-docx.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Mapping

from docx import Document

from generator.domain.cap import Catalogue
from generator.pipeline.cap import write_forms

VALID_DATA = {
    "Código local": "0437889",
    "Nombre del CETPRO": "CETPRO PROMAE RIMAC",
    "UGEL": "UGEL 02",
    "Nombre del director(a) del CETPRO": "Carmen Rosa Villanueva Ñahui",
}


def blank_ficha(settings, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return next(path for path in write_forms(settings, folder) if path.suffix == ".docx")


def distinct(row):
    cells = []
    for cell in row.cells:
        if not cells or cells[-1]._tc is not cell._tc:
            cells.append(cell)
    return cells


def type_into(cell, text: str) -> None:
    """Replace what the cell shows with ``text`` (in its first paragraph)."""
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.add_run(text)


def item_rows(document, catalogue: Catalogue) -> dict[tuple[str, str], list]:
    """(block key, item id) → the row's cells, found as a person reads the tables."""
    titles = [(f"{block.number}. {block.title}", block) for block in catalogue.blocks]
    rows = {}
    for table in document.tables:
        block = None
        for row in table.rows:
            cells = distinct(row)
            text = cells[0].text.strip()
            if len(cells) == 1:
                block = next((b for title, b in titles if text.startswith(title)), block)
            elif block is not None and text.rstrip(".") in {item.id for item in block.items}:
                rows[(block.key, text.rstrip("."))] = cells
    return rows


def label_cell(document, label: str, *, below: bool = False):
    """The cell to the right of (or under) the cell reading ``label``."""
    for table in document.tables:
        for r, row in enumerate(table.rows):
            cells = distinct(row)
            for c, cell in enumerate(cells):
                if cell.text.strip() == label:
                    if not below:
                        return cells[c + 1]
                    column = next(i for i, other in enumerate(row.cells) if other._tc is cell._tc)
                    return table.rows[r + 1].cells[column]
    raise KeyError(label)


def fill_ficha(blank: Path, target: Path, rules, marks: Mapping[tuple[str, str], object], *,
               mark: str = "X", data: Mapping[str, str] | None = None, fecha: dt.date = dt.date(2026, 5, 14),
               cycles=("Auxiliar técnico / Básico",), shifts=("M",), specialist: str = "Jorge Luis Paredes Quispe",
               extra: Mapping[tuple[str, str], Mapping[int, str]] | None = None) -> Path:
    """Open the blank ficha, type the data and an X (``mark``) per item, save as ``target``.

    ``marks`` maps an item to its value (0–3), or to None to leave it unmarked; ``extra``
    types more text into value cells: {item: {column value: text}}.
    """
    document = Document(str(blank))
    catalogue = rules.catalogue()
    for label, value in {**VALID_DATA, **(data or {})}.items():
        type_into(label_cell(document, label), value)
    if fecha:
        for label, value in zip(("Día", "Mes", "Año"), (str(fecha.day), str(fecha.month), str(fecha.year))):
            type_into(label_cell(document, label, below=True), value)
    for label in (*cycles, *shifts):
        type_into(label_cell(document, label), mark)
    type_into(label_cell(document, "Nombre del especialista"), specialist)
    rows = item_rows(document, catalogue)
    for key, value in marks.items():
        if value is not None:
            type_into(rows[key][2 + int(value)], mark)
    for key, cells in (extra or {}).items():
        for value, text in cells.items():
            type_into(rows[key][2 + value], text)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


def all_marks(catalogue: Catalogue, pattern=(0, 1, 2, 3, 2, 1, 3)) -> dict[tuple[str, str], int]:
    """A value for every item, cycling through ``pattern``."""
    return {item.key: pattern[index % len(pattern)] for index, item in enumerate(catalogue.items)}


def libreoffice_roundtrip(path: Path, folder: Path) -> Path:
    """Open and save ``path`` as .docx with LibreOffice, as a user saving in Writer does."""
    folder.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    with tempfile.TemporaryDirectory(prefix="cddgen-test-lo-") as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder), str(path)],
            check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": profile},
        )
    return folder / path.name
