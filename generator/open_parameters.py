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
from .errors import ConfigError

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


def open_parameters(family: str, rules: Mapping, overrides: Mapping | None = None) -> list[OpenParameter]:
    """The open parameters of one family's rules, with the values in force."""
    result = []
    for entry in rules.get("por_confirmar", ()):
        route = [str(part) for part in entry["ruta"]]
        found, value = _lookup(rules, route)
        if not found:
            raise ConfigError(
                f"Reglas de {family}: «por_confirmar» nombra «{toml_key(route)}», que no existe en las reglas.",
                fix="Corrija la «ruta» de esa entrada o quítela.",
            )
        set_by_user, _ = _lookup(overrides or {}, route)
        result.append(OpenParameter(family, rules.get("edicion", {}).get("nombre", family), toml_key(route),
                                    entry["descripcion"], shown(value), entry["fuente"],
                                    SET_BY_USER if set_by_user else PENDING))
    return result


def all_open_parameters(settings: Settings) -> list[OpenParameter]:
    """Every family's open parameters, in the order of ``[reglas]``."""
    result = []
    for family in settings.rule_editions:
        result += open_parameters(family, settings.rules(family), settings.rule_overrides.get(family))
    return result
