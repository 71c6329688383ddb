"""Builds the typed rules of the Concurso de Ascenso (``domain.ascenso.rules``) from the merged
table of its rules file, checking what a type alone cannot say. The table's keys and types are
already checked against the bundled edition (``tomlfile.merge_checked``); every problem found
here goes to ``problems``, so that all of them are reported together."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Mapping

from ..domain.ascenso.rules import (
    CONVENTIONS,
    RURAL_CHOICES,
    STRATEGIES,
    AscensoRules,
    Bonificacion,
    Comite,
    Cronograma,
    Edicion,
    Estudios,
    Experiencia,
    Listas,
    Matriz,
    Meritos,
    OtrosEstudios,
    Posgrado,
    ReglasExperiencia,
    Requisitos,
    Retiro,
    Rubro,
    Rural,
    TipoEstudio,
    TipoMerito,
)
from ..tomlfile import ConfigProblems


def _d(value: float | int) -> Decimal:
    return Decimal(str(value))


class _Checks:
    """The problems of one rules file, each with its key."""

    def __init__(self, source: str, problems: ConfigProblems) -> None:
        self.source, self.problems = source, problems

    def add(self, key: str, message: str, fix: str | None = None) -> None:
        self.problems.add(self.source, key, f"«{key}» {message}", fix)

    def choice(self, key: str, value: str, allowed: Mapping[str, Any]) -> str:
        if value not in allowed:
            self.add(key, f"vale «{value}».", f"Valores permitidos: {', '.join(allowed)}.")
            return next(iter(allowed))
        return value

    def window(self, key: str, start: dt.date, end: dt.date, start_name: str, end_name: str) -> None:
        if start > end:
            self.add(f"{key}.{start_name}", f"({start:%d/%m/%Y}) es posterior a «{end_name}» ({end:%d/%m/%Y}).",
                     "El plazo empieza antes de terminar; revise ambas fechas.")

    def at_least(self, key: str, value: float, minimum: float, fix: str | None = None) -> None:
        if value < minimum:
            self.add(key, f"vale {value:g}; debe ser {minimum:g} o más.", fix)


def _criterion_kind(criterion_id: str, data: Mapping) -> str | None:
    for kind, marker in (("posgrado", "tipo_doctor"), ("otros", "titulos_despues_nombramiento"),
                         ("estudios", "tipos"), ("meritos", "meritos"), ("experiencia", "puntos_por_anio")):
        if marker in data:
            return kind
    return None


def _experience(table: Mapping, criteria: Mapping[str, Mapping], check: _Checks) -> ReglasExperiencia:
    data = table["matriz"]["experiencia"]
    since = data["fecha_lrm"]
    rules = {
        cid: Experiencia(
            id=cid, titulo=rule["titulo"], maximo=_d(rule["maximo"]), per_year=_d(rule["puntos_por_anio"]),
            year_months=int(rule["meses_por_anio"]), since=since if rule["solo_desde_lrm"] else None,
            chain=tuple(rule["desborde"]), cargos=tuple(rule["cargos"]), regimenes=tuple(rule.get("regimenes", ())),
        )
        for cid, rule in criteria.items()
    }
    for cid, rule in rules.items():
        check.at_least(f"matriz.criterios.{cid}.puntos_por_anio", float(rule.per_year), 0.001)
        check.at_least(f"matriz.criterios.{cid}.meses_por_anio", rule.year_months, 1)
    order = tuple(data["orden_desempate"])
    unknown = [item for item in order if item not in rules]
    if unknown:
        check.add("matriz.experiencia.orden_desempate", f"contiene {', '.join(unknown)}, que no son criterios de "
                  "experiencia.", f"Use solo {', '.join(rules)}.")
    per_year = {cid: rule.per_year or Decimal(1) for cid, rule in rules.items()}
    ranked = sorted(rules, key=lambda c: (-per_year[c], order.index(c) if c in order else len(order), c))
    for cid, rule in rules.items():
        previous = cid
        for target in rule.chain:
            if target not in rules:
                check.add(f"matriz.criterios.{cid}.desborde", f"apunta a «{target}», que no es un criterio de "
                          "experiencia.", f"Use solo {', '.join(rules)}.")
                break
            # Time passes along the chain, so each target must be valued after the one before it.
            if ranked.index(target) < ranked.index(previous):
                check.add("matriz.experiencia.orden_desempate",
                          f"hace valorar {target} antes que {previous}, pero el tiempo de {cid} desborda a {target} "
                          f"después de {previous}.",
                          f"Ponga {previous} antes que {target} en «matriz.experiencia.orden_desempate».")
            previous = target
    return ReglasExperiencia(
        convencion_meses=check.choice("matriz.experiencia.convencion_meses", data["convencion_meses"], CONVENTIONS),
        fecha_lrm=since,
        orden_desempate=order,
        asignacion_superpuestos=check.choice("matriz.experiencia.asignacion_superpuestos",
                                             data["asignacion_superpuestos"], STRATEGIES),
        criterios=rules,
        priority=tuple(ranked),
    )


def _matriz(table: Mapping, check: _Checks) -> Matriz:
    data = table["matriz"]
    rubros = {str(rid): Rubro(str(rid), rule["titulo"], _d(rule["maximo"])) for rid, rule in data["rubros"].items()}
    by_kind: dict[str, dict[str, Mapping]] = {}
    for cid, rule in data["criterios"].items():
        kind = _criterion_kind(cid, rule)
        if kind is None:
            check.add(f"matriz.criterios.{cid}", "no es un criterio de ningún tipo conocido.",
                      "Copie la forma de un criterio de la edición incluida.")
            continue
        if cid.split(".")[0] not in rubros:
            check.add(f"matriz.criterios.{cid}", f"pertenece al rubro {cid.split('.')[0]}, que no existe.",
                      f"Rubros: {', '.join(rubros)}.")
        check.at_least(f"matriz.criterios.{cid}.maximo", rule["maximo"], 0)
        by_kind.setdefault(kind, {})[cid] = rule
    for kind, count in (("posgrado", 1), ("otros", 1)):
        if len(by_kind.get(kind, {})) != count:
            check.add("matriz.criterios", f"debe tener un criterio de {'posgrado' if kind == 'posgrado' else 'otros estudios'}"
                      " (como el 1.1 o el 1.2 de la edición incluida).")
            return None  # type: ignore[return-value]
    ((pid, post),) = by_kind["posgrado"].items()
    ((oid, other),) = by_kind["otros"].items()
    estudios = {}
    for cid, rule in by_kind.get("estudios", {}).items():
        check.window(f"matriz.criterios.{cid}", rule["ventana_inicio"], rule["ventana_fin"], "ventana_inicio",
                     "ventana_fin")
        estudios[cid] = Estudios(cid, rule["titulo"], _d(rule["maximo"]), _d(rule["puntos"]), rule["ventana_inicio"],
                                 rule["ventana_fin"], tuple(rule["entidades"]),
                                 tuple(TipoEstudio(t["tipo"], t["creditos_minimos"], t["horas_minimas"])
                                       for t in rule["tipos"]))
    meritos = {
        cid: Meritos(cid, rule["titulo"], _d(rule["maximo"]), _d(rule["puntos"]),
                     tuple(TipoMerito(m["tipo"], tuple(m["documentos"])) for m in rule["meritos"]))
        for cid, rule in by_kind.get("meritos", {}).items()
    }
    situaciones = tuple(data["situaciones"])
    if data["situacion_valida"] not in situaciones:
        check.add("matriz.situacion_valida", f"vale «{data['situacion_valida']}», que no está en «matriz.situaciones».",
                  f"Use una de: {', '.join(situaciones)}.")
    return Matriz(
        puntaje_maximo=_d(data["puntaje_maximo"]),
        fecha_corte=data["fecha_corte"],
        situacion_valida=data["situacion_valida"],
        situaciones=situaciones,
        rubros=rubros,
        posgrado=Posgrado(pid, post["titulo"], _d(post["maximo"]), post["tipo_doctor"], post["tipo_maestro"],
                          _d(post["puntos_doctor"]), _d(post["puntos_maestro"])),
        otros_estudios=OtrosEstudios(oid, other["titulo"], _d(other["maximo"]), _d(other["puntos"]),
                                     tuple(other["titulos_despues_nombramiento"]),
                                     tuple(other["titulos_cualquier_fecha"])),
        estudios=estudios,
        meritos=meritos,
        experiencia=_experience(table, by_kind.get("experiencia", {}), check),
    )


def _requisitos(table: Mapping, check: _Checks) -> Requisitos:
    data = table["requisitos"]
    rural = data["rural"]
    check.choice("requisitos.rural.reduccion_segun", rural["reduccion_segun"], RURAL_CHOICES)
    check.window("requisitos.rural", rural["ventana_inicio"], rural["ventana_fin"], "ventana_inicio", "ventana_fin")
    check.window("requisitos.rural", rural["ventana_inicio_ascendidos_2022"], rural["ventana_fin_ascendidos_2022"],
                 "ventana_inicio_ascendidos_2022", "ventana_fin_ascendidos_2022")
    if data["escala_minima"] > data["escala_maxima"]:
        check.add("requisitos.escala_minima", f"({data['escala_minima']}) es mayor que «escala_maxima» "
                  f"({data['escala_maxima']}).")
    minimum: dict[int, int] = {}
    for escala, years in data["permanencia_minima"].items():
        if not str(escala).isdigit():
            check.add(f"requisitos.permanencia_minima.{escala}", "no es una escala (1 a 7).",
                      "Cada clave es el número de la escala actual: 1 = 2, 2 = 2, …")
            continue
        minimum[int(escala)] = int(years)
    return Requisitos(
        fecha_inscripcion=data["fecha_inscripcion"],
        fecha_ascendidos_2022=data["fecha_ascendidos_2022"],
        escala_minima=data["escala_minima"],
        escala_maxima=data["escala_maxima"],
        causal_retiro=data["causal_retiro"],
        idoneidad_fuentes={letter: tuple(item["fuentes"]) for letter, item in data["idoneidad"].items()},
        permanencia_minima=minimum,
        rural=Rural(**{key: rural[key] for key in Rural.__dataclass_fields__}),
    )


def _bonificacion(table: Mapping, check: _Checks) -> Bonificacion:
    data = table["bonificacion"]
    check.window("bonificacion", data["presentacion_inicio"], data["presentacion_fin"], "presentacion_inicio",
                 "presentacion_fin")
    check.at_least("bonificacion.porcentaje", data["porcentaje"], 0)
    documents = dict(data["documentos"])
    for key in ("documentos_sihce", "documentos_con_fecha_limite"):
        unknown = [letter for letter in data[key] if letter not in documents]
        if unknown:
            check.add(f"bonificacion.{key}", f"nombra {', '.join(unknown)}, que no está en «bonificacion.documentos».",
                      f"Use las letras de los documentos: {', '.join(documents)}.")
    return Bonificacion(
        porcentaje=_d(data["porcentaje"]),
        presentacion_inicio=data["presentacion_inicio"],
        presentacion_fin=data["presentacion_fin"],
        conadis_expedicion_hasta=data["conadis_expedicion_hasta"],
        resultados_sihce=tuple(data["resultados_sihce"]),
        documentos_sihce=frozenset(data["documentos_sihce"]),
        documentos_con_fecha_limite=frozenset(data["documentos_con_fecha_limite"]),
        documentos=documents,
    )


def _cronograma(table: Mapping, check: _Checks) -> Cronograma:
    data = table["cronograma"]
    check.window("cronograma", data["reclamos_inicio"], data["reclamos_fin"], "reclamos_inicio", "reclamos_fin")
    check.at_least("cronograma.copias_dias_habiles_antes", data["copias_dias_habiles_antes"], 1,
                   "Las copias se entregan al menos un día hábil antes del término del plazo de reclamos (1.5 g).")
    wrong = [day for day in data["dias_no_laborables"] if type(day) is not dt.date]
    if wrong:
        check.add("cronograma.dias_no_laborables", f"contiene {wrong[0]!r}, que no es una fecha.",
                  "Escriba fechas aaaa-mm-dd sin comillas, p. ej. dias_no_laborables = [2026-01-02].")
    return Cronograma(data["reclamos_inicio"], data["reclamos_fin"], int(data["copias_dias_habiles_antes"]),
                      frozenset(day for day in data["dias_no_laborables"] if type(day) is dt.date))


def _retiro(table: Mapping, check: _Checks) -> Retiro:
    data = table["retiro"]
    causales = dict(data["causales"])
    unknown = [letter for letter in data["comunicar_director"] if letter not in causales]
    if unknown:
        check.add("retiro.comunicar_director", f"nombra {', '.join(unknown)}, que no está en «retiro.causales».",
                  f"Use las letras de las causales: {', '.join(causales)}.")
    missing = [letter for letter in [*causales, "j"] if letter not in data["numeral_instructivo"]]
    if missing:
        check.add("retiro.numeral_instructivo", f"no dice el numeral de la causal {', '.join(missing)}.",
                  "Agregue la letra de cada causal con su numeral del Instructivo (p. ej. f = \"2.3.2\").")
    return Retiro(data["numeral"], frozenset(data["comunicar_director"]), data["procuraduria_minedu"],
                  dict(data["numeral_instructivo"]), causales)


def _comite(table: Mapping, check: _Checks) -> Comite:
    data = table["comite"]
    roles = tuple(data["roles"])
    if len(roles) != data["integrantes"]:
        check.add("comite.roles", f"tiene {len(roles)} cargos para {data['integrantes']} integrantes.",
                  "Escriba un rol por integrante, el presidente primero.")
    tables = {}
    for key in ("cargos_ugel", "cargos_dre"):
        tables[key] = {role: tuple(cargos) for role, cargos in data[key].items()}
        if len(tables[key]) != len(roles):
            check.add(f"comite.{key}", f"tiene {len(tables[key])} listas de cargos para {len(roles)} roles.",
                      "Una lista (presidente, segundo, tercero) por rol, en el orden de «comite.roles».")
    return Comite(data["integrantes"], roles, tables["cargos_ugel"], tables["cargos_dre"])


def build(table: Mapping, source: str, problems: ConfigProblems) -> AscensoRules:
    """The typed rules of ``table`` (the rules file merged with cddgen.toml's [parametros.ascenso]);
    its problems go to ``problems`` (``source`` is the file they are reported in)."""
    check = _Checks(source, problems)
    edition = table["edicion"]
    check.at_least("puntaje.decimales", table["puntaje"]["decimales"], 0)
    check.at_least("expediente.folios_por_tomo", table["expediente"]["folios_por_tomo"], 0,
                   "0 deja el expediente en un solo PDF.")
    listas = table["listas"]
    return AscensoRules(
        edicion=Edicion(edition["nombre"], edition["anio_concurso"], edition["norma_tecnica"],
                        edition["convocatoria"]),
        comite=_comite(table, check),
        requisitos=_requisitos(table, check),
        matriz=_matriz(table, check),
        listas=Listas(**{key: tuple(listas[key]) for key in Listas.__dataclass_fields__}),
        bonificacion=_bonificacion(table, check),
        decimales=int(table["puntaje"]["decimales"]),
        cronograma=_cronograma(table, check),
        base_legal_reclamos=table["reclamos"]["base_legal"],
        retiro=_retiro(table, check),
        folios_por_tomo=int(table["expediente"]["folios_por_tomo"]),
    )
