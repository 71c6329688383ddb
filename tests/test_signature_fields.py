"""Signature fields over each signer's block, the positions file, PDF/A-2b kept (DOMAIN.md D:
digital signature; issue 18, item 1). LibreOffice and pyHanko are real."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from generator.render.pdf import PdfConverter
from generator.render.signature_fields import (
    FIELD_MIN_WIDTH,
    Placement,
    locate_blocks,
    with_signature_fields,
)
from generator.render.signers import Signer, field_name, signers_from_blocks

from .conftest import make_settings
from .libreoffice import needs_soffice
from .signing_helpers import TestAuthority, issue_sample_acta


PDFAID = "http://www.aiim.org/pdfa/ns/id/"
PRINT, HIDDEN, INVISIBLE, NO_VIEW, TOGGLE_NO_VIEW = 4, 2, 1, 32, 256
MEMBERS = [
    ("Primer miembro (Presidenta)", "María Elena Quispe Ñañez", "40123456"),
    ("Segundo miembro", "José Luis D'Angelo Muñoz-Pérez", "08123456"),
    ("Tercer miembro", "Rosa Amelia Huamán Cárdenas", "09876543"),
]


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    """The sample acta de instalación, rendered as PDF/A-2b with its signature fields."""
    _, _, document = issue_sample_acta(tmp_path_factory.mktemp("firmas"), "[pdf]\npdfa = true\n")
    return document


def _widgets(pdf: Path) -> list[dict]:
    reader = PdfReader(pdf)
    found = []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            found.append({"page": number, **annotation})
    return found


def _dni_line_box(pdf: Path, page: int, dni: str) -> tuple[float, float, float, float]:
    document = pypdfium2.PdfDocument(pdf)
    textpage = document[page - 1].get_textpage()
    for index in range(textpage.count_rects()):
        box = textpage.get_rect(index)
        text = textpage.get_text_bounded(*box)
        if dni in text and "DNI" in text.replace(".", ""):
            return box
    raise AssertionError(f"no line with DNI {dni} on page {page}")


# ------------------------------------------------------------------ names


def test_field_names_say_order_role_and_dni():
    assert field_name(1, Signer("Presidente", "María Quispe", "40123456")) == "Firma 1 – Presidente – 40123456"
    # A period separates the parts of a PDF field's full name: none may be left in a name.
    assert field_name(2, Signer("Director(a) de la I.E. N° 2", "Ana Ríos")) == \
        "Firma 2 – Director(a) de la IE N° 2 – sin DNI"


def test_a_dispensed_signature_is_nobodys_to_give():
    """Seed 003, 1.4 (A.5): a member's signature may be dispensed; nobody signs in their place."""
    blocks = [{"rol": role, "nombre": name, "dni": dni, "dispensada": dni == "08123456"}
              for role, name, dni in MEMBERS]
    assert [signer.dni for signer in signers_from_blocks(blocks)] == ["40123456", "09876543"]


# ------------------------------------------------------------------ the fields in the rendered PDF


@needs_soffice
def test_every_member_gets_an_empty_field_named_by_order_role_and_dni(issued):
    fields = PdfReader(issued.pdf).get_fields()
    expected = [f"Firma {n} – {role} – {dni}" for n, (role, _, dni) in enumerate(MEMBERS, start=1)]
    assert sorted(fields) == sorted(expected)
    for name in expected:
        assert fields[name].get("/FT") == "/Sig"
        assert fields[name].get("/V") is None  # empty: nobody has signed yet


@needs_soffice
def test_each_field_lies_over_its_signers_block_and_the_positions_file_says_where(issued):
    widgets = {widget["/T"]: widget for widget in _widgets(issued.pdf)}
    positions = json.loads(issued.signature_positions.read_text(encoding="utf-8"))
    assert issued.signature_positions == issued.pdf.with_name(issued.pdf.stem + ".firmas.json")
    assert positions["documento"] == issued.number
    boxes = []
    for entry, (role, name, dni) in zip(positions["firmantes"], MEMBERS):
        assert (entry["rol"], entry["nombre"], entry["dni"]) == (role, name, dni)
        widget = widgets[entry["campo"]]
        x0, y0, x1, y1 = (float(value) for value in widget["/Rect"])
        assert (entry["pagina"], entry["x"], entry["y"]) == (widget["page"], pytest.approx(x0), pytest.approx(y0))
        assert (entry["ancho"], entry["alto"]) == (pytest.approx(x1 - x0, abs=0.11), pytest.approx(y1 - y0, abs=0.11))
        left, bottom, right, top = _dni_line_box(issued.pdf, widget["page"], dni)
        assert x0 < (left + right) / 2 < x1  # over the signer's own column
        assert 0 < y0 - top < 40  # just above the name and DNI lines, on the signature rule
        assert x1 - x0 >= FIELD_MIN_WIDTH and 24 <= y1 - y0 <= 48
        boxes.append((x0, x1))
    boxes.sort()
    assert all(first[1] <= second[0] for first, second in zip(boxes, boxes[1:]))  # side by side


@needs_soffice
def test_the_pdf_stays_pdfa_2b_with_the_fields(issued):
    """PDF/A-2b (ISO 19005-2): 6.3.2 annotation flags, 6.3.3 appearance streams, 6.4.1 no
    NeedAppearances, 6.6.2 information dictionary equal to the XMP packet."""
    reader = PdfReader(issued.pdf)
    xmp = reader.xmp_metadata.rdf_root
    part = xmp.getElementsByTagNameNS(PDFAID, "part")[0].firstChild.data
    conformance = xmp.getElementsByTagNameNS(PDFAID, "conformance")[0].firstChild.data
    assert (part, conformance) == ("2", "B")
    assert "/NeedAppearances" not in reader.trailer["/Root"]["/AcroForm"]
    widgets = _widgets(issued.pdf)
    assert len(widgets) == 3
    for widget in widgets:
        flags = int(widget["/F"])
        assert flags & PRINT and not flags & (HIDDEN | INVISIBLE | NO_VIEW | TOGGLE_NO_VIEW)
        assert list(widget["/AP"].keys()) == ["/N"]
    producer = reader.metadata.get("/Producer")
    xmp_producer = xmp.getElementsByTagNameNS("http://ns.adobe.com/pdf/1.3/", "Producer")[0].firstChild.data
    assert producer == xmp_producer


@needs_soffice
def test_three_members_sign_field_by_field_and_every_signature_stays_valid(issued):
    authority = TestAuthority()
    data = issued.pdf.read_bytes()
    positions = json.loads(issued.signature_positions.read_text(encoding="utf-8"))["firmantes"]
    for entry in positions:
        data = authority.person(entry["nombre"], entry["dni"]).sign(data, entry["campo"])
    assert data.startswith(issued.pdf.read_bytes())  # each signature only appended a revision
    reader = PdfFileReader(io.BytesIO(data))
    context = ValidationContext(trust_roots=[authority.asn1], allow_fetching=False)
    statuses = [validate_pdf_signature(signature, context) for signature in reader.embedded_signatures]
    assert [status.signing_cert.subject.native["serial_number"] for status in statuses] == \
        [f"PNOPE-{dni}" for _, _, dni in MEMBERS]
    assert all(status.intact and status.valid and status.trusted for status in statuses)
    assert all(status.modification_level.name in ("NONE", "FORM_FILLING") for status in statuses)


# ------------------------------------------------------------------ a template restyled in Word


@needs_soffice
def test_a_restyled_block_without_a_signature_rule_is_found_by_its_dni(tmp_path):
    """A secretary restyles the block in Word: no «____» rule, the DNI first and spelt «D.N.I.»."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    for index in range(12):
        document.add_paragraph(f"Considerando {index + 1}: texto del acta que ocupa la página.")
    document.add_paragraph("En señal de conformidad:")
    for _ in range(4):
        document.add_paragraph("")
    document.add_paragraph("D.N.I. 40123456")
    run = document.add_paragraph().add_run("MARÍA ELENA QUISPE ÑAÑEZ")
    run.bold, run.font.size = True, Pt(13)
    document.add_paragraph("Presidenta del Comité")
    source = tmp_path / "restyled.docx"
    document.save(source)
    [converted] = PdfConverter(make_settings(tmp_path).pdf).convert([source])
    assert converted.pdf is not None, converted.error

    [placement] = locate_blocks(converted.pdf.read_bytes(), [Signer("Presidenta", "María Elena Quispe Ñañez",
                                                                     "40123456")])
    left, bottom, right, top = _dni_line_box(converted.pdf, 1, "40123456")
    x0, y0, x1, y1 = placement.box
    assert placement.page == 1
    assert x0 <= left < right <= x1 or x0 < (left + right) / 2 < x1
    assert 0 <= y0 - top < 20  # right above the block's top line, in the space left to sign
    assert y1 - y0 >= 24


@needs_soffice
def test_a_signer_whose_block_is_missing_still_gets_a_field_without_position(issued):
    signers = [Signer(role, name, dni) for role, name, dni in MEMBERS] + [Signer("Veedor", "Nadie", "11111111")]
    placements = locate_blocks(issued.pdf.read_bytes(), signers)
    assert [item.box is None for item in placements] == [False, False, False, True]
    data = with_signature_fields(issued.pdf.read_bytes(), [placements[3]])
    fields = PdfReader(io.BytesIO(data)).get_fields()
    assert "Firma 4 – Veedor – 11111111" in fields
    assert isinstance(placements[3], Placement) and placements[3].page is None


@needs_soffice
def test_a_signer_without_dni_is_found_by_name_even_when_the_block_wraps_it(issued):
    """The ficha CAP records no DNI: its signers' blocks are found by name. In the acta the
    block wraps «María Elena / Quispe Ñañez» on two lines."""
    [by_name] = locate_blocks(issued.pdf.read_bytes(), [Signer("Presidente", "María Elena Quispe Ñañez")])
    [by_dni] = locate_blocks(issued.pdf.read_bytes(), [Signer("Presidente", "María Elena Quispe Ñañez", "40123456")])
    assert by_name.page == by_dni.page
    assert by_name.box == pytest.approx(by_dni.box, abs=1.0)
