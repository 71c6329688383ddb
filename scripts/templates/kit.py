"""Building blocks for cddgen's .docx templates (developer tooling, not used at run time).

The templates in templates/ are ordinary Word files with docxtpl tags ({{ }}, {%p %},
{%tr %}); these helpers write them with python-docx so that every document shares one
layout: A4, Arial-compatible font, the year's name in the header, page X of Y in the footer.
Users may then restyle the generated files in Word; the tags are all that must survive.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from generator.render.docx_package import slim

FONT = "Arial"
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
    _header(doc)
    _footer(doc)
    return doc


def _header(doc: Document) -> None:
    header = doc.sections[0].header
    first = header.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = first.add_run("{% if logo %}{{ logo }}{% endif %}")
    second = header.add_paragraph()
    second.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = second.add_run("“{{ denominacion_anio }}”")
    run.italic = True
    run.font.size = Pt(9)
    third = header.add_paragraph()
    third.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = third.add_run("{{ institucion.dre }} · {{ institucion.ugel }}")
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)


def _field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = code
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, text, end):
        run._r.append(element)
    run.font.size = Pt(8)


def _footer(doc: Document) -> None:
    footer = doc.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    label = paragraph.add_run("{{ numero }} — Página ")
    label.font.size = Pt(8)
    _field(paragraph, "PAGE")
    of = paragraph.add_run(" de ")
    of.font.size = Pt(8)
    _field(paragraph, "NUMPAGES")


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


def rich(doc, parts: list[tuple[str, bool]], *, align: str = "justify"):
    """A paragraph of (text, bold) runs."""
    paragraph = para(doc, align=align)
    for text, bold in parts:
        paragraph.add_run(text).bold = bold
    return paragraph


def title(doc, text: str, *, size: float = 12, space_after: float = 4):
    return para(doc, text, bold=True, size=size, align="center", space_after=space_after)


def heading(doc, text: str):
    return para(doc, text, bold=True, align="left", space_after=4, keep_with_next=True)


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
                header: bool = True, bold_first_column: bool = False):
    """A bordered table with fixed rows (tags allowed inside cells)."""
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
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return table


def signature_blocks(doc, variable: str = "firmas", count: int = 3):
    """``count`` signature blocks side by side: a line, name, DNI and role of ``variable[i]``.

    A block whose signature was dispensed prints the constancia instead of the line.
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
    # Keep the three blocks on one page.
    for paragraph in table.rows[0].cells[0].paragraphs:
        paragraph.paragraph_format.keep_with_next = True
    return table


def save(doc, relative: str) -> Path:
    target = TEMPLATES / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.core_properties.author = "cddgen"
    doc.core_properties.title = relative
    slim(doc)
    doc.save(target)
    return target
