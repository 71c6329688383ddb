"""Why a cell reads as empty although Excel shows something there: a merge covers it (only the
merge's first cell holds the value), or it holds a formula whose result the file does not store."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.xml.functions import iterparse  # defusedxml's when installed

from .cell_values import shown

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass
class HiddenValues:
    """Cells that read as empty but show something in Excel: the cells a merge covers (only
    its first cell holds the value) and formulas whose result the file does not store."""

    formulas: dict[str, str] = field(default_factory=dict)  # cell -> formula
    merges: list[tuple[str, tuple[int, int, int, int]]] = field(default_factory=list)

    @classmethod
    def of(cls, worksheet) -> "HiddenValues":
        found = cls()
        with worksheet._get_source() as source:
            for _, element in iterparse(source):
                tag = element.tag
                if tag == f"{_MAIN_NS}c":
                    formula, result = element.find(f"{_MAIN_NS}f"), element.find(f"{_MAIN_NS}v")
                    # No result: no <v>, or an empty one that is not a text result ("").
                    stored = result is not None and (bool(result.text) or element.get("t") == "str")
                    if formula is not None and formula.text and not stored:
                        found.formulas[element.get("r", "")] = formula.text
                    element.clear()
                elif tag == f"{_MAIN_NS}row":
                    element.clear()
                elif tag == f"{_MAIN_NS}mergeCell" and element.get("ref"):
                    try:
                        found.merges.append((element.get("ref"), range_boundaries(element.get("ref"))))
                    except ValueError:
                        continue  # not a range: nothing Excel would show either
        return found

    def why(self, cell: str) -> tuple[str, str] | None:
        """(message, fix) for an empty ``cell``, or None when it is simply empty."""
        if cell in self.formulas:
            return (
                f"tiene la fórmula «={shown(self.formulas[cell])}», pero el archivo no guarda su resultado.",
                "Ábralo en Excel o LibreOffice y guárdelo de nuevo (así se guardan los resultados), "
                "o escriba el valor en vez de la fórmula.",
            )
        letters, row = coordinate_from_string(cell)
        column = column_index_from_string(letters)
        for merge, (min_col, min_row, max_col, max_row) in self.merges:
            if min_col <= column <= max_col and min_row <= row <= max_row:
                anchor = f"{get_column_letter(min_col)}{min_row}"
                return (
                    f"está vacía: es parte de las celdas combinadas {merge}, y solo la primera ({anchor}) "
                    "guarda el dato.",
                    "Separe las celdas (Inicio › Combinar y centrar) y escriba el dato en cada una.",
                )
        return None
