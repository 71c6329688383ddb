"""Annulling document numbers: from the command line (``cddgen numeracion anular``) or with the
annulment request form dropped in the shared inbox (forms/anulacion.xlsx), both through
``annul_entry``.

The number stays used for ever (the registry never hands it out again); the annulled
document's files, and the signed copies received of it, leave the folders of documents to sign
and are kept, for the record, in ``outbox/anulados/<año>/``.
"""

from __future__ import annotations

from pathlib import Path
from ..config import Settings
from ..errors import CddgenError
from ..forms.anulacion import FILENAME, anulacion_form
from ..forms.xlsx_writer import write_form
from ..fsutil import move_to_free_name
from ..readers.anulacion import read_request, request_identity
from ..render.documents import ANNULLED_DIR, ProducedDocument
from ..render.numbering import ANNULLED, NumberEntry, NumberingRegistry, comparable_label
from ..run import Run


def find_number(registry: NumberingRegistry, label: str) -> NumberEntry:
    """The registry's entry printed as ``label``: exactly, else with the same words (case,
    accents, «N°» or «Nº», spaces and punctuation aside). CddgenError when none or several."""
    found = registry.by_label(label)
    if not found:
        wanted = comparable_label(label)
        found = [entry for entry in registry.entries() if comparable_label(entry.label) == wanted]
    if not found:
        raise CddgenError(f"El número «{label}» no figura en el registro de numeración.",
                          fix="Cópielo tal como aparece en el documento, en ESTADO.xlsx o en «cddgen numeracion "
                              "listar».")
    if len(found) > 1:
        raise CddgenError(f"Hay {len(found)} documentos con el número «{label}» (series "
                          f"{', '.join(e.series for e in found)}); no se anuló ninguno.",
                          fix="Cambie los patrones de [numeracion.patrones] para que cada serie se distinga.")
    return found[0]


def annul_number(run: Run, label: str, reason: str) -> tuple[NumberEntry, list[Path]]:
    """Annul the document numbered ``label``; returns its entry and where its files went."""
    registry = run.registry
    return annul_entry(run.settings, registry, find_number(registry, label), reason)


def annul_entry(settings: Settings, registry: NumberingRegistry, entry: NumberEntry,
                reason: str) -> tuple[NumberEntry, list[Path]]:
    """Annul ``entry`` (nothing changes when it already is): its files and current signed copies
    go to outbox/anulados/<año>/, never over a file there; returns the entry and where they went."""
    folder = settings.outbox / ANNULLED_DIR / str(entry.year)
    moved: list[Path] = []
    if entry.status != ANNULLED:
        moved += [move_to_free_name(Path(name), folder) for name in entry.files if Path(name).is_file()]
        signed = {copy.id: str(move_to_free_name(Path(copy.path), folder))
                  for copy in registry.signing_record(entry).current_copies if Path(copy.path).is_file()}
        moved += [Path(path) for path in signed.values()]
        if signed:
            registry.retire_signed_copies(entry, signed, f"Número anulado: {reason.strip()}")
        note = reason.strip()
        if moved:
            note += f" (archivos en {ANNULLED_DIR}/{entry.year}/)"
        entry = registry.annul(entry, note)
    return entry, moved


# ---------------------------------------------------------------------------- the request form


def annulment_forms(settings: Settings, folder: Path) -> list[Path]:
    return [write_form(anulacion_form(), folder / FILENAME)]


def annulment_identity(path: Path, settings: Settings) -> str | None:
    return request_identity(path)


def process_annulment(path: Path, run: Run) -> list[ProducedDocument]:
    """Annul every number the request form at ``path`` lists, or none: a number the registry does not
    have (or has twice) refuses the whole form, each at its cell. A number already annulled stays as
    it is. What was done goes to ``run.notes`` (the receipt); no document is made."""
    registry = run.registry

    def check(label: str) -> tuple[str, str] | None:
        try:
            find_number(registry, label)
        except CddgenError as error:
            return error.message, error.fix or ""
        return None

    request = read_request(path, check)
    name = run.source_name or Path(path).name
    for annulment in request.annulments:
        entry = find_number(registry, annulment.number)
        if entry.status == ANNULLED:
            run.note(f"«{entry.label}» ya estaba anulado ({entry.note}); no cambió nada.")
            continue
        annulled, moved = annul_entry(run.settings, registry, entry, request.note(annulment, name))
        where = f"; sus archivos pasaron a «{ANNULLED_DIR}/{annulled.year}/»" if moved else ""
        run.note(f"Se anuló «{annulled.label}»: {annulment.reason}{where}.")
    return []


def demo_annulment(run: Run) -> list[ProducedDocument]:
    """«cddgen demo» reads the example request (it would annul one of the demo's documents, which
    the demo keeps to show them): it makes no document."""
    read_request(run.settings.example_path(FILENAME))
    return []
