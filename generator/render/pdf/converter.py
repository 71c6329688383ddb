"""The converter: .docx files in, one result each, through soffice starts (see the package docstring)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Sequence

from ...config import PdfSettings
from ...errors import ConversionError
from ...fsutil import atomic_output
from .batch import ConversionResult, _Job, _make_job
from .messages import (
    _msg_failed, _msg_not_saved, _msg_start_failed, _msg_timeout, _msg_unreadable,
)
from .scheduler import ConversionStream
from .soffice import (
    DOCX_IMPORT_FILTER, PDF_EXPORT_FILTER, PDFA2_FILTER_OPTIONS, _POLL_SECONDS, _SOFFICE_FLAGS, _Cancelled,
    _kill_tree, _pdf_complete, _popen_options, _Run, find_soffice,
)

# --- the converter -------------------------------------------------------------------


class PdfConverter:
    """Converts .docx files to PDF with LibreOffice; see the module docstring."""

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

    def _jobs(self, docx_paths: Sequence[Path], outdir: Path | None) -> list[_Job]:
        if isinstance(docx_paths, (str, Path)):
            raise ConversionError("Se esperaba una lista de archivos .docx, no un solo archivo.")
        jobs: list[_Job] = []
        seen: dict[str, Path] = {}
        for index, raw in enumerate(docx_paths):
            job = _make_job(index, Path(raw), outdir)
            key = os.path.normcase(os.path.abspath(job.target))
            if key in seen:
                raise ConversionError(
                    f"«{seen[key]}» y «{job.source}» darían el mismo PDF «{job.target}».",
                    fix="Convierta cada uno por separado o cambie el nombre de uno de ellos.",
                )
            seen[key] = job.source
            jobs.append(job)
        return jobs

    def _run_soffice(
        self,
        soffice: str,
        profile: Path,
        workdir: Path,
        chunk: list[_Job],
        stop: threading.Event,
    ) -> tuple[dict[int, ConversionResult], list[_Job], bool, bool]:
        """Convert ``chunk`` with one soffice start.

        Returns (finished results, jobs to retry in a fresh soffice, whether soffice got
        through at least one document, whether it ended normally).
        """
        done: dict[int, ConversionResult] = {}
        run = _Run(Path(tempfile.mkdtemp(prefix="run-", dir=workdir)))
        try:
            staged: list[tuple[int, _Job]] = []
            for job in chunk:
                position = len(staged)
                try:
                    shutil.copyfile(job.source, run.indir / f"{run.copy_name(position)}.docx")
                except OSError as exc:
                    done[job.index] = ConversionResult(job.source, None, _msg_unreadable(job.source, exc))
                    continue
                staged.append((position, job))
            if not staged:
                return done, [], True, True

            convert_to = f"pdf:{PDF_EXPORT_FILTER}"
            if self.settings.pdfa:
                convert_to += f":{PDFA2_FILTER_OPTIONS}"
            args = [
                soffice,
                *_SOFFICE_FLAGS,
                f"-env:UserInstallation={profile.resolve().as_uri()}",
                f"--infilter={DOCX_IMPORT_FILTER}",
                "--convert-to",
                convert_to,
                "--outdir",
                str(run.outdir.resolve()),
                *[str((run.indir / f"{run.copy_name(p)}.docx").resolve()) for p, _ in staged],
            ]
            try:
                returncode, timed_out = self._execute(args, run, stop,
                                                      lambda: self._finish_written(run, staged))
            except OSError as exc:  # not a program, no permission, missing library loader...
                for _, job in staged:
                    reason = _msg_start_failed(job.source, soffice, exc)
                    done[job.index] = ConversionResult(job.source, None, reason)
                return done, [], False, False

            # Which document stopped soffice, if any: soffice works in order, so it is the
            # one whose PDF is half written, else the one after the last it got through.
            with_pdf = run.positions_with_pdf()
            culprit: int | None = None
            finished_all = not timed_out and returncode == 0
            if not finished_all:
                last = with_pdf[-1] if with_pdf else -1
                if last >= 0 and not _pdf_complete(run.pdf_of(last)):
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
            retry: list[_Job] = []
            for position, job in staged:
                if culprit is not None and position > culprit or culprit is None and position >= untouched:
                    retry.append(job)
                elif culprit is not None and position == culprit:
                    reason = (
                        _msg_timeout(job.source, self.settings.timeout)
                        if timed_out
                        else _msg_failed(job.source, returncode, tail)
                    )
                    done[job.index] = ConversionResult(job.source, None, reason)
                elif _pdf_complete(run.pdf_of(position)):
                    done[job.index] = self._deliver(job, run.pdf_of(position), run, position)
                else:
                    reason = _msg_failed(job.source, others_code, tail)
                    done[job.index] = ConversionResult(job.source, None, reason)
            progressed = (culprit is None or culprit > 0) and untouched > 0
            return done, retry, progressed, finished_all
        finally:
            shutil.rmtree(run.rundir, ignore_errors=True)

    def _execute(self, args: list[str], run: _Run, stop: threading.Event,
                 on_progress: Callable[[], None] | None = None) -> tuple[int | None, bool]:
        """Run soffice until it exits or a document exceeds its time: (returncode, timed_out).
        ``on_progress`` is called each time soffice is done with another document.

        Raises OSError when soffice cannot be started.
        """
        with open(run.stdout_path, "wb") as out, open(run.stderr_path, "wb") as err:
            proc = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=out, stderr=err, **_popen_options()
            )
            try:
                deadline = time.monotonic() + self.settings.timeout
                seen = 0
                while True:
                    try:
                        returncode = proc.wait(timeout=_POLL_SECONDS)
                        return returncode, False
                    except subprocess.TimeoutExpired:
                        pass
                    if stop.is_set():
                        raise _Cancelled
                    events = run.events()
                    if events != seen:
                        seen = events
                        if on_progress is not None:
                            on_progress()
                        deadline = time.monotonic() + self.settings.timeout
                    elif time.monotonic() > deadline:
                        _kill_tree(proc)
                        return proc.returncode, True
            finally:
                # Also on _Cancelled, KeyboardInterrupt or a bug above: never leave soffice behind.
                _kill_tree(proc)

    @staticmethod
    def _finish_written(run: _Run, staged: Sequence[tuple[int, _Job]]) -> None:
        """Finish the PDFs soffice is done with while it converts the next ones (soffice works
        in order: a PDF is done once a later one exists), so that the finishing steps do not
        all wait for the end of the start."""
        written = run.positions_with_pdf()
        last = written[-1] if written else -1
        for position, job in staged:
            if position >= last:
                break
            if job.finish is not None and position not in run.finished and _pdf_complete(run.pdf_of(position)):
                job.finish(run.pdf_of(position), job.target)
                run.finished.add(position)

    def _deliver(self, job: _Job, produced: Path, run: _Run | None = None, position: int = -1) -> ConversionResult:
        if job.finish is not None and (run is None or position not in run.finished):
            job.finish(produced, job.target)
        try:
            with atomic_output(job.target) as temp:
                shutil.move(produced, temp)
        except OSError as exc:
            return ConversionResult(job.source, None, _msg_not_saved(job.source, job.target, exc))
        return ConversionResult(job.source, job.target, None)

