"""Click's own messages («Usage:», «No such option», …) in Spanish.

Click translates its texts with gettext; cddgen's users read Spanish, so the strings they
meet are mapped here and given to click's modules. Anything not listed stays as click
writes it.
"""

from __future__ import annotations

import importlib

_SINGULAR = {
    "Usage:": "Uso:",
    "Options": "Opciones",
    "Commands": "Comandos",
    "Positional arguments": "Argumentos",
    "Show this message and exit.": "Muestra esta ayuda y termina.",
    "Show the version and exit.": "Muestra la versión y termina.",
    "Error: {message}": "Error: {message}",
    "Aborted!": "Cancelado.",
    "Missing argument": "Falta el argumento",
    "Missing option": "Falta la opción",
    "Missing parameter": "Falta un parámetro",
    "Missing parameter: {param_name}": "Falta el parámetro: {param_name}",
    "Missing command.": "Falta el comando.",
    "Missing {param_type}": "Falta {param_type}",
    "No such command {name!r}.": "No existe el comando {name!r}.",
    "No such option {name!r}.": "No existe la opción {name!r}.",
    "Option {name!r} does not take a value.": "La opción {name!r} no lleva valor.",
    "Invalid value for {param_hint}: {message}": "Valor no válido para {param_hint}: {message}",
    "Invalid value: {message}": "Valor no válido: {message}",
    "Try '{command} {option}' for help.": "Pruebe «{command} {option}» para ver la ayuda.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} no existe.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} es una carpeta.",
    "{name} {filename!r} is a file.": "{name} {filename!r} es un archivo.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} no se puede leer.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} no se puede escribir.",
    "{value!r} is not a valid {number_type}.": "{value!r} no es un {number_type} válido.",
    "{value} is not in the range {range}.": "{value} no está en el rango {range}.",
    "Choose from:\n\t{choices}": "Elija entre:\n\t{choices}",
    "default: {default}": "por defecto: {default}",
    "env var: {var}": "variable de entorno: {var}",
    "required": "obligatorio",
    "file": "archivo",
    "directory": "carpeta",
    "path": "ruta",
    "%(prog)s, version %(version)s": "%(prog)s, versión %(version)s",
}

_PLURAL = {
    "Got unexpected extra argument ({args})": ("Sobra un argumento ({args})", "Sobran argumentos ({args})"),
    "Option {name!r} requires an argument.": (
        "La opción {name!r} necesita un valor.", "La opción {name!r} necesita {nargs} valores."),
    "{value!r} is not {choice}.": ("{value!r} no es {choice}.", "{value!r} no es uno de {choices}."),
    "Did you mean {possibility}?": ("¿Quiso decir {possibility}?", "(¿Quiso decir uno de: {possibilities}?)"),
}


def _gettext(message: str) -> str:
    return _SINGULAR.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    if singular in _PLURAL:
        one, many = _PLURAL[singular]
        return one if count == 1 else many
    return singular if count == 1 else plural


def install() -> None:
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils",
                 "shell_completion"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
