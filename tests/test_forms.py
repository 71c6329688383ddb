"""`cddgen forms`: the blank forms users fill (issue 2.6), and that the committed ones are current."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import cli
from generator.errors import InvalidInput
from generator.readers.comite import read_committee

from .conftest import REPO, make_settings
from .helpers import edit_workbook


def generate(tmp_path):
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(cli, ["forms"], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return tmp_path / "forms"


def sheet_values(path):
    workbook = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in workbook.worksheets}


def test_committee_form_has_dropdowns_instructions_and_marker(tmp_path):
    path = generate(tmp_path) / "comite.xlsx"
    workbook = load_workbook(path)
    assert workbook.sheetnames[:5] == ["Instrucciones", "Sesión", "Integrantes", "Acuerdos", "Postulantes"]
    assert workbook["_cddgen"].sheet_state == "hidden"
    assert workbook["_cddgen"]["B1"].value == "comite"
    members = workbook["Integrantes"]
    assert [members.cell(row=r, column=1).value for r in (2, 3, 4)] == [
        "Primer miembro (Presidente)", "Segundo miembro", "Tercer miembro"]
    lists = {str(v.sqref): v.formula1 for v in members.data_validations.dataValidation}
    assert any(ref.startswith("A2") for ref in lists) and any(ref.startswith("D2") for ref in lists)
    assert members["E2"].number_format == "@"  # DNI as text keeps leading zeros
    explained = [row[0] for row in workbook["Instrucciones"].iter_rows(values_only=True)]
    assert "Cargo del puesto" in explained and "Correo electrónico" in explained


def test_blank_form_is_rejected_with_what_to_fill(tmp_path, settings):
    path = generate(tmp_path) / "comite.xlsx"
    with pytest.raises(InvalidInput) as error:
        read_committee(path, settings.rules.ascenso, "UGEL")
    # Issue 19, item 5: the roles pre-filled in «Integrantes» are not data; the form is blank.
    assert [issue.message for issue in error.value.issues] == ["el formulario está en blanco: ninguna hoja tiene datos."]
    edit_workbook(path, {"Sesión": {"B2": "RD N° 01234-2025-UGEL02"}})
    with pytest.raises(InvalidInput) as error:
        read_committee(path, settings.rules.ascenso, "UGEL")
    text = str(error.value)
    assert "hoja «Sesión», fila 3, columna «Fecha de la sesión»: está vacía." in text
    assert "hoja «Integrantes», fila 2, columna «DNI»: está vacía." in text


def test_committed_forms_match_what_cddgen_forms_writes(tmp_path):
    fresh = generate(tmp_path)
    for path in sorted(fresh.glob("*.xlsx")):
        committed = REPO / "forms" / path.name
        assert committed.exists(), f"forms/{path.name} is not committed: run `make forms`"
        assert sheet_values(committed) == sheet_values(path), f"forms/{path.name} is stale: run `make forms`"


def test_forms_never_overwrite_a_file_without_reemplazar(tmp_path):
    """Issue 15.11: users keep filled forms in forms/ under the same names."""
    filled = tmp_path / "forms" / "comite.xlsx"
    filled.parent.mkdir()
    filled.write_bytes((REPO / "forms" / "ejemplos" / "comite.xlsx").read_bytes())
    before = filled.read_bytes()
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        kept = CliRunner().invoke(cli, ["forms"], catch_exceptions=False)
        assert kept.exit_code == 0, kept.output
        assert "ya existe, no se reemplazó: forms/comite.xlsx" in kept.output
        assert "formulario: forms/ascenso.xlsx" in kept.output and "formulario: forms/comite.xlsx" not in kept.output
        assert filled.read_bytes() == before
        assert len(read_committee(filled, make_settings(tmp_path).rules.ascenso, "UGEL").members) == 3
        replaced = CliRunner().invoke(cli, ["forms", "--reemplazar"], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert replaced.exit_code == 0 and "formulario: forms/comite.xlsx" in replaced.output
    assert filled.read_bytes() != before and load_workbook(filled)["_cddgen"]["B1"].value == "comite"
    assert [path.name for path in (tmp_path / "forms").iterdir() if path.name.startswith(".")] == []
