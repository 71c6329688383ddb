"""Read the Excel version of the ficha CAP (forms/ficha-cap.xlsx) into the same Ficha as the Word one."""

from __future__ import annotations

from pathlib import Path

from ..domain.cap import CapRules, Ficha, GeneralData, Goal, ItemKey, Specialist, StaffRow, ficha_problems
from ..domain.common import Source
from ..forms.ficha_cap import (
    CYCLE_FIELD,
    GENERAL_SHEET,
    GOALS_SHEET,
    ITEMS_SHEET,
    NOTES_SHEET,
    NOTE_KINDS,
    SHIFT_FIELD,
    STAFF_SHEET,
    ficha_cap_form,
    scale_help,
)
from ..forms.spec import normalize_label
from ..wording import gender_of
from .xlsx import FormReader

# Domain fields → the field of the «Datos generales» sheet they come from.
_GENERAL_FIELDS = {
    "codigo_local": "codigo_local", "cetpro": "cetpro", "director": "director", "fecha": "fecha",
    "especialista": "especialista", "ciclos": CYCLE_FIELD.format(index=0), "turnos": SHIFT_FIELD.format(index=0),
}


def read_ficha_xlsx(path: str | Path, rules: CapRules) -> Ficha:
    """The ficha of the workbook at ``path``; raises InvalidInput listing every problem."""
    path = Path(path)
    catalogue = rules.catalogue()
    scale = rules.scale
    spec = ficha_cap_form(rules, catalogue, scale)
    with FormReader(path, spec) as reader:
        general = reader.fields(GENERAL_SHEET)
        staff_rows = reader.table(STAFF_SHEET)
        goal_rows = reader.table(GOALS_SHEET)
        item_rows = reader.table(ITEMS_SHEET)
        note_rows = reader.table(NOTES_SHEET)
        values = general.values if general else {}

        def text(name: str) -> str:
            return str(values.get(name) or "").strip()

        data = GeneralData(
            codigo_local=text("codigo_local"),
            fecha=values.get("fecha"),
            cetpro=text("cetpro"),
            ugel=text("ugel"),
            rei=text("rei"),
            ciclos=tuple(c for i, c in enumerate(catalogue.cycles) if values.get(CYCLE_FIELD.format(index=i))),
            turnos=tuple(s for i, s in enumerate(catalogue.shifts) if values.get(SHIFT_FIELD.format(index=i))),
            plataforma=text("plataforma"),
            director=text("director"),
            director_genero=gender_of(values.get("director_tratamiento")),
        )
        specialist = Specialist(area=text("area"), nombre=text("especialista"),
                                genero=gender_of(values.get("especialista_tratamiento")))

        staff: dict[str, tuple[int, ...]] = {}
        for row in staff_rows:
            cargo = row["cargo"]
            if not cargo:
                continue
            if cargo in staff:
                reader.add_for(row, "cargo", f"la fila «{cargo}» aparece dos veces.", "Deje una sola.")
            staff[cargo] = tuple(row[f"ciclo_{i}"] or 0 for i in range(len(catalogue.staff_cycles)))
        goals: dict[str, Goal] = {}
        goal_sources: dict[str, Source] = {}
        for row in goal_rows:
            cycle = row["ciclo"]
            if not cycle:
                continue
            if cycle in goals:
                reader.add_for(row, "ciclo", f"el ciclo «{cycle}» aparece dos veces.", "Deje una sola fila.")
            goals[cycle] = Goal(cycle, row["matriculados"] or 0, row["asistentes"] or 0)
            goal_sources[cycle] = Source(row.sheet, row.row)

        valuations: dict[ItemKey, int] = {}
        by_name = {block.name: block for block in catalogue.blocks}
        seen: set[ItemKey] = set()
        for row in item_rows:
            block = by_name.get(row["bloque"] or "")
            item_id = str(row["item"] or "").strip().rstrip(".")
            if block is None:
                continue  # an unknown block was reported by the drop-down check
            item = next((candidate for candidate in block.items if candidate.id == item_id), None)
            label = f"{block.name} {item_id}"
            if item is None:
                reader.add_for(row, "item", f"el ítem {label} no existe en la ficha.",
                               "No cambie las columnas «Bloque» e «Ítem»; use el formulario de «cddgen forms».")
                continue
            if item.key in seen:
                reader.add_for(row, "item", f"el ítem {label} aparece dos veces.", "Deje una sola fila por ítem.")
                continue
            seen.add(item.key)
            value = row["valoracion"]
            if value is None:
                if "valoracion" in row.cells and not any(
                    issue.sheet == row.sheet and issue.row == row.row for issue in reader.issues
                ):
                    reader.add_for(row, "valoracion", f"el ítem {label} no tiene valoración.",
                                   f"Elija un valor de la lista ({scale_help(scale)}).")
                continue
            valuations[item.key] = int(value)
        for block in catalogue.blocks:
            for item in block.items:
                if item.key not in seen and not _header_broken(reader, ITEMS_SHEET):
                    reader.add(f"falta la fila del ítem {block.label(item)}.", sheet=ITEMS_SHEET,
                               fix="Restáurela como está en el formulario en blanco.")

        notes: dict[str, list[str]] = {kind: [] for kind in NOTE_KINDS}
        for row in note_rows:
            if row["tipo"] and row["texto"]:
                notes[row["tipo"]].extend(line.strip() for line in str(row["texto"]).splitlines() if line.strip())

        for cargo in catalogue.staff_rows:
            if cargo not in staff and not _header_broken(reader, STAFF_SHEET):
                reader.add(f"falta la fila «{cargo}».", sheet=STAFF_SHEET,
                           fix="Restáurela como está en el formulario en blanco (vacía si no hay personal).")
        for cycle in catalogue.goal_cycles:
            if cycle not in goals and not _header_broken(reader, GOALS_SHEET):
                reader.add(f"falta la fila del ciclo «{cycle}».", sheet=GOALS_SHEET,
                           fix="Restáurela como está en el formulario en blanco.")

        ficha = Ficha(
            datos=data,
            especialista=specialist,
            personal=tuple(
                StaffRow(cargo, staff.get(cargo, (0,) * len(catalogue.staff_cycles))) for cargo in catalogue.staff_rows
            ),
            metas=tuple(goals.get(cycle, Goal(cycle, 0, 0)) for cycle in catalogue.goal_cycles),
            valoraciones=valuations,
            observaciones=tuple(notes[NOTE_KINDS[0]]),
            compromisos=tuple(notes[NOTE_KINDS[1]]),
            sugerencias=tuple(notes[NOTE_KINDS[2]]),
            origen=path.name,
        )
        already = {normalize_label(issue.column or "") for issue in reader.issues if issue.sheet == GENERAL_SHEET}
        for problem in ficha_problems(ficha, catalogue):
            field = problem.field or ""
            if field.startswith("metas:"):
                source = goal_sources.get(field.split(":", 1)[1])
                row = next((r for r in goal_rows if source and r.row == source.row), None)
                if row is not None:
                    reader.add_for(row, "asistentes", problem.message, problem.fix)
                continue
            name = _GENERAL_FIELDS.get(field)
            if general is None or name is None:
                reader.add(problem.message, fix=problem.fix)
                continue
            header = spec.sheet(GENERAL_SHEET).column(name).header
            if normalize_label(header) in already:
                continue  # the cell itself was already reported (empty or unreadable)
            reader.add_for(general, name, problem.message, problem.fix)
        reader.raise_if_issues()
    return ficha


def _header_broken(reader: FormReader, sheet: str) -> bool:
    """Whether ``sheet`` could not be read (missing, a column missing) or its header has a problem:
    its rows are then not reported one by one."""
    return sheet in reader.unread_sheets or any(i.sheet == sheet and i.row == 1 for i in reader.issues)
