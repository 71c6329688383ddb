"""Reading workbooks with python-calamine, and the cases left to openpyxl (issue 8: read and
score in at most 1.5 times what pandas needs to load the workbook)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.errors import InvalidInput, UnreadableInput
from generator.readers.comite import read_committee
from generator.readers.grid import DENSE_CELL_LIMIT, PartExtent, WorkbookCells, calamine_can_read
from generator.readers.safety import check_office_file
from generator.render.marked import PROBLEM_FILL

from .conftest import EXAMPLES, REPO

CORPUS = REPO / "tests" / "corpus"


def _readable_workbooks() -> list[Path]:
    """The workbooks calamine may read (the others, such as A1 to XFD1048576, are openpyxl's)."""
    found = [*EXAMPLES.rglob("*.xlsx"), *CORPUS.glob("*.xlsx"), *(REPO / "forms").glob("*.xlsx")]
    readable = []
    for path in sorted(found):
        try:
            check_office_file(path, "xlsx")
            openpyxl.load_workbook(path, read_only=True).close()
        except Exception:  # the hostile and broken corpus files never reach a reader
            continue
        if calamine_can_read(path):
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
    assert WorkbookCells(path, engine="calamine").engine == "openpyxl"  # whoever asks
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
        read_committee(copy, settings.rules.ascenso, "UGEL")
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
        read_committee(tmp_path / "roto.xlsx", settings.rules.ascenso, "UGEL")
    assert "dañado" in str(error.value)


# ---------------------------------------------------------------------------- issue 15.1

_BOUNDED_PATHS = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB of address space, all included
from generator.config import load_settings
from generator.errors import InvalidInput
from generator.pipeline.process import recognise
from generator.readers.comite import read_committee
from generator.render.marked import write_marked_copy
path, target = Path(sys.argv[1]), Path(sys.argv[2])
settings = load_settings(cwd=target.parent, environ={})
family, found_by = recognise(path)
try:
    read_committee(path, settings.rules.ascenso, "UGEL")
    issues = []
except InvalidInput as error:
    issues = error.issues
marked = write_marked_copy(path, issues, target)
print(json.dumps({"family": family.kind, "found_by": found_by, "issues": [str(i) for i in issues],
                  "marked": str(marked) if marked else None}))
"""


def test_a_19_kb_workbook_spanning_a1_to_xfd1048576_is_read_recognised_and_marked_by_its_cells(tmp_path):
    """Issue 15.1: the committee form with «fin» typed in XFD1048576 (and a wrong DNI, so that it
    is observed and marked). Reading, recognising and marking it run in a child process whose
    address space is capped at 1 GiB: a path that walked the rectangle from A1 (17 billion
    cells) would die there, as the inbox once did after 12 GB."""
    path = tmp_path / "comite-hasta-xfd.xlsx"
    shutil.copy2(EXAMPLES / "comite.xlsx", path)
    workbook = openpyxl.load_workbook(path)
    workbook["Integrantes"]["XFD1048576"] = "fin"
    workbook["Integrantes"]["E2"] = "123"
    workbook.save(path)
    assert path.stat().st_size < 30 * 1024  # the issue's was 19 KB; the committee form has grown since
    target = tmp_path / "comite-hasta-xfd.observado.xlsx"
    done = subprocess.run([sys.executable, "-c", _BOUNDED_PATHS, str(path), str(target)], cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.splitlines()[-1])
    assert (result["family"], result["found_by"]) == ("comite", "marca")
    assert result["issues"] == ["comite-hasta-xfd.xlsx, hoja «Integrantes», fila 2, columna «DNI»: «123» no es "
                                "un DNI válido: debe tener 8 dígitos. Escriba solo los dígitos, sin puntos, guiones "
                                "ni espacios."]
    assert result["marked"] == str(target)
    marked = openpyxl.load_workbook(target)
    sheet = marked["Integrantes"]
    assert sheet["E2"].fill == PROBLEM_FILL and "no es un DNI válido" in sheet["E2"].comment.text
    assert sheet["XFD1048576"].value == "fin"
    assert sum(1 for _ in sheet._cells) < 100  # the cells there are, not the rectangle


def test_the_extent_scan_reads_references_however_they_are_written():
    """What keeps calamine from a sheet it would lay out densely: every way XML allows to write
    a cell's reference is read, and a cell whose place the scan cannot tell goes to openpyxl."""
    def extent(xml: bytes) -> PartExtent:
        part = PartExtent("hoja")
        part.add(xml)
        return part

    excel = extent(b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="XFD1048576"><v>1</v></c></row>')
    assert (excel.cells, excel.referenced, excel.max_row, excel.max_column, excel.unclear) == (2, 2, 1048576, 16384,
                                                                                                False)
    for written in (b"<c\nr='XFD1048576'/>", b'<x:c s="1" r = "XFD1048576"/>', b'<c s=" r=\'A1\'" r="XFD1048576"/>',
                    b'<c r="xfd1048576"/>'):
        found = extent(b'<c r="A1"/>' + written)
        assert (found.cells, found.max_row, found.max_column) == (2, 1048576, 16384), written
    assert extent(b'<c r="A1" r="XFD1048576"/>').unclear  # calamine takes the last of two
    assert extent(b'<c r="&#88;FD1048576"/>').unclear
    assert extent(b'<c/><c><v>1</v></c>').referenced == 0


def test_a_sheet_storing_more_cells_than_the_limit_is_refused_naming_it(tmp_path, monkeypatch):
    import generator.readers.grid as grid

    path = tmp_path / "comite.xlsx"
    shutil.copy2(EXAMPLES / "comite.xlsx", path)
    instructions = grid.scan_workbook(path).parts[0]  # the first sheet, «Instrucciones», the first refused
    monkeypatch.setattr(grid, "MAX_SHEET_CELLS", instructions.cells - 1)
    with pytest.raises(UnreadableInput) as error:
        WorkbookCells(path)
    assert (f"comite.xlsx: la hoja «Instrucciones» guarda {instructions.cells} celdas; cddgen lee como máximo "
            f"{instructions.cells - 1} por hoja.") in str(error.value)
