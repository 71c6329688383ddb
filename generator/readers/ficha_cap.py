"""Read a ficha de monitoreo CAP from Word (.docx) or Excel (.xlsx): both give the same Ficha."""

from __future__ import annotations

from pathlib import Path

from ..domain.cap import CapRules, Ficha
from ..errors import UnreadableInput
from .ficha_cap_docx import read_ficha_docx
from .ficha_cap_xlsx import read_ficha_xlsx

SUFFIXES = (".docx", ".xlsx")


def read_ficha(path: str | Path, rules: CapRules) -> Ficha:
    """The ficha at ``path`` (.docx or .xlsx); InvalidInput / UnreadableInput explain what is wrong."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_ficha_docx(path, rules)
    if suffix == ".xlsx":
        return read_ficha_xlsx(path, rules)
    raise UnreadableInput(
        f"{path.name}: la ficha CAP debe ser un documento de Word (.docx) o un libro de Excel (.xlsx).",
        fix="Llene forms/ficha-cap.docx o forms/ficha-cap.xlsx (de «cddgen forms»).",
        file=path,
    )
