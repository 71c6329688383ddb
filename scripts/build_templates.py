"""Regenerate the .docx templates in templates/ (developer tool).

Run after changing a builder in scripts/templates/: `python -m scripts.build_templates`.
Users who restyled a template in Word keep their copy: cddgen uses the template in their
templates folder and falls back to the bundled one only when theirs is missing.
"""

from __future__ import annotations

import sys

from scripts.templates import ascenso, cap, cdd, comite, reclamos

FAMILIES = [comite, ascenso, reclamos, cdd, cap]


def main(names: list[str]) -> None:
    for family in FAMILIES:
        for builder in family.BUILDERS:
            if not names or builder.__name__ in names:
                builder()
                print(f"plantilla generada: {builder.__name__}")


if __name__ == "__main__":
    main(sys.argv[1:])
