"""The inbox never blocks (issue 15): no file, no name, nothing in the folder, no console stops
a pass; what cannot be processed is set aside with an explanation while the others are."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.pipeline.inbox import box as box_module
from generator.pipeline.inbox import ATTEMPTS_NAME, check_outbox, run_pass
from generator.pipeline.process import Outcome

from .conftest import EXAMPLES, REPO, make_settings
from .helpers import files_under
from .test_inbox import CONFIG, DAY, actas, drop, folder, put_away, variants

# A file name as unzip leaves it from a zip made on Windows: «Año» in the OEM code page.
OEM_NAME = os.fsdecode(b"A\xa4o 2025 comit\x82.xlsx")
ANSI_NAME = os.fsdecode(b"Comit\xe9 de evaluaci\xf3n.xlsx")  # the same, from a Latin-1 (cp1252) machine


def run_cli(tmp_path: Path, *args: str, script: str | None = None, **env: str) -> subprocess.CompletedProcess:
    """`cddgen ARGS` in its own process, in ``tmp_path`` (or ``script`` run with ARGS)."""
    environment = {**os.environ, "CDDGEN_HOY": DAY, "PYTHONPATH": str(REPO), **env}
    environment.pop("CDDGEN_PDF", None)
    command = [sys.executable, "-c", script, *args] if script else [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, timeout=600)


@pytest.fixture
def office(tmp_path):
    return make_settings(tmp_path, CONFIG)


# ---------------------------------------------------------------------------- 15.2 names


def test_names_that_are_not_utf8_are_processed_and_printed(tmp_path, office):
    """Issue 15.2: what unzipping a Windows zip gives. The files are processed under a readable
    name, the receipt keeps the name they came with, and nothing is left for a restart."""
    first, second = variants(2)
    drop(office, OEM_NAME, first)
    drop(office, ANSI_NAME, second)
    done = run_cli(tmp_path, "process", "--sin-pdf")
    output = done.stdout.decode("utf-8", errors="replace") + done.stderr.decode("utf-8", errors="replace")
    assert done.returncode == 0, output
    assert "Error interno" not in output
    assert "Año 2025 comité.xlsx: procesado" in output and "Comité de evaluación.xlsx: procesado" in output
    assert put_away(office) == {"procesados": ["Año 2025 comité.xlsx", "Comité de evaluación.xlsx"],
                                "observados": []}
    receipt = (folder(office, "procesados") / "Año 2025 comité.recibo.txt").read_text(encoding="utf-8")
    assert "El nombre con que llegó, «A\\xa4o 2025 comit\\x82.xlsx», no era texto válido (UTF-8" in receipt
    assert "Año 2025 comité.xlsx" in (office.outbox / "registro.log").read_text(encoding="utf-8")
    assert [path for path in office.inbox.iterdir() if path.is_file()] == []
    again = run_cli(tmp_path, "process", "--sin-pdf")
    assert again.returncode == 0 and "No había formularios para procesar." in again.stdout.decode()
    assert len(actas(office)) == 2 and check_outbox(office) == []


def test_a_claim_left_with_a_name_that_is_not_utf8_is_finished(office):
    """A claim of a cddgen killed before this change kept such a name: recovery renames it."""
    claim = office.inbox / ".procesando" / "20260101-000000-1-abcd"
    claim.mkdir(parents=True)
    (claim / OEM_NAME).write_bytes((EXAMPLES / "comite.xlsx").read_bytes())
    (result,) = run_pass(office, pdf=False).results
    assert (result.name, result.outcome) == ("Año 2025 comité.xlsx", Outcome.PROCESSED)
    assert result.renamed_from == "A\\xa4o 2025 comit\\x82.xlsx"


# ---------------------------------------------------------------------------- 15.3 folders


def test_files_and_links_named_like_cddgens_folders_are_moved_aside(tmp_path, office):
    """Issue 15.3: a plain file called «procesados» or «.procesando» and a link called
    «observados» (to a folder outside the inbox) in the inbox, and a link inside
    «.procesando»: every pass goes on, and nothing is written through a link."""
    outside = tmp_path / "fuera"
    outside.mkdir()
    (outside / "secreto.txt").write_text("no tocar", encoding="utf-8")
    office.inbox.mkdir(parents=True)
    (office.inbox / "procesados").write_bytes(b"un archivo que alguien dej\xc3\xb3 con ese nombre")
    (office.inbox / ".procesando").write_bytes(b"otro")
    (office.inbox / "observados").symlink_to(outside, target_is_directory=True)
    drop(office, "comite.xlsx")
    drop(office, "errores.xlsx", b"no es un libro")
    notes: list[str] = []
    report = run_pass(office, pdf=False, on_notice=notes.append)
    outcomes = {result.name: result.outcome for result in report.results}
    assert outcomes == {"comite.xlsx": Outcome.PROCESSED, "errores.xlsx": Outcome.OBSERVED,
                        "procesados (archivo)": Outcome.OBSERVED}
    for name in ("procesados", "observados", ".procesando"):
        assert (office.inbox / name).is_dir() and not (office.inbox / name).is_symlink(), name
    assert sorted(path.name for path in outside.iterdir()) == ["secreto.txt"]  # nothing written there
    assert (office.inbox / "observados (enlace)").is_symlink()
    assert (office.inbox / ".procesando (archivo)").read_bytes() == b"otro"
    assert any("había un enlace llamado «observados»" in note for note in notes)
    leame = (folder(office, "observados") / "procesados (archivo).LEAME.txt").read_text(encoding="utf-8")
    assert "no un formulario de cddgen" in leame
    # A link dropped inside .procesando is not a claim: never followed, moved out of the way.
    (office.inbox / ".procesando" / "toma-falsa").symlink_to(outside, target_is_directory=True)
    assert run_pass(office, pdf=False).results == []
    assert (office.inbox / "toma-falsa (enlace)").is_symlink()
    # Nor a link where the day's folder will be made.
    day = folder(office, "procesados").parent / "2026-11-23"
    day.symlink_to(outside, target_is_directory=True)
    drop(office, "otro.xlsx", variants(1, start=9)[0])
    (tomorrow,) = run_pass(make_settings(office.base_dir, today=dt.date(2026, 11, 23)), pdf=False).results
    assert tomorrow.outcome is Outcome.PROCESSED and not tomorrow.destination.parent.is_symlink()
    assert (day.parent / "2026-11-23 (enlace)").is_symlink()
    assert sorted(path.name for path in outside.iterdir()) == ["secreto.txt"]


# ---------------------------------------------------------------------------- 15.4 poison

KILLED_ON = """
import os, signal, sys
from generator.pipeline.inbox import box

real = box.process_file

def process_file(path, settings, **options):
    # Stands for a file that kills cddgen (out of memory, a crash in a library): SIGKILL
    # while it is being processed, nothing cleans up.
    if options["name"].startswith("veneno"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(path, settings, **options)

box.process_file = process_file
from generator.cli import main
main(sys.argv[1:])
"""


def test_a_file_that_kills_cddgen_twice_is_set_aside_and_the_others_are_processed(tmp_path, office):
    """Issue 15.4: a real `cddgen process`, killed with SIGKILL in the middle of one file, run
    again, killed again; the third run puts that file in observados/ with a LEAME and
    processes the others."""
    first, second, poison = variants(3)
    drop(office, "a-comite.xlsx", first)
    drop(office, "veneno.xlsx", poison)
    drop(office, "z-comite.xlsx", second)
    for attempt in (1, 2):
        killed = run_cli(tmp_path, "process", "--sin-pdf", script=KILLED_ON)
        assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
        (claim,) = [path for path in (office.inbox / ".procesando").iterdir()]
        assert (claim / "veneno.xlsx").exists() and (claim / ATTEMPTS_NAME).read_text().strip() == str(attempt)
    assert put_away(office) == {"procesados": ["a-comite.xlsx"], "observados": []}
    done = run_cli(tmp_path, "process", "--sin-pdf", script=KILLED_ON)
    assert done.returncode == 0, done.stderr.decode()
    assert put_away(office) == {"procesados": ["a-comite.xlsx", "z-comite.xlsx"], "observados": ["veneno.xlsx"]}
    leame = (folder(office, "observados") / "veneno.LEAME.txt").read_text(encoding="utf-8")
    assert "cddgen se detuvo 2 veces mientras procesaba este archivo" in leame
    assert "lo apartó sin volver a intentarlo, para que no detenga la bandeja" in leame
    assert list((office.inbox / ".procesando").iterdir()) == []
    assert check_outbox(office) == []


def test_an_unexpected_error_on_one_file_does_not_stop_the_pass(office, monkeypatch):
    """Issue 15.4: an error escaping the processing of one file (a bug of cddgen) is reported,
    the pass goes on with the others, and after the second failure the file is set aside."""
    real = box_module.process_file

    def failing(path, settings, **options):
        if options["name"] == "b-falla.xlsx":
            raise RuntimeError("fallo simulado")
        return real(path, settings, **options)

    monkeypatch.setattr(box_module, "process_file", failing)
    first, second, third = variants(3)
    drop(office, "a-comite.xlsx", first)
    drop(office, "b-falla.xlsx", second)
    drop(office, "c-comite.xlsx", third)
    report = run_pass(office, pdf=False)
    assert [(r.name, r.outcome) for r in report.results] == [
        ("a-comite.xlsx", Outcome.PROCESSED), ("b-falla.xlsx", Outcome.FAILED), ("c-comite.xlsx", Outcome.PROCESSED)]
    assert "Error interno de cddgen al procesarlo (RuntimeError: fallo simulado)" in report.results[1].reason
    assert [r.outcome for r in run_pass(office, pdf=False).results] == [Outcome.FAILED]
    (last,) = run_pass(office, pdf=False).results
    assert last.outcome is Outcome.OBSERVED and last.internal
    assert put_away(office)["observados"] == ["b-falla.xlsx"]


# ---------------------------------------------------------------------------- 15.6 consoles


def test_no_output_crashes_cddgen_in_a_cp1252_log(tmp_path, office):
    """Issue 15.6: a scheduled task on Windows writes to a log in cp1252, which has no «→», no
    emoji and nothing for a name that is not valid text: every line is written, none stops
    the pass."""
    first, second = variants(2)
    drop(office, "comité 🦙.xlsx", first)
    drop(office, OEM_NAME, second)
    drop(office, "nota→.txt", b"hola")
    log = tmp_path / "salida.log"
    with open(log, "wb") as handle:
        done = subprocess.run([sys.executable, "-m", "generator", "process", "--sin-pdf"], cwd=tmp_path,
                              env={**os.environ, "CDDGEN_HOY": DAY, "PYTHONIOENCODING": "cp1252"},
                              stdout=handle, stderr=subprocess.STDOUT, timeout=600)
    text = log.read_bytes().decode("cp1252")
    assert done.returncode == 0, text
    assert "comité ?.xlsx: procesado -> ACTA N° 00" in text
    assert "Año 2025 comité.xlsx: procesado -> ACTA N° 00" in text
    assert "nota->.txt: observado (1 problema) -> inbox/observados/" in text
    assert "Resumen: 2 procesados, 0 duplicados, 1 observado" in text
    assert put_away(office) == {"procesados": ["Año 2025 comité.xlsx", "comité 🦙.xlsx"], "observados": ["nota→.txt"]}


def test_console_fallbacks_are_plain_and_text_the_console_has_is_unchanged():
    from generator.console import ERRORS, install

    install()
    assert "Acta N° 001 — Ñañez → «listo» ✓ 🦙 \udce1".encode("cp1252", ERRORS) == \
        "Acta N° 001 — Ñañez -> «listo» v ? ?".encode("cp1252")
    assert "Año → ä".encode("ascii", ERRORS) == b"Ano -> a"


# ---------------------------------------------------------------------------- 15.7 the inbox itself


def test_a_configured_inbox_that_does_not_exist_is_refused_not_created(tmp_path):
    """Issue 15.7: an unmounted share or a typo in rutas.bandeja_entrada is said, with exit code
    2; only the installation's own default inbox is created when missing."""
    share = tmp_path / "servidor" / "bandeja"
    (tmp_path / "cddgen.toml").write_text(CONFIG + f"\n[rutas]\nbandeja_entrada = '{share}'\n", encoding="utf-8")
    done = run_cli(tmp_path, "process", "--sin-pdf")
    error = done.stderr.decode("utf-8")
    assert done.returncode == 2, error
    assert f"La bandeja de entrada «{share}» no existe (¿la carpeta de red no está conectada, o hay un error en el " \
           "nombre?)." in error
    assert "No había formularios" not in done.stdout.decode("utf-8")
    assert not share.exists()
    typo = run_cli(tmp_path, "process", str(tmp_path / "bandja"), "--sin-pdf")
    assert typo.returncode == 2 and not (tmp_path / "bandja").exists()
    (tmp_path / "cddgen.toml").write_text(CONFIG, encoding="utf-8")
    default = run_cli(tmp_path, "process", "--sin-pdf")
    assert default.returncode == 0 and (tmp_path / "inbox").is_dir()
    assert "No había formularios para procesar." in default.stdout.decode("utf-8")


def test_a_pass_over_a_share_that_went_away_refuses_it_and_writes_nothing(tmp_path):
    """(``cddgen watch`` shows the error and tries again at its next scan.)"""
    share = tmp_path / "compartida"
    share.mkdir()
    settings = make_settings(tmp_path, CONFIG + f"\n[rutas]\nbandeja_entrada = '{share}'\n")
    share.rmdir()
    with pytest.raises(ConfigError, match="no existe"):
        run_pass(settings, pdf=False)
    assert not share.exists() and files_under(tmp_path / "outbox") == []
