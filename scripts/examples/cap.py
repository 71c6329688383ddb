"""Filled examples of the ficha de monitoreo CAP in forms/ejemplos/cap/ (developer tool).

Three Word fichas, made the way a specialist fills one: the blank form of «cddgen forms»
opened with python-docx and typed into (X, x with spaces, ✓; the month once in letters),
for three CETPRO of UGEL 02 at different levels, and one Excel ficha. The CETPRO names and
codes are those of the issue; people and numbers are fictitious.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document

from generator.config import load_settings
from generator.forms.ficha_cap import (
    GENERAL_SHEET,
    GOALS_SHEET,
    ITEMS_SHEET,
    NOTES_SHEET,
    NOTE_KINDS,
    STAFF_SHEET,
    ficha_cap_form,
)
from generator.forms.ficha_cap_docx import (
    LABEL_DIRECTOR_TRATAMIENTO,
    LABEL_SPECIALIST_TRATAMIENTO,
    build_ficha_docx,
    choose,
)
from generator.forms.xlsx_writer import write_form
from generator.fsutil import atomic_output

FOLDER = "cap"

# Values per block, in the order of the ficha's items.
PROMAE = {
    "sensibilizacion": [3, 3, 2, 3, 3], "diagnostico": [3, 2, 2, 3, 2, 2],
    "definicion_grupos": [2, 2, 3, 2, 2, 1], "instrumentos": [3, 2, 2, 2, 1], "antes": [3, 3, 2, 3],
    "durante": [3, 3, 2, 2, 2, 2, 2, 2, 1, 2, 2], "despues": [2, 1, 1],
}
LIBERTADORES = {
    "sensibilizacion": [2, 2, 1, 1, 1], "diagnostico": [1, 1, 0, 1, 1, 0],
    "definicion_grupos": [1, 0, 1, 1, 0, 0], "instrumentos": [1, 1, 0, 0, 0], "antes": [2, 1, 1, 1],
    "durante": [1, 1, 1, 2, 1, 1, 0, 1, 0, 1, 1], "despues": [0, 0, 0],
}
PERU = {
    "sensibilizacion": [3, 2, 2, 2, 2], "diagnostico": [2, 2, 1, 2, 1, 1],
    "definicion_grupos": [2, 1, 1, 2, 1, 1], "instrumentos": [1, 1, 1, 0, 1], "antes": [2, 2, 2, 1],
    "durante": [2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1], "despues": [1, 0, 0],
}
MARIATEGUI = {
    "sensibilizacion": [3, 3, 3, 3, 2], "diagnostico": [2, 2, 2, 1, 2, 2],
    "definicion_grupos": [2, 2, 2, 1, 1, 2], "instrumentos": [2, 1, 1, 1, 0], "antes": [3, 2, 2, 2],
    "durante": [2, 2, 3, 3, 2, 2, 1, 2, 1, 2, 1], "despues": [1, 1, 0],
}

STAFF_ROWS = {
    "Director(a)": (1, 0),
    "Director(a) por función (con aula a cargo)": (0, 0),
    "Jefes de taller (sin aula a cargo)": (1, 1),
    "Jefes de taller (con aula a cargo)": (0, 1),
    "Coordinador académico (con aula a cargo)": (1, 0),
    "Docentes nombrados": (6, 4),
    "Docentes contratados": (3, 2),
    "Personal administrativo": (2, 1),
    "Personal de servicio": (2, 0),
}

WORD_FICHAS = [
    {
        "file": "ficha-cap-promae-rimac.docx",
        "mark": "X",
        "codigo_local": "0437889", "fecha": ("14", "05", "2026"), "cetpro": "CETPRO PROMAE RIMAC",
        "ugel": "UGEL 02", "rei": "REI 03", "ciclos": ["Auxiliar técnico / Básico", "Técnico / Medio"],
        "turnos": ["M", "T"], "plataforma": "https://cetpropromaerimac.edu.pe",
        "director": "Carmen Rosa Villanueva Ñahui", "director_tratamiento": "Sra.",
        "especialista": "Jorge Luis Paredes Quispe", "especialista_tratamiento": "Sr.",
        "personal": STAFF_ROWS,
        "metas": {"Básico": (180, 164), "Auxiliar técnico": (95, 88), "Técnico / Medio": (60, 52)},
        "valores": PROMAE,
        "observaciones": [
            "La CAP funciona con reuniones quincenales y actas al día.",
            "Falta sistematizar el registro de resultados después de cada reunión (bloque «Después»).",
        ],
        "compromisos": [
            "Implementar la ficha de verificación de la calidad en cada reunión de la CAP.",
            "Registrar los resultados de cada reunión en el consolidado CAP hasta el 30 de junio.",
        ],
        "sugerencias": ["Solicitar a la UGEL una asistencia técnica sobre el consolidado CAP."],
    },
    {
        "file": "ficha-cap-los-libertadores.docx",
        "mark": " x ",
        "codigo_local": "0663427", "fecha": ("3", "junio", "2026"), "cetpro": "CETPRO LOS LIBERTADORES",
        "ugel": "UGEL 02", "rei": "", "ciclos": ["Auxiliar técnico / Básico"],
        "turnos": ["T", "N"], "plataforma": "",
        "director": "Pedro Pablo Huamán D'Alessandro", "director_tratamiento": "Sr.",
        "especialista": "Jorge Luis Paredes Quispe", "especialista_tratamiento": "Sr.",
        "personal": {**STAFF_ROWS, "Docentes nombrados": (4, 0), "Docentes contratados": (5, 0),
                     "Jefes de taller (con aula a cargo)": (0, 0), "Jefes de taller (sin aula a cargo)": (1, 0)},
        "metas": {"Básico": (140, 112), "Auxiliar técnico": (70, 51), "Técnico / Medio": (0, 0)},
        "valores": LIBERTADORES,
        "observaciones": [
            "El CETPRO aún no cuenta con diagnóstico institucional ni con plan de la CAP.",
            "Las reuniones colegiadas se realizan, pero sin acta ni agenda previa.",
        ],
        "compromisos": [
            "Elaborar la matriz de diagnóstico institucional con el equipo docente.",
            "Aprobar el plan y el cronograma anual de la CAP.",
            "Suscribir el acta de implementación de la CAP en la próxima reunión colegiada.",
        ],
        "sugerencias": ["Pedir a la UGEL un taller sobre cómo organizar una reunión CAP."],
    },
    {
        "file": "ficha-cap-peru.docx",
        "mark": "✓",
        "codigo_local": "0777151", "fecha": ("21", "10", "2025"), "cetpro": "CETPRO PERÚ",
        "ugel": "UGEL 02", "rei": "REI 07", "ciclos": ["Auxiliar técnico / Básico", "Técnico / Medio"],
        "turnos": ["M", "T", "N"], "plataforma": "",
        "director": "Lucía Fernanda Ccori Mamani", "director_tratamiento": "Sra.",
        "especialista": "Ana María Torres Ríos", "especialista_tratamiento": "Sra.",
        "personal": {**STAFF_ROWS, "Docentes nombrados": (8, 5), "Docentes contratados": (2, 3)},
        "metas": {"Básico": (210, 190), "Auxiliar técnico": (120, 101), "Técnico / Medio": (85, 70)},
        "valores": PERU,
        "observaciones": ["Se evidencia trabajo colegiado; las reuniones CAP no registran sus resultados."],
        "compromisos": [
            "Registrar los acuerdos de cada reunión y verificar su cumplimiento en la siguiente.",
            "Incluir las acciones de la CAP en el PAT 2026.",
        ],
        "sugerencias": [],
    },
]

EXCEL_FICHA = {
    "file": "ficha-cap-jose-carlos-mariategui.xlsx",
    "general": {
        "codigo_local": "0588214", "fecha": None, "cetpro": "CETPRO JOSÉ CARLOS MARIÁTEGUI",
        "ugel": "UGEL 02", "rei": "REI 01", "ciclo_0": True, "ciclo_1": True, "turno_0": True, "turno_1": False,
        "turno_2": True, "plataforma": "", "director": "Rosa Amelia Cárdenas Soto", "director_tratamiento": "Sra.",
        "area": "Área de Gestión de la Educación Básica Alternativa y Técnico-Productiva",
        "especialista": "Ana María Torres Ríos", "especialista_tratamiento": "Sra.",
    },
    "valores": MARIATEGUI,
    "notes": [
        (NOTE_KINDS[0], "El plan de la CAP está aprobado; falta el consolidado CAP."),
        (NOTE_KINDS[1], "Elaborar el consolidado CAP con los temas priorizados."),
        (NOTE_KINDS[1], "Aplicar la ficha de verificación de la calidad en cada reunión."),
        (NOTE_KINDS[2], "Compartir la experiencia de la CAP con otros CETPRO de la REI."),
    ],
}


def _distinct(row):
    """The cells of a python-docx row, each merged cell once."""
    cells = []
    for cell in row.cells:
        if not cells or cells[-1]._tc is not cell._tc:
            cells.append(cell)
    return cells


def _type(cell, text: str) -> None:
    """Type into a cell as a user does: into its (first) paragraph."""
    cell.paragraphs[0].add_run(text)


def _find(table, label: str):
    for r, row in enumerate(table.rows):
        cells = _distinct(row)
        for c, cell in enumerate(cells):
            if cell.text.strip() == label:
                return r, c, cells
    return None


def fill_word(blank: bytes, data: dict, catalogue) -> Document:
    document = Document(io.BytesIO(blank))
    tables = document.tables
    general = next(t for t in tables if _find(t, "Código local"))
    for label, key in (("Código local", "codigo_local"), ("Nombre del CETPRO", "cetpro"), ("UGEL", "ugel"),
                       ("REI", "rei"), ("Plataforma institucional del CETPRO (dirección web, si tiene)", "plataforma"),
                       ("Nombre del director(a) del CETPRO", "director")):
        if data[key]:
            _, c, cells = _find(general, label)
            _type(cells[c + 1], data[key])
    for label, value in zip(("Día", "Mes", "Año"), data["fecha"]):
        r, c, cells = _find(general, label)
        column = [i for i, cell in enumerate(general.rows[r].cells) if cell._tc is cells[c]._tc][0]
        _type(general.rows[r + 1].cells[column], value)
    for label in data["ciclos"] + data["turnos"]:
        _, c, cells = _find(general, label)
        _type(cells[c + 1], data["mark"])
    _, c, cells = _find(general, LABEL_DIRECTOR_TRATAMIENTO)
    choose(cells[c + 1], data["director_tratamiento"])
    specialist = next(t for t in tables if _find(t, "Nombre del especialista"))
    _, c, cells = _find(specialist, "Nombre del especialista")
    _type(cells[c + 1], data["especialista"])
    _, c, cells = _find(specialist, LABEL_SPECIALIST_TRATAMIENTO)
    choose(cells[c + 1], data["especialista_tratamiento"])
    staff = next(t for t in tables if _find(t, "Personal institucional"))
    for row in staff.rows[1:]:
        cells = _distinct(row)
        counts = data["personal"].get(cells[0].text.strip())
        if counts:
            for cell, count in zip(cells[1:], counts):
                _type(cell, str(count))
    goals = next(t for t in tables if _find(t, "Estudiantes matriculados – ciclo Básico"))
    header = _distinct(goals.rows[0])
    values = _distinct(goals.rows[1])
    for cycle, (enrolled, attending) in data["metas"].items():
        for label, number in ((f"Estudiantes matriculados – ciclo {cycle}", enrolled),
                              (f"Estudiantes asistentes – ciclo {cycle}", attending)):
            index = [cell.text.strip() for cell in header].index(label)
            _type(values[index], str(number))
    titles = {f"{block.number}. {block.title}": block for block in catalogue.blocks}
    for table in tables:
        block = None
        for row in table.rows:
            cells = _distinct(row)
            text = cells[0].text.strip()
            if len(cells) == 1:
                block = next((b for title, b in titles.items() if text.startswith(title)), block)
            elif block is not None and text.rstrip(".") in {item.id for item in block.items}:
                position = [item.id for item in block.items].index(text.rstrip("."))
                value = data["valores"][block.key][position]
                _type(cells[2 + value], data["mark"])
    notes = next(t for t in tables if _find(t, "OBSERVACIONES / SUGERENCIAS DEL ESPECIALISTA"))
    _fill_lines(notes.rows[1].cells[0], data["observaciones"])
    director = next(t for t in tables if _find(t, "COMPROMISOS DEL DIRECTOR(A)"))
    _fill_lines(director.rows[1].cells[0], data["compromisos"])
    _fill_lines(director.rows[1].cells[1], data["sugerencias"])
    return document


def _fill_lines(cell, lines: list[str]) -> None:
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.add_run(line)


def build(folder: Path) -> list[Path]:
    settings = load_settings()
    rules = settings.rules.cap
    catalogue, scale = rules.catalogue(), rules.scale
    target_folder = folder / FOLDER
    buffer = io.BytesIO()
    build_ficha_docx(rules, catalogue, scale, settings.institution).save(buffer)
    written = []
    for data in WORD_FICHAS:
        document = fill_word(buffer.getvalue(), data, catalogue)
        target = target_folder / data["file"]
        with atomic_output(target) as temp:
            document.save(temp)
        written.append(target)
    written.append(_build_excel(target_folder, rules, catalogue, scale))
    return written


def _build_excel(folder: Path, rules, catalogue, scale) -> Path:
    spec = ficha_cap_form(rules, catalogue, scale)
    data = EXCEL_FICHA
    general = {**data["general"], "fecha": dt.date(2026, 9, 9)}
    items = [
        {"parte": block.part, "bloque": block.name, "item": item.id, "descripcion": item.text,
         "valoracion": str(data["valores"][block.key][index])}
        for block in catalogue.blocks for index, item in enumerate(block.items)
    ]
    staff = [{"cargo": cargo, "ciclo_0": counts[0], "ciclo_1": counts[1]} for cargo, counts in STAFF_ROWS.items()]
    goals = [{"ciclo": "Básico", "matriculados": 150, "asistentes": 131},
             {"ciclo": "Auxiliar técnico", "matriculados": 80, "asistentes": 72},
             {"ciclo": "Técnico / Medio", "matriculados": 45, "asistentes": 40}]
    notes = [{"tipo": kind, "texto": text} for kind, text in data["notes"]]
    return write_form(spec, folder / data["file"], {
        GENERAL_SHEET: general, STAFF_SHEET: staff, GOALS_SHEET: goals, ITEMS_SHEET: items, NOTES_SHEET: notes,
    })
