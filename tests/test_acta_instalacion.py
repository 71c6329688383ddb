"""End to end: `cddgen render acta-instalacion` → numbered .docx and PDF (issue 2.6; seed 003, Anexo 1)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import REPO, docx_text, make_installation, pdf_pages, pdf_text, squash
from .helpers import edit_workbook, files_under, run_cli

YEAR_NAME_2025 = "Año de la recuperación y consolidación de la economía peruana"
HOSTILE_NAME = 'Pérez & Ñañez <Jr> "Lucho"'


def run(tmp_path, *args):
    return run_cli(tmp_path, *args)


@pytest.mark.libreoffice
def test_acta_is_numbered_and_shows_the_committee_in_word_and_pdf(tmp_path, example):
    form = edit_workbook(example("comite.xlsx"), {"Integrantes": {"B2": "Pérez & Ñañez", "C2": '<Jr> "Lucho"'}})
    result = run(tmp_path, "render", "acta-instalacion", str(form))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "outbox" / "2026" / "acta-instalacion"
    docx = folder / "ACTA N° 001-2026-CE-UGEL02.docx"
    pdf = docx.with_suffix(".pdf")
    assert docx.exists() and pdf.exists(), result.output
    assert "ACTA N° 001-2026-CE-UGEL02" in result.output
    for text in (docx_text(docx), squash(pdf_text(pdf))):
        assert "ACTA N° 001-2026-CE-UGEL02" in text
        # The session is on 2026-01-05, before 2026's name takes effect (2026-01-23).
        assert f"“{YEAR_NAME_2025}”" in text
        assert HOSTILE_NAME in text
        for name, dni in (("José Luis D'Angelo Muñoz-Pérez", "08123456"),
                          ("Rosa Amelia Huamán Cárdenas", "09876543"), (None, "40123456")):
            assert dni in text
            if name:
                assert name in squash(text)
        assert "Resolución Directoral N° 00125-2025-UGEL02" in squash(text)
        assert "5 de enero de 2026" in text
    assert pdf_pages(pdf) >= 1
    positions = pdf.with_name(pdf.stem + ".firmas.json")  # where its three signature fields are
    assert sorted(p.name for p in files_under(tmp_path / "outbox")) == sorted([docx.name, pdf.name, positions.name])


def test_rendering_again_keeps_the_number_and_a_new_committee_gets_the_next(tmp_path, example):
    form = example("comite.xlsx")
    assert run(tmp_path, "render", "acta-instalacion", "--sin-pdf", str(form)).exit_code == 0
    assert run(tmp_path, "render", "acta-instalacion", "--sin-pdf", str(form)).exit_code == 0
    folder = tmp_path / "outbox" / "2026" / "acta-instalacion"
    assert [p.name for p in files_under(folder)] == ["ACTA N° 001-2026-CE-UGEL02.docx"]
    other = edit_workbook(example("comite.xlsx"), {"Sesión": {"B2": "Resolución Directoral N° 00200-2025-UGEL02"}})
    result = run(tmp_path, "render", "acta-instalacion", "--sin-pdf", str(other))
    assert "ACTA N° 002-2026-CE-UGEL02" in result.output


def test_an_erroneous_form_gives_one_spanish_message_per_bad_cell_and_writes_nothing(tmp_path, example):
    form = edit_workbook(example("comite.xlsx"), {
        "Integrantes": {"E2": "4012345", "G2": "sin-arroba", "D3": "Director(a) de la UGEL"},
    })
    original = form.read_bytes()
    result = run(tmp_path, "render", "acta-instalacion", str(form))
    assert result.exit_code == 3
    lines = [line for line in result.output.splitlines() if line.startswith("  - ")]
    assert len(lines) == 3, result.output
    assert any("hoja «Integrantes», fila 2, columna «DNI»" in line for line in lines)
    assert any("fila 2, columna «Correo electrónico»" in line for line in lines)
    assert any("fila 3, columna «Cargo del puesto»" in line and "segundo miembro" in line for line in lines)
    assert "Traceback" not in result.output
    assert files_under(tmp_path / "outbox") == []
    assert form.read_bytes() == original


def test_the_installed_command_runs_and_uses_exit_codes(tmp_path, example):
    """The console script as a user runs it: exit 3 for an invalid form, 2 for a bad config."""
    form = edit_workbook(example("comite.xlsx"), {"Integrantes": {"E2": "123"}})
    make_installation(tmp_path)
    env = {**os.environ, "CDDGEN_HOY": "2026-11-22", "CDDGEN_PDF": "0"}
    command = [sys.executable, "-m", "generator"]
    done = subprocess.run(command + ["render", "acta-instalacion", str(form)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 3
    assert "«123» no es un DNI válido" in done.stderr
    (tmp_path / "cddgen.toml").write_text('[pdf]\ntrabajadores = "dos"\n', encoding="utf-8")
    done = subprocess.run(command + ["render", "acta-instalacion", str(form)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "«pdf.trabajadores» debe ser un número entero" in done.stderr
    assert REPO.exists()
