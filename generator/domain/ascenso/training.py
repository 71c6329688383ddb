"""Rubro 1 of the Matriz, formación académica y profesional (DOMAIN.md A.2; seed 003, 2.2 §1),
and rubro 2, méritos (A.2; seed 003, 2.2 §2): criteria scored from single records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Sequence

from .model import Capacitacion, CriterionResult, Grado, Merito
from .rules import AscensoRules
from .text import fecha, join, numero, puntos


def _amount(value: float, noun: str) -> str:
    """«1 crédito», «24 créditos», «1.5 créditos»."""
    text = numero(value)
    return f"{text} {noun}" if text == "1" else f"{text} {noun}s"


def describe_grado(grado: Grado) -> str:
    parts = [grado.tipo + (f" «{grado.denominacion}»" if grado.denominacion else "")]
    if grado.institucion:
        parts.append(grado.institucion)
    parts.append(f"emitido el {fecha(grado.fecha_emision)}" if grado.fecha_emision else "sin fecha de emisión")
    return ", ".join(parts)


def describe_capacitacion(item: Capacitacion) -> str:
    parts = [item.tipo + (f" «{item.denominacion}»" if item.denominacion else "")]
    entity = item.entidad or ""
    parts.append(f"{entity} ({item.entidad_tipo})" if entity else item.entidad_tipo)
    parts.append(_amount(item.creditos, "crédito") if item.creditos is not None else "sin créditos")
    parts.append(_amount(item.horas, "hora") if item.horas is not None else "sin horas")
    parts.append(f"emitido el {fecha(item.fecha_emision)}" if item.fecha_emision else "sin fecha de emisión")
    return ", ".join(parts)


def describe_merito(item: Merito) -> str:
    parts = [item.tipo]
    if item.descripcion:
        parts.append(item.descripcion)
    parts.append(item.documento + (f" ({item.numero_documento})" if item.numero_documento else ""))
    if item.fecha:
        parts.append(f"del {fecha(item.fecha)}")
    return ", ".join(parts)


def _after_cutoff(date: dt.date | None, rules: AscensoRules) -> bool:
    return date is not None and date > rules.matriz.fecha_corte


def _cutoff_reason(rules: AscensoRules) -> str:
    return f"emitido después de la fecha de corte ({fecha(rules.matriz.fecha_corte)}); no se valora"


# --- 1.1 and 1.2: grados y títulos ------------------------------------------------------


def score_posgrado(grados: Sequence[Grado], rules: AscensoRules) -> CriterionResult:
    rule = rules.matriz.posgrado
    valid = rules.matriz.situacion_valida
    doctor, maestro = rule.tipo_doctor, rule.tipo_maestro
    value = {doctor: rule.puntos_doctor, maestro: rule.puntos_maestro}
    label = {doctor: "Doctor", maestro: "Maestro"}
    counted: list[str] = []
    not_counted: list[str] = []
    eligible: list[Grado] = []
    for grado in grados:
        if grado.tipo not in value:
            continue
        text = describe_grado(grado)
        if grado.situacion != valid:
            not_counted.append(f"{text}: situación «{grado.situacion}»; solo se valoran grados obtenidos.")
        elif _after_cutoff(grado.fecha_emision, rules):
            not_counted.append(f"{text}: {_cutoff_reason(rules)}.")
        else:
            eligible.append(grado)
    maximum = rule.maximo
    if not eligible:
        reason = "No registra grado de Doctor ni de Maestro obtenido"
        reason += "." if not not_counted else "; ningún registro de posgrado cumple las condiciones."
        return CriterionResult(rule.id, rule.titulo, Decimal(0), maximum, reason, (), tuple(not_counted))
    best = max(eligible, key=lambda g: value[g.tipo])  # the first of the highest
    points = min(value[best.tipo], maximum)
    counted.append(f"{describe_grado(best)}: grado de {label[best.tipo]}, {puntos(points)}.")
    for grado in eligible:
        if grado is not best:
            not_counted.append(
                f"{describe_grado(grado)}: solo se valora el grado más alto (ya se valora el grado de "
                f"{label[best.tipo]})."
            )
    reason = f"Se valora el grado más alto, {label[best.tipo]}: {puntos(points)}."
    return CriterionResult(rule.id, rule.titulo, points, maximum, reason, tuple(counted), tuple(not_counted))


def score_otros_estudios(grados: Sequence[Grado], nombramiento: dt.date | None,
                         rules: AscensoRules) -> CriterionResult:
    rule = rules.matriz.otros_estudios
    valid = rules.matriz.situacion_valida
    after = set(rule.titulos_despues_nombramiento)
    any_date = set(rule.titulos_cualquier_fecha)
    counted: list[str] = []
    not_counted: list[str] = []
    for grado in grados:
        if grado.tipo not in after and grado.tipo not in any_date:
            continue
        text = describe_grado(grado)
        if grado.situacion != valid:
            not_counted.append(f"{text}: situación «{grado.situacion}»; solo se valoran títulos obtenidos.")
        elif _after_cutoff(grado.fecha_emision, rules):
            not_counted.append(f"{text}: {_cutoff_reason(rules)}.")
        elif grado.tipo in any_date:
            counted.append(f"{text}: título profesional universitario distinto de educación (se valora "
                           "cualquiera sea su fecha).")
        elif grado.fecha_emision is None:
            not_counted.append(f"{text}: sin fecha de emisión no se puede verificar que sea posterior al "
                               "nombramiento.")
        elif nombramiento is None:
            not_counted.append(f"{text}: falta la fecha de nombramiento para verificar que sea posterior.")
        elif grado.fecha_emision > nombramiento:
            counted.append(f"{text}: obtenido después del nombramiento ({fecha(nombramiento)}).")
        else:
            not_counted.append(
                f"{text}: obtenido el {fecha(grado.fecha_emision)}, no posterior al nombramiento "
                f"({fecha(nombramiento)}); no se valora."
            )
    maximum = rule.maximo
    if counted:
        points = min(rule.puntos, maximum)
        reason = f"Registra otros estudios de educación superior que se valoran: {puntos(points)}"
        reason += " (una sola vez)." if len(counted) > 1 else "."
    else:
        points = Decimal(0)
        reason = ("No registra título que se valore en este criterio." if not not_counted
                  else "Ningún título registrado cumple las condiciones del criterio.")
    return CriterionResult(rule.id, rule.titulo, points, maximum, reason, tuple(counted), tuple(not_counted))


# --- 1.3 to 1.5: diplomados, programas y cursos -------------------------------------------


def training_types(rules: AscensoRules) -> dict[str, tuple[str, float, float]]:
    """tipo → (criterion, créditos mínimos, horas mínimas) for criteria 1.3–1.5."""
    table: dict[str, tuple[str, float, float]] = {}
    for criterion_id, rule in rules.matriz.estudios.items():
        for entry in rule.tipos:
            table[entry.tipo] = (criterion_id, entry.creditos_minimos, entry.horas_minimas)
    return table


def _meets(item: Capacitacion, credits: float, hours: float) -> bool:
    return (item.creditos is not None and item.creditos >= credits) or (
        item.horas is not None and item.horas >= hours
    )


def score_training(criterion_id: str, items: Sequence[Capacitacion], rules: AscensoRules) -> CriterionResult:
    rule = rules.matriz.estudios[criterion_id]
    types = {t: v for t, v in training_types(rules).items() if v[0] == criterion_id}
    start, end = rule.ventana_inicio, rule.ventana_fin
    entities = list(rule.entidades)
    counted: list[str] = []
    not_counted: list[str] = []
    for item in items:
        if item.tipo not in types:
            continue
        _, credits, hours = types[item.tipo]
        text = describe_capacitacion(item)
        if item.fecha_emision is None:
            not_counted.append(f"{text}: no se consideran estudios sin fecha de emisión.")
        elif not start <= item.fecha_emision <= end:
            not_counted.append(
                f"{text}: emitido fuera del plazo del {fecha(start)} al {fecha(end)}; no se valora."
            )
        elif item.entidad_tipo not in entities:
            not_counted.append(
                f"{text}: expedido por «{item.entidad_tipo}»; este criterio solo admite {join(entities)}."
            )
        elif not _meets(item, credits, hours):
            not_counted.append(
                f"{text}: no alcanza el mínimo de {_amount(credits, 'crédito')} o {_amount(hours, 'hora')}."
            )
        else:
            which = []
            if item.creditos is not None and item.creditos >= credits:
                which.append(f"{_amount(item.creditos, 'crédito')} ≥ {numero(credits)}")
            if item.horas is not None and item.horas >= hours:
                which.append(f"{_amount(item.horas, 'hora')} ≥ {numero(hours)}")
            counted.append(f"{text}: cumple ({join(which)}), dentro del plazo y de entidad admitida.")
    maximum = rule.maximo
    if counted:
        points = min(rule.puntos, maximum)
        reason = f"Cumple el criterio: {puntos(points)}" + (" (se otorga una sola vez)." if len(counted) > 1 else ".")
    else:
        points = Decimal(0)
        reason = ("No registra estudios de este tipo." if not not_counted
                  else "Ningún registro cumple el tipo, el plazo, la entidad y el mínimo de créditos u horas.")
    return CriterionResult(criterion_id, rule.titulo, points, maximum, reason, tuple(counted), tuple(not_counted))


# --- rubro 2: méritos -------------------------------------------------------------------


def merit_types(rules: AscensoRules) -> dict[str, tuple[str, tuple[str, ...]]]:
    """tipo de mérito → (criterion, documents that verify it)."""
    table: dict[str, tuple[str, tuple[str, ...]]] = {}
    for criterion_id, rule in rules.matriz.meritos.items():
        for entry in rule.meritos:
            table[entry.tipo] = (criterion_id, entry.documentos)
    return table


def score_merit(criterion_id: str, items: Sequence[Merito], rules: AscensoRules) -> CriterionResult:
    rule = rules.matriz.meritos[criterion_id]
    types = {t: v for t, v in merit_types(rules).items() if v[0] == criterion_id}
    counted: list[str] = []
    not_counted: list[str] = []
    for item in items:
        if item.tipo not in types:
            continue
        documents = types[item.tipo][1]
        text = describe_merito(item)
        if item.documento not in documents:
            not_counted.append(
                f"{text}: este mérito se verifica con {' o '.join(documents)}, no con «{item.documento}»; "
                "no se valora."
            )
        elif _after_cutoff(item.fecha, rules):
            not_counted.append(f"{text}: {_cutoff_reason(rules)}.")
        else:
            counted.append(f"{text}: verificado con {item.documento}.")
    maximum = rule.maximo
    if counted:
        points = min(rule.puntos, maximum)
        reason = f"Acredita el mérito: {puntos(points)}" + (
            " (el criterio se otorga una sola vez)." if len(counted) > 1 else "."
        )
    else:
        points = Decimal(0)
        reason = ("No registra méritos de este criterio." if not not_counted
                  else "Ningún mérito registrado se verifica con el documento exigido.")
    return CriterionResult(criterion_id, rule.titulo, points, maximum, reason, tuple(counted), tuple(not_counted))
