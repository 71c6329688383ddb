"""Read a ficha de monitoreo CAP filled in Word (forms/ficha-cap.docx) into a Ficha.

Tables are recognised by their labels (the «Código local» table, the one headed «Personal
institucional», the item tables whose header has one column per value 0 1 2 3…), never by
their position, so empty paragraphs or rows a user adds do not matter; a .docx saved by
LibreOffice reads the same. Inside an item table a row spanning the table whose text
starts with a block's title («2. DIAGNÓSTICO…») opens that block, and a row whose first
cell is an item number («2.3.») is that block's item: exactly one of its value cells must
hold a mark (X, x, ✓ — the list is in the rules). Every problem is collected, each naming
the section and the item, and reported at once. Totals typed in the personal or metas
tables are ignored: cddgen computes them.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from ..domain.cap import (
    Block,
    CapRules,
    Catalogue,
    Ficha,
    GeneralData,
    Goal,
    ItemKey,
    Scale,
    Specialist,
    StaffRow,
    ficha_problems,
)
from ..errors import InvalidInput, Issue, UnreadableInput
from ..forms import ficha_cap_docx as form
from ..forms.spec import normalize_label
from ..wording import gender_of
from .safety import check_office_file, unreadable
from .word_grid import INVISIBLE_NAMES, GridCell, HiddenText, WordGrid

SECTION_GENERAL = "1. Datos generales"
SECTION_SPECIALIST = "2. Datos del especialista"
SECTION_STAFF = "3.1 Personal"
SECTION_GOALS = "3.2 Metas de atención"
SECTION_NOTES = "Observaciones del especialista"
SECTION_DIRECTOR = "5. Compromisos y sugerencias"

_ITEM_NUMBER = re.compile(r"^(\d+(?:\.\d+)+)\.?$")
_LEADING_NUMBER = re.compile(r"^(?:\d+ )+")
_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "setiembre": 9, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "…"


class _FichaDocxReader:
    def __init__(self, path: Path, rules: CapRules) -> None:
        self.path = path
        self.rules = rules
        self.catalogue: Catalogue = rules.catalogue()
        self.scale: Scale = rules.scale
        self.marks = {"".join(mark.split()) for mark in rules.marcas}
        self.shown_marks = ", ".join(rules.marcas)
        self.issues: list[Issue] = []
        # Domain fields whose value was already reported as unreadable (no second message).
        self.reported: set[str] = set()

    # ------------------------------------------------------------------ reporting

    def add(self, where: str, message: str, fix: str | None = None) -> None:
        self.issues.append(Issue(message=f"{where}: {message}", file=str(self.path), fix=fix))

    def _mark(self, cell: GridCell | None, where: str, what: str) -> bool | None:
        """True for a mark, False for an empty cell, None (and an issue) for anything else."""
        if cell is None:
            return False
        if cell.ticked_box:
            self.add(where, f"la celda de {what} tiene una casilla de verificación marcada; cddgen solo lee la X "
                     "escrita en la celda.", "Quite la casilla (selecciónela y bórrela) y escriba X en la celda.")
            return None
        text = cell.compact
        if not text:
            return False  # empty, or only characters that print nothing
        if cell.in_control:
            self.add(where, f"la marca de {what} («{_shown(cell.text)}») está dentro de un control de contenido de "
                     "Word; cddgen solo lee la X escrita directamente en la celda.",
                     "Quite el control (clic derecho › Quitar control de contenido) y escriba X en la celda.")
            return None
        if text in self.marks:
            invisible = sorted({f"{INVISIBLE_NAMES[ch]}, U+{ord(ch):04X}" for ch in cell.text if ch in INVISIBLE_NAMES})
            if not invisible:
                return True
            self.add(where, f"la celda de {what} contiene «{text}» y además "
                     + ("un carácter invisible" if len(invisible) == 1 else "caracteres invisibles")
                     + f" ({'; '.join(invisible)}), que no se imprime" + ("" if len(invisible) == 1 else "n")
                     + " pero no es una marca.",
                     "Borre todo el contenido de la celda y escriba solo X.")
            return None
        self.add(where, f"la celda de {what} contiene «{_shown(cell.text)}»; marque solo con X.",
                 f"Borre ese texto y marque con {self.shown_marks}, o deje la celda vacía.")
        return None

    # ------------------------------------------------------------------ opening

    def open(self):
        check_office_file(self.path, "docx")
        try:
            document = Document(str(self.path))
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, etree.XMLSyntaxError):
            raise unreadable(self.path, "docx") from None
        keywords = (document.core_properties.keywords or "").strip()
        if keywords.startswith("cddgen:") and not keywords.startswith(f"cddgen:{form.KIND}:"):
            raise UnreadableInput(
                f"{self.path.name}: es otro formulario de cddgen («{keywords.split(':')[1]}»), "
                "no una ficha de monitoreo CAP.",
                fix="Use el comando que corresponde a ese formulario.",
                file=self.path,
            )
        return document

    # ------------------------------------------------------------------ the tables

    def read(self) -> Ficha:
        document = self.open()
        hidden = HiddenText(document)
        grids = [WordGrid(tbl, hidden) for tbl in document.element.body.iter(qn("w:tbl"))]
        general = next((g for g in grids if g.has(form.LABEL_CODE)), None)
        specialist = next((g for g in grids if g.has(form.LABEL_SPECIALIST)), None)
        staff = next((g for g in grids if g.has(form.LABEL_STAFF)), None)
        goals = next((g for g in grids if self._goal_headers(g)), None)
        items = [(g, header) for g in grids for header in [self._value_header(g)] if header]
        notes = next((g for g in grids if g.has(form.LABEL_NOTES)), None)
        director = next((g for g in grids if g.has(form.LABEL_COMMITMENTS)), None)
        if general is None and staff is None and not items:
            raise UnreadableInput(
                f"{self.path.name}: no es una ficha de monitoreo CAP (no tiene las tablas de la ficha: "
                "datos generales, personal, ítems con columnas 0 1 2 3).",
                fix="Llene la ficha en blanco de «cddgen forms» (forms/ficha-cap.docx).",
                file=self.path,
            )
        data = self._general(general)
        expert = self._specialist(specialist)
        staff_rows = self._staff(staff)
        goal_rows = self._goals(goals)
        valuations = self._items(items)
        observations = self._free_text(notes, form.LABEL_NOTES, SECTION_NOTES)
        commitments = self._free_text(director, form.LABEL_COMMITMENTS, SECTION_DIRECTOR)
        suggestions = self._free_text(director, form.LABEL_SUGGESTIONS, SECTION_DIRECTOR)
        return Ficha(
            datos=data, especialista=expert, personal=staff_rows, metas=goal_rows, valoraciones=valuations,
            observaciones=tuple(observations), compromisos=tuple(commitments), sugerencias=tuple(suggestions),
            origen=self.path.name,
        )

    def _text_right_of(self, grid: WordGrid | None, label: str, section: str, required: bool = True) -> str:
        if grid is None:
            return ""  # the missing table is reported once
        cell = grid.find(label)
        if cell is None:
            if required:
                self.add(section, f"no se encontró la casilla «{label}».",
                         "Use la ficha en blanco de «cddgen forms» sin borrar sus casillas.")
            return ""
        value = grid.right_of(cell)
        return " ".join((value.text if value else "").split())

    def _general(self, grid: WordGrid | None) -> GeneralData:
        if grid is None:
            self.add(SECTION_GENERAL, "falta la tabla de datos generales (la que empieza con «Código local»).",
                     "Use la ficha en blanco de «cddgen forms».")
            self.reported.update(("codigo_local", "cetpro", "director", "fecha", "ciclos", "turnos"))
        text = lambda label, required=True: self._text_right_of(grid, label, SECTION_GENERAL, required)  # noqa: E731
        cycles = self._marked(grid, self.catalogue.cycles, "ciclo")
        shifts = self._marked(grid, self.catalogue.shifts, "turno")
        return GeneralData(
            codigo_local=text(form.LABEL_CODE).replace(" ", ""),
            fecha=self._date(grid),
            cetpro=text(form.LABEL_CETPRO),
            ugel=text(form.LABEL_UGEL),
            rei=text(form.LABEL_REI, False),
            ciclos=cycles,
            turnos=shifts,
            plataforma=text(form.LABEL_WEB, False),
            director=text(form.LABEL_DIRECTOR),
            director_genero=gender_of(text(form.LABEL_DIRECTOR_TRATAMIENTO, False)),  # absent in v1 forms
        )

    def _marked(self, grid: WordGrid | None, labels, what: str) -> tuple[str, ...]:
        chosen = []
        for label in labels:
            cell = grid.find(label) if grid else None
            if cell is None:
                if grid is not None:
                    self.add(SECTION_GENERAL, f"no se encontró la casilla del {what} «{label}».",
                             "Use la ficha en blanco de «cddgen forms» sin borrar sus casillas.")
                continue
            marked = self._mark(grid.right_of(cell), f"{SECTION_GENERAL}, {what} «{label}»", f"{what} «{label}»")
            if marked:
                chosen.append(label)
            elif marked is None:
                self.reported.add("ciclos" if what == "ciclo" else "turnos")
        return tuple(chosen)

    def _date(self, grid: WordGrid | None) -> dt.date | None:
        if grid is None:
            return None
        parts = {}
        for label in (form.LABEL_DAY, form.LABEL_MONTH, form.LABEL_YEAR):
            cell = grid.find(label)
            below = grid.below(cell) if cell else None
            parts[label] = " ".join((below.text if below else "").split())
        day, month, year = parts[form.LABEL_DAY], parts[form.LABEL_MONTH], parts[form.LABEL_YEAR]
        where = f"{SECTION_GENERAL}, «Fecha»"
        if not (day or month or year):
            return None  # reported by the domain rules as a missing date
        self.reported.add("fecha")
        if not (day and month and year):
            self.add(where, f"la fecha está incompleta (día «{day}», mes «{month}», año «{year}»).",
                     "Escriba el día, el mes y el año (cuatro cifras).")
            return None
        month_number = _MONTHS.get(normalize_label(month)) or (int(month) if month.isdecimal() else None)
        if not day.isdecimal() or month_number is None or not re.fullmatch(r"\d{4}", year):
            self.add(where, f"«{day}/{month}/{year}» no es una fecha.",
                     "Escriba el día y el mes en números (el mes también puede ir en letras) y el año con cuatro cifras.")
            return None
        try:
            fecha = dt.date(int(year), month_number, int(day))
        except ValueError:
            self.add(where, f"la fecha {day}/{month}/{year} no existe.", "Revise el día y el mes.")
            return None
        self.reported.discard("fecha")
        return fecha

    def _specialist(self, grid: WordGrid | None) -> Specialist:
        if grid is None:
            self.add(SECTION_SPECIALIST, "falta la tabla del especialista (la de «Nombre del especialista»).",
                     "Use la ficha en blanco de «cddgen forms».")
            self.reported.add("especialista")
        return Specialist(
            area=self._text_right_of(grid, form.LABEL_AREA, SECTION_SPECIALIST, False),
            nombre=self._text_right_of(grid, form.LABEL_SPECIALIST, SECTION_SPECIALIST),
            genero=gender_of(self._text_right_of(grid, form.LABEL_SPECIALIST_TRATAMIENTO, SECTION_SPECIALIST, False)),
        )

    def _count(self, cell: GridCell | None, where: str) -> int:
        text = cell.compact if cell else ""
        if not text:
            return 0
        if text.isdecimal():
            return int(text)
        self.add(where, f"«{_shown(cell.text)}» no es un número entero.",
                 "Escriba solo cifras (0 si no hay); deje vacía la columna Total: la calcula cddgen.")
        return 0

    def _staff(self, grid: WordGrid | None) -> tuple[StaffRow, ...]:
        cycles = self.catalogue.staff_cycles
        if grid is None:
            self.add(SECTION_STAFF, "falta la tabla de personal (la que empieza con «Personal institucional»).",
                     "Use la ficha en blanco de «cddgen forms».")
            return tuple(StaffRow(cargo, (0,) * len(cycles)) for cargo in self.catalogue.staff_rows)
        header = grid.find(form.LABEL_STAFF)
        columns: list[int | None] = []
        for cycle in cycles:
            cell = next((c for c in grid.rows[header.row] if c.label == normalize_label(cycle)), None)
            if cell is None:
                self.add(SECTION_STAFF, f"no se encontró la columna «{cycle}».",
                         "Use la ficha en blanco de «cddgen forms».")
            columns.append(cell.col if cell else None)
        by_label = {normalize_label(cargo): cargo for cargo in self.catalogue.staff_rows}
        found: dict[str, tuple[int, ...]] = {}
        total_label = normalize_label(form.LABEL_TOTAL)
        for row in grid.rows[header.row + 1:]:
            if not row:
                continue
            label = row[0].label
            cargo = by_label.get(label)
            if cargo is None:
                if label and label != total_label and any(cell.compact for cell in row[1:]):
                    self.add(SECTION_STAFF, f"la fila «{_shown(row[0].text)}» no es de la ficha.",
                             "Use solo las filas de la ficha: " + "; ".join(self.catalogue.staff_rows) + ".")
                continue
            counts = tuple(
                self._count(grid.at(row[0].row, col) if col is not None else None,
                            f"{SECTION_STAFF}, fila «{cargo}», columna «{cycle}»")
                for col, cycle in zip(columns, cycles)
            )
            if cargo in found:
                self.add(SECTION_STAFF, f"la fila «{cargo}» aparece dos veces.", "Deje una sola.")
            found[cargo] = counts
        for cargo in self.catalogue.staff_rows:
            if cargo not in found:
                self.add(SECTION_STAFF, f"falta la fila «{cargo}».",
                         "Restáurela como está en la ficha en blanco (vacía si no hay personal).")
        return tuple(StaffRow(cargo, found.get(cargo, (0,) * len(cycles))) for cargo in self.catalogue.staff_rows)

    def _goal_headers(self, grid: WordGrid) -> dict[str, tuple[GridCell | None, GridCell | None]] | None:
        headers = {}
        for cycle in self.catalogue.goal_cycles:
            headers[cycle] = (grid.find(form.LABEL_ENROLLED.format(cycle=cycle)),
                              grid.find(form.LABEL_ATTENDING.format(cycle=cycle)))
        return headers if any(cell for pair in headers.values() for cell in pair) else None

    def _goals(self, grid: WordGrid | None) -> tuple[Goal, ...]:
        if grid is None:
            self.add(SECTION_GOALS, "falta la tabla de metas de atención (matriculados y asistentes por ciclo).",
                     "Use la ficha en blanco de «cddgen forms».")
            return tuple(Goal(cycle, 0, 0) for cycle in self.catalogue.goal_cycles)
        headers = self._goal_headers(grid)
        goals = []
        for cycle, pair in headers.items():
            values = []
            for cell, what in zip(pair, ("matriculados", "asistentes")):
                where = f"{SECTION_GOALS}, estudiantes {what} del ciclo {cycle}"
                if cell is None:
                    self.add(where, "no se encontró la columna.", "Use la ficha en blanco de «cddgen forms».")
                    values.append(0)
                    continue
                values.append(self._count(self._value_below(grid, cell), where))
            goals.append(Goal(cycle, values[0], values[1]))
        return tuple(goals)

    @staticmethod
    def _value_below(grid: WordGrid, header: GridCell) -> GridCell | None:
        """The first non-empty cell under a header (a user may have added an empty row)."""
        first = None
        for row in range(header.row + 1, len(grid.rows)):
            cell = grid.at(row, header.col)
            if cell is None or cell.continued:
                continue
            first = first or cell
            if cell.compact:
                return cell
        return first

    def _free_text(self, grid: WordGrid | None, label: str, section: str) -> list[str]:
        if grid is None:
            self.add(section, f"falta el cuadro «{label}».", "Use la ficha en blanco de «cddgen forms».")
            return []
        header = grid.find(label)
        lines: list[str] = []
        for row in range(header.row + 1, len(grid.rows)):
            cell = grid.at(row, header.col)
            if cell is not None and not cell.continued:
                lines.extend(_lines(cell.text))
        return lines

    # ------------------------------------------------------------------ items

    def _value_header(self, grid: WordGrid) -> tuple[int, dict[int, int]] | None:
        """The header row of an item table and the grid column of each value (0, 1, 2, 3):
        a row ending in cells 0 1 2 3 followed by at least one block's title row."""
        wanted = [str(value) for value in self.scale.values]
        for index, row in enumerate(grid.rows):
            texts = [cell.compact for cell in row]
            if len(row) >= len(wanted) and texts[-len(wanted):] == wanted:
                if not any(self._block_of(" ".join(c.text for c in later)) for later in grid.rows[index + 1:]):
                    return None
                columns = {cell.col: value for cell, value in zip(row[-len(wanted):], self.scale.values)}
                return index, columns
        return None

    def _block_of(self, text: str) -> Block | None:
        label = _LEADING_NUMBER.sub("", normalize_label(text))
        best, best_length = None, 0
        for block in self.catalogue.blocks:
            for name in (block.title, block.name):
                candidate = normalize_label(name)
                if candidate and label.startswith(candidate) and len(candidate) > best_length:
                    best, best_length = block, len(candidate)
        return best

    def _items(self, tables) -> dict[ItemKey, int]:
        values: dict[ItemKey, int] = {}
        seen: set[ItemKey] = set()
        seen_blocks: set[str] = set()
        for grid, (header_row, columns) in tables:
            block: Block | None = None
            for row in grid.rows[header_row + 1:]:
                if not row:
                    continue
                match = _ITEM_NUMBER.match(row[0].compact)
                if match and len(row) > 2:
                    self._item(block, match.group(1), row, columns, values, seen)
                    continue
                found = self._block_of(" ".join(cell.text for cell in row))
                if found is not None:
                    block = found
                    seen_blocks.add(found.key)
        for part in self.catalogue.parts:
            for block in part.blocks:
                if block.key not in seen_blocks:
                    self.add(f"{part.label}", f"falta el bloque «{block.name}» (la fila «{block.number}. "
                             f"{block.title}» y sus ítems).", "Use la ficha en blanco de «cddgen forms».")
                    continue
                for item in block.items:
                    if item.key not in seen:
                        self.add(f"{part.label}, ítem {block.label(item)}", "falta la fila de este ítem.",
                                 "Restáurela como está en la ficha en blanco.")
        return values

    def _item(self, block: Block | None, item_id: str, row: list[GridCell], columns: dict[int, int],
              values: dict[ItemKey, int], seen: set[ItemKey]) -> None:
        if block is None:
            self.add("4. Implementación de las CAP", f"el ítem {item_id} no está bajo el título de ningún bloque.",
                     "Use la ficha en blanco de «cddgen forms» sin borrar los títulos de los bloques.")
            return
        part = self.catalogue.part_of(block)
        item = next((candidate for candidate in block.items if candidate.id == item_id), None)
        where = f"{part.label}, ítem {block.name} {item_id}"
        if item is None:
            self.add(where, "este ítem no existe en la ficha.", "Borre esa fila; use la ficha en blanco de «cddgen forms».")
            return
        if item.key in seen:
            self.add(where, "el ítem aparece dos veces.", "Deje una sola fila para el ítem.")
            return
        seen.add(item.key)
        by_column = {cell.col: cell for cell in row}
        marked: list[int] = []
        invalid = False
        for col, value in columns.items():
            cell = by_column.get(col)
            if cell is None:
                self.add(where, f"la fila no tiene la columna {value} (¿celdas combinadas?).",
                         "Restaure la fila como está en la ficha en blanco.")
                invalid = True
                continue
            result = self._mark(cell, where, f"la columna {value}")
            if result is None:
                invalid = True
            elif result:
                marked.append(value)
        if invalid:
            return
        if len(marked) > 1:
            shown = ", ".join(str(v) for v in marked[:-1]) + f" y {marked[-1]}"
            self.add(where, f"tiene {len(marked)} marcas (columnas {shown}); debe tener una sola.",
                     "Deje la X solo en la columna del valor que corresponde.")
        elif not marked:
            self.add(where, "no está marcado.",
                     "Marque con X la columna 0, 1, 2 o 3 que corresponda (0 si no se ha realizado).")
        else:
            values[item.key] = marked[0]


def read_ficha_docx(path: str | Path, rules: CapRules) -> Ficha:
    """The ficha filled in Word at ``path``; InvalidInput listing every problem, UnreadableInput
    for a file that is not a ficha."""
    path = Path(path)
    reader = _FichaDocxReader(path, rules)
    ficha = reader.read()
    for problem in ficha_problems(ficha, reader.catalogue):
        if problem.field not in reader.reported:
            reader.add(locate(problem.field or ""), problem.message, problem.fix)
    if reader.issues and _is_blank(ficha):  # one sentence instead of every unmarked item
        raise InvalidInput([Issue(
            message="el formulario está en blanco: la ficha no tiene datos ni ítems marcados.",
            file=str(path),
            fix="Llene los datos generales y marque con X el valor de cada ítem, guarde el archivo y vuelva a "
                "dejarlo.",
        )], file=path)
    if reader.issues:
        raise InvalidInput(reader.issues, file=path)
    return ficha


def _is_blank(ficha: Ficha) -> bool:
    """Nothing written or marked anywhere (the specialist's área comes from the configuration)."""
    data = ficha.datos
    return (not any((data.codigo_local, data.fecha, data.cetpro, data.ugel, data.rei, data.ciclos, data.turnos,
                     data.plataforma, data.director, ficha.especialista.nombre, ficha.valoraciones,
                     ficha.observaciones, ficha.compromisos, ficha.sugerencias))
            and not any(any(row.counts) for row in ficha.personal)
            and not any(goal.enrolled or goal.attending for goal in ficha.metas))


def locate(field: str) -> str:
    """Where in the Word ficha a domain problem's ``field`` is."""
    if field.startswith("metas:"):
        return f"{SECTION_GOALS}, ciclo {field.split(':', 1)[1]}"
    labels = {
        "codigo_local": form.LABEL_CODE, "cetpro": form.LABEL_CETPRO, "director": form.LABEL_DIRECTOR,
        "fecha": form.LABEL_DATE, "ciclos": "Ciclos", "turnos": "Turnos",
    }
    if field == "especialista":
        return f"{SECTION_SPECIALIST}, «{form.LABEL_SPECIALIST}»"
    return f"{SECTION_GENERAL}, «{labels.get(field, field)}»"

