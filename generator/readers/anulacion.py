"""Read forms/anulacion.xlsx: who asks to annul which numbers, and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..forms.anulacion import NUMBERS_SHEET, REQUEST_SHEET, anulacion_form
from ..render.numbering import comparable_label
from .xlsx import FormReader

# What the registry says of a number typed in the form: None when it can be annulled, else the
# problem and its fix (it is not in the registry, two series print it…).
NumberCheck = Callable[[str], "tuple[str, str] | None"]


@dataclass(frozen=True)
class Annulment:
    number: str  # as typed (spaces tidied)
    reason: str
    row: int  # of the sheet «Números»


@dataclass(frozen=True)
class AnnulmentRequest:
    requester: str
    cargo: str
    date: dt.date
    annulments: tuple[Annulment, ...]

    def note(self, annulment: Annulment, form_name: str) -> str:
        """The reason the registry keeps: the motive, who asked, when and with which form."""
        who = f"{self.requester}, {self.cargo}" if self.cargo else self.requester
        return f"{annulment.reason} (solicitado por {who} el {self.date:%d/%m/%Y}, formulario «{form_name}»)"


def read_request(path: str | Path, check: NumberCheck | None = None) -> AnnulmentRequest:
    """The request of the form at ``path``; InvalidInput lists every problem, each at its cell,
    including what ``check`` finds wrong with a number (the registry's view of it)."""
    with FormReader(path, anulacion_form()) as reader:
        request = reader.fields(REQUEST_SHEET)
        rows = reader.table(NUMBERS_SHEET)
        if not rows and NUMBERS_SHEET not in reader.unread_sheets and not any(
                issue.sheet == NUMBERS_SHEET for issue in reader.issues):
            reader.add("no tiene ningún número que anular.", sheet=NUMBERS_SHEET,
                       fix="Escriba en cada fila el número del documento y el motivo.")
        seen: dict[str, int] = {}
        annulments = []
        for row in rows:
            number, reason = " ".join(str(row["numero"] or "").split()), (row["motivo"] or "").strip()
            if not number or not reason:
                continue  # the reader already said which of the two is missing
            same = seen.get(comparable_label(number))
            if same is not None:
                reader.add_for(row, "numero", f"«{number}» ya figura en la fila {same}.",
                               fix="Deje una sola fila por número.")
                continue
            seen[comparable_label(number)] = row.row
            problem = check(number) if check is not None else None
            if problem is not None:
                reader.add_for(row, "numero", problem[0], fix=problem[1])
                continue
            annulments.append(Annulment(number, reason, row.row))
        reader.raise_if_issues()
    values = request.values if request else {}
    return AnnulmentRequest(" ".join(str(values.get("solicitante") or "").split()),
                            " ".join(str(values.get("cargo") or "").split()), values["fecha"], tuple(annulments))


def request_identity(path: str | Path) -> str | None:
    """What makes two requests versions of one: the numbers they annul (None when none is legible)."""
    with FormReader(path, anulacion_form()) as reader:
        numbers = sorted(comparable_label(str(row["numero"])) for row in reader.table(NUMBERS_SHEET) if row["numero"])
    return " | ".join(numbers) or None
