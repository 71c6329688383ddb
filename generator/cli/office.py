"""The commands around the documents: the blank forms, the Ascenso scores, the demo, the numbering
registry, the signatures, the installation and its configuration."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..config import CONFIG_FILENAME, Settings, write_starter_config
from ..wording import count
from .app import (
    _settings,
    _shown_path,
    ascenso_pipeline,
    cli,
    command_run,
    demo_pipeline,
    families,
    filters,
    numeracion_pipeline,
    pdf_option,
    progress_bar,
    reclamos_pipeline,
    report,
    report_warnings,
    signed_pipeline,
    workbook_argument,
)


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
    click.echo(f"{count(len(evaluations), 'postulante')}. Resultados: {_shown_path(path, None)}")
    click.echo(f"Último día para entregar copias de los documentos de evaluación: "
               f"{filters.long_date(analysis.deadline)} (plazo de reclamos: del "
               f"{filters.long_date(settings.rules.ascenso.cronograma.reclamos_inicio)} al "
               f"{filters.long_date(settings.rules.ascenso.cronograma.reclamos_fin)}).")
    changed = sum(1 for result in analysis.results.values() if result.changed)
    if analysis.results:
        click.echo(f"Reclamos: {count(sum(len(r.expedientes) for r in analysis.results.values()), 'expediente')}; "
                   f"{count(changed, 'postulante')} con resultado modificado (hoja «Después de reclamos»).")
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
    click.echo(f"Estado (todo lo numerado, con sus firmas): {_shown_path(demo_pipeline.demo_status(settings), None)}")


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
    run = command_run(ctx)
    settings, registry = run.settings, run.registry
    entries = registry.pending() if pendientes else registry.entries(series=serie, year=anio)
    entries = [e for e in entries if (serie is None or e.series == serie) and (anio is None or e.year == anio)]
    if not entries:
        click.echo("El registro no tiene números" + (" con ese filtro." if serie or anio or pendientes else "."))
        return
    for entry in entries:
        detail = entry.note if entry.status == "anulado" else ", ".join(Path(f).name for f in entry.files)
        click.echo(f"{entry.label}  [{entry.status}]  {detail}".rstrip())
    click.echo(f"{count(len(entries), 'número')}. Registro: {settings.registry_path}")


@numeracion.command("anular")
@click.argument("numero")
@click.option("--motivo", required=True, help="Por qué se anula (queda en el registro).")
@click.pass_context
def numeracion_anular(ctx: click.Context, numero: str, motivo: str) -> None:
    """Anula NUMERO (tal como figura en el documento, entre comillas), por ejemplo
    cddgen numeracion anular "OFICIO N° 003-2026-CE-UGEL02" --motivo "Dejado sin efecto".

    El número queda usado para siempre; si el documento se vuelve a generar, recibe uno nuevo.
    """
    entry, moved = numeracion_pipeline.annul_number(command_run(ctx), numero, motivo)
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
    documents = signed_pipeline.signing_overview(command_run(ctx).registry, pending_only=pendientes, year=anio)
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
    from ..pipeline.installation import init_installation

    done = init_installation(Path(carpeta), templates=plantillas, register=register)
    click.echo(f"Instalación de cddgen: {done.root}")
    for path in done.created:
        click.echo(f"  creado: {_shown_path(path, done.root)}{'/' if path.is_dir() else ''}")
    if done.kept:
        click.echo(f"  {count(len(done.kept), 'archivo que ya existía quedó', 'archivos que ya existían quedaron')} sin cambios.")
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
    from ..open_parameters import PENDING, all_open_parameters

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
