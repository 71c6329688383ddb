"""One run context (issue 20, item 2): what a run needs travels as one ``Run``, handed down from
the command, the demo or the inbox to ``produce`` — no option dicts, no context variable, and
no family pipeline importing the list of families."""

from __future__ import annotations

import ast
import subprocess
import sys

from generator.config import load_settings
from generator.pipeline.comite import process_committee
from generator.run import Run

from .conftest import EXAMPLES, REPO, make_settings
from .helpers import files_under


def test_produce_tells_the_runs_listeners_of_every_number_it_reserves(tmp_path):
    heard = []
    run = Run(make_settings(tmp_path), pdf=False, listeners=(heard.append,))
    documents = process_committee(EXAMPLES / "comite.xlsx", run)
    assert [entry.label for entry in heard] == [document.number for document in documents]
    assert heard[0].label == "ACTA N° 001-2026-CE-UGEL02" and heard[0].series == "acta-instalacion"
    assert len(documents) > 1  # the actas de sesión too, in the same run


def test_a_run_opens_its_registry_once_and_shares_it_with_its_copies(tmp_path):
    run = Run(make_settings(tmp_path), pdf=False)
    told = run.but(progress=lambda text: None)
    assert told.registry is run.registry and told.outbox == run.settings.outbox
    elsewhere = run.but(registry_path=tmp_path / "otro.sqlite")
    assert elsewhere.registry is not run.registry and elsewhere.registry.path == tmp_path / "otro.sqlite"


def test_progress_and_outbox_of_the_run_are_the_ones_produce_uses(tmp_path):
    said = []
    run = Run(make_settings(tmp_path), outbox=tmp_path / "salida", pdf=False, progress=said.append)
    documents = process_committee(EXAMPLES / "comite.xlsx", run, sesiones=False)
    assert said == [f"ACTA N° 001-2026-CE-UGEL02: {documents[0].docx.name}"]
    assert [path.name for path in files_under(tmp_path / "salida")] == ["ACTA N° 001-2026-CE-UGEL02.docx"]
    assert not (tmp_path / "outbox").exists()


def test_a_run_that_numbers_nothing_needs_no_installation(tmp_path):
    """`cddgen score` runs anywhere: the registry is opened only when a number is asked for."""
    run = Run(load_settings(cwd=tmp_path, environ={}), pdf=False)
    assert run.settings.installation is None and run.notes == []
    run.note("nada")
    assert run.but(pdf=True).notes == ["nada"]  # the receipt's notes are the run's, whatever copy adds them


def test_no_family_pipeline_imports_the_list_of_families():
    """pipeline/families.py imports every family; a family's modules import ``Family`` and ``Run``,
    never the list — not even for a type or inside a function (the cycle issue 20 names)."""
    folder = REPO / "generator" / "pipeline"
    for name in ("ascenso", "cap", "cdd", "comite", "informe", "numeracion", "reclamos", "signed_copies",
                 "resolucion", "family"):
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not imported & {"families", "generator.pipeline.families"}, name
    probe = ("import sys, generator.pipeline.cap, generator.pipeline.informe\n"
             "print('generator.pipeline.families' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    assert done.stdout.strip() == "False"
