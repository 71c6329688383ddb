"""What a document family is to cddgen: its forms, its example, and how a form becomes documents.

The families themselves are listed in ``pipeline.families.FAMILIES``; this module holds only the
shape, so a family's pipeline (and the inbox's own kinds: signed copies, the committee's
resolution) can name it without importing every other family.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..config import Settings
from ..run import Run

if TYPE_CHECKING:
    from ..render.documents import ProducedDocument


@dataclass(frozen=True)
class Family:
    kind: str  # the form's marker (the «_cddgen» sheet of a workbook, «cddgen:<kind>:v<n>» keywords)
    title: str  # Spanish, for listings
    forms: Callable[[Settings, Path], list[Path]]  # write the blank forms into a folder
    example: str  # the filled example under forms/ejemplos/
    # Read, validate and render every document the form yields (raises InvalidInput / UnreadableInput).
    process: Callable[[Path, Run], list[ProducedDocument]]
    suffixes: tuple[str, ...] = (".xlsx",)  # file types the family's forms come in
    # Sheet names that identify a workbook of this family when its marker was lost
    # (e.g. the data was pasted into a new workbook).
    sheets: tuple[str, ...] = ()
    # What `cddgen demo` runs for this family instead of ``process(example)`` (e.g. a family
    # whose demo spans several forms); None = process the example.
    demo: Callable[[Run], list[ProducedDocument]] | None = None
    # What makes two files versions of the same form (e.g. the committee's resolution), so the
    # inbox can say that a corrected file replaces an earlier one. None, or a callable that
    # returns None: the file name is used instead.
    identity: Callable[[Path, Settings], str | None] | None = None
