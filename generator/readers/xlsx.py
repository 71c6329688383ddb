"""Read a filled form workbook against its FormSpec, collecting every problem at once.

Columns are found by their header (order does not matter), each value is parsed by the
kind its column declares, and every problem becomes an Issue naming file, sheet, row and
column, in Spanish, with the fix. Nothing here knows the rules of a family: the family
reader turns the parsed records into domain objects.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from defusedxml import DefusedXmlException

from openpyxl.utils import get_column_letter

from ..domain.common import Problem
from ..errors import InvalidInput, Issue, UnreadableInput
from ..forms.spec import (
    INSTRUCTIONS_SHEET, LISTS_SHEET, MARKER_SHEET, YES_NO_CHOICES, Column, FormSpec, SheetSpec,
    normalize_label,
)
from ..wording import join
from .cell_values import InvalidCell, is_empty, parse_cell, shown
from .grid import READ_ERRORS, WorkbookCells
from .hidden_cells import HiddenValues
from .safety import check_office_file, unreadable

MAX_ROWS_DEFAULT = 20000
# Problems listed for one workbook. Past this many they share a cause (a sheet pasted out of
# place, thousands of stray rows): the rest are counted, and the explanation, the marked
# copy and the memory they take stay small.
MAX_ISSUES = 500


@dataclass
class Record:
    """One record of a sheet: parsed values by field name, and where each came from."""

    sheet: str
    row: int
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.values.get(name)


class FormReader:
    """Opens one form workbook and reads its sheets; problems accumulate in ``issues``."""

    def __init__(self, path: str | Path, spec: FormSpec, *, max_rows: int = MAX_ROWS_DEFAULT,
                 engine: str | None = None):
        self.path = Path(path)
        self.spec = spec
        self.max_rows = max_rows
        self.issues: list[Issue] = []
        self.omitted = 0  # problems found past MAX_ISSUES
        self._records: dict[tuple[str, int], Record] = {}
        self._sheet_names: dict[str, str] = {}  # sheet spec name -> the workbook's name for it
        self._hidden: dict[str, HiddenValues] = {}  # sheet spec name -> what reads as empty and why
        # Sheets that could not be read at all (missing, or a required column missing): a family
        # reader does not check other sheets against them (no cascade of «no corresponde»).
        self.unread_sheets: set[str] = set()
        self._about: dict[int, str] = {}  # id of an issue about a sheet it cannot be located in -> the sheet
        # Optional columns a read sheet lacks (sheet spec name -> fields): an older form version.
        self.absent: dict[str, tuple[str, ...]] = {}
        check_office_file(self.path, "xlsx")
        with self._unreadable_as_error():
            self.cells = WorkbookCells(self.path, engine=engine)
            self._check_marker()

    @contextlib.contextmanager
    def _unreadable_as_error(self) -> Iterator[None]:
        """Parser failures (corrupt XML, forbidden entities) become a Spanish UnreadableInput.

        openpyxl reads sheets lazily in read-only mode, so this guards every read, not
        only the opening.
        """
        try:
            yield
        except UnreadableInput:
            raise
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError,
                DefusedXmlException, SyntaxError, *READ_ERRORS):  # SyntaxError: ElementTree's and lxml's
            raise unreadable(self.path, "xlsx") from None

    def close(self) -> None:
        self.cells.close()

    def __enter__(self) -> "FormReader":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _check_marker(self) -> None:
        rows = marker_of(self.cells) or {}
        kind = rows.get("cddgen")
        if kind and kind != self.spec.kind:
            raise UnreadableInput(
                f"{self.path.name}: es el formulario «{rows.get('formulario', kind)}», "
                f"no el de «{self.spec.title}».",
                fix="Use el comando que corresponde a este formulario.",
                file=self.path,
            )

    def add(self, message: str, *, sheet: str | None = None, row: int | None = None,
            column: str | None = None, fix: str | None = None, cell: str | None = None) -> None:
        if len(self.issues) >= MAX_ISSUES:
            self.omitted += 1
            return
        self.issues.append(
            Issue(message=message, file=str(self.path), sheet=sheet, row=row, column=column, fix=fix, cell=cell)
        )

    def _sheet(self, spec: SheetSpec) -> str | None:
        """The workbook's name for the sheet of ``spec`` (accents and case aside), or None."""
        found = self._find_sheet(spec)
        if found is not None:
            self._sheet_names[spec.name] = found
            return found
        self.unread_sheets.add(spec.name)
        renamed = self._renamed_sheet(spec)
        if renamed is not None:  # explained once, required or not: its data would be lost silently
            listed = len(self.issues)
            self.add(f"falta la hoja «{spec.name}»: la hoja «{renamed}» tiene sus encabezados.",
                     fix=f"Vuelva a llamarla «{spec.name}» (cddgen busca cada hoja por su nombre).")
            for issue in self.issues[listed:]:
                self._about[id(issue)] = spec.name
        elif spec.required:
            shown = [name for name in self.cells.sheetnames if name not in (MARKER_SHEET, LISTS_SHEET)]
            self.add(
                f"falta la hoja «{spec.name}».",
                fix=f"El libro tiene {_listed(shown, 'la hoja', 'las hojas')}. Use el formulario generado por "
                    "«cddgen forms» sin cambiar los nombres de las hojas.",
            )
        return None

    def _find_sheet(self, spec: SheetSpec) -> str | None:
        names = self.cells.sheetnames
        wanted = normalize_label(spec.name)
        return spec.name if spec.name in names else next((n for n in names if normalize_label(n) == wanted), None)

    def _renamed_sheet(self, spec: SheetSpec) -> str | None:
        """A sheet of no known name that carries the headers (or labels) of ``spec``: the same
        sheet, renamed."""
        known = {normalize_label(sheet.name) for sheet in self.spec.sheets}
        known |= {normalize_label(name) for name in (MARKER_SHEET, LISTS_SHEET, INSTRUCTIONS_SHEET, "Observaciones")}
        labels = {normalize_label(column.header) for column in spec.columns}
        needed = max(1, (len(labels) + 1) // 2)
        for name in self.cells.sheetnames:
            if normalize_label(name) in known:
                continue
            first_rows = list(self.cells.rows(name, max_row=_HEADER_SEARCH_ROWS if spec.layout == "table" else 200))
            if spec.layout == "table":
                found = max((_known_count(row, labels) for row in first_rows), default=0)
            else:
                found = _known_count([row[0] for row in first_rows if row], labels)
            if found >= needed:
                return name
        return None

    def _parse(self, record: Record, column: Column, value: Any, cell: str) -> None:
        record.cells[column.field] = cell
        if is_empty(value):
            record.values[column.field] = None
            if column.required:
                why = self._hidden_values(record.sheet).why(cell)
                self.add(
                    why[0] if why else "está vacía.",
                    sheet=record.sheet, row=record.row, column=column.header, cell=cell,
                    fix=why[1] if why else f"Complete el dato: {column.help or column.format_help()}",
                )
            return
        try:
            record.values[column.field] = parse_cell(value, column)
        except InvalidCell as problem:
            record.values[column.field] = None
            self.add(problem.message, sheet=record.sheet, row=record.row, column=column.header,
                     fix=problem.fix, cell=cell)

    def _hidden_values(self, sheet: str) -> "HiddenValues":
        """Why cells of ``sheet`` read as empty although the user sees something there. Read
        from the sheet's XML once, and only for a sheet with a required cell read as empty."""
        if sheet not in self._hidden:
            name = self._sheet_names.get(sheet)
            self._hidden[sheet] = (HiddenValues.of(self.cells.openpyxl_workbook()[name]) if name is not None
                                   else HiddenValues())
        return self._hidden[sheet]

    def table(self, name: str) -> list[Record]:
        """The records of a table sheet; empty rows are skipped."""
        with self._unreadable_as_error():
            return self._table(name)

    def _table(self, name: str) -> list[Record]:
        spec = self.spec.sheet(name)
        sheet = self._sheet(spec)
        if sheet is None:
            return []
        header_row, header, rows = _header(spec, self.cells.rows(sheet))
        positions: dict[str, int] = {}
        by_label = {normalize_label(column.header): column for column in spec.columns}
        for index, title in enumerate(header):
            column = by_label.get(_header_label(title))
            if column is None:
                continue
            if column.field in positions:
                self.add(f"la columna «{column.header}» aparece dos veces.", sheet=spec.name, row=header_row,
                         fix="Deje una sola columna con ese encabezado.")
            positions[column.field] = index
        missing = [c for c in spec.columns if c.field not in positions and c.required]
        self.absent[spec.name] = tuple(c.field for c in spec.columns if c.field not in positions and not c.required)
        if missing:
            self.unread_sheets.add(spec.name)
            self._explain_missing_columns(spec, missing, header, header_row)
            return []
        records: list[Record] = []
        for row_number, row in enumerate(rows, start=header_row + 1):
            values = {f: (row[i] if i < len(row) else None) for f, i in positions.items()}
            if all(is_empty(v) for v in values.values()):
                continue
            if len(records) >= self.max_rows:
                self.add(
                    f"tiene más de {self.max_rows} filas con datos; cddgen procesa como máximo {self.max_rows}.",
                    sheet=spec.name, fix="Divida los datos en varios formularios.",
                )
                break
            record = Record(sheet=spec.name, row=row_number)
            for column in spec.columns:
                if column.field in positions:
                    cell = f"{get_column_letter(positions[column.field] + 1)}{row_number}"
                    self._parse(record, column, values[column.field], cell)
                else:
                    record.values[column.field] = None
            records.append(record)
            self._records[(record.sheet, record.row)] = record
        return records

    def _explain_missing_columns(self, spec: SheetSpec, missing: list[Column], header: tuple,
                                 header_row: int) -> None:
        """One issue for the sheet, naming what its header row has instead of the missing columns
        (a renamed header) or, when nothing is there, where the column went."""
        names = _listed([column.header for column in missing], "la columna", "las columnas")
        labels = {normalize_label(column.header) for column in spec.columns}
        strangers = [f"«{shown(title)}» (columna {get_column_letter(index + 1)})"
                     for index, title in enumerate(header)
                     if not is_empty(title) and _header_label(title) not in labels]
        restore = ("restaure la columna tal como está" if len(missing) == 1 else
                   "restaure las columnas tal como están") + " en el formulario en blanco"
        if strangers:
            fix = (f"En la fila {header_row} hay encabezados que el formulario no tiene: {', '.join(strangers[:6])}"
                   f"{', …' if len(strangers) > 6 else ''}. Si es uno de ellos, devuélvale su nombre; si no, {restore}.")
        else:
            order = [column.header for column in spec.columns]
            where = []
            for column in missing:
                index = order.index(column.header)
                before = order[index - 1] if index else None
                after = order[index + 1] if index + 1 < len(order) else None
                where.append(f"«{column.header}» iba " + (f"entre «{before}» y «{after}»" if before and after
                                                         else f"después de «{before}»" if before
                                                         else f"antes de «{after}»"))
            fix = f"La fila {header_row} no tiene otros encabezados en su lugar; {restore} ({'; '.join(where)})."
        verb = "falta" if len(missing) == 1 else "faltan"
        self.add(f"{verb} {names}.", sheet=spec.name, row=header_row, fix=fix)

    def fields(self, name: str) -> Record | None:
        """The single record of a label/value sheet (labels in column A, values in column B)."""
        with self._unreadable_as_error():
            return self._fields(name)

    def _fields(self, name: str) -> Record | None:
        spec = self.spec.sheet(name)
        sheet = self._sheet(spec)
        if sheet is None:
            return None
        by_label = {normalize_label(column.header): column for column in spec.columns}
        found: dict[str, tuple[int, Any]] = {}
        for row_number, row in enumerate(self.cells.rows(sheet, max_col=2), start=1):
            if not row or row[0] is None:
                continue
            column = by_label.get(normalize_label(str(row[0]).rstrip(" *")))
            if column is not None and column.field not in found:
                found[column.field] = (row_number, row[1] if len(row) > 1 else None)
            if row_number > 500:
                break
        record = Record(sheet=spec.name, row=0)
        for column in spec.columns:
            if column.field not in found:
                record.values[column.field] = None
                if column.required:
                    self.add(f"falta la fila «{column.header}».", sheet=spec.name,
                             fix="Restaure la fila tal como está en el formulario en blanco.")
                continue
            row_number, value = found[column.field]
            # A label/value sheet reports its rows one by one.
            row_record = Record(sheet=spec.name, row=row_number)
            self._parse(row_record, column, value, f"B{row_number}")
            record.values[column.field] = row_record.values[column.field]
            record.cells[column.field] = f"B{row_number}"
        self._records[(record.sheet, record.row)] = record
        return record

    def add_for(self, record: Record, field_name: str, message: str, fix: str | None = None) -> None:
        """An issue about one value of a record, located at its cell."""
        spec = self.spec.sheet(record.sheet)
        column = spec.column(field_name)
        cell = record.cells.get(field_name)
        row = int(re.sub(r"\D", "", cell)) if cell else record.row
        self.add(message, sheet=record.sheet, row=row, column=column.header, fix=fix, cell=cell)


    def add_problem(self, problem: Problem) -> None:
        """A broken domain rule, located at the cell of the record and field it concerns."""
        source = problem.source
        record = self._records.get((source.sheet, source.row)) if source else None
        if record is not None and problem.field and problem.field in record.cells:
            self.add_for(record, problem.field, problem.message, problem.fix)
        elif source is not None:
            self.add(problem.message, sheet=source.sheet, row=source.row or None, fix=problem.fix)
        else:
            self.add(problem.message, fix=problem.fix)

    def set_aside_later(self) -> list[str]:
        """Take out the issues of sheets that only a later document needs (``SheetSpec.needed_by``)
        and return them as warnings that name that document; the form is then judged without them."""
        later = {sheet.name: sheet.needed_by for sheet in self.spec.sheets if sheet.needed_by}
        about = {id(issue): self._about.get(id(issue), issue.sheet) for issue in self.issues}
        aside = [issue for issue in self.issues if about[id(issue)] in later]
        self.issues = [issue for issue in self.issues if about[id(issue)] not in later]
        return [f"{issue} (La hoja «{about[id(issue)]}» la necesita {later[about[id(issue)]]}: corríjala antes de "
                "generarlo.)" for issue in aside]

    def raise_if_issues(self) -> None:
        if self.issues:
            if self.is_blank():  # one sentence instead of every empty cell of the form
                raise InvalidInput([Issue(
                    message="el formulario está en blanco: ninguna hoja tiene datos.",
                    file=str(self.path),
                    fix="Llene los datos (las columnas con * son obligatorias; la hoja «Instrucciones» explica "
                        "cada una), guarde el archivo y vuelva a dejarlo.",
                )], file=self.path)
            issues = list(self.issues)
            if self.omitted:
                issues.append(Issue(
                    message=f"hay {self.omitted} problemas más que no se listan (se muestran los primeros "
                            f"{MAX_ISSUES}).",
                    file=str(self.path),
                    fix="Corrija los problemas listados (suelen tener la misma causa, como filas pegadas fuera de "
                        "lugar) y vuelva a dejar el formulario.",
                ))
            raise InvalidInput(issues, file=self.path, total=len(self.issues) + self.omitted)

    def is_blank(self) -> bool:
        """Whether no sheet of the form holds anything beyond what the blank form already has
        (headers, labels, the pre-filled rows such as the committee's roles)."""
        with self._unreadable_as_error():
            present = [(sheet, name) for sheet in self.spec.sheets if (name := self._find_sheet(sheet)) is not None]
            return bool(present) and not any(self._has_data(sheet, name) for sheet, name in present)

    def _has_data(self, spec: SheetSpec, name: str) -> bool:
        labels = {normalize_label(column.header) for column in spec.columns}
        if spec.layout == "fields":
            return any(len(row) > 1 and not is_empty(row[1]) and _header_label(row[0]) in labels
                       for row in self.cells.rows(name, max_row=500, max_col=2) if row)
        _, header, rows = _header(spec, self.cells.rows(name))
        preset = {value for row in spec.preset_rows for value in row if value is not None}
        known = [index for index, title in enumerate(header) if _header_label(title) in labels]
        return any(not is_empty(row[index]) and row[index] not in preset
                   for row in rows for index in known if index < len(row))


# How far down a title row (or several) may push the header row of a table sheet.
_HEADER_SEARCH_ROWS = 10


def _header_label(title: Any) -> str:
    return normalize_label(str(title or "").rstrip(" *"))


def _known_count(cells: Iterable[Any], labels: set[str]) -> int:
    return sum(1 for title in cells if not is_empty(title) and _header_label(title) in labels)


def _header(spec: SheetSpec, rows: Iterator[tuple]) -> tuple[int, tuple, Iterator[tuple]]:
    """(row number, cells, the rows after it) of a table sheet's header: the row among the first
    ones with the most of the sheet's headers, so a title row inserted above it is read right.
    With none of them anywhere, row 1 (and its problems are explained from there)."""
    labels = {normalize_label(column.header) for column in spec.columns}
    looked: list[tuple] = []
    for row in rows:
        looked.append(row)
        if len(looked) >= _HEADER_SEARCH_ROWS:
            break
    counts = [_known_count(row, labels) for row in looked]
    best = max(range(len(counts)), key=lambda index: (counts[index], -index), default=0)
    if not counts or counts[best] == 0:
        best = 0
    header = looked[best] if looked else ()
    return best + 1, header, itertools.chain(looked[best + 1:], rows)


def _listed(names: list[str], one: str, many: str) -> str:
    """«la hoja «A»», «las hojas «A», «B» y «C»»."""
    return f"{one if len(names) == 1 else many} {join(f'«{name}»' for name in names)}"


def marker_of(cells: WorkbookCells) -> dict[str, Any] | None:
    """The cddgen marker of a workbook (kind, version, title), or None for a foreign workbook."""
    if MARKER_SHEET not in cells.sheetnames:
        return None
    return {
        str(row[0]): row[1] if len(row) > 1 else None
        for row in cells.rows(MARKER_SHEET, max_row=5, max_col=2)
        if row and row[0] is not None
    }


__all__ = ["FormReader", "Record", "marker_of", "YES_NO_CHOICES"]
