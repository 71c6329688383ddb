"""Template of the Acta de instalación del Comité de Evaluación (seed 003, Anexo 1)."""

from __future__ import annotations

from .kit import SignedBlock, closing, heading, members_table, new_document, para, save, title


def acta_instalacion() -> None:
    doc = new_document()
    title(doc, "ACTA DE INSTALACIÓN DEL COMITÉ DE EVALUACIÓN", size=13)
    title(doc, "{{ numero }}", size=11)
    title(doc, "{{ concurso.nombre|mayusculas }}", size=10, space_after=12)
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


BUILDERS = [acta_instalacion]
