"""Who signs a document: the signers of its signature blocks, and their fields' names.

Kept apart from ``signature_fields`` (which loads pyHanko and PDFium) so that building a
document job costs nothing; the fields are written only when a PDF is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping


@dataclass(frozen=True)
class Signer:
    """Someone expected to sign a document, as the signature block names them."""

    role: str
    name: str
    dni: str = ""  # 8 digits; "" when the form does not record it

    @property
    def label(self) -> str:
        """«María Elena Quispe Ñañez (DNI 40123456)», for messages and listings."""
        return f"{self.name} (DNI {self.dni})" if self.dni else self.name


def signers_from_blocks(blocks: Iterable[Mapping[str, Any]]) -> tuple[Signer, ...]:
    """The signers of a template's signature blocks (``firmas``: nombre, dni, rol, dispensada),
    in their order; a dispensed signature (A.5) is nobody's to give."""
    return tuple(
        Signer(role=str(block.get("rol") or "").strip(), name=str(block.get("nombre") or "").strip(),
               dni=str(block.get("dni") or "").strip())
        for block in blocks
        if not block.get("dispensada")
    )


def field_name(position: int, signer: Signer) -> str:
    """«Firma 1 – Primer miembro (Presidente) – 40123456»: the field's name (/T) in the PDF.

    A period separates the parts of a field's full name in PDF, so none is kept.
    """
    role = " ".join(signer.role.replace(".", "").split()) or "Firmante"
    return f"Firma {position} – {role[:60]} – {signer.dni or 'sin DNI'}"




def report_signers(settings: Any) -> tuple[Signer, ...]:
    """Who signs the UGEL's own reports: ``[firmante]`` of cddgen.toml, once it names someone
    with a DNI and a cargo (until then the reports carry no signature field)."""
    configured = settings.signer
    if not configured.complete:
        return ()
    return (Signer(role=configured.cargo, name=configured.nombre, dni=configured.dni),)
