"""The rest of the Comité's record (seed 003, 1.5 c, 3.6 and Anexo 3, 2.4): the documents each
postulante's expediente holds besides what cddgen issues (informes escalafonarios, documents of
disability, reclamo writings), and how each communication reached the postulante (medium, date
sent, date its receipt was confirmed, the file of its constancia).

Pure: paths are kept as the user wrote them; the reader checks that the files exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Collection, Mapping, Sequence

from ..common import Problem, Source
from .text import fecha

INFORME_ESCALAFONARIO = "Informe escalafonario"
DOCUMENTO_DISCAPACIDAD = "Documento de discapacidad"
ESCRITO_RECLAMO = "Escrito de reclamo"
OTRO_DOCUMENTO = "Otro documento"
TIPOS_DOCUMENTO = (INFORME_ESCALAFONARIO, DOCUMENTO_DISCAPACIDAD, ESCRITO_RECLAMO, OTRO_DOCUMENTO)

RESPUESTA = "Respuesta al reclamo"
RETIRO = "Retiro del concurso"
COPIAS = "Entrega de copias de los documentos de evaluación"
COMUNICACIONES = (RESPUESTA, RETIRO, COPIAS)

MEDIOS = ("Correo electrónico", "Documento escrito (entrega personal o por mesa de partes)",
          "Mesa de partes virtual", "Otro medio que permita comprobar el envío y la recepción")


@dataclass(frozen=True)
class DocumentoPostulante:
    """A document of a postulante's expediente that cddgen does not issue (a PDF the user gives)."""

    dni: str
    tipo: str
    descripcion: str
    archivo: str  # the path as written, or found in the documents folder
    expediente: str = ""  # a reclamo writing's expediente
    source: Source | None = None

    @property
    def titulo(self) -> str:
        return self.descripcion or self.tipo


@dataclass(frozen=True)
class Notificacion:
    """How a communication reached the postulante (1.5 c)."""

    dni: str
    comunicacion: str  # RESPUESTA, RETIRO or COPIAS
    expediente: str  # the reclamo answered, for RESPUESTA
    medio: str
    fecha_envio: dt.date
    fecha_recepcion: dt.date | None  # None: receipt not confirmed yet
    constancia: str = ""  # the path of its constancia, as written
    source: Source | None = None

    @property
    def confirmada(self) -> bool:
        return self.fecha_recepcion is not None

    def describe(self) -> str:
        """«enviado por correo electrónico el 05/02/2026, recibido el 06/02/2026»."""
        text = f"enviado por {self.medio[:1].lower()}{self.medio[1:]} el {fecha(self.fecha_envio)}"
        return text + (f", recibido el {fecha(self.fecha_recepcion)}" if self.fecha_recepcion else
                       ", sin confirmación de recepción")


def registro_problems(dnis: Collection[str], reclamos: Mapping[str, str], documents: Sequence[DocumentoPostulante],
                      notifications: Sequence[Notificacion]) -> list[Problem]:
    """Every broken rule of the «Documentos del expediente» and «Notificaciones» rows;
    ``reclamos`` maps each expediente of the «Reclamos» sheet to its DNI."""
    problems: list[Problem] = []

    def check_person(item, what: str) -> None:
        if item.dni not in dnis:
            problems.append(Problem(f"el DNI {item.dni} no corresponde a ningún postulante de la hoja «Postulantes».",
                                    fix=f"Corrija el DNI {what}.", source=item.source, field="dni"))

    def check_expediente(item, needed: bool, what: str) -> None:
        if not item.expediente:
            if needed:
                problems.append(Problem(f"falta el expediente del reclamo {what}.",
                                        fix="Escriba el N° de expediente, como en la hoja «Reclamos».",
                                        source=item.source, field="expediente"))
            return
        owner = reclamos.get(item.expediente)
        if owner is None:
            problems.append(Problem(f"el expediente {item.expediente} no figura en la hoja «Reclamos».",
                                    fix="Corrija el número de expediente.", source=item.source, field="expediente"))
        elif owner != item.dni:
            problems.append(Problem(f"el expediente {item.expediente} es un reclamo del DNI {owner}, no del {item.dni}.",
                                    fix="Revise el DNI o el número de expediente.", source=item.source,
                                    field="expediente"))

    for document in documents:
        check_person(document, "del documento")
        if document.expediente or document.tipo == ESCRITO_RECLAMO:
            check_expediente(document, False, "que el escrito sustenta")
    seen: dict[tuple[str, str, str], Notificacion] = {}
    for item in notifications:
        check_person(item, "de la comunicación")
        if item.comunicacion == RESPUESTA:
            check_expediente(item, True, "cuya respuesta se comunicó")
        elif item.expediente:
            problems.append(Problem("el expediente solo se indica para la respuesta a un reclamo.",
                                    fix="Bórrelo o cambie la comunicación.", source=item.source, field="expediente"))
        if item.fecha_recepcion and item.fecha_recepcion < item.fecha_envio:
            problems.append(Problem(f"la recepción ({fecha(item.fecha_recepcion)}) es anterior al envío "
                                    f"({fecha(item.fecha_envio)}).", fix="Revise ambas fechas.", source=item.source,
                                    field="fecha_recepcion"))
        key = (item.dni, item.comunicacion, item.expediente)
        if key in seen and item.comunicacion != COPIAS:
            problems.append(Problem("esta comunicación ya está registrada en otra fila"
                                    + (f" (fila {seen[key].source.row})" if seen[key].source else "") + ".",
                                    fix="Deje una fila por oficio, con la fecha de su recepción cuando se confirme.",
                                    source=item.source, field="comunicacion"))
        seen.setdefault(key, item)
    return problems
