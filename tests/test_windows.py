"""What is Windows-specific and can be tested on Linux (issue 19, item 7): paths with
backslashes in the configuration, a console that writes cp1252, and file names Windows forbids."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.render.documents import DocumentJob, output_path

from .conftest import make_settings
from .test_hostile_inputs import valid_everywhere


def test_relative_paths_written_on_windows_mean_the_same_folders_here(tmp_path):
    """A cddgen.toml written on Windows, in single quotes as the README says (TOML takes a
    backslash literally only there), read from the shared folder on Linux."""
    settings = make_settings(tmp_path, "[rutas]\nbandeja_entrada = 'compartida\\bandeja'\n"
                                       "bandeja_salida = 'compartida\\salida\\documentos'\n")
    assert settings.inbox == tmp_path / "compartida" / "bandeja"
    assert settings.outbox == tmp_path / "compartida" / "salida" / "documentos"


@pytest.mark.parametrize("value", ["C:\\UGEL\\bandeja", "d:/cddgen/salida", "\\\\servidor\\bandeja"])
def test_an_absolute_windows_path_is_refused_here_naming_it(tmp_path, value):
    with pytest.raises(ConfigError) as caught:
        make_settings(tmp_path, f"[rutas]\nbandeja_entrada = '{value}'\n")
    assert str(caught.value) == (
        f"La ruta «{value}» es de Windows y este equipo no puede abrirla. Use una ruta de este equipo, o una "
        "relativa a la carpeta de cddgen.toml (por ejemplo 'bandeja'), que sirve igual en Windows y aquí.")
    assert not any(tmp_path.iterdir()) or [p.name for p in tmp_path.iterdir()] == ["cddgen.toml"]


def test_a_document_named_after_user_data_is_a_valid_windows_file_name(tmp_path):
    """A person and a number pattern with every character Windows forbids, and a reserved name."""
    for person, number in (('Ana "La Profe" <Ríos>: ¿CON?', "OFICIO N° 001/2026:UGEL\\02*"),
                           ("CON", "NUL"), ("Rosa Pérez. ", "ACTA N° 001-2026-CE-UGEL02.")):
        job = DocumentJob(kind="acta-resultados", series="acta-resultados", key="x", date=dt.date(2026, 1, 5),
                          template="actas/acta-resultados.docx", context=lambda label: {}, person=person)
        path = output_path(tmp_path, job, number)
        assert path.parent == tmp_path / "2026" / "acta-resultados"
        assert valid_everywhere(path.name), path.name


def run_on_cp1252_console(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """`cddgen ARGS` whose standard output and error are a cp1252 console (Windows' «ANSI»)."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "CDDGEN_HOY": "2026-11-22", "PYTHONUTF8": "0"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=folder, env=env, capture_output=True,
                          timeout=300)


def cp1252(data: bytes) -> str:
    return data.decode("cp1252")  # raises if cddgen wrote anything else


def test_help_errors_and_configuration_on_a_cp1252_console(tmp_path):
    """Help, usage errors and `cddgen config` (Spanish, «», accents) written to a cp1252 console.
    (What an inbox pass prints there is issue 15's, item 6.)"""
    shown = run_on_cp1252_console(tmp_path, "--help")
    assert shown.returncode == 0 and cp1252(shown.stdout).startswith("Uso: cddgen [OPCIONES]")
    config = run_on_cp1252_console(tmp_path, "config")
    assert "Denominación del año hoy (22/11/2026): «Año de la Esperanza" in cp1252(config.stdout)
    wrong = run_on_cp1252_console(tmp_path, "render", "acta-instalacion", "no-existe.xlsx")
    assert wrong.returncode == 2 and "Pruebe «cddgen render acta-instalacion --help»" in cp1252(wrong.stderr)
