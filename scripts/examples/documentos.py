"""Sample PDFs of the postulantes' own documents for the informe final's expediente in `cddgen demo`:

- forms/ejemplos/documentos/: PDFs named by DNI (the «--documentos CARPETA» way): the new
  informes escalafonarios that two reclamos cite;
- forms/ejemplos/expediente/: PDFs the workbook names (sheets «Documentos del expediente» and
  «Notificaciones»): a reclamo writing and the constancia of a reply sent by e-mail.

A user brings the real ones (usually scans). These are written with python-docx and converted
with LibreOffice: `python -m scripts.examples.documentos`. They are committed; build_examples does
not rebuild them.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from docx import Document
from docx.shared import Pt

from generator.config import load_settings
from generator.render.pdf import PdfConverter

EXAMPLES = Path(__file__).resolve().parents[2] / "forms" / "ejemplos"
NOTE = "(Documento de ejemplo de cddgen: no es un documento real.)"

DOCUMENTS = {
    "documentos/47123456 informe escalafonario N° 0457-2026-UGEL02-ESC.pdf": [
        "INFORME ESCALAFONARIO N° 0457-2026-UGEL02-ESC",
        "Profesora: Sofía Rojas Medina – DNI 47123456 – Escala magisterial: tercera",
        "Capacitaciones registradas: Diplomado «Gestión escolar con liderazgo pedagógico», Universidad Nacional de "
        "Educación Enrique Guzmán y Valle, 24 créditos, emitido el 20/08/2023. Curso de capacitación «Evaluación "
        "formativa», UGEL 02 – Rímac, 40 horas, emitido el 10/03/2025.",
        "Área de Escalafón de la UGEL 02, 29 de enero de 2026.",
    ],
    "documentos/06543210 informe escalafonario N° 0461-2026-UGEL02-ESC.pdf": [
        "INFORME ESCALAFONARIO N° 0461-2026-UGEL02-ESC",
        "Profesora: Ana Ríos D'Alessandro – DNI 06543210 – Escala magisterial: tercera",
        "Rectificación: la resolución de ascenso a la tercera escala rige desde el 13/05/2022. Tiempo de servicios "
        "oficiales en la escala al 15/05/2025: 3 años, 0 meses y 2 días.",
        "Área de Escalafón de la UGEL 02, 30 de enero de 2026.",
    ],
    "expediente/reclamo EXP-2026-000104 Loayza Benavides.pdf": [
        "RECLAMO SOBRE LOS RESULTADOS PRELIMINARES – EXPEDIENTE EXP-2026-000104",
        "Señores del Comité de Evaluación de la UGEL 02:",
        "Gladys Loayza Benavides, con DNI 44332211, presento reclamo: 1) presenté el certificado de discapacidad el "
        "15/01/2026 por la mesa de partes virtual (trámite N° 2026-0004512); 2) pido que se me valoren dos años "
        "como profesora contratada.",
        "Lima, 28 de enero de 2026.",
    ],
    "expediente/constancia respuesta EXP-2026-000104.pdf": [
        "CONSTANCIA DE NOTIFICACIÓN POR CORREO ELECTRÓNICO",
        "De: comite.ascenso@ugel02.gob.pe – Para: gloayza@gmail.com – Enviado: 3 de febrero de 2026, 16:20",
        "Asunto: Respuesta a su reclamo EXP-2026-000104 (se adjuntan el oficio y la nueva acta de resultados).",
        "Respuesta de la postulante, 4 de febrero de 2026, 08:05: «Acuso recibo del oficio y del acta.»",
    ],
}


def _pdf(lines: list[str], folder: Path, target: Path) -> None:
    document = Document()
    for index, text in enumerate([*lines, NOTE]):
        run = document.add_paragraph().add_run(text)
        run.bold = index == 0
        run.font.size = Pt(11)
    source = folder / "documento.docx"
    document.save(source)
    (result,) = PdfConverter(load_settings().pdf).convert([source], outdir=folder)
    if result.pdf is None:
        raise SystemExit(result.error)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(result.pdf, target)


def build() -> list[Path]:
    written = []
    for relative, lines in DOCUMENTS.items():
        folder = Path(tempfile.mkdtemp(prefix="cddgen-documento-"))
        try:
            _pdf(lines, folder, EXAMPLES / relative)
        finally:
            shutil.rmtree(folder)
        written.append(EXAMPLES / relative)
    return written


if __name__ == "__main__":
    for path in build():
        print(path)
