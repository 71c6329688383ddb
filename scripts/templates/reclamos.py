"""Templates of what the Comité de Evaluación writes after the preliminary results (seed 003,
capítulo III): the oficio de respuesta a reclamo (Anexo 2), the oficios de retiro (2.3), the
informe final (Anexo 3) and the index page of its foliated expediente."""

from __future__ import annotations

from .kit import (
    SignedBlock,
    closing,
    heading,
    label_table,
    loop_table,
    members_table,
    new_document,
    para,
    rich,
    save,
    title,
)

SIZE = 9


def _letterhead(doc) -> None:
    para(doc, "{{ numero }}", bold=True, align="left", space_after=2)
    para(doc, "{{ institucion.ciudad }}, {{ fecha|fecha_larga }}", align="right", space_after=10)


def _addressee(doc, greeting: str) -> None:
    para(doc, greeting, align="left", space_after=2)
    para(doc, "{{ destinatario.nombre }}", bold=True, align="left", space_after=0)
    para(doc, "{%p for linea in destinatario.lineas %}")
    para(doc, "{{ linea }}", align="left", space_after=0)
    para(doc, "{%p endfor %}")
    para(doc, "Presente. –", bold=True, align="left", space_after=10)


def oficio_reclamo() -> None:
    doc = new_document()
    _letterhead(doc)
    _addressee(doc, "{{ 'Estimado postulante'|concuerda(destinatario.genero) }}:")
    label_table(doc, [
        ("ASUNTO", ["Respuesta al reclamo correspondiente al Concurso Público para el Ascenso de Escala de los "
                    "profesores de Educación Básica, en el marco de la CPM de la LRM, correspondiente al año "
                    "{{ concurso.anio }}"]),
        ("REFERENCIA", ["Expediente {{ expediente }}",
                        "Fecha de presentación del reclamo: {{ fecha_reclamo|fecha_corta }}"]),
    ])
    para(doc, "De nuestra consideración:", align="left")
    para(doc, "Es grato dirigirnos a usted a fin de saludarle cordialmente y, a la vez, comunicarle que, en el "
              "marco de nuestras competencias contenidas en {{ base_legal }}, procedemos a emitir respuesta a su "
              "reclamo.")
    heading(doc, "I. ANTECEDENTES")
    para(doc, "{%p for p in puntos %}")
    rich(doc, [("{{ p.numero }}. Sobre {{ p.titulo }}: ", True), ("{{ p.argumentos }}.", False)])
    para(doc, "{%p endfor %}")
    # The copies of the evaluation documents handed before the reclamo (seed 003, 1.5 g).
    para(doc, "{%p for c in copias %}")
    para(doc, "Se deja constancia de que, a su solicitud del {{ c.solicitud|fecha_larga }}, se le entregó copia de los "
              "documentos que forman parte de su evaluación el {{ c.entrega|fecha_larga }} (numeral 1.5, literal g, del "
              "Instructivo).")
    para(doc, "{%p endfor %}")
    heading(doc, "II. ANÁLISIS DEL RECLAMO")
    para(doc, "{%p for p in puntos %}")
    heading(doc, "2.{{ loop.index }} En relación al reclamo referido {{ p.referido }} (punto {{ p.numero }})")
    para(doc, "{%p if p.respuesta %}")
    para(doc, "Al respecto, este Comité debe indicar que: {{ p.respuesta }}")
    para(doc, "{%p endif %}")
    para(doc, "{%p if p.recalculo %}")
    rich(doc, [("Resultado recalculado – {{ p.aspecto }}: ", True),
               ("{% if p.cambia %}antes, {{ p.antes }}; ahora, {{ p.despues }}{% else %}se mantiene: "
                "{{ p.antes }}{% endif %}.", False)])
    para(doc, "{%p for linea in p.sustento %}")
    para(doc, "– {{ linea }}", size=9.5, space_after=1)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    rich(doc, [("De este modo, este Comité advierte que su reclamo en este extremo es declarado ", False),
               ("{{ p.resultado|mayusculas }}", True), (".", False)])
    para(doc, "{%p endfor %}")
    block = SignedBlock(doc)
    para(block, "Por lo expuesto, con respecto a su reclamo:", keep_with_next=True)
    para(block, "SE RESUELVE:", bold=True, align="left", keep_with_next=True)
    para(block, "{%p for p in puntos %}")
    # What the Comité resolves closes the oficio: it travels with the signatures.
    rich(block, [("{{ loop.index }}. Declarar ", False), ("{{ p.resultado|mayusculas }}", True),
                 (" el reclamo referido {{ p.referido }} (punto {{ p.numero }}).", False)], keep_with_next=True)
    para(block, "{%p endfor %}")
    para(block, "{%p if acta %}")
    rich(block, [("Se adjunta el ", False), ("{{ acta.numero }}", True),
                 (", emitida en atención al presente reclamo, en la que se advierte la modificación de los "
                  "resultados de su evaluación{% if acta.cambia_puntaje %}: su puntaje final pasa de {{ acta.antes }} "
                  "a {{ acta.despues }}{% endif %}; estado: {{ acta.estado }}. Reemplaza al {{ acta.anterior }}.",
                  False)], keep_with_next=True)
    para(block, "{%p endif %}")
    closing(block, "El presente oficio no es impugnable ante el Comité de Evaluación, en tanto no es un acto que "
                   "pone fin a la instancia (numeral 3.3, literal d, del Instructivo).", size=9.5)
    closing(block, "Atentamente,", align="left")
    block.sign()
    save(doc, "oficios/oficio-reclamo.docx")


def oficio_retiro() -> None:
    doc = new_document()
    _letterhead(doc)
    _addressee(doc, "{{ 'Señor postulante'|concuerda(destinatario.genero) }}:")
    label_table(doc, [
        ("ASUNTO", ["Comunicación de retiro del Concurso Público para el Ascenso de Escala de los profesores de "
                    "Educación Básica, en el marco de la CPM de la LRM, correspondiente al año {{ concurso.anio }}"]),
        ("REFERENCIA", ["{%p for r in referencias %}", "{{ r }}", "{%p endfor %}"]),
    ])
    para(doc, "De nuestra consideración:", align="left")
    para(doc, "Es grato dirigirnos a usted para comunicarle que el Comité de Evaluación de la {{ jurisdiccion }}, "
              "luego de verificar la información de su informe escalafonario y la proporcionada por la DIED, ha "
              "determinado que usted, {{ postulante.nombre }}, con DNI N° {{ postulante.dni }}, incurre en "
              "{% if causales|length > 1 %}las siguientes causales de retiro del concurso, previstas{% else %}la "
              "siguiente causal de retiro del concurso, prevista{% endif %} en el numeral {{ numeral }} de la "
              "Norma Técnica:")
    para(doc, "{%p for c in causales %}")
    para(doc, "{{ c.texto }}.", bold=True)
    para(doc, "{%p if c.sustento %}")
    para(doc, "Sustento:", align="left", space_after=1)
    para(doc, "{%p for linea in c.sustento %}")
    para(doc, "– {{ linea }}", size=10, space_after=1)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")
    para(doc, "{{ reclamos }}")
    block = SignedBlock(doc)
    closing(block, "En consecuencia, se le comunica su retiro del {{ concurso.nombre }}, conforme al numeral 2.3 del "
                   "Instructivo para el Comité de Evaluación. El motivo de su retiro se visualiza también en el "
                   "aplicativo dispuesto por la DIED en la fecha de publicación de los resultados finales de la etapa "
                   "descentralizada.")
    para(block, "{%p if comunicar_director %}")
    closing(block, "Asimismo, conforme al numeral 2.3.2 del Instructivo, este Comité comunica los hechos "
                   "{{ 'al director'|concuerda(director_genero) }} de la {{ jurisdiccion }}, a fin de que se realicen "
                   "las acciones que correspondan.")
    para(block, "{%p endif %}")
    closing(block, "Atentamente,", align="left")
    block.sign()
    save(doc, "oficios/oficio-retiro.docx")


def oficio_retiro_director() -> None:
    doc = new_document()
    _letterhead(doc)
    _addressee(doc, "{{ destinatario.genero|tratamiento }}:")
    label_table(doc, [
        ("ASUNTO", ["Comunicación de causal de retiro {{ letras }} de un postulante del Concurso Público para el "
                    "Ascenso de Escala de los profesores de Educación Básica, correspondiente al año "
                    "{{ concurso.anio }}"]),
        ("REFERENCIA", ["{{ oficio_retiro }}, del {{ fecha_oficio_retiro|fecha_larga }} (comunicación del retiro "
                        "al postulante)"]),
    ])
    para(doc, "De nuestra consideración:", align="left")
    para(doc, "Es grato dirigirnos a usted para comunicarle que el Comité de Evaluación ha determinado que "
              "{{ 'el postulante'|concuerda(postulante.genero) }} {{ postulante.nombre }}, con DNI N° "
              "{{ postulante.dni }}, de la {{ postulante.iged }}, "
              "incurre en la causal de retiro prevista en el numeral {{ numeral }} de la Norma Técnica aprobada por "
              "{{ concurso.norma_tecnica }}, que se detalla a continuación:")
    para(doc, "{%p for c in causales %}")
    para(doc, "{{ c.texto }}.", bold=True)
    para(doc, "{%p for linea in c.sustento %}")
    para(doc, "– {{ linea }}", size=10, space_after=1)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    block = SignedBlock(doc)
    # What the Comité asks for closes the oficio: it travels with the signatures.
    closing(block, "En tal sentido, conforme al numeral 2.3.2 del Instructivo, solicitamos a su despacho:")
    closing(block, "a) Comunicar los hechos a la {{ procuraduria }}, con copia a {% if procuraduria_minedu %}la "
                   "{{ procuraduria_minedu }} y a {% endif %}la DIED, a fin de que se realicen las acciones que "
                   "correspondan en el marco de sus competencias.", space_after=3)
    closing(block, "b) Remitir los actuados a la Comisión Permanente o Especial de Procesos Administrativos "
                   "Disciplinarios para Docentes a la que pertenece "
                   "{{ 'el postulante'|concuerda(postulante.genero) }}, dependiendo del cargo que ejerce en la "
                   "Carrera Pública Magisterial, a fin de que se dé inicio al procedimiento disciplinario y se "
                   "determine la sanción, en caso corresponda.")
    closing(block, "Se adjunta copia del {{ oficio_retiro }}, con el que se comunicó el retiro "
                   "{{ 'al postulante'|concuerda(postulante.genero) }}.")
    closing(block, "Atentamente,", align="left")
    block.sign()
    save(doc, "oficios/oficio-retiro-director.docx")


def _document_tables(doc) -> None:
    """The documents with their folios: a table per group (a tomo, or a slice of a long list,
    see informe_final.ROWS_PER_TABLE), under the tomo's heading when there are several."""
    para(doc, "{%p for g in grupos %}")
    para(doc, "{%p if g.titulo %}")
    para(doc, "{{ g.titulo }}", bold=True, size=9.5, keep_with_next=True)
    para(doc, "{%p endif %}")
    loop_table(doc, ["N°", "Documento", "Folios"], ["{{ d.numero }}", "{{ d.titulo }}", "{{ d.folios }}"],
               "d in g.documentos", widths=[0.9, 12.6, 3.0], size=8.5, align=["center", "left", "center"])
    para(doc, "{%p endfor %}")


def informe_final() -> None:
    doc = new_document()
    title(doc, "{{ numero }}", size=12, space_after=10)
    label_table(doc, [
        ("A", ["{{ director }}", "{{ 'Director'|concuerda(director_genero) }} de la {{ jurisdiccion }}"]),
        ("De", ["{{ presidente.nombre }}", "{{ presidente.cargo }}, conformado mediante {{ resolucion }}"]),
        ("Asunto", ["SE REMITE INFORME FINAL DEL PROCESO DE EVALUACIÓN A CARGO DEL COMITÉ DE EVALUACIÓN DEL "
                    "CONCURSO PÚBLICO PARA EL ASCENSO DE ESCALA DE LOS PROFESORES DE EDUCACIÓN BÁSICA EN EL MARCO "
                    "DE LA CARRERA PÚBLICA MAGISTERIAL DE LA LEY N° 29944, LEY DE REFORMA MAGISTERIAL, "
                    "CORRESPONDIENTE AL AÑO {{ concurso.anio }}"]),
        ("DRE/UGEL", ["{{ jurisdiccion }}"]),
        ("Fecha", ["{{ fecha|fecha_larga }}"]),
    ])
    para(doc, "Tengo el agrado de dirigirme a usted, en atención al asunto del presente, para informarle lo "
              "siguiente:")
    heading(doc, "I. INTRODUCCIÓN")
    para(doc, "Es grato dirigirnos a usted a fin de saludarle cordialmente y, a la vez, comunicarle que, en función "
              "a nuestras responsabilidades contenidas en el numeral 5.3.7.3.1 de la Norma Técnica que regula el "
              "presente concurso, aprobada mediante la {{ concurso.norma_tecnica }} y convocado mediante la "
              "{{ concurso.convocatoria }}, procedemos a elevar a su despacho el informe final del concurso "
              "debidamente documentado con la información de cada postulante.")
    heading(doc, "II. DESARROLLO")
    heading(doc, "2.1 Comité de Evaluación")
    members_table(doc)
    heading(doc, "2.2 Profesores postulantes al concurso")
    para(doc, "El Comité tuvo a su cargo {{ postulantes|length|cantidad('postulante') }}. Su estado y su puntaje "
              "final, después de los reclamos (los retiros del concurso, con su causal):")
    loop_table(doc, ["N°", "Apellidos y nombres", "DNI", "IGED", "Estado", "Puntaje final"],
               ["{{ loop.index }}", "{{ p.nombre }}", "{{ p.dni }}", "{{ p.iged }}", "{{ p.estado }}",
                "{{ p.puntaje_final|puntaje }}"],
               "p in postulantes", widths=[0.9, 4.6, 1.9, 3.6, 3.4, 2.1], size=8,
               align=["center", "left", "center", "left", "left", "right"])
    heading(doc, "2.3 Actividades realizadas")
    para(doc, "{%p for a in actividades %}")
    rich(doc, [("{{ a.titulo }}: ", True), ("{{ a.texto }}", False)])
    para(doc, "{%p endfor %}")
    para(doc, "{%p if sesiones %}")
    loop_table(doc, ["N°", "Fecha", "Hora de inicio", "Hora de cierre", "Asunto / actividad", "Acta"],
               ["{{ loop.index }}", "{{ s.fecha|fecha_corta }}", "{{ s.hora_inicio|hora }}",
                "{{ s.hora_cierre|hora }}", "{{ s.asunto }}", "{{ s.acta }}"],
               "s in sesiones", widths=[0.8, 1.9, 1.5, 1.5, 7.3, 3.5], size=8.5)
    para(doc, "{%p endif %}")
    para(doc, "{%p if reclamos %}")
    loop_table(doc, ["Expediente", "Postulante", "Presentado", "Puntos", "Resultado"],
               ["{{ r.expediente }}", "{{ r.postulante }}", "{{ r.fecha|fecha_corta }}", "{{ r.puntos }}",
                "{{ r.resultado }}"],
               "r in reclamos", widths=[2.8, 5.0, 2.2, 4.0, 2.5], size=8.5)
    para(doc, "{%p endif %}")
    heading(doc, "2.4 Documentos adjuntos al informe")
    para(doc, "{{ adjuntos_texto }}")
    # The expediente's own index lists every document (Anexo 3, 2.4): the informe does not reprint it.
    para(doc, "{%p for t in tomos %}")
    para(doc, "– Tomo {{ t.numero }}: folios {{ t.folios }}.", size=10, space_after=1)
    para(doc, "{%p endfor %}")
    heading(doc, "III. OBSERVACIONES/INCIDENCIAS")
    para(doc, "{%p for o in observaciones %}")
    para(doc, "{{ loop.index }}. {{ o }}", space_after=3)
    para(doc, "{%p endfor %}")
    block = SignedBlock(doc)
    heading(block, "IV. CONCLUSIONES")
    para(block, "{%p for c in conclusiones %}")
    closing(block, "{{ loop.index }}. {{ c }}", space_after=3)
    para(block, "{%p endfor %}")
    closing(block, "Sin otro particular, hacemos propicia la oportunidad para expresarle los sentimientos de nuestra "
                   "especial consideración.")
    closing(block, "Atentamente,", align="left")
    block.sign()
    heading(doc, "DOCUMENTOS ADJUNTOS:")
    para(doc, "{%p for d in adjuntos %}")
    para(doc, "– {{ d }}", size=10, space_after=1)
    para(doc, "{%p endfor %}")
    save(doc, "informes/informe-final.docx")


def indice_expediente() -> None:
    doc = new_document()
    title(doc, "ÍNDICE DEL EXPEDIENTE", size=13)
    title(doc, "{{ informe }}", size=10)
    title(doc, "{{ concurso.nombre|mayusculas }}", size=9.5, space_after=8)
    para(doc, "Expediente del proceso de evaluación del Comité de Evaluación de la {{ jurisdiccion }}, conformado "
              "mediante {{ resolucion }}: {{ total }} folios, numerados en la esquina superior derecha de cada "
              "página (este índice y la carátula de cada tomo incluidos).", size=10)
    _document_tables(doc)
    para(doc, "{%p for nota in notas %}")
    para(doc, "{{ nota }}", italic=True, size=9)
    para(doc, "{%p endfor %}")
    save(doc, "informes/indice-expediente.docx")


def caratula_expediente() -> None:
    """One cover per tomo, each on its own page (the whole loop is one document, one conversion)."""
    doc = new_document()
    # The covers share one document: its «Página X de Y» would count them all, so they go without.
    footer = doc.sections[0].footer
    for paragraph in footer.paragraphs:
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
    para(doc, "{%p for t in tomos %}")
    first = para(doc, "", space_after=120)
    first.paragraph_format.page_break_before = True
    title(doc, "EXPEDIENTE DEL PROCESO DE EVALUACIÓN", size=16, space_after=10)
    title(doc, "{{ concurso.nombre|mayusculas }}", size=12, space_after=24)
    title(doc, "Comité de Evaluación de la {{ jurisdiccion }}", size=12)
    title(doc, "conformado mediante {{ resolucion }}", size=11, space_after=24)
    title(doc, "Anexo del {{ informe }}, del {{ fecha|fecha_larga }}", size=11, space_after=48)
    title(doc, "TOMO {{ t.numero }} DE {{ t.de }}", size=20, space_after=10)
    title(doc, "Folios {{ t.folios }}{% if t.de > 1 %} ({{ t.cantidad }} de los {{ total }} folios del "
               "expediente){% endif %}", size=12)
    para(doc, "{%p endfor %}")
    save(doc, "informes/caratula-expediente.docx")


BUILDERS = [oficio_reclamo, oficio_retiro, oficio_retiro_director, informe_final, indice_expediente,
            caratula_expediente]
