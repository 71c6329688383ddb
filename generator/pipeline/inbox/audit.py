"""Every way the outbox, the numbering registry and the inbox disagree (``cddgen process --verificar``)."""

from __future__ import annotations

from pathlib import Path

from ...config import Settings
from ...fsutil import TEMP_PREFIX
from ...render import informe_final
from ...render.expediente import expediente_files
from ...render.historial import FILENAME as HISTORY_FILENAME
from ...render.numbering import ISSUED, RESERVED, NumberEntry
from ..ledger import WORKING
from .box import Inbox
from .claims import BOOKKEEPING, locked_by_live_process
from .names import CLAIMS_DIR, listing, readable_name


def check_outbox(settings: Settings, *, inbox: Inbox | None = None) -> list[str]:
    """Every way the outbox, the numbering registry and the inbox disagree (Spanish lines).

    - a document number reserved and never issued nor annulled, or a gap in a series;
    - an issued document whose files are missing;
    - a file in outbox/<año>/ that no issued document lists nor is one of cddgen's own files
      that go with them (``_own_files``: the reclamos history, an informe's expediente and
      tomos), or a temporary file left over;
    - a claimed file that no live process is working on, or a ledger row left unfinished.
    """
    box = inbox or Inbox(settings)
    problems: list[str] = []
    registry = box.registry
    series: dict[tuple[str, str, int], list[int]] = {}
    entries = registry.entries()
    listed = _own_files(entries, Path(settings.outbox))
    for entry in entries:
        series.setdefault((entry.series, entry.office, entry.year), []).append(entry.number)
        if entry.status == RESERVED:
            problems.append(f"El número «{entry.label}» quedó reservado sin emitirse ni anularse.")
        elif entry.status == ISSUED:
            for file in entry.files:
                listed.add(str(Path(file).resolve()))
                if not Path(file).exists():
                    problems.append(f"Falta el archivo «{file}» del documento «{entry.label}».")
    for (name, office, year), numbers in series.items():
        # A CETPRO numbers its oficios in its own correlative, partly outside cddgen: its series
        # here goes on from the next number its form stated, without gaps from there.
        first = 1 if office == settings.institution.sigla else min(numbers)
        expected = list(range(first, first + len(numbers)))
        if sorted(numbers) != expected:
            problems.append(f"La serie «{name}» de {office} {year} tiene saltos: {sorted(numbers)}.")
    for record in registry.signing_records(signed_only=True):  # copies in …/firmados/
        listed.update(str(Path(copy.path).resolve()) for copy in record.current_copies)
    outbox = Path(settings.outbox)
    if outbox.is_dir():
        for temp in outbox.rglob(f"{TEMP_PREFIX}*"):
            problems.append(f"Quedó un archivo temporal: «{temp}».")
        for folder in (item for item in outbox.iterdir() if item.is_dir() and item.name.isdigit()):
            for path in folder.rglob("*"):
                if path.is_file() and not path.name.startswith(TEMP_PREFIX) and str(path.resolve()) not in listed:
                    problems.append(f"«{path.relative_to(outbox)}» no corresponde a ningún documento emitido del "
                                    "registro de numeración.")
    if box.claims.is_dir():
        for folder in sorted(box.claims.iterdir()):
            if folder.is_dir() and not locked_by_live_process(folder):
                names = [readable_name(item.name) for item in listing(folder) if item.name not in BOOKKEEPING]
                problems.append(f"La toma «{folder.name}» ({', '.join(names) or 'vacía'}) quedó sin terminar.")
            elif not folder.is_dir():
                problems.append(f"Hay un archivo suelto en «{CLAIMS_DIR}»: «{folder.name}».")
    if box.ledger_path.exists():
        live = {folder.name for folder in listing(box.claims)}
        for row in box.ledger.rows(status=WORKING):
            if row.claim not in live:
                problems.append(f"«{row.name}» figura como en proceso en el registro de la bandeja, pero nadie lo procesa.")
    return problems


def _own_files(entries: list[NumberEntry], outbox: Path) -> set[str]:
    """Files cddgen writes in outbox/<año>/ beside its numbered documents without numbering
    them: the history of the reclamos, and the expediente (or its tomos) of each issued
    informe final, in the informe's folder and named after its number."""
    own = {str(path.resolve()) for path in outbox.glob(f"*/{HISTORY_FILENAME}") if path.parent.name.isdigit()}
    for entry in entries:
        if entry.series != informe_final.SERIES or entry.status != ISSUED or not entry.files:
            continue
        target = informe_final.expediente_target(Path(entry.files[0]).parent, entry.label)
        own |= {str(path.resolve()) for path in expediente_files(target)}
    return own
