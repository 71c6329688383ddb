"""The shared inbox from the command line: «cddgen process» (one pass) and «cddgen watch» (a service)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import click

from ..config import Settings
from ..errors import ExitStatus
from ..wording import count
from .app import _fixed_today, _settings, _shown_path, cli, inbox_pipeline, logs, pdf_option, process_pipeline, watch_pipeline

if TYPE_CHECKING:
    from ..pipeline.process import FileResult


def _inbox_settings(ctx: click.Context, bandeja: str | None, outbox: str | None) -> Settings:
    settings = _settings(ctx)
    settings.require_installation("procesar la bandeja de entrada")
    changes = {}
    if bandeja:
        changes["inbox"] = Path(bandeja).resolve()
    if outbox:
        changes["outbox"] = Path(outbox).resolve()
    return dataclasses.replace(settings, **changes) if changes else settings


def inbox_options(function: Callable) -> Callable:
    function = pdf_option(function)
    function = click.option("--outbox", "outbox", type=click.Path(file_okay=False),
                            help="Carpeta de salida de los documentos (por defecto rutas.bandeja_salida).")(function)
    return click.argument("bandeja", required=False, type=click.Path(file_okay=False))(function)


def _show_result(result: FileResult, base: Path) -> None:
    Outcome = process_pipeline.Outcome
    line = f"{dt.datetime.now():%H:%M:%S} {inbox_pipeline.outcome_line(result, base)}"
    if result.outcome in (Outcome.PROCESSED, Outcome.DUPLICATE):
        click.secho(line, fg="green")
    elif result.outcome is Outcome.OBSERVED:
        click.secho(line, fg="yellow")
    else:
        click.secho(line, fg="red", err=True)


class _PassConsole(logging.Handler):
    """What ``cddgen process`` prints while its pass runs, from the pass's log records: a line
    per file in its colour, its warnings, and the pass's notices with their time."""

    def __init__(self, base: Path) -> None:
        super().__init__(logging.INFO)
        self.base = base

    def emit(self, record: logging.LogRecord) -> None:
        result = getattr(record, "result", None)
        if result is not None:
            _show_result(result, self.base)
        elif getattr(record, "warning_of", None) is not None:
            click.secho(f"    Aviso: {record.getMessage()}", fg="yellow", err=True)
        else:
            _notice(record.getMessage())


def _notice(text: str) -> None:
    click.echo(f"{dt.datetime.now():%H:%M:%S} {text}")


@cli.command("process")
@inbox_options
@click.option("--verificar", is_flag=True,
              help="No procesa nada: revisa que outbox/, el registro de numeración y la bandeja concuerden.")
@click.pass_context
def process_command(ctx: click.Context, bandeja: str | None, outbox: str | None, pdf: bool, verificar: bool) -> None:
    """Procesa una vez todos los formularios de la bandeja de entrada (BANDEJA, por defecto
    rutas.bandeja_entrada) y termina.

    Espera a los archivos que todavía se están copiando. Los documentos quedan en
    outbox/<año>/<tipo>/; cada formulario pasa a procesados/ (con su recibo) u observados/
    (con la explicación de qué corregir).
    """
    settings = _inbox_settings(ctx, bandeja, outbox)
    if verificar:
        problems = inbox_pipeline.check_outbox(settings)
        for problem in problems:
            click.secho(f"  - {problem}", fg="red")
        click.echo(f"{count(len(problems), 'problema encontrado', 'problemas encontrados')}." if problems else
                   "Todo en orden: outbox/, el registro de numeración y la bandeja concuerdan.")
        ctx.exit(int(ExitStatus.ERROR) if problems else int(ExitStatus.OK))
    stop = threading.Event()
    base = settings.inbox.parent
    with watch_pipeline.stop_on_signals(stop), logs.logging_to(_PassConsole(base)):
        report = inbox_pipeline.run_pass(settings, pdf=pdf, wait=True, stop=stop)
    _summary(report, base)
    if report.failed:
        ctx.exit(int(ExitStatus.ERROR))


def _summary(report: inbox_pipeline.PassReport, base: Path) -> None:
    Outcome = process_pipeline.Outcome
    counts = {outcome: 0 for outcome in Outcome}
    for result in report.results:
        counts[result.outcome] += 1
    if not report.results:
        click.echo("No había formularios para procesar.")
    else:
        click.echo(
            f"Resumen: {count(counts[Outcome.PROCESSED], 'procesado')}, {count(counts[Outcome.DUPLICATE], 'duplicado')}, "
            f"{count(counts[Outcome.OBSERVED], 'observado')}, {counts[Outcome.FAILED]} con error (vuelven a la bandeja)."
        )
    if report.status:
        click.echo(f"Estado de la bandeja (todo lo recibido y numerado): {_shown_path(report.status[0], base)}")
    if report.index:
        click.echo(f"Listos para firma: {_shown_path(report.index[1], base)}")
    for name in report.empty:
        click.secho(f"«{name}» está vacío (0 bytes); quedó en la bandeja.", fg="yellow")
    for name in report.waiting:
        click.secho(f"«{name}» todavía se estaba copiando; se procesará en la próxima pasada.", fg="yellow")
    if report.stopped:
        click.echo("Detenido a pedido: el archivo en curso se terminó; los demás esperan en la bandeja.")


@cli.command("watch")
@inbox_options
@click.option("--polling", is_flag=True, default=False,
              help="Revisar la carpeta periódicamente en vez de esperar avisos del sistema "
                   "(necesario en carpetas de red; por defecto se detecta, [bandeja] sondeo).")
@click.pass_context
def watch_command(ctx: click.Context, bandeja: str | None, outbox: str | None, pdf: bool, polling: bool) -> None:
    """Vigila la bandeja de entrada y procesa cada formulario que llega, hasta Ctrl+C o SIGTERM
    (termina primero el archivo en curso).

    Cada formulario se procesa igual que con «cddgen process».
    """
    settings = _inbox_settings(ctx, bandeja, outbox)
    stop = threading.Event()
    today = None if _fixed_today(ctx) else dt.date.today
    with watch_pipeline.stop_on_signals(stop), logs.logging_to(logs.service_handler()):
        watch_pipeline.watch(settings, pdf=pdf, polling=True if polling else None, stop=stop, today=today)
