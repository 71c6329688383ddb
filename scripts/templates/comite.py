"""Templates of the Comité de Evaluación's actas: the Acta de instalación (seed 003, Anexo 1) and
the acta of each working session (seed 003, 1.5 d)."""

from __future__ import annotations

from .kit import SignedBlock, closing, heading, loop_table, members_table, new_document, para, rich, save, title


def _new_acta(name: str):
    """An acta of the Comité: its name, its number and the concurso, centred."""
    doc = new_document()
    title(doc, name, size=13)
    title(doc, "{{ numero }}", size=11)
    title(doc, "{{ concurso.nombre|mayusculas }}", size=10, space_after=12)
    return doc


def acta_instalacion() -> None:
    doc = _new_acta("ACTA DE INSTALACIÓN DEL COMITÉ DE EVALUACIÓN")
    para(
        doc,
        "El día {{ fecha|fecha_larga }}, a las {{ hora_inicio|hora }} horas{% if lugar %}, en {{ lugar }}{% endif %}, "
        "se reunieron los integrantes del Comité de Evaluación del Concurso Público para el Ascenso de "
        "Escala de los profesores de Educación Básica en el marco de la Carrera Pública Magisterial de la "
        "Ley N° 29944, Ley de Reforma Magisterial, correspondiente al año {{ concurso.anio }}; pertenecientes "
        "a la jurisdicción de la {{ jurisdiccion }}, conformado mediante {{ resolucion }}, realizaron la "
        "sesión de instalación de acuerdo con lo dispuesto en la Norma Técnica que regula el concurso, "
        "aprobada por {{ concurso.norma_tecnica }}. El Comité de Evaluación está conformado por las "
        "siguientes personas:",
    )
    members_table(doc)
    para(doc, "Los integrantes del Comité de Evaluación declaran bajo juramento, lo siguiente:")
    for number, text in enumerate(
        (
            "Haber revisado el contenido de la Norma Técnica que regula el concurso.",
            "No incurrir en los impedimentos o causales de abstención en el ejercicio de su función como "
            "parte del Comité de Evaluación, de acuerdo con lo señalado en la Norma Técnica.",
            "Cumplir con las funciones que les han sido encomendadas, conforme con lo dispuesto en la Norma "
            "Técnica que regula el citado concurso.",
            "Haber planificado el trabajo del Comité y establecido el cronograma interno del concurso.",
        ),
        start=1,
    ):
        para(doc, f"{number}. {text}", space_after=3)
    # The acuerdos close the body: they travel with the closing sentence and the signatures.
    block = SignedBlock(doc)
    heading(block, "Además, se acordó lo siguiente:")
    para(block, "{%p for acuerdo in acuerdos %}")
    closing(block, "{{ loop.index }}. {{ acuerdo }}", space_after=3)
    para(block, "{%p endfor %}")
    para(block, "{%p if not acuerdos %}")
    closing(block, "No se adoptaron acuerdos adicionales.", italic=True)
    para(block, "{%p endif %}")
    closing(
        block,
        "Para dejar constancia de la instalación del Comité de Evaluación se suscribe la presente acta, "
        "a las {{ hora_cierre|hora }} horas del día {{ fecha|fecha_corta }}.",
    )
    closing(block, "Atentamente,", align="left")
    block.sign()
    save(doc, "actas/acta-instalacion.docx")


def acta_sesion() -> None:
    doc = _new_acta("ACTA DE SESIÓN DE TRABAJO DEL COMITÉ DE EVALUACIÓN")
    para(
        doc,
        "{% if lugar %}En {{ lugar }}, el{% else %}El{% endif %} {{ fecha|fecha_larga }}, a las "
        "{{ hora_inicio|hora }} horas, se reunieron en sesión de trabajo, convocada por la presidencia del Comité, "
        "los integrantes del Comité de Evaluación del Concurso Público para el Ascenso de Escala de los profesores "
        "de Educación Básica en el marco de la Carrera Pública Magisterial de la Ley N° 29944, Ley de Reforma "
        "Magisterial, correspondiente al año {{ concurso.anio }}, de la jurisdicción de la {{ jurisdiccion }}, "
        "conformado mediante {{ resolucion }}. Asisten sus tres integrantes, con lo que el Comité sesiona "
        "válidamente (numeral 1.5, literal d, del Instructivo):",
    )
    loop_table(
        doc,
        ["Integrante", "Nombres y apellidos", "Cargo del puesto", "DNI"],
        ["{{ m.rol }}", "{{ m.nombre }}", "{{ m.cargo }}", "{{ m.dni }}"],
        "m in integrantes",
        widths=[3.2, 4.6, 6.6, 2.1],
        size=8.5,
    )
    heading(doc, "Agenda")
    para(doc, "{{ agenda }}.")
    # What the session agreed closes the acta: it travels with the signatures.
    block = SignedBlock(doc)
    heading(block, "Acuerdos")
    para(block, "Luego de deliberar, el Comité adoptó por mayoría simple los siguientes acuerdos:")
    para(block, "{%p for acuerdo in acuerdos %}")
    closing(block, "{{ loop.index }}. {{ acuerdo }}", space_after=3)
    para(block, "{%p endfor %}")
    para(block, "{%p if not acuerdos %}")
    closing(block, "No se registraron acuerdos en esta sesión.", italic=True)
    para(block, "{%p endif %}")
    para(block, "{%p if aprobados %}")
    rich(block, [("Documentos aprobados: ", True),
                 ("en esta sesión el Comité aprobó {{ aprobados|lista }}, que llevan la fecha de la presente acta.",
                  False)], keep_with_next=True)
    para(block, "{%p endif %}")
    closing(
        block,
        "Siendo las {{ hora_cierre|hora }} horas del mismo día, se dio por concluida la sesión y, en señal de "
        "conformidad, firman la presente acta los tres integrantes del Comité de Evaluación.",
    )
    block.sign()
    save(doc, "actas/acta-sesion.docx")


BUILDERS = [acta_instalacion, acta_sesion]
