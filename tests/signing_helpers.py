"""A certification authority and people's certificates made at test time, and signing with pyHanko.

Nothing comes from the network: the CA and each person's key are generated with cryptography
(EC P-256 keys: fast), the certificates carry the DNI in the subject's serialNumber the way a
RENIEC person certificate does («PNOPE-40123456», DOMAIN.md D), and a signature is an
incremental revision made with pyHanko in the named signature field, as Firma Perú would.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigFieldSpec
from pyhanko_certvalidator.registry import SimpleCertificateStore

VALID_FROM = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
VALID_UNTIL = dt.datetime(2035, 1, 1, tzinfo=dt.timezone.utc)


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def _certificate(subject: x509.Name, issuer: x509.Name, public_key, issuer_key, *, authority: bool
                 ) -> x509.Certificate:
    """A certificate of a CA (``authority``: signs certificates) or of a person (signs documents)."""
    usage = dict(digital_signature=True, content_commitment=not authority, key_encipherment=False,
                 data_encipherment=False, key_agreement=False, key_cert_sign=authority, crl_sign=authority,
                 encipher_only=False, decipher_only=False)
    return (
        x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
        .public_key(public_key).serial_number(x509.random_serial_number())
        .not_valid_before(VALID_FROM).not_valid_after(VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=authority, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(**usage), critical=True)
        .sign(issuer_key, hashes.SHA256())
    )


@dataclass
class Person:
    name: str
    dni: str
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    authority: "TestAuthority" = field(repr=False)

    def signer(self) -> signers.SimpleSigner:
        key_der = self.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption())
        return signers.SimpleSigner(
            signing_cert=asn1_x509.Certificate.load(_der(self.certificate)),
            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
            cert_registry=SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(self.authority.der)]),
        )

    def sign(self, data: bytes, field_name: str | None = None, *, new_field: str | None = None) -> bytes:
        """``data`` signed as an incremental revision, in ``field_name`` (or a new invisible field)."""
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        meta = signers.PdfSignatureMetadata(field_name=field_name or new_field, reason="Conformidad",
                                            location="Lima")
        spec = SigFieldSpec(new_field) if new_field else None
        output = signers.sign_pdf(writer, meta, signer=self.signer(), new_field_spec=spec)
        return output.getvalue()

    def sign_file(self, source: Path, target: Path, field_name: str | None = None, **options) -> Path:
        target.write_bytes(self.sign(Path(source).read_bytes(), field_name, **options))
        return target


@dataclass
class TestAuthority:
    """A root CA ("RENIEC de prueba") that issues person certificates."""

    __test__ = False  # not a test class, whatever pytest thinks of its name

    name: str = "ECEP-RENIEC de prueba"
    key: ec.EllipticCurvePrivateKey = field(default_factory=_key)
    certificate: x509.Certificate = field(init=False)

    def __post_init__(self) -> None:
        subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "PE"),
                             x509.NameAttribute(NameOID.COMMON_NAME, self.name)])
        self.certificate = _certificate(subject, subject, self.key.public_key(), self.key, authority=True)

    @property
    def der(self) -> bytes:
        return _der(self.certificate)

    @property
    def asn1(self) -> asn1_x509.Certificate:
        """The root as pyHanko's validation takes a trust anchor."""
        return asn1_x509.Certificate.load(self.der)

    def write_pem(self, folder: Path, name: str = "raiz-prueba.pem") -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(self.certificate.public_bytes(serialization.Encoding.PEM))
        return path

    def person(self, name: str, dni: str, *, serial: str | None = None) -> Person:
        """A person certificate; ``serial`` is the subject's serialNumber (default «PNOPE-<dni>»)."""
        key = _key()
        subject = x509.Name([
            x509.NameAttribute(NameOID.COUNTRY_NAME, "PE"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, serial if serial is not None else f"PNOPE-{dni}"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{name.upper()} FIR {dni} hard"),
        ])
        certificate = _certificate(subject, self.certificate.subject, key.public_key(), self.key, authority=False)
        return Person(name, dni, certificate, key, self)


def edit_first_page(data: bytes, text: str = "ALTERADO") -> bytes:
    """``data`` with its first page's content replaced, as an incremental update (what an editor
    saving «incrementally» after a signature does)."""
    from pyhanko.pdf_utils import generic

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(generic.StreamObject(stream_data=f"BT 100 400 Td ({text}) Tj ET".encode()))
    writer.update_container(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def issue_sample_acta(folder: Path, config_text: str | None = None):
    """The sample committee's acta de instalación issued in ``folder`` by cddgen (LibreOffice
    and its signature fields): (settings, job, produced document)."""
    from generator.readers.comite import read_committee
    from generator.render import acta_instalacion
    from generator.render.documents import produce
    from generator.run import Run

    from .conftest import EXAMPLES, make_settings

    settings = make_settings(folder, config_text)
    rules = settings.rules.ascenso
    job = acta_instalacion.job(read_committee(EXAMPLES / "comite.xlsx", rules, settings.institution.tipo),
                               settings, rules)
    [document] = produce([job], Run(settings))
    assert document.pdf is not None, document.pdf_error
    return settings, job, document
