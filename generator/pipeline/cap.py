"""The ficha de monitoreo CAP family: blank forms, one ficha → its numbered document, and a
folder of fichas → the UGEL's consolidated report (DOMAIN.md C)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..config import Settings
from ..domain.cap import Period, consolidate
from ..errors import InvalidInput, Issue, UnreadableInput
from ..forms.ficha_cap import ficha_cap_form
from ..forms.ficha_cap_docx import write_ficha_docx
from ..forms.xlsx_writer import write_form
from ..readers.ficha_cap import SUFFIXES, read_ficha
from ..render import ficha_cap, resumen_cap
from ..render.documents import ProducedDocument, produce
from ..render.resumen_cap import Excluded
from ..run import Run
from ..scratch import scratch_folder

EXAMPLES_FOLDER = "cap"


@dataclass(frozen=True)
class Report:
    """What «render resumen-cap» made, and the fichas of the folder it left out."""

    documents: list[ProducedDocument]
    excluded: tuple[Excluded, ...]


def write_forms(settings: Settings, folder: Path) -> list[Path]:
    rules = settings.rules.cap
    catalogue, scale = rules.catalogue(), rules.scale
    return [
        write_ficha_docx(rules, catalogue, scale, settings.institution, folder / "ficha-cap.docx"),
        write_form(ficha_cap_form(rules, catalogue, scale), folder / "ficha-cap.xlsx"),
    ]


def process_ficha(path: Path, run: Run) -> list[ProducedDocument]:
    """Read the ficha (.docx or .xlsx), score it and render it numbered in Word and PDF."""
    rules = run.settings.rules.cap
    ficha = read_ficha(path, rules)
    return produce([ficha_cap.job(ficha, run.settings, rules)], run)


def ficha_files(folder: Path) -> list[Path]:
    """The .docx and .xlsx files directly in ``folder`` (not in subfolders), without the lock
    files Word and Excel leave (~$…) and hidden files."""
    return sorted(
        path for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith(("~$", "."))
    )


def _reasons(path: Path, error: InvalidInput | UnreadableInput) -> tuple[str, ...]:
    """The errors of a ficha without its file name (the report lists them under it)."""
    if isinstance(error, InvalidInput):
        return tuple(str(dataclasses.replace(issue, file=None)) for issue in error.issues)
    return (error.message.removeprefix(f"{path.name}: ") + (f" {error.fix}" if error.fix else ""),)


def process_report(folder: Path, run: Run, period: Period | None = None) -> Report:
    """The fichas of ``folder`` of one period into one consolidated report (.docx, PDF, .xlsx).

    The period is ``period`` or, by default, the year of the latest visit; fichas of other dates
    are left out. A ficha with errors is left out too; both are listed in the result (the
    screen) and in the workbook, never in the informe. Without any valid ficha of the period
    nothing is made and InvalidInput says why.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise UnreadableInput(f"«{folder}» no es una carpeta.", fix="Indique la carpeta con las fichas CAP.")
    files = ficha_files(folder)
    if not files:
        raise UnreadableInput(
            f"la carpeta «{folder.name}» no contiene fichas CAP (.docx o .xlsx).",
            fix="Copie en ella las fichas llenadas (forms/ficha-cap.docx o forms/ficha-cap.xlsx).",
            file=folder,
        )
    return _report(files, folder, run, period)


def _report(files: Sequence[Path], folder: Path, run: Run, period: Period | None,
            key: str | None = None, list_outside: bool = True) -> Report:
    """The report over ``files`` (see ``process_report``), numbered under ``key`` when given; the
    fichas of other periods are listed as left out only when ``list_outside``."""
    settings = run.settings
    rules = settings.rules.cap
    catalogue, scale = rules.catalogue(), rules.scale
    fichas = []
    excluded: list[Excluded] = []
    issues: list[Issue] = []
    for path in files:
        try:
            fichas.append(read_ficha(path, rules))
        except (InvalidInput, UnreadableInput) as error:
            excluded.append(Excluded(path.name, _reasons(path, error)))
            issues.extend(error.issues if isinstance(error, InvalidInput)
                          else [Issue(message=str(error), file=str(path))])
    if not fichas:
        raise InvalidInput(issues, file=folder)
    period = period or Period.year(max(ficha.datos.fecha for ficha in fichas).year)
    outside = [ficha for ficha in fichas if not period.contains(ficha.datos.fecha)]
    if list_outside:
        excluded += [Excluded(ficha.origen, (f"la visita del {ficha.datos.fecha:%d/%m/%Y} no es del periodo del "
                                             f"informe ({period.label}).",)) for ficha in outside]
    fichas = [ficha for ficha in fichas if period.contains(ficha.datos.fecha)]
    if not fichas:
        raise InvalidInput([Issue(message=f"ninguna ficha válida de la carpeta es del periodo {period.label}.",
                                  file=str(folder), fix="Indique otro periodo (--anio, o --desde y --hasta).")],
                           file=folder)
    consolidated = consolidate(fichas, catalogue, scale)
    registry = run.registry
    with scratch_folder(settings.scratch_root, "cap") as scratch:
        chart = resumen_cap.draw_chart(consolidated, catalogue, scale, Path(scratch) / "grafico.png")
        job = resumen_cap.job(consolidated, excluded, settings, rules, catalogue, scale, chart, period)
        if key is not None:
            job = dataclasses.replace(job, key=key)
        documents = produce([job], run)
    results = []
    for document in documents:
        workbook = resumen_cap.write_workbook(consolidated, excluded, catalogue, scale, rules, document.number,
                                              document.docx.with_suffix(".xlsx"))
        produced = dataclasses.replace(document, attachments=document.attachments + (workbook,))
        # Record the workbook with the document's other files (same key: the same number).
        entry = registry.reserve(job.series, job.office or settings.institution.sigla, job.date.year, job.key,
                                 job.subject)
        registry.confirm(entry, [str(path) for path in produced.files], job.date)
        results.append(produced)
    return Report(results, tuple(excluded))


def standing_key(year: int) -> str:
    """The key of the report of the visits of ``year`` that the shared inbox refreshes as fichas
    arrive (one number per year; «cddgen render resumen-cap» numbers its own, by the fichas it takes)."""
    return f"resumen-cap:{year}:bandeja"


def refresh_report(files: Sequence[Path], folder: Path, year: int, run: Run) -> Report:
    """The UGEL's report of the visits of ``year`` over the fichas the inbox holds (``files``),
    under its standing number: rendering it again moves the earlier one to reemplazados/. Fichas
    of other years belong to their own year's report and are not listed as left out."""
    return _report(files, folder, run, Period.year(year), key=standing_key(year), list_outside=False)


def visit_year(path: Path, settings: Settings) -> int | None:
    """The year of the visit a ficha records (None when it cannot be read)."""
    try:
        return read_ficha(path, settings.rules.cap).datos.fecha.year
    except (InvalidInput, UnreadableInput):
        return None


def demo_cap(run: Run) -> list[ProducedDocument]:
    """For «cddgen demo»: every example ficha, then the consolidated report over them."""
    folder = run.settings.example_path(EXAMPLES_FOLDER)
    documents = [document for path in ficha_files(folder) for document in process_ficha(path, run)]
    return documents + process_report(folder, run).documents
