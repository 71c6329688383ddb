"""A pass over the inbox (``run_pass``): recover orphaned claims, take each stable file, try
again what waits for another form of the pass, follow up, write the indexes."""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ...config import Settings
from ..process import FileResult, Outcome
from .box import Inbox
from .claims import Claim
from .names import OBSERVED_DIR, readable_name
from .stability import StabilityTracker, StatKey


@dataclass
class PassReport:
    """What one pass did."""

    results: list[FileResult] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # still being copied when the pass ended
    empty: list[str] = field(default_factory=list)  # empty files left in the inbox
    index: tuple[Path, Path] | None = None  # the batch's LISTOS-PARA-FIRMA (.xlsx, .html)
    status: tuple[Path, Path] | None = None  # ESTADO (.xlsx, .html), when the pass rewrote it
    stopped: bool = False  # a stop was requested; the pass ended after the current file

    @property
    def failed(self) -> list[FileResult]:
        return [result for result in self.results if result.outcome is Outcome.FAILED]


def run_pass(
    settings: Settings,
    *,
    pdf: bool = True,
    wait: bool = True,
    stop=None,
    on_result: Callable[[FileResult], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    tracker: StabilityTracker | None = None,
    inbox: Inbox | None = None,
) -> PassReport:
    """One pass over the inbox (see the module doc).

    ``wait``: keep going until every file present is processed, waiting for those still
    being copied (``cddgen process``); without it, take what is ready now and return
    (``cddgen watch`` calls again). ``stop`` (a threading.Event) ends the pass after the
    current file. ``tracker`` keeps stability observations between passes.
    """
    box = inbox or Inbox(settings)
    try:
        return _run_pass(box, pdf=pdf, wait=wait, stop=stop, on_result=on_result, on_notice=on_notice,
                         tracker=tracker or StabilityTracker(box.config.stability))
    finally:
        if inbox is None:
            box.close()


def _run_pass(box: Inbox, *, pdf: bool, wait: bool, stop, on_result, on_notice,
              tracker: StabilityTracker) -> PassReport:
    config = box.config
    report = PassReport()
    notice = on_notice or (lambda text: None)
    for note in box.ensure():
        notice(note)

    def stopping() -> bool:
        if stop is not None and stop.is_set():
            report.stopped = True
        return report.stopped

    def done(result: FileResult) -> None:
        report.results.append(result)
        if on_result is not None:
            on_result(result)

    # Forms whose documents need a form this pass may still bring (the committee's, for an
    # Ascenso workbook), kept claimed and tried again once the other files are done.
    waiting: list[Claim] = []

    def take(claim: Claim) -> FileResult | None:
        result = _handle(box, claim, pdf, tracker, last_try=False)
        if result.waits_for and result.outcome is Outcome.FAILED:
            waiting.append(claim)
            return None
        done(result)
        return result

    with box.activity():
        try:
            for claim in box.orphaned_claims():
                notice(f"Se retoma «{claim.name}», que quedó a medio procesar.")
                take(claim)
                if stopping():
                    break
            deadline = time.monotonic() + config.max_wait
            announced: set[str] = set()
            # A file that went back to the inbox is retried by a later pass, never by this one
            # (with a retry delay of 0 the pass would otherwise never end).
            returned: set[str] = set()
            entries: dict[str, StatKey] = {}
            while not stopping():
                entries = {name: stat for name, stat in box.scan().items() if name not in returned}
                ready, next_due = tracker.observe(entries)
                for name in ready:
                    if stopping():
                        break
                    claim = box.claim(name, entries[name])
                    if claim is None:
                        tracker.defer(name, entries[name], config.stability)
                        continue
                    result = take(claim)
                    if result is not None and result.outcome is Outcome.FAILED:
                        returned.add(name)
                if ready or stopping():
                    continue
                if not wait or next_due is None:
                    break
                if time.monotonic() > deadline:
                    break
                changing = [name for name in tracker.changing(entries) if name not in announced]
                if changing:
                    notice("Esperando a que termine de copiarse: " + ", ".join(
                        f"«{readable_name(name)}»" for name in changing))
                announced.update(changing)
                pause = max(0.05, min(next_due, 1.0))
                if stop is not None:
                    stop.wait(pause)
                else:
                    time.sleep(pause)
            while waiting and not stopping():
                done(_handle(box, waiting.pop(0), pdf, tracker, last_try=True))
        finally:
            for claim in waiting:  # a stop before their last try: the next pass takes them up
                claim.abandon()
        if report.results and not report.stopped:
            report.results = box.follow_up(report.results, pdf=pdf, notice=notice)
        report.waiting = [readable_name(name) for name in tracker.changing(entries)] if entries else []
        report.empty = [readable_name(name) for name, key in sorted(entries.items()) if key[0] == 0]
        report.index, report.status = box.write_indexes(report.results)
    return report


def _handle(box: Inbox, claim: Claim, pdf: bool, tracker: StabilityTracker, *, last_try: bool) -> FileResult:
    """One claimed file, whatever happens: an unexpected error while handling it is reported
    and the pass goes on; the file stays claimed, its attempt counted, for the next pass
    (which sets it aside after MAX_ATTEMPTS). A kill (or a stop signal raised as an
    exception) leaves it the same way."""
    try:
        return box.handle(claim, pdf=pdf, tracker=tracker, last_try=last_try)
    except Exception as error:  # noqa: BLE001 - reported in the result, counted in the claim
        claim.abandon()
        return FileResult(
            name=claim.name, sha256="", outcome=Outcome.FAILED,
            reason=f"Error interno de cddgen al procesarlo ({type(error).__name__}: {error}). Se intentará otra vez "
                   f"en la próxima pasada; si vuelve a fallar, el archivo queda en «{OBSERVED_DIR}» con su explicación.",
            detail="".join(traceback.format_exception(error)),
        )
    except BaseException:
        claim.abandon()  # still claimed: the next pass (or run) finishes it
        raise
