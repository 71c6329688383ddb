"""Logging (issue 20, item 4): the inbox logs what it does; ``watch`` writes it through one
handler chosen at the edge — rich on a terminal, plain Spanish lines in a service's journal."""

from __future__ import annotations

import io
import logging

import pytest
from rich.logging import RichHandler

from generator.logs import ROOT, logging_to, service_handler
from generator.pipeline.inbox import run_pass
from generator.pipeline.process import Outcome

from .conftest import make_settings
from .test_inbox import CONFIG, drop


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _log_through(handler: logging.Handler) -> None:
    with logging_to(handler):
        logging.getLogger("generator.pipeline.watch").info("Vigilando «bandeja».")
        logging.getLogger("generator.pipeline.inbox.passes").warning("ficha.xlsx: observado (1 problema)")
        logging.getLogger("generator.pipeline.inbox.passes").debug("no se muestra")


def test_a_service_journal_gets_one_plain_line_per_record_with_its_date_and_level_in_spanish():
    stream = io.StringIO()
    _log_through(service_handler(stream))
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(" INFO Vigilando «bandeja».") and lines[0][:4].isdigit() and lines[0][4] == "-"
    assert lines[1].endswith(" AVISO ficha.xlsx: observado (1 problema)")


def test_a_terminal_gets_rich_lines_with_the_level_in_spanish():
    stream = _Terminal()
    handler = service_handler(stream)
    assert isinstance(handler, RichHandler)
    _log_through(handler)
    text = stream.getvalue()
    assert "Vigilando «bandeja»." in text and "AVISO" in text and "WARNING" not in text
    assert "no se muestra" not in text


def test_a_command_leaves_no_handler_behind():
    logger = logging.getLogger(ROOT)
    before = (list(logger.handlers), logger.level)
    with pytest.raises(RuntimeError), logging_to(logging.StreamHandler(io.StringIO())):
        raise RuntimeError("interrumpido")
    assert (list(logger.handlers), logger.level) == before


def test_a_pass_logs_each_file_with_its_result_at_the_level_of_its_outcome(tmp_path, caplog):
    office = make_settings(tmp_path, CONFIG)
    drop(office, "comite.xlsx")
    drop(office, "errores.xlsx", b"no es un libro")
    with caplog.at_level(logging.INFO, logger=ROOT):
        report = run_pass(office, pdf=False)
    logged = {record.result.name: record for record in caplog.records if hasattr(record, "result")}
    assert set(logged) == {result.name for result in report.results} == {"comite.xlsx", "errores.xlsx"}
    assert logged["comite.xlsx"].result.outcome is Outcome.PROCESSED and logged["comite.xlsx"].levelno == logging.INFO
    assert logged["comite.xlsx"].getMessage() == "comite.xlsx: procesado → ACTA N° 001-2026-CE-UGEL02"
    assert logged["errores.xlsx"].levelno == logging.WARNING
    assert logged["errores.xlsx"].getMessage().startswith("errores.xlsx: observado (1 problema) → inbox/observados/")
