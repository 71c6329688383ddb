"""The document families cddgen knows: their forms, their example, and how a form becomes documents.

``cddgen forms``, ``cddgen demo`` and the inbox all walk this one list, so a new family
joins every command by adding one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from ..config import Settings
from ..forms.comite import comite_form
from ..forms.xlsx_writer import write_form
from ..readers.comite import committee_identity, read_committee
from ..render import acta_instalacion
from ..render.documents import ProducedDocument, open_registry, produce
from . import cap, cdd
from .ascenso import ascenso_forms
from .reclamos import demo_ascenso
from .reclamos import process_workbook as process_ascenso


@dataclass(frozen=True)
class RunOptions:
    outbox: Path | None = None
    pdf: bool = True
    registry_path: Path | None = None
    # The committee form known to the caller (the inbox: the last one it processed), used by
    # families whose documents carry the committee's signatures when none is configured.
    committee: Path | None = None


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
    spec = comite_form(settings.rules("ascenso"), settings.institution.tipo)
    return [write_form(spec, folder / "comite.xlsx")]


def _comite_identity(path: Path, settings: Settings) -> str | None:
    return committee_identity(path, settings.rules("ascenso"), settings.institution.tipo)


def process_committee(path: Path, settings: Settings, options: RunOptions,
                      extra_candidates: dict[str, str] | None = None) -> list[ProducedDocument]:
    """The acta de instalación. Problems of the sheets only the informe final needs do not stop it:
    they go with the acta as its warnings (the inbox's receipt and the command line show them)."""
    rules = settings.rules("ascenso")
    later: list[str] = []
    committee = read_committee(path, rules, settings.institution.tipo, extra_candidates=extra_candidates,
                               warn=later.append)
    documents = produce(
        [acta_instalacion.job(committee, settings, rules)],
        settings,
        outbox=options.outbox,
        registry=open_registry(settings, options.registry_path),
        pdf=options.pdf,
    )
    return [replace(document, warnings=document.warnings + tuple(later)) for document in documents]


FAMILIES: tuple[Family, ...] = (
    Family(
        kind="comite",
        title="Comité de Evaluación – acta de instalación",
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
)


def family(kind: str) -> Family:
    for item in FAMILIES:
        if item.kind == kind:
            return item
    raise KeyError(kind)
