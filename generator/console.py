"""What cddgen prints never crashes it, whatever the console's encoding (issue 15.6).

A scheduled task on Windows writes its output to a log in the system's code page (cp1252 in
Spanish Windows); a character that code page lacks («→», an emoji in a CETPRO's name, a
file name that is not valid text) would raise UnicodeEncodeError in the middle of a pass.
``install`` gives standard output and error an encoding error handler that writes such a
character as its closest plain equivalent («→» as «->», «ă» as «a») or «?», so the line is
still written and cddgen goes on. Text the console can show is written unchanged.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata

ERRORS = "cddgen-consola"

# Plain equivalents of the characters cddgen's own messages use.
_PLAIN = {
    "→": "->", "←": "<-", "…": "...", "—": "-", "–": "-", "«": '"', "»": '"', "“": '"', "”": '"',
    "‘": "'", "’": "'", "✓": "v", "✔": "v", "✗": "x", "•": "*", "°": "o", "º": "o", "ª": "a", "\u00a0": " ",
    "›": ">", "‹": "<", "·": ".", "×": "x", "−": "-", "€": "EUR",
}


def _plain(character: str) -> str:
    """An ASCII stand-in for ``character`` (what any console encoding can write)."""
    if character in _PLAIN:
        return _PLAIN[character]
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", character) if not unicodedata.combining(ch))
    return stripped if stripped and stripped.isascii() and stripped.isprintable() else "?"


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(_plain(ch) for ch in error.object[error.start:error.end]), error.end


def _register() -> None:
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _replace)


def install() -> None:
    """Give sys.stdout and sys.stderr the error handler (their encoding is kept)."""
    _register()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) != ERRORS:
            reconfigure(errors=ERRORS)
