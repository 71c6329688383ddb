"""The document families cddgen knows (``FAMILIES``; what a family is: ``pipeline.family.Family``).

``cddgen forms``, ``cddgen demo`` and the inbox all walk this one list, so a new family
joins every command by adding one entry here. Only this module imports every family's
pipeline; they import ``Family`` and ``Run`` from modules of their own, never this one.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..fsutil import TEMP_PREFIX
from . import cap, cdd, comite
from .ascenso import ascenso_forms
from .family import Family
from .informe import demo_ascenso
from .numeracion import annulment_forms, annulment_identity, demo_annulment, process_annulment
from .reclamos import process_workbook as process_ascenso

__all__ = ["FAMILIES", "Family", "BlankForms", "family", "write_blank_forms"]


FAMILIES: tuple[Family, ...] = (
    Family(
        kind="comite",
        title="Comité de Evaluación – actas de instalación y de las sesiones de trabajo",
        forms=comite.committee_forms,
        example="comite.xlsx",
        process=comite.process_committee,
        sheets=("Sesión", "Integrantes"),
        identity=comite.identity,
    ),
    Family(
        kind="ascenso",
        title="Concurso de Ascenso – actas individuales de resultados",
        forms=ascenso_forms,
        example="ascenso.xlsx",
        process=process_ascenso,
        suffixes=(".xlsx",),
        sheets=("Postulantes", "Experiencia"),
        # The demo also answers the sample's reclamos, withdraws, and writes the informe final
        # with its foliated expediente.
        demo=demo_ascenso,
    ),
    Family(
        kind="cdd-cetpro",
        title="Compromisos de Desempeño CETPRO – oficios de remisión y resumen de la UGEL",
        forms=cdd.cdd_forms,
        example="cdd/0437889-promae-rimac.xlsx",
        process=cdd.process_cdd,
        sheets=("CETPRO", "Estudiantes", "Docentes"),
        # The demo renders every sample CETPRO of forms/ejemplos/cdd/ and the UGEL's report.
        demo=cdd.demo_cdd,
    ),
    Family(
        kind="ficha-cap",
        title="Ficha de monitoreo CAP – ficha y consolidado de la UGEL",
        forms=cap.write_forms,
        example="cap/ficha-cap-promae-rimac.docx",
        process=cap.process_ficha,
        suffixes=(".docx", ".xlsx"),
        sheets=("Valoración", "Personal", "Metas"),
        demo=cap.demo_cap,
    ),
    Family(
        kind="anulacion",
        title="Solicitud de anulación de números de documentos",
        forms=annulment_forms,
        example="anulacion.xlsx",
        process=process_annulment,
        sheets=("Solicitud", "Números"),
        demo=demo_annulment,
        identity=annulment_identity,
    ),
)


@dataclass(frozen=True)
class BlankForms:
    """What ``write_blank_forms`` did: the forms written, and the files that were kept."""

    written: tuple[Path, ...]
    kept: tuple[Path, ...]


def write_blank_forms(settings: Settings, folder: Path, *, replace: bool = False) -> BlankForms:
    """Every family's blank forms into ``folder``, where no file has their name (users keep
    filled forms there under the same names); with ``replace``, over them. Each form is made
    in a hidden folder beside them and moved into place whole."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    kept: list[Path] = []
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX, dir=folder) as staging:
        for item in FAMILIES:
            for made in item.forms(settings, Path(staging)):
                target = folder / made.relative_to(staging)
                if target.exists() and not replace:
                    kept.append(target)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(made, target)
                written.append(target)
    return BlankForms(tuple(written), tuple(kept))


def family(kind: str) -> Family:
    for item in FAMILIES:
        if item.kind == kind:
            return item
    raise KeyError(kind)
