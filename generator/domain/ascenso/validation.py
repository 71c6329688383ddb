"""What makes an Ascenso workbook unusable (besides unreadable cells): every broken rule
becomes a Problem located at its record and field, so the reader reports them all at once."""

from __future__ import annotations

from typing import Sequence

from ..common import Problem
from .model import Capacitacion, Grado, Merito, Periodo, Postulante
from .rules import AscensoRules
from .text import fecha

Record = Grado | Capacitacion | Merito | Periodo


def postulante_problems(postulantes: Sequence[Postulante], rules: AscensoRules) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Postulante] = {}
    req = rules.requisitos
    low, high = req.escala_minima, req.escala_maxima
    roles = list(rules.comite.roles)
    for p in postulantes:
        if p.dni in seen:
            first = seen[p.dni]
            where = f" (fila {first.source.row})" if first.source else ""
            problems.append(Problem(
                f"el DNI {p.dni} ya está registrado para otro postulante{where}.",
                fix="Cada postulante va en una sola fila; revise los dígitos o borre la fila repetida.",
                source=p.source, field="dni",
            ))
        seen.setdefault(p.dni, p)
        if not low <= p.escala <= high:
            problems.append(Problem(
                f"la escala {p.escala} no permite postular al ascenso"
                + (" (es la última escala magisterial)." if p.escala == high + 1 else "."),
                fix=f"Las escalas desde las que se postula van de la {low} a la {high}.",
                source=p.source, field="escala",
            ))
        if p.tiempo_escala.meses > 11:
            problems.append(Problem(f"{p.tiempo_escala.meses} meses no es válido.",
                                    fix="Escriba de 0 a 11 meses (12 meses son un año).",
                                    source=p.source, field="tiempo_meses"))
        if p.tiempo_escala.dias > 29:
            problems.append(Problem(f"{p.tiempo_escala.dias} días no es válido.",
                                    fix="Escriba de 0 a 29 días (30 días son un mes).",
                                    source=p.source, field="tiempo_dias"))
        if p.fecha_ascenso_2022 and not p.ascendio_2022:
            problems.append(Problem("hay «Fecha del ascenso 2022» pero «Ascendió en el concurso 2022» es No.",
                                    fix="Ponga Sí en «Ascendió en el concurso 2022» o borre la fecha.",
                                    source=p.source, field="fecha_ascenso_2022"))
        elif p.fecha_ascenso_2022 and p.fecha_ascenso_2022 > req.fecha_inscripcion:
            problems.append(Problem(f"la fecha del ascenso 2022 ({fecha(p.fecha_ascenso_2022)}) es posterior al inicio "
                                    f"de la inscripción ({fecha(req.fecha_inscripcion)}).",
                                    fix="Escriba la fecha desde la que está en la escala actual, según la resolución "
                                        "de ascenso del concurso 2022.",
                                    source=p.source, field="fecha_ascenso_2022"))
        problems.extend(_disability_problems(p, rules))
        if p.firma_dispensada and p.firma_dispensada == roles[0]:
            problems.append(Problem("la firma del presidente del Comité no puede dispensarse (numeral 1.5, j).",
                                    fix="Elija el segundo o el tercer miembro.", source=p.source,
                                    field="firma_dispensada"))
        if p.firma_dispensada and not p.motivo_dispensa:
            problems.append(Problem("falta el motivo de la dispensa de firma.",
                                    fix="Describa el caso fortuito o de fuerza mayor (numeral 1.5, j).",
                                    source=p.source, field="motivo_dispensa"))
        if p.motivo_dispensa and not p.firma_dispensada:
            problems.append(Problem("hay un motivo de dispensa pero no se indica de quién es la firma dispensada.",
                                    fix="Elija el segundo o el tercer miembro, o borre el motivo.",
                                    source=p.source, field="firma_dispensada"))
    return problems


def _disability_problems(p: Postulante, rules: AscensoRules) -> list[Problem]:
    doc = p.discapacidad
    if doc is None:
        return []
    rule = rules.bonificacion
    problems: list[Problem] = []
    if not doc.documento:
        problems.append(Problem("hay datos del documento de discapacidad pero no su tipo.",
                                fix="Elija el documento presentado (a, b, c o d) o borre los demás datos.",
                                source=p.source, field="disc_documento"))
        return problems
    if doc.fecha_presentacion is None:
        problems.append(Problem("falta la fecha de presentación del documento de discapacidad.",
                                fix="Escriba la fecha en que el postulante lo presentó (dd/mm/aaaa).",
                                source=p.source, field="disc_presentacion"))
    if doc.documento in rule.documentos_con_fecha_limite and doc.fecha_expedicion is None:
        problems.append(Problem("falta la fecha de expedición de la Resolución de inscripción del CONADIS.",
                                fix=f"Se exige para verificar que no sea posterior al "
                                    f"{fecha(rule.conadis_expedicion_hasta)}.",
                                source=p.source, field="disc_expedicion"))
    if doc.documento in rule.documentos_sihce and not doc.sihce:
        problems.append(Problem("falta el resultado de la verificación en la plataforma SIHCE.",
                                fix="Elija «Encontrado» o «No encontrado».",
                                source=p.source, field="disc_sihce"))
    return problems


def record_problems(postulantes: Sequence[Postulante], records: Sequence[Record]) -> list[Problem]:
    problems: list[Problem] = []
    known = {p.dni for p in postulantes}
    for record in records:
        if record.dni not in known:
            problems.append(Problem(
                f"el DNI {record.dni} no corresponde a ningún postulante de la hoja «Postulantes».",
                fix="Registre primero al postulante en «Postulantes» o corrija el DNI.",
                source=record.source, field="dni",
            ))
        if isinstance(record, Periodo) and record.fin is not None and record.fin < record.inicio:
            problems.append(Problem(
                f"el fin ({fecha(record.fin)}) es anterior al inicio ({fecha(record.inicio)}).",
                fix="Revise ambas fechas (dd/mm/aaaa).",
                source=record.source, field="fin",
            ))
    return problems
