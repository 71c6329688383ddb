"""The rules of each family, typed, built and checked once when the settings load.

This folder holds the editions shipped with cddgen (``<familia>-<año>.toml``) and the code
that turns one into the family's frozen dataclasses: ``ascenso.build`` (``domain.ascenso.rules``),
``cdd.build`` (``domain.cdd.Edition``), ``cap.build`` (``domain.cap.CapRules``). An edition is a
bundled name or the path of a user's own rules file (``[edicion] base`` names the bundled
edition it changes); cddgen.toml's ``[parametros.<familia>]`` is merged over it. Every problem
of every family is collected and reported together; a built ``RuleBook`` is kept for the
process, so loading the settings again (every test, every command of ``watch``) does not read
and check the files again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping

from ..domain.ascenso.rules import AscensoRules
from ..domain.cap import CapRules
from ..domain.cdd import Edition
from ..errors import ConfigError
from ..tomlfile import ConfigProblems, bundled_toml, load_toml, merge_checked
from . import ascenso, cap, cdd

BUILDERS: Mapping[str, Callable[[Mapping, str, ConfigProblems], Any]] = {
    "ascenso": ascenso.build,
    "cdd": cdd.build,
    "cap": cap.build,
}


@dataclass(frozen=True)
class RuleBook:
    """The rules in force of every family."""

    ascenso: AscensoRules
    cdd: Edition
    cap: CapRules
    editions: Mapping[str, str]  # family → edition as configured in [reglas]
    tables: Mapping[str, Mapping[str, Any]]  # family → merged table, for [[por_confirmar]]
    overrides: Mapping[str, Mapping[str, Any]]  # family → cddgen.toml's [parametros.<familia>]


def bundled_editions() -> list[str]:
    return sorted(str(entry.name)[:-5] for entry in resources.files("generator").joinpath("rules").iterdir()
                  if str(entry.name).endswith(".toml"))


def _own_file(edition: str, base_dir: Path) -> Path | None:
    as_path = Path(edition)
    if as_path.suffix != ".toml":
        return None
    return as_path if as_path.is_absolute() else base_dir / as_path


def _edition_table(family: str, edition: str, base_dir: Path, problems: ConfigProblems) -> tuple[dict, str] | None:
    """(the edition's table, the file its problems are reported in), or None after a problem."""
    own = _own_file(edition, base_dir)
    if own is None:
        try:
            return bundled_toml("rules", f"{edition}.toml"), f"{edition}.toml"
        except FileNotFoundError:
            problems.add("cddgen.toml", f"reglas.{family}", f"la edición «{edition}» de reglas.{family} no existe.",
                         f"Ediciones incluidas: {', '.join(bundled_editions())}; o indique la ruta a un archivo .toml.")
            return None
    try:
        data = load_toml(own, what="el archivo de reglas")
    except ConfigError as error:
        problems.extend_from(error, own.name)
        return None
    declared = data.get("edicion", {}).get("base") if isinstance(data.get("edicion"), dict) else None
    if not declared:
        default = bundled_toml("defaults", "cddgen.toml")["reglas"].get(family, "")
        problems.add(own.name, "edicion.base", "falta [edicion] base = \"...\" con la edición que modifica.",
                     f"Por ejemplo: base = \"{default}\".")
        return None
    try:
        base = bundled_toml("rules", f"{declared}.toml")
    except FileNotFoundError:
        problems.add(own.name, "edicion.base", f"la edición base «{declared}» no existe.",
                     f"Ediciones incluidas: {', '.join(bundled_editions())}.")
        return None
    return merge_checked(base, data, own.name, problems=problems), own.name


def _route_exists(table: Mapping, route: list[str]) -> bool:
    node: Any = table
    for part in route:
        if not isinstance(node, Mapping) or part not in node:
            return False
        node = node[part]
    return True


def _check_open_parameters(table: Mapping, source: str, problems: ConfigProblems) -> None:
    for index, entry in enumerate(table.get("por_confirmar", ()), start=1):
        route = [str(part) for part in entry["ruta"]]
        if not _route_exists(table, route):
            problems.add(source, f"por_confirmar[{index}].ruta",
                         f"«por_confirmar» nombra «{'.'.join(route)}», que no existe en las reglas.",
                         "Corrija la «ruta» de esa entrada o quítela.")


def _build(editions: Mapping[str, str], overrides: Mapping[str, Mapping], base_dir: Path,
           problems: ConfigProblems) -> RuleBook | None:
    found = len(problems.items)
    built: dict[str, Any] = {}
    tables: dict[str, Mapping] = {}
    for family, edition in editions.items():
        if family not in BUILDERS:
            continue  # [reglas] is checked against the defaults' families by merge_checked
        loaded = _edition_table(family, edition, base_dir, problems)
        if loaded is None:
            continue
        table, source = loaded
        if overrides.get(family):
            table = merge_checked(table, overrides[family], "cddgen.toml", f"parametros.{family}.", problems)
        _check_open_parameters(table, source, problems)
        before = len(problems.items)
        try:
            rules = BUILDERS[family](table, source, problems)
        except ConfigError as error:
            problems.extend_from(error, source)
            continue
        if len(problems.items) == before:
            built[family], tables[family] = rules, MappingProxyType(table)
    if len(problems.items) > found:
        return None
    return RuleBook(ascenso=built["ascenso"], cdd=built["cdd"], cap=built["cap"],
                    editions=MappingProxyType(dict(editions)), tables=MappingProxyType(tables),
                    overrides=MappingProxyType({family: dict(value) for family, value in overrides.items()}))


_BOOKS: dict[tuple, RuleBook] = {}


def load_rulebook(editions: Mapping[str, str], overrides: Mapping[str, Mapping], base_dir: Path,
                  problems: ConfigProblems) -> RuleBook | None:
    """Every family's rules, or None when ``problems`` got some. Kept per process: the same
    editions, overrides and (unchanged) own rules files give the same book."""
    stamps = []
    for edition in editions.values():
        own = _own_file(edition, base_dir)
        if own is not None:
            stat = own.stat() if own.is_file() else None
            stamps.append((str(own), stat.st_mtime_ns if stat else None, stat.st_size if stat else None))
    key = (tuple(editions.items()), json.dumps(overrides, sort_keys=True, default=str), tuple(stamps))
    book = _BOOKS.get(key)
    if book is None:
        book = _build(editions, overrides, base_dir, problems)
        if book is not None:
            if len(_BOOKS) > 64:
                _BOOKS.clear()
            _BOOKS[key] = book
    return book


def from_table(family: str, table: Mapping, source: str = "reglas") -> Any:
    """One family's typed rules from a table (tests, scripts); ConfigErrors lists every problem."""
    problems = ConfigProblems()
    _check_open_parameters(table, source, problems)
    rules = BUILDERS[family](table, source, problems)
    problems.raise_if_any()
    return rules
