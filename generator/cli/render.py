"""«cddgen render …»: one numbered document (or a batch) from a filled form, in Word and PDF.

Each command parses its options, builds the command's ``Run`` and calls one pipeline function. The
Ascenso commands come in pairs, one postulante (``--postulante DNI``) or all of them, made by
``per_postulante`` from one function, so both always read, check and report alike.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

import click

from ..config import with_signer
from ..wording import count
from .app import (
    _checked_dni,
    _settings,
    ascenso_pipeline,
    cap_pipeline,
    cdd_pipeline,
    cli,
    command_run,
    comite_pipeline,
    committee_option,
    informe_pipeline,
    pdf_option,
    progress_bar,
    reclamos_pipeline,
    report,
    report_made,
    report_warnings,
    signer_options,
    workbook_argument,
)


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
    run = command_run(ctx, pdf)
    extra = ascenso_pipeline.candidates(Path(postulantes), run.settings) if postulantes else None
    documents = comite_pipeline.process_committee(Path(formulario), run, extra_candidates=extra, sesiones=False)
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
    documents = comite_pipeline.process_committee(Path(formulario), command_run(ctx, pdf), instalacion=False)
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
    tramos = [int(tramo)] if tramo else None
    documents = cdd_pipeline.process_cdd(Path(formulario), command_run(ctx, pdf), tramos=tramos)
    report(documents)


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
    summary = cdd_pipeline.process_summary(Path(carpeta), command_run(ctx, pdf, with_signer(_settings(ctx), **signer)))
    report(summary.documents)
    if summary.failures:
        files = sorted({Path(issue.file).name for issue in summary.failures if issue.file})
        click.secho(f"Aviso: {count(len(files), 'formulario con errores no se incluyó', 'formularios con errores no se incluyeron')} en el informe "
                    f"({', '.join(files)}):", fg="yellow", err=True)
        for issue in summary.failures:
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
    report(cap_pipeline.process_ficha(Path(ficha), command_run(ctx, pdf)))


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
    period = _period(anio, desde, hasta)
    result = cap_pipeline.process_report(Path(carpeta), command_run(ctx, pdf, with_signer(_settings(ctx), **signer)),
                                         period)
    report(result.documents)
    for item in result.excluded:
        click.secho(f"Aviso: {item.file} no se consolidó:", fg="yellow", err=True)
        for reason in item.reasons:
            click.secho(f"  - {reason}", fg="yellow", err=True)


def _period(year: int | None, start: str | None, end: str | None):
    """The period of --anio or --desde/--hasta (None: the year of the latest visit)."""
    from ..domain.cap import Period  # here: --help loads no domain module

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



def per_postulante(one: str, every: str, help_one: str, help_every: str) -> Callable:
    """Register ``make(ctx, dni, comite, libro, pdf)`` as two commands over the Ascenso workbook:
    ``one`` for the postulante of ``--postulante DNI`` and ``every`` for all of them (dni None)."""

    def register(make: Callable[[click.Context, str | None, str | None, str | None, bool], None]) -> Callable:
        @render.command(one, help=help_one)
        @click.option("--postulante", "dni", required=True, metavar="DNI", help="DNI del postulante (8 dígitos).")
        @committee_option
        @workbook_argument
        @pdf_option
        @click.pass_context
        def for_one(ctx: click.Context, dni: str, comite: str | None, libro: str | None, pdf: bool) -> None:
            _settings(ctx)  # a configuration error first, as every command
            make(ctx, _checked_dni(dni), comite, libro, pdf)

        @render.command(every, help=help_every)
        @committee_option
        @workbook_argument
        @pdf_option
        @click.pass_context
        def for_every(ctx: click.Context, comite: str | None, libro: str | None, pdf: bool) -> None:
            make(ctx, None, comite, libro, pdf)

        return make

    return register


@per_postulante(
    "acta", "actas",
    """Acta individual de resultados de un postulante (etapa descentralizada), numerada, en Word y PDF.

    LIBRO es el ascenso.xlsx llenado (por defecto rutas.libro_ascenso). El acta trae cada
    requisito, la bonificación, cada criterio de la Matriz con su puntaje y su sustento, los
    subtotales, el puntaje final, el estado y las tres firmas del Comité.
    """,
    """Actas individuales de resultados de todos los postulantes del libro, en un solo lote.

    LIBRO es el ascenso.xlsx llenado (por defecto rutas.libro_ascenso). Si el libro tiene
    errores, se listan todos y no se genera ninguna acta.
    """)
def render_actas(ctx: click.Context, dni: str | None, comite: str | None, libro: str | None, pdf: bool) -> None:
    """One acta without a bar; every acta with a bar while the .docx are written."""
    run = command_run(ctx, pdf)
    workbook = ascenso_pipeline.workbook_path(run.settings, libro)
    if dni is not None:
        evaluations, warnings = ascenso_pipeline.score_with_warnings(workbook, run.settings)
        report(ascenso_pipeline.render_actas(workbook, run, committee=comite, dni=dni, evaluations=evaluations))
        report_warnings(warnings)
        return
    converting = pdf and run.settings.pdf.enabled
    with progress_bar("Actas de resultados (Word)") as bar:

        def advance(done: int, total: int, text: str) -> None:
            bar(done, total, "Actas listas; convirtiendo a PDF con LibreOffice…" if done == total and converting
                else None)

        evaluations, warnings = ascenso_pipeline.score_with_warnings(workbook, run.settings)
        documents = ascenso_pipeline.render_actas(workbook, run, committee=comite, progress=advance,
                                                  evaluations=evaluations)
        bar(None, None, "Actas de resultados")
    report(documents)
    report_warnings(warnings)


@per_postulante(
    "oficio-reclamo", "oficios-reclamo",
    """Oficio de respuesta a los reclamos de un postulante (Anexo 2), numerado, en Word y PDF.

    Un oficio por expediente de la hoja «Reclamos»: antecedentes, análisis de cada punto con su
    decisión (fundado, infundado o improcedente, con el motivo si fue presentado fuera de plazo o
    no se refiere a los resultados preliminares), SE RESUELVE y las tres firmas. Si algún punto es
    fundado, se recalcula el puntaje y se genera también la nueva acta de resultados (v2, v3…), que
    el oficio adjunta; el acta original no se modifica. Cada decisión se anota en
    historial-reclamos.xlsx.
    """,
    """Los oficios de respuesta de todos los reclamos del libro, con las nuevas actas de los fundados.""")
def render_replies(ctx: click.Context, dni: str | None, comite: str | None, libro: str | None, pdf: bool) -> None:
    run = command_run(ctx, pdf)
    workbook = ascenso_pipeline.workbook_path(run.settings, libro)
    report_made(reclamos_pipeline.render_replies(workbook, run, dni=dni, committee=comite))


@per_postulante(
    "oficio-retiro", "oficios-retiro",
    """Oficio motivado de retiro de un postulante (numeral 2.3), numerado, en Word y PDF.

    Causales f), g) e i) registradas en «Postulantes» con su sustento, y j) cuando, después de
    los reclamos, no cumple los requisitos (con el motivo de cada requisito). Para f) y g) se
    genera además el oficio al director(a) de la DRE/UGEL para que informe a la Procuraduría
    Pública y a la Comisión de Procesos Administrativos Disciplinarios (numeral 2.3.2).
    """,
    """Los oficios de retiro de todos los postulantes que incurren en causal después de los reclamos.""")
def render_retiros(ctx: click.Context, dni: str | None, comite: str | None, libro: str | None, pdf: bool) -> None:
    run = command_run(ctx, pdf)
    workbook = ascenso_pipeline.workbook_path(run.settings, libro)
    report_made(reclamos_pipeline.render_retiros(workbook, run, dni=dni, committee=comite))

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
    run = command_run(ctx, pdf)
    workbook = ascenso_pipeline.workbook_path(run.settings, libro)
    report_made(informe_pipeline.render_informe_final(workbook, run, committee=comite, resolution=resolucion,
                                                      documents=documentos,
                                                      progress=lambda text: click.echo(text, err=True)))
