"""Annulling a document number from the command line (``cddgen numeracion anular``).

The number stays used for ever (the registry never hands it out again); the annulled
document's files, and the signed copies received of it, leave the folders of documents to sign
and are kept, for the record, in ``outbox/anulados/<año>/``.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..config import Settings
from ..errors import CddgenError
from ..render.documents import ANNULLED_DIR, open_registry
from ..render.numbering import NumberEntry


def annul_number(settings: Settings, label: str, reason: str) -> tuple[NumberEntry, list[Path]]:
    """Annul the document numbered ``label``; returns its entry and where its files went."""
    registry = open_registry(settings)
    found = registry.by_label(label)
    if not found:
        raise CddgenError(f"El número «{label}» no figura en el registro de numeración.",
                          fix="Cópielo tal como aparece en «cddgen numeracion listar».")
    if len(found) > 1:
        raise CddgenError(f"Hay {len(found)} documentos con el número «{label}» (series "
                          f"{', '.join(e.series for e in found)}); no se anuló ninguno.",
                          fix="Cambie los patrones de [numeracion.patrones] para que cada serie se distinga.")
    entry = found[0]
    folder = settings.outbox / ANNULLED_DIR / str(entry.year)
    moved: list[Path] = []
    if entry.status != "anulado":
        moved += [_move(Path(name), folder) for name in entry.files if Path(name).is_file()]
        signed = {copy.id: str(_move(Path(copy.path), folder))
                  for copy in registry.signing_record(entry).current_copies if Path(copy.path).is_file()}
        moved += [Path(path) for path in signed.values()]
        if signed:
            registry.retire_signed_copies(entry, signed, f"Número anulado: {reason.strip()}")
        note = reason.strip()
        if moved:
            note += f" (archivos en {ANNULLED_DIR}/{entry.year}/)"
        entry = registry.annul(entry, note)
    return entry, moved


def _move(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    os.replace(source, target)
    return target
