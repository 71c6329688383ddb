"""The fast path of render/docx.py gives docxtpl's documents (issue 20, item 5).

Users restyle the templates in Word and may use any tag docxtpl documents. One template built
here with python-docx uses all of them — loops over rows ({%tr %}), columns ({%tc %}, yielding
more and fewer cells than the table's grid), paragraphs ({%p %}) and runs ({%r %}); merges
({% hm %}, {% vm %}, {% colspan %}); cell shading ({% cellbg %}); comments ({#p #}); rich text
(RichText); whitespace control ({%- -%}); escaped braces ({_{ }_}); line breaks, tabs and new
paragraphs inside values; a drawing repeated by a loop; headers and footers of two sections;
footnotes — and is rendered through the fast path and by docxtpl itself, with the same Jinja
environment; the packages' XML must be the same. The grid fitting, which the fast path does on
a parsed body, is also checked against docxtpl's own on random tables.
"""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, RichText
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader

from generator.config import PdfSettings
from generator.errors import TemplateProblem
from generator.render import docx as docx_module
from generator.render.docx import make_environment, render_docx
from generator.render.pdf import PdfConverter

from .conftest import docx_text, pdf_text, squash
from .helpers import assert_same_package
from .libreoffice import REAL_SOFFICE, needs_soffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    '<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Nota al pie de </w:t></w:r>'
    '<w:r><w:t>{{ entidad }}</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p></w:footnote></w:footnotes>'
)


def _table(container, rows: list[list[str]], **size):
    """A table as wide as its longest row; a shorter row has only its own cells (as a template
    where a cell will span the missing ones)."""
    table = container.add_table(rows=len(rows), cols=max(map(len, rows)), **size)
    for row, texts in zip(table.rows, rows):
        for cell, text in zip(row.cells, texts):
            cell.text = text
        for extra in row.cells[len(texts):]:
            row._tr.remove(extra._tc)
    return table


def _footnote_reference(paragraph) -> None:
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    paragraph.add_run()._r.append(reference)


def build_template(path: Path, *, drawing: bool = True) -> Path:
    """A template with every tag docxtpl documents (see the module docstring); ``drawing``
    adds the repeated picture."""
    document = Document()
    body = document.add_paragraph
    body("Título: {{ titulo }}")
    body("{%p for item in items %}")
    body("Ítem {{ loop.index }}: {{ item }}")
    body("{%p endfor %}")
    body("{%p if mostrar %}")
    body("Párrafo condicional.")
    body("{%p endif %}")
    body("{#p un comentario que no se imprime #}")
    runs = body("Antes ")
    runs.add_run("{%r if destacado %}")
    runs.add_run("DESTACADO").bold = True
    runs.add_run("{%r endif %}")
    runs.add_run(" después.")
    body("Texto enriquecido: {{r rico }}.")
    # docxtpl's documented example of whitespace control ({%- merges with the text before,
    # -%} with the text after): six paragraphs become one.
    body("Mi casa está")
    body("{%- if en_ciudad -%}")
    body(" en la ciudad")
    body("{%- else -%}")
    body(" en el campo")
    body("{%- endif -%}")
    body(" y me gusta.")
    body("Llaves literales: {_{ sin etiqueta }_}.")
    body("Saltos: {{ saltos }}")
    footnoted = body("Con nota al pie.")
    _footnote_reference(footnoted)
    # rows loop, one column merged vertically over the repeated rows
    _table(document, [["Grupo", "Nombre", "Nota"], ["{%tr for fila in filas %}"],
                      ["{% vm %}{{ grupo }}", "{{ fila.nombre }}", "{{ fila.nota }}"], ["{%tr endfor %}"]])
    # column loops: as many cells as columns, more or fewer than the grid's four
    _table(document, [["Concepto", "{%tc for columna in columnas %}", "{{ columna }}", "{%tc endfor %}"],
                      ["Valor", "{%tc for columna in columnas %}", "{{ loop.index }}", "{%tc endfor %}"]])
    # a header merged horizontally over the looped columns
    _table(document, [["{%tc for columna in columnas %}", "{% hm %}Encabezado combinado", "{%tc endfor %}", "Total"],
                      ["{%tc for columna in columnas %}", "{{ columna }}", "{%tc endfor %}", "{{ columnas|length }}"]])
    _table(document, [["{% colspan ancho %}Celda ancha", "c"], ["{% cellbg color %}Celda sombreada", "e", "f"]])
    if drawing:
        body("{%p for item in items %}")
        body().add_run().add_picture(io.BytesIO(PIXEL_PNG), width=Mm(4))
        body("{%p endfor %}")

    first = document.sections[0]
    first.header.paragraphs[0].text = "Encabezado de {{ entidad }}"
    first.header.add_paragraph("{%p if mostrar %}")
    first.header.add_paragraph("Encabezado condicional")
    first.header.add_paragraph("{%p endif %}")
    first.footer.paragraphs[0].text = "Pie: {{ titulo }}"
    _table(first.footer, [["{%tr for columna in columnas %}", ""], ["{{ columna }}", "{{ loop.index }}"],
                          ["{%tr endfor %}", ""]], width=Mm(100))
    second = document.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Segunda sección, {{ entidad }}"
    body("Segunda sección: {{ titulo }}")

    footnotes = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, FOOTNOTES.encode("utf-8"),
                     document.part.package)
    document.part.relate_to(footnotes, RT.FOOTNOTES)
    document.save(path)
    return path


def context(columns: int) -> dict:
    rich = RichText("negrita", bold=True)
    rich.add(" y cursiva", italic=True)
    return {
        "titulo": 'Acta N° 001 & «Pérez» <Jr>', "entidad": "UGEL 02", "destacado": True, "rico": rich,
        "items": [f"ítem {index}" for index in range(columns)], "mostrar": columns % 2 == 0,
        "en_ciudad": columns == 1, "saltos": "uno\ndos\ttres\acuatro",
        "filas": [{"nombre": f"Nombre {index}", "nota": 10 + index} for index in range(3)],
        "grupo": "Grupo A", "columnas": [f"Col{index}" for index in range(columns)],
        "ancho": 2, "color": "D9D9D9",
    }


def render_with_docxtpl(template: Path, values: dict, target: Path) -> Path:
    """docxtpl itself, with cddgen's Jinja environment (sandbox, autoescape, filters)."""
    document = DocxTemplate(template)
    document.render(values, jinja_env=make_environment(), autoescape=True)
    document.save(target)
    return target


def grid_columns(path: Path) -> list[int]:
    """How many gridCol each table of the body has, in document order (nested ones too)."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return [len(table.findall(f"{W}tblGrid/{W}gridCol")) for table in root.iter(f"{W}tbl")]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return build_template(tmp_path_factory.mktemp("plantilla") / "todas-las-etiquetas.docx")


@pytest.mark.parametrize("drawing", [True, False], ids=["con-dibujo", "sin-dibujo"])
@pytest.mark.parametrize("columns", [0, 1, 3, 6], ids=lambda n: f"{n}-columnas")
def test_the_fast_path_gives_docxtpl_documents_for_every_tag(tmp_path, columns, drawing):
    """0 and 1 columns leave fewer cells than the column-loop tables' grid of 4 (fix_tables
    removes gridCol), 3 fill it exactly, 6 overflow it (fix_tables adds gridCol); the drawing
    is repeated by a paragraph loop (fix_docpr_ids renumbers it) from 1 up."""
    template = build_template(tmp_path / "plantilla.docx", drawing=drawing)
    assert docx_module._CACHE.compiled(template, docx_module._ENV) is not None  # no fallback
    values = context(columns)
    reference = render_with_docxtpl(template, values, tmp_path / "docxtpl.docx")
    fast = render_docx(template, values, tmp_path / "rapida.docx")
    assert_same_package(fast, reference)

    # The template did exercise what docxtpl does after filling: the grids follow the cells
    # (columns + 1: the label cell, or «Total» beside the merged header), the drawings are
    # numbered apart, the merges are in place.
    grids = grid_columns(fast)
    assert grids[1:3] == [columns + 1, columns + 1]
    assert grids[0] == 3 and grids[3] == 3
    with zipfile.ZipFile(fast) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        parts = {name: archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml")}
    ids = [element.get("id") for element in etree.fromstring(xml.encode()).iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert ids == [str(1001 + index) for index in range(columns if drawing else 0)]
    assert xml.count('w:vMerge w:val="restart"') == 1 and xml.count('w:vMerge w:val="continue"') == 2
    if columns:
        assert f'<w:gridSpan w:val="{columns}"/>' in xml
    assert '<w:gridSpan w:val="2"/>' in xml and 'w:fill="D9D9D9"' in xml
    assert not [name for name, text in parts.items() if "{%" in text or "{{" in text.replace("{{ sin", "")]
    assert "Nota al pie de UGEL 02." in squash(etree.fromstring(parts["word/footnotes.xml"].encode())
                                                .xpath("string()"))


def test_the_rows_of_a_nested_table_count_for_the_outer_one_as_in_docxtpl(tmp_path):
    """docxtpl fits an outer table's grid to the rows of the tables nested in it too (it walks
    every row below the table): a column loop of three cells in the nested table gives the
    one-column outer table three grid columns. cddgen's two paths do as docxtpl does."""
    document = Document()
    outer = _table(document, [["Anidada:"]])
    _table(outer.cell(0, 0), [["{%tc for columna in columnas %}", "{{ columna }}", "{%tc endfor %}"]])
    template = tmp_path / "anidada.docx"
    document.save(template)
    values = context(3)
    fast = render_docx(template, values, tmp_path / "rapida.docx")
    assert_same_package(fast, render_with_docxtpl(template, values, tmp_path / "docxtpl.docx"))
    assert grid_columns(fast) == [3, 3]


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@st.composite
def table_bodies(draw) -> str:
    """A filled body of one to three tables whose rows have any number of cells, some spanning
    several columns, some holding a nested table — what loops and merges can leave."""

    def table(depth: int) -> str:
        widths = draw(st.lists(st.integers(100, 5000), min_size=1, max_size=6))
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        rows = []
        for _ in range(draw(st.integers(0, 4))):
            cells = []
            for _ in range(draw(st.integers(0, len(widths) + 2))):  # fewer, as many, more than the grid
                span = draw(st.sampled_from([1, 1, 1, 2, 3]))
                properties = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
                inner = table(depth + 1) if depth < 1 and draw(st.booleans()) else ""
                cells.append(f"<w:tc>{properties}{inner}<w:p/></w:tc>")
            rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
        return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"

    tables = "<w:p/>".join(table(0) for _ in range(draw(st.integers(1, 3))))
    return f'<w:body xmlns:w="{_W_NS}">{tables}<w:sectPr/></w:body>'


@given(table_bodies())
def test_grid_fitting_is_docxtpls_fix_tables(body):
    expected = DocxTemplate(io.BytesIO()).fix_tables(body)
    fitted = etree.fromstring(body)
    changed = docx_module.fit_table_grids(fitted)
    assert etree.tostring(fitted, method="c14n") == etree.tostring(expected, method="c14n")
    assert changed == (etree.tostring(expected, method="c14n") != etree.tostring(etree.fromstring(body), method="c14n"))


def test_the_tags_give_the_expected_text(template, tmp_path):
    text = docx_text(render_docx(template, context(2), tmp_path / "rapida.docx"))
    for expected in [
        "Título: Acta N° 001 & «Pérez» <Jr>", "Ítem 1: ítem 0", "Ítem 2: ítem 1", "Párrafo condicional.",
        "Antes DESTACADO después.", "Texto enriquecido: negrita y cursiva.", "Mi casa está en el campo y me gusta.",
        "Llaves literales: {{ sin etiqueta }}.", "Saltos: uno\ndos\ttres", "cuatro", "Grupo A", "Nombre 2",
        "Encabezado combinado", "Col1", "Celda ancha", "Celda sombreada", "Encabezado de UGEL 02",
        "Encabezado condicional", "Pie: Acta N° 001 & «Pérez» <Jr>", "Segunda sección, UGEL 02",
        "Segunda sección: Acta N° 001",
    ]:
        assert expected in text, expected
    assert "comentario" not in text and "{%" not in text


def test_a_tag_that_breaks_a_table_is_refused_on_both_paths(tmp_path):
    """A tag opened in a table cell and closed after the table removes, when false, the end of
    the table: docxtpl would quietly mend the XML (and lose text); both paths refuse it."""
    document = Document()
    _table(document, [["{% if mostrar %}Dentro", "b"]])
    document.add_paragraph("Fuera{% endif %} final")
    template = tmp_path / "rota.docx"
    document.save(template)
    logo = tmp_path / "logo.png"
    logo.write_bytes(PIXEL_PNG)
    for images in (None, {"logo": logo}):  # fast path; with an image to insert, docxtpl's
        with pytest.raises(TemplateProblem, match="mal formado"):
            render_docx(template, {"mostrar": False}, tmp_path / "salida.docx", images=images)
        assert not (tmp_path / "salida.docx").exists()


@needs_soffice
def test_a_document_with_every_tag_converts_to_pdf_with_its_text(template, tmp_path):
    document = render_docx(template, context(6), tmp_path / "todas-las-etiquetas.docx")
    converter = PdfConverter(PdfSettings(enabled=True, soffice=REAL_SOFFICE, timeout=120.0, workers=1, pdfa=False),
                             profile_root=tmp_path / "perfiles")
    [result] = converter.convert([document])
    assert result.error is None
    text = squash(pdf_text(result.pdf))
    pages = [squash(page.extract_text()) for page in PdfReader(result.pdf).pages]
    # each section with its own header: the second starts a page
    assert "Encabezado de UGEL 02" in pages[0] and "Segunda sección" not in pages[0]
    assert pages[-1].startswith("Segunda sección, UGEL 02 Segunda sección: Acta N° 001")
    for expected in [
        "Título: Acta N° 001 & «Pérez» <Jr>", "Ítem 6: ítem 5", "Antes DESTACADO después.",
        "Texto enriquecido: negrita y cursiva.", "Mi casa está en el campo y me gusta.",
        "Encabezado combinado", "Col0", "Col5", "Celda ancha", "Celda sombreada", "Grupo A",
        "Encabezado de UGEL 02", "Encabezado condicional", "Pie: Acta N° 001", "Nota al pie de UGEL 02.",
        "Segunda sección, UGEL 02", "Segunda sección: Acta N° 001", "Llaves literales: {{ sin etiqueta }}.",
    ]:
        assert expected in text, expected
    assert "{%" not in text and text.count("{{") == 1  # only the escaped braces
