"""Template of the Acta individual de resultados – etapa descentralizada (seed 003, 1.5 j) and 3.4)."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from .kit import (
    _cell_text,
    _repeat_header,
    _shade,
    closing,
    fixed_table,
    heading,
    loop_table,
    new_document,
    para,
    rich,
    save,
    set_widths,
    SignedBlock,
    title,
)

SIZE = 9
# The Sustento of every criterion (the reasons a postulante reads and may claim against): at least
# 9 pt, readable on paper.
SUSTENTO_SIZE = 9


def _matrix_table(doc, index: int) -> None:
    """Criterion rows of rubro ``index`` with their reasons (one paragraph per line), and its subtotal."""
    rubro = f"rubros[{index}]"
    table = doc.add_table(rows=5, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, text in enumerate(("Criterio", "Puntaje máximo", "Puntaje obtenido", "Sustento")):
        cell = table.rows[0].cells[column]
        _cell_text(cell, text, bold=True, size=SIZE, align="center")
        _shade(cell)
    _repeat_header(table.rows[0])
    _cell_text(table.rows[1].cells[0], f"{{%tr for c in {rubro}.criterios %}}", size=SIZE)
    row = table.rows[2].cells
    _cell_text(row[0], "{{ c.id }} {{ c.titulo }}", size=SIZE)
    _cell_text(row[1], "{{ c.maximo|puntaje }}", size=SIZE, align="center")
    _cell_text(row[2], "{{ c.puntaje|puntaje }}", bold=True, size=SIZE, align="center")
    reasons = row[3]
    _cell_text(reasons, "{%p for linea in c.sustento %}", size=SIZE)
    for text in ("{{ linea }}", "{%p endfor %}"):
        paragraph = reasons.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(1)
        run = paragraph.add_run(text)
        run.font.size = Pt(SUSTENTO_SIZE)
    _cell_text(table.rows[3].cells[0], "{%tr endfor %}", size=SIZE)
    footer = table.rows[4].cells
    _cell_text(footer[0], f"Subtotal del rubro {{{{ {rubro}.numero }}}}", bold=True, size=SIZE)
    _cell_text(footer[1], f"{{{{ {rubro}.maximo|puntaje }}}}", bold=True, size=SIZE, align="center")
    _cell_text(footer[2], f"{{{{ {rubro}.puntaje|puntaje }}}}", bold=True, size=SIZE, align="center")
    _cell_text(footer[3], f"{{% if {rubro}.tope %}}La suma de los criterios pasa del máximo del rubro: se "
                          "otorga el máximo.{% endif %}", size=SUSTENTO_SIZE)
    set_widths(table, [3.6, 1.5, 1.6, 9.8])
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def acta_resultados() -> None:
    doc = new_document()
    title(doc, "ACTA INDIVIDUAL DE RESULTADOS – ETAPA DESCENTRALIZADA", size=13)
    title(doc, "{{ numero }}", size=11)
    title(doc, "{{ concurso.nombre|mayusculas }}", size=10, space_after=10)
    # A later version, after a reclamo declared fundado (seed 003, 3.3): what it replaces and what changed.
    para(doc, "{%p if reclamo %}")
    rich(doc, [("Acta emitida en atención al reclamo Exp. N° {{ reclamo.expediente }}, declarado "
                "{{ reclamo.resultado }}; reemplaza al {{ reclamo.acta_anterior }}, del "
                "{{ reclamo.fecha_anterior|fecha_larga }}.", True)])
    para(doc, "Cambios respecto del acta anterior:", size=9, align="left", space_after=2)
    loop_table(doc, ["Aspecto", "Antes", "Después"], ["{{ c.aspecto }}", "{{ c.antes }}", "{{ c.despues }}"],
               "c in reclamo.cambios", widths=[8.5, 4.0, 4.0], size=SIZE)
    para(doc, "{%p endif %}")
    para(
        doc,
        "En {{ institucion.ciudad }}, el {{ fecha|fecha_larga }}, el Comité de Evaluación de la {{ jurisdiccion }} "
        "del Concurso Público para el Ascenso de Escala de los profesores de Educación Básica en el marco de la "
        "Carrera Pública Magisterial de la Ley N° 29944, Ley de Reforma Magisterial, correspondiente al año "
        "{{ concurso.anio }}, de acuerdo con la Norma Técnica aprobada por {{ concurso.norma_tecnica }}, consolida "
        "los resultados de la evaluación de la etapa descentralizada "
        "{{ 'del siguiente postulante'|concuerda(postulante.genero) }}, con la información "
        "de su informe escalafonario y la proporcionada por la DIED:",
    )
    fixed_table(
        doc,
        [
            ["Apellidos y nombres", "{{ postulante.apellidos }}, {{ postulante.nombres }}"],
            ["DNI", "{{ postulante.dni }}"],
            ["IGED", "{{ postulante.iged }}"],
            ["Región", "{{ postulante.region }}"],
            ["Escala magisterial", "Escala actual: {{ postulante.escala_actual }} ({{ postulante.escala_actual_texto }}); "
                                   "postula a la escala {{ postulante.escala_postula }} "
                                   "({{ postulante.escala_postula_texto }})"],
            ["Correo electrónico", "{{ postulante.correo }}"],
        ],
        widths=[4.5, 12.0],
        header=False,
        bold_first_column=True,
    )

    heading(doc, "I. VERIFICACIÓN DE LOS REQUISITOS DEL CONCURSO")
    loop_table(
        doc,
        ["Requisito", "Resultado", "Sustento"],
        ["{{ r.nombre }}", "{{ r.resultado }}", "{{ r.sustento }}"],
        "r in requisitos",
        widths=[4.3, 2.0, 10.2],
        size=SIZE,
    )
    # The estado with the retiro (seed 003, 2.3): a causal f), g) or i) withdraws a postulante who
    # may well meet the requisitos, so the acta says both.
    rich(doc, [("Estado: ", True), ("{{ estado }}", True), (".", False),
               ("{% if estado != requisitos_estado %} {{ requisitos_texto }}.{% endif %}", False)])
    para(doc, "{%p for c in causales %}")
    para(doc, "Incurre en la causal de retiro {{ c.texto }} (numeral {{ c.numeral }} del Instructivo)."
              "{% if c.sustento %} Sustento: {{ c.sustento }}.{% endif %}")
    para(doc, "{%p endfor %}")

    heading(doc, "II. BONIFICACIÓN POR DISCAPACIDAD")
    fixed_table(
        doc,
        [
            ["Documento presentado", "{{ bonificacion.documento }}"],
            ["Bonificación ({{ bonificacion.porcentaje|puntaje }} %)", "{{ bonificacion.resultado }}"],
            ["Sustento", "{{ bonificacion.sustento }}"],
        ],
        widths=[4.5, 12.0],
        header=False,
        bold_first_column=True,
    )
    para(doc, "{%p if bonificacion.observada %}")
    rich(doc, [("Nota para la DRE/UGEL: ", True), ("{{ bonificacion.nota }}", False)])
    para(doc, "{%p endif %}")

    heading(doc, "III. VALORACIÓN DE LA TRAYECTORIA PROFESIONAL (MATRIZ DE VALORACIÓN)")
    para(doc, "Solo se valora la información registrada en el informe escalafonario, con documentos emitidos hasta "
              "el {{ fecha_corte|fecha_corta }}.", size=9)
    for index in range(3):
        heading(doc, f"Rubro {{{{ rubros[{index}].numero }}}}: {{{{ rubros[{index}].titulo }}}} "
                     f"(máximo {{{{ rubros[{index}].maximo|puntaje }}}} puntos)")
        _matrix_table(doc, index)
    para(doc, "{%p if sin_criterio %}")
    para(doc, "Registros que no corresponden a ningún criterio de la Matriz:", bold=True, size=9, align="left")
    para(doc, "{%p for linea in sin_criterio %}")
    para(doc, "– {{ linea }}", size=SUSTENTO_SIZE, space_after=1)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    rich(doc, [("Convención de meses (rubro 3): ", True), ("{{ convencion_meses }}.", False)])

    # The result is what the members sign: it never stands apart from their signatures.
    block = SignedBlock(doc)
    heading(block, "IV. RESULTADOS")
    fixed_table(
        block,
        [
            ["Concepto", "Puntaje"],
            ["Rubro 1: {{ rubros[0].titulo }}", "{{ rubros[0].puntaje|puntaje }}"],
            ["Rubro 2: {{ rubros[1].titulo }}", "{{ rubros[1].puntaje|puntaje }}"],
            ["Rubro 3: {{ rubros[2].titulo }}", "{{ rubros[2].puntaje|puntaje }}"],
            ["Puntaje de la Matriz (máximo {{ matriz_maximo|puntaje }})", "{{ matriz_total|puntaje }}"],
            ["Puntaje de la etapa nacional", "{{ puntaje_nacional|puntaje }}"],
            ["Puntaje total", "{{ puntaje_total|puntaje }}"],
            ["Bonificación por discapacidad ({{ bonificacion.porcentaje|puntaje }} % del puntaje total)",
             "{{ bonificacion.puntos|puntaje }}"],
            ["Puntaje final", "{{ puntaje_final|puntaje }}"],
            ["Estado", "{{ estado }}"],
        ],
        widths=[11.0, 5.5],
        bold_first_column=True,
        keep_with_next=True,
    )

    para(block, "{%p if dispensa %}")
    rich(block, [
        ("Constancia: ", True),
        ("excepcionalmente, por caso fortuito o fuerza mayor, se prescinde de la firma del {{ dispensa.rol|lower }} "
         "del Comité de Evaluación, {{ dispensa.nombre }} (DNI {{ dispensa.dni }}), conforme al literal j) del "
         "numeral 1.5 del Instructivo. Motivo: {{ dispensa.motivo }}. El motivo se detalla en el informe final del "
         "Comité.", False),
    ], keep_with_next=True)
    para(block, "{%p endif %}")
    closing(block, "En señal de conformidad, firman los integrantes del Comité de Evaluación.")
    block.sign()
    save(doc, "actas/acta-resultados.docx")


BUILDERS = [acta_resultados]
