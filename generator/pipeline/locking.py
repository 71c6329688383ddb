"""Advisory file locks that die with their process.

The inbox uses them for two things: a lock per claimed file (so a second watcher, or the
recovery of a later run, never takes a file that a live process is working on) and a
lock per machine around each inbox pass (so leftover temporary files are only cleaned
when no other pass is writing). A lock held by a process that was killed, even with
SIGKILL, is released by the operating system.

POSIX uses ``flock``; Windows uses ``msvcrt.locking`` on the first byte, which has no
shared mode (a shared request is taken as exclusive there). A lock file that was unlinked
and recreated while we waited for it is detected (its inode changed) and the lock is
refused, so two processes never believe they hold the same lock.
"""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl


class LockUnsupported(OSError):
    """The file system refuses locks (some network shares); callers fall back to pid files."""


_BUSY = {errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK}
_UNSUPPORTED = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}


class FileLock:
    """A held lock on ``path``; ``release()`` (or process death) frees it."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def write_owner(self, text: str) -> None:
        """Record who holds the lock (for people reading the folder and for the pid fallback)."""
        assert self._fd is not None
        os.ftruncate(self._fd, 0)
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.write(self._fd, text.encode("utf-8"))

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> "FileLock":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def owner_text() -> str:
    return f"pid={os.getpid()} host={socket.gethostname()}\n"


def try_lock(path: Path, *, shared: bool = False, create: bool = True, blocking: bool = False) -> FileLock | None:
    """Take the lock of ``path``; None when another process holds it (or the file is gone).

    Raises LockUnsupported when the file system cannot lock at all.
    """
    flags = os.O_RDWR | (os.O_CREAT if create else 0)
    try:
        fd = os.open(path, flags, 0o644)
    except FileNotFoundError:
        return None
    try:
        if not _lock(fd, shared=shared, blocking=blocking):
            os.close(fd)
            return None
    except BaseException:
        os.close(fd)
        raise
    lock = FileLock(Path(path), fd)
    if not _same_file(path, fd):
        # Someone removed (and maybe recreated) the lock file between our open and our
        # lock: what we hold is no longer the lock everybody else sees.
        lock.release()
        return None
    return lock


def _same_file(path: Path, fd: int) -> bool:
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    if not on_disk.st_ino or not held.st_ino:  # pragma: no cover - file systems without inodes
        return True
    return (on_disk.st_ino, on_disk.st_dev) == (held.st_ino, held.st_dev)


def _lock(fd: int, *, shared: bool, blocking: bool) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows
        mode = msvcrt.LK_LOCK if blocking else msvcrt.LK_NBLCK
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, mode, 1)
        except OSError as exc:
            if exc.errno in _BUSY or exc.errno == errno.EDEADLK:
                return False
            raise
        return True
    operation = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | (0 if blocking else fcntl.LOCK_NB)
    try:
        fcntl.flock(fd, operation)
    except OSError as exc:
        if exc.errno in _BUSY:
            return False
        if exc.errno in _UNSUPPORTED:
            raise LockUnsupported(exc.errno, f"el sistema de archivos no admite bloqueos ({exc.strerror})") from None
        raise
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover - Windows
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError as exc:
            if exc.errno not in _BUSY:
                raise
        return
    fcntl.flock(fd, fcntl.LOCK_UN)


def lock_descriptor(fd: int) -> bool:
    """Block until ``fd`` is exclusively locked; False where the file system has no locks."""
    try:
        return _lock(fd, shared=False, blocking=True)
    except LockUnsupported:
        return False


def unlock_descriptor(fd: int) -> None:
    _unlock(fd)


def is_locked(path: Path) -> bool:
    """True when a live process holds the lock of ``path`` (a missing file is not locked)."""
    lock = try_lock(path, create=False)
    if lock is None:
        return path.exists()
    lock.release()
    return False


def pid_alive(owner: str) -> bool | None:
    """From an owner line ``pid=… host=…``: is that process alive? None when unknowable
    (another machine, or no owner recorded)."""
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) would terminate the process there
        return None
    fields = dict(part.split("=", 1) for part in owner.split() if "=" in part)
    if fields.get("host") != socket.gethostname() or not fields.get("pid", "").isdigit():
        return None
    pid = int(fields["pid"])
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
