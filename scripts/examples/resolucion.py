"""The sample resolution of conformation (forms/ejemplos/resolucion-conformacion.pdf), the first
document of the informe final's foliated expediente in `cddgen demo`.

A user supplies the real one (usually a scan); this sample is written once with python-docx on
US Letter paper (so the expediente joins pages of two sizes) and converted with LibreOffice:
`python -m scripts.examples.resolucion`. It is committed; build_examples does not rebuild it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Pt

from generator.config import load_settings
from generator.render.pdf import PdfConverter

FOLDER = Path(__file__).resolve().parents[2] / "forms" / "ejemplos"
TARGET = FOLDER / "resolucion-conformacion.pdf"

TEXT = [
    ("RESOLUCIÓN DIRECTORAL N° 00125-2025-UGEL02", True, "center"),
    ("Independencia, 29 de diciembre de 2025", False, "right"),
    ("VISTOS: la Resolución Viceministerial N° 077-2024-MINEDU, que aprueba la Norma Técnica que regula el "
     "Concurso Público para el Ascenso de Escala de los profesores de Educación Básica, y la Resolución "
     "Viceministerial N° 048-2025-MINEDU, que lo convoca para el año 2025; y", False, "justify"),
    ("CONSIDERANDO: que, conforme al artículo 29 de la Ley N° 29944, Ley de Reforma Magisterial, y a la Norma "
     "Técnica citada, corresponde a la Unidad de Gestión Educativa Local conformar el Comité de Evaluación de la "
     "etapa descentralizada del concurso;", False, "justify"),
    ("SE RESUELVE:", True, "left"),
    ("Artículo 1.- CONFORMAR el Comité de Evaluación del Concurso de Ascenso 2025 – Educación Básica de la "
     "Unidad de Gestión Educativa Local N° 02, integrado por: María Elena Quispe Ñañez, Jefa del Área de Gestión "
     "Pedagógica, presidenta; José Luis D'Angelo Muñoz-Pérez, Jefe de Personal, segundo miembro; y Rosa Amelia "
     "Huamán Cárdenas, Especialista en Educación, tercer miembro.", False, "justify"),
    ("Artículo 2.- NOTIFICAR la presente resolución a los integrantes del Comité y a la Dirección de Evaluación "
     "Docente del Ministerio de Educación.", False, "justify"),
    ("Regístrese y comuníquese.", False, "left"),
    ("(Documento de ejemplo de cddgen: no es una resolución real.)", False, "center"),
]


def build() -> Path:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for text, bold, align in TEXT:
        paragraph = document.add_paragraph()
        paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                               "left": WD_ALIGN_PARAGRAPH.LEFT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(11)
    folder = Path(tempfile.mkdtemp(prefix="cddgen-resolucion-"))
    try:
        source = folder / "resolucion-conformacion.docx"
        document.save(source)
        (result,) = PdfConverter(load_settings().pdf).convert([source])
        if result.pdf is None:
            raise SystemExit(result.error)
        shutil.copyfile(result.pdf, TARGET)
    finally:
        shutil.rmtree(folder)
    return TARGET


if __name__ == "__main__":
    print(build())
