"""The foliated expediente of the informe final (seed 003, 3.6 and Anexo 3, 2.4): the attached
documents joined in order after an index, every page stamped «Folio N», bound in tomos as the
LPAG's compaginación rule asks (DOMAIN.md D: bodies of at most ``folios_per_tomo`` folios, a rule
parameter, never splitting a document), each tomo opening with its cover.

A document signed digitally is foliated from its most complete signed copy, its signature stamps
drawn into the page (the signatures themselves cannot survive foliation: the stamp changes the
page), and the signed original is embedded in the tomo as an attachment, byte for byte, so that
its signatures stay verifiable (DOMAIN.md D); a PDF/A tomo with attachments is PDF/A-3b.

Only pypdf: the stamp is a page of its own whose content stream writes the text, merged over each
page. A page with /Rotate first has its rotation moved into its content, so the stamp lands in
the upper right corner the reader sees, whatever the page's size (A4, Letter) or the origin of
its boxes. The stamp writes in Helvetica (one of the 14 standard fonts, nothing embedded) or,
for a PDF/A expediente, in an embedded subset of a TrueType font (PDF/A embeds every font).
"""

from __future__ import annotations

import datetime as dt
import glob
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject, TextStringObject

from ..errors import UnreadableInput
from ..fsutil import atomic_output
from .docx_package import LANGUAGE
from .pdfa import PdfA, StampFont

FONT_SIZE = 11
MARGIN_RIGHT = 34  # points from the right edge of the visible page (12 mm)
MARGIN_TOP = 24  # points from its top edge to the baseline's top (8.5 mm)
FONT_NAME = "/FolioHelv"
# Advance widths of Helvetica (AFM, 1/1000 em) for the characters a stamp uses.
_HELVETICA = {"F": 611, "o": 556, "l": 222, "i": 222, " ": 278, **{digit: 556 for digit in "0123456789"}}


def folio_span(first: int, last: int) -> str:
    """«4 al 9», or «4» for a single folio."""
    return str(first) if first == last else f"{first} al {last}"


def stamp_text(folio: int) -> str:
    return f"Folio {folio}"


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return sum(_HELVETICA[char] for char in text) * size / 1000


@dataclass(frozen=True)
class Part:
    """A document of the expediente: its title (for the index), the PDF that is foliated, and the
    signed originals embedded beside it (attachments of the tomo that holds it)."""

    title: str
    pdf: Path
    attachments: tuple[Path, ...] = ()


@dataclass(frozen=True)
class FoliatedPart:
    title: str
    first: int
    last: int

    @property
    def pages(self) -> int:
        return self.last - self.first + 1

    @property
    def folios(self) -> str:
        return folio_span(self.first, self.last)


@dataclass(frozen=True)
class Tomo:
    """One PDF of the expediente: its folios (numbering runs on from tomo to tomo)."""

    number: int
    first: int
    last: int
    path: Path

    @property
    def folios(self) -> str:
        return folio_span(self.first, self.last)


@dataclass(frozen=True)
class Expediente:
    tomos: tuple[Tomo, ...]
    total: int  # folios, index included
    parts: tuple[FoliatedPart, ...]  # index first

    @property
    def path(self) -> Path:
        return self.tomos[0].path

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(tomo.path for tomo in self.tomos)


def page_count(path: Path) -> int:
    return len(_reader(path).pages)


def _reader(path: Path) -> PdfReader:
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableInput(
                f"«{Path(path).name}» está protegido con contraseña; no se puede foliar.",
                fix="Guarde una copia sin contraseña e indíquela.", file=path)
        if not reader.pages:
            raise UnreadableInput(f"«{Path(path).name}» no tiene páginas.", fix="Revise el PDF.", file=path)
        return reader
    except (PdfReadError, OSError, ValueError) as exc:
        raise UnreadableInput(
            f"«{Path(path).name}» no se pudo leer como PDF ({type(exc).__name__}).",
            fix="Ábralo y guárdelo de nuevo como PDF, o escanéelo otra vez.", file=path) from None


def folio_ranges(titles_and_pages: Sequence[tuple[str, int]], first: int = 1) -> list[FoliatedPart]:
    """Consecutive folio ranges, starting at ``first``, for documents of the given page counts."""
    result, folio = [], first
    for title, pages in titles_and_pages:
        result.append(FoliatedPart(title, folio, folio + pages - 1))
        folio += pages
    return result


COVER = -1  # a slot's source: the tomo's cover
INDEX = -2  # the index


@dataclass(frozen=True)
class Slot:
    """What one range of folios of the expediente holds: a cover, the index or a document."""

    title: str
    first: int
    last: int
    source: int  # COVER, INDEX, or the position of the document in the parts
    tomo: int

    @property
    def part(self) -> FoliatedPart:
        return FoliatedPart(self.title, self.first, self.last)


def cover_title(tomo: int) -> str:
    return f"Carátula del tomo {tomo}"


def layout(index_pages: int, counts: Sequence[tuple[str, int]], folios_per_tomo: int, *, covers: bool = False,
           index_title: str = "Índice del expediente") -> list[Slot]:
    """Where everything goes: each tomo opens with its cover (when ``covers``), the first holds the
    index, and a document goes to the next tomo when it would take its tomo past
    ``folios_per_tomo`` folios (0: a single tomo). A document is never split: one longer than a
    tomo fills one of its own. Folios run on from tomo to tomo."""
    slots: list[Slot] = []
    folio, tomo, start, holds_documents = 1, 1, 1, False

    def open_tomo() -> None:
        nonlocal folio
        if covers:
            slots.append(Slot(cover_title(tomo), folio, folio, COVER, tomo))
            folio += 1

    open_tomo()
    slots.append(Slot(index_title, folio, folio + index_pages - 1, INDEX, tomo))
    folio += index_pages
    for position, (title, pages) in enumerate(counts):
        if folios_per_tomo and holds_documents and folio - start + pages > folios_per_tomo:
            tomo, start, holds_documents = tomo + 1, folio, False
            open_tomo()
        slots.append(Slot(title, folio, folio + pages - 1, position, tomo))
        folio += pages
        holds_documents = True
    return slots


def tomo_ranges(slots: Sequence[Slot]) -> list[tuple[int, int]]:
    """(first, last) folio of each tomo of a layout."""
    ranges: dict[int, tuple[int, int]] = {}
    for slot in slots:
        first, last = ranges.get(slot.tomo, (slot.first, slot.last))
        ranges[slot.tomo] = (min(first, slot.first), max(last, slot.last))
    return [ranges[number] for number in sorted(ranges)]


def tomo_path(target: Path, number: int, count: int) -> Path:
    """``target`` itself for a single tomo, else «… TOMO 2 DE 3.pdf» beside it."""
    return target if count == 1 else target.with_name(f"{target.stem} TOMO {number} DE {count}{target.suffix}")


def _helvetica() -> DictionaryObject:
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })


def stamp_page(page: PageObject, folio: int, font: "StampFont | None" = None) -> None:
    """Write «Folio N» in the upper right corner of ``page`` as displayed (in place), in
    Helvetica or in ``font`` (an embedded font, for PDF/A)."""
    if page.rotation % 360:
        page.transfer_rotation_to_content()
    box = page.cropbox
    text = stamp_text(folio)
    width = font.width(text) if font else text_width(text)
    x = float(box.right) - MARGIN_RIGHT - width
    y = float(box.top) - MARGIN_TOP - FONT_SIZE
    stamp = PageObject.create_blank_page(width=float(box.right), height=float(box.top))
    stamp[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject(FONT_NAME): font.reference if font else _helvetica()}),
    })
    content = ContentStream(None, None)
    content.set_data(f"q 0 g BT {FONT_NAME} {FONT_SIZE} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ({text}) Tj ET Q".encode("ascii"))
    stamp[NameObject("/Contents")] = content
    page.merge_page(stamp)


def _is_signature(annotation: DictionaryObject) -> bool:
    parent = annotation.get("/Parent")
    return annotation.get("/FT") == "/Sig" or (parent is not None and parent.get_object().get("/FT") == "/Sig")


def flatten_signature_widgets(page: PageObject) -> None:
    """Draw the appearance of each signature widget of ``page`` into its content and remove the
    widget (in place): the stamp of a signature stays visible, and the foliated page no longer
    claims a signature it cannot carry."""
    if "/Annots" not in page:
        return
    kept, stamps = ArrayObject(), DictionaryObject()
    commands = []
    for reference in page["/Annots"]:
        annotation = reference.get_object()
        if not _is_signature(annotation):
            kept.append(reference)
            continue
        appearance = annotation["/AP"].get_object().raw_get("/N") if "/AP" in annotation else None
        if appearance is None or "/BBox" not in appearance.get_object():
            continue  # an empty field: nothing to draw
        name = NameObject(f"/FirmaSello{len(stamps)}")
        stamps[name] = appearance  # a stream: always an indirect reference
        x0, y0, x1, y1 = (float(value) for value in annotation["/Rect"])
        b0, b1, b2, b3 = (float(value) for value in appearance.get_object()["/BBox"])
        sx, sy = abs(x1 - x0) / (abs(b2 - b0) or 1), abs(y1 - y0) / (abs(b3 - b1) or 1)
        commands.append(f"q {sx:.4f} 0 0 {sy:.4f} {min(x0, x1) - min(b0, b2) * sx:.2f} "
                        f"{min(y0, y1) - min(b1, b3) * sy:.2f} cm {name} Do Q")
    if commands:
        overlay = PageObject.create_blank_page(width=float(page.mediabox.right), height=float(page.mediabox.top))
        overlay[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): stamps})
        content = ContentStream(None, None)
        content.set_data(" ".join(commands).encode("ascii"))
        overlay[NameObject("/Contents")] = content
        page.merge_page(overlay)
    if kept:
        page[NameObject("/Annots")] = kept
    else:
        del page[NameObject("/Annots")]


def _embed(writer: PdfWriter, attachments: Sequence[Path]) -> None:
    """Embed the signed originals, byte for byte, as the tomo's associated files (PDF/A-3's /AF,
    relationship «Source»: the foliated pages were made from them)."""
    associated = ArrayObject()
    for path in attachments:
        embedded = writer.add_attachment(path.name, Path(path).read_bytes())
        embedded.subtype = NameObject("/application/pdf")  # written as /application#2Fpdf
        embedded.associated_file_relationship = NameObject("/Source")
        embedded.modification_date = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
        embedded.pdf_object[NameObject("/UF")] = TextStringObject(path.name)
        embedded.pdf_object[NameObject("/Desc")] = TextStringObject("Original firmado digitalmente")
        associated.append(embedded.pdf_object.indirect_reference)
    if associated:
        writer.root_object[NameObject("/AF")] = associated


def expediente_files(target: Path) -> list[Path]:
    """The files of the expediente written at ``target``: itself, or its tomos."""
    pattern = f"{glob.escape(target.stem)} TOMO * DE *{target.suffix}"
    return [path for path in [target, *sorted(target.parent.glob(pattern))] if path.is_file()]


def _remove_stale_tomos(target: Path, current: set[Path]) -> None:
    """An earlier run of the same expediente may have left other tomos (or a single file where
    there are tomos now): once the new ones are written, the old ones would only mislead."""
    for old in expediente_files(target):
        if old not in current:
            old.unlink()


def build_expediente(
    parts: Sequence[Part],
    index_pdf: Callable[[list[FoliatedPart], int, list[tuple[int, int]]], Path],
    target: Path,
    *,
    index_title: str = "Índice del expediente",
    folios_per_tomo: int = 0,
    cover_pdf: Callable[[list[tuple[int, int]], int], Path] | None = None,
    pdfa: "PdfA | None" = None,
    title: str = "",
    author: str = "",
) -> Expediente:
    """Join ``parts`` after an index into ``target`` (atomically), every page foliated; past
    ``folios_per_tomo`` folios the expediente is bound in tomos (0: never), each its own PDF, the
    folio numbering running on from one to the next.

    ``index_pdf(entries, total, tomos)`` renders the index for these folio ranges (every entry of
    the expediente in order: covers, the index itself, the documents) and the tomos' (first, last)
    folios, and returns its PDF. The index's own length decides where the documents start, so it
    is rendered again until its page count is the one assumed (a long index takes several pages).
    ``cover_pdf(tomos, total)`` returns one cover page per tomo, in order; without it the tomos
    have no cover. ``pdfa``: write PDF/A (its stamp font embedded, its output intent and
    metadata); the parts should be PDF/A themselves.

    Memory is that of one tomo: each is assembled, stamped and written before the next.
    Each PDF presents itself: ``title`` (and «tomo N de M» when there are several), ``author``,
    language es-PE.
    """
    counts = [(part.title, page_count(part.pdf)) for part in parts]
    covers = cover_pdf is not None
    index_pages, index = 1, None
    for _ in range(4):
        slots = layout(index_pages, counts, folios_per_tomo, covers=covers, index_title=index_title)
        total = slots[-1].last
        ranges = tomo_ranges(slots)
        index = index_pdf([slot.part for slot in slots], total, ranges)
        actual = page_count(index)
        if actual == index_pages:
            break
        index_pages = actual
    else:  # pragma: no cover - an index that never settles is a template problem
        raise UnreadableInput("El índice del expediente cambia de tamaño en cada intento; revise su plantilla.")
    cover_pages = None
    if cover_pdf is not None:
        cover_pages = _reader(cover_pdf(ranges, total)).pages
        if len(cover_pages) != len(ranges):  # pragma: no cover - a cover of two pages is a template problem
            raise UnreadableInput(f"Las carátulas de los tomos ocupan {len(cover_pages)} páginas para {len(ranges)} "
                                  "tomos; cada carátula debe ocupar una sola página: revise su plantilla.")
    index_reader = _reader(index)
    tomos = []
    for number, (first, last) in enumerate(ranges, start=1):
        path = tomo_path(Path(target), number, len(ranges))
        writer = PdfWriter()
        attachments: list[Path] = []
        for slot in (slot for slot in slots if slot.tomo == number):
            if slot.source == COVER:
                writer.add_page(cover_pages[number - 1])
            elif slot.source == INDEX:
                for page in index_reader.pages:
                    writer.add_page(page)
            else:
                for page in _reader(parts[slot.source].pdf).pages:
                    writer.add_page(page)
                attachments += parts[slot.source].attachments
        # Signed originals ride along: PDF/A-3 is the part of PDF/A that admits any attached file.
        font = pdfa.prepare(writer, index_reader, number, len(ranges), part=3 if attachments else 2) if pdfa else None
        for folio, page in enumerate(writer.pages, start=first):
            flatten_signature_widgets(page)
            stamp_page(page, folio, font)
        _embed(writer, attachments)
        # The PDF presents itself (its language; title and author unless PdfA already wrote its
        # own title with the XMP metadata PDF/A requires to match).
        if pdfa is None:
            shown = f"{title} – tomo {number} de {len(ranges)}" if title and len(ranges) > 1 else title
            if shown or author:
                writer.add_metadata({"/Title": shown, "/Author": author})
        writer._root_object[NameObject("/Lang")] = TextStringObject(LANGUAGE)
        with atomic_output(path) as temp:
            with open(temp, "wb") as handle:
                writer.write(handle)
        tomos.append(Tomo(number, first, last, path))
    _remove_stale_tomos(Path(target), {tomo.path for tomo in tomos})
    return Expediente(tuple(tomos), total, tuple(slot.part for slot in slots))
