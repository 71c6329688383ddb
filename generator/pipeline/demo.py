"""``cddgen demo``: every family's filled example rendered into outbox/demo/.

The demo has its own numbering registry inside outbox/demo/, so trying cddgen never uses
up the office's real document numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..config import Settings
from ..render.documents import ProducedDocument
from .families import FAMILIES, Family, RunOptions

DEMO_FOLDER = "demo"
DEMO_REGISTRY = ".numeracion-demo.sqlite"


def demo_outbox(settings: Settings) -> Path:
    return settings.outbox / DEMO_FOLDER


def run_demo(
    settings: Settings,
    *,
    pdf: bool = True,
    progress: Callable[[str], None] | None = None,
) -> list[tuple[Family, list[ProducedDocument]]]:
    outbox = demo_outbox(settings)
    options = RunOptions(outbox=outbox, pdf=pdf, registry_path=outbox / DEMO_REGISTRY)
    results = []
    for family in FAMILIES:
        example = settings.example_path(family.example)
        if progress:
            progress(f"{family.title}: {example.name}")
        results.append((family, family.process(example, settings, options)))
        if family.demo is not None:
            results.append((family, family.demo(settings, options)))
    return results
