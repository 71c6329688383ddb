"""The ``Inbox``: the folders of one inbox and the outbox it writes to, for one run — making
them, claiming a dropped file, handling it and putting it away, and the end of a pass."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator

from ...config import Settings, default_inbox
from ...errors import ConfigError, Issue
from ...fsutil import TEMP_PREFIX, atomic_write_text
from ...render.documents import REPLACED_DIR, set_aside
from ...render.marked import write_marked_copy
from ...render.numbering import ISSUED, RESERVED, NumberingRegistry
from ...run import Run
from ...scratch import sweep
from ..families import FAMILIES, Family
from ..ledger import DUPLICATE, FINAL, OBSERVED, PROCESSED, RETURNED, Ledger, Row
from ..locking import LockUnsupported, try_lock
from ..process import Earlier, FileResult, Outcome, process_file, sha256_of
from ..receipts import explanation_text, log_line, receipt_text
from .claims import (
    BOOKKEEPING,
    MAX_ATTEMPTS,
    Claim,
    attempts_of,
    new_claim_id,
    poisoned_result,
    release_folder,
    remove_empty_folder,
    set_attempts,
    take_folder,
)
from .names import (
    BATCHES_DIR,
    CLAIMS_DIR,
    EXPLANATION_SUFFIX,
    LOG_NAME,
    MARKED_SUFFIX,
    OBSERVED_DIR,
    PROCESSED_DIR,
    RECEIPT_SUFFIX,
    append_line,
    as_dropped,
    is_ignored,
    listing,
    readable_name,
    reserve_destination,
    reserve_free_name,
)
from .end_of_pass import Indexes
from .settings import InboxConfig
from .stability import StabilityTracker, StatKey, stat_key

log = logging.getLogger(__name__)


class Inbox:
    """The folders of one inbox and the outbox it writes to, for one run."""

    def __init__(self, settings: Settings, config: InboxConfig | None = None, *,
                 families: tuple[Family, ...] = FAMILIES, clock: Callable[[], dt.datetime] | None = None) -> None:
        self.settings = settings
        self.config = config or InboxConfig.from_settings(settings)
        self.families = families
        self.root = Path(settings.inbox)
        self.claims = self.root / CLAIMS_DIR
        self.outbox = Path(settings.outbox)
        self.ledger_path = settings.registry_path.parent / "bandeja.sqlite"
        self.activity_lock = settings.registry_path.parent / "bandeja.lock"
        self.clock = clock or (lambda: dt.datetime.now().astimezone())
        self._ledger: Ledger | None = None
        # What the inbox's forms and its follow-ups are produced with (its registry opened once).
        self.run = Run(settings)
        self._cleaned = False  # leftover temporary files are removed once, at the first pass
        self.indexes = Indexes(self)  # LISTOS-PARA-FIRMA and ESTADO, rewritten when they changed

    # ------------------------------------------------------------------ resources

    @property
    def ledger(self) -> Ledger:
        if self._ledger is None:
            self._ledger = Ledger(self.ledger_path)
        return self._ledger

    @property
    def registry(self) -> NumberingRegistry:
        return self.run.registry

    def close(self) -> None:
        if self._ledger is not None:
            self._ledger.close()

    @property
    def day(self) -> str:
        return self.settings.today.isoformat()

    def ensure(self) -> list[str]:
        """Make the inbox's folders (the inbox itself only if it is the installation's default);
        what stood in their place is moved aside. Returns a Spanish note for each such move."""
        if not self.root.is_dir():
            if self.root.exists() or self.root.is_symlink() or \
                    os.path.abspath(self.root) != os.path.abspath(default_inbox(self.settings)):
                raise ConfigError(
                    f"La bandeja de entrada «{self.root}» no existe"
                    + (" (hay un archivo con ese nombre)." if self.root.exists() else
                       " (¿la carpeta de red no está conectada, o hay un error en el nombre?)."),
                    fix="Conecte la carpeta o corrija «rutas.bandeja_entrada» en cddgen.toml (o la carpeta indicada "
                        "al comando). cddgen solo crea la carpeta de la bandeja que trae por defecto.",
                )
            self.root.mkdir(parents=True, exist_ok=True)
        notes = [note for name in (CLAIMS_DIR, PROCESSED_DIR, OBSERVED_DIR)
                 for note in [self._own_folder(self.root / name)] if note]
        self.outbox.mkdir(parents=True, exist_ok=True)
        return notes

    def _own_folder(self, folder: Path) -> str | None:
        """Make ``folder`` a real folder of this inbox. A file, or a link (which would take cddgen's
        writes somewhere else), that has its name is renamed aside first: a file then goes through
        the inbox like any other, a link stays there untouched. Returns a note of the move."""
        note = None
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            what = "un enlace" if folder.is_symlink() else "un archivo"
            aside = reserve_free_name(folder.parent, f"{folder.name} ({what.split()[1]})")
            os.replace(folder, aside)
            note = (f"En «{folder.parent}» había {what} llamado «{folder.name}», el nombre de una carpeta de cddgen; "
                    f"se renombró «{aside.name}».")
        folder.mkdir(exist_ok=True)
        return note

    @contextlib.contextmanager
    def activity(self) -> Iterator[None]:
        """Hold this machine's inbox activity lock (shared) for a pass.

        At its first pass, an Inbox that finds no other pass running (exclusive lock granted)
        removes the temporary files a killed process left in the outbox and the inbox's
        folders. (A ``cddgen render`` running at that very moment is not covered by the
        lock: its write would fail loudly and can simply be repeated.)
        """
        self.activity_lock.parent.mkdir(parents=True, exist_ok=True)
        try:
            alone = try_lock(self.activity_lock)
        except LockUnsupported:
            alone = None
        if alone is not None:
            try:
                if not self._cleaned:
                    self._remove_leftover_temporaries()
                    self._cleaned = True
            finally:
                alone.release()
        try:
            shared = try_lock(self.activity_lock, shared=True, blocking=True)
        except LockUnsupported:
            shared = None
        try:
            yield
        finally:
            if shared is not None:
                shared.release()

    def _remove_leftover_temporaries(self) -> None:
        if self.settings.scratch_root is not None:
            sweep(self.settings.scratch_root)  # conversion folders of a killed run (personal data)
        for folder in self._written_folders():
            for temp in folder.rglob(f"{TEMP_PREFIX}*"):
                if temp.is_file():
                    temp.unlink(missing_ok=True)

    def _written_folders(self) -> list[Path]:
        folders = [self.root / PROCESSED_DIR, self.root / OBSERVED_DIR, self.outbox / BATCHES_DIR,
                   self.outbox / REPLACED_DIR]
        if self.outbox.is_dir():
            folders += [item for item in self.outbox.iterdir() if item.is_dir() and item.name.isdigit()]
        return [folder for folder in folders if folder.is_dir()]

    # ------------------------------------------------------------------ scanning and claiming

    def scan(self) -> dict[str, StatKey]:
        """The files waiting in the inbox (not folders, not ignored files) with their size and time."""
        entries: dict[str, StatKey] = {}
        with os.scandir(self.root) as listing:
            for entry in listing:
                if is_ignored(entry.name):
                    continue
                try:
                    if not entry.is_file(follow_symlinks=False):
                        continue
                    info = entry.stat(follow_symlinks=False)
                except FileNotFoundError:
                    continue  # taken by another process while we listed
                entries[entry.name] = (info.st_size, info.st_mtime_ns)
        return entries

    def claim(self, name: str, key: StatKey) -> Claim | None:
        """Take ``name`` from the inbox if it still is as observed; None if someone else has it."""
        claim_id = new_claim_id()
        folder = self.claims / claim_id
        folder.mkdir(parents=True)
        ours, lock = take_folder(folder, adopting=False)
        if not ours:
            return None  # a recovering process took our brand-new folder for an orphan; it removes it
        claim = Claim(claim_id, folder, folder / readable_name(name), lock, key,
                      dropped_as=as_dropped(name) if readable_name(name) != name else "")
        try:
            os.rename(self.root / name, claim.path)
        except OSError:
            # Gone (another process claimed it) or, on Windows, still open by whoever copies it.
            claim.release()
            return None
        current = stat_key(claim.path)
        if current != key:
            # It changed between the last look and the rename: someone is still writing it.
            self._put_back(claim)
            return None
        return claim

    def _put_back(self, claim: Claim) -> Path:
        target = reserve_free_name(self.root, claim.name)
        os.replace(claim.path, target)
        claim.release()
        return target

    def orphaned_claims(self) -> Iterator[Claim]:
        """Claims whose process died: their lock is free. Each is yielded locked by us."""
        if not self.claims.is_dir():
            return
        for folder in sorted(self.claims.iterdir()):
            if folder.is_symlink():
                # Not a claim cddgen made: a link to another place. Out of the way, untouched.
                os.replace(folder, reserve_free_name(self.root, f"{folder.name} (enlace)"))
                continue
            if not folder.is_dir():
                folder = self._wrap_stray(folder)
                if folder is None:
                    continue
            ours, lock = take_folder(folder, adopting=True)
            if not ours:
                continue
            files = sorted(item for item in listing(folder) if item.name not in BOOKKEEPING)
            if not files:  # the file was put away (or never arrived): only the bookkeeping is left
                self._finish_logging(folder.name)
                release_folder(folder, lock)
                continue
            for extra in files[1:]:  # a claim holds one file; anything else goes back to the inbox
                os.replace(extra, reserve_free_name(self.root, readable_name(extra.name)))
            found, dropped_as = files[0], ""
            if readable_name(found.name) != found.name:  # claimed by a version of cddgen that kept such names
                dropped_as = as_dropped(found.name)
                os.replace(found, found.with_name(readable_name(found.name)))
                found = found.with_name(readable_name(found.name))
            yield Claim(folder.name, folder, found, lock, stat_key(found), recovered=True, dropped_as=dropped_as)

    def _wrap_stray(self, path: Path) -> Path | None:
        """A file directly in .procesando/ (not in a claim folder) gets a claim folder of its own."""
        if path.name.startswith(TEMP_PREFIX) or path.name in BOOKKEEPING:
            return None
        folder = self.claims / new_claim_id()
        folder.mkdir()
        try:
            os.rename(path, folder / path.name)
        except FileNotFoundError:
            remove_empty_folder(folder)
            return None
        return folder

    # ------------------------------------------------------------------ processing one claim

    def handle(self, claim: Claim, *, pdf: bool = True, tracker: StabilityTracker | None = None,
               last_try: bool = True) -> FileResult:
        """Process a claimed file and put it away (or finish what a dead process left).

        A file whose earlier attempts crashed or killed the process ``MAX_ATTEMPTS`` times is put
        in observados/ without another. Without ``last_try``, a form whose documents need another
        form that is missing is returned unprocessed, still claimed (``waits_for``), for the
        pass to try again once its other files are done; on the last try it is set aside.
        """
        digest = sha256_of(claim.path)
        received = self.clock()
        row = self.ledger.start(claim.id, claim.name, digest, claim.key[0], self.day)
        if row.status in FINAL and row.destination:
            return self._complete_move(claim, row)
        attempts = attempts_of(claim.folder)
        if attempts >= MAX_ATTEMPTS:
            return self._put_away(claim, row, poisoned_result(claim, digest, attempts), received, tracker)
        set_attempts(claim.folder, attempts + 1)
        result = process_file(claim.path, self.run.but(pdf=pdf), name=claim.name, ledger=self.ledger, row=row,
                              families=self.families, sha256=digest)
        if claim.dropped_as:
            result = replace(result, renamed_from=claim.dropped_as)
        if result.waits_for and result.outcome is Outcome.FAILED:
            if not last_try:
                set_attempts(claim.folder, 0)  # it ended normally: this was no crash
                return result
            result = self._set_aside_for_operator(result)
        changed = stat_key(claim.path) != claim.key
        if changed:
            result = replace(result, outcome=Outcome.FAILED,
                             reason="El archivo cambió mientras se procesaba (¿todavía se estaba copiando?).")
        return self._put_away(claim, row, result, received, tracker, changed=changed)

    def _put_away(self, claim: Claim, row: Row, result: FileResult, received: dt.datetime,
                  tracker: StabilityTracker | None, *, changed: bool = False) -> FileResult:
        if result.outcome is Outcome.FAILED:
            target = reserve_destination(self.root, claim.name, None, self.ledger, row)
            self.ledger.finish(row.id, RETURNED, reason=result.reason, destination=str(target))
            os.replace(claim.path, target)
            if tracker is not None:
                # Still being copied: taken again once stable. An error: tried again later.
                tracker.defer(target.name, stat_key(target), self.config.stability if changed
                              else self.config.retry, pending=changed)
            result = replace(result, destination=target)
            self._log(result, row.id)
            claim.release()
            return result
        observed = result.outcome is Outcome.OBSERVED
        folder = self.root / (OBSERVED_DIR if observed else PROCESSED_DIR) / self.day
        self._own_folder(folder.parent)
        self._own_folder(folder)  # anyone may write in the shared inbox's folders: never through a link
        note_suffix = EXPLANATION_SUFFIX if observed else RECEIPT_SUFFIX
        target = reserve_destination(folder, claim.name, note_suffix, self.ledger, row)
        note = target.with_name(target.stem + note_suffix)
        result = replace(result, destination=target, note=note, received=received)
        if observed:
            marked = None
            if claim.path.suffix.lower() == ".xlsx" and not result.internal and not result.waits_for:
                try:
                    marked = write_marked_copy(claim.path, result.issues,
                                               target.with_name(target.stem + MARKED_SUFFIX))
                except Exception as error:  # noqa: BLE001 - the explanation says it, the form is kept
                    result = replace(result, detail=(result.detail + "\n" if result.detail else "") +
                                     f"No se pudo preparar la copia marcada ({type(error).__name__}: {error}).")
            result = replace(result, marked_copy=marked)
            atomic_write_text(note, explanation_text(result, received, marked))
            self._annul_leftovers(row, result)
            status = OBSERVED
        else:
            result = self._retire_replaced(result)
            atomic_write_text(note, receipt_text(result, self.outbox, received))
            self._annul_leftovers(row, result)
            status = DUPLICATE if result.outcome is Outcome.DUPLICATE else PROCESSED
        self.ledger.finish(row.id, status, documents=result.documents,
                           reason=result.reason or " ".join(result.notes),
                           problems=len(result.issues) if observed else 0, warnings=len(result.warnings))
        os.replace(claim.path, target)
        self._log(result, row.id)
        claim.release()
        return result

    def _set_aside_for_operator(self, result: FileResult) -> FileResult:
        """A valid form whose documents need another form that cddgen does not have (the
        committee's, for an Ascenso workbook): observed once, with what the operator must do,
        instead of going back to the inbox to be retried forever."""
        needed = next((item for item in self.families if item.kind == result.waits_for), None)
        what = f"el formulario «{needed.title}»" if needed else "otro formulario"
        message = (f"Este formulario está bien, pero sus documentos necesitan {what}, que cddgen no tiene: no llegó "
                   "a la bandeja antes ni junto con este archivo, y no está configurado.")
        fix = (f"Deje en la bandeja {what}, llenado, y después vuelva a dejar este archivo. Si ese formulario ya se "
               "entregó antes, avise al responsable de cddgen para que indique su ubicación en cddgen.toml.")
        return replace(result, outcome=Outcome.OBSERVED, reason=message, issues=(Issue(message=message, fix=fix),))

    def _complete_move(self, claim: Claim, row: Row) -> FileResult:
        """A dead process had finished this file but not moved it: move it where the ledger says."""
        target = Path(row.destination)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(claim.path, target)
        result = self._result_of(row, target)
        if not row.logged:
            self._log(result, row.id)
        claim.release()
        return result

    def _result_of(self, row: Row, target: Path) -> FileResult:
        outcome = {PROCESSED: Outcome.PROCESSED, DUPLICATE: Outcome.DUPLICATE, OBSERVED: Outcome.OBSERVED}.get(
            row.status, Outcome.FAILED)
        family = next((item for item in self.families if item.kind == row.kind), None)
        duplicate_of = self.ledger.get(row.duplicate_of) if row.duplicate_of else None
        replaces = self.ledger.get(row.replaces) if row.replaces else None
        note_suffix = EXPLANATION_SUFFIX if outcome is Outcome.OBSERVED else RECEIPT_SUFFIX
        return FileResult(
            name=row.name, sha256=row.sha256, outcome=outcome, family=family, identity=row.identity,
            documents=row.documents, reason=row.reason, version=row.version,
            replaces=Earlier.of(replaces) if replaces else None,
            duplicate_of=Earlier.of(duplicate_of) if duplicate_of else None,
            destination=target, note=target.with_name(target.stem + note_suffix) if outcome is not Outcome.FAILED
            else None, row_id=row.id,
        )

    def _finish_logging(self, claim_id: str) -> None:
        row = self.ledger.by_claim(claim_id)
        if row is not None and row.status in FINAL and not row.logged:
            self._log(self._result_of(row, Path(row.destination)), row.id)

    # ------------------------------------------------------------------ numbers and outputs

    def _annul_leftovers(self, row: Row, result: FileResult) -> None:
        """Numbers this input reserved that no document of it confirmed are annulled.

        A rejected form (or a re-run that yields other documents) will never issue them; the
        numbers stay used, with the reason, and are never handed to another document. After
        an internal error they are kept: the form dropped again after the fix reuses them.
        """
        if result.internal:
            return
        for reservation in self.ledger.reservations(row.id):
            entry = self.registry.find(reservation.series, reservation.office, reservation.year, reservation.key)
            if entry is None or entry.status != RESERVED:
                continue
            if result.outcome is Outcome.OBSERVED:
                reason = f"El formulario «{result.name}» quedó observado: {result.reason}"
            else:
                reason = f"Reservado en un intento interrumpido de «{result.name}», que no emitió este documento."
            self.registry.annul(entry, reason[:500])

    def _retire_replaced(self, result: FileResult) -> FileResult:
        """Files of earlier versions that no document of the registry lists any more (for
        example an annex an earlier version had and this one does not) leave outbox/<año>/
        for outbox/reemplazados/<año>/…: what is in outbox/<año>/ is always current. (The
        files of a document rendered again were already moved by ``produce``.) The result
        names them with the other replaced files, for the receipt."""
        if result.replaces is None and not result.regenerated:
            return result
        current = {str(Path(file)) for document in result.documents for file in document.files}
        earlier: set[str] = set()
        for item in (result.replaces, result.duplicate_of):
            if item is not None:
                earlier |= {str(Path(file)) for document in item.documents for file in document.files}
        candidates = [Path(file) for file in earlier - current if Path(file).exists()]
        if not candidates:
            return result
        listed = {str(Path(file)) for entry in self.registry.entries() if entry.status == ISSUED for file in entry.files}
        moved = set_aside([str(path) for path in candidates if str(path) not in listed], self.outbox,
                          self.settings.today.year)
        return replace(result, replaced_files=result.replaced_files + tuple((str(a), str(b)) for a, b in moved))

    # ------------------------------------------------------------------ log

    def _log(self, result: FileResult, row_id: int | None) -> None:
        append_line(self.outbox / LOG_NAME, log_line(result, self.outbox, self.clock()))
        if row_id is not None:
            self.ledger.mark_logged(row_id)
