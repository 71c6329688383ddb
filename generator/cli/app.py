"""The cddgen command group and what every command shares: the general options, the error
boundary, the settings and the ``Run`` of a command, the shared options and the reports.

Every CddgenError becomes its Spanish message and the exit code of its class (README,
«Códigos de salida»); an unexpected error prints one line and, with --depurar, the traceback.
The commands are in ``cli.render`` (documents from a form), ``cli.office`` (forms, score, demo,
numbering, signatures, installation, configuration) and ``cli.inbox`` (process, watch).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import importlib
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

import click

from .. import cli_es, console
from ..config import CONFIG_FILENAME, Settings, load_settings
from ..errors import CddgenError, ExitStatus, InvalidInput
from ..fsutil import shown_path as _shown_path
from ..run import Run
from ..wording import TRATAMIENTO_CHOICES, count

if TYPE_CHECKING:
    from ..render.documents import ProducedDocument


class _LazyModule:
    """A module imported on first use: «cddgen --help» must answer at once, without loading
    openpyxl, pandas, docxtpl, pypdf or matplotlib, which only the commands that run need.
    tests/test_cli.py checks which modules «--help» leaves unimported."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str):
        return getattr(importlib.import_module(self._name), attribute)


ascenso_pipeline = _LazyModule("generator.pipeline.ascenso")
cap_pipeline = _LazyModule("generator.pipeline.cap")
cdd_pipeline = _LazyModule("generator.pipeline.cdd")
demo_pipeline = _LazyModule("generator.pipeline.demo")
comite_pipeline = _LazyModule("generator.pipeline.comite")
families = _LazyModule("generator.pipeline.families")
inbox_pipeline = _LazyModule("generator.pipeline.inbox")
numeracion_pipeline = _LazyModule("generator.pipeline.numeracion")
process_pipeline = _LazyModule("generator.pipeline.process")
reclamos_pipeline = _LazyModule("generator.pipeline.reclamos")
informe_pipeline = _LazyModule("generator.pipeline.informe")
signed_pipeline = _LazyModule("generator.pipeline.signed_copies")
watch_pipeline = _LazyModule("generator.pipeline.watch")
filters = _LazyModule("generator.render.filters")
logs = _LazyModule("generator.logs")

cli_es.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# ctx.meta (shared by every context of a run) holds the general options' values.
_GENERAL = "cddgen.opciones_generales"


def _remember_general(ctx: click.Context, param: click.Parameter, value: object) -> None:
    if value is not None and value is not False:
        ctx.meta.setdefault(_GENERAL, {})[param.name] = value


class GeneralOption(click.Option):
    """An option of the whole program that every command also accepts after its own name, as
    click's users expect: «cddgen render acta-instalacion F --fecha 2026-03-02» is «cddgen
    --fecha 2026-03-02 render acta-instalacion F». The value goes to ``ctx.meta``; one given
    after the command wins over one given before it."""

    def __init__(self, *args, **kwargs):
        kwargs.update(expose_value=False, callback=_remember_general)
        super().__init__(*args, **kwargs)


def general_options() -> list[GeneralOption]:
    """Fresh options for one command (click keeps per-command state in them)."""
    return [
        GeneralOption(["--config", "config_path"], type=click.Path(dir_okay=False),
                      help=f"Configuración de la instalación (por defecto el {CONFIG_FILENAME} de esta carpeta o "
                           "de una superior, o la instalación registrada con «cddgen init»)."),
        GeneralOption(["--outbox"], type=click.Path(file_okay=False),
                      help="Carpeta de salida de los documentos (por defecto rutas.bandeja_salida)."),
        GeneralOption(["--fecha", "today"], metavar="AAAA-MM-DD",
                      help="Fecha que llevan los documentos, en lugar de la que indican los formularios (por "
                           "ejemplo, la «Fecha del acta» o la sesión que los aprobó)."),
        GeneralOption(["--depurar", "debug"], is_flag=True,
                      help="Muestra el detalle técnico de un error inesperado."),
    ]


def _general_values(ctx: click.Context) -> dict:
    return ctx.meta.get(_GENERAL, {})


class SpanishCommand(click.Command):
    """Every command: Spanish usage line, and the general options accepted after its name
    (unless it has an option of its own with the same name, e.g. «process --outbox»)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPCIONES]")
        super().__init__(*args, **kwargs)
        taken = {opt for param in self.params for opt in param.opts}
        self.params.extend(option for option in general_options() if not taken & set(option.opts))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        own, general = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and not isinstance(param, click.Argument):
                (general if isinstance(param, GeneralOption) else own).append(record)
        for title, records in (("Opciones", own), ("Opciones generales (también antes del comando)", general)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


class SpanishGroup(click.Group):
    command_class = SpanishCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPCIONES]")
        kwargs.setdefault("subcommand_metavar", "COMANDO [ARGUMENTOS]...")
        super().__init__(*args, **kwargs)


SpanishGroup.group_class = SpanishGroup


class CddgenGroup(SpanishGroup):
    """Turns our errors into messages and exit codes, never into tracebacks."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InvalidInput as error:
            click.secho(str(error), fg="red", err=True)
            ctx.exit(int(error.exit_status))
        except CddgenError as error:
            click.secho(f"Error: {error}", fg="red", err=True)
            ctx.exit(int(error.exit_status))
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.secho("Interrumpido por el usuario.", fg="yellow", err=True)
            ctx.exit(int(ExitStatus.INTERRUPTED))
        except BrokenPipeError:
            # The reader of our output went away (e.g. «| head»): stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(int(ExitStatus.OK))
        except Exception as error:  # the last barrier: a message, not a traceback
            debug = _general_values(ctx).get("debug")
            if debug:
                traceback.print_exc()
            click.secho(
                f"Error interno inesperado ({type(error).__name__}: {error}). "
                "Vuelva a ejecutar con --depurar y envíe el detalle al equipo de cddgen.",
                fg="red",
                err=True,
            )
            ctx.exit(int(ExitStatus.ERROR))


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj["settings_factory"]()


def command_run(ctx: click.Context, pdf: bool = True, settings: Settings | None = None) -> Run:
    """The ``Run`` of a command: its settings (the general options), the outbox and registry they
    name, and --pdf/--sin-pdf."""
    return Run(settings or _settings(ctx), pdf=pdf)


def _resolve(path: str | None) -> str | None:
    return str(Path(path).resolve()) if path else None


@click.group(name="cddgen", cls=CddgenGroup, context_settings=CONTEXT, params=general_options())
@click.version_option(package_name="cddgen", message="cddgen %(version)s",
                      help="Muestra la versión y termina.")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """cddgen: documentos oficiales de la UGEL, la DRE y los CETPRO en Word y PDF, a partir de
    formularios Excel y Word llenados.

    Empiece con «cddgen demo» (genera todos los documentos de los ejemplos) y «cddgen init
    CARPETA» (crea la instalación de la oficina: configuración, bandejas, formularios en blanco y
    registro de numeración).
    """
    console.install()  # also when called from Python (tests, CliRunner), not only from main()

    # Called by a command once its own options are parsed: the general options may follow it.
    @functools.cache
    def factory() -> Settings:
        general = _general_values(ctx)
        outbox, today = general.get("outbox"), general.get("today")
        overrides = {"rutas": {"bandeja_salida": _resolve(outbox)}} if outbox else None
        run_today = None
        if today:
            try:
                run_today = dt.date.fromisoformat(today)
            except ValueError:
                raise click.UsageError(f"--fecha: «{today}» no es una fecha AAAA-MM-DD.") from None
        settings = load_settings(general.get("config_path"), overrides=overrides, today=run_today,
                                 document_date=run_today)
        if ctx.meta.get("reissue_signed"):
            settings = dataclasses.replace(settings, reissue_signed=True)
        return settings

    ctx.obj = {"settings_factory": factory}


def _fixed_today(ctx: click.Context) -> bool:
    return bool(_general_values(ctx).get("today") or os.environ.get("CDDGEN_HOY"))


def _reissue_signed(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta["reissue_signed"] = True  # ctx.meta is shared by the whole chain of contexts


def pdf_option(function: Callable) -> Callable:
    """The options of every command that writes documents: --pdf/--sin-pdf, --reemitir-firmados."""
    function = click.option(
        "--reemitir-firmados", is_flag=True, expose_value=False, callback=_reissue_signed,
        help="Vuelve a generar también los documentos que ya tienen firmas: sus copias firmadas pasan a "
             "reemplazados/ y deben firmarse otra vez (sin esta opción, un documento firmado no se regenera).",
    )(function)
    return click.option("--pdf/--sin-pdf", "pdf", default=True,
                        help="Convertir también a PDF con LibreOffice (por defecto, sí).")(function)


def report(documents: Sequence[ProducedDocument], base: Path | None = None) -> None:
    """One line per document and file; PDF problems as warnings (the .docx is delivered)."""
    if not documents:
        click.echo("No se generó ningún documento.")
        return
    click.echo(f"{count(len(documents), 'documento generado', 'documentos generados')}:")
    for document in documents:
        kept = " (ya tiene firmas y no cambió: se deja como está)" if document.kept_signed else ""
        click.echo(f"  {document.number}" + (f" — {document.person}" if document.person else "") + kept)
        for path in document.files:
            click.echo(f"    {_shown_path(path, base)}")
        for before, now in document.replaced:
            click.echo(f"    (reemplaza a {_shown_path(before, base)}, guardado en {_shown_path(now, base)})")
    problems = {document.pdf_error for document in documents if document.pdf_error}
    for problem in sorted(problems):
        click.secho(f"Aviso: no se generó el PDF. {problem}", fg="yellow", err=True)
    for warning in sorted({warning for document in documents for warning in document.warnings}):
        click.secho(f"Aviso: {warning}", fg="yellow", err=True)



def signer_options(function: Callable) -> Callable:
    """Who signs a UGEL informe, in place of [firmante] of cddgen.toml."""
    for option in reversed((
        click.option("--firmante", "nombre", metavar="NOMBRE", help="Nombres y apellidos de quien firma el informe."),
        click.option("--firmante-dni", "dni", metavar="DNI", help="DNI de quien firma (8 dígitos)."),
        click.option("--firmante-cargo", "cargo", metavar="CARGO", help="Cargo con que firma."),
        click.option("--firmante-tratamiento", "tratamiento", type=click.Choice(TRATAMIENTO_CHOICES),
                     help="Sr. o Sra."),
    )):
        function = option(function)
    return function



def workbook_argument(function: Callable) -> Callable:
    return click.argument("libro", required=False, type=click.Path(exists=True, dir_okay=False))(function)


def committee_option(function: Callable) -> Callable:
    return click.option(
        "--comite", type=click.Path(exists=True, dir_okay=False), metavar="FORMULARIO",
        help="Formulario del Comité llenado, para las firmas (por defecto rutas.formulario_comite o el "
             "comite.xlsx de la carpeta del libro).",
    )(function)



def report_warnings(warnings: Sequence[str]) -> None:
    """What the input does not say and the documents lack (e.g. an older form version)."""
    for warning in warnings:
        click.secho(f"Aviso: {warning}", fg="yellow", err=True)


@contextlib.contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int | None, int | None, str | None], None]]:
    """A bar on stderr (description, bar, done/total, time): yields ``update(done, total, text)``,
    where None leaves a value as it was."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int | None, total: int | None, text: str | None) -> None:
            changes = {"completed": done, "total": total, "description": text}
            bar.update(task, **{key: value for key, value in changes.items() if value is not None})

        yield update


def _checked_dni(dni: str) -> str:
    dni = dni.strip()
    if not dni.isdigit() or len(dni) != 8:
        raise click.BadParameter(f"«{dni}» no es un DNI: debe tener 8 dígitos.", param_hint="'--postulante'")
    return dni


def report_made(made: reclamos_pipeline.Made) -> None:
    """The documents, then the history workbook, the expediente and the warnings of an Ascenso command."""
    report(made.documents)
    if made.expediente:
        expediente = made.expediente
        tomos = expediente.tomos
        if len(tomos) == 1:
            click.echo(f"Expediente foliado ({expediente.total} folios): {_shown_path(expediente.path, None)}")
        else:
            click.echo(f"Expediente foliado ({expediente.total} folios, en {len(tomos)} tomos):")
            for tomo in tomos:
                click.echo(f"  tomo {tomo.number} (folios {tomo.folios}): {_shown_path(tomo.path, None)}")
    if made.history:
        click.echo(f"Historial de reclamos: {_shown_path(made.history, None)}")
    for warning in made.warnings:
        click.secho(f"Aviso: {warning}", fg="yellow", err=True)



def main(argv: Sequence[str] | None = None) -> None:
    console.install()
    cli.main(args=argv, prog_name="cddgen")
