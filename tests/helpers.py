"""Small helpers for tests that modify copies of the example forms or compare documents."""

from __future__ import annotations

import difflib
import zipfile
from pathlib import Path
from typing import Any, Mapping

import pytest
from lxml import etree
from openpyxl import load_workbook


def edit_workbook(path: Path, changes: Mapping[str, Mapping[str, Any]]) -> Path:
    """Set cells of a copy: {"Hoja": {"B3": value}}; returns the path."""
    workbook = load_workbook(path)
    for sheet, cells in changes.items():
        for ref, value in cells.items():
            workbook[sheet][ref] = value
    workbook.save(path)
    return path


def as_ascenso_form_v2(path: Path, rules: Mapping) -> Path:
    """Turn a copy of the Ascenso example into form version 2: without the columns versions 3 and 4
    added (the «Tratamiento», the régimen, the date of the 2022 ascenso, the idoneidad documents)."""
    from generator.forms.ascenso import NEW_IN_V4, POSTULANTES_SHEET, ascenso_form

    workbook = load_workbook(path)
    for sheet, fields in {**NEW_IN_V4, POSTULANTES_SHEET: NEW_IN_V4[POSTULANTES_SHEET] + ("tratamiento",)}.items():
        columns = [column.field for column in ascenso_form(rules).sheet(sheet).columns]
        for index in sorted((columns.index(name) + 1 for name in fields), reverse=True):
            workbook[sheet].delete_cols(index)
    workbook["_cddgen"]["B2"] = 2  # the marker's «version» row
    workbook.save(path)
    return path


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def run_cli(folder: Path, *args: str, today: str = "2026-11-22", installation: bool = True):
    """`cddgen ARGS` as a user runs it in ``folder`` (its outbox, its registry), on ``today``.

    ``folder`` is made an installation (an empty cddgen.toml unless it has one) unless
    ``installation`` is False."""
    import os

    from click.testing import CliRunner

    from generator.cli import cli

    from .conftest import make_installation

    if installation:
        make_installation(folder)
    old = os.getcwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(cli, list(args), env={"CDDGEN_HOY": today}, catch_exceptions=False)
    finally:
        os.chdir(old)


_BLANK_TEXT_DROPPED = etree.XMLParser(remove_blank_text=True)


def canonical_part(name: str, data: bytes) -> bytes:
    """A part of a .docx as Word reads it: XML canonicalised (C14N, without the blank text
    between elements that python-docx drops when it reads a part), so that the XML declaration's
    quotes and the serialisation do not count; other parts as they are. In the core properties,
    the empty elements docxtpl adds for the properties it fills (title, language…) do not count
    either: an empty property is no property."""
    if not name.endswith((".xml", ".rels")):
        return data
    root = etree.fromstring(data, _BLANK_TEXT_DROPPED)
    if name == "docProps/core.xml":
        for empty in [e for e in root if len(e) == 0 and not (e.text or "").strip() and not e.attrib]:
            root.remove(empty)
    return etree.tostring(root, method="c14n")


def assert_same_package(fast: Path, reference: Path) -> None:
    """``fast`` (cddgen's fast path) says what ``reference`` (docxtpl) says: the same parts,
    each the same (see canonical_part; zip timestamps and compression do not count). On a
    difference, the start of a diff of that part."""
    with zipfile.ZipFile(fast) as one, zipfile.ZipFile(reference) as other:
        assert sorted(one.namelist()) == sorted(other.namelist())
        for name in other.namelist():
            data, expected = one.read(name), other.read(name)
            if data == expected:
                continue
            data, expected = canonical_part(name, data), canonical_part(name, expected)
            if data != expected:
                diff = difflib.unified_diff(
                    expected.decode("utf-8", "replace").replace("><", ">\n<").splitlines(),
                    data.decode("utf-8", "replace").replace("><", ">\n<").splitlines(),
                    "docxtpl", "vía rápida", lineterm="", n=2)
                pytest.fail(f"{fast.name}, {name}: differs from docxtpl's:\n" + "\n".join(list(diff)[:60]))
