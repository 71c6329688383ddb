"""Regenerate the filled example forms in forms/ejemplos/ (developer tool).

`python -m scripts.build_examples`. The examples are what `cddgen demo` renders and what the
tests read; users copy them to see a correctly filled form.
"""

from __future__ import annotations

from pathlib import Path

from scripts.examples import anulacion, ascenso, cap, cdd, comite

FOLDER = Path(__file__).resolve().parent.parent / "forms" / "ejemplos"
FAMILIES = [comite, ascenso, cdd, cap, anulacion]


def main() -> None:
    for family in FAMILIES:
        print(f"ejemplo: {family.build(FOLDER)}")


if __name__ == "__main__":
    main()
