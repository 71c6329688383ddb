"""The foliated expediente of the informe final (seed 003, 3.6 and Anexo 3, 2.4): one PDF that
joins the attached documents in order, an index first, every page stamped «Folio N»; past a
number of folios (a rule parameter) it is split into tomos, as paper expedientes are bound.

Only pypdf: the stamp is a page of its own whose content stream writes the text in Helvetica
(one of the 14 standard Type1 fonts every PDF reader has, so nothing is embedded), merged
over each page. A page with /Rotate first has its rotation moved into its content, so the
stamp lands in the upper right corner the reader sees, whatever the page's size (A4, Letter)
or the origin of its boxes.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from pypdf.errors import PdfReadError
from pypdf.generic import ContentStream, DictionaryObject, NameObject

from ..errors import UnreadableInput
from ..fsutil import atomic_output
from .docx_package import LANGUAGE

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
    """A document of the expediente: its title (for the index) and its PDF."""

    title: str
    pdf: Path


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


def tomo_ranges(index_pages: int, parts: Sequence[FoliatedPart], folios_per_tomo: int) -> list[tuple[int, int]]:
    """(first, last) folio of each tomo: the index opens the first; a document never straddles
    two tomos, and one longer than a tomo fills one of its own. 0: a single tomo."""
    ranges: list[tuple[int, int]] = []
    first, last = 1, index_pages
    for part in parts:
        if folios_per_tomo and part.last - first + 1 > folios_per_tomo:
            ranges.append((first, last))
            first = part.first
        last = part.last
    ranges.append((first, last))
    return ranges


def tomo_path(target: Path, number: int, count: int) -> Path:
    """``target`` itself for a single tomo, else «… TOMO 2 DE 3.pdf» beside it."""
    return target if count == 1 else target.with_name(f"{target.stem} TOMO {number} DE {count}{target.suffix}")


def stamp_page(page: PageObject, folio: int) -> None:
    """Write «Folio N» in the upper right corner of ``page`` as displayed (in place)."""
    if page.rotation % 360:
        page.transfer_rotation_to_content()
    box = page.cropbox
    text = stamp_text(folio)
    x = float(box.right) - MARGIN_RIGHT - text_width(text)
    y = float(box.top) - MARGIN_TOP - FONT_SIZE
    stamp = PageObject.create_blank_page(width=float(box.right), height=float(box.top))
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })
    stamp[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject(FONT_NAME): font}),
    })
    content = ContentStream(None, None)
    content.set_data(f"q 0 g BT {FONT_NAME} {FONT_SIZE} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ({text}) Tj ET Q".encode("ascii"))
    stamp[NameObject("/Contents")] = content
    page.merge_page(stamp)


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
    title: str = "",
    author: str = "",
) -> Expediente:
    """Join ``parts`` after an index into ``target`` (atomically), every page foliated; past
    ``folios_per_tomo`` folios the expediente is split into tomos (0: never), each its own PDF,
    the folio numbering running on from one to the next.

    ``index_pdf(parts_with_folios, total, tomos)`` renders the index for those folio ranges and
    tomos' (first, last) folios, and returns its PDF. The index's own length decides where the
    documents start, so it is rendered again until its page count is the one assumed (a long
    index takes several pages).

    Memory is that of one tomo: each is assembled, stamped and written before the next.
    Each PDF presents itself: ``title`` (and «tomo N de M» when there are several), ``author``,
    language es-PE.
    """
    counts = [(part.title, page_count(part.pdf)) for part in parts]
    index_pages, index = 1, None
    for _ in range(4):
        foliated = folio_ranges(counts, index_pages + 1)
        total = index_pages + sum(pages for _, pages in counts)
        ranges = tomo_ranges(index_pages, foliated, folios_per_tomo)
        index = index_pdf(foliated, total, ranges)
        actual = page_count(index)
        if actual == index_pages:
            break
        index_pages = actual
    else:  # pragma: no cover - an index that never settles is a template problem
        raise UnreadableInput("El índice del expediente cambia de tamaño en cada intento; revise su plantilla.")
    sources = [(1, index), *((part.first, source.pdf) for part, source in zip(foliated, parts))]
    tomos = []
    for number, (first, last) in enumerate(ranges, start=1):
        path = tomo_path(Path(target), number, len(ranges))
        writer = PdfWriter()
        for start, pdf in sources:
            if first <= start <= last:
                for page in _reader(pdf).pages:
                    writer.add_page(page)
        for folio, page in enumerate(writer.pages, start=first):
            stamp_page(page, folio)
        shown = f"{title} – tomo {number} de {len(ranges)}" if title and len(ranges) > 1 else title
        if shown or author:
            writer.add_metadata({"/Title": shown, "/Author": author})
        writer._root_object[NameObject("/Lang")] = TextStringObject(LANGUAGE)
        with atomic_output(path) as temp:
            with open(temp, "wb") as handle:
                writer.write(handle)
        tomos.append(Tomo(number, first, last, path))
    _remove_stale_tomos(Path(target), {tomo.path for tomo in tomos})
    return Expediente(tuple(tomos), total, (FoliatedPart(index_title, 1, index_pages), *foliated))
