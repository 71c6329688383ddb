"""The shared inbox (issue 7): `cddgen process` / `cddgen watch` take every dropped form once,
turn it into documents or explain what to fix, and never lose one — even killed mid-batch."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from generator.errors import UnreadableInput
from generator.pipeline.inbox import box as box_module, claims as claims_module
from generator.pipeline.families import FAMILIES, family
from generator.pipeline.inbox import Inbox, StabilityTracker, check_outbox, is_ignored, run_pass
from generator.pipeline.ledger import Ledger
from generator.pipeline.process import Outcome, process_file, recognise
from generator.render.documents import open_registry
from generator.render.marked import PROBLEM_FILL
from generator.run import Run

from .conftest import EXAMPLES, docx_text, make_settings
from .helpers import as_ascenso_form_v2, edit_workbook, files_under

DAY = "2026-11-22"
CONFIG = """
[bandeja]
estabilidad_segundos = 0.2
intervalo_escaneo = 0.5

[pdf]
activar = false
"""


def _without_sessions(source: Path) -> Path:
    """The committee example without its working sessions: one document per form (the acta de
    instalación, no actas de sesión) keeps these tests of the inbox's mechanics small and fast."""
    from openpyxl import load_workbook

    target = Path(tempfile.mkdtemp(prefix="cddgen-inbox-")) / source.name
    workbook = load_workbook(source)
    for name in ("Sesiones", "Acuerdos de sesiones"):
        sheet = workbook[name]
        sheet.delete_rows(2, sheet.max_row)
    workbook.save(target)
    return target


EXAMPLE = _without_sessions(EXAMPLES / "comite.xlsx")


@pytest.fixture
def office(tmp_path):
    """Settings of an office whose inbox, outbox and registries live in tmp_path (no PDF)."""
    return make_settings(tmp_path, CONFIG)


def drop(settings, name: str, data: bytes | Path = EXAMPLE) -> Path:
    target = settings.inbox / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data.read_bytes() if isinstance(data, Path) else data)
    return target


def variants(count: int, start: int = 0) -> list[bytes]:
    """Copies of the example, each for another committee (resolution N° start, start+1, ...).

    The resolution is patched into the sheet's XML, which takes milliseconds per copy where
    saving with openpyxl takes tens."""
    with zipfile.ZipFile(EXAMPLE) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    result = []
    for number in range(start, start + count):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, data in parts:
                archive.writestr(info, data.replace(b" 00125-2025-", f" {number:05d}-2025-".encode()))
        result.append(buffer.getvalue())
    assert result[0] != result[-1] or count == 1
    return result


def folder(settings, kind: str) -> Path:
    return settings.inbox / kind / DAY


def put_away(settings) -> dict[str, list[str]]:
    """Input names in procesados/ and observados/ (receipts and explanations left out)."""
    found = {}
    for kind in ("procesados", "observados"):
        found[kind] = sorted(
            path.name for path in files_under(settings.inbox / kind)
            if not path.name.endswith((".recibo.txt", ".LEAME.txt", ".observado.xlsx"))
        )
    return found


def actas(settings) -> list[Path]:
    return files_under(settings.outbox / "2026" / "acta-instalacion")


def log_lines(settings) -> list[str]:
    log = settings.outbox / "registro.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def assert_consistent(settings, count: int) -> None:
    """Numbers 1..count, all issued, no gap, and outbox/registry/inbox in agreement."""
    entries = open_registry(settings).entries()
    assert [entry.number for entry in entries] == list(range(1, count + 1))
    assert {entry.status for entry in entries} == {"emitido"}
    assert check_outbox(settings) == []


def cli(tmp_path, *args, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "CDDGEN_HOY": DAY, "PYTHONUNBUFFERED": "1"}
    env.pop("CDDGEN_PDF", None)
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)


# ---------------------------------------------------------------------------- claiming


def test_a_file_copied_slowly_in_chunks_is_processed_once_and_complete(office):
    data = EXAMPLE.read_bytes()
    target = office.inbox / "comite.xlsx"
    target.parent.mkdir(parents=True)
    chunks = [data[i:i + len(data) // 8 + 1] for i in range(0, len(data), len(data) // 8 + 1)]
    first_written = threading.Event()

    def copy_slowly():
        with open(target, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
                handle.flush()
                first_written.set()
                time.sleep(0.08)  # shorter than the stability time: still one copy in progress

    writer = threading.Thread(target=copy_slowly)
    writer.start()
    first_written.wait(5)
    report = run_pass(office, pdf=False)
    writer.join()
    assert [(r.name, r.outcome) for r in report.results] == [("comite.xlsx", Outcome.PROCESSED)]
    assert (folder(office, "procesados") / "comite.xlsx").read_bytes() == data
    assert [p.name for p in actas(office)] == ["ACTA N° 001-2026-CE-UGEL02.docx"]
    assert len(log_lines(office)) == 1
    assert run_pass(office, pdf=False).results == []


def test_office_temporary_lock_and_hidden_files_are_left_alone(office):
    names = ["~$comite.xlsx", ".~lock.comite.xlsx#", "comite.tmp", ".oculto.xlsx", "Thumbs.db"]
    for name in names:
        drop(office, name)
    report = run_pass(office, pdf=False)
    assert report.results == []
    for name in names:
        assert (office.inbox / name).read_bytes() == EXAMPLE.read_bytes()
    assert all(is_ignored(name) for name in names)
    assert not is_ignored("comite.xlsx") and not is_ignored("acta 2026.docx")


def test_an_empty_file_is_not_taken_until_it_has_content(office):
    drop(office, "vacio.xlsx", b"")
    report = run_pass(office, pdf=False)
    assert report.results == [] and report.empty == ["vacio.xlsx"]
    assert (office.inbox / "vacio.xlsx").exists()


def test_stability_needs_the_same_size_and_time_for_the_whole_period():
    now = [0.0]
    tracker = StabilityTracker(3.0, clock=lambda: now[0])
    assert tracker.observe({"a.xlsx": (10, 1)}) == ([], 3.0)
    now[0] = 2.0
    assert tracker.observe({"a.xlsx": (20, 2)}) == ([], 3.0)  # grew: starts again
    now[0] = 4.9
    assert tracker.observe({"a.xlsx": (20, 2)})[0] == []
    now[0] = 5.0
    assert tracker.observe({"a.xlsx": (20, 2)}) == (["a.xlsx"], None)
    assert tracker.observe({"b.xlsx": (0, 1)}) == ([], 3.0)  # an empty file is watched...
    now[0] = 9.0
    assert tracker.observe({"b.xlsx": (0, 1)}) == ([], None)  # ...but never taken, nor waited for


def test_only_one_of_two_inboxes_claims_a_file(office):
    drop(office, "comite.xlsx")
    first, second = Inbox(office), Inbox(office)
    key = first.scan()["comite.xlsx"]
    claim = first.claim("comite.xlsx", key)
    assert claim is not None and claim.path.exists()
    assert second.claim("comite.xlsx", key) is None
    assert list(second.orphaned_claims()) == []  # a live claim is never taken over
    claim.abandon()  # as if its process died
    (orphan,) = second.orphaned_claims()
    assert orphan.name == "comite.xlsx" and orphan.recovered
    orphan.abandon()


def test_without_file_locks_a_claim_of_a_dead_process_is_adopted_and_a_live_one_is_not(office, monkeypatch):
    from generator.pipeline.locking import LockUnsupported

    def no_locks(*args, **kwargs):
        raise LockUnsupported(95, "sin bloqueos")

    monkeypatch.setattr(claims_module, "try_lock", no_locks)
    drop(office, "comite.xlsx")
    box = Inbox(office)
    claim = box.claim("comite.xlsx", box.scan()["comite.xlsx"])
    owner = claim.folder / claims_module.OWNER_NAME
    assert f"pid={os.getpid()}" in owner.read_text(encoding="utf-8")
    assert list(box.orphaned_claims()) == []  # its owner (this process) is alive
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    owner.write_text(owner.read_text(encoding="utf-8").replace(f"pid={os.getpid()}", f"pid={dead.stdout.strip()}"),
                     encoding="utf-8")
    report = run_pass(office, pdf=False, inbox=box)
    assert [(r.name, r.outcome) for r in report.results] == [("comite.xlsx", Outcome.PROCESSED)]
    assert_consistent(office, 1)


def test_two_concurrent_process_runs_never_process_the_same_file_twice(tmp_path, office):
    for number, data in enumerate(variants(16)):
        drop(office, f"comite-{number:02d}.xlsx", data)
    runs = [cli(tmp_path, "process", "--sin-pdf") for _ in range(2)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert put_away(office)["procesados"] == [f"comite-{number:02d}.xlsx" for number in range(16)]
    lines = log_lines(office)
    assert len(lines) == 16 and all("| procesado |" in line for line in lines)
    rows = Ledger(office.registry_path.parent / "bandeja.sqlite").rows()
    assert sorted(row.name for row in rows) == sorted(put_away(office)["procesados"])
    assert_consistent(office, 16)


# ---------------------------------------------------------------------------- idempotency and versions


def test_the_same_file_twice_gives_one_set_of_documents(office):
    drop(office, "comite.xlsx")
    first = run_pass(office, pdf=False).results
    drop(office, "comite.xlsx")
    drop(office, "copia de comite.xlsx")
    second = run_pass(office, pdf=False).results
    assert [r.outcome for r in first] == [Outcome.PROCESSED]
    assert sorted((r.name, r.outcome) for r in second) == [
        ("comite.xlsx", Outcome.DUPLICATE), ("copia de comite.xlsx", Outcome.DUPLICATE)]
    assert {r.documents for r in first + second} == {first[0].documents}
    assert [p.name for p in actas(office)] == ["ACTA N° 001-2026-CE-UGEL02.docx"]
    processed = folder(office, "procesados")
    assert sorted(p.name for p in processed.iterdir()) == [
        "comite (2).recibo.txt", "comite (2).xlsx", "comite.recibo.txt", "comite.xlsx",
        "copia de comite.recibo.txt", "copia de comite.xlsx"]
    receipt = (processed / "comite (2).recibo.txt").read_text(encoding="utf-8")
    assert re.search(r"DUPLICADO: este archivo es idéntico a «comite\.xlsx» \(versión 1, procesado el \d\d/\d\d/\d{4}",
                     receipt)
    assert "No se generaron documentos nuevos ni se usaron números nuevos" in receipt
    assert "ACTA N° 001-2026-CE-UGEL02" in receipt
    assert_consistent(office, 1)


def test_a_workbook_dropped_with_its_committee_is_signed_in_the_same_pass(office, tmp_path):
    """Issue 15.5: the committee form and an Ascenso workbook dropped together, the workbook
    first by name. The workbook waits for the rest of the pass, and the committee received
    in this same inbox signs its actas: nothing goes back to the inbox, nothing fails.
    The workbook is of form version 2 (issue 13): processed all the same, with a warning."""
    old_form = tmp_path / "v2" / "ascenso.xlsx"
    old_form.parent.mkdir()
    shutil.copy(EXAMPLES / "ascenso.xlsx", old_form)
    as_ascenso_form_v2(old_form, office.rules.ascenso)
    drop(office, "a-libro-ascenso.xlsx", old_form)
    drop(office, "z-comite.xlsx", EXAMPLES / "comite.xlsx")  # its sessions date the actas
    report = run_pass(office, pdf=False)
    assert [(r.name, r.outcome) for r in report.results] == [("z-comite.xlsx", Outcome.PROCESSED),
                                                           ("a-libro-ascenso.xlsx", Outcome.PROCESSED)]
    assert report.failed == []
    assert put_away(office) == {"procesados": ["a-libro-ascenso.xlsx", "z-comite.xlsx"], "observados": []}
    signed = report.results[1]
    kinds = [document.kind for document in signed.documents]
    # Every acta, and what the workbook's reclamos and causales yield (oficios, new actas).
    assert kinds.count("acta-resultados") > 34 and "oficio-reclamo" in kinds and "oficio-retiro" in kinds
    acta = next(d for d in signed.documents if d.person.startswith("41234567"))
    assert "María Elena Quispe Ñañez" in docx_text(Path(acta.files[0]))
    assert any(warning.startswith("a-libro-ascenso.xlsx es de una versión anterior del formulario")
               for warning in signed.warnings)
    assert "versión anterior del formulario" in signed.note.read_text(encoding="utf-8")


def test_a_workbook_without_any_committee_is_set_aside_once_for_the_operator(office):
    """Issue 15.5: alone, with no committee form configured or received, the workbook is set
    aside in observados/ with a LEAME saying what to do (no internal folder, no command
    option), and no later pass tries it again; dropped again after the committee, it is
    processed."""
    drop(office, "ascenso.xlsx", EXAMPLES / "ascenso.xlsx")
    [alone] = run_pass(office, pdf=False).results
    assert alone.outcome is Outcome.OBSERVED and alone.waits_for == "comite"
    assert put_away(office) == {"procesados": [], "observados": ["ascenso.xlsx"]}
    leame = (folder(office, "observados") / "ascenso.LEAME.txt").read_text(encoding="utf-8")
    committee = family("comite").title
    assert (f"Motivo:\n\n1. Este formulario está bien, pero sus documentos necesitan el formulario «{committee}», "
            "que cddgen no tiene") in leame
    assert f"Deje en la bandeja el formulario «{committee}», llenado, y después vuelva a dejar este archivo." in leame
    assert ".procesando" not in leame and "--" not in leame
    assert not (folder(office, "observados") / "ascenso.observado.xlsx").exists()
    assert run_pass(office, pdf=False).results == []  # set aside once, never retried
    drop(office, "comite.xlsx", EXAMPLES / "comite.xlsx")
    drop(office, "ascenso.xlsx", folder(office, "observados") / "ascenso.xlsx")
    later = run_pass(office, pdf=False).results
    assert [(r.name, r.outcome) for r in later] == [("comite.xlsx", Outcome.PROCESSED),
                                                  ("ascenso.xlsx", Outcome.PROCESSED)]


def test_a_workbook_with_its_own_errors_reports_them_before_any_committee_question(office, tmp_path):
    """Issue 15.5: the workbook is validated first: its own errors are what the sender reads."""
    wrong = Path(shutil.copy(EXAMPLES / "ascenso.xlsx", tmp_path / "libro.xlsx"))
    edit_workbook(wrong, {"Postulantes": {"A2": "123"}})
    drop(office, "ascenso.xlsx", wrong)
    [result] = run_pass(office, pdf=False).results
    assert result.outcome is Outcome.OBSERVED and not result.waits_for
    assert any("«123» no es un DNI válido" in str(issue) for issue in result.issues)
    assert "Comité" not in result.reason


def test_a_corrected_form_is_a_new_version_that_keeps_the_number(office, tmp_path):
    drop(office, "comite.xlsx")
    run_pass(office, pdf=False)
    corrected = tmp_path / "corregido.xlsx"
    shutil.copy(EXAMPLE, corrected)
    edit_workbook(corrected, {"Sesión": {"B6": "el Auditorio de la UGEL 02"}})
    drop(office, "comite.xlsx", corrected)
    (result,) = run_pass(office, pdf=False).results
    assert result.outcome is Outcome.PROCESSED and result.version == 2
    assert result.replaces is not None and result.replaces.name == "comite.xlsx"
    assert [d.number for d in result.documents] == ["ACTA N° 001-2026-CE-UGEL02"]
    receipt = (folder(office, "procesados") / "comite (2).recibo.txt").read_text(encoding="utf-8")
    assert "Versión: 2." in receipt
    assert re.search(r"Esta versión reemplaza a «comite\.xlsx» \(versión 1, procesado el \d\d/\d\d/\d{4}", receipt)
    (acta,) = actas(office)
    assert "el Auditorio de la UGEL 02" in docx_text(acta)
    # Another committee in a file with the same name is not a version of the first one.
    drop(office, "comite.xlsx", variants(1, start=300)[0])
    (other,) = run_pass(office, pdf=False).results
    assert other.replaces is None and other.version == 1
    assert [d.number for d in other.documents] == ["ACTA N° 002-2026-CE-UGEL02"]
    assert_consistent(office, 2)


def test_two_hundred_files_dropped_at_once_are_all_processed(office):
    for number, data in enumerate(variants(200)):
        drop(office, f"comite-{number:03d}.xlsx", data)
    report = run_pass(office, pdf=False)
    assert len(report.results) == 200
    assert {r.outcome for r in report.results} == {Outcome.PROCESSED}
    numbers = [d.number for r in report.results for d in r.documents]
    assert sorted(numbers) == [f"ACTA N° {n:03d}-2026-CE-UGEL02" for n in range(1, 201)]
    assert len(actas(office)) == 200
    assert len(put_away(office)["procesados"]) == 200
    assert len(log_lines(office)) == 200
    assert_consistent(office, 200)
    index = load_workbook(office.outbox / "LISTOS-PARA-FIRMA.xlsx")
    assert sum(1 for row in index.active.iter_rows(min_row=5, values_only=True) if row[2]) == 200


# ---------------------------------------------------------------------------- rejected forms


def test_rejected_files_land_in_observados_with_their_explanation(office, tmp_path):
    corrupt = EXAMPLE.read_bytes()[:4000]
    letter = tmp_path / "carta.docx"
    document = Document()
    document.add_paragraph("Señor director: por medio de la presente le saludo cordialmente.")
    document.save(letter)
    wrong = tmp_path / "errores.xlsx"
    shutil.copy(EXAMPLE, wrong)
    edit_workbook(wrong, {"Integrantes": {"E2": "4012345", "G2": "sin-arroba", "D3": "Director(a) de la UGEL"}})
    originals = {
        "corrupto.xlsx": corrupt,
        "carta.docx": letter.read_bytes(),
        "errores.xlsx": wrong.read_bytes(),
        "escaneo.pdf": b"%PDF-1.7\n...",
        "foto.jpg": b"\xff\xd8\xff\xe0 not really a photo",
    }
    for name, data in originals.items():
        drop(office, name, data)
    report = run_pass(office, pdf=False)
    assert {r.name: r.outcome for r in report.results} == dict.fromkeys(originals, Outcome.OBSERVED)
    observed = folder(office, "observados")
    for name, data in originals.items():
        assert (observed / name).read_bytes() == data  # the original, untouched
    leame = {name: (observed / f"{Path(name).stem}.LEAME.txt").read_text(encoding="utf-8") for name in originals}
    assert "dañado o incompleto (¿se cortó la copia?)" in leame["corrupto.xlsx"]
    assert "carta.docx: es un documento de Word, pero no es un formulario de cddgen" in leame["carta.docx"]
    assert ("cddgen acepta: «Comité de Evaluación – actas de instalación y de las sesiones de trabajo» (libro de "
            "Excel .xlsx)") in leame["carta.docx"]
    assert "escaneo.pdf: es un PDF, no un formulario de cddgen" in leame["escaneo.pdf"]
    assert "no una foto ni un escaneo" in leame["foto.jpg"]
    text = leame["errores.xlsx"]
    assert "Los 3 problemas que hay que corregir:" in text
    assert "1. errores.xlsx, hoja «Integrantes», fila 2, columna «DNI»: «4012345» no es un DNI válido" in text
    assert "fila 2, columna «Correo electrónico»" in text and "fila 3, columna «Cargo del puesto»" in text
    assert "«errores.observado.xlsx»" in text
    marked = load_workbook(observed / "errores.observado.xlsx")
    assert marked.sheetnames[0] == "Observaciones" and marked.active.title == "Observaciones"
    sheet = marked["Integrantes"]
    for ref, words in (("E2", "no es un DNI válido"), ("G2", "correo"), ("D3", "segundo miembro")):
        assert sheet[ref].fill == PROBLEM_FILL, ref
        assert words in sheet[ref].comment.text and sheet[ref].comment.author == "cddgen"
    assert sheet["B2"].comment is None and sheet["B2"].fill != PROBLEM_FILL
    summary = [row for row in marked["Observaciones"].iter_rows(min_row=5, values_only=True) if row[0]]
    assert len(summary) == 3
    assert not (observed / "corrupto.observado.xlsx").exists()  # cannot be opened: the text says it all
    assert actas(office) == [] and put_away(office)["procesados"] == []
    assert all("| observado |" in line for line in log_lines(office))
    assert check_outbox(office) == []


def test_a_corrected_marked_copy_dropped_again_is_processed(office, tmp_path):
    wrong = tmp_path / "comite.xlsx"
    shutil.copy(EXAMPLE, wrong)
    edit_workbook(wrong, {"Integrantes": {"E2": "4012345"}})
    drop(office, "comite.xlsx", wrong)
    run_pass(office, pdf=False)
    marked = folder(office, "observados") / "comite.observado.xlsx"
    fixed = tmp_path / "comite corregido.xlsx"
    shutil.copy(marked, fixed)
    edit_workbook(fixed, {"Integrantes": {"E2": "40123456"}})
    drop(office, fixed.name, fixed)
    (result,) = run_pass(office, pdf=False).results
    assert result.outcome is Outcome.PROCESSED and result.version == 2
    # The observed upload produced nothing, so nothing is replaced: the receipt says it corrects it
    # (issue 14.3).
    assert result.replaces is None and result.corrects.status == "observado"
    receipt = (folder(office, "procesados") / "comite corregido.recibo.txt").read_text(encoding="utf-8")
    assert "Corrige a «comite.xlsx» (versión 1, observado el" in receipt and "que no generó documentos" in receipt
    assert "reemplaza" not in receipt


# ---------------------------------------------------------------------------- recognition


def test_forms_are_recognised_by_content_not_by_name(office, tmp_path):
    renamed = tmp_path / "cualquier-nombre.xlsx"
    shutil.copy(EXAMPLE, renamed)
    assert recognise(renamed) == (family("comite"), "marca")
    without_marker = tmp_path / "sin-marca.xlsx"
    workbook = load_workbook(EXAMPLE)
    del workbook["_cddgen"]
    workbook.save(without_marker)
    assert recognise(without_marker) == (family("comite"), "propiedades")
    workbook.properties.keywords = None
    workbook.save(without_marker)
    assert recognise(without_marker) == (family("comite"), "hojas")
    drop(office, "cualquier-nombre.xlsx", renamed)
    drop(office, "pegado en otro libro.xlsx", without_marker)
    report = run_pass(office, pdf=False)
    first, second = report.results
    assert (first.name, first.outcome, first.recognised_by) == ("cualquier-nombre.xlsx", Outcome.PROCESSED, "marca")
    # Other bytes, same committee: a new version of the same form, with the same acta.
    assert (second.name, second.outcome, second.recognised_by) == ("pegado en otro libro.xlsx",
                                                                     Outcome.PROCESSED, "hojas")
    assert second.replaces is not None and second.replaces.name == "cualquier-nombre.xlsx"
    assert [p.name for p in actas(office)] == ["ACTA N° 001-2026-CE-UGEL02.docx"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("otro.xlsx", "foreign-workbook", "es un libro de Excel, pero no es un formulario de cddgen"),
        ("comite.docx", "workbook-as-docx", "por su contenido es un libro de Excel (.xlsx), pero su nombre termina en «.docx»"),
        ("plantilla.xlsx", "marker:planilla", "es el formulario de cddgen «Planilla 2030» de tipo «planilla», "
                                              "que esta instalación de cddgen no procesa"),
        ("viejo.xls", "ole2", "es un libro de Excel antiguo (.xls)"),
        ("datos.csv", "text", "es un archivo de texto CSV"),
    ],
)
def test_what_cannot_be_recognised_is_explained(tmp_path, name, content, message):
    path = tmp_path / name
    if content == "foreign-workbook":
        from openpyxl import Workbook

        Workbook().save(path)
    elif content == "workbook-as-docx":
        shutil.copy(EXAMPLE, path)
    elif content.startswith("marker:"):
        workbook = load_workbook(EXAMPLE)
        workbook["_cddgen"]["B1"] = content.split(":")[1]
        workbook["_cddgen"]["B3"] = "Planilla 2030"
        workbook.save(path)
    elif content == "ole2":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    else:
        path.write_text("dni;nombre\n40123456;María\n", encoding="utf-8")
    with pytest.raises(UnreadableInput) as error:
        recognise(path)
    assert message in str(error.value)


def test_process_file_alone_needs_no_inbox(settings, example):
    result = process_file(example("comite.xlsx"), Run(settings, pdf=False))
    assert result.outcome is Outcome.PROCESSED and result.family is FAMILIES[0]
    # The acta de instalación and one acta per working session (seed 003, 1.5 d).
    assert [d.number for d in result.documents] == ["ACTA N° 001-2026-CE-UGEL02"] + [
        f"ACTA DE SESIÓN N° {n:03d}-2026-CE-UGEL02" for n in range(1, 8)]
    assert example("comite.xlsx").exists()  # process_file never moves its input


# ---------------------------------------------------------------------------- crash safety


class Crash(BaseException):
    """Stands for SIGKILL at a chosen point: nothing after it runs, no handler cleans up."""


def crash_at(monkeypatch, target, name):
    original = getattr(target, name)
    calls = []

    def crashing(*args, **kwargs):
        calls.append(args)
        raise Crash(name)

    monkeypatch.setattr(target, name, crashing)
    return original, calls


@pytest.mark.parametrize("point", ["after-reserve", "after-documents", "after-ledger", "after-move"])
def test_a_crash_at_any_step_is_finished_by_the_next_pass(office, monkeypatch, point):
    drop(office, "comite.xlsx")
    if point == "after-reserve":
        import generator.render.documents as documents

        monkeypatch.setattr(documents, "render_docx", lambda *a, **k: (_ for _ in ()).throw(Crash()))
    elif point == "after-documents":
        monkeypatch.setattr(box_module, "receipt_text", lambda *a, **k: (_ for _ in ()).throw(Crash()))
    elif point == "after-ledger":
        real_replace = os.replace

        def replace(src, dst):
            if Path(dst).parent.name == DAY:
                raise Crash()
            return real_replace(src, dst)

        monkeypatch.setattr(box_module.os, "replace", replace)
    else:
        monkeypatch.setattr(box_module, "log_line", lambda *a, **k: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        run_pass(office, pdf=False)
    monkeypatch.undo()
    problems = check_outbox(office)
    assert problems, "a crash leaves something to finish"
    report = run_pass(office, pdf=False)
    # After the move only the log line was missing: it is written, nothing is processed again.
    assert len(report.results) == (0 if point == "after-move" else 1)
    assert all(result.ok for result in report.results)
    assert put_away(office) == {"procesados": ["comite.xlsx"], "observados": []}
    assert [p.name for p in actas(office)] == ["ACTA N° 001-2026-CE-UGEL02.docx"]
    assert len(log_lines(office)) == 1
    assert_consistent(office, 1)


def test_a_number_reserved_for_a_form_then_rejected_is_annulled_never_reused(office, tmp_path, monkeypatch):
    drop(office, "comite.xlsx")
    import generator.render.documents as documents

    monkeypatch.setattr(documents, "render_docx", lambda *a, **k: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        run_pass(office, pdf=False)
    monkeypatch.undo()
    (pending,) = open_registry(office).pending()
    # Before the restart the office's rules changed: the same committee is now invalid.
    settings = make_settings(tmp_path, CONFIG + '\n[institucion]\ntipo = "DRE"\n')
    (result,) = run_pass(settings, pdf=False).results
    assert result.outcome is Outcome.OBSERVED
    (entry,) = open_registry(settings).entries()
    assert (entry.number, entry.status) == (pending.number, "anulado")
    assert "quedó observado" in entry.note
    drop(settings, "otro.xlsx", variants(1, start=7)[0])
    run_pass(make_settings(tmp_path, CONFIG), pdf=False)
    numbers = [(e.number, e.status) for e in open_registry(settings).entries()]
    assert numbers == [(1, "anulado"), (2, "emitido")]
    assert check_outbox(make_settings(tmp_path, CONFIG)) == []


def test_sigkill_mid_batch_then_restart_leaves_everything_consistent(tmp_path, office):
    names = [f"comite-{number:02d}.xlsx" for number in range(30)]
    for name, data in zip(names, variants(30)):
        drop(office, name, data)
    wrong = Path(shutil.copy(EXAMPLE, tmp_path / "e.xlsx"))
    drop(office, "errores.xlsx", edit_workbook(wrong, {"Integrantes": {"E2": "123"}}))
    run = cli(tmp_path, "process", "--sin-pdf")
    deadline = time.monotonic() + 60
    while len(log_lines(office)) < 8 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.01)
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=30)
    assert 8 <= len(log_lines(office)) < 31, "killed mid-batch"
    restart = cli(tmp_path, "process", "--sin-pdf")
    output = restart.communicate(timeout=120)[0]
    assert restart.returncode == 0, output
    assert put_away(office) == {"procesados": names, "observados": ["errores.xlsx"]}
    assert sorted(path.name for path in office.inbox.iterdir() if path.is_file()) == []
    assert check_outbox(office) == []
    registry = open_registry(office)
    assert registry.pending() == []
    assert [entry.number for entry in registry.entries()] == list(range(1, 31))
    assert len(actas(office)) == 30
    verify = cli(tmp_path, "process", "--verificar")
    assert verify.communicate(timeout=60)[0].strip().endswith("concuerdan.") and verify.returncode == 0


def test_check_outbox_names_every_inconsistency(office):
    drop(office, "comite.xlsx")
    run_pass(office, pdf=False)
    assert check_outbox(office) == []
    (acta,) = actas(office)
    stray = acta.with_name("ACTA N° 999-2026-CE-UGEL02.docx")
    stray.write_bytes(b"x")
    (acta.parent / ".cddgen-tmp-abc-ACTA.docx").write_bytes(b"half")
    acta.unlink()
    open_registry(office).reserve("acta-instalacion", "UGEL02", 2026, "otra clave")
    problems = "\n".join(check_outbox(office))
    assert "Falta el archivo" in problems and "ACTA N° 001-2026-CE-UGEL02.docx" in problems
    assert "«2026/acta-instalacion/ACTA N° 999-2026-CE-UGEL02.docx» no corresponde" in problems
    assert "Quedó un archivo temporal" in problems
    assert "«ACTA N° 002-2026-CE-UGEL02» quedó reservado" in problems


# ---------------------------------------------------------------------------- for the secretaries


def test_the_index_and_the_log_list_what_is_ready_to_sign(office):
    drop(office, "comite.xlsx")
    drop(office, "otro comité.xlsx", variants(1, start=9)[0])
    report = run_pass(office, pdf=False)
    xlsx, html_page = report.index
    assert xlsx.parent == office.outbox / "lotes" and xlsx.name.endswith("-LISTOS-PARA-FIRMA.xlsx")
    page = (office.outbox / "LISTOS-PARA-FIRMA.html").read_text(encoding="utf-8")
    assert "<h1>Listos para firma — 22/11/2026</h1>" in page
    assert 'href="2026/acta-instalacion/ACTA%20N%C2%B0%20001-2026-CE-UGEL02.docx"' in page
    assert "otro comité.xlsx" in page
    assert 'href="../2026/acta-instalacion/' in html_page.read_text(encoding="utf-8")
    sheet = load_workbook(office.outbox / "LISTOS-PARA-FIRMA.xlsx").active
    rows = [row for row in sheet.iter_rows(min_row=5) if row[2].value]
    assert [row[2].value for row in rows] == ["ACTA N° 001-2026-CE-UGEL02", "ACTA N° 002-2026-CE-UGEL02"]
    assert rows[0][4].hyperlink.target == "2026/acta-instalacion/ACTA%20N%C2%B0%20001-2026-CE-UGEL02.docx"
    lines = log_lines(office)
    assert len(lines) == 2
    assert lines[0].startswith("20") and "| comite.xlsx | sha256:" in lines[0]
    assert lines[0].endswith("| procesado | ACTA N° 001-2026-CE-UGEL02: 2026/acta-instalacion/"
                             "ACTA N° 001-2026-CE-UGEL02.docx")


def test_index_escapes_what_people_type(tmp_path):
    import datetime as dt

    from generator.render.batch_index import ReadyDocument, write_index

    hostile = ReadyDocument("oficio-cdd", "OFICIO N° 001", 'Pérez & Hijos <SAC> "Lucho"',
                            (tmp_path / "2026" / "oficio" / "OFICIO <1>.docx",), '=HYPERLINK("http://x")')
    xlsx, page = write_index([hostile], tmp_path / "i.xlsx", tmp_path / "i.html", title="Listos <hoy>",
                             generated=dt.datetime(2026, 11, 22, 9, 30))
    text = page.read_text(encoding="utf-8")
    assert "Pérez &amp; Hijos &lt;SAC&gt; &quot;Lucho&quot;" in text and "<SAC>" not in text
    assert "<title>Listos &lt;hoy&gt;</title>" in text
    assert 'href="2026/oficio/OFICIO%20%3C1%3E.docx"' in text
    row = next(load_workbook(xlsx).active.iter_rows(min_row=5, values_only=True))
    assert row[3] == 'Pérez & Hijos <SAC> "Lucho"' and row[5] == '=HYPERLINK("http://x")'
    assert load_workbook(xlsx).active["F5"].data_type == "s"


# ---------------------------------------------------------------------------- watch


def watch_then_stop(run: subprocess.Popen, office) -> list[str]:
    """Drop a file, wait for its documents, drop another and send SIGTERM once it is claimed."""
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(run.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    while not any("Vigilando" in line for line in lines) and time.monotonic() < deadline:
        time.sleep(0.05)
    drop(office, "comite.xlsx")
    while not log_lines(office) and time.monotonic() < deadline + 60:
        time.sleep(0.05)
    # Word, PDF and the positions of its signature fields («….firmas.json»).
    assert [p.suffix for p in actas(office)] == [".docx", ".json", ".pdf"], lines
    # A second file: SIGTERM as soon as it is claimed; it must still be finished.
    drop(office, "otro.xlsx", variants(1, start=5)[0])
    claims = office.inbox / ".procesando"
    while not any(claims.iterdir()) and time.monotonic() < deadline + 90:
        time.sleep(0.005)
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=120) == 0, lines
    reader.join(timeout=5)
    assert put_away(office)["procesados"] == ["comite.xlsx", "otro.xlsx"], lines
    assert len(actas(office)) == 6 and len(log_lines(office)) == 2
    assert not any(claims.iterdir())
    return lines


@pytest.mark.libreoffice
def test_watch_processes_a_dropped_file_and_finishes_it_on_sigterm(tmp_path, office):
    """The one inbox test with PDF: conversion is slow enough to send SIGTERM mid-file."""
    (tmp_path / "cddgen.toml").write_text(CONFIG.replace("activar = false", "activar = true"), encoding="utf-8")
    run = cli(tmp_path, "watch")
    try:
        lines = watch_then_stop(run, office)
    finally:
        if run.poll() is None:  # a failed assertion must not leave the watcher running
            run.kill()
            run.wait()
    assert any("Detenido." in line for line in lines)
    assert check_outbox(office) == []


def test_network_file_systems_are_polled():
    from generator.pipeline.inbox import InboxConfig
    from generator.pipeline.watch import is_network_path, mount_type, use_polling

    mounts = (
        "/dev/sda1 / ext4 rw 0 0\n"
        "//servidor/bandeja /mnt/bandeja cifs rw 0 0\n"
        "nas:/export /srv/nfs\\040compartido nfs4 rw 0 0\n"
    )
    assert mount_type(Path("/mnt/bandeja/entrada"), mounts) == "cifs"
    assert mount_type(Path("/srv/nfs compartido"), mounts) == "nfs4"
    assert mount_type(Path("/mnt/bandejas"), mounts) == "ext4"
    assert is_network_path(Path("/mnt/bandeja"), mounts) and not is_network_path(Path("/home"), mounts)
    assert use_polling(InboxConfig(polling="si"), Path("/home")) is True
    assert use_polling(InboxConfig(polling="no"), Path("/mnt/bandeja")) is False
    assert use_polling(InboxConfig(polling="no"), Path("/home"), forced=True) is True


def test_bad_inbox_settings_are_named(tmp_path):
    from generator.errors import ConfigError
    from generator.pipeline.inbox import InboxConfig

    settings = make_settings(tmp_path, '[bandeja]\nsondeo = "a veces"\n')
    with pytest.raises(ConfigError, match="bandeja.sondeo"):
        InboxConfig.from_settings(settings)
    with pytest.raises(ConfigError, match="bandeja.estabilidad_segundos"):
        make_settings(tmp_path, '[bandeja]\nestabilidad_segundos = "tres"\n')
