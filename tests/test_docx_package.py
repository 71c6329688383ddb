"""Templates and Word forms carry only the styles they use (LibreOffice parses every style of
every document it converts; python-docx's default template brings ~800 KB of them)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document

from generator.render.docx_package import slim

from .conftest import REPO


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_slim_keeps_used_styles_and_what_they_are_based_on(tmp_path):
    doc = Document()
    doc.add_paragraph("Título", style="Heading 1")
    doc.add_table(rows=1, cols=1).style = "Table Grid"
    slim(doc)
    doc.save(tmp_path / "slim.docx")

    reopened = Document(tmp_path / "slim.docx")
    names = {style.name for style in reopened.styles}
    assert {"Normal", "Heading 1", "Heading 1 Char", "Table Grid", "Normal Table"} <= names
    assert "Light Shading Accent 1" not in names and "Quote" not in names
    assert reopened.paragraphs[0].style.name == "Heading 1"
    assert reopened.paragraphs[0].style.base_style.name == "Normal"
    parts = _parts(tmp_path / "slim.docx")
    assert "word/stylesWithEffects.xml" not in parts and "docProps/thumbnail.jpeg" not in parts
    assert b"stylesWithEffects" not in parts["[Content_Types].xml"] + parts["word/_rels/document.xml.rels"]
    assert len(parts["word/styles.xml"]) < 40_000


def test_bundled_templates_are_slim():
    templates = sorted((REPO / "templates").glob("*/*.docx"))
    assert len(templates) >= 10
    for template in templates:
        parts = _parts(template)
        assert "word/stylesWithEffects.xml" not in parts, template.name
        assert len(parts["word/styles.xml"]) < 40_000, template.name
