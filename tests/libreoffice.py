"""Marks for the tests that start LibreOffice.

They carry the «libreoffice» marker, so that «make test-rapido» (pytest -m "not libreoffice")
leaves them out, and they skip, saying why, on a machine without soffice.
"""

from __future__ import annotations

import pytest

from generator.render.pdf import find_soffice

REAL_SOFFICE = find_soffice()
_skip_without_soffice = pytest.mark.skipif(REAL_SOFFICE is None, reason="LibreOffice (soffice) no está instalado")

# For a whole module: pytestmark = NEEDS_SOFFICE.
NEEDS_SOFFICE = [pytest.mark.libreoffice, _skip_without_soffice]


def needs_soffice(test):
    """For one test: @needs_soffice."""
    return pytest.mark.libreoffice(_skip_without_soffice(test))
