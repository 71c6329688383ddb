"""Atomic file writes: a reader of outbox/ sees either no file or the whole file, never half.

A temporary file is written beside the target under a hidden name (so watchers and
secretaries ignore it), flushed to disk, then renamed over the target in one step.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import unicodedata
from pathlib import Path
from typing import Iterator

TEMP_PREFIX = ".cddgen-tmp-"

# Names Windows refuses whatever the extension (CON.docx is as invalid as CON).
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {
    f"LPT{i}" for i in range(1, 10)
}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
# The longest file name Linux takes is 255 bytes (UTF-8) and Windows 255 UTF-16 units; a name
# of at most 255 bytes in UTF-8 fits both (no character takes fewer bytes than UTF-16 units).
MAX_NAME_BYTES = 255


def cut_to_bytes(text: str, limit: int) -> str:
    """The longest start of ``text`` whose UTF-8 encoding takes at most ``limit`` bytes."""
    return text.encode("utf-8")[:max(limit, 0)].decode("utf-8", errors="ignore")


def fit_name(name: str, reserve: int = 0) -> str:
    """``name`` with its stem shortened (the extension kept) so that ``reserve`` more bytes
    still fit in a file name; unchanged when it already fits."""
    if len(name.encode("utf-8")) + reserve <= MAX_NAME_BYTES:
        return name
    suffix = Path(name).suffix if len(Path(name).suffix.encode("utf-8")) <= 16 else ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    room = MAX_NAME_BYTES - reserve - len(suffix.encode("utf-8"))
    return cut_to_bytes(stem, room).rstrip(" .") + suffix


def temp_path_for(target: Path) -> Path:
    prefix = f"{TEMP_PREFIX}{secrets.token_hex(6)}-"
    return target.with_name(prefix + fit_name(target.name, reserve=len(prefix)))


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_output(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target`` atomically.

    On any error the temporary file is removed and ``target`` is left as it was.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path_for(target)
    try:
        yield temp
        with open(temp, "rb+") as handle:
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        _fsync_dir(target.parent)
    finally:
        if temp.exists():
            temp.unlink()


def atomic_write_bytes(target: str | Path, data: bytes) -> Path:
    target = Path(target)
    with atomic_output(target) as temp:
        temp.write_bytes(data)
    return target


def atomic_write_text(target: str | Path, text: str) -> Path:
    return atomic_write_bytes(target, text.encode("utf-8"))


def move_to_free_name(source: Path, folder: Path) -> Path:
    """Move ``source`` into ``folder`` under its own name, or «name (2).ext», «name (3).ext»…
    when that is taken; the name is claimed with O_EXCL first, so no file is ever replaced
    (not even by another process choosing at the same moment). Returns the new path."""
    folder.mkdir(parents=True, exist_ok=True)
    name = fit_name(source.name, reserve=len(" (9999)"))
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while True:
        candidate = folder / (name if number == 1 else f"{stem} ({number}){suffix}")
        try:
            os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            number += 1
            continue
        os.replace(source, candidate)
        return candidate


def safe_filename(text: str, *, max_length: int = 80, fallback: str = "documento") -> str:
    """A file name stem that is valid on Windows and Linux and cannot leave its folder.

    Accents are kept (Windows and Linux accept them); path separators, control, zero-width
    and bidirectional characters, reserved device names and leading dots are removed.
    ``max_length`` counts bytes in UTF-8, so a name of accents or emoji is cut as short as
    the file systems need (255 bytes on Linux), not only by its number of characters.
    """
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc", "Cs", "Co"))
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"-{2,}", "-", text)
    text = text.strip(" .-")
    if len(text.encode("utf-8")) > max_length:
        text = cut_to_bytes(text, max_length).rstrip(" .-")
    if not text or text.upper().split(".")[0] in _WINDOWS_RESERVED:
        text = f"{fallback}-{text}" if text else fallback
    return text


def shown_path(path: Path, base: Path | None) -> str:
    """``path`` relative to ``base`` (default: the current folder) when it is inside it, for messages."""
    base = base or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
