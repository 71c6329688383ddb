"""Temporary folders of a run: inside the installation, emptied after use, swept after a crash.

LibreOffice conversions copy documents full of personal data (names, DNI, scores) into
throwaway folders, with throwaway profiles; charts and indexes are drawn in others. They
all live in one folder per process, ``<instalación>/.cddgen/tmp/ejecucion-<pid>-…/``
(without an installation, under the system's temporary folder, in ``cddgen/``):

- each user of a temporary folder removes it when done (``scratch_folder``);
- the process's own folder, locked while the process lives, is removed when it exits;
- a process killed with ``kill -9`` (or a power cut) cannot remove anything: the first
  process that needs a temporary folder afterwards, or that calls ``sweep``, removes every
  run folder whose lock is free (its process is dead) — never one of a live process. A
  child the dead process had started there (a LibreOffice still converting, which would
  write a PDF into the folder after it was removed) is killed first.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator

from .pipeline.locking import FileLock, LockUnsupported, owner_text, pid_alive, try_lock

RUN_PREFIX = "ejecucion-"
LOCK_NAME = ".activa.lock"
OWNER_NAME = ".activa.dueño"

_guard = threading.Lock()
_runs: dict[Path, tuple[Path, FileLock | None]] = {}


def default_root() -> Path:
    """Where temporary folders go without an installation."""
    return Path(tempfile.gettempdir()) / "cddgen"


def run_folder(root: Path | None) -> Path:
    """This process's folder under ``root`` (None: ``default_root()``), made and locked at its
    first use, after sweeping what dead processes left there."""
    root = Path(root) if root is not None else default_root()
    with _guard:
        known = _runs.get(root)
        if known is not None and known[0].is_dir():
            return known[0]
        root.mkdir(parents=True, exist_ok=True)
        sweep(root)
        folder = Path(tempfile.mkdtemp(prefix=f"{RUN_PREFIX}{os.getpid()}-", dir=root))
        try:
            lock = try_lock(folder / LOCK_NAME)
        except LockUnsupported:
            lock = None
            (folder / OWNER_NAME).write_text(owner_text(), encoding="utf-8")
        _runs[root] = (folder, lock)
        if known is None:
            atexit.register(_remove_run, root)
        return folder


@contextlib.contextmanager
def scratch_folder(root: Path | None, prefix: str) -> Iterator[Path]:
    """A fresh temporary folder for one task under ``root`` (``Settings.scratch_root``),
    removed with its content when the block ends."""
    parent = run_folder(root)
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}-", dir=parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sweep(root: Path) -> list[Path]:
    """Remove the run folders under ``root`` whose process is dead; returns what was removed."""
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    ours = {folder for folder, _ in _runs.values()}
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or not folder.name.startswith(RUN_PREFIX) or folder in ours:
            continue
        if _belongs_to_a_dead_process(folder):
            _stop_processes_in(folder)
            shutil.rmtree(folder, ignore_errors=True)
            if folder.exists():  # a file written while the tree was being removed
                shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _stop_processes_in(run: Path) -> None:
    """Kill what a dead run left working in ``run`` (a soffice still converting, which would
    write into the folder after it is removed), and wait until it is gone.

    A process is recognised on /proc by a command line that names ``run`` (a folder with a
    random name that only that run used); its whole process group goes, since soffice runs as
    a launcher and soffice.bin in a group of their own. Without /proc (Windows, macOS) nothing
    is killed: an orphan there ends with its conversion.
    """
    if os.name == "nt" or not Path("/proc/self/stat").exists():
        return
    deadline = time.monotonic() + 10
    while (groups := _groups_naming(run)) and time.monotonic() < deadline:
        for group in groups:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)
        time.sleep(0.05)


def _groups_naming(run: Path) -> set[int]:
    """Process groups of the live processes whose command line names the folder ``run``."""
    names = (str(run).encode(), run.resolve().as_uri().encode())
    groups = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            stat = (entry / "stat").read_bytes()
        except OSError:
            continue  # ended while we looked
        if not any(name in command for name in names):
            continue
        fields = stat[stat.rfind(b")") + 2:].split()  # after «pid (comm) »: state, ppid, pgrp…
        if len(fields) > 2 and fields[0] != b"Z":
            groups.add(int(fields[2]))
    return groups


def _belongs_to_a_dead_process(folder: Path) -> bool:
    owner = folder / OWNER_NAME
    if owner.exists():
        return pid_alive(owner.read_text(encoding="utf-8")) is False
    try:
        # Never created here: a folder without its lock file yet is one a process is making.
        lock = try_lock(folder / LOCK_NAME, create=False)
    except LockUnsupported:
        return False  # no way to know; a process of another machine may be using it
    if lock is None:
        return False  # a live process holds it (or is about to)
    lock.release()
    return True


def _remove_run(root: Path) -> None:
    with _guard:
        folder, lock = _runs.pop(root, (None, None))
    if folder is None:
        return
    if lock is not None:
        lock.release()
    shutil.rmtree(folder, ignore_errors=True)
