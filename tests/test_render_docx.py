"""The rendering core (issue 2.3): autoescaping, the sandbox, loud failures, atomic writes."""

from __future__ import annotations

import zipfile

import pytest
from docx import Document

from generator.errors import TemplateProblem
from generator.render.docx import render_docx

from .conftest import docx_text

HOSTILE_NAME = 'Pérez & Ñañez <Jr> "Lucho"'


def make_template(path, *lines):
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def test_special_characters_render_literally_and_the_docx_stays_valid(tmp_path):
    template = make_template(tmp_path / "t.docx", "Nombre: {{ nombre }}", "{{ fecha|fecha_larga }}")
    import datetime as dt

    target = render_docx(template, {"nombre": HOSTILE_NAME, "fecha": dt.date(2026, 1, 5)}, tmp_path / "out.docx")
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "&amp;" in xml and "&lt;Jr&gt;" in xml
    text = docx_text(target)
    assert f"Nombre: {HOSTILE_NAME}" in text
    assert "5 de enero de 2026" in text


@pytest.mark.parametrize(
    "expression",
    ["{{ ''.__class__.__mro__ }}", "{{ nombre.__class__.__init__.__globals__ }}",
     "{{ cycler.__init__.__globals__.os }}"],
)
def test_template_cannot_reach_python_internals(tmp_path, expression):
    template = make_template(tmp_path / "t.docx", expression)
    with pytest.raises(TemplateProblem) as error:
        render_docx(template, {"nombre": "x", "cycler": None}, tmp_path / "out.docx")
    assert "no está permitido" in str(error.value) or "falta un dato" in str(error.value)
    assert not (tmp_path / "out.docx").exists()


def test_values_that_look_like_template_code_are_printed_literally(tmp_path):
    template = make_template(tmp_path / "t.docx", "{{ nombre }}")
    target = render_docx(template, {"nombre": "{{ 7*7 }} {% for x in y %}"}, tmp_path / "out.docx")
    assert "{{ 7*7 }} {% for x in y %}" in docx_text(target)
    assert "49" not in docx_text(target)


def test_missing_variables_are_named_before_rendering(tmp_path):
    template = make_template(tmp_path / "t.docx", "{{ nombre }} {{ dni }} {{ cargo }}")
    with pytest.raises(TemplateProblem, match="usa datos que cddgen no proporciona: cargo, dni"):
        render_docx(template, {"nombre": "x"}, tmp_path / "out.docx")


def test_syntax_error_is_explained(tmp_path):
    template = make_template(tmp_path / "t.docx", "{% if nombre %} sin cerrar")
    with pytest.raises(TemplateProblem, match="error de sintaxis"):
        render_docx(template, {"nombre": "x"}, tmp_path / "out.docx")


def test_not_a_word_file(tmp_path):
    template = tmp_path / "t.docx"
    template.write_bytes(b"esto no es un docx")
    with pytest.raises(TemplateProblem, match="no es un documento Word válido"):
        render_docx(template, {}, tmp_path / "out.docx")


def test_output_is_written_atomically_without_leftovers(tmp_path):
    template = make_template(tmp_path / "t.docx", "{{ nombre }}")
    target = tmp_path / "salida" / "doc.docx"
    render_docx(template, {"nombre": "uno"}, target)
    render_docx(template, {"nombre": "dos"}, target)
    assert "dos" in docx_text(target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["doc.docx"]


def test_the_fast_path_gives_the_same_documents_as_docxtpl(tmp_path, monkeypatch, settings):
    """Every bundled document family rendered twice, through the fast path and through
    docxtpl's own, gives the same documents: the same XML in every part (tests/helpers.py
    assert_same_package; tests/test_docxtpl_parity.py does the same for every docxtpl tag)."""
    from generator.pipeline.demo import run_demo
    from generator.render import docx as docx_module

    from .conftest import make_settings
    from .helpers import assert_same_package

    fast_dir, slow_dir = tmp_path / "rapida", tmp_path / "docxtpl"
    fast_dir.mkdir()
    slow_dir.mkdir()
    fast = run_demo(make_settings(fast_dir), pdf=False)
    monkeypatch.setattr(docx_module._CACHE, "compiled", lambda path, env: None)
    slow = run_demo(make_settings(slow_dir), pdf=False)
    fast_docs = [d for _, documents in fast for d in documents]
    slow_docs = [d for _, documents in slow for d in documents]
    assert [d.number for d in fast_docs] == [d.number for d in slow_docs]
    assert len(fast_docs) > 50
    for one, other in zip(fast_docs, slow_docs):
        assert_same_package(one.docx, other.docx)


def test_every_bundled_template_takes_the_fast_path():
    from generator.render import docx as docx_module

    from .conftest import REPO

    templates = sorted((REPO / "templates").rglob("*.docx"))
    assert templates
    for path in templates:
        assert docx_module._CACHE.compiled(path, docx_module._ENV) is not None, path.name


def test_a_template_with_images_takes_docxtpl_path(tmp_path):
    """The logo is inserted by docxtpl (an image part is added to the package)."""
    import base64

    logo = tmp_path / "logo.png"
    logo.write_bytes(base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="))
    template = make_template(tmp_path / "t.docx", "{{ logo }} {{ nombre }}")
    target = render_docx(template, {"nombre": "Ñañez"}, tmp_path / "out.docx", images={"logo": logo})
    with zipfile.ZipFile(target) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())
    assert "Ñañez" in docx_text(target)
