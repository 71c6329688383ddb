"""Builds the typed rules of the ficha CAP (``domain.cap.CapRules``) from the merged table of its
rules file, checking what a type alone cannot say; every problem goes to ``problems`` with its
key, so that all of them are reported together."""

from __future__ import annotations

from fractions import Fraction
from typing import Mapping

from ..domain.cap import Block, CapRules, Catalogue, Item, Level, Part, Recomendaciones, Scale
from ..tomlfile import ConfigProblems


def _catalogue(table: Mapping, add) -> Catalogue:
    parts = []
    seen_blocks: set[str] = set()
    for part in table["partes"]:
        blocks = []
        for block in (b for b in table["bloques"] if b["parte"] == part["id"]):
            if block["clave"] in seen_blocks:
                add("bloques", f"el bloque «{block['clave']}» está repetido.")
                continue
            seen_blocks.add(block["clave"])
            subtitles = {entry["antes_de"]: entry["texto"] for entry in block["subtitulos"]}
            ids = [item["id"] for item in block["items"]]
            if len(set(ids)) != len(ids) or not ids:
                add("bloques", f"el bloque «{block['nombre']}» no tiene ítems o repite un número de ítem.")
            unknown = sorted(set(subtitles) - set(ids))
            if unknown:
                add("bloques", f"el subtítulo del bloque «{block['nombre']}» va antes del ítem «{unknown[0]}», "
                    "que no existe.")
            items = tuple(Item(block["clave"], item["id"], item["texto"], subtitles.get(item["id"], ""))
                          for item in block["items"])
            blocks.append(Block(block["clave"], part["id"], block["numero"], block["nombre"], block["titulo"],
                                block["descripcion"], items))
        if not blocks:
            add("partes", f"la parte {part['id']} no tiene bloques.")
        parts.append(Part(part["id"], part["nombre"], part["titulo"], part["encabezado"], tuple(blocks)))
    orphans = [b["clave"] for b in table["bloques"] if b["clave"] not in seen_blocks]
    if orphans:
        add("bloques", f"el bloque «{orphans[0]}» pertenece a una parte que no existe.")
    data = table["datos"]
    if len(data["turnos"]) != len(data["nombres_turnos"]):
        add("datos.turnos", "«datos.turnos» y «datos.nombres_turnos» deben tener el mismo largo.")
    return Catalogue(
        parts=tuple(parts),
        staff_rows=tuple(table["personal"]["filas"]),
        staff_cycles=tuple(table["personal"]["ciclos"]),
        goal_cycles=tuple(table["metas"]["ciclos"]),
        cycles=tuple(data["ciclos"]),
        shifts=tuple(data["turnos"]),
        shift_names=tuple(data["nombres_turnos"]),
    )


def _scale(table: Mapping, add) -> Scale:
    levels = tuple(sorted(
        (Level(int(entry["valor"]), entry["nivel"], entry["descripcion"]) for entry in table["escala"]),
        key=lambda level: level.value,
    ))
    values = [level.value for level in levels]
    if values != list(range(len(values))) or len(values) < 2:
        add("escala", "los valores de la escala deben ser 0, 1, 2, … sin saltos ni repeticiones.")
    # Fraction(str(x)) compares a mean exactly with the decimal the user wrote (0.75, not 0.7499…).
    thresholds = tuple(Fraction(str(limit)) for limit in table["agregacion"]["limites"])
    if len(thresholds) != len(levels) - 1 or list(thresholds) != sorted(set(thresholds)):
        add("agregacion.limites", f"«agregacion.limites» debe tener {len(levels) - 1} números crecientes "
            "(uno menos que los niveles de la escala).")
    return Scale(levels, thresholds)


def build(table: Mapping, source: str, problems: ConfigProblems) -> CapRules:
    """The CapRules of ``table`` (the rules file merged with cddgen.toml's [parametros.cap])."""

    def add(key: str, message: str, fix: str | None = None) -> None:
        problems.add(source, key, message, fix)

    month = table["periodos"]["segundo_desde_mes"]
    if not 1 <= month <= 12:
        add("periodos.segundo_desde_mes", f"«periodos.segundo_desde_mes» vale {month}; un mes va de 1 a 12.")
    if table["resumen"]["items_prioritarios"] < 1:
        add("resumen.items_prioritarios", "«resumen.items_prioritarios» debe ser 1 o más.")
    marks = tuple(table["marcas"]["aceptadas"])
    if not any("".join(mark.split()) for mark in marks):
        add("marcas.aceptadas", "«marcas.aceptadas» no tiene ninguna marca.", 'Por ejemplo: aceptadas = ["X", "x"].')
    return CapRules(
        nombre=table["edicion"]["nombre"],
        titulo=table["edicion"]["titulo"],
        presentacion=table["formulario"]["presentacion"],
        periodo_metas=table["formulario"]["periodo_metas"],
        segundo_desde_mes=int(month),
        scale=_scale(table, add),
        marcas=marks,
        items_prioritarios=int(table["resumen"]["items_prioritarios"]),
        recomendaciones=Recomendaciones(**table["resumen"]["recomendaciones"]),
        blank_catalogue=_catalogue(table, add),
    )
