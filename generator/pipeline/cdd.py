"""The Compromisos de Desempeño family: a CETPRO's workbook → the oficio of each tramo with its
annex workbooks; a folder with the workbooks of a UGEL's CETPRO → the UGEL's report.

In a folder, a workbook with errors does not stop the report: it is left out, listed in the
report and returned as a failure (the CLI prints its problems), so the UGEL sees the CETPRO
that did send a valid workbook. Only when no workbook is valid is nothing generated.
"""

from __future__ import annotations

import dataclasses
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from openpyxl import load_workbook

from ..config import Settings
from ..domain.cdd import CetproEvaluation, Edition, evaluate, summarize_ugel
from ..errors import InvalidInput, Issue, UnreadableInput
from ..forms.cdd import CETPRO_SHEET, FILENAME, KIND, STUDENTS_SHEET, cdd_form, field_labels
from ..forms.spec import FormSpec, MARKER_SHEET
from ..forms.xlsx_writer import write_form
from ..readers.cdd import read_cdd
from ..readers.safety import check_office_file, unreadable
from ..render import oficio_cdd, resumen_cdd
from ..render.documents import DocumentJob, ProducedDocument, produce
from ..run import Run
from ..scratch import scratch_folder

FAMILY = "cdd"
EXAMPLES = "cdd"  # folder under forms/ejemplos/ with one workbook per CETPRO of UGEL 02


def load_edition(settings: Settings) -> Edition:
    """The edition of the rules in force (``[reglas] cdd``), with cddgen.toml's overrides."""
    return settings.rules.cdd


def cdd_forms(settings: Settings, folder: Path) -> list[Path]:
    return [write_form(cdd_form(load_edition(settings)), folder / FILENAME)]


def evaluate_workbook(path: Path, edition: Edition, spec: FormSpec) -> CetproEvaluation:
    """Read and evaluate one CETPRO's workbook (raises InvalidInput / UnreadableInput)."""
    case = read_cdd(path, edition)
    return evaluate(case, edition, field_labels(spec))


def oficio_jobs(evaluation: CetproEvaluation, edition: Edition, spec: FormSpec,
                tramos: Iterable[int] | None = None) -> list[DocumentJob]:
    return [oficio_cdd.job(evaluation, tramo, edition, spec) for tramo in (tramos or sorted(edition.tramos))]


def process_cdd(path: Path, run: Run, tramos: Iterable[int] | None = None) -> list[ProducedDocument]:
    """The oficios of ``tramos`` (default: every tramo) of one workbook, with their annexes."""
    edition = load_edition(run.settings)
    spec = cdd_form(edition)
    evaluation = evaluate_workbook(Path(path), edition, spec)
    return produce(oficio_jobs(evaluation, edition, spec, tramos), run)


# --------------------------------------------------------------------------- a folder of workbooks


@dataclass(frozen=True)
class FolderRead:
    evaluations: tuple[tuple[Path, CetproEvaluation], ...]
    failures: tuple[Issue, ...]  # problems of the workbooks left out, each naming its file

    def failure_rows(self) -> list[tuple[str, str]]:
        """(file name, problem) for the report: the problem located without repeating the file."""
        return [(Path(issue.file).name if issue.file else "", str(dataclasses.replace(issue, file=None)))
                for issue in self.failures]


def _candidates(folder: Path) -> list[Path]:
    return sorted(
        path for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() == ".xlsx" and not path.name.startswith(("~$", "."))
    )


def _is_cdd_workbook(path: Path) -> bool:
    """A workbook of this family: by its marker, or by its sheets when the marker was lost."""
    check_office_file(path, "xlsx")
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise unreadable(path, "xlsx") from None
    try:
        if MARKER_SHEET in workbook.sheetnames:
            for row in workbook[MARKER_SHEET].iter_rows(min_row=1, max_row=1, max_col=2, values_only=True):
                return row[0] == "cddgen" and row[1] == KIND
        return CETPRO_SHEET in workbook.sheetnames and STUDENTS_SHEET in workbook.sheetnames
    finally:
        workbook.close()


def read_folder(folder: Path, edition: Edition, spec: FormSpec) -> FolderRead:
    """Every Compromisos de Desempeño workbook of ``folder``: the valid ones evaluated, the
    problems of the others. Raises InvalidInput when none is valid."""
    return read_workbooks(_candidates(Path(folder)), Path(folder), edition, spec)


def read_workbooks(paths: Sequence[Path], folder: Path, edition: Edition, spec: FormSpec, *,
                   newest_first: bool = False) -> FolderRead:
    """``read_folder`` over ``paths`` (``folder`` names where they are, in messages). With
    ``newest_first`` (the inbox's forms, most recent first), a later workbook of a CETPRO already
    read is an earlier version of its form and is left out without a word."""
    evaluations: list[tuple[Path, CetproEvaluation]] = []
    failures: list[Issue] = []
    seen: dict[str, Path] = {}
    found = 0
    for path in paths:
        try:
            if not _is_cdd_workbook(path):
                continue
            found += 1
            evaluation = evaluate_workbook(path, edition, spec)
        except InvalidInput as error:
            failures.extend(error.issues)
            continue
        except UnreadableInput as error:
            found += 1
            failures.append(Issue(message=error.message, file=str(path), fix=error.fix))
            continue
        code = evaluation.cetpro.codigo_modular
        if code in seen and newest_first:
            continue
        if code in seen:
            failures.append(Issue(
                message=f"el CETPRO {code} ya figura en «{seen[code].name}»; no se consideró este formulario.",
                file=str(path), fix="Deje en la carpeta un solo formulario por CETPRO.",
            ))
            continue
        seen[code] = path
        evaluations.append((path, evaluation))
    if not evaluations:
        if not found:
            failures.append(Issue(
                message="la carpeta no contiene formularios de Compromisos de Desempeño (cdd-cetpro.xlsx).",
                file=str(folder), fix="Copie en ella el formulario llenado de cada CETPRO.",
            ))
        raise InvalidInput(failures, file=folder)
    ugels = sorted({evaluation.mma.ugel for _, evaluation in evaluations})
    if len(ugels) > 1:
        raise InvalidInput([Issue(
            message=f"la carpeta mezcla CETPRO de varias UGEL ({', '.join(ugels)}).",
            file=str(folder), fix="Separe los formularios en una carpeta por UGEL.",
        )], file=folder)
    return FolderRead(tuple(evaluations), tuple(failures))


@dataclass(frozen=True)
class SummaryRun:
    documents: list[ProducedDocument]
    failures: tuple[Issue, ...]


def _summary_jobs(read: FolderRead, edition: Edition, settings: Settings, scratch: Path,
                  standing: bool = False) -> list[DocumentJob]:
    ugel = read.evaluations[0][1].mma.ugel
    summary = summarize_ugel([evaluation for _, evaluation in read.evaluations], edition, ugel)
    chart = resumen_cdd.write_chart(summary, scratch / "indicadores.png")
    job = resumen_cdd.job(summary, read.failure_rows(), settings, chart)
    if standing:  # the one report of the edition the inbox keeps current: one number, refreshed
        job = dataclasses.replace(job, key=standing_key(edition, ugel))
    return [job]


def standing_key(edition: Edition, ugel: str) -> str:
    """The key of the UGEL's report the shared inbox refreshes as CETPRO forms arrive (one number
    per edition and UGEL; «cddgen render resumen-cdd» numbers its own, by date)."""
    return f"resumen-cdd:{edition.key}:{ugel}:bandeja"


def process_summary(folder: Path, run: Run) -> SummaryRun:
    """The UGEL's report over every workbook of ``folder`` (see the module doc for errors)."""
    settings = run.settings
    edition = load_edition(settings)
    read = read_folder(Path(folder), edition, cdd_form(edition))
    with scratch_folder(settings.scratch_root, "grafico") as scratch:
        documents = produce(_summary_jobs(read, edition, settings, Path(scratch)), run)
    return SummaryRun(documents, read.failures)


def refresh_summary(paths: Sequence[Path], folder: Path, run: Run) -> SummaryRun:
    """The UGEL's report over the CETPRO forms the inbox holds (``paths``, the most recent first),
    under its standing number: rendering it again moves the earlier one to reemplazados/."""
    settings = run.settings
    edition = load_edition(settings)
    read = read_workbooks(paths, folder, edition, cdd_form(edition), newest_first=True)
    with scratch_folder(settings.scratch_root, "grafico") as scratch:
        documents = produce(_summary_jobs(read, edition, settings, Path(scratch), standing=True), run)
    return SummaryRun(documents, read.failures)


def demo_cdd(run: Run) -> list[ProducedDocument]:
    """The demo of this family: both oficios of each sample CETPRO and the UGEL's report."""
    settings = run.settings
    edition = load_edition(settings)
    spec = cdd_form(edition)
    read = read_folder(settings.example_path(EXAMPLES), edition, spec)
    jobs = [job for _, evaluation in read.evaluations for job in oficio_jobs(evaluation, edition, spec)]
    with scratch_folder(settings.scratch_root, "grafico") as scratch:
        jobs += _summary_jobs(read, edition, settings, Path(scratch))
        return produce(jobs, run)
