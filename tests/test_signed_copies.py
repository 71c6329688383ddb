"""Signed copies coming back (issue 18, item 3; DOMAIN.md D, digital signature): recognised by
the issued PDF as their exact prefix, checked with pyHanko, each signer matched by the DNI of
their certificate, filed in firmados/; refused with the reasons otherwise. pyHanko signs with
certificates of a test CA made here; the acta is rendered once by LibreOffice."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfWriter

from generator.config import Settings
from generator.readers.signed_pdf import UNVERIFIED_CHAIN, VALID, dni_from_serial
from generator.render.documents import expected_signers, open_registry
from generator.render.numbering import IssueRecord, NumberEntry, NumberingRegistry
from generator.run import Run
from generator.pipeline.signed_copies import (
    DUPLICATE,
    FILED,
    PAPER_STATE,
    REFUSED,
    receive_signed_copy,
    signing_state,
)

from .conftest import make_settings
from .libreoffice import NEEDS_SOFFICE
from .signing_helpers import TestAuthority, edit_first_page, issue_sample_acta

pytestmark = NEEDS_SOFFICE

MEMBERS = [("María Elena Quispe Ñañez", "40123456"), ("José Luis D'Angelo Muñoz-Pérez", "08123456"),
           ("Rosa Amelia Huamán Cárdenas", "09876543")]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The sample acta de instalación as LibreOffice and cddgen issue it (PDF with three fields)."""
    _, job, document = issue_sample_acta(tmp_path_factory.mktemp("acta"))
    return job, document.pdf.read_bytes()


@dataclass
class Office:
    settings: Settings
    registry: NumberingRegistry
    entry: NumberEntry
    pdf: Path
    fields: list[str]

    @property
    def issued(self) -> bytes:
        return self.pdf.read_bytes()

    def drop(self, name: str, data: bytes) -> Path:
        path = self.settings.inbox / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    @property
    def run(self) -> Run:
        return Run(self.settings)

    def receive(self, name: str, data: bytes):
        return receive_signed_copy(self.drop(name, data), self.run)


@pytest.fixture
def office(tmp_path, rendered) -> Office:
    """A fresh office whose registry issued the rendered acta (copied into its outbox)."""
    job, data = rendered
    return _office(make_settings(tmp_path), job, data)


def _office(settings: Settings, job, data: bytes) -> Office:
    registry = open_registry(settings)
    entry = registry.reserve(job.series, settings.institution.sigla, job.date.year, job.key)
    pdf = settings.outbox / "2026" / job.kind / f"{entry.label}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(data)
    entry = registry.confirm(entry, [pdf])
    signers = expected_signers(job.signers)
    registry.record_issue([IssueRecord(entry, signers, (hashlib.sha256(data).hexdigest(), len(data), str(pdf)))])
    return Office(settings, registry, entry, pdf, [signer.field for signer in signers])


@pytest.fixture(scope="module")
def authority() -> TestAuthority:
    return TestAuthority()


@pytest.fixture(scope="module")
def members(authority):
    return [authority.person(name, dni) for name, dni in MEMBERS]


# ------------------------------------------------------------------ the DNI of a certificate


@pytest.mark.parametrize(("serial", "dni"), [
    ("PNOPE-40123456", "40123456"), ("DNI 40123456", "40123456"), ("DNI:40123456", "40123456"),
    ("40123456", "40123456"), ("pnope-08123456", "08123456"),
    ("RUC 20123456789", ""), ("PNOPE-4012345", ""), ("", ""), (None, ""),
])
def test_the_dni_is_read_from_the_subjects_serial_number(serial, dni):
    """DOMAIN.md D: a RENIEC person certificate carries the DNI as «PNOPE-<DNI>»."""
    assert dni_from_serial(serial) == dni


# ------------------------------------------------------------------ accepted


def test_a_copy_signed_by_one_member_is_filed_beside_the_document_as_1_of_3(office, members):
    signed = members[0].sign(office.issued, office.fields[0])

    reception = office.receive("acta escaneada (1).pdf", signed)

    assert reception.outcome == FILED, reception.problems
    assert (reception.entry.label, reception.state) == ("ACTA N° 001-2026-CE-UGEL02", "1/3")
    assert reception.filed == office.pdf.parent / "firmados" / "ACTA N° 001-2026-CE-UGEL02 (firmas 1 de 3).pdf"
    assert reception.filed.read_bytes() == signed
    assert reception.notes == (UNVERIFIED_CHAIN,)  # no trust anchors installed: not refused for it
    [signature] = reception.copy.signatures
    assert (signature.position, signature.dni, signature.name) == (1, "40123456", "MARÍA ELENA QUISPE ÑAÑEZ")
    assert signature.state == UNVERIFIED_CHAIN and signature.signed_at


def test_three_sequential_signatures_go_0_of_3_to_complete_and_every_copy_is_kept(office, members):
    assert signing_state(office.registry.signing_record(office.entry)) == "0/3"
    data, states, filed = office.issued, [], []
    for member, field in zip(members, office.fields):
        data = member.sign(data, field)
        reception = office.receive(f"firmado por {member.dni}.pdf", data)
        assert reception.outcome == FILED, reception.problems
        states.append(reception.state)
        filed.append(reception.filed.name)
    assert states == ["1/3", "2/3", "completo"]
    assert filed == ["ACTA N° 001-2026-CE-UGEL02 (firmas 1 de 3).pdf", "ACTA N° 001-2026-CE-UGEL02 (firmas 2 de 3).pdf",
                     "ACTA N° 001-2026-CE-UGEL02 (firmado).pdf"]
    assert sorted(path.name for path in (office.pdf.parent / "firmados").iterdir()) == sorted(filed)


def test_a_certificate_that_writes_dni_otherwise_still_names_its_signer(office, authority):
    """«DNI 08123456» and the bare digits name the signer as «PNOPE-08123456» does."""
    data = authority.person("José Luis D'Angelo Muñoz-Pérez", "08123456", serial="DNI 08123456").sign(
        office.issued, office.fields[1])
    data = authority.person("Rosa Amelia Huamán Cárdenas", "09876543", serial="09876543").sign(data, office.fields[2])
    reception = office.receive("firmada.pdf", data)
    assert (reception.outcome, reception.state) == (FILED, "2/3"), reception.problems
    assert [s.dni for s in reception.copy.signatures] == ["08123456", "09876543"]


def test_the_same_copy_dropped_twice_is_filed_once(office, members):
    signed = members[1].sign(office.issued, office.fields[1])
    assert office.receive("a.pdf", signed).outcome == FILED
    again = office.receive("b.pdf", signed)
    assert (again.outcome, again.state) == (DUPLICATE, "1/3")
    assert len(list((office.pdf.parent / "firmados").iterdir())) == 1


def test_with_the_offices_trust_anchors_a_signature_is_valid(office, members, authority, tmp_path):
    authority.write_pem(tmp_path / "confianza")
    settings = make_settings(tmp_path, '[firmas]\nanclas_confianza = "confianza"\n')
    office.settings = settings
    reception = office.receive("firmada.pdf", members[0].sign(office.issued, office.fields[0]))
    assert reception.outcome == FILED, reception.problems
    assert reception.copy.signatures[0].state == VALID


# ------------------------------------------------------------------ refused


def test_a_page_edited_after_signing_is_refused(office, members):
    signed = members[0].sign(office.issued, office.fields[0])
    edited_then_signed = members[1].sign(edit_first_page(signed), office.fields[1])

    for data in (edit_first_page(signed), edited_then_signed):
        reception = office.receive("firmada.pdf", data)
        assert reception.outcome == REFUSED
        assert any("cambios que no son firmas" in issue.message for issue in reception.problems)
    assert any("después de la última firma" in issue.message
               for issue in office.receive("x.pdf", edit_first_page(signed)).problems)
    assert not (office.pdf.parent / "firmados").exists()
    assert signing_state(office.registry.signing_record(office.entry)) == "0/3"


def test_a_signature_by_someone_not_expected_is_refused(office, members, authority):
    stranger = authority.person("Pedro Extraño Ruiz", "77777777")
    data = stranger.sign(members[0].sign(office.issued, office.fields[0]), office.fields[1])
    reception = office.receive("firmada.pdf", data)
    assert reception.outcome == REFUSED
    [issue] = reception.problems
    assert "firmó PEDRO EXTRAÑO RUIZ (DNI 77777777), que no figura entre quienes deben firmar" in issue.message
    assert "María Elena Quispe Ñañez (DNI 40123456)" in issue.message


def test_a_certificate_from_an_authority_not_trusted_is_refused(office, members, tmp_path):
    TestAuthority("Otra autoridad").write_pem(tmp_path / "confianza")
    office.settings = make_settings(tmp_path, '[firmas]\nanclas_confianza = "confianza"\n')
    reception = office.receive("firmada.pdf", members[0].sign(office.issued, office.fields[0]))
    assert reception.outcome == REFUSED
    assert "no proviene de una autoridad de confianza" in reception.reason


def _blank_pdf() -> bytes:
    """A PDF cddgen never issued (a scanner's, another office's)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_a_pdf_of_no_document_issued_is_refused_and_the_unsigned_pdf_too(office, members):
    reception = office.receive("otro.pdf", members[0].sign(_blank_pdf(), new_field="Firma"))
    assert reception.outcome == REFUSED and "tampoco es una copia de ningún documento emitido" in reception.reason
    unsigned = office.receive("sin firmar.pdf", office.issued)
    assert unsigned.outcome == REFUSED and "no tiene firmas digitales" in unsigned.reason
    assert office.receive("nota.pdf", b"hola").outcome == REFUSED


def test_a_copy_of_a_pdf_issued_again_since_is_refused(office, members, rendered):
    signed = members[0].sign(office.issued, office.fields[0])
    newer = office.issued + b"\n% emitido de nuevo\n"
    office.registry.record_issue([IssueRecord(office.entry, office.registry.signing_record(office.entry).signers,
                                              (hashlib.sha256(newer).hexdigest(), len(newer), str(office.pdf)))])
    reception = office.receive("firmada.pdf", signed)
    assert reception.outcome == REFUSED and "versión anterior" in reception.reason


# ------------------------------------------------------------------ paper


def test_a_scan_named_by_its_number_is_filed_as_signed_on_paper(office):
    reception = office.receive("acta n 001-2026-ce-ugel02 firmada.pdf", _blank_pdf())
    assert reception.outcome == FILED, reception.problems
    assert (reception.entry.label, reception.state) == ("ACTA N° 001-2026-CE-UGEL02", PAPER_STATE)
    assert reception.filed.name == "ACTA N° 001-2026-CE-UGEL02 (firmado en papel).pdf"
    assert [s.state for s in reception.copy.signatures] == [PAPER_STATE] * 3


def test_a_scan_named_otherwise_is_refused(office):
    reception = office.receive("ACTA N° 002-2026-CE-UGEL02.pdf", _blank_pdf())
    assert reception.outcome == REFUSED and "su nombre no es el número de un documento" in reception.reason


def test_a_copy_of_an_annulled_document_is_refused(office, members):
    signed = members[0].sign(office.issued, office.fields[0])
    office.registry.annul(office.entry, "Dejado sin efecto")
    reception = office.receive("firmada.pdf", signed)
    assert reception.outcome == REFUSED and "cuyo número fue anulado (Dejado sin efecto)" in reception.reason
