"""What a dropped file is, from its content: the inbox's first look at any file.

The container is told by the bytes (a workbook, a Word document, a PDF, ...), never by the
name alone; ``check_office_file`` refuses hostile or broken files before a parser opens
them. Then the form's own signature is read: the hidden «_cddgen» sheet, the document
keywords ``cddgen:<kind>:v<n>`` that every generated form carries, and the sheet names.
Which family that signature belongs to is decided by the pipeline, not here.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError

from ..errors import UnreadableInput
from .grid import WorkbookCells
from .safety import check_office_file, sniff, unreadable
from .xlsx import marker_of

KEYWORDS = re.compile(r"cddgen:([a-z0-9_-]+):v(\d+)", re.IGNORECASE)

_CONTAINER_LABEL = {"xlsx": "un libro de Excel (.xlsx)", "docx": "un documento de Word (.docx)"}

# What other file types are, and what to do instead, for the explanation of a rejection.
_FOREIGN = {
    ".xls": ("un libro de Excel antiguo (.xls)", "Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»."),
    ".xlsm": ("un libro de Excel con macros (.xlsm)",
              "Por seguridad cddgen no abre archivos con macros: use el formulario de cddgen (.xlsx)."),
    ".xlsb": ("un libro de Excel binario (.xlsb)", "Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»."),
    ".ods": ("una hoja de cálculo de LibreOffice (.ods)",
             "Ábrala y guárdela como «Libro de Excel 2007-365 (.xlsx)»."),
    ".doc": ("un documento de Word antiguo (.doc)", "Ábralo en Word y guárdelo como «Documento de Word (.docx)»."),
    ".docm": ("un documento de Word con macros (.docm)",
              "Por seguridad cddgen no abre archivos con macros: use el formulario de cddgen (.docx)."),
    ".odt": ("un documento de LibreOffice (.odt)", "Ábralo y guárdelo como «Word 2007-365 (.docx)»."),
    ".csv": ("un archivo de texto CSV", "Copie los datos en el formulario de cddgen y guárdelo como .xlsx."),
    ".txt": ("un archivo de texto", "Use el formulario de cddgen (.xlsx o .docx)."),
    ".pdf": ("un PDF", "Envíe el formulario original de cddgen llenado, no un escaneo ni una impresión."),
    ".jpg": ("una imagen", "Envíe el formulario original de cddgen llenado, no una foto ni un escaneo."),
    ".jpeg": ("una imagen", "Envíe el formulario original de cddgen llenado, no una foto ni un escaneo."),
    ".png": ("una imagen", "Envíe el formulario original de cddgen llenado, no una foto ni un escaneo."),
    ".zip": ("un archivo comprimido (.zip)", "Descomprímalo y deje cada formulario por separado."),
}


@dataclass(frozen=True)
class FormSignature:
    """What identifies a form: its container and whatever cddgen marks it carries."""

    container: str  # "xlsx" or "docx"
    marker: str | None  # the form kind of the «_cddgen» sheet or of the keywords
    version: int | None
    title: str | None  # the form's title recorded in the marker, if any
    found_by: str  # "marca" (sheet), "propiedades" (keywords) or "" (no mark)
    sheets: tuple[str, ...]  # sheet names of a workbook; () for a Word document


def foreign_file(path: Path, accepted: str) -> UnreadableInput:
    """The explanation for a file whose type no form comes in (by its extension)."""
    suffix = path.suffix.lower()
    what, fix = _FOREIGN.get(suffix, (f"un archivo «{suffix or 'sin extensión'}»",
                                      "Deje en la bandeja solo formularios de cddgen llenados."))
    return UnreadableInput(
        f"{path.name}: es {what}, no un formulario de cddgen. cddgen acepta: {accepted}.",
        fix=fix,
        file=path,
    )


def container_of(path: Path) -> str:
    """"xlsx" or "docx" from the bytes, after the safety checks; UnreadableInput otherwise."""
    suffix = path.suffix.lower().lstrip(".")
    expected = suffix if suffix in _CONTAINER_LABEL else "xlsx"
    if sniff(path).kind != "zip":
        check_office_file(path, expected)  # raises with the reason (empty, PDF, old .xls, text...)
        raise UnreadableInput(f"{path.name}: no es {_CONTAINER_LABEL[expected]}.", file=path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = {name.lower() for name in archive.namelist()}
    except (zipfile.BadZipFile, OSError, EOFError):
        check_office_file(path, expected)
        raise
    actual = "xlsx" if "xl/workbook.xml" in names else "docx" if "word/document.xml" in names else None
    if actual is None:
        check_office_file(path, expected)
        raise UnreadableInput(f"{path.name}: no es {_CONTAINER_LABEL[expected]}.", file=path)
    if actual != suffix:
        raise UnreadableInput(
            f"{path.name}: por su contenido es {_CONTAINER_LABEL[actual]}, pero su nombre termina en "
            f"«{path.suffix or '(nada)'}».",
            fix=f"Cámbiele la extensión a .{actual} (o guárdelo de nuevo como .{actual}) y vuelva a dejarlo.",
            file=path,
        )
    check_office_file(path, actual)
    return actual


def form_signature(path: str | Path) -> FormSignature:
    """Open ``path`` just enough to read its cddgen marks; UnreadableInput if it cannot be read."""
    path = Path(path)
    container = container_of(path)
    if container == "xlsx":
        return _workbook_signature(path)
    return _document_signature(path)


def _from_keywords(text: object) -> tuple[str, int] | None:
    match = KEYWORDS.search(str(text or ""))
    return (match.group(1).lower(), int(match.group(2))) if match else None


def _workbook_signature(path: Path) -> FormSignature:
    try:
        # openpyxl: the document properties (keywords) are not among what calamine reads.
        cells = WorkbookCells(path, engine="openpyxl")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError):
        raise unreadable(path, "xlsx") from None
    try:
        marker = marker_of(cells) or {}
        properties = cells.openpyxl_workbook().properties
        keywords = _from_keywords(properties.keywords if properties else None)
        sheets = tuple(cells.sheetnames)
    finally:
        cells.close()
    kind = str(marker.get("cddgen") or "").strip().lower() or None
    if kind:
        version = marker.get("version")
        return FormSignature(
            "xlsx", kind, int(version) if isinstance(version, (int, float)) else None,
            str(marker.get("formulario") or "") or None, "marca", sheets,
        )
    if keywords:
        return FormSignature("xlsx", keywords[0], keywords[1], None, "propiedades", sheets)
    return FormSignature("xlsx", None, None, None, "", sheets)


def _document_signature(path: Path) -> FormSignature:
    try:
        document = Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, OSError, ValueError, TypeError,
            SyntaxError):
        raise unreadable(path, "docx") from None
    keywords = _from_keywords(document.core_properties.keywords)
    if keywords:
        return FormSignature("docx", keywords[0], keywords[1], None, "propiedades", ())
    return FormSignature("docx", None, None, None, "", ())
