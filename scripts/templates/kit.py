"""Building blocks for cddgen's .docx templates (developer tooling, not used at run time).

The templates in templates/ are ordinary Word files with docxtpl tags ({{ }}, {%p %},
{%tr %}); these helpers write them with python-docx so that every document shares one
layout (DOMAIN.md D): A4, Arial-compatible font, Spanish (es-PE); the office's membrete in the
header — the band «PERÚ | Ministerio de Educación | <DRE> | <UGEL>» or, when configured, its logo
— with the year's name in quotes below it; «<number> — Página X de Y» in the footer; table rows
that never split across pages and header rows that repeat; signature blocks that never split and
travel with the closing paragraph. Users may then restyle the generated files in Word; the tags
are all that must survive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from generator.render.docx_package import declare_language, slim

FONT = "Arial"
# Size of the footer's «<number> — Página X de Y», every part of it (the page fields too).
FOOTER_SIZE = 8
# The membrete band: (text, fill, text colour, bold, width in cm) of each box.
BAND = (
    ("PERÚ", "C00000", "FFFFFF", True, 1.5),
    ("Ministerio de Educación", "333333", "FFFFFF", True, 3.3),
    ("{{ institucion.dre }}", "D9D9D9", "000000", False, 5.7),
    ("{{ institucion.ugel }}", "EDEDED", "000000", False, 5.9),
)
REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates"


def new_document(*, landscape: bool = False) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = Cm(2.5)
    section.right_margin = Cm(2.0)
    section.top_margin = Cm(2.0)
    section.bottom_margin = Cm(2.0)
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.color.rgb = RGBColor(0, 0, 0)
    doc.styles["Heading 1"].font.size = Pt(12)
    doc.styles["Heading 2"].font.size = Pt(11)
    doc.styles["Heading 3"].font.size = Pt(11)
    declare_language(doc)
    _header(doc)
    _footer(doc)
    return doc


def _no_borders(table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _band(header) -> None:
    """The government's band: one row of boxes, each its own colour, text centred."""
    table = header.add_table(1, len(BAND), Cm(sum(box[4] for box in BAND)))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _no_borders(table)
    for cell, (text, fill, colour, bold, _) in zip(table.rows[0].cells, BAND):
        _cell_text(cell, text, bold=bold, size=7.5, align="center")
        cell.paragraphs[0].runs[0].font.color.rgb = RGBColor.from_string(colour)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _shade(cell, fill)
    _cant_split(table.rows[0])
    set_widths(table, [box[4] for box in BAND])


def _header(doc: Document) -> None:
    """The membrete: the office's logo if it has one, else the band; the year's name below."""
    header = doc.sections[0].header
    header.paragraphs[0].add_run("{%p if logo %}")
    logo = header.add_paragraph()
    logo.alignment = WD_ALIGN_PARAGRAPH.LEFT
    logo.add_run("{{ logo }}")
    header.add_paragraph().add_run("{%p else %}")
    _band(header)
    header.add_paragraph().add_run("{%p endif %}")
    year = header.add_paragraph()
    year.alignment = WD_ALIGN_PARAGRAPH.CENTER
    year.paragraph_format.space_before = Pt(4)
    year.paragraph_format.space_after = Pt(0)
    run = year.add_run("“{{ denominacion_anio }}”")
    run.italic = True
    run.font.size = Pt(9)


def _run_properties(run, size: float) -> None:
    properties = run._r.get_or_add_rPr()
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(int(size * 2)))
        properties.append(element)


def _field(paragraph, code: str, size: float) -> None:
    """A field (PAGE, NUMPAGES) as Word writes it: each of its parts a run of the same size, so
    that neither Word nor LibreOffice shows the number bigger than the words around it."""
    parts = []
    for kind in ("begin", "instr", "separate", "text", "end"):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = "1"
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        parts.append(element)
    for element in parts:
        run = paragraph.add_run()
        _run_properties(run, size)
        run._r.append(element)


def _footer(doc: Document) -> None:
    footer = doc.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # The paragraph mark at the same size: LibreOffice sizes a field's result from it.
    mark = paragraph._p.get_or_add_pPr()
    mark_properties = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(FOOTER_SIZE * 2))
        mark_properties.append(element)
    mark.append(mark_properties)
    paragraph.add_run("{{ numero }} — Página ").font.size = Pt(FOOTER_SIZE)
    _field(paragraph, "PAGE", FOOTER_SIZE)
    paragraph.add_run(" de ").font.size = Pt(FOOTER_SIZE)
    _field(paragraph, "NUMPAGES", FOOTER_SIZE)


def para(doc, text: str = "", *, bold: bool = False, italic: bool = False, size: float | None = None,
         align: str = "justify", space_after: float | None = None, keep_with_next: bool = False):
    paragraph = doc.add_paragraph()
    paragraph.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
    if space_after is not None:
        paragraph.paragraph_format.space_after = Pt(space_after)
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def rich(doc, parts: list[tuple[str, bool]], *, align: str = "justify", keep_with_next: bool = False):
    """A paragraph of (text, bold) runs."""
    paragraph = para(doc, align=align, keep_with_next=keep_with_next)
    for text, bold in parts:
        paragraph.add_run(text).bold = bold
    return paragraph


def title(doc, text: str, *, size: float = 12, space_after: float = 4):
    return para(doc, text, bold=True, size=size, align="center", space_after=space_after)


def heading(doc, text: str):
    return para(doc, text, bold=True, align="left", space_after=4, keep_with_next=True)


def closing(doc, text: str, **options):
    """A paragraph that closes the body: it stays on the page of what follows (the signature
    blocks), so that no page holds only signatures (DOMAIN.md D)."""
    return para(doc, text, keep_with_next=True, **options)


def _cell_text(cell, text: str, *, bold: bool = False, size: float = 9, align: str = "left") -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _shade(cell, color: str = "D9E2F3") -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    properties.append(shading)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _cant_split(row) -> None:
    """The row stays whole on one page (Word: «Permitir dividir las filas entre páginas» off)."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.insert(0, OxmlElement("w:cantSplit"))


def rows_whole(table) -> None:
    """Every row of ``table`` unsplittable (DOMAIN.md D: table rows do not break across pages)."""
    for row in table.rows:
        _cant_split(row)


def loop_table(doc, headers: list[str], cells: list[str], loop: str, *, widths: list[float] | None = None,
               size: float = 9, align: list[str] | None = None, footer: list[str] | None = None):
    """A bordered table: a header row, then one row per item of ``loop`` (a docxtpl {%tr for %}).

    ``loop`` is the for-clause, e.g. ``m in integrantes``; ``cells`` are the row's contents.
    ``footer`` adds a final (bold) row such as totals.
    """
    rows = 4 + (1 if footer else 0)
    table = doc.add_table(rows=rows, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, text in enumerate(headers):
        cell = table.rows[0].cells[index]
        _cell_text(cell, text, bold=True, size=size, align="center")
        _shade(cell)
    _repeat_header(table.rows[0])
    _cell_text(table.rows[1].cells[0], f"{{%tr for {loop} %}}", size=size)
    for index, text in enumerate(cells):
        _cell_text(table.rows[2].cells[index], text, size=size, align=(align or ["left"] * len(cells))[index])
    _cell_text(table.rows[3].cells[0], "{%tr endfor %}", size=size)
    if footer:
        for index, text in enumerate(footer):
            _cell_text(table.rows[4].cells[index], text, bold=True, size=size,
                       align=(align or ["left"] * len(cells))[index])
    if widths:
        set_widths(table, widths)
    rows_whole(table)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return table


def set_widths(table, widths: list[float]) -> None:
    """Column widths that Word and LibreOffice both honour (grid and cells, no autofit)."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for index, column in enumerate(grid.findall(qn("w:gridCol"))):
        if index < len(widths):
            column.set(qn("w:w"), str(int(Cm(widths[index]).twips)))
    for row in table.rows:
        for index, width in enumerate(widths):
            row.cells[index].width = Cm(width)


def fixed_table(doc, rows: list[list[str]], *, widths: list[float] | None = None, size: float = 9,
                header: bool = True, bold_first_column: bool = False, keep_with_next: bool = False):
    """A bordered table with fixed rows (tags allowed inside cells); ``keep_with_next`` keeps it
    whole and on the page of what follows (a short table that closes the body)."""
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.rows[r].cells[c]
            is_header = header and r == 0
            _cell_text(cell, text, bold=is_header or (bold_first_column and c == 0), size=size,
                       align="center" if is_header else "left")
            if is_header:
                _shade(cell)
    if header:
        _repeat_header(table.rows[0])
    if widths:
        set_widths(table, widths)
    rows_whole(table)
    if keep_with_next:
        keep_together(table)
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_after = Pt(2)
    spacer.paragraph_format.keep_with_next = keep_with_next
    return table


def label_table(doc, rows: list[tuple[str, list[str]]], widths=(3.2, 13.3)) -> None:
    """«ASUNTO : …» lines as a borderless two-column table (label, one paragraph per line)."""
    table = doc.add_table(rows=len(rows), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, (label, lines) in enumerate(rows):
        _cell_text(table.rows[index].cells[0], label, bold=True, size=10.5)
        cell = table.rows[index].cells[1]
        _cell_text(cell, lines[0], size=10.5)
        for line in lines[1:]:
            paragraph = cell.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.add_run(line).font.size = Pt(10.5)
    set_widths(table, list(widths))
    rows_whole(table)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def informe_header(doc, asunto: str, referencia: str = "{%p for r in referencias %}|{{ r }}|{%p endfor %}", *,
                   width: float = 16.5) -> None:
    """The head of an informe of the office (DOMAIN.md D): its number, then A / De / Asunto /
    Referencia / Fecha and a rule. Context: ``destinatario`` and ``firmante`` (nombre, cargo),
    ``referencias`` (a list), ``lugar``, ``fecha``."""
    title(doc, "{{ numero }}", size=12, space_after=10)
    label_table(doc, [
        ("A", ["{{ destinatario.nombre }}", "{{ destinatario.cargo }}"]),
        ("De", ["{{ firmante.nombre }}", "{{ firmante.cargo }}"]),
        ("Asunto", [asunto]),
        ("Referencia", referencia.split("|")),
        ("Fecha", ["{{ lugar }}, {{ fecha|fecha_larga }}"]),
    ], widths=(2.8, width - 2.8))
    rule = para(doc, space_after=8)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    rule._p.get_or_add_pPr().append(borders)


def informe_end(doc, *, width: float = 16.5) -> None:
    """The end of an informe of the office: «IV. RECOMENDACIONES» (``recomendaciones``, numbered
    4.1, 4.2…), the closing formula and the signer (``firmas[0]``), in one ``SignedBlock``: the
    recommendations travel with the signature."""
    block = SignedBlock(doc, count=1, width=width)
    heading(block, "IV. RECOMENDACIONES")
    para(block, "{%p for r in recomendaciones %}")
    closing(block, "4.{{ loop.index }} {{ r }}", space_after=3)
    para(block, "{%p endfor %}")
    closing(block, "Es todo cuanto informo a usted para su conocimiento y fines pertinentes.")
    closing(block, "Atentamente,", align="left")
    block.sign()


class SignedBlock:
    """The end of a document as one unsplittable block (DOMAIN.md D: a page never holds only the
    signatures, or a closing sentence and the signatures): the last paragraphs of the body and
    «Atentamente,» are written into it as into a document, then ``sign()`` adds the signature
    blocks.

    It is a borderless one-cell table whose single row may not split, so Word and LibreOffice
    move it to the next page whole. (A chain of «keep with next» paragraphs is not enough:
    LibreOffice drops it when moving the whole chain would lay out the previous page again.)"""

    def __init__(self, doc, *, variable: str = "firmas", count: int = 3, width: float = 16.5) -> None:
        table = doc.add_table(rows=1, cols=1)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _no_borders(table)
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            element = OxmlElement(f"w:{side}")
            element.set(qn("w:w"), "0")
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        table._tbl.tblPr.append(margins)
        set_widths(table, [width])
        _cant_split(table.rows[0])
        self.table, self.width = table, width
        self.cell = table.cell(0, 0)
        self._unused = self.cell.paragraphs[0]
        self._variable, self._count = variable, count

    def add_paragraph(self, *args, **kwargs):
        return self.cell.add_paragraph(*args, **kwargs)

    def add_table(self, rows: int, cols: int):
        return self.cell.add_table(rows, cols)

    def sign(self, blocks: Callable | None = None) -> None:
        """The signature blocks, last in the block: ``signature_blocks`` of the block's variable, or
        ``blocks(cell)`` for a document whose signers are written otherwise."""
        if blocks is None:
            signature_blocks(self.cell, self._variable, self._count)
        else:
            blocks(self.cell)
        if not self._unused.runs:
            self._unused._p.getparent().remove(self._unused._p)
        self._grid_for_nested_tables()

    def _grid_for_nested_tables(self) -> None:
        """docxtpl (and render.docx.fit_table_grids, for parity) counts the cells of a nested
        table's rows as the outer table's: give the block as many grid columns as its widest
        nested row, its one cell spanning them all, so fitting the grid changes nothing."""
        columns = max(len(row.findall(qn("w:tc"))) for row in self.table._tbl.iter(qn("w:tr")))
        grid = self.table._tbl.tblGrid
        for column in grid.findall(qn("w:gridCol")):
            grid.remove(column)
        for _ in range(columns):
            column = OxmlElement("w:gridCol")
            column.set(qn("w:w"), str(int(Cm(self.width).twips / columns)))
            grid.append(column)
        if columns > 1:
            properties = self.cell._tc.get_or_add_tcPr()
            span = OxmlElement("w:gridSpan")
            span.set(qn("w:val"), str(columns))
            properties.insert(1, span)


def members_table(doc):
    """The committee's members (Anexo 1 and Anexo 3): phones and e-mails in columns wide enough
    to keep an address on one line; 8 pt."""
    return loop_table(
        doc,
        ["Integrante", "Nombres y apellidos", "Cargo del puesto", "DNI", "Teléfono", "Correo electrónico"],
        ["{{ m.rol }}", "{{ m.nombre }}", "{{ m.cargo }}", "{{ m.dni }}", "{{ m.telefono }}", "{{ m.correo }}"],
        "m in integrantes",
        widths=[2.0, 2.8, 3.1, 1.7, 2.7, 4.2],
        size=8,
    )


def signature_blocks(doc, variable: str = "firmas", count: int = 3):
    """``count`` signature blocks side by side: a line, name, DNI and role of ``variable[i]``.

    A block whose signature was dispensed prints the constancia instead of the line. The name
    and the «DNI N.º» line are plain text under the line: the PDF's signature fields are placed
    by finding them. The row never splits, and the paragraph before the blocks should be a
    ``closing`` one, so the blocks never stand alone on a page.
    """
    table = doc.add_table(rows=1, cols=count)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index in range(count):
        cell = table.rows[0].cells[index]
        item = f"{variable}[{index}]"
        lines = [
            ("", False),
            ("", False),
            ("{%% if %s.dispensada %%}(Firma dispensada){%% else %%}______________________________{%% endif %%}" % item, False),
            ("Nombres y apellidos: {{ %s.nombre }}" % item, False),
            ("DNI N.º: {{ %s.dni }}" % item, False),
            ("{{ %s.rol }}" % item, True),
        ]
        first = True
        for text, bold in lines:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            run = paragraph.add_run(text)
            run.font.size = Pt(8.5)
            run.bold = bold
    keep_together(table)
    return table


def keep_together(table) -> None:
    """A table of signature blocks: its rows whole and each line kept with the next, so the
    blocks stay on one page with what comes right before them."""
    for row in table.rows:
        _cant_split(row)
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def save(doc, relative: str) -> Path:
    target = TEMPLATES / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    # What a rendered document says of itself (title, author) is set when it is rendered.
    doc.core_properties.author = "cddgen"
    doc.core_properties.title = relative
    doc.core_properties.comments = ""
    slim(doc)
    doc.save(target)
    return target
