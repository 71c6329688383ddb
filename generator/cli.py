"""The cddgen command line: parse options, call one library function, report in Spanish.

Every CddgenError becomes its Spanish message and the exit code of its class (README,
«Códigos de salida»); an unexpected error prints one line and, with --depurar, the traceback.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import importlib
import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

import click

from . import cli_es, console
from .config import CONFIG_FILENAME, Settings, load_settings, with_signer, write_starter_config
from .errors import CddgenError, ExitStatus, InvalidInput
from .fsutil import shown_path as _shown_path
from .wording import TRATAMIENTO_CHOICES, count

if TYPE_CHECKING:
    from .pipeline.process import FileResult
    from .render.documents import ProducedDocument


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
families = _LazyModule("generator.pipeline.families")
inbox_pipeline = _LazyModule("generator.pipeline.inbox")
numeracion_pipeline = _LazyModule("generator.pipeline.numeracion")
process_pipeline = _LazyModule("generator.pipeline.process")
reclamos_pipeline = _LazyModule("generator.pipeline.reclamos")
informe_pipeline = _LazyModule("generator.pipeline.informe")
signed_pipeline = _LazyModule("generator.pipeline.signed_copies")
watch_pipeline = _LazyModule("generator.pipeline.watch")
filters = _LazyModule("generator.render.filters")
documents_module = _LazyModule("generator.render.documents")
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
    click.echo(f"{len(documents)} documento(s) generado(s):")
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


@cli.command()
@click.option("--carpeta", type=click.Path(file_okay=False), default=None,
              help="Dónde escribir los formularios (por defecto rutas.formularios, «forms»).")
@click.option("--reemplazar", is_flag=True,
              help="Escribe los formularios en blanco también sobre los archivos que ya tienen su nombre.")
@click.pass_context
def forms(ctx: click.Context, carpeta: str | None, reemplazar: bool) -> None:
    """Escribe los formularios en blanco (Excel/Word) que los usuarios llenan.

    Un archivo que ya existe con el nombre de un formulario (por ejemplo, uno ya llenado) no se
    toca, salvo con --reemplazar.
    """
    settings = _settings(ctx)
    folder = Path(carpeta) if carpeta else settings.forms_dir
    done = families.write_blank_forms(settings, folder, replace=reemplazar)
    for path in done.written:
        click.echo(f"formulario: {_shown_path(path, None)}")
    for path in done.kept:
        click.echo(f"ya existe, no se reemplazó: {_shown_path(path, None)}")
    if done.kept:
        click.echo("Para escribir encima los formularios en blanco, use «cddgen forms --reemplazar» (mueva antes "
                   "a otra carpeta los que estén llenados).")


@cli.group()
def render() -> None:
    """Genera documentos numerados (Word y PDF) a partir de un formulario llenado."""


@render.command("acta-instalacion")
@click.argument("formulario", type=click.Path(exists=True, dir_okay=False))
@click.option("--postulantes", type=click.Path(exists=True, dir_okay=False), metavar="LIBRO",
              help="Libro del concurso de ascenso (ascenso.xlsx): ningún integrante puede ser uno de sus "
                   "postulantes.")
@pdf_option
@click.pass_context
def render_acta_instalacion(ctx: click.Context, formulario: str, postulantes: str | None, pdf: bool) -> None:
    """Acta de instalación del Comité de Evaluación (Anexo 1) desde forms/comite.xlsx.

    Verifica que el Comité tenga tres integrantes con cargos permitidos, DNI de 8 dígitos,
    teléfonos y correos válidos, y que ningún integrante figure como postulante (en la hoja
    «Postulantes» del formulario o, con --postulantes, en el libro del concurso de ascenso).
    """
    settings = _settings(ctx)
    extra = ascenso_pipeline.candidates(Path(postulantes), settings) if postulantes else None
    documents = families.process_committee(Path(formulario), settings, families.RunOptions(pdf=pdf),
                                           extra_candidates=extra, sesiones=False)
    report(documents)


@render.command("actas-sesion")
@click.argument("formulario", type=click.Path(exists=True, dir_okay=False))
@pdf_option
@click.pass_context
def render_actas_sesion(ctx: click.Context, formulario: str, pdf: bool) -> None:
    """Actas de las sesiones de trabajo del Comité de Evaluación (Instructivo, 1.5 d): una por
    cada fila de la hoja «Sesiones» de forms/comite.xlsx, con fecha, horas, lugar, asistencia de
    los tres integrantes, agenda, acuerdos y firmas.

    Las sesiones marcadas en «Aprueba…» fechan las actas de resultados, las respuestas a los
    reclamos y los oficios de retiro.
    """
    documents = families.process_committee(Path(formulario), _settings(ctx), families.RunOptions(pdf=pdf),
                                           instalacion=False)
    if not documents:
        click.echo("La hoja «Sesiones» no registra sesiones de trabajo: no hay actas que generar.")
    report(documents)
    report_warnings([warning for document in documents for warning in document.warnings])


@render.command("oficio-cdd")
@click.argument("formulario", type=click.Path(exists=True, dir_okay=False))
@click.option("--tramo", type=click.Choice(["1", "2"]), default=None,
              help="Tramo del oficio: 1 (indicadores 1.1 y 1.2) o 2 (1.3 y 2.1). Por defecto, ambos.")
@pdf_option
@click.pass_context
def render_oficio_cdd(ctx: click.Context, formulario: str, tramo: str | None, pdf: bool) -> None:
    """Oficio de remisión de un CETPRO a la DISERTPA (Compromisos de Desempeño) desde
    forms/cdd-cetpro.xlsx, con sus anexos en Excel.

    Calcula los indicadores del tramo (numerador, denominador, %, meta, cumple), el MMA en juego,
    y escribe junto al oficio un libro por indicador con el medio de verificación y la hoja
    «Filas que no cuentan» (fila y motivo), para corregirlas antes del cierre del tramo.
    """
    settings = _settings(ctx)
    tramos = [int(tramo)] if tramo else None
    documents = cdd_pipeline.process_cdd(Path(formulario), settings, families.RunOptions(pdf=pdf), tramos=tramos)
    report(documents)


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


@render.command("resumen-cdd")
@click.argument("carpeta", type=click.Path(exists=True, file_okay=False))
@signer_options
@pdf_option
@click.pass_context
def render_resumen_cdd(ctx: click.Context, carpeta: str, pdf: bool, **signer: str | None) -> None:
    """Informe de la UGEL sobre los Compromisos de Desempeño de sus CETPRO, desde la carpeta con
    el formulario cdd-cetpro.xlsx de cada CETPRO: antecedentes, indicadores y metas, resultado de
    cada CETPRO, un gráfico, el MMA y la estimación de la UGEL, conclusiones y recomendaciones;
    en Word, PDF y Excel (resumen-cdd.xlsx).

    Va dirigido al director(a) de la UGEL ([institucion] director) y lo firma [firmante] de
    cddgen.toml o quien indiquen --firmante, --firmante-dni y --firmante-cargo. Lleva la fecha de
    --fecha o, si no se indica, la del último oficio de los CETPRO.

    Un formulario con errores no detiene el informe: se deja fuera y aquí se muestran sus
    problemas como avisos (también en la hoja de errores del Excel). Si ningún formulario es
    válido, no se genera nada.
    """
    settings = with_signer(_settings(ctx), **signer)
    run = cdd_pipeline.process_summary(Path(carpeta), settings, families.RunOptions(pdf=pdf))
    report(run.documents)
    if run.failures:
        files = sorted({Path(issue.file).name for issue in run.failures if issue.file})
        click.secho(f"Aviso: {len(files)} formulario(s) con errores no se incluyeron en el informe "
                    f"({', '.join(files)}):", fg="yellow", err=True)
        for issue in run.failures:
            click.secho(f"  - {issue}", fg="yellow", err=True)


@render.command("ficha-cap")
@click.argument("ficha", type=click.Path(exists=True, dir_okay=False))
@pdf_option
@click.pass_context
def render_ficha_cap(ctx: click.Context, ficha: str, pdf: bool) -> None:
    """Ficha de monitoreo CAP numerada, en Word y PDF, desde la ficha llenada en Word
    (forms/ficha-cap.docx, marcando con X) o en Excel (forms/ficha-cap.xlsx).

    Lee la X de cada ítem (valen X, x y ✓; una sola por ítem), calcula el puntaje, el máximo,
    el porcentaje y el nivel de cada bloque, de cada parte y de toda la ficha, y los totales de
    personal y de metas. Un ítem sin marcar, con dos marcas o con otro texto es un error que
    nombra el ítem, y no se genera nada.
    """
    settings = _settings(ctx)
    report(cap_pipeline.process_ficha(Path(ficha), settings, families.RunOptions(pdf=pdf)))


@render.command("resumen-cap")
@click.argument("carpeta", type=click.Path(exists=True, file_okay=False))
@click.option("--anio", type=int, metavar="AAAA", help="Año que cubre el informe (por defecto, el de la última visita).")
@click.option("--desde", metavar="AAAA-MM-DD", help="Primer día del periodo que cubre el informe (con --hasta).")
@click.option("--hasta", metavar="AAAA-MM-DD", help="Último día del periodo que cubre el informe (con --desde).")
@signer_options
@pdf_option
@click.pass_context
def render_resumen_cap(ctx: click.Context, carpeta: str, anio: int | None, desde: str | None, hasta: str | None,
                       pdf: bool, **signer: str | None) -> None:
    """Informe consolidado de la UGEL sobre las fichas CAP de un periodo en CARPETA (.docx y
    .xlsx, sin subcarpetas): antecedentes, tabla de CETPRO por bloque con porcentaje y nivel, un
    gráfico, los ítems más veces «no realizado» o «en inicio», conclusiones y recomendaciones, en
    Word, PDF y Excel.

    Cubre un solo periodo: el año de --anio, las fechas de --desde y --hasta o, por defecto, el año
    de la última visita; las fichas de otras fechas se dejan fuera. Va dirigido al director(a) de
    la UGEL y lo firma [firmante] de cddgen.toml o quien indique --firmante; lleva la fecha de
    --fecha o, si no se indica, la de la última visita consolidada.

    Si un CETPRO tiene varias fichas se consolida la más reciente. Una ficha con errores o de otro
    periodo no detiene el informe: aquí se lista con el motivo (también en la hoja «No
    consolidadas» del Excel) y el informe se hace con las demás. Si no queda ninguna, no se
    genera nada.
    """
    settings = with_signer(_settings(ctx), **signer)
    period = _period(anio, desde, hasta)
    result = cap_pipeline.process_report(Path(carpeta), settings, families.RunOptions(pdf=pdf), period)
    report(result.documents)
    for item in result.excluded:
        click.secho(f"Aviso: {item.file} no se consolidó:", fg="yellow", err=True)
        for reason in item.reasons:
            click.secho(f"  - {reason}", fg="yellow", err=True)


def _period(year: int | None, start: str | None, end: str | None):
    """The period of --anio or --desde/--hasta (None: the year of the latest visit)."""
    from .domain.cap import Period  # here: --help loads no domain module

    if year is not None:
        if start or end:
            raise click.UsageError("Use --anio o bien --desde y --hasta, no ambos.")
        return Period.year(year)
    if not (start or end):
        return None
    if not (start and end):
        raise click.UsageError("--desde y --hasta van juntos: indique el primer y el último día del periodo.")
    days = []
    for name, value in (("--desde", start), ("--hasta", end)):
        try:
            days.append(dt.date.fromisoformat(value))
        except ValueError:
            raise click.UsageError(f"{name}: «{value}» no es una fecha AAAA-MM-DD.") from None
    if days[1] < days[0]:
        raise click.UsageError("--hasta es anterior a --desde.")
    return Period.between(*days)


def workbook_argument(function: Callable) -> Callable:
    return click.argument("libro", required=False, type=click.Path(exists=True, dir_okay=False))(function)


def committee_option(function: Callable) -> Callable:
    return click.option(
        "--comite", type=click.Path(exists=True, dir_okay=False), metavar="FORMULARIO",
        help="Formulario del Comité llenado, para las firmas (por defecto rutas.formulario_comite o el "
             "comite.xlsx de la carpeta del libro).",
    )(function)


@render.command("acta")
@click.option("--postulante", "dni", required=True, metavar="DNI", help="DNI del postulante (8 dígitos).")
@committee_option
@workbook_argument
@pdf_option
@click.pass_context
def render_acta(ctx: click.Context, dni: str, comite: str | None, libro: str | None, pdf: bool) -> None:
    """Acta individual de resultados de un postulante (etapa descentralizada), numerada, en Word y PDF.

    LIBRO es el ascenso.xlsx llenado (por defecto rutas.libro_ascenso). El acta trae cada
    requisito, la bonificación, cada criterio de la Matriz con su puntaje y su sustento, los
    subtotales, el puntaje final, el estado y las tres firmas del Comité.
    """
    settings = _settings(ctx)
    dni = dni.strip()
    if not dni.isdigit() or len(dni) != 8:
        raise click.BadParameter(f"«{dni}» no es un DNI: debe tener 8 dígitos.", param_hint="'--postulante'")
    workbook = ascenso_pipeline.workbook_path(settings, libro)
    evaluations, warnings = ascenso_pipeline.score_with_warnings(workbook, settings)
    report(ascenso_pipeline.render_actas(workbook, settings, pdf=pdf, committee=comite, dni=dni,
                                         evaluations=evaluations))
    report_warnings(warnings)


@render.command("actas")
@committee_option
@workbook_argument
@pdf_option
@click.pass_context
def render_actas(ctx: click.Context, comite: str | None, libro: str | None, pdf: bool) -> None:
    """Actas individuales de resultados de todos los postulantes del libro, en un solo lote.

    LIBRO es el ascenso.xlsx llenado (por defecto rutas.libro_ascenso). Si el libro tiene
    errores, se listan todos y no se genera ninguna acta.
    """
    settings = _settings(ctx)
    workbook = ascenso_pipeline.workbook_path(settings, libro)
    converting = pdf and settings.pdf.enabled
    with progress_bar("Actas de resultados (Word)") as bar:

        def advance(done: int, total: int, text: str) -> None:
            bar(done, total, "Actas listas; convirtiendo a PDF con LibreOffice…" if done == total and converting
                else None)

        evaluations, warnings = ascenso_pipeline.score_with_warnings(workbook, settings)
        documents = ascenso_pipeline.render_actas(workbook, settings, pdf=pdf, committee=comite, progress=advance,
                                                  evaluations=evaluations)
        bar(None, None, "Actas de resultados")
    report(documents)
    report_warnings(warnings)


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


def report_run(run: reclamos_pipeline.Run) -> None:
    """The documents, then the history workbook, the expediente and the warnings of a run."""
    report(run.documents)
    if run.expediente:
        tomos = run.expediente.tomos
        if len(tomos) == 1:
            click.echo(f"Expediente foliado ({run.expediente.total} folios): {_shown_path(run.expediente.path, None)}")
        else:
            click.echo(f"Expediente foliado ({run.expediente.total} folios, en {len(tomos)} tomos):")
            for tomo in tomos:
                click.echo(f"  tomo {tomo.number} (folios {tomo.folios}): {_shown_path(tomo.path, None)}")
    if run.history:
        click.echo(f"Historial de reclamos: {_shown_path(run.history, None)}")
    for warning in run.warnings:
        click.secho(f"Aviso: {warning}", fg="yellow", err=True)


@render.command("oficio-reclamo")
@click.option("--postulante", "dni", required=True, metavar="DNI", help="DNI del postulante (8 dígitos).")
@committee_option
@workbook_argument
@pdf_option
@click.pass_context
def render_oficio_reclamo(ctx: click.Context, dni: str, comite: str | None, libro: str | None, pdf: bool) -> None:
    """Oficio de respuesta a los reclamos de un postulante (Anexo 2), numerado, en Word y PDF.

    Un oficio por expediente de la hoja «Reclamos»: antecedentes, análisis de cada punto con su
    decisión (fundado, infundado o improcedente, con el motivo si fue presentado fuera de plazo o
    no se refiere a los resultados preliminares), SE RESUELVE y las tres firmas. Si algún punto es
    fundado, se recalcula el puntaje y se genera también la nueva acta de resultados (v2, v3…), que
    el oficio adjunta; el acta original no se modifica. Cada decisión se anota en
    historial-reclamos.xlsx.
    """
    settings = _settings(ctx)
    workbook = ascenso_pipeline.workbook_path(settings, libro)
    report_run(reclamos_pipeline.render_replies(workbook, settings, dni=_checked_dni(dni), committee=comite, pdf=pdf))


@render.command("oficios-reclamo")
@committee_option
@workbook_argument
@pdf_option
@click.pass_context
def render_oficios_reclamo(ctx: click.Context, comite: str | None, libro: str | None, pdf: bool) -> None:
    """Los oficios de respuesta de todos los reclamos del libro, con las nuevas actas de los fundados."""
    settings = _settings(ctx)
    workbook = ascenso_pipeline.workbook_path(settings, libro)
    report_run(reclamos_pipeline.render_replies(workbook, settings, committee=comite, pdf=pdf))


@render.command("oficio-retiro")
@click.option("--postulante", "dni", required=True, metavar="DNI", help="DNI del postulante (8 dígitos).")
@committee_option
@workbook_argument
@pdf_option
@click.pass_context
def render_oficio_retiro(ctx: click.Context, dni: str, comite: str | None, libro: str | None, pdf: bool) -> None:
    """Oficio motivado de retiro de un postulante (numeral 2.3), numerado, en Word y PDF.

    Causales f), g) e i) registradas en «Postulantes» con su sustento, y j) cuando, después de
    los reclamos, no cumple los requisitos (con el motivo de cada requisito). Para f) y g) se
    genera además el oficio al director(a) de la DRE/UGEL para que informe a la Procuraduría
    Pública y a la Comisión de Procesos Administrativos Disciplinarios (numeral 2.3.2).
    """
    settings = _settings(ctx)
    workbook = ascenso_pipeline.workbook_path(settings, libro)
    report_run(reclamos_pipeline.render_retiros(workbook, settings, dni=_checked_dni(dni), committee=comite, pdf=pdf))


@render.command("oficios-retiro")
@committee_option
@workbook_argument
@pdf_option
@click.pass_context
def render_oficios_retiro(ctx: click.Context, comite: str | None, libro: str | None, pdf: bool) -> None:
    """Los oficios de retiro de todos los postulantes que incurren en causal después de los reclamos."""
    settings = _settings(ctx)
    workbook = ascenso_pipeline.workbook_path(settings, libro)
    report_run(reclamos_pipeline.render_retiros(workbook, settings, committee=comite, pdf=pdf))


@render.command("informe-final")
@committee_option
@click.option("--resolucion", type=click.Path(exists=True, dir_okay=False), metavar="PDF",
              help="PDF de la resolución de conformación del Comité, primer documento del expediente (por "
                   "defecto rutas.resolucion_conformacion; sin ella el expediente se arma sin la resolución).")
@click.option("--documentos", type=click.Path(exists=True, file_okay=False), metavar="CARPETA",
              help="Carpeta con los PDF de los postulantes (informes escalafonarios, documentos de discapacidad, "
                   "escritos de reclamo), cuyo nombre empieza con el DNI (por defecto rutas.documentos_postulantes).")
@workbook_argument
@pdf_option
@click.pass_context
def render_informe_final(ctx: click.Context, comite: str | None, resolucion: str | None, documentos: str | None,
                         libro: str | None, pdf: bool) -> None:
    """Informe final del Comité de Evaluación (Anexo 3) y su expediente foliado.

    El informe cuenta desde los datos las sesiones, los resultados registrados, los reclamos
    (fundados, fundados en parte, infundados e improcedentes), las actas y los oficios emitidos
    y las comunicaciones sin confirmación de recepción, y lista en sus observaciones los
    certificados no encontrados en el SIHCE, las firmas dispensadas, la participación del
    Comité de Vigilancia y las copias entregadas fuera de plazo. El expediente une la resolución,
    las actas de instalación y de sesión y, por postulante, sus documentos, su acta, las
    respuestas a sus reclamos con las nuevas actas, los oficios de retiro y las constancias de
    sus comunicaciones, con un índice y «Folio N» en cada página, en tomos de a lo más
    expediente.folios_por_tomo folios (200), cada uno con su carátula. Los documentos ya emitidos
    con su PDF se reutilizan tal cual; sin PDF (--sin-pdf o sin LibreOffice) se entregan los .docx
    y el informe indica que falta el expediente.
    """
    settings = _settings(ctx)
    workbook = ascenso_pipeline.workbook_path(settings, libro)
    run = informe_pipeline.render_informe_final(workbook, settings, committee=comite, resolution=resolucion,
                                                documents=documentos, pdf=pdf,
                                                progress=lambda text: click.echo(text, err=True))
    report_run(run)


@cli.command()
@workbook_argument
@click.pass_context
def score(ctx: click.Context, libro: str | None) -> None:
    """Calcula requisitos, Matriz, bonificación y puntaje final de cada postulante del libro.

    Muestra la tabla de resultados y escribe resultados.xlsx en la bandeja de salida: una fila por
    postulante con los requisitos, el puntaje de cada criterio en el orden de la Matriz y su
    sustento al lado; la hoja «Sustento» (una fila por postulante y criterio, con filtros) y la
    hoja «Parámetros» (valores por confirmar). LIBRO es el ascenso.xlsx llenado (por defecto
    rutas.libro_ascenso).
    """
    from rich.console import Console
    from rich.table import Table

    settings = _settings(ctx)
    workbook = ascenso_pipeline.workbook_path(settings, libro)
    analysis = reclamos_pipeline.analyse(workbook, settings)
    evaluations = analysis.evaluations
    path = reclamos_pipeline.write_score(analysis, settings)
    table = Table(title=f"Resultados de la etapa descentralizada — {Path(workbook).name}")
    for header, justify in (("DNI", "left"), ("Apellidos y nombres", "left"), ("Estado", "left"),
                            ("Rubro 1", "right"), ("Rubro 2", "right"), ("Rubro 3", "right"),
                            ("Matriz", "right"), ("Nacional", "right"), ("Total", "right"),
                            ("Bonif.", "center"), ("Final", "right")):
        table.add_column(header, justify=justify)
    for e in evaluations:
        bonus = ("Sí*" if e.bonificacion.flagged else "Sí") if e.bonificacion.granted else "No"
        table.add_row(e.postulante.dni, e.postulante.apellidos_nombres,
                      "Cumple" if e.cumple else "No cumple",
                      *(filters.score(r.points) for r in e.rubros),
                      filters.score(e.matriz_total), filters.score(e.puntaje_nacional),
                      filters.score(e.puntaje_total), bonus, filters.score(e.puntaje_final))
    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    console.print(table)
    if any(e.bonificacion.flagged for e in evaluations):
        click.echo("* Bonificación otorgada con observación: el certificado no se encontró en el SIHCE.")
    click.echo(f"{len(evaluations)} postulante(s). Resultados: {_shown_path(path, None)}")
    click.echo(f"Último día para entregar copias de los documentos de evaluación: "
               f"{filters.long_date(analysis.deadline)} (plazo de reclamos: del "
               f"{filters.long_date(settings.rules.ascenso.cronograma.reclamos_inicio)} al "
               f"{filters.long_date(settings.rules.ascenso.cronograma.reclamos_fin)}).")
    changed = sum(1 for result in analysis.results.values() if result.changed)
    if analysis.results:
        click.echo(f"Reclamos: {sum(len(r.expedientes) for r in analysis.results.values())} expediente(s); "
                   f"{changed} postulante(s) con resultado modificado (hoja «Después de reclamos»).")
    report_warnings(analysis.case.avisos)


@cli.command()
@pdf_option
@click.pass_context
def demo(ctx: click.Context, pdf: bool) -> None:
    """Genera todos los documentos de los ejemplos de forms/ejemplos/ en outbox/demo/."""
    settings = _settings(ctx)
    with progress_bar("Ejemplos") as bar:
        results = demo_pipeline.run_demo(settings, pdf=pdf, progress=bar)
        bar(None, None, "Ejemplos")
    documents = [document for _, produced in results for document in produced]
    report(documents)
    click.echo(f"Carpeta de la demostración: {_shown_path(demo_pipeline.demo_outbox(settings), None)}")


@cli.group()
def numeracion() -> None:
    """Consulta el registro de numeración o anula un número (que nunca se vuelve a usar)."""


@numeracion.command("listar")
@click.option("--serie", help="Solo esta serie (por ejemplo oficio-comite).")
@click.option("--anio", type=int, help="Solo este año.")
@click.option("--pendientes", is_flag=True, help="Solo los números reservados que no llegaron a emitirse.")
@click.pass_context
def numeracion_listar(ctx: click.Context, serie: str | None, anio: int | None, pendientes: bool) -> None:
    """Lista los números dados: número, estado (reservado, emitido, anulado) y archivos."""
    settings = _settings(ctx)
    registry = documents_module.open_registry(settings)
    entries = registry.pending() if pendientes else registry.entries(series=serie, year=anio)
    entries = [e for e in entries if (serie is None or e.series == serie) and (anio is None or e.year == anio)]
    if not entries:
        click.echo("El registro no tiene números" + (" con ese filtro." if serie or anio or pendientes else "."))
        return
    for entry in entries:
        detail = entry.note if entry.status == "anulado" else ", ".join(Path(f).name for f in entry.files)
        click.echo(f"{entry.label}  [{entry.status}]  {detail}".rstrip())
    click.echo(f"{len(entries)} número(s). Registro: {settings.registry_path}")


@numeracion.command("anular")
@click.argument("numero")
@click.option("--motivo", required=True, help="Por qué se anula (queda en el registro).")
@click.pass_context
def numeracion_anular(ctx: click.Context, numero: str, motivo: str) -> None:
    """Anula NUMERO (tal como figura en el documento, entre comillas), por ejemplo
    cddgen numeracion anular "OFICIO N° 003-2026-CE-UGEL02" --motivo "Dejado sin efecto".

    El número queda usado para siempre; si el documento se vuelve a generar, recibe uno nuevo.
    """
    entry, moved = numeracion_pipeline.annul_number(_settings(ctx), numero, motivo)
    click.echo(f"Anulado: {entry.label} ({entry.note}).")
    for path in moved:
        click.echo(f"  {_shown_path(path, None)}")


@cli.command("firmas")
@click.option("--pendientes", is_flag=True, help="Solo los documentos a los que todavía les falta alguna firma.")
@click.option("--anio", type=int, metavar="AÑO", help="Solo los documentos de este año.")
@click.pass_context
def firmas_command(ctx: click.Context, pendientes: bool, anio: int | None) -> None:
    """Lista los documentos numerados que llevan firmas, con quiénes firman y el estado:
    «0/3» y «1/3» (firmas recibidas de las que lleva), «completo», «firmado en papel».

    Las copias firmadas (Firma Perú, ReFirma) o escaneadas que se dejan en la bandeja de entrada
    se verifican y se archivan en la carpeta «firmados» junto a cada documento.
    """
    settings = _settings(ctx)
    documents = signed_pipeline.signing_overview(settings, pending_only=pendientes, year=anio)
    if not documents:
        click.echo("No hay documentos con firmas pendientes." if pendientes else
                   "El registro no tiene documentos que se firmen" + (" ese año." if anio else "."))
        return
    for document in documents:
        click.secho(f"{document.record.entry.label} — {document.state}", bold=True,
                    fg="green" if document.done else "yellow")
        for line in document.signers:
            signer = line.signer
            who = f"{signer.name} (DNI {signer.dni})" if signer.dni else signer.name
            if line.signature is None:
                click.echo(f"    pendiente  {who}, {signer.role}")
            elif line.signature.state == signed_pipeline.PAPER_STATE:
                click.echo(f"    en papel   {who}, {signer.role}")
            else:
                when = dt.datetime.fromisoformat(line.signature.signed_at).strftime("%d/%m/%Y %H:%M") \
                    if line.signature.signed_at else "fecha no indicada"
                click.echo(f"    firmó      {who}, {signer.role} — {when}; {line.signature.state}")
        if document.copy is not None:
            click.echo(f"    copia: {_shown_path(Path(document.copy.path), None)}")

    done = sum(1 for document in documents if document.done)
    click.echo(f"{count(len(documents), 'documento')}: {done} con todas las firmas, {len(documents) - done} con "
               "firmas pendientes.")


@cli.command("init")
@click.argument("carpeta", required=False, type=click.Path(file_okay=False), default=".")
@click.option("--plantillas", is_flag=True,
              help="Copia también las plantillas Word en templates/, para adaptarlas a la oficina.")
@click.option("--registrar/--no-registrar", "register", default=None,
              help="Registrar esta instalación para este usuario, para que cddgen la encuentre desde cualquier "
                   "carpeta (por defecto, solo si el usuario no tiene otra registrada).")
def init_command(carpeta: str, plantillas: bool, register: bool | None) -> None:
    """Crea la instalación de la oficina en CARPETA (por defecto, la carpeta actual), o completa
    la que hay sin cambiar nada de lo que ya existe.

    Una instalación es la carpeta de cddgen.toml: su bandeja de entrada (inbox/), su bandeja de
    salida (outbox/), los formularios en blanco (forms/) y .cddgen/, con el registro de numeración
    que da cada número una sola vez. Los comandos la encuentran como git encuentra un repositorio:
    --config, la variable CDDGEN_CONFIG, el cddgen.toml de la carpeta actual o de una superior, o
    la instalación registrada para este usuario.
    """
    from .pipeline.installation import init_installation

    done = init_installation(Path(carpeta), templates=plantillas, register=register)
    click.echo(f"Instalación de cddgen: {done.root}")
    for path in done.created:
        click.echo(f"  creado: {_shown_path(path, done.root)}{'/' if path.is_dir() else ''}")
    if done.kept:
        click.echo(f"  {len(done.kept)} archivo(s) que ya existían quedaron sin cambios.")
    if done.pointer is not None:
        click.echo(f"Registrada para este usuario ({done.pointer}): cddgen la usa desde cualquier carpeta.")
    elif done.other_registered is not None:
        click.echo(f"Para este usuario sigue registrada la instalación «{done.other_registered}»; esta se usa "
                   f"desde su carpeta o con --config. Para cambiarla: cddgen init --registrar {done.root}")
    click.echo(f"Siguiente paso: revise {CONFIG_FILENAME} (institución, sigla, rutas) con «cddgen config».")


@cli.command("config")
@click.option("--crear", is_flag=True, help=f"Crea ./{CONFIG_FILENAME} con todas las claves comentadas.")
@click.option("--parametros", is_flag=True,
              help="Lista los valores de las reglas que la norma no fija (por confirmar), con su fuente.")
@click.pass_context
def config_command(ctx: click.Context, crear: bool, parametros: bool) -> None:
    """Muestra la instalación en uso, de dónde sale la configuración y dónde están el registro de
    numeración, la bandeja de entrada y la de salida; o crea un cddgen.toml para editar."""
    if parametros:
        report_open_parameters(_settings(ctx))
        return
    if crear:
        path = write_starter_config(Path.cwd() / CONFIG_FILENAME)
        click.echo(f"Creado {path.name}: quite el # de las líneas que quiera cambiar.")
        return
    settings = _settings(ctx)
    installation = settings.installation
    if installation is None:
        click.echo(f"Instalación: ninguna (no hay {CONFIG_FILENAME} en esta carpeta ni en las superiores, y este "
                   "usuario no tiene una registrada). Créela con «cddgen init CARPETA».")
    else:
        how = {"--config": "indicada con --config", "CDDGEN_CONFIG": "indicada con la variable CDDGEN_CONFIG",
               "carpeta": "encontrada en esta carpeta o una superior"}.get(installation.found_by, installation.found_by)
        click.echo(f"Instalación: {installation.root} ({how})")
    click.echo("Configuración leída de: " + " < ".join(settings.sources))
    inst = settings.institution
    click.echo(f"Institución: {inst.nombre} ({inst.sigla}), {inst.dre}")
    click.echo(f"Denominación del año hoy ({settings.today:%d/%m/%Y}): «{settings.year_name(settings.today)}»")
    click.echo(f"Registro de numeración: {settings.registry_path}"
               + ("" if settings.registry_path.exists() else " (se crea con el primer número)"))
    click.echo(f"Bandeja de entrada: {settings.inbox}")
    click.echo(f"Bandeja de salida: {settings.outbox}")
    click.echo(f"Formularios: {settings.forms_dir}")
    click.echo(f"Plantillas: {settings.templates_dir} (las que falten allí: las incluidas en cddgen)")
    click.echo("Reglas: " + ", ".join(f"{k} = {v}" for k, v in settings.rule_editions.items()))


def report_open_parameters(settings: Settings) -> None:
    """``cddgen config --parametros``: every rule value that rests on a default, by family."""
    from .open_parameters import PENDING, all_open_parameters

    parameters = all_open_parameters(settings)
    pending = sum(1 for item in parameters if item.status == PENDING)
    click.echo(f"Valores de las reglas que la norma no fija: {len(parameters)} ({pending} por confirmar). "
               "No aparecen en las actas ni en los oficios.")
    edition = None
    for item in parameters:
        if item.edition != edition:
            edition = item.edition
            click.echo(f"\n{edition} ([parametros.{item.family}]):")
        click.echo(f"  {item.key} = {item.value}  [{item.status}]")
        click.echo(f"    {item.description}.")
        click.echo(f"    Fuente: {item.source}")
    click.echo("\nPara fijar un valor, escríbalo en cddgen.toml bajo [parametros.<familia>], por ejemplo:\n"
               "  [parametros.ascenso.matriz.criterios.\"1.1\"]\n  puntos_maestro = 6.0")


# ---------------------------------------------------------------------------- the inbox


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
        click.echo(f"{len(problems)} problema(s) encontrados." if problems else
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


def main(argv: Sequence[str] | None = None) -> None:
    console.install()
    cli.main(args=argv, prog_name="cddgen")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
