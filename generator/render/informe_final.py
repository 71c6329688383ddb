"""Informe final del Comité de Evaluación (seed 003, 3.6 and Anexo 3; DOMAIN.md A.7), and the
index page of its foliated expediente. Every count of «2.3 Actividades» comes from the data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..config import Settings
from ..domain.ascenso import Evaluation
from ..domain.ascenso.reclamos import (
    FUNDADO,
    FUNDADO_EN_PARTE,
    IMPROCEDENTE,
    INFUNDADO,
    CopiaObservada,
    ReclamosResult,
)
from ..domain.ascenso.registro import RESPUESTA, RETIRO, Notificacion
from ..domain.ascenso.retiro import Retiro, estado_final
from ..domain.ascenso.rules import AscensoRules
from ..domain.ascenso.text import fecha_larga, plural
from ..domain.comite import Committee
from ..fsutil import safe_filename
from ..wording import Gender, agree, count, join
from . import acta_instalacion
from .acta_instalacion import committee_signers, concurso, signatures
from .documents import DocumentJob
from .people import gender_code, member, presidente
from .expediente import FoliatedPart, folio_span
from .oficio_reclamo import key as reply_key
from .oficio_retiro import key as retiro_key
from .filters import legal_quantity

KIND = "informe-final"
SERIES = "informe-final"
TEMPLATE = "informes/informe-final.docx"
INDEX_TEMPLATE = "informes/indice-expediente.docx"
COVER_TEMPLATE = "informes/caratula-expediente.docx"
SUBJECT = "Informe final del Comité de Evaluación"


def expediente_target(folder: Path, informe: str) -> Path:
    """Where the expediente of the informe numbered ``informe`` goes, in the informe's folder
    (its tomos beside it: ``expediente.expediente_files``)."""
    return folder / (safe_filename(f"EXPEDIENTE {informe}", max_length=120) + ".pdf")


def key(committee: Committee) -> str:
    return f"informe-final:{committee.resolucion}"


@dataclass(frozen=True)
class Facts:
    """What the informe reports, gathered by the pipeline."""

    committee: Committee
    director: str
    director_genero: Gender  # of the director(a) the informe is addressed to
    acta_instalacion: str  # its number
    originals: tuple[Evaluation, ...]
    finals: tuple[Evaluation, ...]
    reclamos: tuple[ReclamosResult, ...]
    retiros: tuple[Retiro, ...]
    director_oficios: int
    copies: int  # copy requests
    late_copies: tuple[CopiaObservada, ...]
    copies_deadline: dt.date
    plazo_fin: dt.date
    copias_dias: int
    new_actas: int
    resolution_attached: bool
    folios: int | None  # folios of the expediente; None when it could not be built
    documents: tuple[FoliatedPart, ...] = ()
    expediente_note: str = ""
    tomos: tuple[tuple[int, int], ...] = ()  # (first, last) folio of each PDF of the expediente
    session_actas: Mapping[str, str] = field(default_factory=dict)  # session key → its acta's number
    communications: "Communications | None" = None
    postulant_documents: int = 0  # PDFs of the postulantes in the expediente
    constancias: int = 0  # constancias of communications in the expediente


@dataclass(frozen=True)
class Pending:
    """An oficio to a postulante whose receipt is not confirmed (seed 003, 1.5 c)."""

    numero: str
    postulante: str
    how: str  # how it was sent, or that there is no record of it


@dataclass(frozen=True)
class Communications:
    sent: int  # oficios to postulantes (replies and retiros)
    confirmed: int
    pending: tuple[Pending, ...]


def communications(evaluations: Sequence[Evaluation], results: Mapping[str, ReclamosResult],
                   retiros: Sequence[Retiro], notifications: Sequence[Notificacion],
                   labels: Mapping[str, str]) -> Communications:
    """Which oficios to the postulantes have their receipt confirmed (the «Notificaciones» sheet)."""
    names = {e.postulante.dni: _names(e) for e in evaluations}
    oficios = [(reply_key(item.expediente), dni, RESPUESTA, item.expediente)
               for dni, result in results.items() for item in result.expedientes]
    oficios += [(retiro_key(item.dni), item.dni, RETIRO, "") for item in retiros]
    by_oficio = {}
    for item in notifications:
        by_oficio.setdefault((item.dni, item.comunicacion, item.expediente), item)
    pending, confirmed = [], 0
    for job_key, dni, kind, expediente in oficios:
        sent = by_oficio.get((dni, kind, expediente))
        if sent and sent.confirmada:
            confirmed += 1
        else:
            pending.append(Pending(labels.get(job_key, ""), names.get(dni, dni),
                                   sent.describe() if sent else "sin registro de envío"))
    return Communications(len(oficios), confirmed, tuple(pending))


# LibreOffice lays out one long table in a time that grows with the square of its rows (an
# index of 5 000 documents in one table: 83 s; in 20 tables of 250 rows: 8 s), so lists of
# documents are cut into tables of at most this many rows.
ROWS_PER_TABLE = 100


def _in_tomos(f: Facts) -> str:
    return f", en {len(f.tomos)} tomos" if len(f.tomos) > 1 else ""


def document_groups(documents: Sequence[FoliatedPart], tomos: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """The documents, numbered, in tables of at most ROWS_PER_TABLE rows; with several tomos,
    each tomo's tables come under its heading («Tomo 2: folios 501 al 998»)."""
    rows = [{"numero": number, "titulo": d.title, "folios": d.folios, "primero": d.first}
            for number, d in enumerate(documents, start=1)]
    if len(tomos) < 2:
        tomos = [(rows[0]["primero"], documents[-1].last)] if rows else []
    groups = []
    for number, (first, last) in enumerate(tomos, start=1):
        members = [row for row in rows if first <= row["primero"] <= last]
        heading = (f"Tomo {number}: folio{'s' if last > first else ''} {folio_span(first, last)}"
                   if len(tomos) > 1 else "")
        for start in range(0, len(members), ROWS_PER_TABLE):
            groups.append({"titulo": "" if start else heading,
                           "documentos": members[start:start + ROWS_PER_TABLE]})
    return groups


def tomos_note(tomos: Sequence[tuple[int, int]]) -> list[str]:
    """The index's line that says which folios each tomo holds (none for a single tomo)."""
    if len(tomos) < 2:
        return []
    listed = "; ".join(f"tomo {number}, folio{'s' if last > first else ''} {folio_span(first, last)}"
                       for number, (first, last) in enumerate(tomos, 1))
    return [f"El expediente se presenta en {len(tomos)} tomos, cada uno en su propio PDF: {listed}."]


def _counts(items: Sequence[str]) -> str:
    """«3 fundados, 1 fundado en parte, 3 infundados y 1 improcedente» (en parte only when there is one)."""
    counter = Counter(items)
    parts = [count(counter[FUNDADO], "fundado")]
    if counter[FUNDADO_EN_PARTE]:
        parts.append(count(counter[FUNDADO_EN_PARTE], "fundado en parte", "fundados en parte"))
    parts += [count(counter[INFUNDADO], "infundado"), count(counter[IMPROCEDENTE], "improcedente")]
    return join(parts)


def _cumplen(count: int, words: str = "", *, before: bool = True) -> str:
    """«1 cumple», «3 no los cumplen», «27 cumplen los requisitos del concurso»."""
    verb = "cumple" if count == 1 else "cumplen"
    return f"{count} {words}{verb}" if before else f"{count} {verb} {words}"


def _names(evaluation: Evaluation) -> str:
    p = evaluation.postulante
    return f"{p.apellidos_nombres} (DNI {p.dni})"


def activities(f: Facts) -> list[dict[str, str]]:
    c = f.committee
    expedientes = [item for result in f.reclamos for item in result.expedientes]
    points = [point for item in expedientes for point in item.puntos]
    cumplen = sum(1 for e in f.originals if e.cumple)
    items = [
        ("Sesión de instalación y planificación",
         f"El {fecha_larga(c.fecha)}, de {c.hora_inicio:%H:%M} a {c.hora_cierre:%H:%M} horas, el Comité se instaló, "
         f"planificó su trabajo y emitió el {f.acta_instalacion}"
         + (f", con {plural(len(c.acuerdos), 'acuerdo')}." if c.acuerdos else ".")),
        ("Sesiones de trabajo",
         f"El Comité sesionó {plural(len(c.sesiones), 'vez', 'veces')} después de su instalación, con la asistencia "
         "de sus tres integrantes; cada sesión consta en su acta, como se detalla en el cuadro siguiente."
         if c.sesiones else "No se registraron sesiones de trabajo posteriores a la instalación."),
        ("Calificación e ingreso de resultados en el aplicativo",
         f"Se verificaron los requisitos y se valoró la trayectoria profesional de {plural(len(f.originals), 'postulante')}"
         f", cuyos resultados se registraron en el aplicativo dispuesto por la DIED: {_cumplen(cumplen)} requisitos "
         f"y {_cumplen(len(f.originals) - cumplen, 'no los ')} en los resultados preliminares."),
        ("Entrega de copias de los documentos de evaluación",
         f"Se atendieron {plural(f.copies, 'solicitud', 'solicitudes')} de copia. El último día para entregarlas fue "
         f"el {fecha_larga(f.copies_deadline)}, {legal_quantity(f.copias_dias, 'día hábil', 'días hábiles')} antes del "
         f"término del plazo de reclamos ({fecha_larga(f.plazo_fin)}); "
         + (f"{plural(len(f.late_copies), 'entrega')} fuera de ese plazo (ver observaciones)."
            if f.late_copies else "todas dentro del plazo.")),
        ("Atención y resolución de reclamos",
         (f"Se recibieron {plural(len(expedientes), 'reclamo')} con {plural(len(points), 'punto')} en total. Por "
          f"expediente: {_counts([item.resultado for item in expedientes])}. Por punto: "
          f"{_counts([point.resultado for point in points])}. Cada reclamo se respondió con un oficio motivado.")
         if expedientes else "No se presentaron reclamos sobre los resultados preliminares."),
        ("Emisión de actas",
         f"Se emitieron {plural(len(f.originals), 'acta individual', 'actas individuales')} de resultados y "
         f"{plural(f.new_actas, 'acta nueva', 'actas nuevas')} en atención a reclamos declarados fundados."),
        ("Comunicación de retiros",
         (f"Se emitieron {plural(len(f.retiros), 'oficio')} de retiro ("
          + ", ".join(f"causal {letter}): {count}" for letter, count in
                      sorted(Counter(letter for r in f.retiros for letter in r.letras).items()))
          + f") y {plural(f.director_oficios, 'comunicación', 'comunicaciones')} {agree('al director', f.director_genero)}"
            " por las causales f) y g).") if f.retiros else "Ningún postulante incurrió en causal de retiro."),
    ]
    if f.communications and f.communications.sent:
        sent = f.communications
        items.append((
            "Comunicaciones a los postulantes",
            f"Se remitieron {count(sent.sent, 'oficio')} a los postulantes (respuestas a reclamos y retiros), por "
            "medios que permiten comprobar su envío y recepción (numeral 1.5, literal c, del Instructivo): "
            f"{count(sent.confirmed, 'oficio')} con confirmación de recepción"
            + (f" y {count(len(sent.pending), 'oficio')} sin ella (ver observaciones)." if sent.pending else ".")))
    return [{"titulo": title, "texto": text} for title, text in items]


def observations(f: Facts) -> list[str]:
    lines = []
    for e in f.finals:
        if e.bonificacion.flagged:
            lines.append(f"Bonificación por discapacidad de {_names(e)}: {e.bonificacion.note}")
    for e in f.originals:
        p = e.postulante
        if p.firma_dispensada:
            member = next((m for m in f.committee.members if m.rol == p.firma_dispensada), None)
            who = f"{member.nombre_completo}, {p.firma_dispensada.lower()}" if member else p.firma_dispensada.lower()
            lines.append(f"En el acta de resultados de {_names(e)} se prescindió de la firma de {who}, por caso "
                         f"fortuito o fuerza mayor: {(p.motivo_dispensa or '').strip().rstrip('.')}.")
    names = {e.postulante.dni: _names(e) for e in f.originals}
    for item in f.late_copies:
        lines.append(f"Copias de los documentos de evaluación de {names.get(item.solicitud.dni, item.solicitud.dni)}: "
                     f"{item.motivo}.")
    if f.communications and f.communications.pending:
        listed = "; ".join(f"{item.numero} ({item.postulante}), {item.how}" for item in f.communications.pending)
        lines.append("Oficios a los postulantes sin confirmación de su recepción (numeral 1.5, literal c, del "
                     f"Instructivo): {listed}.")
    c = f.committee
    if c.vigilancia:
        lines.append(f"Participación del Comité de Vigilancia: {c.vigilancia_detalle.strip().rstrip('.')}.")
    elif c.vigilancia is False:
        lines.append("No hubo participación del Comité de Vigilancia en el proceso.")
    else:
        lines.append("No se registró participación del Comité de Vigilancia en el proceso.")
    if not f.resolution_attached:
        lines.append("No se adjunta al expediente la copia de la resolución de conformación del Comité: no se "
                     "indicó su PDF.")
    lines.extend(o.strip() for o in c.observaciones)
    return lines


def conclusions(f: Facts) -> list[str]:
    cumplen = sum(1 for e in f.finals if e.cumple)
    expedientes = [item for result in f.reclamos for item in result.expedientes]
    lines = [
        f"El Comité de Evaluación evaluó a {plural(len(f.finals), 'postulante')}; concluida la atención de los "
        f"reclamos, {_cumplen(cumplen, 'los requisitos del concurso', before=False)} y "
        f"{_cumplen(len(f.finals) - cumplen, 'no los ')}.",
    ]
    if expedientes:
        lines.append(f"Se atendieron {plural(len(expedientes), 'reclamo')}: "
                     f"{_counts([item.resultado for item in expedientes])}; los fundados dieron lugar a "
                     f"{plural(f.new_actas, 'acta nueva', 'actas nuevas')} de resultados.")
    if f.retiros:
        count = len(f.retiros)
        lines.append(f"{plural(count, 'postulante')} {'incurre' if count == 1 else 'incurren'} en causal de retiro; "
                     f"se {'le' if count == 1 else 'les'} comunicó el retiro mediante oficio motivado.")
    if f.folios:
        lines.append(f"Se adjunta el expediente del proceso de evaluación, debidamente foliado ({f.folios} folios"
                     f"{_in_tomos(f)}).")
    return lines


def attachments(f: Facts) -> list[str]:
    replies = sum(len(result.expedientes) for result in f.reclamos)
    items = [
        "Copia de la resolución de conformación del Comité de Evaluación, "
        f"{f.committee.resolucion}" + ("" if f.resolution_attached else " (no adjuntada al expediente digital)"),
        f"Copia del acta de instalación ({f.acta_instalacion})",
        f"Copia de las actas de las sesiones de trabajo ({len(f.committee.sesiones)})",
        f"Copia de las actas individuales de resultados ({len(f.originals)}) y de las actas nuevas por reclamos "
        f"fundados ({f.new_actas})",
        f"Copia de los oficios de respuesta a reclamos ({replies})",
        f"Copia de los oficios de retiro ({len(f.retiros)}) y de las comunicaciones "
        f"{agree('al director', f.director_genero)} ({f.director_oficios})",
    ]
    if f.postulant_documents:
        items.append(f"Documentos de los postulantes (informes escalafonarios, documentos de discapacidad, escritos de "
                     f"reclamo): {f.postulant_documents}")
    if f.constancias:
        items.append(f"Constancias de envío y recepción de las comunicaciones: {f.constancias}")
    if f.folios:
        items.append(f"Expediente foliado del proceso de evaluación: {f.folios} folios{_in_tomos(f)}")
    return items


def context(f: Facts, settings: Settings, rules: AscensoRules, on: dt.date) -> dict[str, Any]:
    c = f.committee
    if f.folios:
        index = next((d for d in f.documents if d.title == INDEX_TITLE), None)
        where = f" (folio{'s' if index and index.last > index.first else ''} {index.folios})" if index else ""
        adjuntos = (f"Se adjunta el expediente de evaluación de los postulantes, con toda la documentación del "
                    f"proceso, foliado del 1 al {f.folios} ({f.folios} folios{_in_tomos(f)}). Su índice{where} "
                    "detalla cada documento y los folios que ocupa: la resolución de conformación, las actas de "
                    "instalación y de las sesiones de trabajo y, por cada postulante, sus documentos, su acta de "
                    "resultados, las respuestas a sus reclamos con las nuevas actas, los oficios de retiro y las "
                    "constancias de sus comunicaciones.")
    else:
        adjuntos = ("Se adjuntan los documentos que se listan al final de este informe. "
                    + (f.expediente_note or "El expediente foliado no pudo generarse."))
    return {
        "fecha": on,
        "concurso": concurso(rules),
        "jurisdiccion": settings.institution.nombre,
        "director": f.director,
        "director_genero": gender_code(f.director_genero),
        "presidente": presidente(c),
        "resolucion": c.resolucion,
        "integrantes": [member(m) for m in c.members],
        "postulantes": [{"nombre": e.postulante.apellidos_nombres, "dni": e.postulante.dni,
                         "iged": e.postulante.iged, "estado": estado_final(e, rules),
                         "puntaje_final": e.puntaje_final}
                        for e in f.finals],
        "actividades": activities(f),
        "sesiones": [{"fecha": s.fecha, "hora_inicio": s.hora_inicio or "—", "hora_cierre": s.hora_cierre or "—",
                      "asunto": s.asunto, "acta": f.session_actas.get(s.key, "")} for s in c.sesiones],
        "reclamos": [{"expediente": item.expediente, "postulante": item.antes.postulante.apellidos_nombres,
                      "fecha": item.fecha, "puntos": ", ".join(f"{p.punto.numero}: {p.resultado.lower()}"
                                                               for p in item.puntos),
                      "resultado": item.resultado}
                     for result in f.reclamos for item in result.expedientes],
        "adjuntos_texto": adjuntos,
        "folios": f.folios,
        "tomos": [{"numero": n, "folios": folio_span(a, b)} for n, (a, b) in enumerate(f.tomos, start=1)]
        if len(f.tomos) > 1 else [],
        "observaciones": observations(f),
        "conclusiones": conclusions(f),
        "adjuntos": attachments(f),
        "firmas": signatures(c),
    }


def job(f: Facts, settings: Settings, rules: AscensoRules, on: dt.date) -> DocumentJob:
    """The informe final dated ``on`` (the committee form's «Fecha del informe final»)."""
    return DocumentJob(kind=KIND, series=SERIES, key=key(f.committee), date=on, template=TEMPLATE,
                       context=lambda number: context(f, settings, rules, on),
                       signers=committee_signers(f.committee),
                       subject=acta_instalacion.committee_subject(f.committee), title=SUBJECT)


INDEX_TITLE = "Índice del expediente"


def index_context(committee: Committee, settings: Settings, rules: AscensoRules, informe: str,
                  entries: Sequence[FoliatedPart], total: int, tomos: Sequence[tuple[int, int]],
                  notes: Sequence[str]) -> dict[str, Any]:
    """The index: every entry of the expediente (covers, the index itself, the documents) with its folios."""
    return {
        "informe": informe,
        "concurso": concurso(rules),
        "jurisdiccion": settings.institution.nombre,
        "resolucion": committee.resolucion,
        "total": total,
        "documentos": [{"titulo": d.title, "folios": d.folios} for d in entries],
        "grupos": document_groups(entries, tomos),
        "notas": [*notes, *tomos_note(tomos)],
    }


def cover_context(committee: Committee, settings: Settings, rules: AscensoRules, informe: str, on: dt.date,
                  tomos: Sequence[tuple[int, int]], total: int) -> dict[str, Any]:
    """The covers of the tomos, one page each."""
    return {
        "informe": informe,
        "fecha": on,
        "concurso": concurso(rules),
        "jurisdiccion": settings.institution.nombre,
        "resolucion": committee.resolucion,
        "total": total,
        "tomos": [{"numero": number, "de": len(tomos), "folios": folio_span(first, last), "primero": first,
                   "ultimo": last, "cantidad": last - first + 1}
                  for number, (first, last) in enumerate(tomos, start=1)],
    }
