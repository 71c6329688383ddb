"""The Excel version of the ficha de monitoreo CAP (forms/ficha-cap.xlsx; DOMAIN.md C, seed 004).

Same content as the Word ficha: datos generales and especialista, personal (3.1), metas
(3.2), one row per item with its valoración (4.1 and 4.2), observaciones and compromisos.
Each item gets a single «Valoración» cell with a 0/1/2/3 drop-down rather than four
columns to mark: in a spreadsheet one cell per item cannot hold two marks, the list
refuses anything else, and the number is what the specialist decides anyway.
"""

from __future__ import annotations


from ..domain.cap import CapRules, Catalogue, Scale
from .spec import Column, FormSpec, Kind, SheetSpec, tratamiento_column

KIND = "ficha-cap"
VERSION = 2  # 2: tratamientos of the director and the especialista

GENERAL_SHEET = "Datos generales"
STAFF_SHEET = "Personal"
GOALS_SHEET = "Metas"
ITEMS_SHEET = "Valoración"
NOTES_SHEET = "Observaciones y compromisos"

NOTE_KINDS = (
    "Observación / sugerencia del especialista",
    "Compromiso del director(a)",
    "Sugerencia del director(a)",
)

# Fields of the «Datos generales» sheet (field name → header) that are not per ciclo/turno.
CYCLE_FIELD = "ciclo_{index}"
SHIFT_FIELD = "turno_{index}"


def scale_help(scale: Scale) -> str:
    return "; ".join(f"{level.value} = {level.name.lower()}" for level in scale.levels)


def ficha_cap_form(rules: CapRules, catalogue: Catalogue, scale: Scale) -> FormSpec:
    values = tuple(str(value) for value in scale.values)
    cycle_columns = tuple(
        Column(f"Ciclo {cycle}", CYCLE_FIELD.format(index=index), Kind.YES_NO, required=False,
               help=f"Sí, si el CETPRO atiende el ciclo {cycle}.")
        for index, cycle in enumerate(catalogue.cycles)
    )
    shift_columns = tuple(
        Column(f"Turno {name.lower()} ({shift})", SHIFT_FIELD.format(index=index), Kind.YES_NO, required=False,
               help=f"Sí, si el CETPRO atiende en el turno {name.lower()}.")
        for index, (shift, name) in enumerate(zip(catalogue.shifts, catalogue.shift_names))
    )
    block_names = tuple(block.name for block in catalogue.blocks)
    return FormSpec(
        kind=KIND,
        title="Ficha de monitoreo CAP",
        version=VERSION,
        description=(
            f"{rules.titulo} (versión Excel de la ficha de Word). El especialista de la "
            "UGEL valora cada ítem de 0 a 3 durante la visita al CETPRO; con este formulario "
            "«cddgen render ficha-cap» genera la ficha numerada con los puntajes y niveles por bloque, "
            "en Word y PDF."
        ),
        extra_help=(
            "Escala: " + scale_help(scale) + ". cddgen calcula por bloque, por parte y para toda la ficha "
            "la suma, el máximo, el porcentaje y el nivel (según el promedio por ítem).",
            "Los totales de las tablas de personal y de metas los calcula cddgen: no los escriba.",
        ),
        sheets=(
            SheetSpec(
                name=GENERAL_SHEET,
                layout="fields",
                help="1. Datos generales de la institución y 2. Datos del especialista del monitoreo: "
                     "escriba cada valor en la columna B.",
                columns=(
                    Column("Código local", "codigo_local", Kind.CODE, help="Código local del CETPRO (solo dígitos)."),
                    Column("Fecha del monitoreo", "fecha", Kind.DATE, help="Día de la visita de monitoreo (dd/mm/aaaa)."),
                    Column("Nombre del CETPRO", "cetpro", help="Nombre del CETPRO, p. ej. «CETPRO PROMAE RIMAC»."),
                    Column("UGEL", "ugel", help="UGEL a la que pertenece el CETPRO.", width=40),
                    Column("REI", "rei", required=False, help="Red educativa institucional (opcional)."),
                    *cycle_columns,
                    *shift_columns,
                    Column("Plataforma institucional (dirección web)", "plataforma", required=False,
                           help="Dirección web de la plataforma institucional del CETPRO, si tiene."),
                    Column("Nombre del director(a) del CETPRO", "director", help="Nombres y apellidos."),
                    Column("Área del especialista", "area", required=False,
                           help="Área de la UGEL del especialista de monitoreo; si la deja vacía, se usa "
                                "el área de la configuración (institucion.area)."),
                    Column("Nombre del especialista", "especialista",
                           help="Nombres y apellidos del especialista que monitorea."),
                    tratamiento_column("Tratamiento del director(a)", "director_tratamiento",
                                       whose="del director(a) del CETPRO"),
                    tratamiento_column("Tratamiento del especialista", "especialista_tratamiento",
                                       whose="del especialista"),
                ),
            ),
            SheetSpec(
                name=STAFF_SHEET,
                help="3.1 Cantidad de personal por ciclo en el presente año escolar, una fila por cargo. "
                     "Deje vacío o escriba 0 si no hay; el total lo calcula cddgen.",
                preset_rows=tuple((row,) for row in catalogue.staff_rows),
                blank_rows=len(catalogue.staff_rows),
                columns=(
                    Column("Personal institucional", "cargo", Kind.CHOICE, choices=catalogue.staff_rows, width=44,
                           help="Cargo (ya escrito; no lo cambie)."),
                    *(
                        Column(cycle, f"ciclo_{index}", Kind.INT, required=False, width=22,
                               help=f"Cantidad de personal en el {cycle.lower()}.")
                        for index, cycle in enumerate(catalogue.staff_cycles)
                    ),
                ),
            ),
            SheetSpec(
                name=GOALS_SHEET,
                help="3.2 Metas de atención: estudiantes matriculados y asistentes por ciclo "
                     f"({rules.metas_period(None)}). "
                     "Los totales los calcula cddgen.",
                preset_rows=tuple((cycle,) for cycle in catalogue.goal_cycles),
                blank_rows=len(catalogue.goal_cycles),
                columns=(
                    Column("Ciclo", "ciclo", Kind.CHOICE, choices=catalogue.goal_cycles, width=22,
                           help="Ciclo (ya escrito; no lo cambie)."),
                    Column("Estudiantes matriculados", "matriculados", Kind.INT, required=False, width=16,
                           help="Cantidad de estudiantes matriculados en el ciclo."),
                    Column("Estudiantes asistentes", "asistentes", Kind.INT, required=False, width=16,
                           help="Cantidad de estudiantes que asisten (no más que los matriculados)."),
                ),
            ),
            SheetSpec(
                name=ITEMS_SHEET,
                help="4. Implementación de las CAP: un ítem por fila, ya escritos. Elija en la columna "
                     f"«Valoración» el valor de cada ítem ({scale_help(scale)}). Todos los ítems deben tener valor.",
                preset_rows=tuple(
                    (block.part, block.name, item.id, item.text)
                    for block in catalogue.blocks for item in block.items
                ),
                blank_rows=len(catalogue.items),
                columns=(
                    Column("Parte", "parte", Kind.CODE, width=7, help="4.1 o 4.2 (ya escrito)."),
                    Column("Bloque", "bloque", Kind.CHOICE, choices=block_names, width=22,
                           help="Bloque del ítem (ya escrito; no lo cambie)."),
                    Column("Ítem", "item", Kind.CODE, width=7, help="Número del ítem en la ficha (ya escrito)."),
                    Column("Descripción", "descripcion", required=False, width=90,
                           help="Texto del ítem (solo para leer)."),
                    Column("Valoración", "valoracion", Kind.CHOICE, choices=values, required=False, width=12,
                           help=f"Valor del ítem: {scale_help(scale)}."),
                ),
            ),
            SheetSpec(
                name=NOTES_SHEET,
                required=False,
                blank_rows=40,
                help="Observaciones y sugerencias del especialista; 5. Compromisos y sugerencias del "
                     "director(a). Una por fila, indicando de quién es en la columna «Tipo».",
                columns=(
                    Column("Tipo", "tipo", Kind.CHOICE, choices=NOTE_KINDS, width=40,
                           help="De quién es el texto: especialista o director(a)."),
                    Column("Texto", "texto", width=100, help="La observación, el compromiso o la sugerencia."),
                ),
            ),
        ),
    )
