"""Rule values that rest on a default rather than on the norma's text (issue 13, item 5).

Each rules file lists them in its ``[[por_confirmar]]`` table: where the value is (``ruta``),
what it decides and its source. The value shown is the one in force (after the user's
``[parametros.<familia>]`` in cddgen.toml); it stays «por confirmar» until a user sets it.
``cddgen config --parametros`` and the sheet «Parámetros» of resultados.xlsx show them; the
documents never do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .config import Settings

PENDING = "por confirmar"
SET_BY_USER = "definido en cddgen.toml"


@dataclass(frozen=True)
class OpenParameter:
    family: str
    edition: str  # the edition's name, e.g. «Concurso de Ascenso 2025 – Educación Básica»
    key: str  # as written under [parametros.<familia>] in cddgen.toml: matriz.criterios."1.1".puntos_maestro
    description: str
    value: str
    source: str
    status: str  # PENDING, or SET_BY_USER when cddgen.toml sets it


def toml_key(route: Sequence[str]) -> str:
    """The dotted TOML key of ``route``; parts that are not bare keys go in quotes."""
    return ".".join(part if part.replace("_", "").isalnum() else f'"{part}"' for part in route)


def shown(value: Any) -> str:
    """A rule value as a person reads it: 6.0 → 6, a date as dd/mm/aaaa, a list joined by «; »."""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Mapping):
        return shown(value.get("texto", value.get("nombre", "; ".join(f"{k} = {shown(v)}" for k, v in value.items()))))
    if isinstance(value, (list, tuple)):
        return "; ".join(shown(item) for item in value)
    return str(value)


def _lookup(tree: Mapping, route: Sequence[str]) -> tuple[bool, Any]:
    node: Any = tree
    for part in route:
        if not isinstance(node, Mapping) or part not in node:
            return False, None
        node = node[part]
    return True, node


def open_parameters(family: str, table: Mapping, overrides: Mapping | None = None) -> list[OpenParameter]:
    """The open parameters of one family's rules table (its routes are checked when the rules
    load, ``generator/rules``), with the values in force."""
    result = []
    edition = table["edicion"]["nombre"]
    for entry in table.get("por_confirmar", ()):
        route = [str(part) for part in entry["ruta"]]
        _, value = _lookup(table, route)
        set_by_user, _ = _lookup(overrides or {}, route)
        result.append(OpenParameter(family, edition, toml_key(route), entry["descripcion"], shown(value),
                                    entry["fuente"], SET_BY_USER if set_by_user else PENDING))
    return result


def family_open_parameters(settings: Settings, family: str) -> list[OpenParameter]:
    """The open parameters of ``family`` in force for ``settings``."""
    book = settings.rules
    return open_parameters(family, book.tables[family], book.overrides.get(family))


def all_open_parameters(settings: Settings) -> list[OpenParameter]:
    """Every family's open parameters, in the order of ``[reglas]``."""
    return [parameter for family in settings.rules.tables for parameter in family_open_parameters(settings, family)]
