"""What one run of cddgen works with, as one object handed down (STYLE.md practice 15).

A command, the demo or the inbox builds one ``Run`` — the settings, the outbox the documents go
to, whether they are converted to PDF, the numbering registry, who hears of each number reserved
and of each document written — and passes it to the family's pipeline, which passes it to
``render.documents.produce``. httpie's ``Environment`` is the model: nothing a run needs travels
as keyword dicts, module globals or context variables, so a test builds the run it wants.

The registry is opened on first use and then shared by everything the run produces (a run that
numbers nothing, e.g. ``cddgen score``, never needs an installation); ``but`` gives the same run
with a few things changed and the same registry.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .config import Settings

if TYPE_CHECKING:
    from .render.numbering import NumberEntry, NumberingRegistry


class _Opened:
    """The registry of a run, opened once when first asked for (shared by ``Run.but`` copies)."""

    def __init__(self) -> None:
        self.registry: NumberingRegistry | None = None


@dataclass(frozen=True)
class Run:
    settings: Settings
    # Where the documents go: outbox/<año>/<tipo>/ (None: the settings' outbox).
    outbox: Path | None = None
    pdf: bool = True  # also convert to PDF (when the settings have a converter)
    # The numbering registry (None: the installation's, which must exist; the demo has its own).
    registry_path: Path | None = None
    # Told «<number>: <file name>» after each .docx is written.
    progress: Callable[[str], None] | None = None
    # Told of every number reserved (the inbox records them against the input, so a number
    # reserved for a form that is then rejected can be annulled).
    listeners: tuple[Callable[[NumberEntry], None], ...] = ()
    # The committee form known to the caller (the inbox: the last one it processed), used by
    # families whose documents carry the committee's signatures when none is configured.
    committee: Path | None = None
    # The form's name as dropped (the inbox works on a claimed copy).
    source_name: str = ""
    # What a family did besides making documents (an annulment request annuls numbers), in
    # Spanish, for the receipt; filled through ``note``.
    notes: list[str] = field(default_factory=list)
    _opened: _Opened = field(default_factory=_Opened, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.outbox is None:
            object.__setattr__(self, "outbox", self.settings.outbox)

    @property
    def registry(self) -> NumberingRegistry:
        """The run's numbering registry (``render.documents.open_registry``), opened once."""
        if self._opened.registry is None:
            from .render.documents import open_registry  # here: «cddgen --help» loads no renderer

            self._opened.registry = open_registry(self.settings, self.registry_path)
        return self._opened.registry

    def but(self, **changes) -> Run:
        """This run with ``changes`` (e.g. another ``progress``); the same registry unless the
        settings or the registry's path change."""
        changed = dataclasses.replace(self, **changes)
        if "settings" in changes or "registry_path" in changes:
            object.__setattr__(changed, "_opened", _Opened())
        else:
            object.__setattr__(changed, "_opened", self._opened)
        return changed

    def note(self, text: str) -> None:
        self.notes.append(text)

    def reserved(self, entries: Iterable[NumberEntry]) -> None:
        """Tell the listeners of the numbers just reserved."""
        for entry in entries:
            for listener in self.listeners:
                listener(entry)
