"""The «libreoffice» marker keeps itself true (issue 20, item 6: a fast test loop).

«make test-rapido» runs pytest -m "not libreoffice". If a test that starts LibreOffice lacked the
marker, that loop would run it (slowly) or, worse, a refactoring could hide conversions from it;
so while an unmarked test runs, soffice is a stand-in that fails the test, naming the marker.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent

PROBE = '''
import shutil
import subprocess

import pytest


def test_unmarked_starts_soffice():
    subprocess.run([shutil.which("soffice"), "--version"], check=False)


@pytest.mark.libreoffice
def test_marked_finds_the_real_soffice():
    assert "cddgen-no-soffice" not in (shutil.which("soffice") or "")


def test_unmarked_without_soffice_is_left_alone():
    assert "cddgen-no-soffice" in shutil.which("soffice")
'''


def run_probe(tmp_path: Path, *options: str) -> subprocess.CompletedProcess:
    shutil.copy(TESTS / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_probe.py").write_text(PROBE, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options, str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)


def test_an_unmarked_test_that_starts_soffice_fails_naming_the_marker(tmp_path):
    result = run_probe(tmp_path)
    assert "mark it @pytest.mark.libreoffice" in result.stdout, result.stdout
    assert "test_unmarked_starts_soffice" in result.stdout
    assert "2 passed" in result.stdout and "1 error" in result.stdout, result.stdout


def test_the_fast_loop_deselects_the_marked_tests(tmp_path):
    result = run_probe(tmp_path, "-m", "not libreoffice", "-k", "not starts_soffice")
    assert result.returncode == 0, result.stdout
    assert "1 passed, 2 deselected" in result.stdout, result.stdout
