"""The shared inbox: take each dropped form once, process it, put it away; never lose one.

Folders (inside the inbox, so every move is a rename on one file system, a share too)::

    inbox/                      where anyone drops forms
    inbox/.procesando/<toma>/   a claimed file, with the lock of the process working on it
    inbox/procesados/<fecha>/   processed inputs, each with «<nombre>.recibo.txt»
    inbox/observados/<fecha>/   rejected inputs, each with «<nombre>.LEAME.txt» and, for a
                                workbook, «<nombre>.observado.xlsx» with the problems marked

A pass (``run_pass``): recover claims left by dead processes, scan the inbox, claim each
file whose size and modification time have been stable for ``estabilidad_segundos`` (and
that is not empty, nor an Office lock or temporary file, nor a dot-file), process it with
``process_file``, put it away, log it, and finally write the «LISTOS-PARA-FIRMA» index.

Claiming is an atomic rename into a fresh folder under ``.procesando/`` whose lock file
the claimer holds (``flock``): two watchers never take the same file, and a claim whose
lock can be taken belongs to a dead process and is finished by whoever finds it. The
order of the steps makes every crash recoverable:

1. claim (rename) — a crash leaves the file in ``.procesando/``, re-processed later;
2. process: numbers reserved and recorded in the ledger, documents written atomically,
   numbers confirmed — re-processing gives the same numbers (same document keys);
3. reserve the destination name, write the receipt or explanation, mark the ledger row
   final — a crash here is finished from the ledger by the next pass;
4. move the input, log it, release the claim.

No file can stop the inbox:

- a claimed file records each attempt in its claim folder; one whose processing crashed or
  killed the process twice is put in ``observados/`` with a LEAME saying so, unprocessed;
- a form whose documents need another form (an Ascenso workbook needs the committee's) is
  tried again after the other files of its pass, then set aside once with a LEAME for the
  operator, never retried forever;
- a name that is not valid text (UTF-8; what unzipping a Windows zip gives) is claimed under
  a readable name, and the receipt or LEAME gives the one it came with;
- whatever takes the name of one of cddgen's folders (a file called «observados», a link to
  another place) is moved aside, never written through.

A configured inbox that does not exist (an unmounted share, a typo) is an error; only the
installation's own default folder is created.

Settings: ``[bandeja]`` in cddgen.toml (``InboxConfig``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator, Mapping

from ..config import Settings, default_inbox
from ..errors import ConfigError, Issue
from ..fsutil import TEMP_PREFIX, atomic_write_text, fit_name
from ..render.batch_index import ReadyDocument, write_index
from ..render.status_sheet import NumberedDocument, ReceivedFile, write_status
from ..render.documents import REPLACED_DIR, open_registry, set_aside
from ..render.marked import write_marked_copy
from ..render import informe_final
from ..render.expediente import expediente_files
from ..render.historial import FILENAME as HISTORY_FILENAME
from ..render.numbering import ISSUED, RESERVED, NumberEntry, NumberingRegistry
from ..scratch import sweep
from .families import FAMILIES, Family
from .ledger import (
    DUPLICATE,
    FINAL,
    OBSERVED,
    PROCESSED,
    RETURNED,
    WORKING,
    Ledger,
    Row,
)
from .locking import (
    FileLock,
    LockUnsupported,
    lock_descriptor,
    owner_text,
    pid_alive,
    try_lock,
    unlock_descriptor,
)
from .process import Earlier, FileResult, Outcome, ledger_document, process_file, sha256_of
from .receipts import explanation_text, followup_log_line, log_line, receipt_text
from .refresh import after_pass
from .resolucion import RESOLUTION_KIND, RESOLUTION_TITLE
from .signed_copies import SIGNED_COPY_KIND, SIGNED_COPY_TITLE
from .status import numbered_documents, ready_to_sign, received_files

CLAIMS_DIR = ".procesando"
PROCESSED_DIR = "procesados"
OBSERVED_DIR = "observados"
LOCK_NAME = ".toma.lock"
OWNER_NAME = ".toma.dueño"
ATTEMPTS_NAME = ".toma.intentos"
_BOOKKEEPING = (LOCK_NAME, OWNER_NAME, ATTEMPTS_NAME)
# Attempts that ended with the process dead or an unexpected error, after which a file is set
# aside in observados/ instead of being tried again (issue 15.4).
MAX_ATTEMPTS = 2
LOG_NAME = "registro.log"
INDEX_NAME = "LISTOS-PARA-FIRMA"
STATUS_NAME = "ESTADO"
BATCHES_DIR = "lotes"
RECEIPT_SUFFIX = ".recibo.txt"
EXPLANATION_SUFFIX = ".LEAME.txt"
MARKED_SUFFIX = ".observado.xlsx"
# Bytes a put-away name may add to a dropped file's name: « (9999)» and the longest note
# suffix. A longer dropped name is shortened (its full name stays in its note and the log).
_PUT_AWAY_RESERVE = len(" (9999)") + max(len(s) for s in (RECEIPT_SUFFIX, EXPLANATION_SUFFIX, MARKED_SUFFIX))

# Files nobody dropped as a form: Office owner/lock files, partial downloads, system files.
_IGNORED_PREFIXES = ("~$", ".~lock.", ".")
_IGNORED_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", "#")
_IGNORED_NAMES = {"thumbs.db", "desktop.ini", "icon\r"}

StatKey = tuple[int, int]  # (size, mtime in ns)


def readable_name(name: str) -> str:
    """``name`` as valid text. A name the file system gave as bytes that are not UTF-8 (Python
    keeps them as lone surrogates, which nothing can print or store) is decoded as Windows
    would have written it: cp850 (a zip made on Windows) when its accented letters are
    there, cp1252 otherwise."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        high = {byte for byte in raw if byte >= 0x80}
        codec = "cp850" if high <= set(range(0x80, 0xA6)) else "cp1252"
        return raw.decode(codec, errors="replace")
    return name


def as_dropped(name: str) -> str:
    """``name`` as it came, its bytes that are not UTF-8 written \\xNN (for receipts and logs)."""
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def is_ignored(name: str) -> bool:
    """Office lock/temporary files, dot-files and system files stay where they are, untouched."""
    lower = name.lower()
    return lower.startswith(_IGNORED_PREFIXES) or lower.endswith(_IGNORED_SUFFIXES) or lower in _IGNORED_NAMES


# ---------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class InboxConfig:
    stability: float = 3.0  # seconds a file's size and time must stay unchanged
    scan_interval: float = 10.0  # seconds between full scans in ``watch``
    polling: str = "auto"  # "auto", "si" or "no"
    max_wait: float = 600.0  # seconds ``process`` waits for files still being copied
    retry: float = 300.0  # seconds before a file returned after an error is tried again

    @classmethod
    def from_settings(cls, settings: Settings) -> "InboxConfig":
        raw: Mapping = settings.raw.get("bandeja", {}) if settings.raw else {}
        config = cls(
            stability=float(raw.get("estabilidad_segundos", cls.stability)),
            scan_interval=float(raw.get("intervalo_escaneo", cls.scan_interval)),
            polling=str(raw.get("sondeo", cls.polling)).strip().lower().replace("í", "i"),
            max_wait=float(raw.get("espera_maxima", cls.max_wait)),
            retry=float(raw.get("reintento_segundos", cls.retry)),
        )
        if config.polling not in ("auto", "si", "no"):
            raise ConfigError(
                f"cddgen.toml: «bandeja.sondeo» vale «{raw.get('sondeo')}».",
                fix='Valores permitidos: "auto", "si", "no".',
            )
        for key, value in (("estabilidad_segundos", config.stability), ("intervalo_escaneo", config.scan_interval),
                           ("espera_maxima", config.max_wait), ("reintento_segundos", config.retry)):
            if value < 0 or (key == "intervalo_escaneo" and value == 0):
                raise ConfigError(f"cddgen.toml: «bandeja.{key}» debe ser un número de segundos mayor que 0.")
        return config


# ---------------------------------------------------------------------------- stability


@dataclass
class _Seen:
    key: StatKey
    since: float
    changes: int = 0  # how often it was seen changing: > 0 means someone is writing it


class StabilityTracker:
    """Which files have kept the same size and modification time for ``stability`` seconds.

    Times are this machine's monotonic clock, never the file's own time stamp, which on a
    share comes from another machine's clock.
    """

    def __init__(self, stability: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.stability = stability
        self.clock = clock
        self._seen: dict[str, _Seen] = {}
        self._deferred: dict[str, tuple[StatKey, float, bool]] = {}

    def observe(self, entries: Mapping[str, StatKey]) -> tuple[list[str], float | None]:
        """The names ready to claim now, and in how many seconds another may be (None: none pending)."""
        now = self.clock()
        for name in list(self._seen):
            if name not in entries:
                del self._seen[name]
        ready: list[str] = []
        next_due: float | None = None
        for name, key in sorted(entries.items()):
            seen = self._seen.get(name)
            if seen is None:
                seen = self._seen[name] = _Seen(key, now)
            elif seen.key != key:
                seen = self._seen[name] = _Seen(key, now, seen.changes + 1)
            deferred = self._deferred.get(name)
            if deferred is not None:
                deferred_key, until, pending = deferred
                if deferred_key == key and until > now:
                    if pending:
                        next_due = until - now if next_due is None else min(next_due, until - now)
                    continue
                del self._deferred[name]
            waited = now - seen.since
            if waited >= self.stability:
                if key[0] > 0:
                    ready.append(name)
                continue  # an empty file stays until it is filled
            remaining = self.stability - waited
            next_due = remaining if next_due is None else min(next_due, remaining)
        return ready, next_due

    def defer(self, name: str, key: StatKey, seconds: float, *, pending: bool = True) -> None:
        """Leave ``name`` alone for ``seconds`` while it stays as it is. ``pending``: a pass that
        waits for the inbox to empty waits for it too (False for a file returned after an error,
        tried again by a later pass)."""
        self._deferred[name] = (key, self.clock() + seconds, pending)

    def changing(self, entries: Mapping[str, StatKey]) -> list[str]:
        """Names still being written (not yet stable), for progress messages."""
        now = self.clock()
        return [name for name, key in sorted(entries.items())
                if name in self._seen and self._seen[name].key == key and self._seen[name].changes
                and now - self._seen[name].since < self.stability]


# ---------------------------------------------------------------------------- claims


@dataclass
class Claim:
    """A file taken from the inbox: ``path`` inside its own folder under ``.procesando/``."""

    id: str
    folder: Path
    path: Path
    lock: FileLock | None  # None only where the file system has no locks (owner file instead)
    key: StatKey
    recovered: bool = False
    dropped_as: str = ""  # the name it came with, when it was not valid text (see readable_name)

    @property
    def name(self) -> str:
        return self.path.name

    def release(self) -> None:
        """Remove the (empty) claim folder and let go of its lock."""
        lock, self.lock = self.lock, None
        _release_folder(self.folder, lock)

    def abandon(self) -> None:
        """Let go of the lock but leave the file claimed: the next pass's recovery takes it up."""
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.release()


def _release_folder(folder: Path, lock: FileLock | None) -> None:
    """Remove an emptied claim folder; its lock file is unlinked while still held (POSIX)."""
    if os.name == "nt" and lock is not None:  # pragma: no cover - Windows cannot unlink an open file
        lock.release()
        lock = None
    try:
        _remove_empty_folder(folder)
    finally:
        if lock is not None:
            lock.release()


def _take_folder(folder: Path, *, adopting: bool) -> tuple[bool, FileLock | None]:
    """Take a claim folder: (True, lock) when it is ours now, (False, None) when a live
    process holds it. On a file system without locks the owner file decides instead: a new
    claim writes it; an orphan is adopted only if its owner is a dead process of this machine
    (one on another machine is left alone, and ``check_outbox`` reports it)."""
    try:
        lock = try_lock(folder / LOCK_NAME)
    except LockUnsupported:
        owner = folder / OWNER_NAME
        if adopting:
            text = owner.read_text(encoding="utf-8") if owner.exists() else ""
            if pid_alive(text) is not False:
                return False, None
        owner.write_text(owner_text(), encoding="utf-8")
        return True, None
    if lock is None:
        return False, None
    lock.write_owner(owner_text())
    return True, lock


def _attempts(folder: Path) -> int:
    """How many times processing this claim started without ending (see MAX_ATTEMPTS)."""
    try:
        return int((folder / ATTEMPTS_NAME).read_text(encoding="utf-8").strip() or 0)
    except FileNotFoundError:
        return 0
    except ValueError:
        return MAX_ATTEMPTS  # not a number cddgen wrote: treat the file as one that failed


def _set_attempts(folder: Path, count: int) -> None:
    """Written in place (a temporary file beside the claimed one could be taken for it after a
    crash), synced: the count must survive the crash it counts."""
    fd = os.open(folder / ATTEMPTS_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, f"{count}\n".encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def _poisoned(claim: Claim, digest: str, attempts: int) -> FileResult:
    """The result of a file set aside because processing it crashed or killed cddgen."""
    message = (f"cddgen se detuvo {attempts} veces mientras procesaba este archivo (por ejemplo, se quedó sin "
               "memoria o su proceso fue terminado), así que lo apartó sin volver a intentarlo, para que no detenga "
               "la bandeja. No es necesariamente un error del formulario.")
    fix = ("Avise al responsable de cddgen y entréguele este archivo con esta explicación. Si cddgen se detuvo por "
           "otra causa (un corte de luz, un reinicio), basta con volver a dejar el archivo en la bandeja.")
    return FileResult(name=claim.name, sha256=digest, outcome=Outcome.OBSERVED, reason=message,
                      issues=(Issue(message=message, fix=fix),), internal=True, renamed_from=claim.dropped_as)


def _stat_key(path: Path) -> StatKey:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def _new_claim_id() -> str:
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{secrets.token_hex(4)}"


# ---------------------------------------------------------------------------- the inbox


@dataclass
class PassReport:
    """What one pass did."""

    results: list[FileResult] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # still being copied when the pass ended
    empty: list[str] = field(default_factory=list)  # empty files left in the inbox
    index: tuple[Path, Path] | None = None  # the batch's LISTOS-PARA-FIRMA (.xlsx, .html)
    status: tuple[Path, Path] | None = None  # ESTADO (.xlsx, .html), when the pass rewrote it
    stopped: bool = False  # a stop was requested; the pass ended after the current file

    @property
    def failed(self) -> list[FileResult]:
        return [result for result in self.results if result.outcome is Outcome.FAILED]


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
        self._clock = clock or (lambda: dt.datetime.now().astimezone())
        self._ledger: Ledger | None = None
        self._registry: NumberingRegistry | None = None
        self._cleaned = False  # leftover temporary files are removed once, at the first pass
        self._written_stamp: tuple | None = None  # what ESTADO showed when this Inbox last wrote it

    # ------------------------------------------------------------------ resources

    @property
    def ledger(self) -> Ledger:
        if self._ledger is None:
            self._ledger = Ledger(self.ledger_path)
        return self._ledger

    @property
    def registry(self) -> NumberingRegistry:
        if self._registry is None:
            self._registry = open_registry(self.settings)
        return self._registry

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
            aside = _reserve_free_name(folder.parent, f"{folder.name} ({what.split()[1]})")
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
        claim_id = _new_claim_id()
        folder = self.claims / claim_id
        folder.mkdir(parents=True)
        ours, lock = _take_folder(folder, adopting=False)
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
        current = _stat_key(claim.path)
        if current != key:
            # It changed between the last look and the rename: someone is still writing it.
            self._put_back(claim)
            return None
        return claim

    def _put_back(self, claim: Claim) -> Path:
        target = _reserve_free_name(self.root, claim.name)
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
                os.replace(folder, _reserve_free_name(self.root, f"{folder.name} (enlace)"))
                continue
            if not folder.is_dir():
                folder = self._wrap_stray(folder)
                if folder is None:
                    continue
            ours, lock = _take_folder(folder, adopting=True)
            if not ours:
                continue
            files = sorted(item for item in _listing(folder) if item.name not in _BOOKKEEPING)
            if not files:  # the file was put away (or never arrived): only the bookkeeping is left
                self._finish_logging(folder.name)
                _release_folder(folder, lock)
                continue
            for extra in files[1:]:  # a claim holds one file; anything else goes back to the inbox
                os.replace(extra, _reserve_free_name(self.root, readable_name(extra.name)))
            found, dropped_as = files[0], ""
            if readable_name(found.name) != found.name:  # claimed by a version of cddgen that kept such names
                dropped_as = as_dropped(found.name)
                os.replace(found, found.with_name(readable_name(found.name)))
                found = found.with_name(readable_name(found.name))
            yield Claim(folder.name, folder, found, lock, _stat_key(found), recovered=True, dropped_as=dropped_as)

    def _wrap_stray(self, path: Path) -> Path | None:
        """A file directly in .procesando/ (not in a claim folder) gets a claim folder of its own."""
        if path.name.startswith(TEMP_PREFIX) or path.name in _BOOKKEEPING:
            return None
        folder = self.claims / _new_claim_id()
        folder.mkdir()
        try:
            os.rename(path, folder / path.name)
        except FileNotFoundError:
            _remove_empty_folder(folder)
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
        received = self._clock()
        row = self.ledger.start(claim.id, claim.name, digest, claim.key[0], self.day)
        if row.status in FINAL and row.destination:
            return self._complete_move(claim, row)
        attempts = _attempts(claim.folder)
        if attempts >= MAX_ATTEMPTS:
            return self._put_away(claim, row, _poisoned(claim, digest, attempts), received, tracker)
        _set_attempts(claim.folder, attempts + 1)
        result = process_file(claim.path, self.settings, name=claim.name, pdf=pdf, ledger=self.ledger, row=row,
                              families=self.families, sha256=digest)
        if claim.dropped_as:
            result = replace(result, renamed_from=claim.dropped_as)
        if result.waits_for and result.outcome is Outcome.FAILED:
            if not last_try:
                _set_attempts(claim.folder, 0)  # it ended normally: this was no crash
                return result
            result = self._set_aside_for_operator(result)
        changed = _stat_key(claim.path) != claim.key
        if changed:
            result = replace(result, outcome=Outcome.FAILED,
                             reason="El archivo cambió mientras se procesaba (¿todavía se estaba copiando?).")
        return self._put_away(claim, row, result, received, tracker, changed=changed)

    def _put_away(self, claim: Claim, row: Row, result: FileResult, received: dt.datetime,
                  tracker: StabilityTracker | None, *, changed: bool = False) -> FileResult:
        if result.outcome is Outcome.FAILED:
            target = _reserve_destination(self.root, claim.name, None, self.ledger, row)
            self.ledger.finish(row.id, RETURNED, reason=result.reason, destination=str(target))
            os.replace(claim.path, target)
            if tracker is not None:
                # Still being copied: taken again once stable. An error: tried again later.
                tracker.defer(target.name, _stat_key(target), self.config.stability if changed
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
        target = _reserve_destination(folder, claim.name, note_suffix, self.ledger, row)
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

    # ------------------------------------------------------------------ the end of a pass

    def follow_up(self, results: list[FileResult], *, pdf: bool = True,
                  notice: Callable[[str], None] = lambda text: None) -> list[FileResult]:
        """What the pass's inputs call for beyond their own documents (``refresh.after_pass``: the
        informe final, the UGEL's reports), reported with the input that brought it: its receipt is
        written again and its ledger row gains the documents. Returns the results, updated."""
        by_row = {result.row_id: result for result in results if result.row_id is not None}
        for followup in after_pass(self.settings, self.ledger, results, pdf=pdf):
            current = by_row.get(followup.result.row_id, followup.result)
            documents = tuple(ledger_document(item) for item in followup.documents)
            warnings = tuple(sorted({item.pdf_error for item in followup.documents if item.pdf_error}
                                    | {warning for item in followup.documents for warning in item.warnings})) \
                + followup.warnings
            numbers = {document.number for document in documents}
            updated = replace(
                current,
                documents=tuple(item for item in current.documents if item.number not in numbers) + documents,
                warnings=current.warnings + warnings, notes=current.notes + followup.notes,
                replaced_files=current.replaced_files + tuple((str(before), str(now)) for item in followup.documents
                                                              for before, now in item.replaced))
            if current.row_id is not None:
                self.ledger.add_documents(current.row_id, documents, warnings=len(warnings),
                                          note=" ".join(followup.notes))
            if current.note is not None and current.note.is_file():
                atomic_write_text(current.note, receipt_text(updated, self.outbox, current.received or self._clock()))
            if documents or warnings:  # a note alone (what the informe final waits for) is the receipt's
                append_line(self.outbox / LOG_NAME, followup_log_line(current, documents, warnings, self.outbox,
                                                                      self._clock()))
            for document in documents:
                notice(f"Con «{current.name}» se generó {followup.what}: {document.number}.")
            for text in (*followup.notes, *followup.warnings):
                notice(f"«{current.name}»: {text}")
            by_row[current.row_id] = updated
        return [by_row.get(result.row_id, result) if result.row_id is not None else result for result in results]

    # ------------------------------------------------------------------ log and index

    def _log(self, result: FileResult, row_id: int | None) -> None:
        append_line(self.outbox / LOG_NAME, log_line(result, self.outbox, self._clock()))
        if row_id is not None:
            self.ledger.mark_logged(row_id)

    def write_indexes(self, results: list[FileResult]) -> tuple[tuple[Path, Path] | None, tuple[Path, Path] | None]:
        """This batch's LISTOS-PARA-FIRMA in outbox/lotes/; then, when anything changed since this
        Inbox last wrote them (a file taken, a number given or annulled, a signed copy filed, a
        file waiting), ESTADO and LISTOS-PARA-FIRMA at the top of the outbox (fixed names): the
        status sheet, and the issued documents of it still waiting for a signature."""
        now = self._clock()
        stamp = self._change_stamp()
        outbox_status = (self.outbox / f"{STATUS_NAME}.xlsx", self.outbox / f"{STATUS_NAME}.html")
        current = stamp == self._written_stamp and all(path.is_file() for path in outbox_status)
        batch = [item for item in results if item.ok and item.documents]
        if current and not batch:
            return None, None
        files, documents = self.status()
        index = None
        if batch:
            states = {document.number: document.signatures for document in documents}
            target = _free_pair(self.outbox / BATCHES_DIR, f"{now:%Y-%m-%d_%H%M%S}-{INDEX_NAME}")
            index = write_index(_ready(batch, states), target, target.with_suffix(".html"),
                                title=f"Listos para firma — lote del {now:%d/%m/%Y %H:%M:%S}", generated=now)
        if current:
            return index, None
        write_index(ready_to_sign(documents), self.outbox / f"{INDEX_NAME}.xlsx", self.outbox / f"{INDEX_NAME}.html",
                    title=f"Listos para firma — {self.settings.today:%d/%m/%Y}", generated=now)
        written = write_status(files, documents, *outbox_status, title=f"Estado de la bandeja — {self.settings.institution.nombre}",
                               generated=now)
        self._written_stamp = stamp
        return index, written

    def status(self) -> tuple[list[ReceivedFile], list[NumberedDocument]]:
        """What ESTADO shows: every file received or waiting, every number of the registry."""
        rows = self.ledger.rows()
        titles = {item.kind: item.title for item in self.families}
        titles.update({SIGNED_COPY_KIND: SIGNED_COPY_TITLE, RESOLUTION_KIND: RESOLUTION_TITLE})
        files = received_files(rows, self.scan(), titles, self._notes)
        return files, numbered_documents(self.registry.all_records(), rows, self.outbox)

    def _notes(self, row: Row) -> tuple[Path | None, Path | None]:
        """A put-away input's receipt or explanation, and its marked copy if it has one."""
        if not row.destination:
            return None, None
        kept = Path(row.destination)
        if row.status == OBSERVED:
            marked = kept.with_name(kept.stem + MARKED_SUFFIX)
            return kept.with_name(kept.stem + EXPLANATION_SUFFIX), marked if marked.is_file() else None
        return kept.with_name(kept.stem + RECEIPT_SUFFIX), None

    def _change_stamp(self) -> tuple:
        """Changes whenever what ESTADO shows may have changed (a few aggregate queries)."""
        return self.ledger.change_stamp(), self.registry.change_stamp(), tuple(sorted(self.scan()))


def _ready(results: list[FileResult], states: Mapping[str, str]) -> list[ReadyDocument]:
    return [
        ReadyDocument(document.kind, document.number, document.person, tuple(Path(f) for f in document.files),
                      result.name, states.get(document.number, ""))
        for result in results for document in result.documents
    ]


def _free_pair(folder: Path, stem: str) -> Path:
    """``folder/stem.xlsx`` whose .xlsx and .html names are both free."""
    folder.mkdir(parents=True, exist_ok=True)
    candidate, number = folder / f"{stem}.xlsx", 1
    while candidate.exists() or candidate.with_suffix(".html").exists():
        number += 1
        candidate = folder / f"{stem}-{number}.xlsx"
    return candidate


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except FileNotFoundError:
        return []


def _remove_empty_folder(folder: Path) -> None:
    """Remove a claim folder once its file is gone (the lock file is unlinked while still held)."""
    for name in _BOOKKEEPING:
        (folder / name).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except FileNotFoundError:
        return  # a recovering process removed it already
    except OSError:
        if _listing(folder):
            return  # a recovering process opened a new lock file in it; it removes the folder
        raise


def _candidates(name: str) -> Iterator[str]:
    name = fit_name(name, reserve=_PUT_AWAY_RESERVE)
    stem, suffix = Path(name).stem, Path(name).suffix
    yield name
    number = 2
    while True:
        yield f"{stem} ({number}){suffix}"
        number += 1


def _create_exclusive(path: Path) -> bool:
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    return True


def _reserve_free_name(folder: Path, name: str) -> Path:
    """A name in ``folder`` that nobody uses, reserved by creating it empty (O_EXCL), so two
    processes never choose the same one and a move onto it never replaces someone's file."""
    folder.mkdir(parents=True, exist_ok=True)
    for candidate in _candidates(name):
        path = folder / candidate
        if not path.exists() and _create_exclusive(path):
            return path
    raise AssertionError("unreachable")


def _notes_of(path: Path) -> list[Path]:
    return [path.with_name(path.stem + suffix) for suffix in (RECEIPT_SUFFIX, EXPLANATION_SUFFIX, MARKED_SUFFIX)]


def _reserve_destination(folder: Path, name: str, note_suffix: str | None, ledger: Ledger, row: Row) -> Path:
    """Reserve ``folder/<name>`` and its note ``<stem><note_suffix>`` (see _reserve_free_name),
    recording the choice in the ledger first, so an interrupted attempt's reservation is found.

    The destination an earlier, interrupted attempt of the same claim chose is reused; one in
    another folder (the outcome changed) is cleaned up first.
    """
    folder.mkdir(parents=True, exist_ok=True)
    if row.destination:
        previous = Path(row.destination)
        if previous.exists() and previous.stat().st_size == 0:
            if previous.parent == folder:
                return previous
            for leftover in [previous] + _notes_of(previous):
                leftover.unlink(missing_ok=True)
    for candidate in _candidates(name):
        path = folder / candidate
        note = path.with_name(path.stem + note_suffix) if note_suffix else None
        if path.exists() or (note is not None and note.exists()):
            continue
        ledger.set_destination(row.id, str(path))
        if not _create_exclusive(path):
            continue
        if note is not None and not _create_exclusive(note):
            path.unlink()
            continue
        return path
    raise AssertionError("unreachable")


def append_line(path: Path, line: str) -> None:
    """Append one line to a log shared by several processes (one write, under a lock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        locked = lock_descriptor(fd)  # False on a share without locks: one O_APPEND write then
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            if locked:
                unlock_descriptor(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------- a pass


def run_pass(
    settings: Settings,
    *,
    pdf: bool = True,
    wait: bool = True,
    stop=None,
    on_result: Callable[[FileResult], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    tracker: StabilityTracker | None = None,
    inbox: Inbox | None = None,
) -> PassReport:
    """One pass over the inbox (see the module doc).

    ``wait``: keep going until every file present is processed, waiting for those still
    being copied (``cddgen process``); without it, take what is ready now and return
    (``cddgen watch`` calls again). ``stop`` (a threading.Event) ends the pass after the
    current file. ``tracker`` keeps stability observations between passes.
    """
    box = inbox or Inbox(settings)
    try:
        return _run_pass(box, pdf=pdf, wait=wait, stop=stop, on_result=on_result, on_notice=on_notice,
                         tracker=tracker or StabilityTracker(box.config.stability))
    finally:
        if inbox is None:
            box.close()


def _run_pass(box: Inbox, *, pdf: bool, wait: bool, stop, on_result, on_notice,
              tracker: StabilityTracker) -> PassReport:
    config = box.config
    report = PassReport()
    notice = on_notice or (lambda text: None)
    for note in box.ensure():
        notice(note)

    def stopping() -> bool:
        if stop is not None and stop.is_set():
            report.stopped = True
        return report.stopped

    def done(result: FileResult) -> None:
        report.results.append(result)
        if on_result is not None:
            on_result(result)

    # Forms whose documents need a form this pass may still bring (the committee's, for an
    # Ascenso workbook), kept claimed and tried again once the other files are done.
    waiting: list[Claim] = []

    def take(claim: Claim) -> FileResult | None:
        result = _handle(box, claim, pdf, tracker, last_try=False)
        if result.waits_for and result.outcome is Outcome.FAILED:
            waiting.append(claim)
            return None
        done(result)
        return result

    with box.activity():
        try:
            for claim in box.orphaned_claims():
                notice(f"Se retoma «{claim.name}», que quedó a medio procesar.")
                take(claim)
                if stopping():
                    break
            deadline = time.monotonic() + config.max_wait
            announced: set[str] = set()
            # A file that went back to the inbox is retried by a later pass, never by this one
            # (with a retry delay of 0 the pass would otherwise never end).
            returned: set[str] = set()
            entries: dict[str, StatKey] = {}
            while not stopping():
                entries = {name: stat for name, stat in box.scan().items() if name not in returned}
                ready, next_due = tracker.observe(entries)
                for name in ready:
                    if stopping():
                        break
                    claim = box.claim(name, entries[name])
                    if claim is None:
                        tracker.defer(name, entries[name], config.stability)
                        continue
                    result = take(claim)
                    if result is not None and result.outcome is Outcome.FAILED:
                        returned.add(name)
                if ready or stopping():
                    continue
                if not wait or next_due is None:
                    break
                if time.monotonic() > deadline:
                    break
                changing = [name for name in tracker.changing(entries) if name not in announced]
                if changing:
                    notice("Esperando a que termine de copiarse: " + ", ".join(
                        f"«{readable_name(name)}»" for name in changing))
                announced.update(changing)
                pause = max(0.05, min(next_due, 1.0))
                if stop is not None:
                    stop.wait(pause)
                else:
                    time.sleep(pause)
            while waiting and not stopping():
                done(_handle(box, waiting.pop(0), pdf, tracker, last_try=True))
        finally:
            for claim in waiting:  # a stop before their last try: the next pass takes them up
                claim.abandon()
        if report.results and not report.stopped:
            report.results = box.follow_up(report.results, pdf=pdf, notice=notice)
        report.waiting = [readable_name(name) for name in tracker.changing(entries)] if entries else []
        report.empty = [readable_name(name) for name, key in sorted(entries.items()) if key[0] == 0]
        report.index, report.status = box.write_indexes(report.results)
    return report


def _handle(box: Inbox, claim: Claim, pdf: bool, tracker: StabilityTracker, *, last_try: bool) -> FileResult:
    """One claimed file, whatever happens: an unexpected error while handling it is reported
    and the pass goes on; the file stays claimed, its attempt counted, for the next pass
    (which sets it aside after MAX_ATTEMPTS). A kill (or a stop signal raised as an
    exception) leaves it the same way."""
    try:
        return box.handle(claim, pdf=pdf, tracker=tracker, last_try=last_try)
    except Exception as error:  # noqa: BLE001 - reported in the result, counted in the claim
        claim.abandon()
        return FileResult(
            name=claim.name, sha256="", outcome=Outcome.FAILED,
            reason=f"Error interno de cddgen al procesarlo ({type(error).__name__}: {error}). Se intentará otra vez "
                   f"en la próxima pasada; si vuelve a fallar, el archivo queda en «{OBSERVED_DIR}» con su explicación.",
            detail="".join(traceback.format_exception(error)),
        )
    except BaseException:
        claim.abandon()  # still claimed: the next pass (or run) finishes it
        raise


# ---------------------------------------------------------------------------- consistency


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
            if folder.is_dir() and not _locked_by_live_process(folder):
                names = [readable_name(item.name) for item in _listing(folder) if item.name not in _BOOKKEEPING]
                problems.append(f"La toma «{folder.name}» ({', '.join(names) or 'vacía'}) quedó sin terminar.")
            elif not folder.is_dir():
                problems.append(f"Hay un archivo suelto en «{CLAIMS_DIR}»: «{folder.name}».")
    if box.ledger_path.exists():
        live = {folder.name for folder in _listing(box.claims)}
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


def _locked_by_live_process(folder: Path) -> bool:
    try:
        lock = try_lock(folder / LOCK_NAME, create=False)
    except LockUnsupported:
        owner = folder / OWNER_NAME
        return owner.exists() and pid_alive(owner.read_text(encoding="utf-8")) is not False
    if lock is None:
        return (folder / LOCK_NAME).exists()
    lock.release()
    return False


