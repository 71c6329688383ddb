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
