"""The Ascenso family: workbook → evaluations → actas individuales de resultados and resultados.xlsx.

``cddgen render acta``, ``cddgen render actas``, ``cddgen score``, the demo and the inbox all
come through here, so they read, validate and score the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from ..config import Settings
from ..domain.ascenso import Evaluation, evaluate
from ..domain.comite import Committee
from ..errors import MissingCommittee, MissingInput, UnknownPostulante
from ..forms.ascenso import ascenso_form
from ..forms.xlsx_writer import write_form
from ..open_parameters import family_open_parameters
from ..readers.ascenso import read_candidates, read_case
from ..readers.comite import read_committee
from ..render import acta_resultados
from ..render.documents import ProducedDocument, produce
from ..render.resultados import FILENAME as RESULTS_FILENAME
from ..render.resultados import write_results
from ..run import Run
from .fechas import RecordDates

COMMITTEE_FORM = "comite.xlsx"


def _route(settings: Settings, key: str) -> Path:
    value = Path(settings.raw["rutas"][key]).expanduser()
    return value if value.is_absolute() else settings.base_dir / value


def workbook_path(settings: Settings, given: str | Path | None) -> Path:
    """The Ascenso workbook: the one given, else ``rutas.libro_ascenso``."""
    if given:
        return Path(given)
    default = _route(settings, "libro_ascenso")
    if not default.is_file():
        raise MissingInput(
            f"No se indicó el libro del concurso de ascenso y no existe «{default}».",
            fix="Indique el libro, por ejemplo «cddgen score forms/ejemplos/ascenso.xlsx», o configure "
                "rutas.libro_ascenso en cddgen.toml.",
        )
    return default


def committee_path(settings: Settings, workbook: Path, given: str | Path | None,
                   known: Path | None = None) -> Path:
    """The committee form: the one given, else ``rutas.formulario_comite``, else the one the
    caller knows (the inbox: the last committee form it processed), else a comite.xlsx
    beside the workbook (as in forms/ejemplos/)."""
    if given:
        return Path(given)
    configured = _route(settings, "formulario_comite")
    if configured.is_file():
        return configured
    if known is not None and known.is_file():
        return known
    beside = workbook.parent / COMMITTEE_FORM
    if beside.is_file():
        return beside
    raise MissingCommittee(
        f"No se encontró el formulario del Comité de Evaluación («{configured}» ni «{beside}»); las actas "
        "llevan la firma de sus tres integrantes.",
        fix="Indique --comite RUTA (el comite.xlsx llenado) o configure rutas.formulario_comite en cddgen.toml.",
    )


def ascenso_forms(settings: Settings, folder: Path) -> list[Path]:
    return [write_form(ascenso_form(settings.rules.ascenso), folder / "ascenso.xlsx")]


def score(workbook: Path, settings: Settings) -> list[Evaluation]:
    """Read and validate the workbook (InvalidInput lists every problem) and evaluate everyone."""
    return score_with_warnings(workbook, settings)[0]


def score_with_warnings(workbook: Path, settings: Settings) -> tuple[list[Evaluation], tuple[str, ...]]:
    """``score`` and the workbook's warnings (an older form version, what the documents will lack)."""
    rules = settings.rules.ascenso
    case = read_case(workbook, rules)
    return [evaluate(postulante, rules) for postulante in case.postulantes], case.avisos


def write_score(evaluations: Sequence[Evaluation], settings: Settings, outbox: Path | None = None) -> Path:
    """resultados.xlsx of the original evaluations only; with the reclamos, use
    ``pipeline.reclamos.write_score`` (it adds the sheet «Después de reclamos»)."""
    rules = settings.rules.ascenso
    return write_results(evaluations, (outbox or settings.outbox) / RESULTS_FILENAME, rules,
                         family_open_parameters(settings, "ascenso"))


def read_committee_for(path: Path, evaluations: Sequence[Evaluation], settings: Settings, *,
                       informe_final: bool = False) -> Committee:
    """The committee, refusing a member who is one of the postulantes (A.5). Problems of the sheets
    only the informe final needs stop only the informe final (the form's arrival warned of them)."""
    candidates = {e.postulante.dni: e.postulante.apellidos_nombres for e in evaluations}
    return read_committee(path, settings.rules.ascenso, settings.institution.tipo, extra_candidates=candidates,
                          warn=None if informe_final else _said_on_arrival)


def _said_on_arrival(warning: str) -> None:
    """A committee form's warnings are given when it arrives (and by «render acta-instalacion»)."""


def render_actas(
    workbook: Path,
    run: Run,
    *,
    committee: str | Path | None = None,
    known_committee: Path | None = None,
    dni: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    evaluations: Sequence[Evaluation] | None = None,
) -> list[ProducedDocument]:
    """The acta of the postulante ``dni``, or of every postulante, in one batch (one PDF run).

    ``progress(done, total, text)`` is called once before rendering and after each .docx; the
    PDF conversion of the whole batch follows the last call.
    """
    settings = run.settings
    rules = settings.rules.ascenso
    evaluations = list(evaluations) if evaluations is not None else score(workbook, settings)
    committee_file = committee_path(settings, workbook, committee, known_committee)
    members = read_committee_for(committee_file, evaluations, settings)
    chosen = evaluations
    if dni is not None:
        chosen = [e for e in evaluations if e.postulante.dni == dni]
        if not chosen:
            raise UnknownPostulante(
                f"El DNI {dni} no figura en la hoja «Postulantes» de {workbook.name}.",
                fix="Revise el número (8 dígitos) o use «cddgen score» para ver la lista de postulantes.",
            )
    dates = RecordDates(settings, members, workbook, committee_file).require(actas=[e.postulante for e in chosen])
    jobs = [acta_resultados.job(e, members, settings, rules, on=dates.acta(e.postulante.dni)) for e in chosen]
    step = None
    if progress is not None:
        done = [0]
        progress(0, len(jobs), "")

        def step(text: str) -> None:
            done[0] += 1
            progress(done[0], len(jobs), text)

    return produce(jobs, run.but(progress=step) if step else run)


def candidates(path: str | Path, settings: Settings) -> dict[str, str]:
    """DNI → name of the postulantes of an Ascenso workbook (for the committee check)."""
    return read_candidates(path, settings.rules.ascenso)
