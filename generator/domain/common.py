"""Plain data shared by every family's rules: where a record came from, and a broken rule."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """The sheet and row a record was read from, so a rule can point the user at it."""

    sheet: str
    row: int


@dataclass(frozen=True)
class Problem:
    """A rule a record breaks: the message and fix in Spanish, and which value it concerns."""

    message: str
    fix: str | None = None
    source: Source | None = None
    field: str | None = None
