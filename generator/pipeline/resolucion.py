"""The committee's resolution of conformation dropped in the shared inbox (issue 19, item 2): a PDF
cddgen did not issue, recognised by its name, kept in procesados/ with its receipt, and put first in
the expediente of the informe final (``pipeline/refresh.py``).

A dropped PDF is that resolution when its name starts with «Resolución de conformación» (case,
accents and separators aside: «resolucion-conformacion.pdf», «Resolución de conformación del
Comité.pdf») or carries the resolution's number as the committee form received writes it
(«RD N° 00125-2025-UGEL02.pdf» for «Resolución Directoral N° 00125-2025-UGEL02»). Any other PDF is
offered to ``signed_copies`` as a signed copy of a document cddgen issued, and explained when it is
not one. (``rutas.resolucion_conformacion`` still names one on disk; a resolution received through
the inbox comes first.)
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from ..errors import UnreadableInput
from ..render.expediente import page_count
from ..render.numbering import comparable_label
from ..wording import count
from .family import Family

RESOLUTION_KIND = "resolucion-comite"
RESOLUTION_TITLE = "Resolución de conformación del Comité de Evaluación (PDF)"
# A resolution dropped in the inbox is one form whatever its name: each new one replaces the last.
RESOLUTION_IDENTITY = "resolución de conformación"


def number_words(resolution: str) -> list[str]:
    """The words of a resolution's number from its first digit on («125 2025 ugel02»)."""
    words = comparable_label(resolution).split()
    first = next((index for index, word in enumerate(words) if word[:1].isdigit()), None)
    return words[first:] if first is not None else []


def is_resolution(name: str, committee_resolution: str = "", *, is_document: Callable[[str], bool] | None = None
                  ) -> bool:
    """Whether a PDF named ``name`` is the committee's resolution (see the module doc);
    ``committee_resolution``: the number the committee form gives, when one was received;
    ``is_document(name)``: whether the name is that of a document cddgen issued (a scan signed on
    paper), which a name carrying the resolution's number is not taken for."""
    words = comparable_label(Path(name).stem).split()
    if words[:1] == ["resolucion"] and "conformacion" in words[1:4]:
        return True
    number = number_words(committee_resolution)
    if not number or not any(words[start:start + len(number)] == number for start in range(len(words))):
        return False
    return is_document is None or not is_document(name)


def inbox_result(path: Path, base, ledger, row):
    """The inbox's FileResult for the resolution at ``path``: PROCESSED (a new version of the one
    received before, if any), or OBSERVED when it is no readable PDF. ``base`` is the FileResult so
    far; ``ledger`` and ``row`` record it."""
    from .process import Earlier, Outcome, _observed  # process imports this module

    family = Family(kind=RESOLUTION_KIND, title=RESOLUTION_TITLE, forms=lambda settings, folder: [], example="",
                    process=lambda path, run: [], suffixes=(".pdf",))
    result = replace(base, family=family, identity=RESOLUTION_IDENTITY)
    try:
        pages = page_count(path)
    except UnreadableInput as error:
        return _observed(result, error)
    earlier = ledger.versions(RESOLUTION_KIND, RESOLUTION_IDENTITY, before=row.id) if ledger and row else []
    processed = [item for item in earlier if item.status == "procesado"]
    version = max((item.version or 1 for item in earlier), default=0) + 1
    replaces = processed[-1] if processed else None
    if ledger is not None and row is not None:
        ledger.describe(row.id, RESOLUTION_KIND, RESOLUTION_IDENTITY, version, replaces.id if replaces else None, None)
    return replace(result, outcome=Outcome.PROCESSED, version=version,
                   replaces=Earlier.of(replaces) if replaces else None,
                   notes=(f"Se guardó como la resolución de conformación del Comité de Evaluación "
                          f"({count(pages, 'página')}): va al inicio del expediente del informe final.",))
