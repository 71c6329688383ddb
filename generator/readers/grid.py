"""The cell values of a form workbook, sheet by sheet, as rows of plain Python values.

python-calamine (Rust) reads a sheet about ten times faster than openpyxl, which matters for
a DRE's thousands of postulantes (issue 8). It is used when it gives what openpyxl gives:

- calamine lays a sheet out densely, from A1 to its last cell with a value, before Python sees
  a row; a workbook with one value in A1 and another in XFD1048576 would ask for billions of
  cells and abort the process. Every worksheet's extent is measured from its XML first, and
  a workbook past ``DENSE_CELL_LIMIT`` is read by openpyxl, which streams;
- calamine reads a cell that shows an error (#N/A, #¡DIV/0!) as empty, where openpyxl keeps the
  error's text for the message the user needs; a workbook with error cells goes to openpyxl;
- a workbook or sheet calamine cannot read goes to openpyxl, whose failure, if it fails too,
  is the one reported.

Either way a value is None for an empty cell, a str, a bool, an int or float, or a
date / datetime / time / timedelta, and rows start at A1.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any, Iterator, Sequence

import python_calamine
from openpyxl import load_workbook

# Cells calamine may allocate for one sheet (≈ 32 bytes each in Rust, plus a Python object):
# 20 000 rows × 50 columns, far past any real form, well under any machine's memory.
DENSE_CELL_LIMIT = 1_000_000

# Exceptions a damaged workbook raises from the readers here (the caller turns them into a
# Spanish message).
READ_ERRORS: tuple[type[BaseException], ...] = (python_calamine.CalamineError,)

_CELL_REF = re.compile(rb' r="([A-Z]{1,3})([0-9]{1,7})"')
_ERROR_CELL = b't="e"'


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def calamine_can_read(path: Path) -> bool:
    """Whether every worksheet of ``path`` is small enough to lay out densely and has no error
    cells, judged from the XML without parsing it (a few hundredths of a second per MB)."""
    with zipfile.ZipFile(path) as archive:
        for entry in archive.infolist():
            if not entry.filename.lower().endswith(".xml"):
                continue
            data = archive.read(entry)
            if _ERROR_CELL in data:
                return False
            references = _CELL_REF.findall(data)
            # A cell without its own reference is placed after the previous one: its column
            # cannot be told without parsing, so such a sheet is left to openpyxl.
            if data.count(b"<c ") + data.count(b"<c>") + data.count(b":c ") > len(references):
                return False
            if not references:
                continue
            rows = max(map(int, (row for _, row in references)))
            columns = max(map(_column_number, {letters for letters, _ in references}))
            if rows * columns > DENSE_CELL_LIMIT:
                return False
    return True


class WorkbookCells:
    """Rows of values of a workbook's sheets; ``engine`` is "calamine" or "openpyxl"."""

    def __init__(self, path: str | Path, *, engine: str | None = None):
        self.path = Path(path)
        self._openpyxl = None
        self._calamine = None
        if engine is None:
            engine = "calamine" if calamine_can_read(self.path) else "openpyxl"
        if engine == "calamine":
            try:
                self._calamine = python_calamine.CalamineWorkbook.from_path(str(self.path))
            except python_calamine.CalamineError:
                engine = "openpyxl"
        self.engine = engine
        if engine == "openpyxl":
            self.openpyxl_workbook()

    @property
    def sheetnames(self) -> list[str]:
        if self._calamine is not None:
            return list(self._calamine.sheet_names)
        return list(self.openpyxl_workbook().sheetnames)

    def openpyxl_workbook(self):
        """The workbook opened by openpyxl (read-only, stored values): for what calamine does
        not give, such as formulas and merged cells. Opened on first use."""
        if self._openpyxl is None:
            self._openpyxl = load_workbook(self.path, read_only=True, data_only=True)
        return self._openpyxl

    def rows(self, sheet: str, *, max_row: int | None = None, max_col: int | None = None) -> Iterator[Sequence[Any]]:
        """The rows of ``sheet`` from row 1, each a sequence of values from column A."""
        if self._calamine is not None:
            try:
                grid = self._calamine.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            except python_calamine.CalamineError:
                grid = None  # openpyxl has the last word: it reads the sheet, or its error is reported
            if grid is not None:
                for row in grid[:max_row]:
                    yield tuple(None if value == "" else value for value in row[:max_col])
                return
        worksheet = self.openpyxl_workbook()[sheet]
        # The <dimension> a workbook declares may be smaller than its data (some generators
        # write «A1»); read-only openpyxl would stop there, calamine does not.
        worksheet.reset_dimensions()
        yield from worksheet.iter_rows(max_row=max_row, max_col=max_col, values_only=True)

    def close(self) -> None:
        if self._calamine is not None:
            self._calamine.close()
        if self._openpyxl is not None:
            self._openpyxl.close()
