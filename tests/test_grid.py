"""Reading workbooks with python-calamine, and the cases left to openpyxl (issue 8: read and
score in at most 1.5 times what pandas needs to load the workbook)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.errors import InvalidInput, UnreadableInput
from generator.readers.comite import read_committee
from generator.readers.grid import DENSE_CELL_LIMIT, WorkbookCells, calamine_can_read
from generator.readers.safety import check_office_file

from .conftest import EXAMPLES, REPO

CORPUS = REPO / "tests" / "corpus"


def _readable_workbooks() -> list[Path]:
    found = [*EXAMPLES.rglob("*.xlsx"), *CORPUS.glob("*.xlsx"), *(REPO / "forms").glob("*.xlsx")]
    readable = []
    for path in sorted(found):
        try:
            check_office_file(path, "xlsx")
            openpyxl.load_workbook(path, read_only=True).close()
        except Exception:  # the hostile and broken corpus files never reach a reader
            continue
        readable.append(path)
    return readable


def _comparable(value):
    """The value as the form reader understands it: both engines must agree on this."""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _sheets(cells: WorkbookCells) -> dict[str, list[tuple]]:
    result = {}
    for name in cells.sheetnames:
        rows = [tuple(_comparable(v) for v in row) for row in cells.rows(name)]
        rows = [row[:max((i + 1 for i, v in enumerate(row) if v is not None), default=0)] for row in rows]
        while rows and not rows[-1]:
            rows.pop()
        result[name] = rows
    return result


def _rewrite_sheet(source: Path, target: Path, change, part: str = "xl/worksheets/sheet1.xml") -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                data = change(data)
            zout.writestr(item, data)
    return target


@pytest.mark.parametrize("path", _readable_workbooks(), ids=lambda p: p.name)
def test_calamine_reads_every_bundled_and_corpus_workbook_as_openpyxl_does(path):
    fast, slow = WorkbookCells(path, engine="calamine"), WorkbookCells(path, engine="openpyxl")
    try:
        assert fast.engine == "calamine" and slow.engine == "openpyxl"
        assert _sheets(fast) == _sheets(slow)
    finally:
        fast.close()
        slow.close()


def test_the_bundled_examples_are_read_by_calamine():
    assert WorkbookCells(EXAMPLES / "ascenso.xlsx").engine == "calamine"


def test_a_value_in_the_last_cell_of_the_sheet_is_read_by_openpyxl_without_exhausting_memory(tmp_path):
    """A1 and XFD1048576: calamine would lay out 17 billion cells (the process aborts)."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "Hoja"
    workbook.active["A1"] = "primero"
    workbook.active["XFD1048576"] = "último"
    path = tmp_path / "disperso.xlsx"
    workbook.save(path)
    assert not calamine_can_read(path)
    cells = WorkbookCells(path)
    assert cells.engine == "openpyxl"
    assert next(cells.rows("Hoja", max_row=1))[0] == "primero"
    cells.close()


def test_a_sheet_just_within_the_dense_limit_is_read_by_calamine(tmp_path):
    columns = 50
    rows = DENSE_CELL_LIMIT // columns
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "esquina"
    workbook.active.cell(row=rows, column=columns, value="otra esquina")
    path = tmp_path / "denso.xlsx"
    workbook.save(path)
    assert calamine_can_read(path)
    workbook.active.cell(row=rows + 1, column=columns, value="una fila más")
    workbook.save(path)
    assert not calamine_can_read(path)


def test_cells_without_their_own_reference_are_left_to_openpyxl(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"], workbook.active["B1"] = "a", "b"
    path = tmp_path / "con-ref.xlsx"
    workbook.save(path)
    bare = _rewrite_sheet(path, tmp_path / "sin-ref.xlsx", lambda xml: re.sub(rb' r="[A-Z]+[0-9]+"', b"", xml))
    assert calamine_can_read(path) and not calamine_can_read(bare)
    assert list(WorkbookCells(bare).rows("Sheet")) == [("a", "b")]


def test_a_cell_showing_an_error_is_reported_with_the_error(example, settings):
    """calamine reads #DIV/0! as empty; the secretary must read «#DIV/0!» in the message."""
    path = example("comite.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet_xml = {ws.title: f"xl/worksheets/sheet{i}.xml" for i, ws in enumerate(workbook.worksheets, start=1)}
    target = sheet_xml["Integrantes"]
    copy = path.with_name("comite-error.xlsx")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == target:
                data, count = re.subn(rb'<c r="E3"([^>]*?)(?: t="\w+")?>.*?</c>',
                                      rb'<c r="E3"\1 t="e"><v>#DIV/0!</v></c>', data, count=1, flags=re.S)
                assert count == 1
            zout.writestr(item, data)
    assert not calamine_can_read(copy)
    with pytest.raises(InvalidInput) as error:
        read_committee(copy, settings.rules("ascenso"), "UGEL")
    (issue,) = [i for i in error.value.issues if i.row == 3 and i.column == "DNI"]
    assert "«#DIV/0!» no es un DNI válido" in issue.message


def test_data_past_the_declared_dimension_is_read_by_both_engines(tmp_path):
    """Some generators declare <dimension ref="A1"/> whatever the data; read-only openpyxl
    would stop there."""
    workbook = openpyxl.Workbook()
    for row in range(1, 4):
        workbook.active.cell(row=row, column=1, value=f"fila {row}")
        workbook.active.cell(row=row, column=3, value=row)
    path = tmp_path / "completo.xlsx"
    workbook.save(path)
    liar = _rewrite_sheet(path, tmp_path / "dimension-corta.xlsx",
                          lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', xml))
    for engine in ("calamine", "openpyxl"):
        rows = [tuple(_comparable(v) for v in row) for row in WorkbookCells(liar, engine=engine).rows("Sheet")]
        assert rows == [("fila 1", None, 1), ("fila 2", None, 2), ("fila 3", None, 3)], engine


def test_a_workbook_calamine_cannot_open_is_reported_as_damaged(tmp_path, settings):
    path = tmp_path / "comite.xlsx"
    shutil.copy2(EXAMPLES / "comite.xlsx", path)
    # sheet2.xml is «Sesión», cut in the middle of its XML.
    _rewrite_sheet(path, tmp_path / "roto.xlsx", lambda xml: xml[: len(xml) // 2], "xl/worksheets/sheet2.xml")
    with pytest.raises(UnreadableInput) as error:
        read_committee(tmp_path / "roto.xlsx", settings.rules("ascenso"), "UGEL")
    assert "dañado" in str(error.value)
