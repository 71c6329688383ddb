"""The cell values of a form workbook, sheet by sheet, as rows of plain Python values.

python-calamine (Rust) reads a sheet about ten times faster than openpyxl, which matters for
a DRE's thousands of postulantes (issue 8). It is used when it gives what openpyxl gives:

- calamine lays a sheet out densely, from A1 to its last cell with a value, before Python sees
  a row; a workbook with one value in A1 and another in XFD1048576 would ask for billions of
  cells and abort the process. Every worksheet's extent is measured from its XML first
  (``scan_workbook``), and a workbook past ``DENSE_CELL_LIMIT`` is read by openpyxl, which
  streams;
- calamine reads a cell that shows an error (#N/A, #¡DIV/0!) as empty, where openpyxl keeps the
  error's text for the message the user needs; a workbook with error cells goes to openpyxl;
- a workbook or sheet calamine cannot read goes to openpyxl, whose failure, if it fails too,
  is the one reported.

Whatever the engine, a workbook is refused (UnreadableInput) when one of its parts stores more
than ``MAX_SHEET_CELLS`` cells or more rows than Excel has: a 19 KB file can hold millions
of them, and no form does. openpyxl never yields rows past Excel's last one.

Either way a value is None for an empty cell, a str, a bool, an int or float, or a
date / datetime / time / timedelta, and rows start at A1.
"""

from __future__ import annotations

import functools
import itertools
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence
from xml.sax.saxutils import unescape

import python_calamine
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from ..errors import UnreadableInput

# Cells calamine may allocate for one sheet (≈ 32 bytes each in Rust, plus a Python object):
# 20 000 rows × 50 columns, far past any real form, well under any machine's memory.
DENSE_CELL_LIMIT = 1_000_000
# Cells one worksheet may store (documented in the README, «Seguridad»): 20 000 rows (the
# readers' limit) of 50 columns. A part with more is refused before any parser reads it.
MAX_SHEET_CELLS = 1_000_000
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
# Merged ranges counted one by one for the cells they cover (a marked copy loads them all);
# past this many the count is only known to be too large.
_MAX_RANGES_COUNTED = 100_000

# Exceptions a damaged workbook raises from the readers here (the caller turns them into a
# Spanish message).
READ_ERRORS: tuple[type[BaseException], ...] = (python_calamine.CalamineError,)

# The XML is scanned with regular expressions, in blocks, without parsing it: a few hundredths
# of a second per MB. Each pattern matches whole attributes (a value may hold «>» or « r=»),
# any namespace prefix and either quote, so that no cell escapes the count.
_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
_ATTRIBUTE = rb"""[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*')"""
_OTHER_ATTRIBUTES = rb"(?:\s+(?!r\s*=)" + _ATTRIBUTE + rb")*"


def _tag(name: bytes) -> re.Pattern[bytes]:
    return re.compile(_PREFIX + name + rb"(?=[\s/>])")


def _with_r(name: bytes, value: bytes) -> re.Pattern[bytes]:
    """``<name … r="value"``: the first r attribute of a ``name`` element."""
    return re.compile(_PREFIX + name + _OTHER_ATTRIBUTES + rb"\s+r\s*=\s*(?:" + value + rb")")


_CELL = _tag(b"c")
_CELL_ANY_R = _with_r(b"c", rb"""["']""")
_CELL_REFERENCE = _with_r(b"c", rb""""([A-Za-z]{1,3})([0-9]{1,7})"|'([A-Za-z]{1,3})([0-9]{1,7})'""")
_CELL_TWO_R = re.compile(_PREFIX + rb"c" + _OTHER_ATTRIBUTES + rb"\s+r\s*=\s*(?:\"[^\"]*\"|'[^']*')"
                         + _OTHER_ATTRIBUTES + rb"\s+r\s*=")
_ROW = _tag(b"row")
_ROW_ANY_R = _with_r(b"row", rb"""["']""")
_ROW_REFERENCE = _with_r(b"row", rb""""([0-9]{1,7})"|'([0-9]{1,7})'""")
# The fast count's pattern, and what sends a block to the general patterns above: a namespace
# prefix, a tag name or an r attribute followed by another white space than a blank.
_EXCEL_CELL_REFERENCE = re.compile(rb'<c r="([A-Za-z]{1,3})([0-9]{1,7})"')
_ODD = (b":c", b":row", b"<c\t", b"<c\n", b"<c\r", b"<row\t", b"<row\n", b"<row\r", b"\tr=", b"\nr=",
        b"\rr=", b"r =", b"r\t=", b"r\n=", b"r\r=")
_RANGE = re.compile(_PREFIX + rb"(?:mergeCell|hyperlink)(?:\s+(?!ref\s*=)" + _ATTRIBUTE
                    + rb""")*\s+ref\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_BLOCK = 4 << 20


@dataclass
class PartExtent:
    """What a part of the workbook stores, counted from its XML (worksheets; other parts give 0)."""

    name: str
    cells: int = 0
    referenced: int = 0  # cells whose own reference (r="B7") was read
    rows: int = 0
    max_row: int = 0  # from the references of cells and rows
    max_column: int = 0
    unclear: bool = False  # a reference that cannot be read, or two on one cell
    errors: bool = False  # cells showing an error (#N/A…)
    ranges: int = 0  # merged ranges and hyperlinks over ranges
    covered: int = 0  # cells those ranges cover (openpyxl makes each one when it loads the sheet)

    @property
    def dense_cells(self) -> int:
        return self.max_row * self.max_column

    def add(self, data: bytes) -> None:
        """Count a block of the part's XML (cut between two tags)."""
        if not self._add_as_excel_writes(data):
            self._add_any(data)
        if not self.errors and (b't="e"' in data or b"t='e'" in data):
            self.errors = True
        if b"mergeCell" in data or b"hyperlink" in data:
            for first, second in _RANGE.findall(data):
                self.ranges += 1
                if self.ranges > _MAX_RANGES_COUNTED:
                    self.covered = EXCEL_MAX_ROWS * EXCEL_MAX_COLUMNS
                    continue
                self.covered += _covered(first or second)

    def _add_as_excel_writes(self, data: bytes) -> bool:
        """The fast count, for XML as Excel, LibreOffice and openpyxl write it: no namespace
        prefix, every cell's reference first (``<c r="B7"``) and no other r attribute
        anywhere. False, and nothing counted, for anything else."""
        if any(odd in data for odd in _ODD):
            return False
        cells = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/")
        references = _EXCEL_CELL_REFERENCE.findall(data)
        row_references = data.count(b'<row r="')
        if len(references) != cells or data.count(b" r=") != cells + row_references:
            return False
        self.cells += cells
        self.referenced += cells
        self.rows += data.count(b"<row ") + data.count(b"<row>") + data.count(b"<row/")
        self._extend(references)
        return True

    def _add_any(self, data: bytes) -> None:
        self.cells += len(_CELL.findall(data))
        self.rows += len(_ROW.findall(data))
        references = [(a or c, b or d) for a, b, c, d in _CELL_REFERENCE.findall(data)]
        self.referenced += len(references)
        if len(_CELL_ANY_R.findall(data)) != len(references) or _CELL_TWO_R.search(data):
            self.unclear = True
        self._extend(references)
        if len(_ROW_ANY_R.findall(data)) != len(_ROW_REFERENCE.findall(data)):
            self.unclear = True

    def _extend(self, references: list[tuple[bytes, bytes]]) -> None:
        if references:
            self.max_column = max(self.max_column, max(map(_column_number, {letters for letters, _ in references})))
            self.max_row = max(self.max_row, max(map(int, [number for _, number in references])))


def _covered(reference: bytes) -> int:
    total = 0
    for part in reference.decode("ascii", "replace").split():
        if ":" not in part:
            continue
        try:
            min_col, min_row, max_col, max_row = range_boundaries(part)
        except (ValueError, TypeError):
            continue  # not a range openpyxl can read either: it refuses the workbook
        if None in (min_col, min_row, max_col, max_row):
            total += EXCEL_MAX_ROWS * EXCEL_MAX_COLUMNS  # a whole column or row
        else:
            total += (max_col - min_col + 1) * (max_row - min_row + 1)
    return total


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


@dataclass(frozen=True)
class WorkbookExtent:
    parts: tuple[PartExtent, ...]

    @property
    def cells(self) -> int:
        return sum(part.cells for part in self.parts)

    @property
    def dense_readable(self) -> bool:
        """Whether calamine may lay every part out densely: each cell's place is known from
        its own reference, the rectangle is small, and no cell shows an error."""
        return all(
            part.referenced == part.cells and not part.unclear and not part.errors
            and part.cells <= DENSE_CELL_LIMIT and part.dense_cells <= DENSE_CELL_LIMIT
            for part in self.parts
        )

    def whole_load_cells(self) -> int:
        """Cells (and rows) openpyxl creates to load the whole workbook for editing."""
        return sum(part.cells + part.rows + part.covered for part in self.parts)


def scan_workbook(path: str | Path) -> WorkbookExtent:
    """Count what every part of the workbook at ``path`` stores, reading its XML in blocks
    (memory bounded by the block size, whatever the part's size)."""
    path = Path(path)
    info = path.stat()
    return _scan(str(path), info.st_size, info.st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _scan(path: str, size: int, mtime: int) -> WorkbookExtent:
    del size, mtime  # part of the cache key: a changed file is scanned again
    parts = []
    with zipfile.ZipFile(path) as archive:
        for entry in archive.infolist():
            if entry.is_dir():
                continue
            part = PartExtent(entry.filename)
            with archive.open(entry) as stream:
                carry = b""
                while True:
                    block = stream.read(_BLOCK)
                    data = carry + block
                    cut = data.rfind(b"<") if block else len(data)
                    if cut <= 0 and block:
                        carry = data  # one tag longer than a block: read on
                        continue
                    data, carry = data[:cut], data[cut:]
                    part.add(data)
                    if not block:
                        break
            if part.cells or part.rows or part.ranges:
                parts.append(part)
    return WorkbookExtent(tuple(parts))


def check_extent(path: str | Path, extent: WorkbookExtent | None = None) -> WorkbookExtent:
    """The workbook's extent; UnreadableInput when a sheet stores more cells than
    ``MAX_SHEET_CELLS``, more rows than Excel, or references no program writes."""
    path = Path(path)
    extent = extent or scan_workbook(path)
    for part in extent.parts:
        where = _sheet_title(path, part.name)
        if part.cells > MAX_SHEET_CELLS:
            raise UnreadableInput(
                f"{path.name}: {where} guarda {_thousands(part.cells)} celdas; cddgen lee como máximo "
                f"{_thousands(MAX_SHEET_CELLS)} por hoja.",
                fix="Deje en el formulario solo sus datos (copie las filas con datos a un formulario en blanco "
                    "de «cddgen forms»), o divídalos en varios formularios.",
                file=path,
            )
        if part.max_row > EXCEL_MAX_ROWS or part.max_column > EXCEL_MAX_COLUMNS or part.rows > EXCEL_MAX_ROWS:
            raise UnreadableInput(
                f"{path.name}: {where} tiene celdas o filas fuera de los límites de Excel "
                f"({_thousands(EXCEL_MAX_ROWS)} filas y {_thousands(EXCEL_MAX_COLUMNS)} columnas).",
                fix="Ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx.",
                file=path,
            )
    return extent


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _sheet_title(path: Path, part: str) -> str:
    """«la hoja «Integrantes»» for a worksheet part, from workbook.xml and its relationships
    (read only to name the sheet in a message); «una de sus hojas» when they do not say."""
    try:
        with zipfile.ZipFile(path) as archive:
            rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
            workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile):
        return "una de sus hojas"
    target = part.removeprefix("xl/")
    rel = re.search(r'<Relationship\b[^>]*Id="([^"]+)"[^>]*Target="/?(?:xl/)?' + re.escape(target) + '"', rels) or \
        re.search(r'<Relationship\b[^>]*Target="/?(?:xl/)?' + re.escape(target) + r'"[^>]*Id="([^"]+)"', rels)
    if rel is None:
        return "una de sus hojas"
    sheet = re.search(r'<sheet\b[^>]*name="([^"]*)"[^>]*r:id="' + re.escape(rel.group(1)) + '"', workbook)
    if sheet is None:
        return "una de sus hojas"
    return f"la hoja «{unescape(sheet.group(1), {'&quot;': chr(34), '&apos;': chr(39)})}»"


def calamine_can_read(path: Path) -> bool:
    """Whether every worksheet of ``path`` is small enough to lay out densely and has no error
    cells, judged from the XML without parsing it."""
    return scan_workbook(path).dense_readable


class WorkbookCells:
    """Rows of values of a workbook's sheets; ``engine`` is "calamine" or "openpyxl" (calamine
    only where ``scan_workbook`` finds it safe)."""

    def __init__(self, path: str | Path, *, engine: str | None = None):
        self.path = Path(path)
        self._openpyxl = None
        self._calamine = None
        extent = check_extent(self.path)
        if engine is None or not extent.dense_readable:
            # Never calamine for a sheet it would lay out past its limit, whoever asks.
            engine = "calamine" if extent.dense_readable else "openpyxl"
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
        # Rows past Excel's last one: a reference such as r="99999999" would make openpyxl
        # yield every empty row before it.
        last = min(max_row or EXCEL_MAX_ROWS, EXCEL_MAX_ROWS)
        yield from itertools.islice(worksheet.iter_rows(max_row=max_row, max_col=max_col, values_only=True), last)

    def close(self) -> None:
        if self._calamine is not None:
            self._calamine.close()
        if self._openpyxl is not None:
            self._openpyxl.close()
