"""Signable as produced (issue 17; DOMAIN.md D): every document of the demo as the office would
sign it — people in their own gender, no signature page that holds little more than the
signatures, files that present themselves (title, author, Spanish), informes with Asunto,
conclusions and a signer with DNI, no machine notation."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from generator.config import load_settings

from .conftest import squash

# A word in the blank model's neutral form: «Señor(a)», «director(a)», «postulante(s)», «el/la».
PLACEHOLDER = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+\((?:a|as|s|es)\)|\b[Ee]l/la\b|\b[Dd]el/de la\b")
MACHINE = re.compile(r"→|×|\(v\d+\)|\bv\d+\b|\{\{|\{%")
# What the membrete, the year's name and the footer put on every page (not the body).
FRAME = re.compile(r"^(PERÚ|Ministerio de|Educación$|Dirección Regional de Educación de Lima|Metropolitana$|"
                   r"Unidad de Gestión Educativa Local N° 02$|“|Área de Gestión de la Educación Básica Alternativa y "
                   r"Técnico-Productiva$|CETPRO «)|— Página \d+ de \d+$")
# The least body text the page of the signatures carries besides them (a few lines: the
# closing paragraphs that travel with the signature blocks).
MIN_BODY_CHARS = 300


def demo_files(demo_run, suffix: str) -> list[Path]:
    result, folder = demo_run
    assert result.exit_code == 0, result.output
    files = sorted((folder / "outbox" / "demo").rglob(f"*{suffix}"))
    assert len(files) > 60
    return files


def _catalogue_placeholders() -> Counter:
    """The neutral words the ficha CAP instrument itself writes (seed 004): its staff rows and
    item texts, the only «(a)» a document about known people may keep."""
    rules = load_settings(environ={}).rules.cap
    catalogue = rules.catalogue()
    texts = [*catalogue.staff_rows, *(item.text for item in catalogue.items)]
    return Counter(word for text in texts for word in PLACEHOLDER.findall(text))


def _text(pdf: Path) -> str:
    return squash(" ".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages))


def test_d_no_placeholder_for_a_known_person_and_counts_agree(demo_run):
    """DOMAIN.md D: «Señor(a)» is what a blank model says where the person is unknown; every person
    of the demo is known, so no «(a)»/«(s)» is left outside the ficha instrument's fixed wording."""
    instrument = _catalogue_placeholders()
    found = {}
    for pdf in demo_files(demo_run, ".pdf"):
        words = Counter(PLACEHOLDER.findall(_text(pdf)))
        allowed = instrument if pdf.parent.name in ("ficha-cap", "resumen-cap") else Counter()
        if words - allowed:
            found[pdf.name] = dict(words - allowed)
    assert not found


def test_d_no_machine_notation(demo_run):
    found = {pdf.name: MACHINE.findall(_text(pdf)) for pdf in demo_files(demo_run, ".pdf")}
    assert not {name: marks for name, marks in found.items() if marks}


def test_d_the_page_of_the_signatures_carries_the_end_of_the_body(demo_run):
    """DOMAIN.md D: a page never holds only signatures, or a closing sentence and the signatures.
    On the page of the last signature line, the body before it has at least a few lines."""
    short = {}
    for pdf in demo_files(demo_run, ".pdf"):
        if pdf.name.startswith("EXPEDIENTE"):
            continue  # the joined documents, each checked on its own
        pages = [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]
        index = max(number for number, text in enumerate(pages) if "______" in text)
        if index == 0:
            continue  # a one-page document: the body is all there
        lines = [line.strip() for line in pages[index].splitlines() if line.strip()]
        before = lines[:next(number for number, line in enumerate(lines) if line.startswith("____"))]
        body = sum(len(line) for line in before if not FRAME.search(line))
        if body < MIN_BODY_CHARS:
            short[pdf.name] = body
    assert not short


def test_d_every_pdf_presents_itself(demo_run):
    """Title: its number and subject (never the template's path); Author: the institution; es-PE."""
    wrong = {}
    for pdf in demo_files(demo_run, ".pdf"):
        reader = PdfReader(str(pdf))
        title, author = reader.metadata.title or "", reader.metadata.author or ""
        language = str(reader.trailer["/Root"].get("/Lang", ""))
        number = re.match(r"(?:EXPEDIENTE )?(.*?N° [\d]{3}-\d{4}-[A-Z0-9-]+?)(?= |$|\.pdf)", pdf.name).group(1)
        ok = (number in title and " – " in title and ".docx" not in title and language == "es-PE"
              and (author == "Unidad de Gestión Educativa Local N° 02" or author.startswith("CETPRO ")))
        if not ok:
            wrong[pdf.name] = (title, author, language)
    assert not wrong


def test_d_every_docx_declares_spanish(demo_run):
    wrong = []
    for docx in demo_files(demo_run, ".docx"):
        with zipfile.ZipFile(docx) as archive:
            styles = archive.read("word/styles.xml").decode("utf-8")
        document = Document(str(docx))
        if 'w:lang w:val="es-PE"' not in styles or document.core_properties.language != "es-PE":
            wrong.append(docx.name)
    assert not wrong


def test_d_every_page_carries_the_membrete(demo_run):
    """The band «PERÚ | Ministerio de Educación | DRE | UGEL» and the year's name in quotes, on every
    page of every family's documents."""
    missing = []
    for pdf in demo_files(demo_run, ".pdf"):
        if pdf.name.startswith("EXPEDIENTE"):
            continue
        for number, page in enumerate(PdfReader(str(pdf)).pages, start=1):
            text = squash(page.extract_text() or "")
            if not (text.startswith("PERÚ Ministerio de Educación Dirección Regional de Educación de Lima "
                                    "Metropolitana Unidad de Gestión Educativa Local N° 02") and "“Año de" in text):
                missing.append(f"{pdf.name}, página {number}")
    assert not missing


@pytest.mark.parametrize("kind", ["resumen-cdd", "resumen-cap"])
def test_d_the_ugel_reports_are_informes(demo_run, kind):
    (pdf,) = [path for path in demo_files(demo_run, ".pdf") if path.parent.name == kind]
    text = _text(pdf)
    for part in ("A Luis Enrique Salvatierra Gómez Director de la Unidad de Gestión Educativa Local N° 02",
                 "De Jorge Luis Paredes Quispe Especialista en Educación", "Asunto ", "Referencia ", "Fecha Lima, ",
                 "I. ANTECEDENTES", "II. ANÁLISIS", "III. CONCLUSIONES", "IV. RECOMENDACIONES",
                 "Nombres y apellidos: Jorge Luis Paredes Quispe DNI N.º: 41234509"):
        assert part in text, part
    for software in ("cddgen", "formulario(s)", "sin errores", "FORMULARIOS CON ERRORES", ".xlsx", ".docx"):
        assert software not in text, software
