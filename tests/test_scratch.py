"""Temporary folders live in the installation, hold no personal data after a run, and what a
killed run left is removed at the next start (issue 14.5)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import scratch

from .conftest import EXAMPLES, REPO, make_installation
from .helpers import files_under

_HOLD_A_RUN_FOLDER = """
import sys, time
from pathlib import Path
from generator import scratch
print(scratch.run_folder(Path(sys.argv[1])), flush=True)
time.sleep(600)
"""


def _python(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "CDDGEN_HOY": "2026-11-22"}
    env.pop("CDDGEN_PDF", None)
    return subprocess.Popen([sys.executable, *args], env=env, **kwargs)


def test_a_live_run_folder_is_never_swept_and_a_dead_one_is(tmp_path):
    root = tmp_path / ".cddgen" / "tmp"
    holder = _python("-c", _HOLD_A_RUN_FOLDER, str(root), cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        folder = Path(holder.stdout.readline().strip())
        (folder / "copia.docx").write_bytes(b"datos personales")
        assert scratch.sweep(root) == [] and folder.is_dir()
    finally:
        holder.kill()
        holder.wait()
    assert scratch.sweep(root) == [folder]
    assert not folder.exists()


def test_a_task_folder_is_removed_when_the_task_ends(tmp_path):
    with scratch.scratch_folder(tmp_path / "tmp", "grafico") as folder:
        (folder / "grafico.png").write_bytes(b"png")
        assert folder.parent.parent == tmp_path / "tmp"
    assert not folder.exists() and folder.parent.is_dir()  # the run's own folder stays until exit


def _in_conversion(tmp: Path) -> list[Path]:
    """Copies of documents handed to LibreOffice under ``tmp`` (personal data)."""
    return [path for path in files_under(tmp) if path.suffix == ".docx" and path.parent.name == "in"]


@pytest.mark.libreoffice
def test_after_kill_9_mid_conversion_the_next_start_leaves_nothing(tmp_path):
    """A real SIGKILL while LibreOffice converts, then a normal run: .cddgen/tmp/ is empty."""
    make_installation(tmp_path)
    tmp = tmp_path / ".cddgen" / "tmp"
    form = EXAMPLES / "comite.xlsx"
    command = ("-m", "generator", "render", "acta-instalacion", str(form))
    killed = _python(*command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # Mid-conversion: the document is copied for LibreOffice and soffice has started on it.
    while not (_in_conversion(tmp) and _soffice_in(tmp)) and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if killed.poll() is not None:
        pytest.fail("cddgen ended before its conversion could be interrupted")
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    left = _in_conversion(tmp)
    assert left, "the killed run left nothing to clean: the test did not interrupt a conversion"
    run_folder = left[0].relative_to(tmp).parts[0]
    assert run_folder.startswith(f"ejecucion-{killed.pid}-")
    assert _soffice_in(tmp / run_folder)  # its LibreOffice goes on without it
    restart = _python(*command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output, _ = restart.communicate(timeout=300)
    assert restart.returncode == 0, output
    assert "ACTA N° 001-2026-CE-UGEL02.pdf" in output
    assert files_under(tmp) == [], files_under(tmp)
    assert not (tmp / run_folder).exists()
    # The LibreOffice the killed run had started is gone too (it would write a PDF there).
    assert not _soffice_in(tmp / run_folder)


def _soffice_in(folder: Path) -> bool:
    """A live process whose command line names ``folder`` (LibreOffice converting there)."""
    return subprocess.run(["pgrep", "-f", str(folder)], capture_output=True).returncode == 0
