"""The blank Word ficha de monitoreo CAP (forms/ficha-cap.docx; DOMAIN.md C, seed 004).

Written with python-docx from the rules catalogue each time ``cddgen forms`` runs, so the
items of the form and those the reader expects are the same list. The layout follows the
seed: 1 datos generales, 2 especialista, 3.1 personal, 3.2 metas, 4.1 and 4.2 item tables
with one column per value 0 1 2 3, the tabla de valoración, observaciones, 5 compromisos
and sugerencias, two signature lines. The specialist marks an X in Word or LibreOffice;
the reader finds every table by its labels, never by its position.

The form carries no year's name: that depends on the ficha's date, which the rendered
ficha takes from the filled form.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..config import Institution
from ..domain.cap import CapRules, Catalogue, Scale
from ..fsutil import atomic_output
from ..render.docx_package import declare_language, slim
from ..wording import TRATAMIENTO_CHOICES

KIND = "ficha-cap"
VERSION = 2  # 2: tratamientos (Sr./Sra.) of the director and the especialista
MARKER = f"cddgen:{KIND}:v{VERSION}"
FONT = "Arial"
# Usable width of an A4 page with 2 cm margins.
WIDTH_CM = 17.0

# Labels the reader looks for (compared without accents, case or punctuation).
LABEL_CODE = "Código local"
LABEL_DATE = "Fecha"
LABEL_DAY, LABEL_MONTH, LABEL_YEAR = "Día", "Mes", "Año"
LABEL_CETPRO = "Nombre del CETPRO"
LABEL_UGEL = "UGEL"
LABEL_REI = "REI"
LABEL_CYCLES = "Ciclos que atiende (marque con X)"
LABEL_SHIFTS = "Turnos que atiende el CETPRO (marque con X)"
LABEL_WEB = "Plataforma institucional del CETPRO (dirección web, si tiene)"
LABEL_DIRECTOR = "Nombre del director(a) del CETPRO"
LABEL_DIRECTOR_TRATAMIENTO = "Tratamiento del director(a) (Sr. o Sra.)"
LABEL_AREA = "Área"
LABEL_SPECIALIST = "Nombre del especialista"
LABEL_SPECIALIST_TRATAMIENTO = "Tratamiento del especialista (Sr. o Sra.)"
# What an unchosen drop-down shows (read back as no tratamiento).
TRATAMIENTO_PLACEHOLDER = "Elija Sr. o Sra."
LABEL_STAFF = "Personal institucional"
LABEL_TOTAL = "Total"
LABEL_ENROLLED = "Estudiantes matriculados – ciclo {cycle}"
LABEL_ATTENDING = "Estudiantes asistentes – ciclo {cycle}"
LABEL_TOTAL_ENROLLED = "Total matrícula"
LABEL_TOTAL_ATTENDING = "Total asistentes"
LABEL_NUMBER = "N°"
LABEL_VALUATION = "Valoración"
LABEL_SCALE = "TABLA DE VALORACIÓN"
LABEL_NOTES = "OBSERVACIONES / SUGERENCIAS DEL ESPECIALISTA"
LABEL_COMMITMENTS = "COMPROMISOS DEL DIRECTOR(A)"
LABEL_SUGGESTIONS = "SUGERENCIAS DEL DIRECTOR(A)"
COMPUTED_NOTE = "(lo calcula cddgen)"

_HEADER_FILL = "D9E2F3"
_BLOCK_FILL = "EDEDED"
_COMPUTED_FILL = "F2F2F2"
# Documents generated again give the same file content (no "now" in the properties).
_FIXED_TIMESTAMP = dt.datetime(2026, 1, 1)


def item_number(item_id: str) -> str:
    """How the ficha prints an item's number: «1.1.»."""
    return f"{item_id}."


# ----------------------------------------------------------------------------- helpers


def _shade(cell, color: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    for old in properties.findall(qn("w:shd")):
        properties.remove(old)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    properties.append(shading)


def _write(cell, text: str = "", *, bold: bool = False, italic: bool = False, size: float = 9,
           align: str = "left", fill: str | None = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        run.italic = italic
        run.font.size = Pt(size)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if fill:
        _shade(cell, fill)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _cant_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _dropdown(cell, choices: tuple[str, ...], tag: str) -> None:
    """A drop-down content control (Word: Desarrollador › Control de contenido de lista desplegable)
    in ``cell``, showing a grey placeholder until a value is chosen; typing over it also works."""
    paragraph = cell.paragraphs[0]
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    for name, value in (("w:alias", "Tratamiento"), ("w:tag", tag)):
        element = OxmlElement(name)
        element.set(qn("w:val"), value)
        properties.append(element)
    properties.append(OxmlElement("w:showingPlcHdr"))
    listing = OxmlElement("w:dropDownList")
    for choice in choices:
        item = OxmlElement("w:listItem")
        item.set(qn("w:displayText"), choice)
        item.set(qn("w:value"), choice)
        listing.append(item)
    properties.append(listing)
    sdt.append(properties)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    run_properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "808080")
    run_properties.append(colour)
    run.append(run_properties)
    text = OxmlElement("w:t")
    text.text = TRATAMIENTO_PLACEHOLDER
    run.append(text)
    content.append(run)
    sdt.append(content)
    paragraph._p.append(sdt)


def choose(cell, value: str) -> None:
    """Choose ``value`` in the drop-down of ``cell``, as a user does in Word (examples and tests)."""
    sdt = cell._tc.find(".//" + qn("w:sdt"))
    properties = sdt.find(qn("w:sdtPr"))
    for placeholder in properties.findall(qn("w:showingPlcHdr")):
        properties.remove(placeholder)
    run = sdt.find(qn("w:sdtContent")).find(qn("w:r"))
    for colour in run.iter(qn("w:color")):
        colour.getparent().remove(colour)
    run.find(qn("w:t")).text = value


def _table(doc, rows: int, widths: list[float]):
    table = doc.add_table(rows=rows, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    grid = table._tbl.tblGrid
    for index, column in enumerate(grid.findall(qn("w:gridCol"))):
        column.set(qn("w:w"), str(int(Cm(widths[index]).twips)))
    for row in table.rows:
        for index, width in enumerate(widths):
            row.cells[index].width = Cm(width)
    return table


def _merge(table, row: int, first: int, last: int):
    return table.cell(row, first).merge(table.cell(row, last)) if last > first else table.cell(row, first)


def _para(doc, text: str = "", *, bold: bool = False, italic: bool = False, size: float = 10,
          align: str = "left", space_after: float = 4, keep_with_next: bool = False):
    paragraph = doc.add_paragraph()
    paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.keep_with_next = keep_with_next
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        run.italic = italic
        run.font.size = Pt(size)
    return paragraph


def _heading(doc, text: str):
    return _para(doc, text, bold=True, size=10, space_after=3, keep_with_next=True)


def _gap(doc) -> None:
    _para(doc, space_after=2).paragraph_format.space_before = Pt(0)


def _new_document(institution: Institution) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = Cm(2.0)
    section.bottom_margin = Cm(1.8)
    section.header_distance = section.footer_distance = Cm(0.9)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(4)
    header = section.header
    lines = (("PERÚ – Ministerio de Educación", True), (institution.dre, False), (institution.ugel, False),
             (institution.area, False))
    for index, (text, bold) in enumerate(lines):
        paragraph = header.paragraphs[0] if index == 0 else header.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = footer.add_run("Ficha de monitoreo CAP – formulario de cddgen: marque con X; no cambie los "
                         "números de ítem ni los títulos de las tablas.")
    run.font.size = Pt(7)
    run.italic = True
    return doc


# ----------------------------------------------------------------------------- sections


def _general_data(doc, catalogue: Catalogue) -> None:
    _heading(doc, "1. DATOS GENERALES DE LA INSTITUCIÓN")
    widths = [3.6, 3.0, 2.6, 1.6, 2.0, 2.0, 2.2]
    table = _table(doc, 8, widths)
    # Row 0–1: código local / nombre del CETPRO, and the date as día, mes, año under its labels.
    _write(table.cell(0, 0), LABEL_CODE, bold=True, fill=_HEADER_FILL)
    _merge(table, 0, 1, 2)
    _write(table.cell(1, 0), LABEL_CETPRO, bold=True, fill=_HEADER_FILL)
    _merge(table, 1, 1, 2)
    date_label = table.cell(0, 3).merge(table.cell(1, 3))
    _write(date_label, LABEL_DATE, bold=True, align="center", fill=_HEADER_FILL)
    for column, label in zip((4, 5, 6), (LABEL_DAY, LABEL_MONTH, LABEL_YEAR)):
        _write(table.cell(0, column), label, bold=True, align="center", fill=_HEADER_FILL)
        _write(table.cell(1, column), align="center")
    # Row 2: UGEL and REI.
    _write(table.cell(2, 0), LABEL_UGEL, bold=True, fill=_HEADER_FILL)
    _merge(table, 2, 1, 2)
    _write(table.cell(2, 3), LABEL_REI, bold=True, align="center", fill=_HEADER_FILL)
    _merge(table, 2, 4, 6)
    # Row 3: ciclos, each followed by the cell to mark.
    _write(table.cell(3, 0), LABEL_CYCLES, bold=True, fill=_HEADER_FILL)
    cycle_cells = [(1, 2), (4, 5)]
    mark_cells = [3, 6]
    for (first, last), mark, cycle in zip(cycle_cells, mark_cells, catalogue.cycles):
        _write(_merge(table, 3, first, last), cycle, align="center")
        _write(table.cell(3, mark), align="center")
    # Row 4: turnos M, T, N, each followed by the cell to mark.
    _write(table.cell(4, 0), LABEL_SHIFTS, bold=True, fill=_HEADER_FILL)
    for index, shift in enumerate(catalogue.shifts[:3]):
        _write(table.cell(4, 1 + 2 * index), shift, bold=True, align="center")
        _write(table.cell(4, 2 + 2 * index), align="center")
    # Rows 5–7: web platform, director and the director's tratamiento.
    for row, label in ((5, LABEL_WEB), (6, LABEL_DIRECTOR), (7, LABEL_DIRECTOR_TRATAMIENTO)):
        _write(_merge(table, row, 0, 2), label, bold=True, fill=_HEADER_FILL)
        _merge(table, row, 3, 6)
    _write(table.cell(7, 3))
    _dropdown(table.cell(7, 3), TRATAMIENTO_CHOICES, "tratamiento-director")
    _gap(doc)


def _specialist(doc, institution: Institution) -> None:
    _heading(doc, "2. DATOS DEL ESPECIALISTA DEL MONITOREO")
    table = _table(doc, 3, [4.0, 13.0])
    _write(table.cell(0, 0), LABEL_AREA, bold=True, fill=_HEADER_FILL)
    _write(table.cell(0, 1), institution.area)
    _write(table.cell(1, 0), LABEL_SPECIALIST, bold=True, fill=_HEADER_FILL)
    _write(table.cell(1, 1))
    _write(table.cell(2, 0), LABEL_SPECIALIST_TRATAMIENTO, bold=True, fill=_HEADER_FILL)
    _write(table.cell(2, 1))
    _dropdown(table.cell(2, 1), TRATAMIENTO_CHOICES, "tratamiento-especialista")
    _gap(doc)


def _staff(doc, catalogue: Catalogue) -> None:
    _heading(doc, "3. ORGANIZACIÓN DE LA GESTIÓN ESCOLAR (DIMENSIÓN ESTRATÉGICA)")
    _heading(doc, "3.1. En cada caso registre la cantidad total del personal y la cantidad de estos que "
                  "trabajan en el presente año escolar.")
    cycles = list(catalogue.staff_cycles)
    widths = [7.4] + [3.4] * len(cycles) + [WIDTH_CM - 7.4 - 3.4 * len(cycles)]
    table = _table(doc, len(catalogue.staff_rows) + 2, widths)
    for column, label in enumerate([LABEL_STAFF, *cycles, LABEL_TOTAL]):
        _write(table.cell(0, column), label + (f" {COMPUTED_NOTE}" if label == LABEL_TOTAL else ""),
               bold=True, align="center", fill=_HEADER_FILL)
    _repeat_header(table.rows[0])
    for row, cargo in enumerate(catalogue.staff_rows, start=1):
        _write(table.cell(row, 0), cargo)
        for column in range(1, len(cycles) + 1):
            _write(table.cell(row, column), align="center")
        _write(table.cell(row, len(cycles) + 1), fill=_COMPUTED_FILL)
    last = len(catalogue.staff_rows) + 1
    _write(table.cell(last, 0), LABEL_TOTAL, bold=True)
    for column in range(1, len(cycles) + 2):
        _write(table.cell(last, column), fill=_COMPUTED_FILL)
    _gap(doc)


def _goals(doc, catalogue: Catalogue, rules: CapRules) -> None:
    _heading(doc, "3.2. Metas de atención: cantidad de estudiantes matriculados por ciclos en el presente año, "
                  f"{rules.metas_period(None)}.")
    labels = []
    for cycle in catalogue.goal_cycles:
        labels += [LABEL_ENROLLED.format(cycle=cycle), LABEL_ATTENDING.format(cycle=cycle)]
    labels += [LABEL_TOTAL_ENROLLED + f" {COMPUTED_NOTE}", LABEL_TOTAL_ATTENDING + f" {COMPUTED_NOTE}"]
    table = _table(doc, 2, [WIDTH_CM / len(labels)] * len(labels))
    for column, label in enumerate(labels):
        computed = column >= len(labels) - 2
        _write(table.cell(0, column), label, bold=True, size=8, align="center", fill=_HEADER_FILL)
        _write(table.cell(1, column), align="center", fill=_COMPUTED_FILL if computed else None)
    table.rows[1].height = Cm(0.8)
    _gap(doc)


def _items(doc, part, catalogue: Catalogue, scale: Scale) -> None:
    values = [str(value) for value in scale.values]
    widths = [1.2, WIDTH_CM - 1.2 - 1.1 * len(values)] + [1.1] * len(values)
    table = _table(doc, 2, widths)
    last = len(widths) - 1
    number = table.cell(0, 0).merge(table.cell(1, 0))
    _write(number, LABEL_NUMBER, bold=True, align="center", fill=_HEADER_FILL)
    text = table.cell(0, 1).merge(table.cell(1, 1))
    _write(text, part.header, bold=True, align="center", fill=_HEADER_FILL)
    _write(_merge(table, 0, 2, last), LABEL_VALUATION, bold=True, align="center", fill=_HEADER_FILL)
    for column, value in enumerate(values, start=2):
        _write(table.cell(1, column), value, bold=True, align="center", fill=_HEADER_FILL)
    for row in table.rows[:2]:
        _repeat_header(row)
    for block in part.blocks:
        row = table.add_row()
        cell = row.cells[0].merge(row.cells[last])
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(f"{block.number}. {block.title}")
        run.bold = True
        run.font.size = Pt(9)
        if block.description:
            run = paragraph.add_run(f": {block.description}")
            run.font.size = Pt(9)
        _shade(cell, _BLOCK_FILL)
        _cant_split(row)
        for item in block.items:
            if item.subtitle:
                row = table.add_row()
                cell = row.cells[0].merge(row.cells[last])
                _write(cell, item.subtitle, bold=True, italic=True)
            row = table.add_row()
            _cant_split(row)
            _write(row.cells[0], item_number(item.id), align="center")
            _write(row.cells[1], item.text, align="justify")
            for column in range(2, last + 1):
                _write(row.cells[column], align="center")
    _gap(doc)


def _scale_table(doc, scale: Scale) -> None:
    table = _table(doc, 3, [WIDTH_CM / len(scale.levels)] * len(scale.levels))
    _write(_merge(table, 0, 0, len(scale.levels) - 1), LABEL_SCALE, bold=True, align="center", fill=_HEADER_FILL)
    for column, level in enumerate(scale.levels):
        _write(table.cell(1, column), f"{level.value} – {level.name}", bold=True, align="center", fill=_HEADER_FILL)
        _write(table.cell(2, column), level.description, size=8, align="center")
    _gap(doc)


def _free_text(doc) -> None:
    table = _table(doc, 2, [WIDTH_CM])
    _write(table.cell(0, 0), LABEL_NOTES, bold=True, fill=_HEADER_FILL)
    table.cell(0, 0).paragraphs[0].paragraph_format.keep_with_next = True
    _cant_split(table.rows[0])
    _write(table.cell(1, 0))
    table.rows[1].height = Cm(3.0)
    _gap(doc)
    _heading(doc, "5. COMPROMISOS Y SUGERENCIAS")
    table = _table(doc, 2, [WIDTH_CM / 2, WIDTH_CM / 2])
    _write(table.cell(0, 0), LABEL_COMMITMENTS, bold=True, align="center", fill=_HEADER_FILL)
    _write(table.cell(0, 1), LABEL_SUGGESTIONS, bold=True, align="center", fill=_HEADER_FILL)
    _write(table.cell(1, 0))
    _write(table.cell(1, 1))
    table.rows[1].height = Cm(3.5)
    _gap(doc)


def _signatures(doc) -> None:
    for _ in range(3):
        _para(doc, space_after=6)
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, label in enumerate(("Firma del director(a)", "Firma del especialista/monitor")):
        _write(table.cell(0, column), "______________________________", align="center", size=10)
        _write(table.cell(1, column), label, align="center", size=9)


def build_ficha_docx(rules: CapRules, catalogue: Catalogue, scale: Scale, institution: Institution) -> Document:
    """The blank ficha as a python-docx Document."""
    doc = _new_document(institution)
    _para(doc, rules.titulo.upper(), bold=True, size=11, align="center", space_after=2)
    _para(doc, "Marque con una X (también vale x o ✓) una sola columna por ítem. cddgen lee esta ficha: "
               "no cambie los números de los ítems ni los títulos de las tablas; los totales los calcula cddgen.",
          italic=True, size=8, align="center", space_after=6)
    _general_data(doc, catalogue)
    _specialist(doc, institution)
    _para(doc, "Estimado(a) director(a):", size=10, space_after=2)
    _para(doc, rules.presentacion, size=9, align="justify", space_after=6)
    _staff(doc, catalogue)
    _goals(doc, catalogue, rules)
    _heading(doc, "4. IMPLEMENTACIÓN DE LAS COMUNIDADES DE APRENDIZAJE PROFESIONAL (CAP) EN LAS II. EE. DE ETP")
    for part in catalogue.parts:
        _heading(doc, f"{part.id}. {part.title.upper()}")
        _items(doc, part, catalogue, scale)
    _scale_table(doc, scale)
    _free_text(doc)
    _signatures(doc)
    properties = doc.core_properties
    properties.title = "Ficha de monitoreo CAP"
    properties.keywords = MARKER
    properties.author = "cddgen"
    properties.last_modified_by = "cddgen"
    properties.created = properties.modified = _FIXED_TIMESTAMP
    properties.revision = 1
    declare_language(doc)
    slim(doc)
    return doc


def write_ficha_docx(rules: CapRules, catalogue: Catalogue, scale: Scale, institution: Institution,
                     target: str | Path) -> Path:
    """Write the blank ficha atomically to ``target``."""
    doc = build_ficha_docx(rules, catalogue, scale, institution)
    with atomic_output(Path(target)) as temp:
        doc.save(temp)
    return Path(target)
