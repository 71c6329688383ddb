"""Read forms/ascenso.xlsx into Postulantes with their records, reporting every problem at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Mapping

from ..domain.ascenso import (
    Capacitacion,
    Discapacidad,
    DocumentoIdoneidad,
    Grado,
    Merito,
    Periodo,
    Postulante,
    Tiempo,
    postulante_problems,
    record_problems,
)
from ..domain.ascenso.reclamos import (
    AscensoCase,
    Correccion,
    PuntoReclamo,
    SolicitudCopia,
    reclamo_problems,
)
from ..domain.ascenso.registro import DocumentoPostulante, Notificacion, registro_problems
from ..domain.ascenso.rules import AscensoRules
from ..domain.common import Source
from ..forms.ascenso import (
    CAPACITACIONES_SHEET,
    COPIAS_SHEET,
    CORRECCIONES_SHEET,
    DOCUMENTOS_SHEET,
    EXPERIENCIA_SHEET,
    GRADOS_SHEET,
    IDONEIDAD_CHECKS,
    MERITOS_SHEET,
    NEW_IN_V4,
    NOTIFICACIONES_SHEET,
    POSTULANTES_SHEET,
    RECLAMOS_SHEET,
    SIN_CAUSAL,
    VERSION,
    ascenso_form,
    candidates_form,
    causal_choices,
    correctable_columns,
    disability_documents,
)
from ..wording import count, gender_of, join
from .cell_values import InvalidCell, parse_cell
from .xlsx import FormReader, Record


def _complete(record: Record, *fields: str) -> bool:
    """Whether the record's required values all parsed (else their cells were already reported)."""
    return all(record[name] is not None for name in fields)


def _text(value) -> str:
    return value or ""


def _idoneidad_documents(row: Record) -> tuple[DocumentoIdoneidad, ...]:
    """The documents of idoneidad b), c), d) a «Postulantes» row records (any of their three cells)."""
    found = []
    for letter in IDONEIDAD_CHECKS:
        document, day, source = (row[f"idon_{letter}_{part}"] for part in ("documento", "fecha", "fuente"))
        if document is not None or day is not None or source is not None:
            found.append(DocumentoIdoneidad(letter, _text(document), day, _text(source)))
    return tuple(found)


def _postulante(row: Record, documents: Mapping[str, str], causales: Mapping[str, str]) -> Postulante:
    disability = None
    if any(row[name] is not None for name in
           ("disc_documento", "disc_numero", "disc_presentacion", "disc_expedicion", "disc_sihce")):
        disability = Discapacidad(
            documento=documents.get(row["disc_documento"], "") if row["disc_documento"] else "",
            numero=_text(row["disc_numero"]),
            fecha_presentacion=row["disc_presentacion"],
            fecha_expedicion=row["disc_expedicion"],
            sihce=row["disc_sihce"],
        )
    return Postulante(
        dni=row["dni"],
        nombres=row["nombres"],
        apellidos=row["apellidos"],
        correo=row["correo"],
        direccion=_text(row["direccion"]),
        region=row["region"],
        iged=row["iged"],
        escala=row["escala"],
        tiempo_escala=Tiempo(row["tiempo_anios"], row["tiempo_meses"], row["tiempo_dias"]),
        ascendio_2022=row["ascendio_2022"],
        rural_desde_inscripcion=row["rural_inscripcion"],
        rural_tres_anios=row["rural_tres_anios"],
        fecha_nombramiento=row["fecha_nombramiento"],
        grupo_corresponde=row["grupo_corresponde"],
        condena_leyes=row["condena_leyes"],
        condena_dolosa=row["condena_dolosa"],
        sancion=row["sancion"],
        puntaje_nacional=Decimal(str(row["puntaje_nacional"])),
        discapacidad=disability,
        firma_dispensada=row["firma_dispensada"],
        motivo_dispensa=row["motivo_dispensa"],
        fecha_acta=row["fecha_acta"],
        causal_comite=causales.get(row["causal_comite"]) if row["causal_comite"] else None,
        sustento_causal=_text(row["sustento_causal"]),
        fecha_retiro=row["fecha_retiro"],
        source=Source(row.sheet, row.row),
        genero=gender_of(row["tratamiento"]),
        fecha_ascenso_2022=row["fecha_ascenso_2022"],
        documentos_idoneidad=_idoneidad_documents(row),
    )


_REQUIRED_POSTULANTE = (
    "dni", "apellidos", "nombres", "correo", "region", "iged", "escala", "tiempo_anios", "tiempo_meses",
    "tiempo_dias", "ascendio_2022", "rural_inscripcion", "rural_tres_anios", "fecha_nombramiento",
    "grupo_corresponde", "condena_leyes", "condena_dolosa", "sancion", "puntaje_nacional",
)


def read_ascenso(path: str | Path, rules: AscensoRules) -> tuple[Postulante, ...]:
    """Every postulante of the workbook at ``path`` with their records, in the workbook's order.

    Raises InvalidInput listing every problem (sheet, row, column, in Spanish) when any cell
    or cross-record rule fails; nothing is returned from an invalid workbook.
    """
    return read_case(path, rules).postulantes


_REQUIRED_POINT = ("expediente", "dni", "fecha", "numero", "tipo", "argumentos")


def read_case(path: str | Path, rules: AscensoRules, *, relative_to: Path | None = None) -> AscensoCase:
    """The whole workbook: postulantes with their records, reclamos, corrections and copy
    requests, validated together (InvalidInput lists every problem at once). The PDFs it names
    with a relative path are taken from ``relative_to``, else from the workbook's folder."""
    spec = ascenso_form(rules)
    documents = disability_documents(rules)
    causales = causal_choices(rules)
    with FormReader(path, spec) as reader:
        rows = reader.table(POSTULANTES_SHEET)
        grado_rows = reader.table(GRADOS_SHEET)
        training_rows = reader.table(CAPACITACIONES_SHEET)
        merit_rows = reader.table(MERITOS_SHEET)
        period_rows = reader.table(EXPERIENCIA_SHEET)
        point_rows = reader.table(RECLAMOS_SHEET)
        fix_rows = reader.table(CORRECCIONES_SHEET)
        copy_rows = reader.table(COPIAS_SHEET)
        document_rows = reader.table(DOCUMENTOS_SHEET)
        notification_rows = reader.table(NOTIFICACIONES_SHEET)

        postulantes = [_postulante(row, documents, causales) for row in rows
                       if _complete(row, *_REQUIRED_POSTULANTE)]
        if not rows and POSTULANTES_SHEET not in reader.unread_sheets and not any(
                issue.sheet == POSTULANTES_SHEET for issue in reader.issues):
            reader.add("no tiene postulantes.", sheet=POSTULANTES_SHEET,
                       fix="Registre al menos un postulante, uno por fila.")
        grados = [
            Grado(r["dni"], r["tipo"], _text(r["denominacion"]), r["institucion"], r["situacion"],
                  r["fecha_emision"], Source(r.sheet, r.row), _text(r["expediente"]))
            for r in grado_rows if _complete(r, "dni", "tipo", "institucion", "situacion")
        ]
        trainings = [
            Capacitacion(r["dni"], r["tipo"], _text(r["denominacion"]), r["entidad_tipo"], _text(r["entidad"]),
                         r["creditos"], r["horas"], r["fecha_emision"], Source(r.sheet, r.row),
                         _text(r["expediente"]))
            for r in training_rows if _complete(r, "dni", "tipo", "entidad_tipo")
        ]
        merits = [
            Merito(r["dni"], r["tipo"], r["documento"], _text(r["numero_documento"]), r["fecha"],
                   _text(r["descripcion"]), Source(r.sheet, r.row), _text(r["expediente"]))
            for r in merit_rows if _complete(r, "dni", "tipo", "documento")
        ]
        periods = [
            Periodo(r["dni"], r["cargo"], _text(r["institucion"]), r["inicio"], r["fin"], _text(r["resolucion"]),
                    Source(r.sheet, r.row), _text(r["expediente"]), _text(r["regimen"]))
            for r in period_rows if _complete(r, "dni", "cargo", "inicio")
        ]
        points = [
            PuntoReclamo(r["expediente"], r["dni"], r["fecha"], r["numero"], r["tipo"], r["criterio"],
                         r["argumentos"], r["decision"], _text(r["analisis"]), r["fecha_respuesta"],
                         Source(r.sheet, r.row))
            for r in point_rows if _complete(r, *_REQUIRED_POINT)
        ]
        corrections = [item for item in (_correction(reader, r, rules, documents, causales) for r in fix_rows
                                         if _complete(r, "expediente", "dni", "campo", "valor")) if item]
        # A correction whose field or value could not be read is reported once, at its cell.
        unreadable_fixes = {r["expediente"] for r in fix_rows if r["expediente"]} - {c.expediente for c in corrections}
        requests = [SolicitudCopia(r["dni"], r["fecha_solicitud"], r["fecha_entrega"], Source(r.sheet, r.row))
                    for r in copy_rows if _complete(r, "dni", "fecha_solicitud")]
        documents_given = [
            DocumentoPostulante(r["dni"], r["tipo"], _text(r["descripcion"]), r["archivo"], _text(r["expediente"]),
                                Source(r.sheet, r.row))
            for r in document_rows if _complete(r, "dni", "tipo", "archivo")
        ]
        notifications = [
            Notificacion(r["dni"], r["comunicacion"], _text(r["expediente"]), r["medio"], r["fecha_envio"],
                         r["fecha_recepcion"], _text(r["constancia"]), Source(r.sheet, r.row))
            for r in notification_rows if _complete(r, "dni", "comunicacion", "medio", "fecha_envio")
        ]
        # DNIs of every Postulantes row that has one, so a record is not called an orphan
        # because another cell of its postulante's row is wrong.
        known: list = list(postulantes)
        known_dnis = {p.dni for p in postulantes}
        known += [_Stub(row["dni"]) for row in rows if row["dni"] and row["dni"] not in known_dnis]
        records = [*grados, *trainings, *merits, *periods]
        evidence = [record for record in records if record.expediente]
        # One message per cell: a rule about a value that could not be read adds nothing.
        unreadable = {(issue.sheet, issue.row, issue.column) for issue in reader.issues}
        problems = postulante_problems(postulantes, rules) + record_problems(known, records) + reclamo_problems(
            {item.dni for item in known}, points, corrections, evidence, requests, rules, unreadable_fixes) + \
            registro_problems({item.dni for item in known}, _owners(points), documents_given, notifications)
        problems = _orphans_explained_once(reader, rows, {item.dni for item in known}, problems,
                                           [*records, *points, *corrections, *requests, *documents_given,
                                            *notifications])
        for problem in problems:
            source = problem.source
            if source and problem.field:
                header = spec.sheet(source.sheet).column(problem.field).header
                if (source.sheet, source.row, header) in unreadable:
                    continue
            reader.add_problem(problem)
        reader.raise_if_issues()
        avisos = _older_form(path, reader, spec) + _unsupported(postulantes, rules)
        with_documents = not any(f"idon_{letter}_documento" in reader.absent.get(POSTULANTES_SHEET, ())
                                 for letter in IDONEIDAD_CHECKS)

    folder = Path(relative_to) if relative_to is not None else Path(path).parent
    by_dni: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for name, items in (("grados", grados), ("capacitaciones", trainings), ("meritos", merits),
                        ("experiencia", periods)):
        for record in items:
            by_dni[record.dni][name].append(record)
    return AscensoCase(
        postulantes=tuple(
            replace(p, **{name: tuple(by_dni[p.dni][name])
                          for name in ("grados", "capacitaciones", "meritos", "experiencia")})
            for p in postulantes
        ),
        reclamos=tuple(points),
        correcciones=tuple(corrections),
        solicitudes=tuple(requests),
        # Paths from the workbook's folder (or relative_to); whether the PDFs are there matters only to the
        # expediente.
        documentos=tuple(replace(d, archivo=str(resolve_path(d.archivo, folder))) for d in documents_given),
        notificaciones=tuple(replace(n, constancia=str(resolve_path(n.constancia, folder)) if n.constancia else "")
                             for n in notifications),
        avisos=avisos,
        idoneidad_columns=with_documents,
    )


def _owners(points) -> dict[str, str]:
    """Each expediente's DNI: its first point's (another DNI on a later point is reported there)."""
    owners: dict[str, str] = {}
    for point in points:
        owners.setdefault(point.expediente, point.dni)
    return owners


def resolve_path(written: str, folder: Path) -> Path:
    """A path the user wrote in the workbook: as it is when absolute, else from the workbook's folder."""
    candidate = Path(written.strip()).expanduser()
    return candidate if candidate.is_absolute() else folder / candidate


def _older_form(path: str | Path, reader: FormReader, spec) -> tuple[str, ...]:
    """A warning naming the columns of the current form version the workbook lacks (an older
    version is read all the same)."""
    lacking = []
    for sheet, fields in NEW_IN_V4.items():
        absent = [spec.sheet(sheet).column(name).header for name in fields if name in reader.absent.get(sheet, ())]
        if absent:
            lacking.append(f"en «{sheet}», {join(f'«{header}»' for header in absent)}")
    if not lacking:
        return ()
    return (
        f"{Path(path).name} es de una versión anterior del formulario (versión {VERSION} actual): le faltan las "
        f"columnas {'; '.join(lacking)}. Se procesa igual, pero el acta no muestra el régimen de los periodos del "
        "criterio 3.1, la permanencia de quienes ascendieron en 2022 se toma solo del informe escalafonario y "
        "no se citan los documentos de idoneidad. Para registrarlos, copie los datos en un formulario nuevo "
        "(«cddgen forms»).",
    )


def _unsupported(postulantes, rules: AscensoRules) -> tuple[str, ...]:
    """Rows that leave a document without what it should cite: a 2022 ascenso without its date, a
    failed idoneidad check b), c) or d) without its document."""
    found = []
    for p in postulantes:
        where = f"«{POSTULANTES_SHEET}», fila {p.source.row}" if p.source else f"«{POSTULANTES_SHEET}»"
        if p.ascendio_2022 and p.fecha_ascenso_2022 is None:
            found.append(f"{where} (DNI {p.dni}): ascendió en el concurso 2022 pero no se indica la «Fecha del "
                         "ascenso 2022»; la permanencia se toma solo del informe escalafonario.")
        for letter, field_name in IDONEIDAD_CHECKS.items():
            if getattr(p, field_name) and p.documento_idoneidad(letter) is None:
                found.append(f"{where} (DNI {p.dni}): la idoneidad {letter}) no se cumple pero no se registró el "
                             f"documento que lo acredita («{letter}) Documento»); el acta y el oficio de retiro no "
                             "podrán citarlo.")
    return tuple(found)


def _correction(reader: FormReader, row: Record, rules: AscensoRules, documents: Mapping[str, str],
                causales: Mapping[str, str]) -> Correccion | None:
    """A «Correcciones» row with its value parsed as the corrected column's kind; an unparseable
    value is reported at the «Valor corregido» cell and gives None."""
    columns = {column.header: column for column in correctable_columns(rules)}
    column = columns[row["campo"]]
    if column.field == "causal_comite":
        column = replace(column, choices=column.choices + (SIN_CAUSAL,))
    try:
        value = parse_cell(row["valor"], column)
    except InvalidCell as problem:
        reader.add_for(row, "valor", f"{problem.message} (para «{column.header}»)", problem.fix)
        return None
    if column.field == "causal_comite":
        value = None if value == SIN_CAUSAL else causales[value]
    elif column.field == "disc_documento":
        value = documents[value]
    return Correccion(row["expediente"], row["dni"], column.field, column.header, value, row["valor"],
                      Source(row.sheet, row.row))


def _orphans_explained_once(reader: FormReader, rows: list[Record], known: set[str], problems: list,
                            entries: list) -> list:
    """Without every postulante's DNI (the sheet could not be read, has no rows, or a row's DNI is
    empty or unreadable), a record whose DNI is not in «Postulantes» may well be that postulante's:
    instead of «no corresponde» on every such row of every sheet, one issue says why they were not
    checked. The problems returned are the others."""
    unread = [row.row for row in rows if row["dni"] is None]
    if not (unread or not rows or POSTULANTES_SHEET in reader.unread_sheets):
        return problems
    orphans = {(entry.source.sheet, entry.source.row) for entry in entries
               if entry.source is not None and entry.dni not in known}
    kept = [problem for problem in problems
            if not (problem.field == "dni" and problem.source is not None
                    and (problem.source.sheet, problem.source.row) in orphans)]
    if orphans and unread and rows:
        by_sheet: dict[str, list[int]] = defaultdict(list)
        for sheet, row in sorted(orphans, key=lambda item: (item[0], item[1])):
            by_sheet[sheet].append(row)
        where = "; ".join(f"«{sheet}», {'fila' if len(numbers) == 1 else 'filas'} {join(map(str, numbers))}"
                          for sheet, numbers in by_sheet.items())
        reader.add(
            f"no se pudo leer el DNI de {count(len(unread), 'postulante')} ({'fila' if len(unread) == 1 else 'filas'} "
            f"{join(map(str, unread))}), así que no "
            f"se revisó a quién {'pertenece' if len(orphans) == 1 else 'pertenecen'} {count(len(orphans), 'registro')} "
            f"de otras hojas con un DNI que no figura en «Postulantes» ({where}).",
            sheet=POSTULANTES_SHEET,
            fix="Corrija primero el DNI de «Postulantes»; si algún registro sigue sin postulante, se dirá en la "
                "próxima revisión.",
        )
    return kept


class _Stub:
    """A postulante known only by DNI (its row has other errors)."""

    def __init__(self, dni: str):
        self.dni = dni


def read_candidates(path: str | Path, rules: AscensoRules) -> dict[str, str]:
    """DNI → «Apellidos, Nombres» of the «Postulantes» sheet, for the committee check (A.5).

    Only those columns are read, so an Ascenso workbook still being filled can be used.
    """
    with FormReader(path, candidates_form(rules)) as reader:
        rows = reader.table(POSTULANTES_SHEET)
        reader.raise_if_issues()
    return {row["dni"]: f"{row['apellidos']}, {row['nombres']}" for row in rows}
