"""``cddgen demo``: every family's filled example rendered into outbox/demo/.

The demo has its own numbering registry inside outbox/demo/, so trying cddgen never uses
up the office's real document numbers. It is a throwaway: each run starts from an empty
outbox/demo/ (numbers from 001 again), so a second run does not pile the first one's
documents up in outbox/demo/reemplazados/.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Callable

from ..config import Settings, Signer
from ..render.documents import ProducedDocument
from ..run import Run
from .families import FAMILIES, Family
from .inbox.end_of_pass import write_outbox_sheets
from .inbox.names import STATUS_NAME
from .status import numbered_documents

DEMO_FOLDER = "demo"
DEMO_REGISTRY = ".numeracion-demo.sqlite"

# The people of the UGEL's informes when cddgen.toml does not name them: the examples' own (the
# director of UGEL 02 of the committee example, the specialist of the CAP examples; fictitious,
# as every example person). A real office names its own in [institucion] and [firmante].
DEMO_DIRECTOR = ("Luis Enrique Salvatierra Gómez", "Sr.")
DEMO_SIGNER = Signer(
    nombre="Jorge Luis Paredes Quispe", dni="41234509", tratamiento="Sr.",
    cargo="Especialista en Educación del Área de Gestión de la Educación Básica Alternativa y Técnico-Productiva",
)


def demo_settings(settings: Settings) -> Settings:
    """``settings`` with the examples' director and signer where cddgen.toml leaves them empty."""
    institution = settings.institution
    if not institution.director:
        institution = replace(institution, director=DEMO_DIRECTOR[0], director_tratamiento=DEMO_DIRECTOR[1])
    signer = settings.signer if settings.signer.complete else DEMO_SIGNER
    return replace(settings, institution=institution, signer=signer)


def demo_outbox(settings: Settings) -> Path:
    return settings.outbox / DEMO_FOLDER


def run_demo(
    settings: Settings,
    *,
    pdf: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[tuple[Family, list[ProducedDocument]]]:
    """Every family's example rendered into outbox/demo/; ``progress(done, total, text)`` before
    each family (text: the family and its example) and once at the end."""
    outbox = demo_outbox(settings)
    settings = demo_settings(settings)
    if (outbox / DEMO_REGISTRY).is_file():  # an earlier demo's folder (never one cddgen did not make)
        shutil.rmtree(outbox)
    run = Run(settings, outbox=outbox, pdf=pdf, registry_path=outbox / DEMO_REGISTRY)
    results = []
    for done, family in enumerate(FAMILIES):
        example = settings.example_path(family.example)
        if progress:
            progress(done, len(FAMILIES),
                     f"{family.title}: {example.parent.name + '/' if family.demo else example.name}")
        produced = family.demo(run) if family.demo else family.process(example, run)
        results.append((family, produced))
    write_demo_status(run)
    if progress:
        progress(len(FAMILIES), len(FAMILIES), "Ejemplos")
    return results


def demo_status(settings: Settings) -> Path:
    return demo_outbox(settings) / f"{STATUS_NAME}.xlsx"


def write_demo_status(run: Run) -> tuple[Path, Path]:
    """The demo's ESTADO and LISTOS-PARA-FIRMA, as an office's outbox has them after a pass: every
    number of the demo's registry (the demo receives no files, so that sheet is empty)."""
    documents = numbered_documents(run.registry.all_records(), [], run.outbox)
    written = dt.datetime.now().astimezone()  # when the sheets were written, never a document's date
    return write_outbox_sheets([], documents, run.outbox,
                               title=f"Estado de la demostración — {run.settings.institution.nombre}",
                               ready_title="Listos para firma — demostración", generated=written)
