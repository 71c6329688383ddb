"""Builds the typed edition of the Compromisos de Desempeño CETPRO (``domain.cdd.Edition``)
from the merged table of its rules file, checking what a type alone cannot say; every problem
goes to ``problems`` with its key, so that all of them are reported together."""

from __future__ import annotations

from typing import Mapping

from ..domain.cdd import INDICATORS, SPLIT_ALL_OR_NOTHING, SPLIT_PROPORTIONAL, SPLIT_RULES, ChecklistItem, Edition, \
    Indicator, MmaEntry, Recipient, Tramo
from ..tomlfile import ConfigProblems


def build(table: Mapping, source: str, problems: ConfigProblems) -> Edition:
    """The Edition of ``table`` (the rules file merged with cddgen.toml's [parametros.cdd])."""
    from ..forms.cdd import field_problems  # the form's columns: what the rules may require

    def add(key: str, message: str, fix: str | None = None) -> None:
        problems.add(source, key, message, fix)

    edition = table["edicion"]
    split = table["mma"]["reparto_mma"]
    if split not in SPLIT_RULES:
        add("mma.reparto_mma", f"«mma.reparto_mma» = «{split}» no es una regla de reparto conocida.",
            f"Use «{SPLIT_ALL_OR_NOTHING}» o «{SPLIT_PROPORTIONAL}».")
    tramos: dict[int, Tramo] = {}
    for name, data in table["tramos"].items():
        if not str(name).isdigit():
            add(f"tramos.{name}", f"el tramo «{name}» debe ser un número ([tramos.1], [tramos.2]).")
            continue
        tramos[int(name)] = Tramo(int(name), data["cierre"], tuple(data["indicadores"]))
    indicators: dict[str, Indicator] = {}
    data = table["indicadores"]
    for code in INDICATORS:
        if code not in data:
            add(f"indicadores.{code}", f"falta el indicador [indicadores.\"{code}\"].")
            continue
        owners = [number for number, tramo in tramos.items() if code in tramo.indicators]
        if len(owners) != 1:
            add("tramos", f"el indicador {code} debe pertenecer a un solo tramo (está en {len(owners)}).",
                "Revise la lista «indicadores» de cada [tramos.N].")
        meta = data[code]["meta"]
        if not 0 < meta <= 100:
            add(f"indicadores.{code}.meta", f"la meta del indicador {code} debe estar entre 1 y 100 (es {meta}).")
        indicators[code] = Indicator(code, data[code]["nombre"], meta, owners[0] if owners else 0,
                                     data[code]["medio_verificacion"])
    for number, tramo in tramos.items():
        unknown = [code for code in tramo.indicators if code not in INDICATORS]
        if unknown:
            add(f"tramos.{number}.indicadores", f"el tramo {number} menciona indicadores desconocidos: "
                f"{', '.join(unknown)}.", f"Indicadores: {', '.join(INDICATORS)}.")
    if len(indicators) != len(INDICATORS):
        return None  # type: ignore[return-value]  # reported above
    students = data["1.1"]
    if students["numerador_hasta"] > students["denominador_hasta"]:
        add("indicadores.1.1.numerador_hasta",
            "en el indicador 1.1, «numerador_hasta» es posterior a «denominador_hasta».")
    required = data["2.1"]["convenios_requeridos"]
    if required < 1:
        add("indicadores.2.1.convenios_requeridos", "«convenios_requeridos» del indicador 2.1 debe ser 1 o más.")
    mma = tuple(
        MmaEntry(
            codigo_modular=item["codigo_modular"],
            nombre=item["nombre"],
            ugel=item["ugel"],
            amounts={number: item[f"tramo{number}"] for number in sorted(tramos) if f"tramo{number}" in item},
        )
        for item in table["mma"]["cetpro"]
    )
    for entry in mma:
        if len(entry.amounts) != len(tramos):
            add("mma.cetpro", f"al CETPRO {entry.codigo_modular} de la tabla del MMA le falta un tramo.")
    result = Edition(
        key=source.removesuffix(".toml"),
        name=edition["nombre"],
        year=edition["anio"],
        norma=edition["norma"],
        norma_short=edition["norma_corta"],
        norma_title=edition["norma_tecnica"],
        approved=edition["fecha_aprobacion_norma"],
        period=edition["periodo_academico"],
        tramos=tramos,
        indicators=indicators,
        students_numerator_until=students["numerador_hasta"],
        students_denominator_until=students["denominador_hasta"],
        teacher_conditions=tuple(data["1.2"]["condiciones_numerador"]),
        other_conditions_in_denominator=data["1.2"]["otras_condiciones_en_denominador"],
        teacher_variables=tuple(data["1.2"]["variables"]),
        graduate_years=tuple(data["1.3"]["anios_egreso"]),
        graduate_fields=tuple(data["1.3"]["campos_requeridos"]),
        agreements_required=required,
        checklist=tuple(ChecklistItem(item["campo"], item["texto"]) for item in data["2.1"]["lista_6_6_2"]),
        mma=mma,
        split=split,
        recipient=Recipient(**{key: str(value).strip() for key, value in table["destinatario"].items()}),
        recommendations=dict(table["informe"]["recomendaciones"]),
    )
    for key, message, fix in field_problems(result):
        add(key, message, fix)
    return result
