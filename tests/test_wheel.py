"""A regular install works anywhere (issue 19.1): the wheel carries the templates, the blank
forms and the examples, and its `cddgen` runs the demo and `init` from an empty folder.

The wheel is built once per session from a copy of the sources (so the checkout gets no
build/ folder) with the test environment's setuptools, and installed without its
dependencies into a fresh virtual environment that borrows them from the test environment
through a .pth file: nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import REPO, docx_text
from .helpers import files_under

# What a source distribution holds (MANIFEST.in, pyproject.toml): what the build may read.
SOURCES = ("generator", "templates", "forms", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
_JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", "bundled", "~$*", ".~lock.*")


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; its bin/ (Scripts\\ on Windows)."""
    work = tmp_path_factory.mktemp("rueda")
    source = work / "fuente"
    for name in SOURCES:
        origin = REPO / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=_JUNK)
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(origin, source / name)
    wheels = work / "ruedas"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
          "--wheel-dir", str(wheels), str(source)])
    [wheel] = wheels.glob("cddgen-*.whl")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    # The dependencies (and pip) come from the test environment; cddgen itself only from the wheel.
    Path(site, "dependencias-de-prueba.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)])
    return bin_dir


def _cddgen(bin_dir: Path, folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("CDDGEN_", "PYTHON"))}
    env["CDDGEN_HOY"] = "2026-11-22"
    return _run([str(bin_dir / "cddgen"), *args], cwd=folder, env=env)


def test_the_wheel_runs_the_demo_from_an_empty_folder(installed, tmp_path):
    python = next(installed.glob("python*"))
    where = Path(_run([str(python), "-c", "import generator.bundled as b; print(b.root())"], cwd=tmp_path).stdout.strip())
    assert where.is_relative_to(installed.parent) and where.name == "bundled"  # the wheel's, not the checkout's
    empty = tmp_path / "vacia"
    empty.mkdir()
    done = _cddgen(installed, empty, "demo", "--sin-pdf")
    produced = [path for path in files_under(empty / "outbox" / "demo") if path.suffix == ".docx"]
    kinds = {path.parent.name for path in produced}
    assert {"acta-instalacion", "acta-resultados", "oficio-cdd", "ficha-cap", "resumen-cap", "informe-final"} <= kinds
    acta = next(path for path in produced if path.parent.name == "acta-instalacion")
    assert "ACTA N° 001-2026-CE-UGEL02" in docx_text(acta)
    assert "Carpeta de la demostración: outbox/demo" in done.stdout


def test_the_wheel_makes_an_installation_with_forms_and_templates(installed, tmp_path):
    done = _cddgen(installed, tmp_path, "init", "oficina", "--plantillas")
    root = tmp_path / "oficina"
    assert sorted(path.name for path in (root / "forms").iterdir()) == [
        "ascenso.xlsx", "cdd-cetpro.xlsx", "comite.xlsx", "ficha-cap.docx", "ficha-cap.xlsx"]
    templates = sorted(path.relative_to(root / "templates") for path in files_under(root / "templates"))
    assert templates == sorted(path.relative_to(REPO / "templates") for path in files_under(REPO / "templates"))
    assert "creado: cddgen.toml" in done.stdout
