"""Requisitos del concurso (DOMAIN.md A.1; seed 003, 2.1.1) and the bonificación por
discapacidad (A.3; seed 003, 2.1.2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .months import calendar_months
from .model import BonusResult, Postulante, RequisitoCheck
from .rules import RURAL_BY_CURRENT, AscensoRules
from .text import fecha, join, plural


def permanencia_cutoff(postulante: Postulante, rules: AscensoRules) -> dt.date:
    """The date up to which the escalafón computes the time in the current escala."""
    req = rules.requisitos
    return req.fecha_ascendidos_2022 if postulante.ascendio_2022 else req.fecha_inscripcion


def rural_reduction_applies(postulante: Postulante, rules: AscensoRules) -> bool:
    """Both rural/frontera conditions, and the escala the benefit starts at (parameter)."""
    rural = rules.requisitos.rural
    escala = postulante.escala if rural.reduccion_segun == RURAL_BY_CURRENT else postulante.escala + 1
    return (
        postulante.rural_desde_inscripcion
        and postulante.rural_tres_anios
        and escala >= rural.escala_minima_reduccion
    )


def _tiempo(postulante: Postulante) -> str:
    t = postulante.tiempo_escala
    return _years_months_days((t.anios, t.meses, t.dias))


def time_in_escala(since: dt.date, until: dt.date) -> tuple[int, int, int]:
    """(años, meses, días) from the first day in the escala to ``until``, both days included, in
    calendar months plus days at 30 to the month (the escalafón's años/meses/días)."""
    if until < since:
        return 0, 0, 0
    months, days = calendar_months(since, until)
    months += days // 30
    return months // 12, months % 12, days % 30


def _years_months_days(value: tuple[int, int, int]) -> str:
    years, months, days = value
    parts = [plural(years, "año") if years else "", plural(months, "mes", "meses") if months else "",
             plural(days, "día") if days else ""]
    return join(parts) or "0 días"


def check_permanencia(postulante: Postulante, rules: AscensoRules) -> RequisitoCheck:
    """Permanencia mínima (A.1; seed 003, 2.1.1 B). For a postulante who ascended in 2022 and whose
    ascenso date is recorded, the time in the escala is measured from that date at the fecha de
    inscripción and at the date the 2022-ascended may accredit it, and decided at the latter."""
    req = rules.requisitos
    rural = req.rural
    cutoff = permanencia_cutoff(postulante, rules)
    name = "Permanencia mínima en la escala magisterial"
    if postulante.escala not in req.permanencia_minima:
        return RequisitoCheck("permanencia", name, False,
                              f"Desde la escala {postulante.escala} no se puede postular al ascenso.",
                              "Informe escalafonario (escala actual)")
    minimum = req.permanencia_minima[postulante.escala]
    required = minimum
    since = postulante.fecha_ascenso_2022 if postulante.ascendio_2022 else None
    if since:
        at_inscription = time_in_escala(since, req.fecha_inscripcion)
        at_cutoff = time_in_escala(since, cutoff)
        parts = [
            f"Ascendió en el concurso 2022: en la escala {postulante.escala} desde el {fecha(since)}. Tiempo en la "
            f"escala al {fecha(req.fecha_inscripcion)} (inicio de la inscripción): "
            f"{_years_months_days(at_inscription)}; al {fecha(cutoff)} (fecha hasta la que puede acreditarlo): "
            f"{_years_months_days(at_cutoff)}. Informe escalafonario: {_tiempo(postulante)}.",
        ]
        years = at_cutoff[0]
        source = (f"Fecha del ascenso 2022 ({fecha(since)}), medida al {fecha(req.fecha_inscripcion)} y al "
                  f"{fecha(cutoff)}; informe escalafonario")
    else:
        parts = [
            f"Tiempo de servicios oficiales en la escala {postulante.escala} al {fecha(cutoff)}"
            + (" (ascendió en el concurso 2022)" if postulante.ascendio_2022 else "")
            + f": {_tiempo(postulante)}.",
        ]
        years = postulante.tiempo_escala.anios
        source = f"Informe escalafonario (tiempo de servicios oficiales en la escala actual, al {fecha(cutoff)})"
    parts.append(f"Permanencia mínima para la escala {postulante.escala}: {plural(minimum, 'año')}.")
    if postulante.ascendio_2022:
        start, end = rural.ventana_inicio_ascendidos_2022, rural.ventana_fin_ascendidos_2022
    else:
        start, end = rural.ventana_inicio, rural.ventana_fin
    both = postulante.rural_desde_inscripcion and postulante.rural_tres_anios
    if rural_reduction_applies(postulante, rules):
        required = max(0, minimum - rural.reduccion_anios)
        parts.append(
            f"IE rural o de frontera (presta servicios desde la inscripción y del {fecha(start)} al "
            f"{fecha(end)}): se reduce en {plural(rural.reduccion_anios, 'año')}; "
            f"mínimo exigido: {plural(required, 'año')}."
        )
    elif both:
        which = "actual" if rural.reduccion_segun == RURAL_BY_CURRENT else "a la que postula"
        parts.append(
            "Cumple las dos condiciones de IE rural o de frontera, pero la reducción se aplica a partir "
            f"de la escala {rural.escala_minima_reduccion} (escala {which}); no se reduce."
        )
    elif postulante.rural_desde_inscripcion or postulante.rural_tres_anios:
        missing = (
            f"prestar servicios en IE rural o de frontera del {fecha(start)} al {fecha(end)}"
            if postulante.rural_desde_inscripcion
            else "prestar servicios en IE rural o de frontera desde la inscripción"
        )
        parts.append(f"No se reduce por IE rural o de frontera: falta la condición de {missing}.")
    ok = years >= required
    when = f" al {fecha(cutoff)}" if since else ""
    parts.append(f"Cumple{when}." if ok else f"No cumple: tiene menos de {plural(required, 'año')} en la escala{when}.")
    return RequisitoCheck("permanencia", name, ok, " ".join(parts), source, required)


# What each idoneidad check says when it holds and when it fails (seed 003, 2.1.1 A).
_IDONEIDAD = {
    "b": ("b) Sin condena por los delitos de las Leyes N° 29988, 30901 y 30794", "condena_leyes",
          "La DIED no informa condena por los delitos de las Leyes N° 29988, 30901 y 30794.",
          "La DIED informa condena por delitos de las Leyes N° 29988, 30901 o 30794."),
    "c": ("c) Sin condena por otros delitos dolosos", "condena_dolosa",
          "No registra condena por otros delitos dolosos.",
          "Registra condena por delito doloso (DIED o informe escalafonario)."),
    "d": ("d) Sin sanción vigente ni registrada (escalafón o RNSSC)", "sancion",
          "No registra sanción vigente en el escalafón ni en el RNSSC.",
          "Registra sanción vigente o registrada en el escalafón o en el RNSSC."),
}


def _idoneidad(postulante: Postulante, letter: str, rules: AscensoRules) -> RequisitoCheck:
    name, field_name, holds, fails = _IDONEIDAD[letter]
    ok = not getattr(postulante, field_name)
    document = postulante.documento_idoneidad(letter)
    sources = rules.requisitos.idoneidad_fuentes[letter]
    reason = holds if ok else fails
    if document:
        source = document.cita
        reason = f"{reason[:-1]} ({document.cita})."
    else:
        source = join(sources, "o") + ("" if ok else "; no se registró el documento")
    return RequisitoCheck(letter, name, ok, reason, source)


def check_requirements(postulante: Postulante, rules: AscensoRules) -> tuple[RequisitoCheck, ...]:
    """The four idoneidad checks (a–d) and permanencia, in the order of 2.1.1."""
    p = postulante
    checks = [
        RequisitoCheck(
            "a",
            "a) Grupo de inscripción corresponde a la plaza",
            p.grupo_corresponde,
            "El grupo de inscripción corresponde a la modalidad, nivel/ciclo y especialidad de la plaza."
            if p.grupo_corresponde
            else "El grupo de inscripción no corresponde a la modalidad, nivel/ciclo y especialidad "
            "de la plaza (informe escalafonario).",
            "Listado de Evaluados del aplicativo e informe escalafonario",
        ),
        *(_idoneidad(p, letter, rules) for letter in ("b", "c", "d")),
        check_permanencia(p, rules),
    ]
    return tuple(checks)


def bonus(postulante: Postulante, rules: AscensoRules) -> BonusResult:
    """Whether the 15 % bonificación por discapacidad is granted, and flagged (A.3)."""
    rule = rules.bonificacion
    doc = postulante.discapacidad
    if doc is None:
        return BonusResult(False, False, "No presentó documento que acredite discapacidad.")
    name = rule.document_name(doc.documento)
    start, end = rule.presentacion_inicio, rule.presentacion_fin
    shown = f"{name}{' N° ' + doc.numero if doc.numero else ''}"
    if doc.fecha_presentacion is None or not start <= doc.fecha_presentacion <= end:
        when = f"el {fecha(doc.fecha_presentacion)}" if doc.fecha_presentacion else "sin fecha de presentación"
        return BonusResult(
            False, False,
            f"{shown}: presentado {when}, fuera del plazo del {fecha(start)} al {fecha(end)}; "
            "no se otorga la bonificación.",
            name,
        )
    presented = f"{shown}, presentado el {fecha(doc.fecha_presentacion)} (dentro del plazo)"
    if doc.documento in rule.documentos_con_fecha_limite:
        limit = rule.conadis_expedicion_hasta
        if doc.fecha_expedicion is None or doc.fecha_expedicion > limit:
            when = f"expedida el {fecha(doc.fecha_expedicion)}" if doc.fecha_expedicion else "sin fecha de expedición"
            return BonusResult(
                False, False,
                f"{presented}, {when}: la fecha de expedición no debe ser posterior al {fecha(limit)}; "
                "no se otorga la bonificación.",
                name,
            )
        presented += f", expedida el {fecha(doc.fecha_expedicion)} (no posterior al {fecha(limit)})"
    percent = _percent(rule.porcentaje)
    if doc.documento in rule.documentos_sihce:
        if doc.sihce == "No encontrado":
            note = (
                f"El certificado de discapacidad N° {doc.numero or '—'} no se encontró en la Plataforma de "
                "verificación de documentos del SIHCE: se registra la bonificación y se comunica a la DRE/UGEL "
                "para que priorice su verificación; se consigna en el informe final."
            )
            return BonusResult(
                True, True,
                f"{presented}; no se encontró en la plataforma SIHCE. Se otorga la bonificación del {percent} "
                "con observación.",
                name, note,
            )
        return BonusResult(
            True, False,
            f"{presented}; verificado en la plataforma SIHCE. Se otorga la bonificación del {percent}.",
            name,
        )
    return BonusResult(
        True, False,
        f"{presented}. Se otorga la bonificación del {percent} (la DIED coordina su verificación con el CONADIS).",
        name,
    )


def _percent(value: Decimal) -> str:
    text = f"{float(value):g}"
    return f"{text} %"
