"""Templates of the Compromisos de Desempeño CETPRO (DOMAIN.md B; seed 000): the oficio de
remisión of each tramo to the DISERTPA, and the UGEL's report over its CETPRO."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from generator.config import load_settings
from generator.pipeline.cdd import load_edition

from .kit import heading, loop_table, new_document, para, rich, save, signature_blocks, title


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
    para(doc, "Señor(a):", align="left", space_after=0)
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
    para(
        doc,
        "El Monto Máximo Asignable (MMA) del CETPRO en el Tramo {{ tramo.numero }} es de {{ mma.maximo|soles }} "
        "({{ mma.maximo|soles_en_letras }}), según el Anexo N° 3 de la Norma Técnica. "
        "{% if cumple_todo %}Con los resultados del cuadro, el CETPRO alcanza la meta de todos los indicadores "
        "del tramo.{% else %}Con los resultados del cuadro, el CETPRO alcanza la meta de {{ cumplidos }} de "
        "{{ total_indicadores }} indicadores del tramo; como {{ mma.regla }}, correspondería "
        "{{ mma.obtenido|soles }}.{% endif %}",
    )
    para(doc, "Se adjunta la información solicitada en las fichas técnicas de los indicadores:", keep_with_next=True)
    para(doc, "{%p for a in anexos %}")
    para(doc, "{{ loop.index }}. Indicador {{ a.codigo }}: {{ a.medio }} ({{ a.registros }} {{ a.unidad }}; "
              "archivo Excel adjunto).", space_after=3)
    para(doc, "{%p endfor %}")
    para(doc, "{%p if convenios %}")
    para(doc, "Convenios suscritos que se adjuntan en copia:", keep_with_next=True, space_after=3)
    para(doc, "{%p for c in convenios %}")
    para(doc, "– {{ c.institucion }} (código modular {{ c.codigo_modular }}), suscrito o renovado el "
              "{{ c.fecha|fecha_corta }}, programa o módulo «{{ c.programa }}».", space_after=3)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    para(doc, "Sin otro particular, hago propicia la oportunidad para expresarle las muestras de mi especial "
              "consideración y estima personal.")
    para(doc, "Atentamente,", align="left", keep_with_next=True)
    signature_blocks(doc, count=1)
    para(doc, "c. c.: {{ cetpro.ugel }} (supervisión de los Compromisos de Desempeño)", size=8, align="left",
         space_after=0)
    para(doc, "Presentado por la {{ destinatario.canal }}. Contacto: {{ cetpro.correo }}"
              "{% if cetpro.telefono %} · {{ cetpro.telefono }}{% endif %} · {{ cetpro.direccion }}",
         size=8, align="left")
    save(doc, "oficios/oficio-cdd.docx")


def resumen_cdd() -> None:
    edition = load_edition(load_settings(environ={}))
    codes = list(edition.indicators)
    tramos = sorted(edition.tramos)
    doc = new_document()
    title(doc, "{{ numero }}", size=12)
    title(doc, "RESUMEN DEL CUMPLIMIENTO DE LOS {{ edicion.nombre|mayusculas }}", size=11)
    title(doc, "{{ ugel }}", size=11, space_after=6)
    para(doc, "{{ lugar }}, {{ fecha|fecha_larga }}", align="right")
    heading(doc, "I. ANTECEDENTES")
    para(
        doc,
        "Mediante {{ edicion.norma }} se aprobó la {{ edicion.norma_tecnica }}. Corresponde a la UGEL coordinar "
        "y supervisar el cumplimiento de los indicadores de los compromisos de desempeño por parte de los "
        "CETPRO de su jurisdicción. El presente informe resume los resultados de {{ evaluados }} de "
        "{{ total_cetpros }} CETPRO de la {{ ugel }}, calculados con la información que cada CETPRO registró "
        "para el periodo académico {{ edicion.periodo }} en su formulario.",
    )
    heading(doc, "II. INDICADORES Y METAS")
    loop_table(
        doc,
        ["Indicador", "Tramo (cierre)", "Meta"],
        ["{{ i.codigo }} {{ i.nombre }}", "{{ i.tramo }} ({{ i.cierre|fecha_corta }})", "{{ i.meta }}"],
        "i in indicadores",
        widths=[11.0, 3.5, 2.0],
        align=["left", "center", "center"],
        size=8.5,
    )
    heading(doc, "III. RESULTADOS POR CETPRO")
    loop_table(
        doc,
        ["Código modular", "CETPRO"] + [f"Indicador {code}" for code in codes],
        ["{{ c.codigo_modular }}", "{{ c.nombre }}"] + [f"{{{{ c.celdas[{index}] }}}}" for index in range(len(codes))],
        "c in cetpros",
        widths=[2.1, 3.6] + [10.8 / len(codes)] * len(codes),
        align=["center", "left"] + ["center"] * len(codes),
        size=8,
    )
    heading(doc, "IV. MONTO MÁXIMO ASIGNABLE (MMA) POR CETPRO Y TRAMO")
    headers, cells, footer = ["CETPRO", "Situación"], ["{{ c.nombre }} ({{ c.codigo_modular }})", "{{ c.situacion }}"], [
        "Total {{ ugel }}", ""]
    for number in tramos:
        headers += [f"MMA tramo {number}", f"Obtenido tramo {number}"]
        cells += [f"{{{{ c.mma.t{number}.maximo|soles }}}}", f"{{{{ c.mma.t{number}.obtenido|soles }}}}"]
        footer += [f"{{{{ totales.t{number}.maximo|soles }}}}", f"{{{{ totales.t{number}.obtenido|soles }}}}"]
    loop_table(
        doc, headers, cells, "c in cetpros",
        widths=[3.8, 2.5] + [10.2 / (2 * len(tramos))] * (2 * len(tramos)),
        align=["left", "left"] + ["right"] * (2 * len(tramos)),
        size=8, footer=footer,
    )
    para(
        doc,
        "Si todos los CETPRO alcanzaran todas las metas, la {{ ugel }} recibiría "
        + ", ".join(f"{{{{ totales.t{number}.maximo|soles }}}} en el tramo {number}" for number in tramos)
        + " (total {{ total_maximo|soles }}). Con los resultados obtenidos le corresponden "
        + ", ".join(f"{{{{ totales.t{number}.obtenido|soles }}}} en el tramo {number}" for number in tramos)
        + " (total {{ total_obtenido|soles }}), según la regla de reparto «{{ edicion.regla_reparto }}».",
    )
    heading(doc, "V. INDICADORES FRENTE A SU META")
    para(doc, "{{ grafico }}", align="center")
    para(doc, "Barras verdes: el CETPRO alcanza la meta; rojas: no la alcanza; grises: sin datos o sin "
              "formulario. La línea discontinua es la meta del indicador.", size=8, italic=True)
    heading(doc, "VI. FORMULARIOS CON ERRORES")
    para(doc, "{%p if errores %}")
    para(doc, "Los siguientes formularios tienen errores y no se consideraron; el CETPRO debe corregirlos:")
    para(doc, "{%p for e in errores %}")
    para(doc, "– {{ e.archivo }}: {{ e.problema }}", size=9, space_after=2)
    para(doc, "{%p endfor %}")
    para(doc, "{%p else %}")
    para(doc, "Todos los formularios se leyeron sin errores.")
    para(doc, "{%p endif %}")
    para(doc, "Atentamente,", align="left", keep_with_next=True)
    para(doc, "", space_after=24)
    para(doc, "______________________________", align="center", space_after=0)
    para(doc, "{{ institucion.area }}", align="center", size=9, space_after=0)
    para(doc, "{{ institucion.ugel }}", align="center", size=9)
    save(doc, "informes/resumen-cdd.docx")


BUILDERS = [oficio_cdd, resumen_cdd]
