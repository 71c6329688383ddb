"""Empty PAdES signature fields over each signer's block of a rendered PDF (DOMAIN.md D).

A document that is signed gets one empty signature field per expected signer, named by order,
role and DNI («Firma 1 – Primer miembro (Presidente) – 40123456»), so that Firma Perú, ReFirma
PDF or Adobe Reader offer each signer their own field, and every signature is an incremental
revision that leaves the earlier ones valid.

Where each field goes is found in the PDF itself, by text, not in the template: the signer's
«DNI N.º: 40123456» line (or, for a signer without DNI, their name), then the signature rule
(«______») just above it. A template restyled in Word keeps working as long as the name and the
DNI stay under the signature line. A signer whose block is not found still gets a field, without
a position (signing tools place it), and the document says so in a warning.

Beside ``<documento>.pdf`` goes ``<documento>.firmas.json``: page, x, y, width and height of
each field, for signing tools that place a stamp by coordinates.

Tools: pypdfium2 (PDFium) reads the text with its positions; pyHanko writes the fields as an
incremental update with an (empty) appearance stream each, which PDF/A-2 requires of a visible
widget. The document's metadata is left as LibreOffice wrote it: pyHanko would otherwise add
itself to the producer of the information dictionary and of the XMP packet differently, which
breaks PDF/A's rule that the two agree.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import pypdfium2
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign.fields import SigFieldSpec, append_signature_field, ensure_sig_flags

from ..fsutil import atomic_write_bytes, atomic_write_text
from .signers import Signer, field_name

POSITIONS_SUFFIX = ".firmas.json"

# Field geometry, in PDF points (1/72 inch).
FIELD_MIN_WIDTH = 120.0
FIELD_MAX_HEIGHT = 48.0  # a Firma Perú / ReFirma stamp is about 2 × 1 cm to 6 × 2 cm
FIELD_MIN_HEIGHT = 24.0
GAP_BELOW_TEXT = 2.0  # keep the field this far below the text above the block
# How far above the DNI line the signature rule may be (name lines between them).
RULE_SEARCH_HEIGHT = 80.0
# Lines of one block are at most this far apart (a name wrapped on two lines, the DNI, the role).
BLOCK_LINE_GAP = 14.0
_RULE = re.compile(r"^[_\s]{5,}$")

# PDFium is not thread-safe, not even across different documents (pypdfium2's documentation,
# «Incompatibility with Threading»), and the PDF converter finishes each PDF — placing its fields —
# in the worker thread that converted it: two at once crashed the process or failed to open a
# page. Every PDFium call of the process goes through this lock.
_PDFIUM = threading.Lock()


@dataclass(frozen=True)
class Placement:
    """Where the field of one signer goes: ``page`` counts from 1; ``box`` is (x0, y0, x1, y1)
    in points from the page's lower left corner. None: the block was not found."""

    position: int
    signer: Signer
    field: str
    page: int | None
    box: tuple[float, float, float, float] | None
    page_height: float | None = None  # of ``page``, for coordinates from the top


@dataclass(frozen=True)
class SignatureFields:
    """What ``add_signature_fields`` did to one PDF."""

    pdf: Path
    positions: Path
    placements: tuple[Placement, ...]
    sha256: str  # of the PDF as issued, fields included
    size: int

    @property
    def missing(self) -> tuple[Placement, ...]:
        return tuple(item for item in self.placements if item.box is None)

    def warning(self) -> str | None:
        """A Spanish line naming the signers whose block was not found, if any."""
        if not self.missing:
            return None
        names = ", ".join(item.signer.label for item in self.missing)
        return (f"{self.pdf.name}: no se encontró en el PDF el bloque de firma de {names}; su campo de firma "
                "se agregó sin ubicación (el programa de firma la pide). Revise que la plantilla conserve el "
                "nombre y el DNI bajo la línea de firma.")


# --------------------------------------------------------------------------- finding the blocks


@dataclass(frozen=True)
class _Segment:
    """A run of text on one line of a page: PDFium's text rectangle ``index`` and its box."""

    index: int
    left: float
    bottom: float
    right: float
    top: float

    def overlaps(self, other: "_Segment") -> bool:
        return self.left < other.right and other.left < self.right

    def holds(self, x: float, y: float) -> bool:
        return self.left - 0.5 <= x <= self.right + 0.5 and self.bottom - 0.5 <= y <= self.top + 0.5


def _fold_char(char: str) -> str:
    """One character without accent, in lower case, still one character (so that positions in
    the folded text are positions in the page's text)."""
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lower = base.lower()
    return lower if len(lower) == 1 else base


class _PageText:
    """The text of one page with its positions, read from PDFium as needed: the page's text
    and its rectangles at once (cheap), a rectangle's own text only when asked for."""

    def __init__(self, page: Any) -> None:
        self.textpage = page.get_textpage()
        self.text = self.textpage.get_text_range()
        self._folded: str | None = None
        self.segments = [_Segment(index, *self.textpage.get_rect(index))
                         for index in range(self.textpage.count_rects())]
        self._texts: dict[int, str] = {}

    def close(self) -> None:
        self.textpage.close()

    @property
    def folded(self) -> str:
        """The page's text without accents and in lower case, character for character."""
        if self._folded is None:
            self._folded = self.text.translate({ord(char): _fold_char(char) for char in set(self.text)})
        return self._folded

    def text_of(self, segment: _Segment) -> str:
        if segment.index not in self._texts:
            box = (segment.left, segment.bottom, segment.right, segment.top)
            self._texts[segment.index] = self.textpage.get_text_bounded(*box).strip()
        return self._texts[segment.index]

    def matches(self, pattern: re.Pattern, *, folded: bool = False) -> list[tuple[_Segment, str]]:
        """The rectangle where each match of ``pattern`` (in the text, or the ``folded`` text)
        starts, with the line of text it is on."""
        found = []
        text = self.folded if folded else self.text
        for match in pattern.finditer(text):
            left, bottom, right, top = self.textpage.get_charbox(match.start())
            x, y = (left + right) / 2, (bottom + top) / 2
            segment = next((item for item in self.segments if item.holds(x, y)), None)
            if segment is not None:
                line_start = text.rfind("\n", 0, match.start()) + 1
                line_end = text.find("\r", match.end())
                found.append((segment, text[line_start:line_end if line_end >= 0 else None]))
        return found


def _dni_line(page: _PageText, dni: str) -> _Segment | None:
    """The line that shows ``dni``: one that says «DNI» too wins (a members' table lists the
    same DNI alone in a cell); among equals, the lowest on the page (blocks close a document)."""
    found = page.matches(re.compile(rf"(?<!\d){re.escape(dni)}(?!\d)"))
    if not found:
        return None
    return max(found, key=lambda pair: ("dni" in pair[1].lower().replace(".", ""), -pair[0].bottom))[0]


def _name_line(page: _PageText, name: str) -> _Segment | None:
    """The lowest line (blocks close a document) that shows ``name`` or, where it is wrapped,
    its first words (at least two: «Nombres y apellidos: María Elena» / «Quispe Ñañez»)."""
    words = "".join(_fold_char(char) for char in name).split()
    if not words:
        return None
    phrases = [words[:count] for count in range(len(words), 1, -1)] or [words]
    pattern = re.compile("|".join(r"\s+".join(map(re.escape, phrase)) for phrase in phrases))
    found = page.matches(pattern, folded=True)
    return min(found, key=lambda pair: pair[0].bottom)[0] if found else None


def _field_box(page: _PageText, anchor: _Segment) -> tuple[float, float, float, float]:
    """The field above the block that ``anchor`` (its DNI or name line) belongs to: over the
    signature rule when there is one, else over the block's top line; as wide as the rule (at
    least FIELD_MIN_WIDTH) and as tall as the free space above allows."""
    segments = page.segments
    above = [item for item in segments if item.bottom >= anchor.top - 0.5 and item.overlaps(anchor)
             and item.bottom - anchor.top <= RULE_SEARCH_HEIGHT]
    rules = [item for item in above if _RULE.match(page.text_of(item))]
    if rules:
        rule = min(rules, key=lambda item: item.bottom)
        base, left, right = rule.top, rule.left, rule.right
    else:
        # Without a rule, the block is the run of lines stacked on the anchor with small gaps.
        block_top, column = anchor.top, [anchor]
        for item in sorted(above, key=lambda item: item.bottom):
            if item.bottom - block_top > BLOCK_LINE_GAP:
                break
            block_top = max(block_top, item.top)
            column.append(item)
        base, left, right = block_top, min(i.left for i in column), max(i.right for i in column)
    if right - left < FIELD_MIN_WIDTH:
        middle = (left + right) / 2
        left, right = middle - FIELD_MIN_WIDTH / 2, middle + FIELD_MIN_WIDTH / 2
    ceiling = [item.bottom for item in segments if item.bottom > base + 0.5 and item.left < right and left < item.right]
    room = (min(ceiling) - GAP_BELOW_TEXT - base) if ceiling else FIELD_MAX_HEIGHT
    height = max(FIELD_MIN_HEIGHT, min(FIELD_MAX_HEIGHT, room))
    return (round(left, 1), round(base, 1), round(right, 1), round(base + height, 1))


def locate_blocks(data: bytes, signers: Sequence[Signer]) -> list[Placement]:
    """Find each signer's block in the PDF ``data``, searching from the last page back."""
    boxes: dict[int, tuple[int, tuple[float, float, float, float], float]] = {}
    with _PDFIUM:
        _read_boxes(data, signers, boxes)
    placements = []
    for position, signer in enumerate(signers, start=1):
        page, box, height = boxes.get(position, (None, None, None))
        placements.append(Placement(position, signer, field_name(position, signer), page, box, height))
    return placements


def _read_boxes(data: bytes, signers: Sequence[Signer],
                boxes: dict[int, tuple[int, tuple[float, float, float, float], float]]) -> None:
    """Fill ``boxes`` (position → page, field box, page height) from the PDF's text; every PDFium
    object is closed before returning (under the caller's lock, never by the garbage collector)."""
    document = pypdfium2.PdfDocument(data)
    try:
        for page_index in range(len(document) - 1, -1, -1):
            if len(boxes) == len(signers):
                break
            page = document[page_index]
            text = _PageText(page)
            try:
                for position, signer in enumerate(signers, start=1):
                    if position in boxes:
                        continue
                    anchor = _dni_line(text, signer.dni) if signer.dni else _name_line(text, signer.name)
                    if anchor is not None:
                        boxes[position] = (page_index + 1, _field_box(text, anchor), page.get_height())
            finally:
                text.close()
                page.close()
    finally:
        document.close()


# --------------------------------------------------------------------------- writing the fields


class _FieldWriter(IncrementalPdfFileWriter):
    """An incremental writer that leaves the document's metadata as it is (see the module doc).

    pyHanko's maintainer documents overriding ``_update_meta`` as the way to do this
    (pyHanko issue #223)."""

    def _update_meta(self) -> None:
        return None


def positions_path(pdf: Path) -> Path:
    return pdf.with_name(pdf.stem + POSITIONS_SUFFIX)


def positions_document(number: str, pdf_name: str, placements: Sequence[Placement]) -> dict[str, Any]:
    """The contents of ``<documento>.firmas.json``."""
    signers = []
    for item in placements:
        entry: dict[str, Any] = {
            "orden": item.position, "campo": item.field, "rol": item.signer.role,
            "nombre": item.signer.name, "dni": item.signer.dni,
        }
        if item.box is not None and item.page is not None and item.page_height is not None:
            x0, y0, x1, y1 = item.box
            entry.update({"pagina": item.page, "x": x0, "y": y0, "ancho": round(x1 - x0, 1),
                          "alto": round(y1 - y0, 1),
                          "y_desde_arriba": round(item.page_height - y1, 1)})
        else:
            entry.update({"pagina": None, "x": None, "y": None, "ancho": None, "alto": None,
                          "y_desde_arriba": None})
        signers.append(entry)
    return {
        "documento": number,
        "archivo": pdf_name,
        "unidades": "puntos PDF (1/72 de pulgada); página desde 1; x e y desde la esquina inferior "
                    "izquierda de la página; y_desde_arriba, desde la esquina superior izquierda",
        "firmantes": signers,
    }


def with_signature_fields(data: bytes, placements: Sequence[Placement]) -> bytes:
    """``data`` with one empty signature field per placement, as an incremental update."""
    writer = _FieldWriter(io.BytesIO(data))
    for item in placements:
        readable = f"Firma de {item.signer.label}" + (f", {item.signer.role}" if item.signer.role else "")
        if item.box is None:
            spec = SigFieldSpec(item.field, readable_field_name=readable)
        else:
            spec = SigFieldSpec(item.field, on_page=item.page - 1, box=item.box, readable_field_name=readable)
        append_signature_field(writer, spec)
    # Append-only from the start (SigFlags 3), as the first signature would set it: signing then
    # changes nothing but the fields, so a signed copy can be checked for exactly that against
    # the PDF as issued (pipeline/signed_copies); it also tells editors to save incrementally.
    ensure_sig_flags(writer, lock_sig_flags=True)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


# What reading a PDF or writing its fields may raise: the PDF is then issued without fields.
FIELD_ERRORS = (PdfError, pypdfium2.PdfiumError, OSError, ValueError)


def add_signature_fields(pdf: Path, signers: Sequence[Signer], *, number: str,
                         target: Path | None = None) -> SignatureFields:
    """Give ``pdf`` one empty signature field per signer over their block, and write the
    positions file beside it.

    ``target``: where ``pdf`` (a private, not yet delivered file) will be delivered; it is then
    rewritten in place and the positions file goes beside ``target``. Without it ``pdf`` is
    the delivered file and is replaced atomically. Raises one of FIELD_ERRORS.
    """
    pdf = Path(pdf)
    data = pdf.read_bytes()
    placements = locate_blocks(data, signers)
    ready = with_signature_fields(data, placements)
    if target is None:
        atomic_write_bytes(pdf, ready)
    else:
        pdf.write_bytes(ready)
    delivered = Path(target) if target is not None else pdf
    positions = positions_path(delivered)
    atomic_write_text(positions, json.dumps(positions_document(number, delivered.name, placements),
                                            ensure_ascii=False, indent=2) + "\n")
    return SignatureFields(delivered, positions, tuple(placements), hashlib.sha256(ready).hexdigest(), len(ready))
