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


def test_xml_entity_bomb_is_refused_not_expanded(tmp_path, settings):
    """A «billion laughs» DTD inside a workbook part: refused with a Spanish message."""
    from generator.readers.comite import read_committee

    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                      for i in range(1, 10))
            + "]>")
    source = EXAMPLES / "comite.xlsx"
    target = tmp_path / "comite.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in original.infolist():
            data = original.read(entry.filename)
            if entry.filename.startswith("xl/worksheets/") and b"<t>Dato</t>" in data:
                text = data.decode("utf-8")
                text = text.split("?>", 1)[1] if text.startswith("<?xml") else text
                data = (bomb + text.replace("<t>Dato</t>", "<t>&lol9;</t>", 1)).encode("utf-8")
            copy.writestr(entry, data)
    with pytest.raises(UnreadableInput, match=r"contiene declaraciones XML \(DTD\)"):
        read_committee(target, settings.rules.ascenso, "UGEL")
