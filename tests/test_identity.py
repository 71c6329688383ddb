"""One number, one subject (issue 14.2): a number is given to a document about someone (a
CETPRO, a postulante, an expediente); the same identity for another subject is observed,
naming the document already issued, and never overwrites it."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from generator.errors import SubjectConflict
from generator.pipeline.inbox import run_pass
from generator.pipeline.process import Outcome
from generator.render import numbering
from generator.render.documents import open_registry
from generator.render.numbering import NumberingRegistry, comparable_subject

from .conftest import EXAMPLES, make_settings
from .helpers import edit_workbook, files_under, run_cli

PATTERNS = {"ficha-cap": "FICHA N° {numero:03d}-{anio}-CAP-{oficina}"}
FICHA = EXAMPLES / "cap" / "ficha-cap-jose-carlos-mariategui.xlsx"
CONFIG = "[bandeja]\nestabilidad_segundos = 0.0\n[pdf]\nactivar = false\n"

# The registry as cddgen wrote it before subjects were kept (schema version 1).
_VERSION_1 = """
CREATE TABLE numbers (
    series TEXT NOT NULL, office TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,
    key TEXT NOT NULL, label TEXT NOT NULL, status TEXT NOT NULL, files TEXT NOT NULL DEFAULT '[]',
    reserved_at TEXT NOT NULL, updated_at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (series, office, year, number), UNIQUE (series, office, year, key));
INSERT INTO numbers VALUES ('ficha-cap', 'UGEL02', 2026, 1, 'ficha-cap:0588214:2026-09-09',
    'FICHA N° 001-2026-CAP-UGEL02', 'emitido', '["outbox/2026/ficha-cap/FICHA N° 001.docx"]',
    '2026-09-10T10:00:00-05:00', '2026-09-10T10:00:00-05:00', '');
PRAGMA user_version = 1;
"""


def test_subjects_are_compared_without_case_accents_or_punctuation():
    assert comparable_subject("el CETPRO «PROMAE Rímac» (código local 0437889)") == \
        comparable_subject("El cetpro \"Promae  Rimac\" (codigo local 0437889)")
    assert comparable_subject("DNI 41234567 – QUISPE, Ana") != comparable_subject("DNI 41234567 – QUISPE, Ada")


def test_the_same_key_for_another_subject_is_refused_naming_the_document_issued(tmp_path):
    registry = NumberingRegistry(tmp_path / "n.sqlite", PATTERNS)
    first = registry.reserve("ficha-cap", "UGEL02", 2026, "k", "el CETPRO «Perú» (código local 1)")
    registry.confirm(first, ["outbox/2026/ficha-cap/FICHA N° 001-2026-CAP-UGEL02 Perú.docx"])
    assert registry.reserve("ficha-cap", "UGEL02", 2026, "k", "El CETPRO «PERU» (codigo local 1)").number == 1
    with pytest.raises(SubjectConflict) as error:
        registry.reserve("ficha-cap", "UGEL02", 2026, "k", "el CETPRO «Rosa de América» (código local 1)")
    text = str(error.value)
    assert "«FICHA N° 001-2026-CAP-UGEL02» para el CETPRO «Rosa de América» (código local 1)" in text
    assert "ya fue emitido para el CETPRO «Perú» (código local 1)" in text
    assert "«FICHA N° 001-2026-CAP-UGEL02 Perú.docx»" in text and "cddgen numeracion anular" in text
    assert error.value.entry.label == "FICHA N° 001-2026-CAP-UGEL02"
    # A whole batch with one conflict reserves nothing.
    with pytest.raises(SubjectConflict):
        registry.reserve_many([("ficha-cap", "UGEL02", 2026, "otra", "x"), ("ficha-cap", "UGEL02", 2026, "k", "y")])
    assert [entry.key for entry in registry.entries()] == ["k"]


def test_a_version_1_registry_is_upgraded_without_touching_its_numbers(tmp_path):
    path = tmp_path / "numeracion.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(_VERSION_1)
    registry = NumberingRegistry(path, PATTERNS)
    [old] = registry.entries()
    assert (old.label, old.status, old.subject) == ("FICHA N° 001-2026-CAP-UGEL02", "emitido", "")
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (numbering.SCHEMA_VERSION,)
    # The first reservation that names the subject records it; from then on it is checked.
    subject = "el CETPRO «CETPRO JOSÉ CARLOS MARIÁTEGUI» (código local 0588214)"
    assert registry.reserve("ficha-cap", "UGEL02", 2026, old.key, subject).subject == subject
    with pytest.raises(SubjectConflict):
        registry.reserve("ficha-cap", "UGEL02", 2026, old.key, "el CETPRO «Otro» (código local 0588214)")
    with sqlite3.connect(path) as conn, pytest.raises(sqlite3.DatabaseError, match="never changes its subject"):
        conn.execute("UPDATE numbers SET subject = 'otro'")
    assert registry.reserve("ficha-cap", "UGEL02", 2026, "nueva").number == 2


def test_a_ficha_copied_to_another_cetpro_with_the_same_codigo_local_is_observed(tmp_path):
    """The copy of a filled ficha, retyped for another CETPRO but with the código local left as
    it was, used to take the first ficha's number and overwrite it in the registry."""
    office = make_settings(tmp_path, CONFIG)
    office.inbox.mkdir(parents=True)
    shutil.copy(FICHA, office.inbox / "ficha-mariategui.xlsx")
    copy = edit_workbook(shutil.copy(FICHA, tmp_path / "ficha-peru.xlsx"),
                         {"Datos generales": {"B4": "CETPRO PERÚ"}})
    first = run_pass(office, pdf=False)
    assert [result.outcome for result in first.results] == [Outcome.PROCESSED]
    issued = files_under(office.outbox / "2026")
    shutil.copy(copy, office.inbox / "ficha-peru.xlsx")
    second = run_pass(office, pdf=False)
    [result] = second.results
    assert result.outcome is Outcome.OBSERVED
    explanation = result.note.read_text(encoding="utf-8")
    assert "«FICHA N° 001-2026-CAP-UGEL02» para el CETPRO «CETPRO PERÚ» (código local 0588214)" in explanation
    assert "ya fue emitido para el CETPRO «CETPRO JOSÉ CARLOS MARIÁTEGUI»" in explanation
    assert files_under(office.outbox / "2026") == issued  # nothing overwritten, nothing added
    [entry] = open_registry(office).entries()
    assert entry.subject == "el CETPRO «CETPRO JOSÉ CARLOS MARIÁTEGUI» (código local 0588214)"
    assert entry.status == "emitido"
    # The command line says the same, with the exit code of a form to correct.
    cli = run_cli(tmp_path, "render", "ficha-cap", "--sin-pdf", str(copy))
    assert cli.exit_code == 3 and "ya fue emitido para el CETPRO «CETPRO JOSÉ CARLOS MARIÁTEGUI»" in cli.output
    assert files_under(office.outbox / "2026") == issued
