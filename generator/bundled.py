"""The files cddgen ships beside its code: templates, blank forms and filled examples.

Their source is the repository's top-level ``templates/`` and ``forms/`` (blank forms and
``forms/ejemplos/``). A wheel carries copies of them inside the package, under
``generator/bundled/`` (``setup.py`` copies them at build time), so that a regular
``pip install`` works from any folder; a source checkout or an editable install reads the
originals.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
PACKAGED = _PACKAGE / "bundled"
CHECKOUT = _PACKAGE.parent


def root() -> Path:
    """Where the shipped files are: inside the installed package, else the source checkout."""
    return PACKAGED if PACKAGED.is_dir() else CHECKOUT


def path(relative: str) -> Path:
    """A shipped file or folder, e.g. ``path("templates/actas/acta-instalacion.docx")``."""
    return root() / relative
