"""The document families cddgen knows: their forms, their example, and how a form becomes documents.

``cddgen forms``, ``cddgen demo`` and the inbox all walk this one list, so a new family
joins every command by adding one entry here.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from ..config import Settings
from ..forms.comite import SESSION_AGREEMENTS_SHEET, SESSIONS_SHEET, comite_form
from ..fsutil import TEMP_PREFIX
from ..forms.xlsx_writer import write_form
from ..readers.comite import committee_identity, read_committee
from ..render import acta_instalacion, acta_sesion
from ..render.documents import ProducedDocument, open_registry, produce
from . import cap, cdd
from .numeracion import annulment_forms, annulment_identity, demo_annulment, process_annulment
from .ascenso import ascenso_forms
from .informe import demo_ascenso
from .reclamos import process_workbook as process_ascenso


@dataclass(frozen=True)
class RunOptions:
    outbox: Path | None = None
    pdf: bool = True
    registry_path: Path | None = None
    # The committee form known to the caller (the inbox: the last one it processed), used by
    # families whose documents carry the committee's signatures when none is configured.
    committee: Path | None = None
    # The form's name as dropped (the inbox works on a claimed copy).
    source_name: str = ""
    # What a family did besides making documents (an annulment request annuls numbers), in
    # Spanish, for the receipt; filled through ``note``.
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        self.notes.append(text)


@dataclass(frozen=True)
class Family:
    kind: str  # the form's marker (the «_cddgen» sheet of a workbook, «cddgen:<kind>:v<n>» keywords)
    title: str  # Spanish, for listings
    forms: Callable[[Settings, Path], list[Path]]  # write the blank forms into a folder
    example: str  # the filled example under forms/ejemplos/
    # Read, validate and render every document the form yields (raises InvalidInput / UnreadableInput).
    process: Callable[[Path, Settings, RunOptions], list[ProducedDocument]]
    suffixes: tuple[str, ...] = (".xlsx",)  # file types the family's forms come in
    # Sheet names that identify a workbook of this family when its marker was lost
    # (e.g. the data was pasted into a new workbook).
    sheets: tuple[str, ...] = ()
    # What `cddgen demo` runs for this family instead of ``process(example)`` (e.g. a family
    # whose demo spans several forms); None = process the example.
    demo: Callable[[Settings, RunOptions], list[ProducedDocument]] | None = None
    # What makes two files versions of the same form (e.g. the committee's resolution), so the
    # inbox can say that a corrected file replaces an earlier one. None, or a callable that
    # returns None: the file name is used instead.
    identity: Callable[[Path, Settings], str | None] | None = None


def _comite_forms(settings: Settings, folder: Path) -> list[Path]:
    spec = comite_form(settings.rules.ascenso, settings.institution.tipo)
    return [write_form(spec, folder / "comite.xlsx")]


def _comite_identity(path: Path, settings: Settings) -> str | None:
    return committee_identity(path, settings.rules.ascenso, settings.institution.tipo)


def process_committee(path: Path, settings: Settings, options: RunOptions,
                      extra_candidates: dict[str, str] | None = None, *, instalacion: bool = True,
                      sesiones: bool = True) -> list[ProducedDocument]:
    """The committee form's actas: the acta de instalación and one acta per working session (seed
    003, 1.5 d). Problems of the sheets only the informe final needs do not stop the acta de
    instalación: they go with the first document as its warnings (the inbox's receipt and the
    command line show them); problems of «Sesiones» or «Acuerdos de sesiones» hold back the actas
    de sesión until they are corrected."""
    rules = settings.rules.ascenso
    later: list[str] = []
    committee = read_committee(path, rules, settings.institution.tipo, extra_candidates=extra_candidates,
                               warn=later.append)
    jobs = [acta_instalacion.job(committee, settings, rules)] if instalacion else []
    sessions_ok = not any(f"(La hoja «{sheet}»" in warning for warning in later
                          for sheet in (SESSIONS_SHEET, SESSION_AGREEMENTS_SHEET))
    if sesiones and sessions_ok:
        jobs += acta_sesion.jobs(committee, settings, rules)
    elif sesiones and committee.sesiones:
        later.append("No se generaron las actas de las sesiones de trabajo: corrija antes las hojas «Sesiones» y "
                     "«Acuerdos de sesiones».")
    documents = produce(
        jobs,
        settings,
        outbox=options.outbox,
        registry=open_registry(settings, options.registry_path),
        pdf=options.pdf,
    )
    if documents and later:
        documents[0] = replace(documents[0], warnings=documents[0].warnings + tuple(later))
    return documents


FAMILIES: tuple[Family, ...] = (
    Family(
        kind="comite",
        title="Comité de Evaluación – actas de instalación y de las sesiones de trabajo",
        forms=_comite_forms,
        example="comite.xlsx",
        process=process_committee,
        sheets=("Sesión", "Integrantes"),
        identity=_comite_identity,
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
