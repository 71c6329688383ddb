"""The foliated expediente (issue #4, item 5) with pypdf alone, and the history of reclamos that
only grows (DOMAIN.md A.6): pure file tests, no LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader, PdfWriter

from generator.errors import UnreadableInput
from generator.render.expediente import Part, build_expediente, folio_ranges, layout, tomo_ranges
from generator.render.historial import HEADERS, append_history

A4, LETTER = (595.28, 841.89), (612, 792)


def blank_pdf(path: Path, *pages: tuple[tuple[float, float], int]) -> Path:
    """A PDF of blank pages of the given (size, rotation)."""
    writer = PdfWriter()
    for (width, height), rotation in pages:
        page = writer.add_blank_page(width, height)
        if rotation:
            page.rotate(rotation)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def stamps(path: Path) -> list[tuple[str, float, float, float, float]]:
    """(text, x, y, page width, page height) of the «Folio N» drawn on each page."""
    found = []
    for page in PdfReader(str(path)).pages:
        hits = []

        def visit(text, cm, tm, font, size):
            if text.startswith("Folio"):
                hits.append((text, tm[4], tm[5]))

        page.extract_text(visitor_text=visit)
        assert len(hits) == 1, hits
        text, x, y = hits[0]
        found.append((text, x, y, float(page.mediabox.width), float(page.mediabox.height)))
    return found


def test_every_page_is_foliated_in_its_upper_right_corner_whatever_its_size_or_rotation(tmp_path):
    first = blank_pdf(tmp_path / "a.pdf", (A4, 0), (LETTER, 0))
    second = blank_pdf(tmp_path / "b.pdf", (LETTER, 90), (A4, 270), (A4, 180))
    indexes = []

    def index(documents, total, tomos):
        indexes.append([(d.title, d.folios) for d in documents])
        return blank_pdf(tmp_path / "index.pdf", (A4, 0))

    result = build_expediente([Part("Primero", first), Part("Segundo", second)], index, tmp_path / "out.pdf")
    assert result.total == 6
    assert [(p.title, p.folios) for p in result.parts] == [
        ("Índice del expediente", "1"), ("Primero", "2 al 3"), ("Segundo", "4 al 6")]
    # The index is told every entry, itself included.
    assert indexes == [[("Índice del expediente", "1"), ("Primero", "2 al 3"), ("Segundo", "4 al 6")]]
    found = stamps(result.path)
    assert [text for text, *_ in found] == [f"Folio {n}" for n in range(1, 7)]
    for text, x, y, width, height in found:
        # Upper right as displayed: rotated pages have their rotation moved into the content.
        assert width - 120 < x < width - 30 and height - 45 < y < height - 20, (text, x, y, width, height)
    sizes = [(round(w), round(h)) for *_, w, h in found]
    assert sizes == [(595, 842), (595, 842), (612, 792), (792, 612), (842, 595), (595, 842)]
    assert all(page.rotation == 0 for page in PdfReader(str(result.path)).pages)


def test_a_long_index_moves_the_documents_folios(tmp_path):
    part = blank_pdf(tmp_path / "a.pdf", (A4, 0), (A4, 0))
    calls = []

    def index(documents, total, tomos):
        calls.append((documents[1].folios, total))
        return blank_pdf(tmp_path / "index.pdf", (A4, 0), (A4, 0))  # the index takes two pages

    result = build_expediente([Part("Acta", part)], index, tmp_path / "out.pdf")
    assert calls == [("2 al 3", 3), ("3 al 4", 4)]
    assert [(p.title, p.folios) for p in result.parts] == [("Índice del expediente", "1 al 2"), ("Acta", "3 al 4")]
    assert [text for text, *_ in stamps(result.path)] == ["Folio 1", "Folio 2", "Folio 3", "Folio 4"]


def test_folio_ranges_run_without_gap():
    ranges = folio_ranges([("a", 1), ("b", 3), ("c", 2)], first=2)
    assert [(r.first, r.last) for r in ranges] == [(2, 2), (3, 5), (6, 7)]


def test_past_the_folios_of_a_tomo_the_expediente_is_split_and_the_numbering_runs_on(tmp_path):
    """Index 1 page; documents of 3, 2, 4 and 1 pages; at most 5 folios a tomo: no document
    is split, so the tomos hold folios 1–4, 5–6 and 7–11."""
    parts = [Part(name, blank_pdf(tmp_path / f"{name}.pdf", *[(A4, 0)] * pages))
             for name, pages in (("a", 3), ("b", 2), ("c", 4), ("d", 1))]
    seen = []

    def index(documents, total, tomos):
        seen.append((total, tomos))
        return blank_pdf(tmp_path / "index.pdf", (A4, 0))

    result = build_expediente(parts, index, tmp_path / "EXPEDIENTE X.pdf", folios_per_tomo=5)
    assert seen == [(11, [(1, 4), (5, 6), (7, 11)])]
    assert [(t.number, t.folios, t.path.name) for t in result.tomos] == [
        (1, "1 al 4", "EXPEDIENTE X TOMO 1 DE 3.pdf"), (2, "5 al 6", "EXPEDIENTE X TOMO 2 DE 3.pdf"),
        (3, "7 al 11", "EXPEDIENTE X TOMO 3 DE 3.pdf")]
    assert not (tmp_path / "EXPEDIENTE X.pdf").exists()
    stamped = [[text for text, *_ in stamps(tomo.path)] for tomo in result.tomos]
    assert stamped == [[f"Folio {n}" for n in range(first, last + 1)] for first, last in ((1, 4), (5, 6), (7, 11))]
    assert result.total == 11 and [(p.title, p.folios) for p in result.parts][1:] == [
        ("a", "2 al 4"), ("b", "5 al 6"), ("c", "7 al 10"), ("d", "11")]


def test_a_new_run_removes_the_tomos_of_an_earlier_split_only_after_writing_its_own(tmp_path):
    parts = [Part(name, blank_pdf(tmp_path / f"{name}.pdf", (A4, 0), (A4, 0))) for name in "abc"]
    target = tmp_path / "EXPEDIENTE X.pdf"
    index = lambda d, t, tomos: blank_pdf(tmp_path / "i.pdf", (A4, 0))  # noqa: E731
    other = blank_pdf(tmp_path / "EXPEDIENTE Y TOMO 1 DE 2.pdf", (A4, 0))  # another informe's
    first = build_expediente(parts, index, target, folios_per_tomo=3)
    assert [p.name for p in first.paths] == [f"EXPEDIENTE X TOMO {n} DE 3.pdf" for n in (1, 2, 3)]
    second = build_expediente(parts, index, target, folios_per_tomo=5)
    assert [p.name for p in second.paths] == ["EXPEDIENTE X TOMO 1 DE 2.pdf", "EXPEDIENTE X TOMO 2 DE 2.pdf"]
    assert sorted(p.name for p in tmp_path.glob("EXPEDIENTE X*")) == [p.name for p in second.paths]
    third = build_expediente(parts, index, target)
    assert sorted(p.name for p in tmp_path.glob("EXPEDIENTE X*")) == ["EXPEDIENTE X.pdf"] == [third.path.name]
    assert other.exists()


def test_a_document_longer_than_a_tomo_fills_one_of_its_own():
    counts = [("corto", 1), ("largo", 7), ("otro", 2)]
    assert tomo_ranges(layout(1, counts, 5)) == [(1, 2), (3, 9), (10, 11)]
    assert tomo_ranges(layout(1, counts, 0)) == [(1, 11)]  # 0: one PDF, whatever its size


@pytest.mark.parametrize("pages", [[1] * 450, [3, 120, 90, 5, 199, 1, 60, 60, 60, 250, 2] * 5, [200, 200, 1]])
def test_tomos_of_at_most_200_folios_each_with_its_cover_never_split_a_document(pages):
    """LPAG compaginación (DOMAIN.md D): bodies of at most 200 folios unless a document alone is
    longer, which then stays whole; each tomo opens with its cover; folios run on without gap."""
    counts = [(f"doc {n}", count) for n, count in enumerate(pages)]
    slots = layout(2, counts, 200, covers=True)
    ranges = tomo_ranges(slots)
    folios = [folio for slot in slots for folio in range(slot.first, slot.last + 1)]
    assert folios == list(range(1, len(folios) + 1))
    assert len(folios) == sum(pages) + 2 + len(ranges)  # documents, index, one cover per tomo
    for number, (first, last) in enumerate(ranges, start=1):
        mine = [slot for slot in slots if slot.tomo == number]
        assert mine[0].title == f"Carátula del tomo {number}" and mine[0].first == first
        documents = [slot for slot in mine if slot.source >= 0]
        assert last - first + 1 <= 200 or len(documents) == 1, (number, first, last)
        # Never split: the next tomo could not have taken its first document.
        if number > 1:
            previous = ranges[number - 2]
            assert previous[1] - previous[0] + 1 + documents[0].last - documents[0].first + 1 > 200
    assert [slot.source for slot in slots if slot.source >= 0] == list(range(len(pages)))


def test_an_expediente_within_one_tomo_keeps_its_single_file(tmp_path):
    part = blank_pdf(tmp_path / "a.pdf", (A4, 0), (A4, 0))
    result = build_expediente([Part("Acta", part)], lambda d, t, tomos: blank_pdf(tmp_path / "i.pdf", (A4, 0)),
                              tmp_path / "EXPEDIENTE.pdf", folios_per_tomo=3)
    assert result.paths == (tmp_path / "EXPEDIENTE.pdf",) and len(PdfReader(str(result.path)).pages) == 3


def test_a_pdf_that_is_not_one_is_refused_by_name(tmp_path):
    bad = tmp_path / "resolucion.pdf"
    bad.write_bytes(b"no soy un PDF")
    with pytest.raises(UnreadableInput) as error:
        build_expediente([Part("Resolución", bad)], lambda d, t, tomos: bad, tmp_path / "out.pdf")
    assert "«resolucion.pdf» no se pudo leer como PDF" in str(error.value)
    assert not (tmp_path / "out.pdf").exists()


def test_the_history_never_overwrites_a_row(tmp_path):
    target = tmp_path / "2026" / "historial-reclamos.xlsx"
    row = ("44332211", "Loayza Benavides, Gladys", "EXP-1", "28/01/2026", "1", "Bonificación por discapacidad", "",
           "Fundado", "Bonificación por discapacidad", "No se otorga", "Se otorga", "82", "94.3", "ACTA 005", "ACTA 006",
           "CUMPLE REQUISITOS")
    append_history([row], target)
    append_history([row], target)  # rendering again adds nothing
    changed = row[:7] + ("Infundado",) + row[8:10] + ("No se otorga", "82", "82", "ACTA 005", "", "RETIRADO – causal j)")
    append_history([changed, ("=HYPERLINK(1)",) + row[1:]], target)
    sheet = load_workbook(target).active
    values = [tuple(cell.value or "" for cell in line) for line in sheet.iter_rows()]
    assert values[0] == HEADERS
    assert values[1:] == [row, changed, ("=HYPERLINK(1)",) + row[1:]]
    assert sheet.cell(row=4, column=1).data_type == "s"  # text that looks like a formula stays text


def test_a_history_written_before_the_estado_column_is_not_repeated(tmp_path):
    """A history of 15 columns (before «Estado después»): its rows are known by those 15."""
    from openpyxl import Workbook

    target = tmp_path / "historial-reclamos.xlsx"
    old = ("44332211", "Loayza", "EXP-1", "28/01/2026", "1", "Bonificación por discapacidad", "", "Fundado", "B",
           "No se otorga", "Se otorga", "82", "94.3", "ACTA 005", "ACTA 006")
    workbook = Workbook()
    workbook.active.title = "Historial"
    workbook.active.append(HEADERS[:15])
    workbook.active.append(old)
    workbook.save(target)
    append_history([old + ("CUMPLE REQUISITOS",)], target)
    rows = list(load_workbook(target).active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and tuple(value or "" for value in rows[0][:15]) == old


def test_a_pdfa_expediente_embeds_its_stamp_font_and_declares_itself(tmp_path):
    """PDF/A (DOMAIN.md D): every font embedded, the stamp's too; the output intent and the XMP
    identification of the index (a LibreOffice PDF/A) carried to each tomo."""
    import datetime as dt

    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject, TextStringObject

    from generator.render.pdfa import PdfA, fonts_not_embedded

    def index(documents, total, tomos):
        writer = PdfWriter()
        writer.add_blank_page(*A4)
        profile = StreamObject()
        profile.set_data(b"not a real ICC profile")
        intent = DictionaryObject({NameObject("/Type"): NameObject("/OutputIntent"),
                                   NameObject("/S"): NameObject("/GTS_PDFA1"),
                                   NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB"),
                                   NameObject("/DestOutputProfile"): writer._add_object(profile)})
        writer._root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
        with open(tmp_path / "index.pdf", "wb") as handle:
            writer.write(handle)
        return tmp_path / "index.pdf"

    parts = [Part(name, blank_pdf(tmp_path / f"{name}.pdf", (A4, 0), (LETTER, 90))) for name in "abc"]
    result = build_expediente(parts, index, tmp_path / "EXPEDIENTE.pdf", folios_per_tomo=4,
                              pdfa=PdfA("Expediente del INFORME N° 001", dt.datetime(2026, 2, 16, 10, 0)))
    assert [(t.first, t.last) for t in result.tomos] == [(1, 3), (4, 7)]
    for tomo in result.tomos:
        reader = PdfReader(str(tomo.path))
        assert fonts_not_embedded(reader) == []
        fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
                 for font in page["/Resources"]["/Font"].values()}
        assert fonts == {"/CDDGEN+LiberationSans"} or fonts == {"/CDDGEN+DejaVuSans"}
        assert [text for text, *_ in stamps(tomo.path)] == [f"Folio {n}" for n in range(tomo.first, tomo.last + 1)]
        assert reader.trailer["/Root"]["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
        metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
        assert "<pdfaid:part>2</pdfaid:part>" in metadata and "<pdfaid:conformance>B</pdfaid:conformance>" in metadata
        assert f"tomo {tomo.number} de 2" in reader.metadata.title


def test_the_documents_folder_gives_each_postulante_the_pdfs_named_by_their_dni(tmp_path):
    """Anexo 3, 2.4: per postulante, the informes escalafonarios and other writings the committee keeps."""
    from generator.pipeline.informe import folder_documents

    folder = tmp_path / "documentos"
    (folder / "44332211").mkdir(parents=True)
    for name in ("41234567 informe escalafonario.pdf", "41234567-certificado IPRESS.pdf", "44332211/escrito.pdf",
                 "99999999 ajeno.pdf", "sin dni.pdf", "41234567 ya listado.pdf"):
        blank_pdf(folder / name, (A4, 0))
    found, warnings = folder_documents(folder, {"41234567", "44332211"},
                                       {(folder / "41234567 ya listado.pdf").resolve()})
    assert [(d.dni, d.descripcion) for d in found] == [
        ("41234567", "Informe escalafonario"), ("41234567", "Certificado IPRESS"), ("44332211", "Escrito")]
    assert warnings == [
        "«99999999 ajeno.pdf»: el DNI 99999999 no es de ningún postulante del libro; no se incluye en el expediente.",
        "«sin dni.pdf» no empieza con el DNI de un postulante: no se incluye en el expediente."]
