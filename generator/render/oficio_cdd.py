"""Oficio de remisión of a CETPRO to the DISERTPA, one per tramo, with its annex workbooks
(DOMAIN.md B; seed 000, «¿Cómo se realiza el proceso de evaluación…?»).

The oficio is numbered in the CETPRO's own correlative (DOMAIN.md D): its sigla and, from the
next number its form states, on (without a sigla, its código modular from 001); it is dated
the form's «Fecha del oficio – tramo N», else the tramo's closing date: the day it is due,
which also puts it in the edition's year whatever day cddgen runs.

What the CETPRO signs is what it can assert: its indicators against their metas and the MMA at
stake. DISERTPA evaluates and the UFD determines the amounts (seed 000), so the oficio never
says what the CETPRO would receive or lose.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain.cdd import Cetpro, CetproEvaluation, Edition, Recipient, oficio_date
from ..forms.spec import FormSpec
from ..fsutil import safe_filename
from ..wording import Gender, cargo, gender_of, tratamiento
from .cdd_workbooks import write_annex
from .documents import DocumentJob
from .signers import signers_from_blocks
from .filters import percent

KIND = "oficio-cdd"
SERIES = "oficio-cdd"
TEMPLATE = "oficios/oficio-cdd.docx"

def addressee(cetpro: Cetpro, recipient: Recipient) -> dict[str, Any]:
    """The DISERTPA's director: named, in their gender, when the form or the rules say who it is;
    else the blank-model «Señor(a): Director(a) de la …» of an addressee nobody named."""
    name = cetpro.destinatario or recipient.director
    if cetpro.destinatario:
        gender = cetpro.destinatario_genero
    else:
        gender = gender_of(recipient.tratamiento) if name else Gender.UNKNOWN
    return {
        "saludo": tratamiento(gender),
        "persona": name,
        "cargo": cargo(recipient.cargo, gender),
        "sigla": recipient.sigla,
        "nombre": recipient.nombre,
        "entidad": recipient.entidad,
        "direccion": recipient.direccion,
        "canal": recipient.canal,
    }


def office(cetpro: Cetpro) -> str:
    """The {oficina} of the CETPRO's oficios: its sigla, else its código modular."""
    return cetpro.sigla_oficio or cetpro.codigo_modular


def years_text(edition: Edition) -> str:
    return " y ".join(str(year) for year in edition.graduate_years)


def annex_name(docx: Path, code: str) -> Path:
    return docx.with_name(safe_filename(f"{docx.stem} - Anexo indicador {code}", max_length=150) + ".xlsx")


def indicator_rows(evaluation: CetproEvaluation, tramo: int) -> list[dict[str, Any]]:
    return [
        {
            "codigo": result.code,
            "nombre": result.indicator.name,
            "numerador": result.numerator,
            "denominador": result.denominator,
            "porcentaje": percent(result.percent) if result.has_data else "Sin datos",
            "meta": f"{result.meta} %",
            "resultado": result.verdict,
            "cumple": result.meets,
            "explicacion": result.explanation,
            "no_cuentan": len(result.not_counting()),
        }
        for result in evaluation.tramos[tramo].indicators
    ]


def context(evaluation: CetproEvaluation, tramo: int, edition: Edition) -> dict[str, Any]:
    cetpro = evaluation.cetpro
    result = evaluation.tramos[tramo]
    recipient = edition.recipient
    case = evaluation.case
    annexes = []
    for indicator in result.indicators:
        records = {
            "1.1": (len(case.students), "registros de estudiantes"),
            "1.2": (len(case.teachers), "registros de docentes"),
            "1.3": (len(case.graduates), "registros de egresados"),
            "2.1": (len(case.agreements), "convenios"),
        }[indicator.code]
        annexes.append({
            "codigo": indicator.code,
            "medio": indicator.indicator.evidence,
            "registros": records[0],
            "unidad": records[1],
        })
    return {
        "lugar": cetpro.lugar,
        "fecha": oficio_date(cetpro, edition, tramo),
        "cetpro": {
            "codigo_modular": cetpro.codigo_modular,
            "nombre": cetpro.nombre,
            "ugel": cetpro.ugel,
            "director": cetpro.director,
            "dni_director": cetpro.dni_director,
            "cargo": cetpro.cargo_director,
            "correo": cetpro.correo,
            "telefono": cetpro.telefono,
            "direccion": cetpro.direccion,
        },
        "destinatario": addressee(cetpro, recipient),
        "edicion": {
            "nombre": edition.name,
            "norma": edition.norma,
            "norma_corta": edition.norma_short,
            "norma_tecnica": edition.norma_title,
            "periodo": edition.period,
        },
        "tramo": {"numero": tramo, "cierre": result.tramo.closes},
        "indicadores": indicator_rows(evaluation, tramo),
        "cumple_todo": result.meets_all,
        "cumplidos": result.met,
        "total_indicadores": len(result.indicators),
        "mma": {"maximo": result.mma_max},
        "anexos": annexes,
        "convenios": [
            {"institucion": agreement.institucion, "codigo_modular": agreement.codigo_modular,
             "fecha": agreement.signed, "programa": agreement.programa}
            for agreement in case.agreements
        ] if any(indicator.code == "2.1" for indicator in result.indicators) else [],
        "firmas": signature_blocks(evaluation),
    }


def signature_blocks(evaluation: CetproEvaluation) -> list[dict[str, Any]]:
    """The oficio's one signature block: the CETPRO's director(a)."""
    cetpro = evaluation.cetpro
    return [{
        "nombre": cetpro.director,
        "dni": cetpro.dni_director,
        "rol": f"{cargo(cetpro.cargo_director, cetpro.director_genero)} del CETPRO {cetpro.nombre}",
        "dispensada": False,
        "motivo": "",
    }]


def _attachments(evaluation: CetproEvaluation, tramo: int, edition: Edition, spec: FormSpec):
    def write(docx: Path, number: str) -> list[Path]:
        return [
            write_annex(annex_name(docx, result.code), evaluation.case, spec, result, period=edition.period,
                        years=years_text(edition), closes=edition.tramos[tramo].closes)
            for result in evaluation.tramos[tramo].indicators
        ]

    return write


def job(evaluation: CetproEvaluation, tramo: int, edition: Edition, spec: FormSpec) -> DocumentJob:
    cetpro = evaluation.cetpro
    return DocumentJob(
        kind=KIND,
        series=SERIES,
        # One oficio per CETPRO and tramo: rendering it again keeps its number.
        key=f"oficio-cdd:{cetpro.codigo_modular}:{tramo}",
        date=oficio_date(cetpro, edition, tramo),
        template=TEMPLATE,
        context=lambda number: context(evaluation, tramo, edition),
        person=cetpro.nombre,
        subject=f"el CETPRO «{cetpro.nombre}» (código modular {cetpro.codigo_modular})",
        office=office(cetpro),
        first_number=cetpro.siguiente_oficio or 1,
        title=f"Remisión de los {edition.name} – Tramo {tramo} – CETPRO {cetpro.nombre}",
        author=f"CETPRO {cetpro.nombre}",
        attachments=_attachments(evaluation, tramo, edition, spec),
        signers=signers_from_blocks(signature_blocks(evaluation)),
    )
