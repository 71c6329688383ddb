"""Read forms/cdd-cetpro.xlsx into a CetproCase, with every problem located and explained."""

from __future__ import annotations

from pathlib import Path

from ..domain.cdd import (
    Agreement,
    Cetpro,
    CetproCase,
    Edition,
    Graduate,
    Program,
    Student,
    Teacher,
    case_problems,
)
from ..domain.common import Source
from ..forms.cdd import (
    AGREEMENTS_SHEET,
    CETPRO_SHEET,
    GRADUATES_SHEET,
    PROGRAMS_SHEET,
    STUDENTS_SHEET,
    TEACHERS_SHEET,
    cdd_form,
)
from ..wording import gender_of
from .xlsx import FormReader

DEFAULT_CARGO = "Director(a)"
DEFAULT_PLACE = "Lima"


def _text(value: object) -> str:
    return "" if value is None else str(value)


def read_cdd(path: str | Path, edition: Edition) -> CetproCase:
    """The CETPRO case of the form at ``path``; raises InvalidInput listing every problem."""
    spec = cdd_form(edition)
    with FormReader(path, spec) as reader:
        head = reader.fields(CETPRO_SHEET)
        students = reader.table(STUDENTS_SHEET)
        teachers = reader.table(TEACHERS_SHEET)
        graduates = reader.table(GRADUATES_SHEET)
        agreements = reader.table(AGREEMENTS_SHEET)
        programs = reader.table(PROGRAMS_SHEET)

        values = head.values if head else {}
        cetpro = Cetpro(
            codigo_modular=_text(values.get("codigo_modular")),
            nombre=_text(values.get("nombre")),
            ugel=_text(values.get("ugel")),
            director=_text(values.get("director")),
            dni_director=_text(values.get("dni_director")),
            cargo_director=_text(values.get("cargo_director")) or DEFAULT_CARGO,
            correo=_text(values.get("correo")),
            direccion=_text(values.get("direccion")),
            telefono=_text(values.get("telefono")),
            lugar=_text(values.get("lugar")) or DEFAULT_PLACE,
            oficio_dates={
                number: values[f"fecha_oficio_{number}"]
                for number in edition.tramos
                if values.get(f"fecha_oficio_{number}")
            },
            source=Source(CETPRO_SHEET, 0),
            director_genero=gender_of(values.get("director_tratamiento"), values.get("cargo_director")),
            sigla_oficio=_text(values.get("sigla_oficio")).strip(),
            siguiente_oficio=values.get("siguiente_oficio"),
            destinatario=_text(values.get("destinatario")).strip(),
            destinatario_genero=gender_of(values.get("destinatario_tratamiento")),
        )
        case = CetproCase(
            cetpro=cetpro,
            students=tuple(
                Student(
                    tipo_documento=_text(row["tipo_documento"]),
                    documento=_text(row["documento"]),
                    nombre=_text(row["nombre"]),
                    periodo=_text(row["periodo"]),
                    registered=row["fecha_registro"],
                    values=dict(row.values),
                    source=Source(row.sheet, row.row),
                )
                for row in students
            ),
            teachers=tuple(
                Teacher(
                    condicion=_text(row["condicion"]),
                    registered=row["fecha_registro"],
                    values=dict(row.values),
                    source=Source(row.sheet, row.row),
                )
                for row in teachers
            ),
            graduates=tuple(
                Graduate(
                    anio=row["anio"],
                    registered=row["fecha_registro"],
                    values=dict(row.values),
                    source=Source(row.sheet, row.row),
                )
                for row in graduates
            ),
            agreements=tuple(
                Agreement(
                    institucion=_text(row["institucion"]),
                    codigo_modular=_text(row["codigo_modular"]),
                    signed=row["fecha"],
                    programa=_text(row["programa"]),
                    checklist={item.field: row[item.field] for item in edition.checklist},
                    tipo=_text(row["tipo"]),
                    values=dict(row.values),
                    source=Source(row.sheet, row.row),
                )
                for row in agreements
            ),
            programs=tuple(
                Program(
                    programa=_text(row["programa"]),
                    modulo=_text(row["modulo"]),
                    values=dict(row.values),
                    source=Source(row.sheet, row.row),
                )
                for row in programs
            ),
        )
        for problem in case_problems(case, edition):
            reader.add_problem(problem)
        reader.raise_if_issues()
    return case
