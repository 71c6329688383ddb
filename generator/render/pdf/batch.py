"""One soffice start over a chunk of documents: stage the copies, run soffice, find which
document stopped it, deliver the PDFs (after their finishing step) and hand back the rest.

Also what a document to convert is (``Job``) and what converting it gave (``ConversionResult``).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from ...config import PdfSettings
from ...errors import ConversionError
from ...fsutil import atomic_output
from .messages import msg_failed, msg_not_saved, msg_start_failed, msg_timeout, msg_unreadable
from .soffice import SofficeRun, command, execute, pdf_complete


@dataclass(frozen=True)
class ConversionResult:
    source: Path
    pdf: Path | None
    error: str | None



# A last step on a converted PDF before it is delivered: called with the PDF (in the private
# folder) and the path it is delivered to; it may rewrite the PDF in place.
Finish = Callable[[Path, Path], None]


@dataclass
class Job:
    index: int
    source: Path
    target: Path
    finish: Finish | None = None



def make_job(index: int, source: Path, outdir: Path | None, target: Path | None = None,
              finish: Finish | None = None) -> Job:
    if source.suffix.lower() != ".docx":
        raise ConversionError(f"«{source}» no es un archivo .docx.", file=source)
    if not source.is_file():
        raise ConversionError(f"«{source}» no existe o no es un archivo.", file=source)
    if target is None:
        folder = Path(outdir) if outdir is not None else source.parent
        target = folder / f"{source.stem}.pdf"
    return Job(index, source, target, finish)


def convert_chunk(
    settings: PdfSettings,
    soffice: str,
    profile: Path,
    workdir: Path,
    chunk: list[Job],
    stop: threading.Event,
) -> tuple[dict[int, ConversionResult], list[Job], bool, bool]:
    """Convert ``chunk`` with one soffice start.

    Returns (finished results, jobs to retry in a fresh soffice, whether soffice got
    through at least one document, whether it ended normally).
    """
    done: dict[int, ConversionResult] = {}
    run = SofficeRun(Path(tempfile.mkdtemp(prefix="run-", dir=workdir)))
    try:
        staged: list[tuple[int, Job]] = []
        for job in chunk:
            position = len(staged)
            try:
                shutil.copyfile(job.source, run.indir / f"{run.copy_name(position)}.docx")
            except OSError as exc:
                done[job.index] = ConversionResult(job.source, None, msg_unreadable(job.source, exc))
                continue
            staged.append((position, job))
        if not staged:
            return done, [], True, True

        args = command(soffice, profile, run, [position for position, _ in staged], pdfa=settings.pdfa)
        try:
            returncode, timed_out = execute(args, run, stop, settings.timeout,
                                            lambda: _finish_written(run, staged))
        except OSError as exc:  # not a program, no permission, missing library loader...
            for _, job in staged:
                reason = msg_start_failed(job.source, soffice, exc)
                done[job.index] = ConversionResult(job.source, None, reason)
            return done, [], False, False

        # Which document stopped soffice, if any: soffice works in order, so it is the
        # one whose PDF is half written, else the one after the last it got through.
        with_pdf = run.positions_with_pdf()
        culprit: int | None = None
        finished_all = not timed_out and returncode == 0
        if not finished_all:
            last = with_pdf[-1] if with_pdf else -1
            if last >= 0 and not pdf_complete(run.pdf_of(last)):
                culprit = last
            else:
                culprit = max(run.events(), last + 1)
            if culprit >= len(staged):
                culprit = None  # it stopped after the last document: nothing to retry
        tail = run.stderr_tail()
        # The exit code speaks for the run only when soffice got through every document.
        others_code = returncode if culprit is None and not timed_out else None

        # A clean exit that left the last documents without PDF nor error did not get to them
        # (LibreOffice drops arguments beyond its limit): they go to the next start.
        untouched = len(staged)
        if finished_all and run.stderr_errors() == 0:
            untouched = (with_pdf[-1] + 1) if with_pdf else 0
        retry: list[Job] = []
        for position, job in staged:
            if culprit is not None and position > culprit or culprit is None and position >= untouched:
                retry.append(job)
            elif culprit is not None and position == culprit:
                reason = (
                    msg_timeout(job.source, settings.timeout)
                    if timed_out
                    else msg_failed(job.source, returncode, tail)
                )
                done[job.index] = ConversionResult(job.source, None, reason)
            elif pdf_complete(run.pdf_of(position)):
                done[job.index] = _deliver(job, run.pdf_of(position), run, position)
            else:
                reason = msg_failed(job.source, others_code, tail)
                done[job.index] = ConversionResult(job.source, None, reason)
        progressed = (culprit is None or culprit > 0) and untouched > 0
        return done, retry, progressed, finished_all
    finally:
        shutil.rmtree(run.rundir, ignore_errors=True)


def _finish_written(run: SofficeRun, staged: Sequence[tuple[int, Job]]) -> None:
    """Finish the PDFs soffice is done with while it converts the next ones (soffice works
    in order: a PDF is done once a later one exists), so that the finishing steps do not
    all wait for the end of the start."""
    written = run.positions_with_pdf()
    last = written[-1] if written else -1
    for position, job in staged:
        if position >= last:
            break
        if job.finish is not None and position not in run.finished and pdf_complete(run.pdf_of(position)):
            job.finish(run.pdf_of(position), job.target)
            run.finished.add(position)


def _deliver(job: Job, produced: Path, run: SofficeRun | None = None, position: int = -1) -> ConversionResult:
    if job.finish is not None and (run is None or position not in run.finished):
        job.finish(produced, job.target)
    try:
        with atomic_output(job.target) as temp:
            shutil.move(produced, temp)
    except OSError as exc:
        return ConversionResult(job.source, None, msg_not_saved(job.source, job.target, exc))
    return ConversionResult(job.source, job.target, None)
