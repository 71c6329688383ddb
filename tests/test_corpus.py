"""The corpus of broken and hostile inputs (issue 9): every file of tests/corpus/ goes through
its family's reader, the CLI command a user would run and the inbox, and must end as
tests/corpus/esperado.toml says — processed with its documents, or rejected with its Spanish
explanation — never a traceback, nothing lost, nothing written outside the outbox and the
inbox, nothing executed. The corpus is rebuilt by `python -m scripts.build_corpus`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import cli
from generator.errors import InvalidInput, UnreadableInput
from generator.pipeline.cdd import load_edition
from generator.pipeline.inbox import EXPLANATION_SUFFIX, MARKED_SUFFIX, RECEIPT_SUFFIX, run_pass
from generator.pipeline.process import Outcome, process_file
from generator.readers.ascenso import read_ascenso
from generator.readers.cdd import read_cdd
from generator.readers.comite import read_committee
from generator.readers.ficha_cap import read_ficha
from generator.render.xlsx import looks_like_formula
from generator.run import Run
from generator.wording import count

from .conftest import EXAMPLES, TODAY, docx_text, make_installation, make_settings, pdf_text
from .libreoffice import needs_soffice
from .test_hostile_inputs import valid_everywhere

CORPUS = Path(__file__).resolve().parent / "corpus"
MANIFEST = CORPUS / "esperado.toml"
EXPECTED: dict[str, dict] = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
FILES = sorted(path.name for path in CORPUS.iterdir() if path.is_file() and path != MANIFEST)
DAY = TODAY.isoformat()
CONFIG = f"""
[rutas]
formulario_comite = '{EXAMPLES / "comite.xlsx"}'

[bandeja]
estabilidad_segundos = 0

[pdf]
activar = false

# Who signs the UGEL's reports that a CETPRO's form or a ficha refreshes through the inbox.
[firmante]
nombre = "Ana Ruiz Paz"
dni = "09876543"
cargo = "Especialista en Educación"
"""
# What a user runs for each form (FILE stands for the form): the documents first, then for
# the Ascenso workbook the results table (resultados.xlsx).
COMMANDS = {
    "comite": [["render", "acta-instalacion", "FILE", "--sin-pdf"]],
    "ascenso": [["render", "actas", "--comite", str(EXAMPLES / "comite.xlsx"), "FILE", "--sin-pdf"],
                ["score", "FILE"]],
    "cdd": [["render", "oficio-cdd", "FILE", "--sin-pdf"]],
    "cap": [["render", "ficha-cap", "FILE", "--sin-pdf"]],
}
# Where cddgen may write: documents, the inbox's folders, the registries.
WRITABLE = ("outbox", "inbox", ".cddgen")


def read_form(form: str, path: Path, settings):
    """The family reader a file of ``form`` goes through."""
    if form == "comite":
        return read_committee(path, settings.rules.ascenso, settings.institution.tipo)
    if form == "ascenso":
        return read_ascenso(path, settings.rules.ascenso)
    if form == "cdd":
        return read_cdd(path, load_edition(settings))
    if form == "cap":
        return read_ficha(path, settings.rules.cap)
    raise AssertionError(f"unknown form {form!r}")


def error_text(error: Exception) -> str:
    if isinstance(error, InvalidInput):
        return "\n".join(str(issue) for issue in error.issues)
    return str(error)


def copy_in(name: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(CORPUS / name, folder / name))


def forbid_parsers(monkeypatch) -> None:
    """Fail the test if openpyxl, python-docx or LibreOffice is asked to open anything."""
    import openpyxl.reader.excel
    from docx.opc.pkgreader import PackageReader

    def refuse(*args, **kwargs):
        raise AssertionError("a refused file reached a parser or LibreOffice")

    monkeypatch.setattr(openpyxl.reader.excel, "ExcelReader", refuse)
    monkeypatch.setattr(PackageReader, "from_file", staticmethod(refuse))
    monkeypatch.setattr(subprocess, "Popen", refuse)


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` outside the writable folders, with a digest of its content."""
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and relative.parts[0] not in WRITABLE:
            found[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def check_written_names(root: Path) -> None:
    """Every file cddgen wrote is inside its folder and named validly for Windows and Linux."""
    for folder in WRITABLE[:2]:
        base = (root / folder).resolve()
        for path in (root / folder).rglob("*"):
            assert path.resolve().is_relative_to(base), path
            if path.is_file():
                assert valid_everywhere(path.name), path.name
                assert len(str(path.relative_to(root / folder))) <= 200, path


def check_spreadsheets(paths: list[Path], cells: list[str]) -> None:
    """No formula in any spreadsheet cddgen wrote; ``cells`` are there, stored as text."""
    seen: set[str] = set()
    for path in paths:
        workbook = load_workbook(path)
        for sheet in workbook.worksheets:
            # The cells the sheet stores: iter_rows() would make every cell from A1 to the last
            # one (a marked copy keeps the value in XFD1048576 of hostil-celda-xfd1048576.xlsx).
            for cell in sheet._cells.values():
                assert cell.data_type != "f", f"{path.name} {sheet.title}!{cell.coordinate}: {cell.value}"
                if looks_like_formula(cell.value):
                    assert cell.data_type == "s"
                if isinstance(cell.value, str):
                    seen.update(text for text in cells if text in cell.value)
    assert sorted(set(cells) - seen) == [], "missing from the spreadsheets"


def check_texts(docx_files: list[Path], texts: list[str]) -> None:
    text = "\n".join(docx_text(path) for path in docx_files)
    for expected in texts:
        assert expected in text, expected


# ---------------------------------------------------------------------------- the manifest


def test_every_corpus_file_has_an_expectation_and_every_expectation_a_file():
    assert sorted(EXPECTED) == FILES
    for name, expected in EXPECTED.items():
        assert expected["resultado"] in ("procesado", "observado"), name
        assert expected["formulario"] in COMMANDS, name
        assert ("mensaje" in expected) == (expected["resultado"] == "observado"), name
        assert ("documentos" in expected) == (expected["resultado"] == "procesado"), name


def test_the_corpus_stays_small():
    for name in FILES:
        assert (CORPUS / name).stat().st_size <= 2 * 1024 * 1024, name


# ---------------------------------------------------------------------------- (a) the reader


@pytest.mark.parametrize("name", FILES)
def test_reader(name, tmp_path, settings, monkeypatch):
    expected = EXPECTED[name]
    path = copy_in(name, tmp_path / "entrada")
    if expected.get("nunca_abierto"):
        forbid_parsers(monkeypatch)
    if expected["resultado"] == "procesado":
        assert read_form(expected["formulario"], path, settings)
        return
    with pytest.raises((InvalidInput, UnreadableInput)) as error:
        read_form(expected["formulario"], path, settings)
    assert expected["mensaje"] in error_text(error.value)
    assert path.read_bytes() == (CORPUS / name).read_bytes()


# ---------------------------------------------------------------------------- (b) the CLI


@pytest.mark.parametrize("name", FILES)
def test_cli(name, tmp_path, monkeypatch):
    expected = EXPECTED[name]
    path = copy_in(name, tmp_path / "entrada")
    make_installation(tmp_path)
    monkeypatch.chdir(tmp_path)
    for variable in [key for key in os.environ if key.startswith("CDDGEN_")]:
        monkeypatch.delenv(variable)
    if expected.get("nunca_abierto"):
        forbid_parsers(monkeypatch)
    before = tree(tmp_path)
    processed = expected["resultado"] == "procesado"
    for command in COMMANDS[expected["formulario"]]:
        result = CliRunner().invoke(cli, ["--fecha", DAY, *[str(path) if arg == "FILE" else arg for arg in command]])
        output = result.output
        assert "Traceback" not in output and "Error interno" not in output, output
        assert result.exception is None or isinstance(result.exception, SystemExit), output
        assert result.exit_code == (0 if processed else 3), output
        if not processed:
            assert expected["mensaje"] in output
        elif command[0] == "render":
            assert f"{count(sum(expected['documentos'].values()), 'documento generado', 'documentos generados')}:" in output
    if processed:
        written = sorted((tmp_path / "outbox").rglob("*.docx"))
        assert Counter(path.parent.name for path in written) == Counter(expected["documentos"])
        check_texts(written, expected.get("textos", []))
        check_spreadsheets(sorted((tmp_path / "outbox").rglob("*.xlsx")), expected.get("celdas", []))
    else:
        assert not (tmp_path / "outbox").exists() or not any((tmp_path / "outbox").rglob("*.docx"))
    assert tree(tmp_path) == before  # nothing written outside outbox/ and .cddgen/, the input untouched
    check_written_names(tmp_path)


# ---------------------------------------------------------------------------- (c) the inbox


@pytest.mark.parametrize("name", FILES)
def test_inbox(name, tmp_path, monkeypatch):
    expected = EXPECTED[name]
    office = make_settings(tmp_path, CONFIG)
    dropped = copy_in(name, office.inbox)
    if "nombre_en_bandeja" in expected:  # dropped under a name that is not UTF-8
        dropped = dropped.rename(office.inbox / os.fsdecode(bytes.fromhex(expected["nombre_en_bandeja"])))
    original = dropped.read_bytes()
    before = tree(tmp_path)
    if expected.get("nunca_abierto"):
        forbid_parsers(monkeypatch)
    report = run_pass(office, pdf=False)
    monkeypatch.undo()  # the checks below open what cddgen wrote
    assert tree(tmp_path) == before
    check_written_names(tmp_path)
    if expected.get("bandeja") == "queda":
        assert report.results == [] and report.empty == [name]
        assert dropped.read_bytes() == original
        return
    (result,) = report.results
    observed = expected["resultado"] == "observado"
    assert result.outcome is (Outcome.OBSERVED if observed else Outcome.PROCESSED), result.reason
    folder = office.inbox / ("observados" if observed else "procesados") / DAY
    kept_as = expected.get("guardado_como", name)
    assert result.destination == folder / kept_as
    assert result.destination.read_bytes() == original  # the original, byte for byte
    assert not dropped.exists()
    note = folder / (Path(kept_as).stem + (EXPLANATION_SUFFIX if observed else RECEIPT_SUFFIX))
    assert result.note == note and note.exists()
    written_xlsx = [path for path in office.outbox.rglob("*.xlsx")]
    if observed:
        assert expected.get("mensaje_bandeja", expected["mensaje"]) in note.read_text(encoding="utf-8")
        assert not any(office.outbox.rglob("*.docx"))
        marked = folder / (Path(kept_as).stem + MARKED_SUFFIX)
        expect_marked = (name.endswith(".xlsx") and not expected.get("nunca_abierto")
                         and expected.get("copia_marcada", True))
        assert marked.exists() == expect_marked
        if marked.exists():
            written_xlsx.append(marked)
    else:
        assert not result.warnings
        kinds = Counter(document.kind for document in result.documents)
        assert kinds == Counter(expected.get("documentos_bandeja", expected["documentos"]))
        files = [Path(file) for document in result.documents for file in document.files]
        assert all(file.exists() and file.resolve().is_relative_to(office.outbox.resolve()) for file in files)
        check_texts([file for file in files if file.suffix == ".docx"], expected.get("textos", []))
        assert (office.outbox / "LISTOS-PARA-FIRMA.xlsx") in written_xlsx
    check_spreadsheets(written_xlsx, expected.get("celdas", []))


# ---------------------------------------------------------------------------- beyond one file


def test_the_folder_reports_store_hostile_names_as_text(tmp_path, monkeypatch):
    """resumen-cdd and resumen-cap list CETPRO names and the files they left out in workbooks;
    a file name may look like a formula too."""
    make_installation(tmp_path)
    monkeypatch.chdir(tmp_path)
    cdd = tmp_path / "cdd"
    copy_in("valores-cdd.xlsx", cdd)
    shutil.copy(CORPUS / "valores-cdd-con-error.xlsx", cdd / "@SUM(1+1) cetpro.xlsx")
    cap = tmp_path / "cap"
    for name in ("valores-ficha-cap.xlsx", "valores-ficha-cap.docx"):
        copy_in(name, cap)
    shutil.copy(CORPUS / "roto-truncado.docx", cap / "=1+1 ficha.docx")
    runner = CliRunner()
    outputs = {}
    for command, folder in (("resumen-cdd", cdd), ("resumen-cap", cap)):
        result = runner.invoke(cli, ["--fecha", DAY, "render", command, str(folder), "--sin-pdf", "--firmante",
                                     "Ana Ruiz Paz", "--firmante-dni", "09876543", "--firmante-cargo", "Especialista"])
        assert result.exit_code == 0, result.output
        assert "1 documento generado:" in result.output
        outputs[command] = result.output
    assert "1 formulario con errores no se incluyó en el informe (@SUM(1+1) cetpro.xlsx)" in outputs["resumen-cdd"]
    assert "Aviso: =1+1 ficha.docx no se consolidó" in outputs["resumen-cap"]
    written = sorted((tmp_path / "outbox").rglob("*.xlsx"))
    names = {path.name for path in written}
    assert any(name.endswith("resumen-cdd.xlsx") for name in names), names
    assert any("INFORME" in name or "consolidado CAP" in name for name in names), names
    check_spreadsheets(written, ["+cmd|' /C calc'!A0 🦙", "@SUM(1+1) cetpro.xlsx", "=1+1 ficha.docx"])
    check_written_names(tmp_path)


def test_a_hundred_thousand_rows_are_refused_in_bounded_memory(tmp_path):
    """The inbox's whole pass over the 100,000-row workbook, measured in its own process."""
    office_dir = tmp_path / "oficina"
    office_dir.mkdir()
    (office_dir / "cddgen.toml").write_text(CONFIG, encoding="utf-8")
    copy_in("hostil-100000-filas.xlsx", office_dir / "inbox")
    script = (
        "import sys, datetime as dt\n"
        "from pathlib import Path\n"
        "from generator.config import load_settings\n"
        "from generator.pipeline.inbox import run_pass\n"
        f"settings = load_settings(cwd=Path({str(office_dir)!r}), environ={{}}, today=dt.date.fromisoformat({DAY!r}))\n"
        "(result,) = run_pass(settings, pdf=False).results\n"
        "print(result.outcome.value, result.marked_copy)\n"
        # This process's own peak (VmHWM): ru_maxrss would also count the pytest process the
        # child was vforked from, however large the rest of the suite left it.
        "peak = next(line for line in open('/proc/self/status') if line.startswith('VmHWM:'))\n"
        "print(int(peak.split()[1]) // 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, timeout=120, check=True)
    outcome, peak = done.stdout.splitlines()
    assert outcome == "observado None"
    assert int(peak) < 400, f"{peak} MB"


@needs_soffice
@pytest.mark.parametrize("name", ["verdad-nombres.xlsx", "valores-comite.xlsx"])
def test_names_and_hostile_text_read_back_the_same_from_docx_and_pdf(name, tmp_path):
    settings = make_settings(tmp_path)
    result = process_file(copy_in(name, tmp_path / "entrada"), Run(settings))
    assert result.outcome is Outcome.PROCESSED and not result.warnings, result.warnings
    (document,) = [d for d in result.documents if d.kind != "acta-sesion"]  # the names are in the main one
    docx, pdf, positions = (Path(file) for file in document.files)
    assert pdf.suffix == ".pdf" and positions.name.endswith(".firmas.json")
    in_docx = docx_text(docx)
    in_pdf = "".join(pdf_text(pdf).split())  # lines break and justify anywhere in a PDF
    for text in EXPECTED[name]["textos"]:
        assert text in in_docx, text
        assert "".join(text.split()) in in_pdf, text


def test_an_inbox_holding_every_case_of_issue_15_and_valid_forms_processes_them_in_one_pass(tmp_path):
    """Issue 15, «Done when»: every corpus file of a case of the issue, a file and a link named
    like cddgen's folders, and valid forms — an Ascenso workbook named to come before the
    committee form that signs it, and a Word ficha — dropped at once. One `cddgen process`
    (exit code at most 3) processes every valid form and sets every other file aside with its
    explanation; nothing stays half done, nothing is written through the link."""
    office_dir = tmp_path / "oficina"
    inbox = office_dir / "inbox"
    inbox.mkdir(parents=True)
    (office_dir / "cddgen.toml").write_text("[bandeja]\nestabilidad_segundos = 0\n\n[pdf]\nactivar = false\n",
                                            encoding="utf-8")
    cases = {name: expected for name, expected in EXPECTED.items() if "caso" in expected}
    assert {expected["caso"] for expected in cases.values()} >= {"15.1", "15.2", "15.8", "15.9", "15.10"}
    for name, expected in cases.items():
        dropped = copy_in(name, inbox)
        if "nombre_en_bandeja" in expected:
            dropped.rename(inbox / os.fsdecode(bytes.fromhex(expected["nombre_en_bandeja"])))
    shutil.copy(EXAMPLES / "ascenso.xlsx", inbox / "a-libro-ascenso.xlsx")
    shutil.copy(EXAMPLES / "comite.xlsx", inbox / "z-comite.xlsx")
    shutil.copy(EXAMPLES / "cap" / "ficha-cap-promae-rimac.docx", inbox / "ficha.docx")
    outside = tmp_path / "fuera"
    outside.mkdir()
    (inbox / "procesados").write_bytes(b"un archivo con el nombre de una carpeta")
    (inbox / "observados").symlink_to(outside, target_is_directory=True)
    env = {**{key: value for key, value in os.environ.items() if not key.startswith("CDDGEN_")}, "CDDGEN_HOY": DAY}
    done = subprocess.run([sys.executable, "-m", "generator", "process", "--sin-pdf"], cwd=office_dir, env=env,
                          capture_output=True, timeout=1800)
    output = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    assert done.returncode <= 3, output
    assert "Traceback" not in output and "Error interno" not in output, output
    processed = {path.name for path in (inbox / "procesados" / DAY).iterdir()}
    observed = {path.name for path in (inbox / "observados" / DAY).iterdir()}
    assert {"a-libro-ascenso.xlsx", "z-comite.xlsx", "ficha.docx"} <= processed
    for name, expected in cases.items():
        kept_as = expected.get("guardado_como", name)
        assert kept_as in (processed if expected["resultado"] == "procesado" else observed), name
    assert "procesados (archivo)" in observed
    assert list(outside.iterdir()) == [] and list((inbox / ".procesando").iterdir()) == []
    left = sorted(path.name for path in inbox.iterdir() if path.is_symlink() or not path.is_dir())
    assert left == ["observados (enlace)"]  # a link is left where it is, never followed
