"""The catalogue of errors: every error cddgen raises to the user and the exit codes the CLI
maps them to (README, «Códigos de salida»; DEVELOPERS.md, «Errors and exit statuses»).

Every error carries what a secretary needs to fix it: the file, the sheet, the row, the
column, what is wrong and how to fix it. Only the ``cli`` package turns these into messages and
exit codes; the rest of the package raises them. A new error that can reach the user is a
subclass here, with its exit status; exceptions that never leave their module (a cell's
value refused inside the reader, ``readers/cell_values.InvalidCell``; a conversion
cancelled, ``render/pdf/soffice.Cancelled``) stay where they are raised and caught.

By exit status:

* ``ERROR`` (1): ``CddgenError`` itself, ``TemplateProblem``, ``ConversionError``,
  ``NumberingError``; anything unexpected (the CLI's last barrier).
* ``USAGE`` (2): ``ConfigError``, ``MissingForm`` (``MissingCommittee``), ``MissingInput``,
  ``UnknownPostulante``, ``NothingToRender``; click's own usage errors.
* ``INVALID_INPUT`` (3): ``InvalidInput`` (``SubjectConflict``, ``SignedDocuments``),
  ``UnreadableInput``.
* ``INTERRUPTED`` (130): Ctrl+C (``KeyboardInterrupt``) in a command that does not stop on
  its own (``watch`` and ``process`` catch SIGINT and finish the file in hand).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class ExitStatus(IntEnum):
    """Exit codes documented in the README."""

    OK = 0
    ERROR = 1
    USAGE = 2
    INVALID_INPUT = 3
    # 128 + SIGINT, what shells report for a program stopped by Ctrl+C.
    INTERRUPTED = 130


@dataclass(frozen=True)
class Issue:
    """One problem found in an input, located as precisely as the input allows."""

    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    fix: str | None = None
    # Excel cell reference such as "C12", used to highlight the cell in a marked-up copy.
    cell: str | None = None

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(Path(self.file).name)
        if self.sheet:
            parts.append(f"hoja «{self.sheet}»")
        if self.row is not None:
            parts.append(f"fila {self.row}")
        if self.column:
            parts.append(f"columna «{self.column}»")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.fix:
            text = f"{text} {self.fix}"
        return text


class CddgenError(Exception):
    """Base of every error that reaches the user as a Spanish message."""

    exit_status = ExitStatus.ERROR

    def __init__(self, message: str, *, fix: str | None = None, file: str | Path | None = None):
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.file = str(file) if file is not None else None

    def __str__(self) -> str:
        text = self.message
        if self.file and Path(self.file).name not in text:
            text = f"{Path(self.file).name}: {text}"
        if self.fix:
            text = f"{text} {self.fix}"
        return text


class ConfigError(CddgenError):
    """A bad key or value in cddgen.toml or a rules file."""

    exit_status = ExitStatus.USAGE


class MissingForm(CddgenError):
    """Another form that this one's documents need was not found (the committee's form, whose
    members sign the actas of an Ascenso workbook). ``needs`` is that form's kind."""

    exit_status = ExitStatus.USAGE
    needs = ""


class InvalidInput(CddgenError):
    """An input form with one or more problems; nothing is rendered from it."""

    exit_status = ExitStatus.INVALID_INPUT

    def __init__(self, issues: list[Issue], *, file: str | Path | None = None, total: int | None = None):
        """``total``: how many problems there are when ``issues`` lists only some of them."""
        self.issues = list(issues)
        count = total or len(self.issues)
        noun = "problema" if count == 1 else "problemas"
        name = Path(file).name if file else "el formulario"
        super().__init__(f"{name} tiene {count} {noun}; no se generó ningún documento.", file=None)
        self.file = str(file) if file is not None else None

    def __str__(self) -> str:
        lines = [self.message]
        lines.extend(f"  - {issue}" for issue in self.issues)
        return "\n".join(lines)


class UnreadableInput(CddgenError):
    """A file that cannot be read as the form it claims to be (corrupt, wrong format, hostile)."""

    exit_status = ExitStatus.INVALID_INPUT


class TemplateProblem(CddgenError):
    """A template that cannot be rendered: missing variables, syntax, or a forbidden access."""


class ConversionError(CddgenError):
    """LibreOffice could not turn a .docx into PDF (missing, failed, or timed out)."""


class NumberingError(CddgenError):
    """The numbering registry could not give a number."""


class SubjectConflict(InvalidInput):
    """A form asks for the number of a document already given to another subject (another
    CETPRO, person or expediente): the form is observed, nothing is rendered."""

    def __init__(self, message: str, *, fix: str, entry) -> None:
        super().__init__([Issue(message=message, fix=fix)])
        self.entry = entry  # the NumberEntry already given


class ConfigErrors(ConfigError):
    """Every problem found in the configuration and the rules files, reported together (as
    mkdocs reports all its configuration errors at once): the person fixes them in one pass.
    ``problems`` are ``tomlfile.ConfigProblem`` (file, key, what is wrong, the fix)."""

    def __init__(self, problems: tuple) -> None:
        self.problems = problems
        if len(problems) == 1:
            (only,) = problems
            super().__init__(f"{only.source}: {only.message}", fix=only.fix)
        else:
            lines = "\n".join(f"  {number}. {problem}" for number, problem in enumerate(problems, start=1))
            super().__init__(f"Hay {len(problems)} errores en la configuración; corríjalos todos antes de volver "
                             f"a ejecutar:\n{lines}")


class MissingInput(CddgenError):
    """An input the command needs was not given and is not where the configuration says."""

    exit_status = ExitStatus.USAGE


class MissingCommittee(MissingForm):
    """No committee form for the signatures of an Ascenso workbook's documents."""

    needs = "comite"


class UnknownPostulante(CddgenError):
    exit_status = ExitStatus.USAGE


class NothingToRender(CddgenError):
    """The command asked for documents the data does not call for (e.g. a postulante without reclamos)."""

    exit_status = ExitStatus.USAGE


class SignedDocuments(InvalidInput):
    """Rendering these documents again would replace PDFs that already bear signatures: one
    issue per document (``render/signing.py`` words them), its ``records`` the registry's."""

    def __init__(self, issues: list[Issue], *, records=()):
        super().__init__(issues)
        count = len(self.issues)
        self.records = tuple(records)
        self.message = (f"{count} documento{'s' if count != 1 else ''} de este formulario ya "
                        f"tiene{'n' if count != 1 else ''} firmas y cambiaría{'n' if count != 1 else ''}; "
                        "no se generó ningún documento.")
