"""Time of the experience periods (DOMAIN.md A.2; seed 003, 2.2 §3): sets of days, whole
calendar months, and the ``Clock`` that measures pieces of periods so that they add up.

Months follow ``matriz.experiencia.convencion_meses``: "calendario_mas_dias_30" (the escalafón's
años/meses/días: whole calendar months of each run of consecutive days plus its leftover days,
summed at 30 days = 1 month) or "dias_30" (all days divided by 30). See ``experience.py`` for how
the months of each criterion are found.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
from typing import Mapping, Sequence

Interval = tuple[int, int]  # date ordinals, both days included


# --- intervals of days --------------------------------------------------------------------


def normalize(intervals: Sequence[Interval]) -> list[Interval]:
    """Sorted, with overlapping or adjacent intervals merged."""
    result: list[Interval] = []
    for start, end in sorted(intervals):
        if result and start <= result[-1][1] + 1:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def subtract(intervals: Sequence[Interval], removed: Sequence[Interval]) -> list[Interval]:
    result: list[Interval] = []
    removed = normalize(removed)
    for start, end in normalize(intervals):
        cursor = start
        for r_start, r_end in removed:
            if r_end < cursor or r_start > end:
                continue
            if r_start > cursor:
                result.append((cursor, r_start - 1))
            cursor = max(cursor, r_end + 1)
            if cursor > end:
                break
        if cursor <= end:
            result.append((cursor, end))
    return result


def intersect(first: Sequence[Interval], second: Sequence[Interval]) -> list[Interval]:
    result: list[Interval] = []
    for a_start, a_end in normalize(first):
        for b_start, b_end in normalize(second):
            start, end = max(a_start, b_start), min(a_end, b_end)
            if start <= end:
                result.append((start, end))
    return normalize(result)


def days_of(start: dt.date, end: dt.date) -> list[Interval]:
    return [(start.toordinal(), end.toordinal())] if start <= end else []


# --- months -------------------------------------------------------------------------------


def anniversary(start: dt.date, months: int) -> dt.date:
    """The day ``months`` calendar months after ``start``; a day the month lacks (31/04)
    becomes the first day of the next month."""
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    last = calendar.monthrange(year, month)[1]
    if start.day <= last:
        return dt.date(year, month, start.day)
    return dt.date(year, month, last) + dt.timedelta(days=1)


@functools.lru_cache(maxsize=65536)
def calendar_months(start: dt.date, end: dt.date) -> tuple[int, int]:
    """Whole calendar months from ``start`` to ``end`` (both included) and the leftover days."""
    stop = end + dt.timedelta(days=1)
    months = (stop.year - start.year) * 12 + stop.month - start.month
    while months > 0 and anniversary(start, months) > stop:
        months -= 1
    return months, (stop - anniversary(start, months)).days


def count(intervals: Sequence[Interval], convention: str) -> tuple[int, int]:
    """(months, days) of a set of days under ``convention``; days < 30."""
    runs = normalize(intervals)
    if convention == "dias_30":
        total = sum(end - start + 1 for start, end in runs)
        return divmod(total, 30)
    whole = left = 0
    for start, end in runs:
        months, days = calendar_months(dt.date.fromordinal(start), dt.date.fromordinal(end))
        whole += months
        left += days
    return whole + left // 30, left % 30


# --- time that adds up ----------------------------------------------------------------------


Segment = tuple[str, Interval]  # (origin criterion, days): whose periods the days come from


class Clock:
    """The time of pieces of periods under the month convention, in days of 30 to the month,
    such that the pieces of a merged period always add up to the period.

    A day is measured on the calendar of the merged run of its **origin** criterion's own
    periods (A.2: «overlapping periods of one criterion are merged first»): its position is the
    time from the run's first day up to it (whole calendar months × 30 + the days left), and a
    piece of the run is worth the difference of the positions at its two ends. A whole run is
    worth what ``count`` gives it, and a run cut anywhere gives parts whose times add up to the
    run's. Counting each part as a period of its own would not: under the calendar convention a
    month of 31 days cut 15 + 16 counts 31 days (one more than the whole month), February cut in
    two counts 28 (two less), and the 30th day of a 31-day month completes a month a day before
    the calendar does — the day the overflow of a capped criterion used to carry on (issue 13).
    With ``dias_30`` a piece is worth its days.
    """

    def __init__(self, runs: Mapping[str, Sequence[Interval]], convention: str):
        self.convention = convention
        self._starts = {origin: [start for start, _ in normalize(days)] for origin, days in runs.items()}

    def anchor(self, origin: str, day: int) -> int:
        """The first day of the run of ``origin`` that holds ``day``."""
        starts = self._starts[origin]
        return starts[bisect.bisect_right(starts, day) - 1]

    def position(self, anchor: int, day: int) -> int:
        """Time from ``anchor`` up to ``day`` (excluded), in days of 30 to the month."""
        if day <= anchor or self.convention == "dias_30":
            return max(0, day - anchor)
        months, days = calendar_months(dt.date.fromordinal(anchor), dt.date.fromordinal(day - 1))
        return months * 30 + days

    def span(self, origin: str, piece: Interval) -> int:
        start, end = piece
        anchor = self.anchor(origin, start)
        return self.position(anchor, end + 1) - self.position(anchor, start)

    def total(self, segments: Sequence[Segment]) -> int:
        return sum(self.span(origin, piece) for origin, piece in segments)

    def of(self, origin: str, pieces: Sequence[Interval]) -> tuple[int, int]:
        """(months, days) of pieces of ``origin``'s periods; days < 30."""
        return divmod(self.total([(origin, piece) for piece in pieces]), 30)


def without(segments: Sequence[Segment], removed: Sequence[Interval]) -> list[Segment]:
    return [(origin, part) for origin, piece in segments for part in subtract([piece], removed)]


def segment_days(segments: Sequence[Segment]) -> list[Interval]:
    return normalize([piece for _, piece in segments])
