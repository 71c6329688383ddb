"""TOML files a person edits (cddgen.toml, rules files): read in Spanish, merged over their
defaults with every key and type checked, and every problem collected to be reported at once.

The bundled file is the schema: a key that is not in it is an error, and a value must have
the type of its default (``merge_checked``). Problems are collected in a ``ConfigProblems``
and raised together as one ``ConfigErrors`` (as mkdocs reports every configuration error in
one run), so a person fixes the file in one pass.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError, ConfigErrors


@dataclass(frozen=True)
class ConfigProblem:
    """One wrong value: the file, the dotted key, what is wrong and how to fix it (Spanish)."""

    source: str  # the file as the person knows it: «cddgen.toml», «ascenso-2025.toml»
    key: str  # dotted key, e.g. «matriz.experiencia.convencion_meses» ("" for the whole file)
    message: str  # what is wrong; names the key itself
    fix: str | None = None

    def __str__(self) -> str:
        text = f"{self.source}: {self.message}"
        return f"{text} {self.fix}" if self.fix else text


class ConfigProblems:
    """Where the checks of a configuration put what they find; ``raise_if_any`` reports all."""

    def __init__(self) -> None:
        self.items: list[ConfigProblem] = []

    def add(self, source: str, key: str, message: str, fix: str | None = None) -> None:
        self.items.append(ConfigProblem(source, key, message, fix))

    def extend_from(self, error: ConfigError, source: str = "", key: str = "") -> None:
        """An error raised by a check that stops at its first problem (a file that cannot be read)."""
        if isinstance(error, ConfigErrors):
            self.items.extend(error.problems)
        else:
            self.items.append(ConfigProblem(source, key, error.message, error.fix))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ConfigErrors(tuple(self.items))


_TYPE_NAMES = {
    str: "un texto entre comillas",
    bool: "true o false",
    int: "un número entero",
    float: "un número",
    dt.date: "una fecha aaaa-mm-dd (sin comillas)",
    dt.datetime: "una fecha con hora",
    dt.time: "una hora hh:mm:ss",
    list: "una lista [ ... ]",
    dict: "una tabla [ ... ]",
}


def _type_name(value: Any) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return "un valor de otro tipo"


def _as_written(value: Any) -> str:
    """A value as the user wrote it in TOML, not as Python shows it («datetime.date(…)», «True»)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_as_written(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_as_written(item)}" for key, item in value.items()) + " }"
    return str(value)


def load_toml(path: Path, *, what: str) -> dict:
    """The TOML file at ``path``; every way it can be wrong is a ConfigError in Spanish that
    names the line and the column (tomllib's own messages are English)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"No se encontró {what} «{path}».", fix="Revise la ruta indicada.") from None
    except IsADirectoryError:
        raise ConfigError(f"«{path}» es una carpeta, no {what}.", fix="Indique el archivo .toml.") from None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")  # Notepad may start the file with a BOM
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path.name}, línea {line}: el archivo no está guardado como UTF-8.",
            fix="Guárdelo como UTF-8 (en el Bloc de notas: Archivo › Guardar como › Codificación: UTF-8).",
        ) from None
    _refuse_windows_paths_in_double_quotes(path, text)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _spanish_toml_error(path, text, str(exc)) from None


# tomllib's messages (Python 3.11 to 3.14) and what they mean for the person editing the file.
_TOML_MESSAGES = (
    (r"Unescaped '\\' in a string", "una barra invertida \\ entre comillas dobles inicia un código especial"),
    (r"Unterminated string", "faltan las comillas que cierran el texto"),
    (r"Invalid value", "el valor no es válido (los textos van entre comillas; los números, true y false, sin ellas)"),
    (r"Invalid statement", "la línea no es válida (se espera clave = valor, [sección] o un comentario que empiece con #)"),
    (r"Expected '=' after a key in a key/value pair", "falta el signo = después del nombre de la clave"),
    (r"Expected newline or end of document after a statement",
     "después del valor sigue más texto en la misma línea (¿faltan comillas, o el # de un comentario?)"),
    (r"Expected '\]' at the end of a table declaration", "falta el ] que cierra el nombre de la sección"),
    (r"Expected '\]\]' at the end of an array declaration", "falta el ]] que cierra el nombre de la sección"),
    (r"Unclosed array", "falta el ] que cierra la lista"),
    (r"Unclosed inline table", "falta la } que cierra la tabla entre llaves"),
    (r"Cannot overwrite a value", "esa clave ya tiene un valor (está escrita dos veces)"),
    (r"Cannot declare (.+) twice", "la sección {0} aparece dos veces"),
    (r"Cannot (?:mutate immutable|redefine) namespace (.+)", "{0} ya está definido y no se puede ampliar aquí"),
    (r"Duplicate inline table key (.+)", "la clave {0} se repite dentro de las llaves"),
    (r"Invalid date or datetime", "la fecha no es válida (escríbala aaaa-mm-dd, sin comillas)"),
    (r"Invalid initial character for a key part", "el nombre de la clave empieza con un carácter no permitido"),
    (r"Invalid hex value|Escaped character is not a Unicode scalar value", "un código \\u o \\U no es válido"),
    (r"(?:Illegal|Found invalid) character (.+)", "hay un carácter no permitido ({0}), por ejemplo un salto de línea "
                                                "dentro de comillas"),
    (r"Expected (.+)", "se esperaba {0}"),
)
_TOML_POSITION = re.compile(r"^(?P<message>.*?)\s*\((?:at line (?P<line>\d+), column (?P<column>\d+)|"
                            r"at end of document)\)\s*$", re.DOTALL)


def _spanish_toml_error(path: Path, text: str, english: str) -> ConfigError:
    found = _TOML_POSITION.match(english)
    message = found.group("message") if found else english
    if found and found.group("line"):
        where = f"línea {found.group('line')}, columna {found.group('column')}"
    else:
        where = f"al final del archivo (línea {text.count(chr(10)) + (0 if text.endswith(chr(10)) else 1)})"
    spanish = None
    for pattern, meaning in _TOML_MESSAGES:
        matched = re.fullmatch(pattern, message)
        if matched:
            spanish = meaning.format(*matched.groups())
            break
    fix = "Revise comillas, corchetes y el signo = en esa línea."
    if message.startswith("Unescaped"):
        fix = ("Escriba las rutas de Windows entre comillas simples, tal cual, por ejemplo "
               "bandeja_entrada = '\\\\servidor\\bandeja' o plantillas = 'C:\\cddgen\\plantillas'.")
    return ConfigError(f"{path.name}, {where}: no es un TOML válido: {spanish or message}.", fix=fix)


# A double-quoted TOML string: its raw text, escapes included.
_DOUBLE_QUOTED_VALUE = re.compile(r'^\s*(?P<key>[A-Za-z0-9_.\-]+)\s*=\s*"(?P<raw>(?:[^"\\\n]|\\.)*)"')
_WINDOWS_PATH = re.compile(r"^(?:\\\\|[A-Za-z]:\\)")


def _refuse_windows_paths_in_double_quotes(path: Path, text: str) -> None:
    r"""A Windows path written between double quotes: there each backslash starts an escape, so
    "\\servidor\bandeja" reads as «\servidor», a backspace and «andeja» without any error, and
    "C:\cddgen" is refused by TOML. Refused here, with the single quotes that keep it as typed;
    so is any value without spaces that has a single backslash ("plantillas\bandeja")."""
    for number, line in enumerate(text.splitlines(), start=1):
        found = _DOUBLE_QUOTED_VALUE.match(line)
        if not found:
            continue
        raw = found.group("raw")
        if "\\" not in raw.replace("\\\\", ""):
            continue  # no backslash, or every one doubled: written correctly
        if not _WINDOWS_PATH.match(raw) and any(ch.isspace() for ch in raw):
            continue  # text with escapes such as \n, not a path
        raise ConfigError(
            f'{path.name}, línea {number}: la ruta "{raw}" está entre comillas dobles, donde la barra invertida \\ '
            "inicia un código especial (\\b, \\t, \\n…): la ruta se leería mal.",
            fix=f"Escríbala entre comillas simples, tal cual: {found.group('key')} = '{raw}'.",
        )


def bundled_toml(package_dir: str, name: str) -> dict:
    """A TOML file shipped with cddgen (``defaults/``, ``rules/``), parsed once per process;
    FileNotFoundError when there is none by that name. The caller gets its own copy."""
    return copy.deepcopy(_parsed_bundled(package_dir, name))


@functools.lru_cache(maxsize=None)
def _parsed_bundled(package_dir: str, name: str) -> dict:
    text = resources.files("generator").joinpath(package_dir, name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _type_problem(key: str, default: Any, value: Any) -> str | None:
    """Why ``value`` cannot replace ``default``, or None when its type fits."""
    if isinstance(default, bool) or isinstance(value, bool):
        ok = type(default) is type(value)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float))
    elif isinstance(default, dt.datetime) or isinstance(value, dt.datetime):
        ok = type(default) is type(value)
    elif isinstance(default, dt.date):
        ok = type(value) is dt.date
    else:
        ok = isinstance(value, type(default))
    if ok:
        return None
    return f"el valor de «{key}» debe ser {_type_name(default)}, pero es {_type_name(value)} ({_as_written(value)})."


def merge_checked(defaults: Mapping, override: Mapping, source: str, prefix: str = "",
                  problems: ConfigProblems | None = None) -> dict:
    """Deep-merge ``override`` into ``defaults``, refusing keys and types the defaults lack.

    Every refused key goes to ``problems`` (and keeps its default); without ``problems`` they
    are raised together at the end.
    """
    own = problems is None
    problems = ConfigProblems() if problems is None else problems
    merged = copy.deepcopy(dict(defaults))
    for key, value in override.items():
        dotted = f"{prefix}{key}"
        if key not in defaults:
            allowed = ", ".join(sorted(defaults)) or "(ninguna)"
            problems.add(source, dotted, f"la clave «{dotted}» no existe.",
                         f"Claves permitidas{' en «' + prefix[:-1] + '»' if prefix else ''}: {allowed}.")
            continue
        default = defaults[key]
        if isinstance(default, dict):
            if not isinstance(value, dict):
                problems.add(source, dotted, f"«{dotted}» debe ser una tabla [{dotted}].")
                continue
            merged[key] = merge_checked(default, value, source, f"{dotted}.", problems)
        elif isinstance(default, list) and default and isinstance(default[0], dict):
            # A list of tables replaces the default list; each table is checked against
            # the shape of the first default entry.
            if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
                problems.add(source, dotted, f"«{dotted}» debe ser una lista de tablas [[{dotted}]].")
                continue
            shape = default[0]
            checked = []
            for index, item in enumerate(value, start=1):
                missing = sorted(set(shape) - set(item))
                if missing:
                    problems.add(source, f"{dotted}[{index}]", f"a la entrada {index} de «{dotted}» le falta "
                                 f"«{missing[0]}».", f"Cada entrada necesita: {', '.join(sorted(shape))}.")
                    continue
                checked.append(merge_checked(shape, item, source, f"{dotted}[{index}].", problems))
            merged[key] = checked
        else:
            wrong = _type_problem(dotted, default, value)
            if wrong:
                problems.add(source, dotted, wrong)
                continue
            merged[key] = value
    if own:
        problems.raise_if_any()
    return merged
