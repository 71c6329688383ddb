"""Checks a file must pass before any parser (openpyxl, python-docx, LibreOffice) sees it.

Anyone can drop anything into a shared inbox: an empty file, a PDF renamed .xlsx, a
workbook with macros, a zip bomb. Each is recognised from its bytes and refused with a
Spanish explanation; the file itself is never modified.
"""

from __future__ import annotations

import codecs
import lzma
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import UnreadableInput

# Limits for Office (zip) files: generous for real forms, far below what exhausts memory.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_ENTRY_RATIO = 200
MAX_ZIP_ENTRIES = 2000
# An XML part that a parser loads whole (a Word document's text, a workbook's shared strings and
# styles): python-docx keeps about 30 bytes of memory per byte of XML. Worksheets are read as a
# stream and limited by their cells instead (readers/grid.py).
MAX_XML_PART_BYTES = 20 * 1024 * 1024
_STREAMED_PARTS = "xl/worksheets/"

_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml", "activex", "/embeddings/")
# Stream names (UTF-16LE in the compound file's directory) that tell what an OLE2 file is.
_OLE2_STREAMS = (
    ("encrypted", "EncryptedPackage".encode("utf-16-le")),
    ("xls", "Workbook".encode("utf-16-le")),
    ("xls", "Book".encode("utf-16-le") + b"\0\0"),
    ("doc", "WordDocument".encode("utf-16-le")),
)


# What ends an XML prolog: a document type declaration (which Office never writes, and which
# carries «billion laughs» and external-entity attacks) or the root element.
_DTD_OR_ROOT = re.compile(r"<!DOCTYPE|<[A-Za-z_:]")
_READ_BLOCK = 16 * 1024


@dataclass(frozen=True)
class Sniffed:
    kind: str  # "xlsx", "docx", "zip", "ole2", "pdf", "png", "jpeg", "text", "empty", "unknown"


def sniff(path: Path) -> Sniffed:
    with open(path, "rb") as handle:
        head = handle.read(8)
    if not head:
        return Sniffed("empty")
    if head.startswith(b"PK\x03\x04"):
        return Sniffed("zip")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return Sniffed("ole2")
    if head.startswith(b"%PDF"):
        return Sniffed("pdf")
    if head.startswith(b"\x89PNG"):
        return Sniffed("png")
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("jpeg")
    return Sniffed("text" if all(b >= 9 for b in head) else "unknown")


def ole2_kind(path: Path) -> str:
    """What an OLE2 compound file holds: "encrypted" (an Office file with a password),
    "xls", "doc", or "" when its streams do not say."""
    data = path.read_bytes()
    for kind, stream in _OLE2_STREAMS:
        if stream in data:
            return kind
    return ""


def _refuse(path: Path, message: str, fix: str) -> UnreadableInput:
    return UnreadableInput(f"{path.name}: {message}", fix=fix, file=path)


def unreadable(path: str | Path, expected: str) -> UnreadableInput:
    """The explanation for a file that passed ``check_office_file`` but that its parser could not
    read (broken XML inside a sound zip)."""
    path = Path(path)
    if expected == "xlsx":
        return _refuse(path, "no se pudo leer como libro de Excel: su contenido está dañado.",
                       "Ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx.")
    return _refuse(path, "no se pudo leer como documento de Word: su contenido está dañado.",
                   "Ábralo en Word o LibreOffice y guárdelo de nuevo como .docx.")


def _declares_dtd(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """Whether an XML part declares a DTD before its root element, reading only its prolog."""
    with archive.open(entry) as handle:
        head = handle.read(4)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
            codec = "utf-16"
        elif head[1:2] == b"\0":
            codec = "utf-16-le"
        elif head[:1] == b"\0":
            codec = "utf-16-be"
        else:
            codec = "utf-8"
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        text = decoder.decode(head)
        while True:
            match = _DTD_OR_ROOT.search(text)
            if match is not None:
                return match.group() == "<!DOCTYPE"
            block = handle.read(_READ_BLOCK)
            if not block:
                return False
            text = text[-16:] + decoder.decode(block)


def check_office_file(path: str | Path, expected: str) -> None:
    """Refuse anything that is not a plain, macro-free, reasonably sized .xlsx / .docx.

    ``expected`` is "xlsx" or "docx". Raises UnreadableInput with the reason and the fix.
    """
    path = Path(path)
    label = "libro de Excel (.xlsx)" if expected == "xlsx" else "documento de Word (.docx)"
    save_as = "Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»." if expected == "xlsx" else (
        "Ábralo en Word y guárdelo como «Documento de Word (.docx)»."
    )
    if not path.exists():
        raise _refuse(path, "el archivo no existe.", "Revise el nombre y la carpeta.")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(
            path,
            f"pesa {size / 1048576:.0f} MB; el límite es {MAX_FILE_BYTES // 1048576} MB.",
            "Quite imágenes u hojas que no sean del formulario.",
        )
    kind = sniff(path).kind
    if kind == "empty":
        raise _refuse(path, "el archivo está vacío (0 bytes).", "Vuelva a copiar el archivo completo.")
    if kind == "ole2":
        inside = ole2_kind(path)
        if inside == "encrypted":
            where = "Proteger libro" if expected == "xlsx" else "Proteger documento"
            raise _refuse(
                path,
                "está protegido con contraseña (cifrado); cddgen no puede leerlo.",
                f"Ábralo, quite la contraseña (Archivo › Información › {where} › Cifrar con contraseña: "
                "borre la contraseña y acepte) y guárdelo de nuevo.",
            )
        old = {"xls": "un libro de Excel antiguo (.xls)", "doc": "un documento de Word antiguo (.doc)"}
        raise _refuse(
            path,
            f"no es un {label}: es {old[inside]}." if inside in old
            else f"no es un {label}: es un archivo de Office antiguo (.xls/.doc) o está protegido con contraseña.",
            save_as + ("" if inside in old else " Si tiene contraseña, quítela antes (Archivo › Información › Proteger)."),
        )
    if kind in ("pdf", "png", "jpeg"):
        raise _refuse(
            path,
            f"no es un {label}: es un {kind.upper()} con otra extensión.",
            "Envíe el formulario original de cddgen llenado, no un escaneo ni una impresión.",
        )
    if kind == "text":
        raise _refuse(
            path,
            f"no es un {label}: es un archivo de texto (¿CSV?).",
            "Copie los datos en el formulario de cddgen y guárdelo como .xlsx.",
        )
    if kind != "zip":
        raise _refuse(path, f"no es un {label} (contenido no reconocido).", save_as)
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError):
        raise _refuse(
            path,
            f"el {label} está dañado o incompleto (¿se cortó la copia?).",
            "Vuelva a copiar el archivo o ábralo y guárdelo de nuevo.",
        ) from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise _refuse(path, f"contiene {len(entries)} partes internas; no parece un formulario.", save_as)
    names = [entry.filename.lower() for entry in entries]
    if any(part in name for name in names for part in _MACRO_PARTS):
        raise _refuse(
            path,
            "contiene macros u objetos incrustados; por seguridad cddgen no lo abre.",
            save_as.removesuffix(".") + " (sin macros).",
        )
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if ratio > MAX_ENTRY_RATIO and entry.file_size > 10 * 1024 * 1024:
            raise _refuse(
                path,
                "su contenido comprimido se expande de forma anómala (posible «bomba zip»); no se abrió.",
                "Envíe el formulario original de cddgen.",
            )
    for entry in entries:
        name = entry.filename.lower()
        if (entry.file_size > MAX_XML_PART_BYTES and name.endswith((".xml", ".rels", ".vml"))
                and not name.startswith(_STREAMED_PARTS)):
            raise _refuse(
                path,
                f"su parte interna «{entry.filename}» ocupa {entry.file_size / 1048576:.0f} MB descomprimida; "
                f"el límite es {MAX_XML_PART_BYTES // 1048576} MB.",
                "Quite del archivo lo que no sea del formulario (texto pegado, tablas o estilos copiados de otro "
                "documento), o use un formulario en blanco de «cddgen forms».",
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(
            path,
            f"descomprimido ocuparía {total / 1048576:.0f} MB; el límite es "
            f"{MAX_UNCOMPRESSED_BYTES // 1048576} MB.",
            "Quite imágenes u hojas que no sean del formulario.",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            dtd = any(_declares_dtd(archive, entry) for entry in entries
                      if entry.filename.lower().endswith((".xml", ".rels")) and entry.file_size)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, zlib.error, lzma.LZMAError):
        # Damaged data, an unknown compression method, or zip-level encryption.
        raise _refuse(
            path,
            f"el {label} está dañado o incompleto (¿se cortó la copia?).",
            "Vuelva a copiar el archivo o ábralo y guárdelo de nuevo.",
        ) from None
    if dtd:
        raise _refuse(
            path,
            "contiene declaraciones XML (DTD) que Excel y Word nunca escriben (posible ataque «billion laughs» o "
            "de entidades externas); por seguridad cddgen no lo abrió.",
            "Envíe el formulario original de cddgen.",
        )
    main_part = "xl/workbook.xml" if expected == "xlsx" else "word/document.xml"
    if main_part not in names:
        if "word/document.xml" in names:
            detail = f"es un documento de Word, no un {label}"
        elif "xl/workbook.xml" in names:
            detail = f"es un libro de Excel, no un {label}"
        else:
            detail = f"no es un {label}"
        raise _refuse(path, f"{detail}.", save_as)
