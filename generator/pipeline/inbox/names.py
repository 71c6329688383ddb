"""Names in the inbox: its folders and notes, which dropped files count, a dropped name as
text, and names reserved in shared folders so two processes never choose the same one."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ...fsutil import fit_name
from ..ledger import Ledger, Row
from ..locking import lock_descriptor, unlock_descriptor

CLAIMS_DIR = ".procesando"
PROCESSED_DIR = "procesados"
OBSERVED_DIR = "observados"
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


def listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except FileNotFoundError:
        return []


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


def reserve_free_name(folder: Path, name: str) -> Path:
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


def reserve_destination(folder: Path, name: str, note_suffix: str | None, ledger: Ledger, row: Row) -> Path:
    """Reserve ``folder/<name>`` and its note ``<stem><note_suffix>`` (see reserve_free_name),
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


def free_pair(folder: Path, stem: str) -> Path:
    """``folder/stem.xlsx`` whose .xlsx and .html names are both free."""
    folder.mkdir(parents=True, exist_ok=True)
    candidate, number = folder / f"{stem}.xlsx", 1
    while candidate.exists() or candidate.with_suffix(".html").exists():
        number += 1
        candidate = folder / f"{stem}-{number}.xlsx"
    return candidate


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
