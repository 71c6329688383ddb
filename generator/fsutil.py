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


def temp_path_for(target: Path) -> Path:
    return target.with_name(f"{TEMP_PREFIX}{secrets.token_hex(6)}-{target.name}")


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


def safe_filename(text: str, *, max_length: int = 80, fallback: str = "documento") -> str:
    """A file name stem that is valid on Windows and Linux and cannot leave its folder.

    Accents are kept (Windows and Linux accept them); path separators, control, zero-width
    and bidirectional characters, reserved device names and leading dots are removed.
    """
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc", "Cs", "Co"))
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"-{2,}", "-", text)
    text = text.strip(" .-")
    if len(text) > max_length:
        text = text[:max_length].rstrip(" .-")
    if not text or text.upper().split(".")[0] in _WINDOWS_RESERVED:
        text = f"{fallback}-{text}" if text else fallback
    return text
