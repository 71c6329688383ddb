"""Files refused before any parser opens them (issues 2 and 9): clear Spanish reasons."""

from __future__ import annotations

import zipfile

import pytest

from generator.errors import UnreadableInput
from generator.readers.safety import check_office_file

from .conftest import EXAMPLES


def write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "está vacío"),
        (b"%PDF-1.7\n...", "es un PDF con otra extensión"),
        (b"\x89PNG\r\n\x1a\n....", "es un PNG con otra extensión"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "archivo de Office antiguo"),
        (b"dni;nombre\n12345678;Ana\n", "es un archivo de texto"),
        (b"PK\x03\x04" + b"\0" * 30, "está dañado o incompleto"),
    ],
)
def test_refused_with_reason(tmp_path, content, message):
    path = write(tmp_path / "formulario.xlsx", content)
    with pytest.raises(UnreadableInput, match=message):
        check_office_file(path, "xlsx")
    assert path.read_bytes() == content  # never modified


def test_truncated_workbook(tmp_path):
    data = (EXAMPLES / "comite.xlsx").read_bytes()
    path = write(tmp_path / "comite.xlsx", data[: len(data) // 2])
    with pytest.raises(UnreadableInput, match="dañado o incompleto"):
        check_office_file(path, "xlsx")


def test_macros_are_refused_whatever_the_extension(tmp_path):
    path = tmp_path / "inocente.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/vbaProject.bin", b"\0" * 64)
    with pytest.raises(UnreadableInput, match="contiene macros"):
        check_office_file(path, "xlsx")


def test_word_file_given_as_workbook(tmp_path):
    path = tmp_path / "ficha.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(UnreadableInput, match="es un documento de Word, no un libro de Excel"):
        check_office_file(path, "xlsx")


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    path = tmp_path / "bomba.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(UnreadableInput, match="bomba zip"):
        check_office_file(path, "xlsx")


def test_a_real_form_passes(tmp_path):
    check_office_file(EXAMPLES / "comite.xlsx", "xlsx")
