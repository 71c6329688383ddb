"""Logging of what ``cddgen watch`` does as a service, configured once, at the edge (the command).

The pipeline logs through ``logging.getLogger(__name__)``; nothing below the command chooses
where it goes. On a terminal the records go through rich's ``RichHandler`` (time, level, the
message wrapped to the window); otherwise — a service's journal, a file, a pipe — one plain
line each, with the date and time. Level names are written in Spanish.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from typing import IO, Iterator

from rich.console import Console
from rich.logging import RichHandler
from rich.text import Text

# The logger every module of cddgen logs under (``generator.…``).
ROOT = "generator"

LEVEL_NAMES = {
    logging.DEBUG: "DEPURACIÓN",
    logging.INFO: "INFO",
    logging.WARNING: "AVISO",
    logging.ERROR: "ERROR",
    logging.CRITICAL: "CRÍTICO",
}


def _level_name(record: logging.LogRecord) -> str:
    return LEVEL_NAMES.get(record.levelno, record.levelname)


class _SpanishRichHandler(RichHandler):
    def get_level_text(self, record: logging.LogRecord) -> Text:
        name = _level_name(record)
        return Text.styled(name.ljust(8), f"logging.level.{record.levelname.lower()}")


class _PlainFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(spanish_level)s %(message)s", datefmt="%Y-%m-%d %H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        record.spanish_level = _level_name(record)
        return super().format(record)


def service_handler(stream: IO[str] | None = None) -> logging.Handler:
    """The handler of ``watch``'s log: rich on a terminal, plain lines otherwise (on ``stream``,
    standard error by default)."""
    stream = stream if stream is not None else sys.stderr
    if stream.isatty():
        return _SpanishRichHandler(console=Console(file=stream), show_path=False, markup=False,
                                   log_time_format="%H:%M:%S")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(_PlainFormatter())
    return handler


@contextlib.contextmanager
def logging_to(handler: logging.Handler, level: int = logging.INFO) -> Iterator[logging.Handler]:
    """Send cddgen's records of ``level`` and above to ``handler`` for the duration of a command
    (then as before: a command run in-process, as in the tests, leaves nothing behind)."""
    logger = logging.getLogger(ROOT)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(level)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
