"""A document to convert (source, target, finishing step) and the result of converting it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ...errors import ConversionError


@dataclass(frozen=True)
class ConversionResult:
    source: Path
    pdf: Path | None
    error: str | None



# A last step on a converted PDF before it is delivered: called with the PDF (in the private
# folder) and the path it is delivered to; it may rewrite the PDF in place.
Finish = Callable[[Path, Path], None]


@dataclass
class _Job:
    index: int
    source: Path
    target: Path
    finish: Finish | None = None



def _make_job(index: int, source: Path, outdir: Path | None, target: Path | None = None,
              finish: Finish | None = None) -> _Job:
    if source.suffix.lower() != ".docx":
        raise ConversionError(f"«{source}» no es un archivo .docx.", file=source)
    if not source.is_file():
        raise ConversionError(f"«{source}» no existe o no es un archivo.", file=source)
    if target is None:
        folder = Path(outdir) if outdir is not None else source.parent
        target = folder / f"{source.stem}.pdf"
    return _Job(index, source, target, finish)

