"""Templates of the ficha de monitoreo CAP and of the UGEL's consolidated report (seed 004, DOMAIN.md C).

The number of value columns (0 1 2 3), of ciclos in the personal and metas tables and of
blocks in the consolidated table come from the bundled rules (cap-2024) when the template
is built; the texts (items, titles, levels) come from the context at render time.
"""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from generator.config import load_settings

from .kit import (
    SignedBlock,
    _cell_text,
    _repeat_header,
    _shade,
    closing,
    heading,
    informe_end,
    informe_header,
    keep_together,
    loop_table,
    new_document,
    para,
    rows_whole,
    save,
    set_widths,
    title,
)

HEADER_FILL = "D9E2F3"
BLOCK_FILL = "EDEDED"
TOTAL_FILL = "F2F2F2"


def _rules():
    rules = load_settings(environ={}).rules.cap
    return rules, rules.catalogue(), rules.scale


def _institutional_header(doc) -> None:
    """The seed's header: the membrete (kit), then the área that monitors the CETPRO."""
    area = doc.sections[0].header.add_paragraph()
    area.alignment = WD_ALIGN_PARAGRAPH.CENTER
    area.paragraph_format.space_after = Pt(6)
    run = area.add_run("{{ institucion.area }}")
    run.font.size = Pt(8)


def _table(doc, rows: int, widths: list[float]):
    table = doc.add_table(rows=rows, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, widths)
    rows_whole(table)
    return table


def _row_text(table, row: int, texts: list[str], *, bold: bool = False, size: float = 8.5,
              align: list[str] | None = None, fill: str | None = None) -> None:
    for column, text in enumerate(texts):
        cell = table.rows[row].cells[column]
        _cell_text(cell, text, bold=bold, size=size, align=(align or ["left"] * len(texts))[column])
        if fill:
            _shade(cell, fill)


def _merged(table, row: int, text: str, *, bold: bool = False, italic: bool = False, size: float = 8.5,
            align: str = "left", fill: str | None = None, first: int = 0, last: int | None = None):
    last = len(table.columns) - 1 if last is None else last
    cell = table.cell(row, first).merge(table.cell(row, last))
    _cell_text(cell, text, bold=bold, size=size, align=align)
    if italic:
        for run in cell.paragraphs[0].runs:
            run.italic = True
    if fill:
        _shade(cell, fill)
    return cell


def _gap(doc) -> None:
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _label_value(table, row: int, pairs: list[tuple[str, str]], spans: list[tuple[int, int]]) -> None:
    for (label, value), (first, last) in zip(pairs, spans):
        _cell_text(table.cell(row, first), label, bold=True, size=8.5)
        _shade(table.cell(row, first), HEADER_FILL)
        cell = table.cell(row, first + 1).merge(table.cell(row, last)) if last > first + 1 else table.cell(row, first + 1)
        _cell_text(cell, value, size=8.5)


def _two_signatures(doc, blocks: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=1, cols=len(blocks))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, (name, role) in enumerate(blocks):
        cell = table.rows[0].cells[index]
        lines = [("", False), ("", False), ("", False), ("______________________________", False),
                 (name, False), (role, True)]
        for number, (text, bold) in enumerate(lines):
            paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.keep_with_next = True
            run = paragraph.add_run(text)
            run.font.size = Pt(9)
            run.bold = bold
    keep_together(table)


def ficha_cap() -> None:
    rules, catalogue, scale = _rules()
    width = 16.5
    doc = new_document()
    _institutional_header(doc)
    title(doc, "{{ titulo }}", size=11, space_after=2)
    title(doc, "{{ numero }}", size=10, space_after=8)

    heading(doc, "1. DATOS GENERALES DE LA INSTITUCIÓN")
    table = _table(doc, 7, [3.6, 5.4, 2.4, 5.1])
    _label_value(table, 0, [("Código local", "{{ ficha.codigo_local }}"), ("Fecha", "{{ ficha.fecha|fecha_corta }}")],
                 [(0, 1), (2, 3)])
    _label_value(table, 1, [("Nombre del CETPRO", "{{ ficha.cetpro }}")], [(0, 3)])
    _label_value(table, 2, [("UGEL", "{{ ficha.ugel }}"), ("REI", "{{ ficha.rei or '—' }}")], [(0, 1), (2, 3)])
    _label_value(table, 3, [
        ("Ciclos", "{% for c in ficha.ciclos %}[{{ c.marca or '  ' }}] {{ c.nombre }}{% if not loop.last %}     "
                   "{% endif %}{% endfor %}"),
    ], [(0, 3)])
    _label_value(table, 4, [
        ("Turnos que atiende", "{% for t in ficha.turnos %}[{{ t.marca or '  ' }}] {{ t.sigla }} ({{ t.nombre|lower }})"
                               "{% if not loop.last %}     {% endif %}{% endfor %}"),
    ], [(0, 3)])
    _label_value(table, 5, [("Plataforma institucional", "{{ ficha.plataforma or '—' }}")], [(0, 3)])
    _label_value(table, 6, [("{{ 'Director'|concuerda(ficha.director_genero) }} del CETPRO", "{{ ficha.director }}")],
                 [(0, 3)])
    _gap(doc)

    heading(doc, "2. DATOS DEL ESPECIALISTA DEL MONITOREO")
    table = _table(doc, 2, [3.6, 12.9])
    _label_value(table, 0, [("Área", "{{ ficha.especialista.area }}")], [(0, 1)])
    _label_value(table, 1, [("Especialista", "{{ ficha.especialista.nombre }}")], [(0, 1)])
    _gap(doc)

    heading(doc, "3. ORGANIZACIÓN DE LA GESTIÓN ESCOLAR (DIMENSIÓN ESTRATÉGICA)")
    para(doc, "3.1. Personal institucional que trabaja en el año escolar {{ anio }}.", bold=True, align="left",
         space_after=3, keep_with_next=True)
    cycles = len(catalogue.staff_cycles)
    loop_table(
        doc,
        ["Personal institucional"] + [f"{{{{ personal_ciclos[{i}] }}}}" for i in range(cycles)] + ["Total"],
        ["{{ p.cargo }}"] + [f"{{{{ p.ciclos[{i}] }}}}" for i in range(cycles)] + ["{{ p.total }}"],
        "p in personal",
        widths=[8.1] + [3.0] * cycles + [16.5 - 8.1 - 3.0 * cycles],
        size=8.5,
        align=["left"] + ["center"] * (cycles + 1),
        footer=["Total"] + [f"{{{{ personal_total.ciclos[{i}] }}}}" for i in range(cycles)]
        + ["{{ personal_total.total }}"],
    )
    para(doc, "3.2. Metas de atención: cantidad de estudiantes matriculados y asistentes por ciclo en el año "
              "{{ anio }}, {{ periodo_metas }}.", bold=True, align="left", space_after=3, keep_with_next=True)
    goals = len(catalogue.goal_cycles)
    columns = 2 * goals + 2
    table = _table(doc, 2, [width / columns] * columns)
    headers, values = [], []
    for index in range(goals):
        headers += [f"Matriculados – ciclo {{{{ metas[{index}].ciclo }}}}",
                    f"Asistentes – ciclo {{{{ metas[{index}].ciclo }}}}"]
        values += [f"{{{{ metas[{index}].matriculados }}}}", f"{{{{ metas[{index}].asistentes }}}}"]
    headers += ["Total matrícula", "Total asistentes"]
    values += ["{{ metas_total.matriculados }}", "{{ metas_total.asistentes }}"]
    _row_text(table, 0, headers, bold=True, size=7.5, align=["center"] * columns, fill=HEADER_FILL)
    _row_text(table, 1, values, size=9, align=["center"] * columns)
    for column in (columns - 2, columns - 1):
        _shade(table.rows[1].cells[column], TOTAL_FILL)
    _gap(doc)

    heading(doc, "4. IMPLEMENTACIÓN DE LAS COMUNIDADES DE APRENDIZAJE PROFESIONAL (CAP) EN LAS II. EE. DE ETP")
    para(doc, "{%p for parte in partes %}")
    para(doc, "{{ parte.id }}. {{ parte.titulo|mayusculas }}", bold=True, align="left", space_after=3,
         keep_with_next=True)
    values_count = len(scale.levels)
    widths = [1.2, width - 1.2 - 1.0 * values_count] + [1.0] * values_count
    table = _table(doc, 12, widths)
    _row_text(table, 0, ["N°", "{{ parte.encabezado }}"] + [f"{{{{ escala[{i}].valor }}}}" for i in range(values_count)],
              bold=True, align=["center"] * len(widths), fill=HEADER_FILL)
    _repeat_header(table.rows[0])
    _cell_text(table.rows[1].cells[0], "{%tr for b in parte.bloques %}", size=8)
    _merged(table, 2, "{{ b.numero }}. {{ b.titulo }}{% if b.descripcion %}: {{ b.descripcion }}{% endif %}",
            bold=True, fill=BLOCK_FILL)
    _cell_text(table.rows[3].cells[0], "{%tr for i in b.filas %}", size=8)
    _cell_text(table.rows[4].cells[0], "{%tr if i.subtitulo %}", size=8)
    _merged(table, 5, "{{ i.subtitulo }}", bold=True, italic=True)
    _cell_text(table.rows[6].cells[0], "{%tr endif %}", size=8)
    _row_text(table, 7, ["{{ i.id }}.", "{{ i.texto }}"] + [f"{{{{ i.marcas[{v}] }}}}" for v in range(values_count)],
              align=["center", "left"] + ["center"] * values_count)
    for column in range(2, 2 + values_count):
        for run in table.rows[7].cells[column].paragraphs[0].runs:
            run.bold = True
    _cell_text(table.rows[8].cells[0], "{%tr endfor %}", size=8)
    _merged(table, 9, "Bloque {{ b.nombre }}: {{ b.puntaje }} de {{ b.maximo }} puntos "
                      "({{ b.porcentaje|porcentaje }}) – nivel: {{ b.nivel }}", bold=True, align="right",
            fill=TOTAL_FILL)
    _cell_text(table.rows[10].cells[0], "{%tr endfor %}", size=8)
    _merged(table, 11, "Total {{ parte.id }}: {{ parte.puntaje }} de {{ parte.maximo }} puntos "
                       "({{ parte.porcentaje|porcentaje }}) – nivel: {{ parte.nivel }}", bold=True, align="right",
            fill=HEADER_FILL)
    _gap(doc)
    para(doc, "{%p endfor %}")

    heading(doc, "RESULTADOS DE LA VALORACIÓN")
    table = _table(doc, 9, [1.4, 6.3, 1.4, 1.6, 1.6, 1.7, 2.5])
    _row_text(table, 0, ["Parte", "Bloque", "Ítems", "Puntaje", "Máximo", "%", "Nivel"], bold=True,
              align=["center"] * 7, fill=HEADER_FILL)
    _repeat_header(table.rows[0])
    cells = ["{{ r.parte }}", "{{ r.nombre }}", "{{ r.cantidad_items }}", "{{ r.puntaje }}", "{{ r.maximo }}",
             "{{ r.porcentaje|porcentaje }}", "{{ r.nivel }}"]
    align = ["center", "left", "center", "center", "center", "center", "center"]
    _cell_text(table.rows[1].cells[0], "{%tr for r in resultados %}", size=8)
    _cell_text(table.rows[2].cells[0], "{%tr if r.es_parte %}", size=8)
    _row_text(table, 3, cells, bold=True, align=align, fill=TOTAL_FILL)
    _cell_text(table.rows[4].cells[0], "{%tr else %}", size=8)
    _row_text(table, 5, cells, align=align)
    _cell_text(table.rows[6].cells[0], "{%tr endif %}", size=8)
    _cell_text(table.rows[7].cells[0], "{%tr endfor %}", size=8)
    _row_text(table, 8, ["", "{{ total.nombre }}", "{{ total.cantidad_items }}", "{{ total.puntaje }}", "{{ total.maximo }}",
                         "{{ total.porcentaje|porcentaje }}", "{{ total.nivel }}"], bold=True, align=align,
              fill=HEADER_FILL)
    para(doc, "Nivel según el promedio por ítem (puntaje ÷ número de ítems): {{ criterio }}.", size=8.5,
         italic=True, space_after=8)

    heading(doc, "TABLA DE VALORACIÓN")
    count = len(scale.levels)
    table = _table(doc, 2, [width / count] * count)
    _row_text(table, 0, [f"{{{{ escala[{i}].valor }}}} – {{{{ escala[{i}].nivel }}}}" for i in range(count)],
              bold=True, align=["center"] * count, fill=HEADER_FILL)
    _row_text(table, 1, [f"{{{{ escala[{i}].descripcion }}}}" for i in range(count)], size=8,
              align=["center"] * count)
    _gap(doc)

    heading(doc, "OBSERVACIONES / SUGERENCIAS DEL ESPECIALISTA")
    para(doc, "{%p for o in observaciones %}")
    para(doc, "• {{ o }}", align="left", space_after=2)
    para(doc, "{%p endfor %}")
    para(doc, "{%p if not observaciones %}")
    para(doc, "Sin observaciones.", italic=True)
    para(doc, "{%p endif %}")

    # The director's commitments and the closing travel with both signatures.
    block = SignedBlock(doc, width=width)
    heading(block, "5. COMPROMISOS Y SUGERENCIAS")
    table = _table(block, 2, [width / 2, width / 2])
    _row_text(table, 0, ["COMPROMISOS {{ 'DEL DIRECTOR'|concuerda(ficha.director_genero) }}",
                         "SUGERENCIAS {{ 'DEL DIRECTOR'|concuerda(ficha.director_genero) }}"], bold=True,
              align=["center", "center"], fill=HEADER_FILL)
    for column, name in enumerate(("compromisos", "sugerencias")):
        cell = table.rows[1].cells[column]
        lines = [f"{{%p for c in {name} %}}", "{{ loop.index }}. {{ c }}", "{%p endfor %}",
                 f"{{%p if not {name} %}}", "—", "{%p endif %}"]
        for number, text in enumerate(lines):
            paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(2)
            run = paragraph.add_run(text)
            run.font.size = Pt(9)
    _gap(block)
    closing(block, "En señal de conformidad, firman la presente ficha el {{ ficha.fecha|fecha_larga }}.", align="left")
    block.sign(lambda cell: _two_signatures(cell, [
        ("{{ ficha.director }}", "{{ 'Director'|concuerda(ficha.director_genero) }} del {{ ficha.cetpro }}"),
        ("{{ ficha.especialista.nombre }}",
         "Especialista / {{ 'monitor'|concuerda(ficha.especialista.genero) }} – {{ institucion.ugel }}"),
    ]))
    save(doc, "informes/ficha-cap.docx")


def resumen_cap() -> None:
    """The UGEL's informe (DOMAIN.md D): A / De / Asunto / Referencia / Fecha, numbered sections,
    conclusions and recommendations, its signer. Landscape: the CETPRO × block table is wide."""
    rules, catalogue, scale = _rules()
    doc = new_document(landscape=True)
    _institutional_header(doc)
    width = 29.7 - 2.5 - 2.0
    informe_header(doc, "Consolidado del monitoreo a la implementación de las Comunidades de Aprendizaje "
                        "Profesional (CAP) en los CETPRO – {{ periodo }}", width=width)
    para(doc, "Tengo el agrado de dirigirme a usted para informarle sobre el monitoreo a la implementación de la "
              "Comunidad de Aprendizaje Profesional (CAP) en los CETPRO de la jurisdicción, conforme al detalle "
              "siguiente:")
    heading(doc, "I. ANTECEDENTES")
    para(doc, "{%p for a in antecedentes %}")
    para(doc, "1.{{ loop.index }} {{ a }}")
    para(doc, "{%p endfor %}")

    heading(doc, "II. ANÁLISIS")
    para(doc, "2.1 Nivel de implementación de cada CETPRO por bloque (porcentaje del puntaje máximo del bloque y "
              "nivel):", keep_with_next=True)
    blocks = catalogue.blocks
    count = len(blocks)
    fixed = [0.8, 4.8, 2.0]
    rest = width - sum(fixed)
    column = round(rest / (count + 1), 2)
    widths = fixed + [column] * (count + 1)
    table = _table(doc, 5, widths)
    headers = ["N°", "CETPRO (código local)", "Fecha"] + [f"{{{{ bloques[{i}].nombre }}}} ({{{{ bloques[{i}].parte }}}})"
                                                          for i in range(count)] + ["Total de la ficha"]
    _row_text(table, 0, headers, bold=True, size=8, align=["center"] * len(headers), fill=HEADER_FILL)
    _repeat_header(table.rows[0])
    _cell_text(table.rows[1].cells[0], "{%tr for f in fichas %}", size=8)
    cells = ["{{ loop.index }}", "{{ f.cetpro }} ({{ f.codigo_local }})", "{{ f.fecha|fecha_corta }}"]
    cells += [f"{{{{ f.bloques[{i}].porcentaje|porcentaje }}}}" for i in range(count)]
    cells += ["{{ f.total.porcentaje|porcentaje }}"]
    _row_text(table, 2, cells, size=9, align=["center", "left", "center"] + ["center"] * (count + 1))
    for index in range(count + 1):
        cell = table.rows[2].cells[3 + index]
        variable = f"f.bloques[{index}]" if index < count else "f.total"
        paragraph = cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(f"{{{{ {variable}.nivel }}}}")
        run.font.size = Pt(8)
        run.bold = True
    _cell_text(table.rows[3].cells[0], "{%tr endfor %}", size=8)
    _row_text(table, 4, ["", "Promedio de los CETPRO", ""]
              + [f"{{{{ promedios[{i}]|porcentaje }}}}" for i in range(count)] + ["{{ promedio_total|porcentaje }}"],
              bold=True, size=9, align=["center", "left", "center"] + ["center"] * (count + 1), fill=TOTAL_FILL)
    _gap(doc)

    para(doc, "2.2 Cuántos CETPRO están en cada nivel, por bloque:", keep_with_next=True)
    para(doc, "{{ grafico }}", align="center", keep_with_next=True)
    para(doc, "Gráfico 1. CETPRO por nivel en cada bloque; cada nivel con su trama, legible también en blanco y "
              "negro.", size=9, italic=True, keep_with_next=True)
    levels = len(scale.levels)
    loop_table(
        doc,
        ["Bloque"] + [f"{{{{ escala[{i}].nivel }}}}" for i in range(levels)],
        ["{{ n.nombre }} ({{ n.parte }})"] + [f"{{{{ n.cantidades[{i}] }}}}" for i in range(levels)],
        "n in niveles",
        widths=[7.0] + [3.0] * levels,
        size=9,
        align=["left"] + ["center"] * levels,
    )

    para(doc, "2.3 Ítems que requieren apoyo de la UGEL: los valorados más veces «{{ escala[0].nivel|lower }}» (0) o "
              "«{{ escala[1].nivel|lower }}» (1), de mayor a menor (hasta {{ limite_items }}):", keep_with_next=True)
    para(doc, "{%p if necesidades %}")
    loop_table(
        doc,
        ["N°", "Ítem", "Descripción", "{{ escala[0].nivel }} (0)", "{{ escala[1].nivel }} (1)", "Total", "CETPRO"],
        ["{{ loop.index }}", "{{ i.bloque }} {{ i.id }} ({{ i.parte }})", "{{ i.texto }}", "{{ i.no_realizado }}",
         "{{ i.en_inicio }}", "{{ i.total }}", "{{ i.cetpros }}"],
        "i in necesidades",
        widths=[0.8, 3.4, 10.5, 1.9, 1.9, 1.3, 5.4],
        size=8.5,
        align=["center", "left", "left", "center", "center", "center", "left"],
    )
    para(doc, "{%p else %}")
    para(doc, "Ningún ítem fue valorado 0 ni 1 en las fichas consolidadas.", italic=True)
    para(doc, "{%p endif %}")

    heading(doc, "III. CONCLUSIONES")
    para(doc, "{%p for c in conclusiones %}")
    para(doc, "3.{{ loop.index }} {{ c }}", space_after=3)
    para(doc, "{%p endfor %}")
    informe_end(doc, width=width)
    save(doc, "informes/resumen-cap.docx")


BUILDERS = [ficha_cap, resumen_cap]
