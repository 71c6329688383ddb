"""Requisitos del concurso (DOMAIN.md A.1; seed 003, 2.1.1) and the bonificación por
discapacidad (A.3; seed 003, 2.1.2)."""

from __future__ import annotations

import datetime as dt
from typing import Mapping

from ...errors import ConfigError
from .model import BonusResult, Postulante, RequisitoCheck
from .text import fecha, join, plural


def permanencia_cutoff(postulante: Postulante, rules: Mapping) -> dt.date:
    """The date up to which the escalafón computes the time in the current escala."""
    req = rules["requisitos"]
    return req["fecha_ascendidos_2022"] if postulante.ascendio_2022 else req["fecha_inscripcion"]


def rural_reduction_applies(postulante: Postulante, rules: Mapping) -> bool:
    """Both rural/frontera conditions, and the escala the benefit starts at (parameter)."""
    rural = rules["requisitos"]["rural"]
    if rural["reduccion_segun"] not in ("actual", "destino"):
        raise ConfigError(
            f"Reglas del ascenso: «requisitos.rural.reduccion_segun» vale «{rural['reduccion_segun']}».",
            fix="Valores permitidos: actual (la escala actual) o destino (la escala a la que postula).",
        )
    escala = postulante.escala if rural["reduccion_segun"] == "actual" else postulante.escala + 1
    return (
        postulante.rural_desde_inscripcion
        and postulante.rural_tres_anios
        and escala >= rural["escala_minima_reduccion"]
    )


def _tiempo(postulante: Postulante) -> str:
    t = postulante.tiempo_escala
    return join([plural(t.anios, "año"), plural(t.meses, "mes", "meses"), plural(t.dias, "día")])


def check_permanencia(postulante: Postulante, rules: Mapping) -> RequisitoCheck:
    req = rules["requisitos"]
    rural = req["rural"]
    cutoff = permanencia_cutoff(postulante, rules)
    if str(postulante.escala) not in req["permanencia_minima"]:
        return RequisitoCheck("permanencia", "Permanencia mínima en la escala magisterial", False,
                              f"Desde la escala {postulante.escala} no se puede postular al ascenso.")
    minimum = int(req["permanencia_minima"][str(postulante.escala)])
    required = minimum
    parts = [
        f"Tiempo de servicios oficiales en la escala {postulante.escala} al {fecha(cutoff)}"
        + (" (ascendió en el concurso 2022)" if postulante.ascendio_2022 else "")
        + f": {_tiempo(postulante)}.",
        f"Permanencia mínima para la escala {postulante.escala}: {plural(minimum, 'año')}.",
    ]
    if postulante.ascendio_2022:
        start, end = rural["ventana_inicio_ascendidos_2022"], rural["ventana_fin_ascendidos_2022"]
    else:
        start, end = rural["ventana_inicio"], rural["ventana_fin"]
    both = postulante.rural_desde_inscripcion and postulante.rural_tres_anios
    if rural_reduction_applies(postulante, rules):
        required = max(0, minimum - int(rural["reduccion_anios"]))
        parts.append(
            f"IE rural o de frontera (presta servicios desde la inscripción y del {fecha(start)} al "
            f"{fecha(end)}): se reduce en {plural(int(rural['reduccion_anios']), 'año')}; "
            f"mínimo exigido: {plural(required, 'año')}."
        )
    elif both:
        which = "actual" if rural["reduccion_segun"] == "actual" else "a la que postula"
        parts.append(
            "Cumple las dos condiciones de IE rural o de frontera, pero la reducción se aplica a partir "
            f"de la escala {rural['escala_minima_reduccion']} (escala {which}); no se reduce."
        )
    elif postulante.rural_desde_inscripcion or postulante.rural_tres_anios:
        missing = (
            f"prestar servicios en IE rural o de frontera del {fecha(start)} al {fecha(end)}"
            if postulante.rural_desde_inscripcion
            else "prestar servicios en IE rural o de frontera desde la inscripción"
        )
        parts.append(f"No se reduce por IE rural o de frontera: falta la condición de {missing}.")
    ok = postulante.tiempo_escala.anios >= required
    parts.append("Cumple." if ok else f"No cumple: tiene menos de {plural(required, 'año')} en la escala.")
    return RequisitoCheck("permanencia", "Permanencia mínima en la escala magisterial", ok, " ".join(parts))


def check_requirements(postulante: Postulante, rules: Mapping) -> tuple[RequisitoCheck, ...]:
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
        ),
        RequisitoCheck(
            "b",
            "b) Sin condena por los delitos de las Leyes N° 29988, 30901 y 30794",
            not p.condena_leyes,
            "La DIED no informa condena por los delitos de las Leyes N° 29988, 30901 y 30794."
            if not p.condena_leyes
            else "La DIED informa condena por delitos de las Leyes N° 29988, 30901 o 30794.",
        ),
        RequisitoCheck(
            "c",
            "c) Sin condena por otros delitos dolosos",
            not p.condena_dolosa,
            "No registra condena por otros delitos dolosos."
            if not p.condena_dolosa
            else "Registra condena por delito doloso (DIED o informe escalafonario).",
        ),
        RequisitoCheck(
            "d",
            "d) Sin sanción vigente ni registrada (escalafón o RNSSC)",
            not p.sancion,
            "No registra sanción vigente en el escalafón ni en el RNSSC."
            if not p.sancion
            else "Registra sanción vigente o registrada en el escalafón o en el RNSSC.",
        ),
        check_permanencia(p, rules),
    ]
    return tuple(checks)


def document_name(letter: str, rules: Mapping) -> str:
    return rules["bonificacion"]["documentos"].get(letter, letter)


def bonus(postulante: Postulante, rules: Mapping) -> BonusResult:
    """Whether the 15 % bonificación por discapacidad is granted, and flagged (A.3)."""
    rule = rules["bonificacion"]
    doc = postulante.discapacidad
    if doc is None:
        return BonusResult(False, False, "No presentó documento que acredite discapacidad.")
    name = document_name(doc.documento, rules)
    start, end = rule["presentacion_inicio"], rule["presentacion_fin"]
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
    if doc.documento in rule["documentos_con_fecha_limite"]:
        limit = rule["conadis_expedicion_hasta"]
        if doc.fecha_expedicion is None or doc.fecha_expedicion > limit:
            when = f"expedida el {fecha(doc.fecha_expedicion)}" if doc.fecha_expedicion else "sin fecha de expedición"
            return BonusResult(
                False, False,
                f"{presented}, {when}: la fecha de expedición no debe ser posterior al {fecha(limit)}; "
                "no se otorga la bonificación.",
                name,
            )
        presented += f", expedida el {fecha(doc.fecha_expedicion)} (no posterior al {fecha(limit)})"
    percent = _percent(rule["porcentaje"])
    if doc.documento in rule["documentos_sihce"]:
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


def _percent(value: float) -> str:
    text = f"{value:g}"
    return f"{text} %"
