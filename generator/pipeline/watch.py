"""``cddgen watch``: run inbox passes whenever something may have arrived, until told to stop.

File system events (watchdog) are only a hint that wakes the loop early: the periodic
full scan of each pass is the source of truth, so a missed, duplicated or overflowed
event changes nothing. On a network share (SMB/CIFS, NFS, sshfs…) inotify sees nothing
that other machines write, so the polling observer is used there (``[bandeja] sondeo``).

Every pass is ``inbox.run_pass``, which calls ``process_file`` for each file: the same
path as ``cddgen process`` (STYLE.md practice 7). SIGTERM or SIGINT asks the loop to stop:
the file being processed is finished, put away and logged, then ``watch`` returns.

What it does is logged (``logging``): this module's notices and each pass's records
(``inbox.passes``); the command configures the handler (``generator/logs.py``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import signal
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from ..config import Settings
from ..errors import CddgenError
from .inbox import Inbox, InboxConfig, StabilityTracker, run_pass

log = logging.getLogger(__name__)

# File system types on which inotify misses what other machines write.
NETWORK_FILE_SYSTEMS = frozenset({
    "cifs", "smb3", "smbfs", "smb2", "nfs", "nfs4", "fuse.sshfs", "sshfs", "9p", "afs", "ncpfs",
    "fuse.glusterfs", "glusterfs", "ceph", "fuse.ceph", "davfs", "fuse.davfs2", "fuse.rclone", "virtiofs",
    "fuse.s3fs", "lustre", "gpfs", "ocfs2", "fuse.vmhgfs-fuse", "vboxsf", "drvfs",
})


def mount_type(path: Path, mounts: str | None = None) -> str | None:
    """The file system type of the mount holding ``path`` (Linux /proc/mounts); None if unknown."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = os.path.realpath(path)
    best, best_type = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        inside = target == point or target.startswith(point.rstrip("/") + "/") or point == "/"
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type


def is_network_path(path: Path, mounts: str | None = None) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows
        return _windows_remote(path)
    kind = mount_type(path, mounts)
    return kind is not None and (kind in NETWORK_FILE_SYSTEMS or kind.startswith(("nfs", "smb", "cifs")))


def _windows_remote(path: Path) -> bool:  # pragma: no cover - Windows
    text = str(path.resolve())
    if text.startswith("\\\\"):
        return True
    import ctypes

    drive = os.path.splitdrive(text)[0] + "\\"
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive) == DRIVE_REMOTE


def use_polling(config: InboxConfig, inbox: Path, forced: bool | None = None) -> bool:
    """--polling, else ``[bandeja] sondeo``: "si", "no", or "auto" (a network file system)."""
    if forced is not None:
        return forced
    if config.polling == "si":
        return True
    if config.polling == "no":
        return False
    return is_network_path(inbox)


@contextlib.contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[threading.Event]:
    """SIGTERM and SIGINT set ``stop`` (the current file is finished) instead of killing us.

    Only installed from the main thread (Python delivers signals there); the previous
    handlers are restored on exit.
    """
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum, frame) -> None:
        stop.set()

    previous = {}
    for number in (signal.SIGTERM, signal.SIGINT):
        previous[number] = signal.signal(number, handler)
    try:
        yield stop
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


class _Wake(FileSystemEventHandler):
    """A watchdog event handler that only wakes the loop (events are hints, never trusted)."""

    def __init__(self, wake: threading.Event) -> None:
        super().__init__()
        self.wake = wake

    def dispatch(self, event) -> None:
        self.wake.set()


def _start_observer(folder: Path, wake: threading.Event, polling: bool, interval: float):
    kinds = [PollingObserver] if polling else [Observer, PollingObserver]
    for kind in kinds:
        observer = kind(timeout=min(1.0, interval)) if kind is PollingObserver else kind()
        try:
            observer.schedule(_Wake(wake), str(folder), recursive=False)
            observer.start()
        except OSError as exc:
            log.warning(f"No se pudieron activar los avisos del sistema ({exc}); se usa la revisión periódica.")
            continue
        return observer
    return None


def _sleep(seconds: float, stop: threading.Event, wake: threading.Event) -> None:
    """Wait ``seconds``, or less if an event arrives or a stop is asked for."""
    deadline = time.monotonic() + seconds
    while not stop.is_set() and not wake.is_set():
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return
        wake.wait(min(remaining, 0.25))


def watch(
    settings: Settings,
    *,
    pdf: bool = True,
    polling: bool | None = None,
    stop: threading.Event | None = None,
    today: Callable[[], dt.date] | None = None,
) -> None:
    """Watch the inbox until ``stop`` is set (the CLI sets it on SIGTERM/SIGINT).

    ``today``: where "today" comes from for each pass (a service runs for days); None keeps
    ``settings.today`` (a date fixed with --fecha or CDDGEN_HOY).
    """
    stop = stop or threading.Event()
    config = InboxConfig.from_settings(settings)
    inbox = Inbox(settings, config)
    for note in inbox.ensure():
        log.warning(note)
    wake = threading.Event()
    polled = use_polling(config, inbox.root, polling)
    observer = _start_observer(inbox.root, wake, polled, config.scan_interval)
    mode = "revisión de la carpeta cada segundo" if polled else "avisos del sistema"
    log.info(f"Vigilando «{inbox.root}» ({mode}, y una revisión completa cada {config.scan_interval:g} s). "
           "Ctrl+C para terminar.")
    tracker = StabilityTracker(config.stability)
    try:
        while not stop.is_set():
            if today is not None and today() != settings.today:
                settings = dataclasses.replace(settings, today=today())
                inbox.close()
                inbox = Inbox(settings, config)
            wake.clear()
            delay = config.scan_interval
            try:
                run_pass(settings, pdf=pdf, wait=False, stop=stop, tracker=tracker, inbox=inbox)
            except (CddgenError, OSError) as error:
                # The share went away, the disk is full, the registry is busy...: say it, retry later.
                log.error(f"Error en la revisión de la bandeja: {error} Se reintentará en {config.scan_interval:g} s.")
            else:
                ready, next_due = tracker.observe(inbox.scan())
                if ready:
                    delay = 0.0
                elif next_due is not None:
                    delay = min(delay, max(next_due, 0.05))
            _sleep(delay, stop, wake)
    finally:
        inbox.close()
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
    log.info("Detenido.")
