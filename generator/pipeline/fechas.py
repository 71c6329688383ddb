"""The date of every document of the Comité's record (DOMAIN.md D; seed 003, 1.5 d, 2.3, 3.3, 3.6).

A document carries the date of the act it records, taken from the forms, never the day cddgen
runs:

- an acta individual de resultados: the postulante's «Fecha del acta», else the session of the
  committee form marked «Aprueba las actas de resultados»;
- an oficio de respuesta and the new acta it attaches: the reclamo's «Fecha de respuesta», else the
  session marked «Aprueba las respuestas a reclamos»;
- an oficio de retiro (and its communication to the director): the postulante's «Fecha del
  retiro», else the session marked «Aprueba los oficios de retiro»;
- the informe final: the «Fecha del informe final» of the committee form.

``--fecha`` (``settings.document_date``) replaces all of them. Without either, the documents
are refused with the cell to fill; dates that contradict the record (a reply dated before the
acta it replaces, a retiro before the reclamo it follows, an informe before what it attaches)
are refused too, all at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ..config import Settings
from ..domain.ascenso import Postulante
from ..domain.ascenso.reclamos import ExpedienteResult
from ..domain.comite import Committee, Sesion
from ..errors import InvalidInput, Issue
from ..domain.ascenso.registro import RESPUESTA, RETIRO, Notificacion
from ..forms.ascenso import NOTIFICACIONES_SHEET, POSTULANTES_SHEET, RECLAMOS_SHEET, ascenso_form
from ..forms.comite import REPORT_SHEET, SESSIONS_SHEET, comite_form

# Which session flag dates which kind of document, and the column of the form that says it.
_FLAGS = {
    "actas": ("aprueba_actas", "las actas de resultados"),
    "respuestas": ("aprueba_respuestas", "las respuestas a los reclamos"),
    "retiros": ("aprueba_retiros", "los oficios de retiro"),
}


@dataclass(frozen=True)
class _Place:
    """Where a date comes from (or must be written): file, sheet, row and field."""

    file: Path
    sheet: str
    row: int | None
    field: str


class RecordDates:
    """The dates of the documents a run produces; ``require`` checks them all and raises one
    InvalidInput listing every date that is missing or contradicts the record."""

    def __init__(self, settings: Settings, committee: Committee, workbook: Path, committee_file: Path):
        self.override = settings.document_date
        self.committee = committee
        self.workbook = Path(workbook)
        self.committee_file = Path(committee_file)
        rules = settings.rules.ascenso
        self._book_headers = {sheet.name: {c.field: c.header for c in sheet.columns}
                              for sheet in ascenso_form(rules).sheets}
        self._committee_headers = {sheet.name: {c.field: c.header for c in sheet.columns}
                                   for sheet in comite_form(rules, settings.institution.tipo).sheets}
        self.actas: dict[str, dt.date] = {}
        self.replies: dict[str, dt.date] = {}
        self.retiros: dict[str, dt.date] = {}
        self.informe: dt.date | None = None
        self._issues: list[Issue] = []

    # --- where a date comes from ---------------------------------------------------------

    def _issue(self, place: _Place, message: str, fix: str) -> None:
        headers = self._book_headers if place.file == self.workbook else self._committee_headers
        self._issues.append(Issue(message, file=str(place.file), sheet=place.sheet, row=place.row,
                                  column=headers.get(place.sheet, {}).get(place.field), fix=fix))

    def _book(self, sheet: str, row: int | None, field: str) -> _Place:
        return _Place(self.workbook, sheet, row, field)

    def _sessions(self, kind: str) -> list[Sesion]:
        flag, _ = _FLAGS[kind]
        return [session for session in self.committee.sesiones if getattr(session, flag)]

    def _session_column(self, kind: str) -> str:
        return self._committee_headers[SESSIONS_SHEET][_FLAGS[kind][0]]

    def _from_session(self, kind: str, own: _Place, what: str) -> dt.date | None:
        """The date of the one session marked for ``kind``; an issue (and None) when there is
        none or there are several."""
        sessions = self._sessions(kind)
        if len(sessions) == 1:
            return sessions[0].fecha
        own_header = self._book_headers[own.sheet][own.field]
        column = self._session_column(kind)
        if not sessions:
            self._issue(own, f"falta la fecha {what}.",
                        f"Escríbala en esta columna, o marque «Sí» en la columna «{column}» de la sesión que "
                        f"la aprobó (hoja «{SESSIONS_SHEET}» de {self.committee_file.name}); cddgen no usa la "
                        "fecha del día.")
        else:
            days = ", ".join(f"{s.fecha:%d/%m/%Y}" for s in sessions)
            self._issue(own, f"falta la fecha {what} y varias sesiones tienen «Sí» en «{column}» ({days}): no se "
                             "sabe cuál la aprobó.",
                        f"Escriba la fecha en «{own_header}», o deje «Sí» en una sola sesión.")
        return None

    # --- each kind of document -------------------------------------------------------------

    def _acta(self, postulante: Postulante) -> dt.date | None:
        if self.override:
            return self.override
        if postulante.fecha_acta:
            return postulante.fecha_acta
        row = postulante.source.row if postulante.source else None
        return self._from_session("actas", self._book(POSTULANTES_SHEET, row, "fecha_acta"),
                                  f"del acta de resultados de {postulante.apellidos_nombres}")

    def _reply(self, item: ExpedienteResult) -> dt.date | None:
        if self.override:
            return self.override
        if item.fecha_respuesta:
            return item.fecha_respuesta
        source = item.puntos[0].punto.source if item.puntos else None
        return self._from_session("respuestas", self._book(RECLAMOS_SHEET, source.row if source else None,
                                                           "fecha_respuesta"),
                                  f"de la respuesta al reclamo {item.expediente}")

    def _retiro(self, postulante: Postulante) -> dt.date | None:
        if self.override:
            return self.override
        if postulante.fecha_retiro:
            return postulante.fecha_retiro
        row = postulante.source.row if postulante.source else None
        return self._from_session("retiros", self._book(POSTULANTES_SHEET, row, "fecha_retiro"),
                                  f"del retiro de {postulante.apellidos_nombres}")

    def _informe(self) -> dt.date | None:
        if self.override:
            return self.override
        if self.committee.fecha_informe:
            return self.committee.fecha_informe
        self._issue(_Place(self.committee_file, REPORT_SHEET, None, "fecha_informe"),
                    "falta la fecha del informe final.",
                    "Escríbala (dd/mm/aaaa) en la hoja «Informe final»; cddgen no usa la fecha del día.")
        return None

    # --- all at once ---------------------------------------------------------------------

    def require(
        self,
        *,
        actas: Iterable[Postulante] = (),
        replies: Mapping[str, Sequence[ExpedienteResult]] | None = None,
        retiros: Iterable[Postulante] = (),
        informe: bool = False,
        issued: Sequence[dt.date] = (),
    ) -> "RecordDates":
        """Resolve the dates of these documents (``replies``: DNI → the postulante's reclamos in
        order; ``issued``: dates of the documents the informe attaches that are not among these),
        then raise InvalidInput with every missing or contradictory date. Returns self."""
        postulantes = {p.dni: p for p in actas}
        retirees = {p.dni: p for p in retiros}
        replies = replies or {}
        for dni, postulante in {**postulantes, **retirees}.items():
            if dni not in self.actas and (date := self._acta(postulante)):
                self.actas[dni] = date
        for items in replies.values():
            for item in items:
                if item.expediente not in self.replies and (date := self._reply(item)):
                    self.replies[item.expediente] = date
        for dni, postulante in retirees.items():
            if dni not in self.retiros and (date := self._retiro(postulante)):
                self.retiros[dni] = date
        if informe and self.informe is None:
            self.informe = self._informe()
        if not self.override:
            self._chronology(postulantes, replies, retirees, issued)
        if self._issues:
            issues, self._issues = self._issues, []
            raise InvalidInput(issues, file=self.workbook)
        return self

    def _chronology(self, postulantes: Mapping[str, Postulante], replies: Mapping[str, Sequence[ExpedienteResult]],
                    retirees: Mapping[str, Postulante], issued: Sequence[dt.date]) -> None:
        """An acta that replaces another is dated after it; a retiro follows the reclamos it
        answers; the informe final comes after every document it attaches (DOMAIN.md D)."""
        for dni, items in replies.items():
            acta = self.actas.get(dni)
            previous: tuple[str, dt.date] | None = None
            for item in items:
                source = item.puntos[0].punto.source if item.puntos else None
                row = source.row if source else None
                if acta and item.fecha < acta:
                    self._issue(self._book(RECLAMOS_SHEET, row, "fecha"),
                                f"el reclamo {item.expediente} se presentó el {item.fecha:%d/%m/%Y}, antes del acta de "
                                f"resultados que reclama ({acta:%d/%m/%Y}).",
                                "Revise la fecha del reclamo o la del acta de resultados del postulante.")
                reply = self.replies.get(item.expediente)
                if reply and acta and reply <= acta:
                    self._issue(self._book(RECLAMOS_SHEET, row, "fecha_respuesta"),
                                f"la respuesta al reclamo {item.expediente} ({reply:%d/%m/%Y}) no es posterior al acta "
                                f"de resultados que reemplaza ({acta:%d/%m/%Y}).",
                                "Un acta que reemplaza a otra se fecha después de ella: revise ambas fechas.")
                if reply and previous and reply < previous[1]:
                    self._issue(self._book(RECLAMOS_SHEET, row, "fecha_respuesta"),
                                f"la respuesta al reclamo {item.expediente} ({reply:%d/%m/%Y}) es anterior a la del "
                                f"reclamo {previous[0]} ({previous[1]:%d/%m/%Y}), presentado antes.",
                                "Los reclamos de un postulante se responden en el orden en que se presentaron: cada "
                                "nueva acta reemplaza a la anterior y se fecha después de ella.")
                if reply:
                    previous = (item.expediente, reply)
        for dni, postulante in retirees.items():
            retiro = self.retiros.get(dni)
            if retiro is None:
                continue
            row = postulante.source.row if postulante.source else None
            before = [(self.actas.get(dni), "el acta de resultados")]
            before += [(self.replies.get(item.expediente), f"la respuesta al reclamo {item.expediente}")
                       for item in replies.get(dni, ())]
            for date, what in before:
                if date and retiro < date:
                    self._issue(self._book(POSTULANTES_SHEET, row, "fecha_retiro"),
                                f"el retiro de {postulante.apellidos_nombres} ({retiro:%d/%m/%Y}) es anterior a {what} "
                                f"({date:%d/%m/%Y}).",
                                "El oficio de retiro se emite después de resolver los reclamos (Instructivo, 2.3): "
                                "revise la «Fecha del retiro» o la sesión que aprueba los retiros.")
        if self.informe:
            dated = [*self.actas.values(), *self.replies.values(), *self.retiros.values(), *issued]
            latest = max(dated, default=None)
            if latest and self.informe < latest:
                self._issue(_Place(self.committee_file, REPORT_SHEET, None, "fecha_informe"),
                            f"el informe final ({self.informe:%d/%m/%Y}) es anterior a documentos que adjunta (el "
                            f"último, del {latest:%d/%m/%Y}).",
                            "El informe final se emite al terminar el proceso (Instructivo, 3.6): revise su fecha.")

    def check_notifications(self, notifications: Sequence[Notificacion]) -> None:
        """A communication is sent on or after the date of the oficio it sends (1.5 c); raises
        InvalidInput with every one sent before. Call after ``require`` of those oficios."""
        if self.override:
            return
        for item in notifications:
            if item.comunicacion == RESPUESTA:
                date, what = self.replies.get(item.expediente), f"al oficio de respuesta al reclamo {item.expediente}"
            elif item.comunicacion == RETIRO:
                date, what = self.retiros.get(item.dni), "al oficio de retiro"
            else:
                continue
            if date and item.fecha_envio < date:
                row = item.source.row if item.source else None
                self._issue(self._book(NOTIFICACIONES_SHEET, row, "fecha_envio"),
                            f"el envío ({item.fecha_envio:%d/%m/%Y}) es anterior {what}, del {date:%d/%m/%Y}.",
                            "Revise la fecha de envío o la del oficio.")
        if self._issues:
            issues, self._issues = self._issues, []
            raise InvalidInput(issues, file=self.workbook)

    # --- lookups, once required ------------------------------------------------------------

    def acta(self, dni: str) -> dt.date:
        return self.actas[dni]

    def reply(self, expediente: str) -> dt.date:
        return self.replies[expediente]

    def retiro(self, dni: str) -> dt.date:
        return self.retiros[dni]
