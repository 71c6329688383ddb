"""Reading a signed copy of a PDF that cddgen issued: its signatures, checked with pyHanko.

A PAdES signature is an incremental revision appended to the file (DOMAIN.md D), so the PDF
as issued is an exact prefix of every copy signed from it. Given that prefix, a copy is sound
when every signature is intact (the signed bytes were not touched) and cryptographically valid,
every change since the issued PDF is the filling of signature fields (pyHanko's difference
analysis, revision by revision), and the last signature covers the whole file (nothing was
appended after it). Each signer is named by their certificate: the DNI in the subject's
serialNumber («PNOPE-40123456», «DNI 40123456» or the bare digits) and the common name.

Trust is checked only against the anchors given (the CA certificates the office installs,
e.g. RENIEC's): without them a sound signature is «firma íntegra; cadena de confianza no
verificada», not a refusal. Nothing is fetched from the network.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel, SuspiciousModification
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from ..errors import ConfigError

# pyHanko logs, with a traceback, every certificate path it cannot build (every signature when
# no trust anchors are installed) and every difference it finds suspicious; cddgen says what
# it found itself, in Spanish, so those records stay out of the terminal and the service log.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko").propagate = False

VALID = "válida"
UNVERIFIED_CHAIN = "firma íntegra; cadena de confianza no verificada"

# RENIEC's common names end in « FIR <DNI> hard» (or «soft»): the person's name is what precedes.
_CN_SUFFIX = re.compile(r"\s+FIR\s+\d+.*$", re.IGNORECASE)
_DNI = re.compile(r"^\s*(?:PNOPE[-\s]?|DNI[-:\s]*)?(\d{8})\s*$", re.IGNORECASE)
_ANCHOR_SUFFIXES = (".pem", ".crt", ".cer", ".der")
# What reading a PDF with pyHanko may raise for a damaged or hostile file.
READ_ERRORS = (PdfError, SignatureValidationError, ValueError, KeyError, TypeError, IndexError)


@dataclass(frozen=True)
class SignatureFound:
    """One signature of a signed copy, as pyHanko checked it."""

    field: str
    dni: str  # from the certificate's serialNumber; "" when it carries none
    name: str  # the certificate's common name
    signed_at: dt.datetime | None  # the time the signer's software claims
    revision: int  # the file revision the signature closes (0 = the first)
    intact: bool
    valid: bool
    trusted: bool | None  # None: no trust anchors to check against

    @property
    def state(self) -> str:
        return VALID if self.trusted else UNVERIFIED_CHAIN

    @property
    def who(self) -> str:
        return f"{self.name} (DNI {self.dni})" if self.dni else self.name


@dataclass(frozen=True)
class SignedPdf:
    """A signed copy checked against the PDF as issued: its signatures and every problem found
    (Spanish sentences; none means the copy is sound)."""

    signatures: tuple[SignatureFound, ...]
    problems: tuple[str, ...]

    @property
    def sound(self) -> bool:
        return not self.problems


def dni_from_serial(serial: str | None) -> str:
    """The DNI in a certificate subject's serialNumber: «PNOPE-40123456», «DNI 40123456» or
    «40123456» give «40123456»; anything else gives ""."""
    match = _DNI.match(serial or "")
    return match.group(1) if match else ""


def load_trust_anchors(folder: Path) -> list[asn1_x509.Certificate]:
    """The CA certificates (PEM or DER: .pem, .crt, .cer, .der) in ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ConfigError(f"La carpeta de certificados de confianza «{folder}» no existe.",
                          fix="Créela y copie en ella los certificados raíz e intermedios de RENIEC (.cer, .crt "
                              "o .pem), o deje vacía la clave «firmas.anclas_confianza» de cddgen.toml.")
    anchors = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in _ANCHOR_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        try:
            blocks = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
            for der in blocks:
                certificate = asn1_x509.Certificate.load(der)
                certificate.native  # parse it now: a damaged file fails here, not while checking a signature
                anchors.append(certificate)
        except (ValueError, TypeError) as error:
            raise ConfigError(f"«{path.name}» en la carpeta de certificados de confianza no es un certificado "
                              f"X.509 legible ({error}).",
                              fix="Reemplácelo por el certificado descargado de la autoridad (PEM o DER).",
                              file=path) from None
    return anchors


def _context(anchors: Sequence[asn1_x509.Certificate] | None) -> ValidationContext:
    # No fetching: cddgen never goes to the network; revocation is not checked («soft-fail»).
    return ValidationContext(trust_roots=list(anchors or ()), allow_fetching=False, revocation_mode="soft-fail")


def _revisions(data: bytes) -> int:
    return PdfFileReader(io.BytesIO(data), strict=False).xrefs.total_revisions


def read_signed_pdf(data: bytes, issued_size: int, anchors: Sequence[asn1_x509.Certificate] | None = None
                    ) -> SignedPdf:
    """Check the signed copy ``data`` whose first ``issued_size`` bytes are the PDF as issued.

    Raises one of READ_ERRORS when the file cannot be read as a PDF at all.
    """
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    base = _revisions(data[:issued_size]) - 1  # the issued PDF's last revision
    embedded = sorted(reader.embedded_signatures, key=lambda signature: signature.signed_revision)
    problems: list[str] = []
    if not embedded:
        changed = len(data) > issued_size
        return SignedPdf((), ("no tiene firmas digitales" + (" y se modificó después de emitido" if changed else
                                                              ": es el PDF tal como se emitió"),))
    found = []
    trusted_check = anchors is not None and len(anchors) > 0
    context = _context(anchors)
    for number, signature in enumerate(embedded, start=1):
        status = validate_pdf_signature(signature, context, skip_diff=True)
        subject = status.signing_cert.subject.native
        item = SignatureFound(
            field=signature.field_name or "", dni=dni_from_serial(subject.get("serial_number")),
            name=_CN_SUFFIX.sub("", str(subject.get("common_name") or "")).strip(), signed_at=status.signer_reported_dt,
            revision=signature.signed_revision, intact=status.intact, valid=status.valid,
            trusted=bool(status.trusted) if trusted_check else None,
        )
        found.append(item)
        if signature.signed_revision <= base:
            problems.append(f"la firma de {item.who} es anterior a la emisión del documento")
        if not item.intact:
            problems.append(f"la firma de {item.who} no corresponde al contenido firmado: el documento se alteró "
                            "después de esa firma")
        elif not item.valid:
            problems.append(f"la firma de {item.who} no es válida criptográficamente")
        if trusted_check and not item.trusted:
            problems.append(f"el certificado de {item.who} no proviene de una autoridad de confianza instalada")
        last = number == len(embedded)
        if last and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
            problems.append(f"se modificó el documento después de la última firma ({item.who})")
    review = DEFAULT_DIFF_POLICY.review_file(reader, base)
    if isinstance(review, SuspiciousModification) or review.modification_level > ModificationLevel.FORM_FILLING:
        problems.append("después de emitido, el documento tuvo cambios que no son firmas (páginas, textos o "
                        "anotaciones modificados)")
    return SignedPdf(tuple(found), tuple(dict.fromkeys(problems)))
