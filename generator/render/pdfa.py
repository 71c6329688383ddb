"""PDF/A-2b for what cddgen assembles itself with pypdf (the foliated expediente; DOMAIN.md D:
«PDF/A-2b is the archival form»), when ``pdf.pdfa = true``.

LibreOffice already writes each document as PDF/A; joining and stamping them keeps their pages
but not the file's identification, and the folio stamp adds text. So each tomo gets: the stamp's
font embedded (a subset of a TrueType font with the few glyphs a stamp uses), the output intent
(the ICC profile LibreOffice put in the index), and XMP metadata that declares PDF/A-2b, or
PDF/A-3b for a tomo that carries signed originals as attached files (issue 18). Pages a user
brought (a scanned informe escalafonario) that do not embed their fonts are reported, since no
joining can make them PDF/A.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from fontTools import subset
from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from ..errors import ConfigError

# Where the stamp's font is looked for: Liberation Sans (Arial's metrics, what LibreOffice uses
# for the templates' Arial), else the DejaVu Sans that matplotlib (a dependency) ships.
_FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf"),
    Path("C:/Windows/Fonts/arial.ttf"),
)
# Every character a stamp may write («Folio 123»), and what the subset keeps.
STAMP_CHARACTERS = "Folio 0123456789"
_FIRST_CHAR, _LAST_CHAR = 32, 126


def _font_file() -> Path:
    for candidate in _FONT_CANDIDATES:
        if candidate.is_file():
            return candidate
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        matplotlib = None
    if matplotlib is not None:
        bundled = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        if bundled.is_file():
            return bundled
    raise ConfigError("No se encontró una fuente TrueType para el sello de folio del expediente PDF/A.",
                      fix="Instale las fuentes Liberation (fonts-liberation) o desactive pdf.pdfa.")


@dataclass(frozen=True)
class _FontData:
    name: str  # PostScript name with its subset tag, e.g. «CDDGEN+LiberationSans»
    program: bytes  # the subset TrueType program
    widths: tuple[int, ...]  # per character code _FIRST_CHAR.._LAST_CHAR, in 1/1000 em
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int


@lru_cache(maxsize=1)
def _font_data() -> _FontData:
    """The subset font, built once per process."""
    path = _font_file()
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.recalc_bounds = True
    options.drop_tables = [*options.drop_tables, "FFTM"]  # FontForge's timestamps: nothing to subset
    font = TTFont(str(path))
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=STAMP_CHARACTERS)
    subsetter.subset(font)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    widths = tuple(round(metrics[cmap[code]][0] * scale) if code in cmap else 0
                   for code in range(_FIRST_CHAR, _LAST_CHAR + 1))
    head, os2 = font["head"], font["OS/2"]
    buffer = io.BytesIO()
    font.save(buffer)
    base = font["name"].getDebugName(6) or path.stem
    return _FontData(
        name=f"CDDGEN+{base}",
        program=buffer.getvalue(),
        widths=widths,
        bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),
        ascent=round(os2.sTypoAscender * scale),
        descent=round(os2.sTypoDescender * scale),
        cap_height=round(getattr(os2, "sCapHeight", os2.sTypoAscender) * scale),
    )


class StampFont:
    """The stamp's font embedded once in a writer; every page refers to the same object."""

    def __init__(self, writer: PdfWriter):
        data = _font_data()
        program = StreamObject()
        program.set_data(data.program)
        program[NameObject("/Length1")] = NumberObject(len(data.program))
        descriptor = DictionaryObject({
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): NameObject("/" + data.name),
            NameObject("/Flags"): NumberObject(32),  # nonsymbolic: WinAnsiEncoding through the font's cmap
            NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in data.bbox),
            NameObject("/ItalicAngle"): NumberObject(0),
            NameObject("/Ascent"): NumberObject(data.ascent),
            NameObject("/Descent"): NumberObject(data.descent),
            NameObject("/CapHeight"): NumberObject(data.cap_height),
            NameObject("/StemV"): NumberObject(80),
            NameObject("/FontFile2"): writer._add_object(program),
        })
        font = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/TrueType"),
            NameObject("/BaseFont"): NameObject("/" + data.name),
            NameObject("/FirstChar"): NumberObject(_FIRST_CHAR),
            NameObject("/LastChar"): NumberObject(_LAST_CHAR),
            NameObject("/Widths"): ArrayObject(NumberObject(w) for w in data.widths),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            NameObject("/FontDescriptor"): writer._add_object(descriptor),
        })
        self.reference: IndirectObject = writer._add_object(font)
        self._widths = data.widths

    def width(self, text: str, size: float = 11) -> float:
        return sum(self._widths[ord(char) - _FIRST_CHAR] for char in text) * size / 1000


def _xmp(title: str, now: dt.datetime, part: int = 2) -> bytes:
    stamp = now.astimezone().isoformat(timespec="seconds")
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>{part}</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escaped}</rdf:li></rdf:Alt></dc:title>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:CreatorTool>cddgen</xmp:CreatorTool>
   <pdf:Producer>cddgen</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")


def _pdf_date(now: dt.datetime) -> str:
    offset = now.astimezone().strftime("%z")
    return now.astimezone().strftime("D:%Y%m%d%H%M%S") + (f"{offset[:3]}'{offset[3:]}'" if offset else "Z")


class PdfA:
    """What makes each tomo of the expediente a PDF/A-2b file: see the module docstring."""

    def __init__(self, title: str, now: dt.datetime):
        self.title = title
        self.now = now.replace(microsecond=0)

    def prepare(self, writer: PdfWriter, profile_source: PdfReader, tomo: int, tomos: int, *,
                part: int = 2) -> StampFont:
        """Give ``writer`` the output intent of ``profile_source`` (a LibreOffice PDF/A), the
        metadata declaring PDF/A-``part``b (3 when the tomo carries attached files, the signed
        originals), and the embedded stamp font it returns."""
        intents = profile_source.trailer["/Root"].get("/OutputIntents")
        if intents is None:
            raise ConfigError("El índice del expediente no es PDF/A: no se puede declarar PDF/A el expediente.",
                              fix="Revise que LibreOffice exporte PDF/A (pdf.pdfa = true en cddgen.toml).")
        writer._root_object[NameObject("/OutputIntents")] = ArrayObject(
            writer._add_object(intent.get_object().clone(writer)) for intent in intents)
        title = self.title + (f", tomo {tomo} de {tomos}" if tomos > 1 else "")
        metadata = StreamObject()
        metadata.set_data(_xmp(title, self.now, part))
        metadata[NameObject("/Type")] = NameObject("/Metadata")
        metadata[NameObject("/Subtype")] = NameObject("/XML")
        writer._root_object[NameObject("/Metadata")] = writer._add_object(metadata)
        date = _pdf_date(self.now)
        writer.add_metadata({"/Title": TextStringObject(title), "/Producer": "cddgen", "/Creator": "cddgen",
                             "/CreationDate": date, "/ModDate": date})
        return StampFont(writer)


def fonts_not_embedded(reader: PdfReader) -> list[str]:
    """The names of the fonts a PDF uses without embedding them (a PDF/A embeds every font)."""
    missing: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        for font in (fonts.get_object().values() if fonts else ()):
            for item in _descendants(font.get_object()):
                descriptor = item.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else None
                if item.get("/Subtype") == "/Type3":
                    continue
                if descriptor is None or not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.add(str(item.get("/BaseFont", "?")).lstrip("/"))
    return sorted(missing)


def _descendants(font: DictionaryObject) -> Iterable[DictionaryObject]:
    if font.get("/Subtype") == "/Type0":
        for child in font.get("/DescendantFonts", ()):
            yield child.get_object()
    else:
        yield font


