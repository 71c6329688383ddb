"""The cddgen command line: parse options, call one library function, report in Spanish.

``app`` holds the group, the general options and the error boundary; the commands join it from
``render`` (documents from a filled form), ``office`` (forms, score, demo, numbering, signatures,
installation, configuration) and ``inbox`` (process, watch). None of them imports a pipeline at
its top: «cddgen --help» must answer without loading openpyxl, docxtpl… (tests/test_cli.py).
"""

from __future__ import annotations

from . import inbox, office, render  # noqa: F401 - each module adds its commands to ``cli``
from .app import cli, main

__all__ = ["cli", "main"]
