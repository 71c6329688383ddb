"""Templates of the Compromisos de Desempeño CETPRO (DOMAIN.md B; seed 000): the oficio de
remisión of each tramo to the DISERTPA, and the UGEL's report over its CETPRO."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from generator.config import load_settings
from generator.pipeline.cdd import load_edition

from .kit import (
    SignedBlock,
    closing,
    heading,
    informe_end,
    informe_header,
    loop_table,
    new_document,
    para,
    rich,
    save,
)


def _cetpro_header(doc) -> None:
    """The CETPRO under the UGEL in the header of its oficios."""
    paragraph = doc.sections[0].header.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run("CETPRO «{{ cetpro.nombre }}» – Código modular {{ cetpro.codigo_modular }}")
    run.bold = True
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)


def _compact(doc) -> None:
    """10.5 pt body, so that a tramo's oficio fits on one page with its signature."""
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.05


def oficio_cdd() -> None:
    doc = new_document()
    _compact(doc)
    _cetpro_header(doc)
    para(doc, "{{ lugar }}, {{ fecha|fecha_larga }}", align="right")
    para(doc, "{{ numero }}", bold=True, align="left", space_after=10)
    # The addressee (DOMAIN.md D): named, in their gender, when known; else the blank model's wording.
    para(doc, "{{ destinatario.saludo }}:", align="left", space_after=0)
    para(doc, "{%p if destinatario.persona %}")
    para(doc, "{{ destinatario.persona }}", bold=True, align="left", space_after=0)
    para(doc, "{%p endif %}")
    para(doc, "{{ destinatario.cargo }} de la {{ destinatario.nombre }} ({{ destinatario.sigla }})", bold=True,
         align="left", space_after=0)
    para(doc, "{{ destinatario.entidad }}", align="left", space_after=0)
    para(doc, "{{ destinatario.direccion }}", align="left", space_after=0)
    para(doc, "Presente.-", align="left", space_after=10).runs[0].underline = True
    rich(doc, [("ASUNTO: ", True), ("Remisión de información y evidencias del cumplimiento de los "
                                        "{{ edicion.nombre }} – Tramo {{ tramo.numero }}.", False)])
    rich(doc, [("REFERENCIA: ", True), ("{{ edicion.norma }} ({{ edicion.norma_tecnica }}).", False)])
    para(doc, "De mi consideración:", align="left")
    para(
        doc,
        "Tengo el agrado de dirigirme a usted para saludarle cordialmente y, en el marco de la "
        "{{ edicion.norma_tecnica }}, aprobada por {{ edicion.norma }}, remitir la información y las evidencias "
        "del cumplimiento de los indicadores del Tramo {{ tramo.numero }} (fecha de cierre: "
        "{{ tramo.cierre|fecha_larga }}) del CETPRO «{{ cetpro.nombre }}», con código modular "
        "{{ cetpro.codigo_modular }}, de la jurisdicción de la {{ cetpro.ugel }}, según las fichas técnicas de "
        "los indicadores (Anexo N° 4 de la Norma Técnica). Los resultados, calculados con la información "
        "registrada en el periodo académico {{ edicion.periodo }}, son los siguientes:",
    )
    loop_table(
        doc,
        ["Indicador", "Numerador", "Denominador", "%", "Meta", "Resultado"],
        ["{{ i.codigo }} {{ i.nombre }}", "{{ i.numerador }}", "{{ i.denominador }}", "{{ i.porcentaje }}",
         "{{ i.meta }}", "{{ i.resultado }}"],
        "i in indicadores",
        widths=[6.3, 2.1, 2.6, 1.7, 1.4, 2.4],
        align=["left", "center", "center", "center", "center", "center"],
        size=8.5,
    )
    # What is at stake, never what is owed: DISERTPA evaluates, the UFD determines the amounts (seed 000).
    para(
        doc,
        "El Monto Máximo Asignable (MMA) del CETPRO en el Tramo {{ tramo.numero }} es de {{ mma.maximo|soles }} "
        "({{ mma.maximo|soles_en_letras }}), según el Anexo N° 3 de la Norma Técnica. Según los resultados del "
        "cuadro, el CETPRO alcanza la meta de {{ cumplidos }} de {{ total_indicadores }} indicadores del tramo. "
        "La evaluación del cumplimiento corresponde a la {{ destinatario.sigla }} y la determinación de los "
        "montos, a la Unidad de Financiamiento por Desempeño (UFD).",
    )
    # The list of annexes closes the body: it travels with the signature.
    block = SignedBlock(doc, count=1)
    closing(block, "Se adjunta la información solicitada en las fichas técnicas de los indicadores:")
    para(block, "{%p for a in anexos %}")
    closing(block, "{{ loop.index }}. Indicador {{ a.codigo }}: {{ a.medio }} ({{ a.registros }} {{ a.unidad }}; "
                   "archivo Excel adjunto).", space_after=3)
    para(block, "{%p endfor %}")
    para(block, "{%p if convenios %}")
    closing(block, "Convenios suscritos que se adjuntan en copia:", space_after=3)
    para(block, "{%p for c in convenios %}")
    closing(block, "– {{ c.institucion }} (código modular {{ c.codigo_modular }}), suscrito o renovado el "
                   "{{ c.fecha|fecha_corta }}, programa o módulo «{{ c.programa }}».", space_after=3)
    para(block, "{%p endfor %}")
    para(block, "{%p endif %}")
    closing(block, "Sin otro particular, hago propicia la oportunidad para expresarle las muestras de mi especial "
                   "consideración y estima personal.")
    closing(block, "Atentamente,", align="left")
    block.sign()
    para(doc, "c. c.: {{ cetpro.ugel }} (supervisión de los Compromisos de Desempeño)", size=8, align="left",
         space_after=0)
    para(doc, "Presentado por la {{ destinatario.canal }}. Contacto: {{ cetpro.correo }}"
              "{% if cetpro.telefono %}, teléfono {{ cetpro.telefono }}{% endif %}; {{ cetpro.direccion }}.",
         size=8, align="left")
    save(doc, "oficios/oficio-cdd.docx")


def resumen_cdd() -> None:
    """The UGEL's informe (DOMAIN.md D): A / De / Asunto / Referencia / Fecha, numbered sections,
    conclusions and recommendations, and its signer. Amounts only as the UGEL's estimate."""
    edition = load_edition(load_settings(environ={}))
    codes = list(edition.indicators)
    tramos = sorted(edition.tramos)
    doc = new_document()
    informe_header(doc, "Cumplimiento de los indicadores de los {{ edicion.nombre }} por los CETPRO de la "
                        "{{ ugel }}")
    para(doc, "Tengo el agrado de dirigirme a usted para informarle sobre el cumplimiento de los indicadores de "
              "los {{ edicion.nombre }} por los CETPRO de la jurisdicción, conforme al detalle siguiente:")
    heading(doc, "I. ANTECEDENTES")
    para(doc, "1.1 Mediante {{ edicion.norma }} se aprobó la {{ edicion.norma_tecnica }}, que establece los "
              "indicadores, las metas y el Monto Máximo Asignable (MMA) de cada CETPRO por tramo.")
    para(doc, "1.2 Corresponde a la UGEL coordinar y supervisar el cumplimiento de los indicadores por parte de los "
              "CETPRO de su jurisdicción. La evaluación de los indicadores corresponde a la DISERTPA y la "
              "determinación de los montos, a la Unidad de Financiamiento por Desempeño (UFD).")
    para(doc, "1.3 {{ antecedente_cetpro }}")
    heading(doc, "II. ANÁLISIS")
    para(doc, "2.1 Indicadores y metas de la edición:", keep_with_next=True)
    loop_table(
        doc,
        ["Indicador", "Tramo (cierre)", "Meta"],
        ["{{ i.codigo }} {{ i.nombre }}", "{{ i.tramo }} ({{ i.cierre|fecha_corta }})", "{{ i.meta }}"],
        "i in indicadores",
        widths=[11.0, 3.5, 2.0],
        align=["left", "center", "center"],
        size=9,
    )
    para(doc, "2.2 Resultado de cada CETPRO en cada indicador (porcentaje alcanzado y si cumple la meta):",
         keep_with_next=True)
    loop_table(
        doc,
        ["Código modular", "CETPRO"] + [f"Indicador {code}" for code in codes],
        ["{{ c.codigo_modular }}", "{{ c.nombre }}"] + [f"{{{{ c.celdas[{index}] }}}}" for index in range(len(codes))],
        "c in cetpros",
        widths=[2.1, 3.6] + [10.8 / len(codes)] * len(codes),
        align=["center", "left"] + ["center"] * len(codes),
        size=9,
    )
    para(doc, "2.3 El gráfico muestra cada indicador frente a su meta:", keep_with_next=True)
    para(doc, "{{ grafico }}", align="center", keep_with_next=True)
    para(doc, "{{ leyenda_grafico }}", size=9, italic=True)
    para(doc, "2.4 Monto Máximo Asignable por CETPRO y tramo (Anexo N° 3 de la Norma Técnica) y la estimación de "
              "la UGEL según los resultados del cuadro 2.2:", keep_with_next=True)
    headers, cells, footer = ["CETPRO", "Situación"], ["{{ c.nombre }} ({{ c.codigo_modular }})", "{{ c.situacion }}"], [
        "Total {{ ugel }}", ""]
    for number in tramos:
        headers += [f"MMA tramo {number}", f"Estimado tramo {number}"]
        cells += [f"{{{{ c.mma.t{number}.maximo|soles }}}}", f"{{{{ c.mma.t{number}.estimado|soles }}}}"]
        footer += [f"{{{{ totales.t{number}.maximo|soles }}}}", f"{{{{ totales.t{number}.estimado|soles }}}}"]
    loop_table(
        doc, headers, cells, "c in cetpros",
        widths=[3.8, 2.5] + [10.2 / (2 * len(tramos))] * (2 * len(tramos)),
        align=["left", "left"] + ["right"] * (2 * len(tramos)),
        size=9, footer=footer,
    )
    para(doc, "{{ nota_estimacion }}", size=9)
    heading(doc, "III. CONCLUSIONES")
    para(doc, "{%p for c in conclusiones %}")
    para(doc, "3.{{ loop.index }} {{ c }}", space_after=3)
    para(doc, "{%p endfor %}")
    informe_end(doc)
    save(doc, "informes/resumen-cdd.docx")


BUILDERS = [oficio_cdd, resumen_cdd]
