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
    "{name} {filename!r} is not executable.": "{name} {filename!r} no se puede ejecutar.",
    "{value!r} is not a valid UUID.": "{value!r} no es un UUID válido.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} no es un valor sí/no válido. Valores reconocidos: {states}",
    "Argument {name!r} takes {nargs} values.": "El argumento {name!r} lleva {nargs} valores.",
    "Could not open file {filename!r}: {message}": "No se pudo abrir el archivo {filename!r}: {message}",
    "Value must be an iterable.": "El valor debe ser una lista.",
    "Error: invalid input": "Error: dato no válido",
    "Do you want to continue?": "¿Desea continuar?",
    "Confirm the action without prompting.": "Confirma la acción sin preguntar.",
    "Repeat for confirmation": "Repita para confirmar",
    "Error: The two entered values do not match.": "Error: los dos valores escritos no coinciden.",
    "Press any key to continue...": "Pulse una tecla para continuar…",
    "deprecated": "obsoleto",
}

# The names click shows as metavars («--anio INTEGER») and in its messages («'x' is not a valid
# integer»): Spanish, so that every command's help and errors are too, new commands included.
_TYPE_NAMES = {
    "StringParamType": "texto",
    "IntParamType": "entero",
    "IntRange": "entero",
    "FloatParamType": "número",
    "FloatRange": "número",
    "BoolParamType": "sí/no",
    "DateTime": "fecha",
    "File": "archivo",
    "UUIDParameterType": "uuid",
}

_PLURAL = {
    "Got unexpected extra argument ({args})": ("Sobra un argumento ({args})", "Sobran argumentos ({args})"),
    "Option {name!r} requires an argument.": (
        "La opción {name!r} necesita un valor.", "La opción {name!r} necesita {nargs} valores."),
    "{value!r} is not {choice}.": ("{value!r} no es {choice}.", "{value!r} no es uno de {choices}."),
    "Did you mean {possibility}?": ("¿Quiso decir {possibility}?", "(¿Quiso decir uno de: {possibilities}?)"),
    "Takes {nargs} values but 1 was given.": (
        "Lleva {nargs} valores, pero se dio 1.", "Lleva {nargs} valores, pero se dieron {len}."),
    "{value!r} does not match the format {format}.": (
        "{value!r} no tiene el formato {format}.", "{value!r} no tiene ninguno de los formatos {formats}."),
    "{len_type} values are required, but {len_value} was given.": (
        "Se necesitan {len_type} valores, pero se dio {len_value}.",
        "Se necesitan {len_type} valores, pero se dieron {len_value}."),
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
    types = importlib.import_module("click.types")
    for class_name, spanish in _TYPE_NAMES.items():
        setattr(getattr(types, class_name), "name", spanish)
