"""The conversion scheduler: documents handed over one by one, shared among worker threads
that each run one soffice at a time (see the package docstring)."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import ConversionError
from ...scratch import run_folder
from .batch import ConversionResult, Finish, Job, convert_chunk, make_job
from .messages import msg_disabled, msg_given_up, msg_internal, msg_missing
from .soffice import MAX_DOCS_PER_START, POLL_SECONDS, Cancelled, find_soffice, new_profile

if TYPE_CHECKING:
    from .converter import PdfConverter

# Starts in a row that convert nothing (hang or crash) before the rest of a batch is given up.
MAX_STARTS_WITHOUT_PROGRESS = 3

def planned_chunk(expected: int, workers: int, mine: int, taken: int, limit: int | None = None) -> int:
    """How many documents a worker that has taken ``mine`` of ``expected`` (``taken`` by all
    workers) converts in its next soffice start: every worker gets the same share, in as
    few equal starts of at most ``limit`` as possible, so that all finish together (an uneven
    split leaves one core idle while another converts a whole last chunk). 0 once this
    worker has had its share."""
    limit = limit or MAX_DOCS_PER_START
    left = min(-(-expected // workers) - mine, expected - taken)
    if left <= 0:
        return 0
    starts = -(-left // limit)
    return -(-left // starts)


class ConversionStream:
    """Converts documents handed over one by one, while the caller is still rendering more.

    ``settings.workers`` threads each run one soffice at a time. A free worker takes what is
    waiting: while documents are still coming it waits for at least ``MIN_CHUNK`` of them
    (a soffice start costs about as much as converting several documents), then takes all
    that are waiting, so chunks grow as rendering runs ahead of conversion and a batch of a
    thousand documents needs only a few starts per worker; once the stream is closed, the
    rest is shared evenly among the free workers. When the caller says how many documents
    will come, each worker gets the same share of them, in as few equal starts of at most
    ``MAX_DOCS_PER_START`` as possible, so all workers finish together.
    Each worker keeps its throwaway profile
    between starts (a fresh one after a kill). Use as a context manager: leaving the block
    by an exception stops every soffice at once.
    """

    MIN_CHUNK = 12

    def __init__(self, converter: PdfConverter, *, outdir: Path | None = None, expected: int | None = None) -> None:
        self._converter = converter
        self._expected = expected
        self._taken = 0
        self._settings = converter.settings
        self._outdir = outdir
        self._queue: deque[Job] = deque()
        self._results: dict[int, ConversionResult] = {}
        self._sources: list[Path] = []
        self._count = 0
        self._closed = False
        self._idle = 0
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._running = 0
        self._problem: str | None = None
        if not self._settings.enabled:
            self._problem = "disabled"
        else:
            self._soffice = find_soffice(self._settings.soffice)
            if self._soffice is None:
                self._problem = "missing"
        if self._problem is None:
            workers = self._settings.workers if self._settings.workers > 0 else (os.cpu_count() or 1)
            self._running = workers
            for number in range(workers):
                thread = threading.Thread(target=self._work, name=f"cddgen-pdf-{number}", daemon=True)
                self._threads.append(thread)
                thread.start()

    def __enter__(self) -> "ConversionStream":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self._stop.set()
        self._finish()

    def _finish(self) -> None:
        """Close and wait for every worker (and so every soffice) to end.

        Waiting on a condition rather than Thread.join: a join interrupted by Ctrl-C may
        afterwards report a thread as finished while it is still killing its soffice.
        """
        with self._cond:
            self._closed = True
            self._cond.notify_all()
            while self._running:
                self._cond.wait(timeout=POLL_SECONDS)

    def submit(self, docx_path: Path, *, target: Path | None = None, finish: Finish | None = None) -> None:
        """Queue ``docx_path``; its PDF goes to ``target`` (default: beside it, or in outdir),
        after ``finish(pdf, target)`` when given (it must not raise: see ``Finish``)."""
        with self._cond:
            if self._closed:
                raise ConversionError("La conversión ya se cerró; no se pueden agregar documentos.")
            job = make_job(self._count, Path(docx_path), self._outdir, target, finish)
            self._count += 1
            self._sources.append(job.source)
            if self._problem == "disabled":
                self._results[job.index] = ConversionResult(job.source, None, msg_disabled(job.source))
            elif self._problem == "missing":
                reason = msg_missing(job.source, self._settings.soffice)
                self._results[job.index] = ConversionResult(job.source, None, reason)
            else:
                self._queue.append(job)
                self._cond.notify_all()

    def close(self) -> list[ConversionResult]:
        """Wait for every document; one result per submitted document, in submission order."""
        self._finish()
        return [
            self._results.get(index)
            or ConversionResult(source, None, msg_internal(source))
            for index, source in enumerate(self._sources)
        ]

    # -- workers

    def _planned_chunk(self, mine: int) -> int:
        return planned_chunk(self._expected, len(self._threads), mine, self._taken)

    def _take(self, mine: int = 0) -> list[Job] | None:
        """The next chunk for a free worker that has taken ``mine`` documents so far, or None
        when the stream is closed and drained."""
        with self._cond:
            self._idle += 1
            try:
                while True:
                    if self._stop.is_set():
                        raise Cancelled
                    waiting = len(self._queue)
                    if self._closed and not waiting:
                        return None
                    planned = self._planned_chunk(mine) if self._expected is not None else 0
                    if planned:
                        if waiting < planned and not self._closed:
                            self._cond.wait(timeout=POLL_SECONDS)
                            continue
                        size = min(planned, waiting)
                    elif self._closed:
                        # A worker past its share helps a slower one with half of what is left,
                        # not all of it; without a plan, what waits goes to the free workers.
                        sharers = len(self._threads) if self._expected is not None else max(1, self._idle)
                        size = min(MAX_DOCS_PER_START, -(-waiting // sharers))
                    elif waiting >= self.MIN_CHUNK:
                        size = min(MAX_DOCS_PER_START, waiting)
                    else:
                        self._cond.wait(timeout=POLL_SECONDS)
                        continue
                    self._taken += size
                    return [self._queue.popleft() for _ in range(size)]
            finally:
                self._idle -= 1

    def _record(self, results: dict[int, ConversionResult]) -> None:
        with self._cond:
            self._results.update(results)

    def _work(self) -> None:
        workdir: Path | None = None
        try:
            root = self._converter.profile_root
            if root is not None:
                root.mkdir(parents=True, exist_ok=True)
            else:  # this process's temporary folder, removed at exit (or by the next run if killed)
                root = run_folder(None)
            workdir = Path(tempfile.mkdtemp(prefix="cddgen-pdf-", dir=root))
            profile: Path | None = None
            idle_starts = 0
            retry: list[Job] = []
            taken = 0
            while True:
                chunk = retry or self._take(taken)
                if chunk is None:
                    break
                if not retry:
                    taken += len(chunk)
                if idle_starts >= MAX_STARTS_WITHOUT_PROGRESS:
                    # This soffice keeps stopping on the first document of what is left.
                    self._record({job.index: ConversionResult(job.source, None, msg_given_up(job.source, MAX_STARTS_WITHOUT_PROGRESS))
                                  for job in chunk})
                    retry, idle_starts = [], 0
                    continue
                if profile is None:
                    profile = new_profile(workdir, self._settings.pdfa)
                done, retry, progressed, healthy = convert_chunk(
                    self._settings, self._soffice, profile, workdir, chunk, self._stop
                )
                self._record(done)
                idle_starts = 0 if progressed else idle_starts + 1
                if not healthy:
                    # A killed or crashed soffice may leave its profile half written.
                    shutil.rmtree(profile, ignore_errors=True)
                    profile = None
        except Cancelled:
            return
        finally:
            if workdir is not None:
                shutil.rmtree(workdir, ignore_errors=True)
            with self._cond:
                self._running -= 1
                self._cond.notify_all()
