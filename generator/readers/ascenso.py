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
    Grado,
    Merito,
    Periodo,
    Postulante,
    Tiempo,
    postulante_problems,
    record_problems,
)
from ..domain.common import Source
from ..forms.ascenso import (
    CAPACITACIONES_SHEET,
    EXPERIENCIA_SHEET,
    GRADOS_SHEET,
    MERITOS_SHEET,
    POSTULANTES_SHEET,
    ascenso_form,
    candidates_form,
    disability_documents,
)
from .xlsx import FormReader, Record


def _complete(record: Record, *fields: str) -> bool:
    """Whether the record's required values all parsed (else their cells were already reported)."""
    return all(record[name] is not None for name in fields)


def _text(value) -> str:
    return value or ""


def _postulante(row: Record, documents: Mapping[str, str]) -> Postulante:
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
        source=Source(row.sheet, row.row),
    )


_REQUIRED_POSTULANTE = (
    "dni", "apellidos", "nombres", "correo", "region", "iged", "escala", "tiempo_anios", "tiempo_meses",
    "tiempo_dias", "ascendio_2022", "rural_inscripcion", "rural_tres_anios", "fecha_nombramiento",
    "grupo_corresponde", "condena_leyes", "condena_dolosa", "sancion", "puntaje_nacional",
)


def read_ascenso(path: str | Path, rules: Mapping) -> tuple[Postulante, ...]:
    """Every postulante of the workbook at ``path`` with their records, in the workbook's order.

    Raises InvalidInput listing every problem (sheet, row, column, in Spanish) when any cell
    or cross-record rule fails; nothing is returned from an invalid workbook.
    """
    spec = ascenso_form(rules)
    documents = disability_documents(rules)
    with FormReader(path, spec) as reader:
        rows = reader.table(POSTULANTES_SHEET)
        grado_rows = reader.table(GRADOS_SHEET)
        training_rows = reader.table(CAPACITACIONES_SHEET)
        merit_rows = reader.table(MERITOS_SHEET)
        period_rows = reader.table(EXPERIENCIA_SHEET)

        postulantes = [_postulante(row, documents) for row in rows if _complete(row, *_REQUIRED_POSTULANTE)]
        if not rows and not any(issue.sheet == POSTULANTES_SHEET for issue in reader.issues):
            reader.add("no tiene postulantes.", sheet=POSTULANTES_SHEET,
                       fix="Registre al menos un postulante, uno por fila.")
        grados = [
            Grado(r["dni"], r["tipo"], _text(r["denominacion"]), r["institucion"], r["situacion"],
                  r["fecha_emision"], Source(r.sheet, r.row))
            for r in grado_rows if _complete(r, "dni", "tipo", "institucion", "situacion")
        ]
        trainings = [
            Capacitacion(r["dni"], r["tipo"], _text(r["denominacion"]), r["entidad_tipo"], _text(r["entidad"]),
                         r["creditos"], r["horas"], r["fecha_emision"], Source(r.sheet, r.row))
            for r in training_rows if _complete(r, "dni", "tipo", "entidad_tipo")
        ]
        merits = [
            Merito(r["dni"], r["tipo"], r["documento"], _text(r["numero_documento"]), r["fecha"],
                   _text(r["descripcion"]), Source(r.sheet, r.row))
            for r in merit_rows if _complete(r, "dni", "tipo", "documento")
        ]
        periods = [
            Periodo(r["dni"], r["cargo"], _text(r["institucion"]), r["inicio"], r["fin"], _text(r["resolucion"]),
                    Source(r.sheet, r.row))
            for r in period_rows if _complete(r, "dni", "cargo", "inicio")
        ]
        # DNIs of every Postulantes row that has one, so a record is not called an orphan
        # because another cell of its postulante's row is wrong.
        known: list = list(postulantes)
        known_dnis = {p.dni for p in postulantes}
        known += [_Stub(row["dni"]) for row in rows if row["dni"] and row["dni"] not in known_dnis]
        # One message per cell: a rule about a value that could not be read adds nothing.
        unreadable = {(issue.sheet, issue.row, issue.column) for issue in reader.issues}
        for problem in postulante_problems(postulantes, rules) + record_problems(
                known, [*grados, *trainings, *merits, *periods]):
            source = problem.source
            if source and problem.field:
                header = spec.sheet(source.sheet).column(problem.field).header
                if (source.sheet, source.row, header) in unreadable:
                    continue
            reader.add_problem(problem)
        reader.raise_if_issues()

    by_dni: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for name, records in (("grados", grados), ("capacitaciones", trainings), ("meritos", merits),
                          ("experiencia", periods)):
        for record in records:
            by_dni[record.dni][name].append(record)
    return tuple(
        replace(p, **{name: tuple(by_dni[p.dni][name])
                      for name in ("grados", "capacitaciones", "meritos", "experiencia")})
        for p in postulantes
    )


class _Stub:
    """A postulante known only by DNI (its row has other errors)."""

    def __init__(self, dni: str):
        self.dni = dni


def read_candidates(path: str | Path, rules: Mapping) -> dict[str, str]:
    """DNI → «Apellidos, Nombres» of the «Postulantes» sheet, for the committee check (A.5).

    Only those columns are read, so an Ascenso workbook still being filled can be used.
    """
    with FormReader(path, candidates_form(rules)) as reader:
        rows = reader.table(POSTULANTES_SHEET)
        reader.raise_if_issues()
    return {row["dni"]: f"{row['apellidos']}, {row['nombres']}" for row in rows}
