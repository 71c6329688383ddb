"""Small helpers for tests that modify copies of the example forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

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
