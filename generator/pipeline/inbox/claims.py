"""A file taken from the inbox: its claim folder under ``.procesando/``, the lock (or owner
file) that says who works on it, and the attempts counted there."""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from ...errors import Issue
from ..locking import FileLock, LockUnsupported, owner_text, pid_alive, try_lock
from ..process import FileResult, Outcome
from .names import listing
from .stability import StatKey

LOCK_NAME = ".toma.lock"
OWNER_NAME = ".toma.dueño"
ATTEMPTS_NAME = ".toma.intentos"
BOOKKEEPING = (LOCK_NAME, OWNER_NAME, ATTEMPTS_NAME)
# Attempts that ended with the process dead or an unexpected error, after which a file is set
# aside in observados/ instead of being tried again (issue 15.4).
MAX_ATTEMPTS = 2


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
        release_folder(self.folder, lock)

    def abandon(self) -> None:
        """Let go of the lock but leave the file claimed: the next pass's recovery takes it up."""
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.release()


def release_folder(folder: Path, lock: FileLock | None) -> None:
    """Remove an emptied claim folder; its lock file is unlinked while still held (POSIX)."""
    if os.name == "nt" and lock is not None:  # pragma: no cover - Windows cannot unlink an open file
        lock.release()
        lock = None
    try:
        remove_empty_folder(folder)
    finally:
        if lock is not None:
            lock.release()


def take_folder(folder: Path, *, adopting: bool) -> tuple[bool, FileLock | None]:
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


def attempts_of(folder: Path) -> int:
    """How many times processing this claim started without ending (see MAX_ATTEMPTS)."""
    try:
        return int((folder / ATTEMPTS_NAME).read_text(encoding="utf-8").strip() or 0)
    except FileNotFoundError:
        return 0
    except ValueError:
        return MAX_ATTEMPTS  # not a number cddgen wrote: treat the file as one that failed


def set_attempts(folder: Path, count: int) -> None:
    """Written in place (a temporary file beside the claimed one could be taken for it after a
    crash), synced: the count must survive the crash it counts."""
    fd = os.open(folder / ATTEMPTS_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, f"{count}\n".encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def poisoned_result(claim: Claim, digest: str, attempts: int) -> FileResult:
    """The result of a file set aside because processing it crashed or killed cddgen."""
    message = (f"cddgen se detuvo {attempts} veces mientras procesaba este archivo (por ejemplo, se quedó sin "
               "memoria o su proceso fue terminado), así que lo apartó sin volver a intentarlo, para que no detenga "
               "la bandeja. No es necesariamente un error del formulario.")
    fix = ("Avise al responsable de cddgen y entréguele este archivo con esta explicación. Si cddgen se detuvo por "
           "otra causa (un corte de luz, un reinicio), basta con volver a dejar el archivo en la bandeja.")
    return FileResult(name=claim.name, sha256=digest, outcome=Outcome.OBSERVED, reason=message,
                      issues=(Issue(message=message, fix=fix),), internal=True, renamed_from=claim.dropped_as)


def new_claim_id() -> str:
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{secrets.token_hex(4)}"


def remove_empty_folder(folder: Path) -> None:
    """Remove a claim folder once its file is gone (the lock file is unlinked while still held)."""
    for name in BOOKKEEPING:
        (folder / name).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except FileNotFoundError:
        return  # a recovering process removed it already
    except OSError:
        if listing(folder):
            return  # a recovering process opened a new lock file in it; it removes the folder
        raise


def locked_by_live_process(folder: Path) -> bool:
    try:
        lock = try_lock(folder / LOCK_NAME, create=False)
    except LockUnsupported:
        owner = folder / OWNER_NAME
        return owner.exists() and pid_alive(owner.read_text(encoding="utf-8")) is not False
    if lock is None:
        return (folder / LOCK_NAME).exists()
    lock.release()
    return False
