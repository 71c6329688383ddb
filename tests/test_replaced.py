"""Replaced means moved (issue 14.3): a corrected form re-renders its document under the same
number; the earlier .docx and PDF move to outbox/reemplazados/<año>/… before the new files
land, so a new .docx never stands beside an old PDF, and the receipt names what it replaced."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.pipeline.inbox import check_outbox, run_pass
from generator.pipeline.process import Outcome
from generator.render.documents import open_registry

from .conftest import EXAMPLES, docx_text, make_settings, pdf_text, squash
from .helpers import edit_workbook, files_under

CONFIG = "[bandeja]\nestabilidad_segundos = 0.0\n"
ACTA = "ACTA N° 001-2026-CE-UGEL02"


def drop(settings, source: Path, name: str) -> None:
    settings.inbox.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, settings.inbox / name)


@pytest.mark.libreoffice
def test_a_form_corrected_without_pdf_leaves_the_old_files_in_reemplazados(tmp_path):
    office = make_settings(tmp_path, CONFIG)
    folder = office.outbox / "2026" / "acta-instalacion"
    drop(office, EXAMPLES / "comite.xlsx", "comite.xlsx")
    [first] = run_pass(office, pdf=True).results
    assert first.outcome is Outcome.PROCESSED
    positions = f"{ACTA}.firmas.json"  # where the PDF's signature fields are
    assert sorted(path.name for path in files_under(folder)) == sorted([f"{ACTA}.docx", f"{ACTA}.pdf", positions])
    assert "9:00" in squash(pdf_text(folder / f"{ACTA}.pdf"))
    # An upload in between that was observed (an invalid DNI) produced nothing...
    broken = edit_workbook(shutil.copy(EXAMPLES / "comite.xlsx", tmp_path / "roto.xlsx"), {"Integrantes": {"E2": "123"}})
    drop(office, broken, "comite-corregido.xlsx")
    [observed] = run_pass(office, pdf=True).results
    assert observed.outcome is Outcome.OBSERVED
    # ...so the corrected form replaces the first version, and is processed without PDF.
    fixed = edit_workbook(shutil.copy(EXAMPLES / "comite.xlsx", tmp_path / "bien.xlsx"),
                          {"Sesión": {"B4": dt.time(10, 30)}})
    drop(office, fixed, "comite-corregido-2.xlsx")
    [result] = run_pass(office, pdf=False).results
    assert result.outcome is Outcome.PROCESSED and result.version == 3
    # (with the actas of its working sessions, rendered again too)
    assert [document.number for document in result.documents if document.kind == "acta-instalacion"] == [ACTA]
    assert [path.name for path in files_under(folder)] == [f"{ACTA}.docx"]  # no old PDF beside the new .docx
    assert "10:30" in squash(docx_text(folder / f"{ACTA}.docx"))
    kept = office.outbox / "reemplazados" / "2026" / "acta-instalacion"
    assert sorted(path.name for path in files_under(kept)) == sorted([f"{ACTA}.docx", f"{ACTA}.pdf", positions])
    assert "9:00" in squash(pdf_text(kept / f"{ACTA}.pdf")) and "10:30" not in squash(docx_text(kept / f"{ACTA}.docx"))
    receipt = result.note.read_text(encoding="utf-8")
    assert "Esta versión reemplaza a «comite.xlsx» (versión 1, procesado" in receipt
    assert "Corrige a «comite-corregido.xlsx» (versión 2, observado el" in receipt  # it replaced nothing
    assert f"2026/acta-instalacion/{ACTA}.pdf → reemplazados/2026/acta-instalacion/{ACTA}.pdf" in receipt
    assert f"2026/acta-instalacion/{ACTA}.docx → reemplazados/2026/acta-instalacion/{ACTA}.docx" in receipt
    [entry] = [entry for entry in open_registry(office).entries() if entry.series == "acta-instalacion"]
    assert [Path(name).name for name in entry.files] == [f"{ACTA}.docx"]
    assert check_outbox(office) == []


def test_a_second_replacement_never_overwrites_the_first(tmp_path):
    office = make_settings(tmp_path, CONFIG)
    for minute in (10, 20, 30):
        fixed = edit_workbook(shutil.copy(EXAMPLES / "comite.xlsx", tmp_path / f"v{minute}.xlsx"),
                              {"Sesión": {"B4": dt.time(9, minute)}})
        drop(office, fixed, f"comite-{minute}.xlsx")
        assert [r.outcome for r in run_pass(office, pdf=False).results] == [Outcome.PROCESSED]
    kept = office.outbox / "reemplazados" / "2026" / "acta-instalacion"
    assert sorted(path.name for path in files_under(kept)) == [f"{ACTA} (2).docx", f"{ACTA}.docx"]
    assert "9:10" in squash(docx_text(kept / f"{ACTA}.docx"))
    assert "9:20" in squash(docx_text(kept / f"{ACTA} (2).docx"))
    assert "9:30" in squash(docx_text(office.outbox / "2026" / "acta-instalacion" / f"{ACTA}.docx"))
