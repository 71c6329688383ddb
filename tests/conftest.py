"""Shared fixtures: settings rooted in a temporary folder, the bundled examples, and text
extraction from the .docx (python-docx) and PDF (pypdf) files the tests check."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import settings as hypothesis_settings
from pypdf import PdfReader

from generator.config import Settings, load_settings

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "forms" / "ejemplos"
TODAY = dt.date(2026, 11, 22)


def make_installation(folder: Path, config_text: str | None = None) -> Path:
    """Make ``folder`` an installation: its cddgen.toml (``config_text``, else the one it has,
    else an empty one). Every test that issues numbers works in an installation of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "cddgen.toml"
    if config_text is not None:
        config.write_text(config_text, encoding="utf-8")
    elif not config.exists():
        config.write_text("", encoding="utf-8")
    return config


def make_settings(folder: Path, config_text: str | None = None, **kwargs) -> Settings:
    """Settings of the installation ``folder`` (see make_installation)."""
    make_installation(folder, config_text)
    kwargs.setdefault("today", TODAY)
    return load_settings(cwd=folder, environ={}, **kwargs)


@pytest.fixture(autouse=True)
def user_config_home(tmp_path_factory, monkeypatch) -> Path:
    """Each test's own user configuration folder (where «cddgen init» registers this user's
    installation), so that no test reads or writes the real one in the home folder; inherited
    by the subprocesses tests start."""
    folder = tmp_path_factory.mktemp("config-usuario")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    monkeypatch.delenv("CDDGEN_CONFIG", raising=False)
    return folder


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose outbox, inbox and numbering registry live in tmp_path."""
    return make_settings(tmp_path)


@pytest.fixture
def example(tmp_path: Path):
    """A private copy of a bundled example form (tests may modify it)."""

    def copy(name: str) -> Path:
        target = tmp_path / "entrada" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(EXAMPLES / name, target)
        # The Ascenso workbook names PDFs of the expediente relative to its folder.
        if name == "ascenso.xlsx" and not (target.parent / "expediente").exists():
            shutil.copytree(EXAMPLES / "expediente", target.parent / "expediente")
        return target

    return copy


# The session's demo runs years after its examples: no document may take the run's date.
DEMO_TODAY = "2031-07-15"


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """`cddgen demo` run once for the session (LibreOffice converts every PDF of it): the CLI's
    result and the folder it ran in (its outbox/demo/ holds every family's documents)."""
    from click.testing import CliRunner

    from generator.cli import cli

    folder = tmp_path_factory.mktemp("demo")
    old = os.getcwd()
    os.chdir(folder)
    try:
        # Session-scoped, so before the per-test XDG_CONFIG_HOME: its own, so an installation
        # registered for the user running the suite is never found (the demo runs in ``folder``).
        env = {"CDDGEN_HOY": DEMO_TODAY, "XDG_CONFIG_HOME": str(folder / ".config"), "CDDGEN_CONFIG": None}
        result = CliRunner().invoke(cli, ["demo"], env=env, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result, folder


def docx_text(path: Path) -> str:
    """All the text of a .docx: body paragraphs, tables (nested too), headers and footers."""
    document = Document(str(path))
    parts: list[str] = []

    def walk_tables(tables):
        for table in tables:
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # python-docx repeats a cell for every grid column it spans
                    seen.add(id(cell._tc))
                    parts.extend(p.text for p in cell.paragraphs)
                    walk_tables(cell.tables)

    parts.extend(p.text for p in document.paragraphs)
    walk_tables(document.tables)
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
            walk_tables(part.tables)
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def pdf_pages(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def squash(text: str) -> str:
    """Whitespace-insensitive text, since PDF extraction breaks lines and justifies spaces."""
    return " ".join(text.split())


# Hypothesis (the property tests, tests/test_properties_*.py). «ci», the default, is
# derandomized and keeps no example database, so every run — CI or local — tries the same
# examples and never flakes; CDDGEN_HYPOTHESIS=explore runs ten times as many random
# examples (and remembers the failing ones in .hypothesis/) to look for new counterexamples;
# «rapido» (make test-rapido) tries the first 20 of «ci»'s.
hypothesis_settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True, database=None,
                                     print_blob=True)
hypothesis_settings.register_profile("explore", max_examples=1500, deadline=None)
# «make test-rapido»: the same derandomized examples, fewer of them, for the edit-test loop.
hypothesis_settings.register_profile("rapido", parent=hypothesis_settings.get_profile("ci"), max_examples=20)
hypothesis_settings.load_profile(os.environ.get("CDDGEN_HYPOTHESIS", "ci"))


# The «libreoffice» marker: tests that start LibreOffice (soffice) — most of the suite's time.
# «make test-rapido» (pytest -m "not libreoffice") runs the rest, the pure rules and the readers,
# in seconds; «make test» runs everything. The marker keeps itself true: while an unmarked test
# runs, PATH leads to a stand-in soffice that records the test and fails, so a test that starts
# LibreOffice without the marker fails, naming it — in this process and in the cddgen processes
# a test starts alike. Fixtures that need LibreOffice mark the tests that use them.
LIBREOFFICE_FIXTURES = {"demo_run"}
_STAND_IN = """#!/bin/sh
echo "$CDDGEN_TEST_NODEID" >> "$CDDGEN_UNMARKED_SOFFICE_LOG"
echo "Error: this test starts LibreOffice but is not marked @pytest.mark.libreoffice" >&2
exit 1
"""
_stand_in: dict[str, str] = {}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "libreoffice: the test starts LibreOffice (soffice); «-m 'not libreoffice'» skips it")
    folder = Path(tempfile.mkdtemp(prefix="cddgen-no-soffice-"))
    for name in ("soffice", "libreoffice"):
        (folder / name).write_text(_STAND_IN)
        (folder / name).chmod(0o755)
    _stand_in.update(folder=str(folder), log=str(folder / "unmarked.log"))
    Path(_stand_in["log"]).touch()


def pytest_unconfigure(config):
    if _stand_in:
        shutil.rmtree(_stand_in["folder"], ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if LIBREOFFICE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.libreoffice)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture of the test is set up (module- and session-scoped ones included).
    if item.get_closest_marker("libreoffice") is None:
        os.environ["CDDGEN_TEST_NODEID"] = item.nodeid
        os.environ["CDDGEN_UNMARKED_SOFFICE_LOG"] = _stand_in["log"]
        os.environ["PATH"] = _stand_in["folder"] + os.pathsep + _REAL_PATH
    else:
        os.environ["PATH"] = _REAL_PATH


_REAL_PATH = os.environ.get("PATH", "")


@pytest.fixture(autouse=True)
def _libreoffice_only_when_marked(request):
    yield
    os.environ["PATH"] = _REAL_PATH
    started = Path(_stand_in["log"]).read_text().splitlines()
    if request.node.nodeid in started:
        pytest.fail("This test starts LibreOffice: mark it @pytest.mark.libreoffice (or its module with "
                    "pytestmark), so that «make test-rapido» leaves it out.", pytrace=False)
