"""The expediente from the signed record (issue 18, item 6): each document's most complete signed
copy is foliated, its signature stamps drawn into the page; the signed originals travel inside
the tomo as attachments, and pyHanko still validates them once extracted (DOMAIN.md D)."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader, PdfWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from generator.pipeline.informe import _Entry, _expediente_parts
from generator.pipeline.signed_copies import receive_signed_copy
from generator.render.documents import open_registry
from generator.render.expediente import Part, build_expediente
from generator.run import Run

from .libreoffice import NEEDS_SOFFICE
from .signing_helpers import TestAuthority, issue_sample_acta

pytestmark = NEEDS_SOFFICE


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """An office that issued the acta de instalación and received it signed by all three members."""
    folder = tmp_path_factory.mktemp("expediente")
    settings, job, document = issue_sample_acta(folder)
    authority = TestAuthority()
    data = document.pdf.read_bytes()
    for entry in json.loads(document.signature_positions.read_text(encoding="utf-8"))["firmantes"]:
        data = authority.person(entry["nombre"], entry["dni"]).sign(data, entry["campo"])
    dropped = folder / "acta firmada por los tres.pdf"
    dropped.write_bytes(data)
    reception = receive_signed_copy(dropped, Run(settings))
    assert reception.state == "completo", reception.problems
    return settings, job, document, reception, authority


def _blank(path, pages=1):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def test_the_expediente_takes_the_signed_copy_and_says_who_signed(office):
    settings, job, document, reception, _ = office
    [part] = _expediente_parts([_Entry("Acta de instalación – ACTA N° 001-2026-CE-UGEL02", job.key)],
                               {job.key: document.pdf}, _JobsStub([job]), open_registry(settings))
    assert part.pdf == reception.filed and part.attachments == (reception.filed,)
    assert part.title == ("Acta de instalación – ACTA N° 001-2026-CE-UGEL02 – firmado digitalmente por María Elena "
                          "Quispe Ñañez, José Luis D'Angelo Muñoz-Pérez y Rosa Amelia Huamán Cárdenas")


def test_the_signed_original_is_embedded_and_still_validates_after_extraction(office, tmp_path):
    settings, job, document, reception, authority = office
    index_titles = []

    def index(documents, total, tomos):
        index_titles.extend(item.title for item in documents)
        return _blank(tmp_path / "indice.pdf")

    part = Part("Acta de instalación – firmado digitalmente por los tres", reception.filed, (reception.filed,))
    other = Part("Otro documento", _blank(tmp_path / "otro.pdf", 2))
    result = build_expediente([part, other], index, tmp_path / "EXPEDIENTE.pdf")

    reader = PdfReader(result.path)
    assert len(reader.pages) == 1 + len(PdfReader(reception.filed).pages) + 2
    assert index_titles[-2:] == [part.title, "Otro documento"]
    # The foliated copy carries no signature it could not keep; its stamps are drawn in the page.
    acta_pages = reader.pages[1:1 + len(PdfReader(reception.filed).pages)]
    assert not [a for page in acta_pages for a in page.get("/Annots") or [] if a.get_object().get("/FT") == "/Sig"]
    assert any("/FirmaSello" in str(page["/Resources"].get("/XObject", {}).keys()) for page in acta_pages)
    # The signed original, byte for byte, as a PDF/A-3 associated file («Source»).
    [attachment] = reader.attachments[reception.filed.name]
    assert attachment == reception.filed.read_bytes()
    [filespec] = [item.get_object() for item in reader.trailer["/Root"]["/AF"]]
    assert (filespec["/AFRelationship"], filespec["/UF"]) == ("/Source", reception.filed.name)
    signed = PdfFileReader(io.BytesIO(attachment))
    context = ValidationContext(trust_roots=[authority.asn1], allow_fetching=False)
    statuses = [validate_pdf_signature(signature, context) for signature in signed.embedded_signatures]
    assert len(statuses) == 3 and all(s.intact and s.valid and s.trusted for s in statuses)


class _JobsStub:
    """What _expediente_parts reads of the informe's jobs: their series by key."""

    def __init__(self, items):
        self.items = items


def test_a_pdfa_tomo_that_carries_signed_originals_is_pdfa_3b(tmp_path):
    """PDF/A-2 admits only PDF/A attachments; PDF/A-3 (ISO 19005-3) admits any file declared as an
    associated file: the tomo says it is PDF/A-3b."""
    import datetime as dt

    from generator.render.pdfa import PdfA

    settings, job, document = issue_sample_acta(tmp_path / "oficina", "[pdf]\npdfa = true\n")
    authority = TestAuthority()
    first = json.loads(document.signature_positions.read_text(encoding="utf-8"))["firmantes"][0]
    signed = authority.person(first["nombre"], first["dni"]).sign_file(document.pdf, tmp_path / "firmada.pdf",
                                                                       first["campo"])
    part = Part("Acta de instalación – firmado digitalmente por María Elena Quispe Ñañez (1 de 3 firmas)",
                signed, (signed,))
    result = build_expediente([part], lambda entries, total, tomos: document.pdf, tmp_path / "EXPEDIENTE.pdf",
                              pdfa=PdfA("Expediente de prueba", dt.datetime(2026, 11, 22, 9, 0)))

    reader = PdfReader(result.path)
    xmp = reader.xmp_metadata.rdf_root
    pdfaid = "http://www.aiim.org/pdfa/ns/id/"
    assert xmp.getElementsByTagNameNS(pdfaid, "part")[0].firstChild.data == "3"
    assert xmp.getElementsByTagNameNS(pdfaid, "conformance")[0].firstChild.data == "B"
    assert "/OutputIntents" in reader.trailer["/Root"]
    [filespec] = [item.get_object() for item in reader.trailer["/Root"]["/AF"]]
    embedded = filespec["/EF"]["/F"].get_object()
    assert (filespec["/AFRelationship"], embedded["/Subtype"]) == ("/Source", "/application/pdf")
    assert b"/Subtype /application#2Fpdf" in result.path.read_bytes()  # the MIME type, escaped as PDF names are
    assert "/ModDate" in embedded["/Params"]
    [attachment] = reader.attachments[signed.name]
    [status] = [validate_pdf_signature(signature, ValidationContext(trust_roots=[authority.asn1],
                                                                    allow_fetching=False))
                for signature in PdfFileReader(io.BytesIO(attachment)).embedded_signatures]
    assert status.intact and status.valid and status.trusted
