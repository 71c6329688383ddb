"""The converter: .docx files in, one result each, through soffice starts (see the package docstring)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from ...config import PdfSettings
from ...errors import ConversionError
from .batch import ConversionResult, Job, make_job
from .scheduler import ConversionStream
from .soffice import find_soffice


class PdfConverter:
    """Converts .docx files to PDF with LibreOffice; see the package docstring."""

    def __init__(self, settings: PdfSettings, *, profile_root: Path | None = None):
        self.settings = settings
        self.profile_root = Path(profile_root) if profile_root is not None else None

    def soffice(self) -> str | None:
        """The soffice that convert() would run; None when PDF is disabled or it is missing."""
        return find_soffice(self.settings.soffice) if self.settings.enabled else None

    def available(self) -> bool:
        return self.soffice() is not None

    def convert(
        self, docx_paths: Sequence[Path], *, outdir: Path | None = None
    ) -> list[ConversionResult]:
        """One result per input, in input order; PDFs beside each .docx unless ``outdir``."""
        jobs = self._jobs(docx_paths, outdir)
        with self.stream() as stream:
            for job in jobs:
                stream.submit(job.source, target=job.target)
            return stream.close()

    def stream(self, *, outdir: Path | None = None, expected: int | None = None) -> "ConversionStream":
        """A stream to hand documents over while they are still being rendered; ``expected``
        (how many will come) lets each soffice start take an even share."""
        return ConversionStream(self, outdir=outdir, expected=expected)

    # -- inputs

    def _jobs(self, docx_paths: Sequence[Path], outdir: Path | None) -> list[Job]:
        if isinstance(docx_paths, (str, Path)):
            raise ConversionError("Se esperaba una lista de archivos .docx, no un solo archivo.")
        jobs: list[Job] = []
        seen: dict[str, Path] = {}
        for index, raw in enumerate(docx_paths):
            job = make_job(index, Path(raw), outdir)
            key = os.path.normcase(os.path.abspath(job.target))
            if key in seen:
                raise ConversionError(
                    f"«{seen[key]}» y «{job.source}» darían el mismo PDF «{job.target}».",
                    fix="Convierta cada uno por separado o cambie el nombre de uno de ellos.",
                )
            seen[key] = job.source
            jobs.append(job)
        return jobs
