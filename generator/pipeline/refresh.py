"""Documents made from everything the shared inbox has received, at the end of a pass (issue 19,
item 2), so that a secretary gets them by dropping forms alone:

- the **informe final** of the Comité de Evaluación (``pipeline/informe.py``), once the committee
  form asks for it («Fecha del informe final» of its sheet «Informe final») and the inbox has the
  Ascenso workbook and the resolution of conformation (a PDF dropped in the inbox, see
  ``pipeline/resolucion.py``, or ``rutas.resolucion_conformacion``). Made again whenever one of the
  three arrives; until all are there, the committee form's receipt says what is missing;
- the UGEL's **report on the Compromisos de Desempeño**, over the latest form of each CETPRO
  received, whenever a CETPRO's form arrives;
- the UGEL's **report of the fichas CAP** of a year, over the latest ficha of each CETPRO visited
  that year, whenever a ficha of that year arrives.

Each is made once per pass, however many of its forms the pass brought, under one number that it
keeps (a standing key): made again, its earlier files go to ``outbox/reemplazados/`` (issue 14).
A signed one is not made again (``produce`` refuses it): the warning says so, and annulling its
number (forms/anulacion.xlsx) lets the next one take a new number.

Nothing here stops the pass: what could not be made is a warning of the form that asked for it.
The documents, warnings and notes go with the input that brought them (its receipt is rewritten,
its ledger row gains the documents), so ESTADO and the receipts say where each came from. PDFs a
form names with a relative path (the Ascenso workbook's «Documentos del expediente» and
«Notificaciones») are taken from the inbox folder it was dropped in (a subfolder there, such as
«expediente/», is never touched by the inbox); the postulantes' PDFs named by DNI, from
``rutas.documentos_postulantes`` or else the inbox's subfolder «documentos».
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from ..errors import CddgenError, InvalidInput
from ..readers.comite import informe_date
from ..render.documents import ProducedDocument
from ..wording import join
from ..run import Run
from . import cap, cdd
from .ledger import PROCESSED, Ledger, Row
from .process import FileResult, Outcome
from .resolucion import RESOLUTION_KIND

COMMITTEE, ASCENSO, CDD, FICHA = "comite", "ascenso", "cdd-cetpro", "ficha-cap"
DOCUMENTS_SUBFOLDER = "documentos"


@dataclass(frozen=True)
class Followup:
    """What the end of a pass made (or could not make) from the forms received, and the input of
    this pass whose receipt reports it."""

    result: FileResult
    what: str  # «el informe final», for messages
    documents: tuple[ProducedDocument, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def after_pass(run: Run, ledger: Ledger, results: Sequence[FileResult]) -> list[Followup]:
    """Every document this pass's inputs call for (see the module doc), produced through ``run``
    (the inbox's), in order: the informe final, then the UGEL's reports."""
    arrived = [result for result in results if result.outcome is Outcome.PROCESSED and result.family is not None]
    steps: list[Callable[[], list[Followup]]] = [
        lambda: _informe_final(run, ledger, arrived),
        lambda: _cdd_report(run, ledger, arrived),
        lambda: _cap_reports(run, ledger, arrived),
    ]
    followups = []
    for step in steps:
        followups += step()
    return followups


def _of(arrived: Sequence[FileResult], *kinds: str) -> list[FileResult]:
    return [result for result in arrived if result.family.kind in kinds]


def _attempt(result: FileResult, what: str, make: Callable[[], Followup]) -> Followup:
    """``make()``, or a Followup whose warnings say why ``what`` could not be made."""
    try:
        return make()
    except InvalidInput as error:
        return Followup(result, what, warnings=tuple(f"No se generó {what}: {issue}" for issue in error.issues))
    except CddgenError as error:
        return Followup(result, what, warnings=(f"No se generó {what}: {error}",))
    except OSError as error:
        return Followup(result, what, warnings=(f"No se generó {what}: error del sistema de archivos ({error}).",))
    except Exception as error:  # noqa: BLE001 - a bug must not stop the pass: reported in the receipt and the log
        detail = "".join(traceback.format_exception(error))
        return Followup(result, what, warnings=(
            f"No se generó {what}: error interno de cddgen ({type(error).__name__}: {error}). Avise al responsable "
            f"de cddgen. Detalle técnico: {' '.join(detail.split())}",))


def latest_files(ledger: Ledger, kind: str) -> list[Path]:
    """The latest processed version of every form of ``kind`` the inbox received (by identity),
    the most recent first, where it is kept in procesados/."""
    latest: dict[str, Row] = {}
    for row in ledger.rows(status=PROCESSED):
        if row.kind == kind and row.destination:
            latest[row.identity or row.name] = row
    rows = sorted(latest.values(), key=lambda row: row.id, reverse=True)
    return [Path(row.destination) for row in rows if Path(row.destination).is_file()]


def _latest(ledger: Ledger, kind: str) -> Path | None:
    row = ledger.latest(kind)
    return Path(row.destination) if row is not None and Path(row.destination).is_file() else None


# ---------------------------------------------------------------------------- the informe final


def _informe_final(run: Run, ledger: Ledger, arrived: Sequence[FileResult]) -> list[Followup]:
    from .informe import documents_folder, render_informe_final, resolution_path
    from .reclamos import analyse

    settings = run.settings
    triggers = _of(arrived, COMMITTEE, ASCENSO, RESOLUTION_KIND)
    committee = _latest(ledger, COMMITTEE)
    if not triggers or committee is None:
        return []
    if informe_date(committee, settings.rules.ascenso, settings.institution.tipo) is None:
        return []  # the committee has not asked for it yet
    # Reported with the committee form if it came, else the workbook, else the resolution.
    result = min(triggers, key=lambda item: (COMMITTEE, ASCENSO, RESOLUTION_KIND).index(item.family.kind))
    what = "el informe final"

    def make() -> Followup:
        workbook = _latest(ledger, ASCENSO)
        resolution = _latest(ledger, RESOLUTION_KIND) or resolution_path(settings, None)
        missing = [text for text, found in (("el libro del concurso de ascenso (ascenso.xlsx)", workbook),
                                            ("la resolución de conformación del Comité en PDF (nombrada «Resolución "
                                             "de conformación….pdf»)", resolution)) if found is None]
        if missing:
            return Followup(result, what, notes=(f"El informe final se generará cuando lleguen a la bandeja "
                                                 f"{join(missing)}.",))
        inbox = Path(settings.inbox)
        documents = documents_folder(settings, None)
        if documents is None and (inbox / DOCUMENTS_SUBFOLDER).is_dir():
            documents = inbox / DOCUMENTS_SUBFOLDER
        made = render_informe_final(workbook, run, committee=committee, resolution=resolution,
                                    documents=documents, analysis=analyse(workbook, settings, relative_to=inbox))
        return Followup(result, what, tuple(made.documents), tuple(made.warnings))

    return [_attempt(result, what, make)]


# ---------------------------------------------------------------------------- the UGEL's reports


def _cdd_report(run: Run, ledger: Ledger, arrived: Sequence[FileResult]) -> list[Followup]:
    triggers = _of(arrived, CDD)
    if not triggers:
        return []
    result, what = triggers[-1], "el informe de Compromisos de Desempeño de la UGEL"

    def make() -> Followup:
        summary = cdd.refresh_summary(latest_files(ledger, CDD), Path(run.settings.inbox), run)
        return Followup(result, what, tuple(summary.documents),
                        tuple(f"El informe de la UGEL no considera un formulario: {issue}"
                              for issue in summary.failures))

    return [_attempt(result, what, make)]


def _cap_reports(run: Run, ledger: Ledger, arrived: Sequence[FileResult]) -> list[Followup]:
    settings = run.settings
    triggers = _of(arrived, FICHA)
    if not triggers:
        return []
    fichas = latest_files(ledger, FICHA)
    years: dict[int, FileResult] = {}
    for trigger in triggers:  # the last ficha of each year reports its year's report
        year = cap.visit_year(trigger.destination, settings) if trigger.destination else None
        if year is not None:
            years[year] = trigger
    followups = []
    for year, result in sorted(years.items()):
        what = f"el consolidado de las fichas CAP de {year}"

        def make(year: int = year, result: FileResult = result, what: str = what) -> Followup:
            report = cap.refresh_report(fichas, Path(settings.inbox), year, run)
            return Followup(result, what, tuple(report.documents))

        followups.append(_attempt(result, what, make))
    return followups
