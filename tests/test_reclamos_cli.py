"""End to end (issue #4): `cddgen render oficio-reclamo`, `oficio-retiro`, `informe-final` and
`score` on the sample, reading the documents back from the .docx and the PDF, and every folio
of the expediente back from its pages."""

from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader


from .conftest import EXAMPLES, docx_text, pdf_pages, pdf_text, squash
from .helpers import files_under, run_cli

LOAYZA = "44332211"  # EXP-2026-000104: bonificación fundado + criterio 3.1 infundado
ORE = "46987654"  # causal f)


def run(tmp_path, *args, today: str = "2026-02-20"):
    return run_cli(tmp_path, *args, today=today)


@pytest.fixture
def sample(example):
    example("comite.xlsx")
    return example("ascenso.xlsx")


@pytest.mark.libreoffice
def test_oficio_reclamo_of_a_two_point_reclamo_with_its_new_acta(tmp_path, sample):
    result = run(tmp_path, "render", "oficio-reclamo", "--postulante", LOAYZA, str(sample))
    assert result.exit_code == 0, result.output
    outbox = tmp_path / "outbox" / "2026"
    actas = sorted(p.name for p in (outbox / "acta-resultados").glob("*.docx"))
    # The original acta (v1) is emitted first; the new one has its own number and file beside it.
    assert actas == ["ACTA DE RESULTADOS N° 001-2026-CE-UGEL02 44332211 Loayza Benavides, Gladys.docx",
                     "ACTA DE RESULTADOS N° 002-2026-CE-UGEL02 44332211 Loayza Benavides, Gladys v2.docx"]
    assert all((outbox / "acta-resultados" / name).with_suffix(".pdf").exists() for name in actas)
    (oficio,) = (outbox / "oficio-reclamo").glob("*.docx")
    assert oficio.name == "OFICIO N° 001-2026-CE-UGEL02 44332211 Loayza Benavides, Gladys Exp. EXP-2026-000104.docx"
    for text in (squash(docx_text(oficio)), squash(pdf_text(oficio.with_suffix(".pdf")))):
        assert "OFICIO N° 001-2026-CE-UGEL02" in text and "Lima, 3 de febrero de 2026" in text
        assert ("Respuesta al reclamo correspondiente al Concurso Público para el Ascenso de Escala de los profesores "
                "de Educación Básica, en el marco de la CPM de la LRM, correspondiente al año 2025") in text
        assert "Expediente EXP-2026-000104" in text and "Fecha de presentación del reclamo: 28/01/2026" in text
        assert "Gladys Loayza Benavides" in text and "Correo electrónico: gloayza@gmail.com" in text
        assert "el artículo 29 de la LRM, concordante con el artículo 65 del Reglamento de la LRM y el numeral 5.3.7.3.1" \
               in text
        assert ("2.1 En relación al reclamo referido a la bonificación por discapacidad (punto 1)" in text)
        assert "Resultado recalculado – Bonificación por discapacidad: antes, no se otorga; ahora, se otorga." in text
        # 1.5 g: the copies handed before the reclamo are on record.
        assert ("Se deja constancia de que, a su solicitud del 21 de enero de 2026, se le entregó copia de los "
                "documentos que forman parte de su evaluación el 23 de enero de 2026") in text
        assert "2.2 En relación al reclamo referido al criterio 3.1 de la Matriz de Valoración" in text
        assert text.count("en este extremo es declarado FUNDADO.") == 1
        assert text.count("en este extremo es declarado INFUNDADO.") == 1
        assert "SE RESUELVE: 1. Declarar FUNDADO el reclamo referido a la bonificación por discapacidad (punto 1). " \
               "2. Declarar INFUNDADO el reclamo referido al criterio 3.1" in text
        assert ("Se adjunta el ACTA DE RESULTADOS N° 002-2026-CE-UGEL02, emitida en atención al presente reclamo, en "
                "la que se advierte la modificación de los resultados de su evaluación: su puntaje final pasa de 82 a "
                "94.3; estado: CUMPLE REQUISITOS. Reemplaza al ACTA DE RESULTADOS N° 001-2026-CE-UGEL02, del 19 de "
                "enero de 2026.") in text
        assert "→" not in text and "(v1)" not in text
        assert "María Elena Quispe Ñañez" in text and "Rosa Amelia Huamán Cárdenas" in text
    new = squash(docx_text(outbox / "acta-resultados" / actas[1]))
    # One point fundado and one infundado: «fundado en parte» (seed 003, 3.3), dated after the acta it replaces.
    assert ("Acta emitida en atención al reclamo Exp. N° EXP-2026-000104, declarado fundado en parte; reemplaza al "
            "ACTA DE RESULTADOS N° 001-2026-CE-UGEL02, del 19 de enero de 2026.") in new
    assert "En Lima, el 3 de febrero de 2026" in new
    changes = [[c.text for c in row.cells] for row in Document(str(outbox / "acta-resultados" / actas[1])).tables[0].rows]
    assert changes == [["Aspecto", "Antes", "Después"], ["Bonificación por discapacidad", "No se otorga", "Se otorga"],
                       ["Puntaje final", "82", "94.3"]]
    original = squash(docx_text(outbox / "acta-resultados" / actas[0]))
    assert "Acta emitida en atención al reclamo" not in original and "Puntaje final 82" in original
    # The original acta takes the date of the session that approved the actas (comite.xlsx, «Sesiones»).
    assert "En Lima, el 19 de enero de 2026" in original
    history = load_workbook(outbox / "historial-reclamos.xlsx").active
    rows = [[c.value for c in row] for row in history.iter_rows(min_row=2)]
    assert [(r[2], r[4], r[7], r[9], r[10], r[13], r[14], r[15]) for r in rows] == [
        ("EXP-2026-000104", "1", "Fundado", "No se otorga", "Se otorga", "ACTA DE RESULTADOS N° 001-2026-CE-UGEL02",
         "ACTA DE RESULTADOS N° 002-2026-CE-UGEL02", "CUMPLE REQUISITOS"),
        ("EXP-2026-000104", "2", "Infundado", "0 de 6", "0 de 6", "ACTA DE RESULTADOS N° 001-2026-CE-UGEL02",
         "ACTA DE RESULTADOS N° 002-2026-CE-UGEL02", "CUMPLE REQUISITOS")]
    # Rendering again (without PDF) keeps every number and the history does not grow; the files
    # of the documents rendered again move to reemplazados/ first, so no old PDF stays beside a
    # new .docx (issue 14.3). The original acta, already issued, is not rendered again.
    before = {p.relative_to(outbox) for p in files_under(outbox)}
    again = {p for p in before if p.parent.name != "acta-resultados" or "v2" in p.name}
    again = {p for p in again if p.suffix in (".docx", ".pdf") or p.name.endswith(".firmas.json")}
    assert len(again) == 6  # each one's .docx, .pdf and the positions of its signature fields
    assert run(tmp_path, "render", "oficio-reclamo", "--sin-pdf", "--postulante", LOAYZA, str(sample)).exit_code == 0
    after = {p.relative_to(outbox) for p in files_under(outbox)}
    assert after == before - {p for p in again if p.suffix != ".docx"}
    replaced = tmp_path / "outbox" / "reemplazados" / "2026"
    assert {p.relative_to(replaced) for p in files_under(replaced)} == again
    assert load_workbook(outbox / "historial-reclamos.xlsx").active.max_row == 3


def test_a_postulante_without_reclamos_or_without_causal(tmp_path, sample):
    result = run(tmp_path, "render", "oficio-reclamo", "--sin-pdf", "--postulante", "41234567", str(sample))
    assert result.exit_code == 2
    assert "Ccori Mamani, Lucía (DNI 41234567) no presentó reclamos" in result.output
    result = run(tmp_path, "render", "oficio-retiro", "--sin-pdf", "--postulante", "41234567", str(sample))
    assert result.exit_code == 2 and "no incurre en causal de retiro después de los reclamos" in result.output
    result = run(tmp_path, "render", "oficio-retiro", "--sin-pdf", "--postulante", "12345678", str(sample))
    assert result.exit_code == 2 and "El DNI 12345678 no figura en la hoja «Postulantes»" in result.output
    assert files_under(tmp_path / "outbox") == []


def test_oficio_retiro_f_goes_to_the_postulante_and_to_the_director(tmp_path, sample):
    result = run(tmp_path, "render", "oficio-retiro", "--sin-pdf", "--postulante", ORE, str(sample))
    assert result.exit_code == 0, result.output
    outbox = tmp_path / "outbox" / "2026"
    (letter,) = (outbox / "oficio-retiro").glob("*.docx")
    (director,) = (outbox / "oficio-retiro-director").glob("*.docx")
    assert letter.name.startswith("OFICIO N° 001-2026-CE-UGEL02 46987654")
    assert director.name.startswith("OFICIO N° 002-2026-CE-UGEL02 46987654")
    text = squash(docx_text(letter))
    assert ("incurre en la siguiente causal de retiro del concurso, prevista en el numeral 5.2.5.1.1 de la Norma "
            "Técnica: f) Presentar documentos falsos o adulterados durante la etapa descentralizada.") in text
    assert "Oficio N° 0456-2026-UGEL02-ATD" in text
    assert "El postulante no presentó reclamo sobre los resultados preliminares." in text
    # Dated by the session that approved the retiros; REFERENCIA cites the acta de resultados it follows.
    assert "Lima, 5 de febrero de 2026" in text
    assert ("REFERENCIA ACTA DE RESULTADOS N° 001-2026-CE-UGEL02, del 19 de enero de 2026 En consecuencia, se le "
            "comunica su retiro") in text  # one reference only: the closing block follows it
    text = squash(docx_text(director))
    assert "Luis Enrique Salvatierra Gómez Director de la Unidad de Gestión Educativa Local N° 02" in text
    # Lima Metropolitana has no Gobierno Regional: the default procuraduría is the Minedu's (institucion.procuraduria).
    assert ("Comunicar los hechos a la Procuraduría Pública del Ministerio de Educación, con copia a la DIED, a fin "
            "de que") in text
    assert "Gobierno Regional" not in text and "Procesos Administrativos Disciplinarios" in text
    assert "REFERENCIA OFICIO N° 001-2026-CE-UGEL02, del 5 de febrero de 2026 (comunicación del retiro" in text
    assert "Se adjunta copia del OFICIO N° 001-2026-CE-UGEL02" in text
    # Causal j) after an infundado reclamo: the failing requisito and the reclamo are both motivated.
    result = run(tmp_path, "render", "oficio-retiro", "--sin-pdf", "--postulante", "40567891", str(sample))
    assert result.exit_code == 0, result.output
    (chavez,) = [p for p in (outbox / "oficio-retiro").glob("*40567891*")]
    text = squash(docx_text(chavez))
    assert "j) No cumplir con los requisitos para postular al concurso" in text
    assert "d) Sin sanción vigente ni registrada (escalafón o RNSSC): Registra sanción vigente" in text
    # 2.3.2, «debidamente motivado»: the sanción's record, its date and source (the form's idoneidad d) columns).
    assert ("(Constancia de consulta del RNSSC N° 2025-0087, del 21/10/2025; fuente: Registro Nacional de Sanciones "
            "contra Servidores Civiles – RNSSC)") in text
    assert "el reclamo del Exp. N° EXP-2026-000107, presentado el 26 de enero de 2026, fue declarado infundado" in text
    # REFERENCIA: his acta and the oficio that answered his reclamo, both numbered and dated.
    reply = next((outbox / "oficio-reclamo").glob("*EXP-2026-000107*.docx")).name.split(" 40567891")[0]
    assert (f"REFERENCIA a) ACTA DE RESULTADOS N° 002-2026-CE-UGEL02, del 19 de enero de 2026 b) {reply}, del 3 de "
            "febrero de 2026, respuesta al reclamo del Exp. N° EXP-2026-000107") in text
    assert not list((outbox / "oficio-retiro-director").glob("*40567891*"))


def test_score_prints_the_last_day_for_copies_and_the_results_after_reclamos(tmp_path, sample):
    result = run(tmp_path, "score", str(sample))
    assert result.exit_code == 0, result.output
    assert ("Último día para entregar copias de los documentos de evaluación: 27 de enero de 2026 (plazo de "
            "reclamos: del 26 de enero de 2026 al 28 de enero de 2026).") in result.output
    workbook = load_workbook(tmp_path / "outbox" / "resultados.xlsx")
    assert workbook.sheetnames == ["Resultados", "Sustento", "Parámetros", "Después de reclamos"]
    rows = list(workbook["Después de reclamos"].iter_rows(values_only=True))
    column = {name: index for index, name in enumerate(rows[0])}
    column.update({name.split(" ")[0]: index for index, name in enumerate(rows[0]) if name[:1].isdigit()
                   and "Sustento" not in name and "Años" not in name})
    by_dni = {row[0]: row for row in rows[1:]}
    assert by_dni["06543210"][column["Estado"]] == "CUMPLE REQUISITOS"
    assert by_dni["06543210"][column["Cambió"]] == "Sí"
    assert by_dni["47123456"][column["Versión del acta"]] == 3
    assert by_dni["47123456"][column["1.3"]] == 2 and by_dni["47123456"][column["1.5"]] == 1
    assert by_dni["44332211"][column["Puntaje final"]] == 94.3
    assert by_dni["46987654"][column["Causales de retiro después de los reclamos"]].startswith(
        "f) Presentar documentos falsos")
    assert by_dni["41987654"][column["Reclamos (expedientes)"]] == "EXP-2026-000103 (infundado)"
    # A postulante whose reclamo was infundado keeps every decision: «Cambió» is No.
    assert by_dni["41987654"][column["Cambió"]] == "No"
    original = {row[0]: row for row in workbook["Resultados"].iter_rows(values_only=True)}
    assert original["06543210"][column["Estado"]] == "NO CUMPLE REQUISITOS"


def test_informe_final_needs_its_director(tmp_path, sample):
    from .helpers import edit_workbook

    edit_workbook(sample.parent / "comite.xlsx", {"Informe final": {"B2": None}})
    result = run(tmp_path, "render", "informe-final", "--sin-pdf", str(sample))
    assert result.exit_code == 2
    assert "Falta el nombre del director(a) de la DRE/UGEL" in result.output and "director = " in result.output
    assert files_under(tmp_path / "outbox") == []
    (tmp_path / "cddgen.toml").write_text('[institucion]\ndirector = "Ana Director Prueba"\n', encoding="utf-8")
    result = run(tmp_path, "render", "informe-final", "--sin-pdf", str(sample))
    assert result.exit_code == 0, result.output
    assert "No se generó el expediente foliado" in result.output
    (informe,) = (tmp_path / "outbox" / "2026" / "informe-final").glob("*.docx")
    text = squash(docx_text(informe))
    assert "Ana Director Prueba" in text and "El expediente foliado no se generó" in text
    assert "No se adjunta al expediente la copia de la resolución de conformación" in text


_ROW = re.compile(r"^ {0,4}(\d+) {2,}(\S.*?) {2,}(\d+(?: al \d+)?)\s*$")
_CONTINUED = re.compile(r"^ {5,12}(\S.*?)\s*$")


def index_entries(reader, pages) -> list[tuple[str, str, str]]:
    """The expediente's index read back from its PDF pages, (N°, title, folios) per row: the table
    laid out by columns, a title wrapped over several lines joined again."""
    rows: list[list[str]] = []
    for number in pages:
        for line in reader.pages[number].extract_text(extraction_mode="layout").splitlines():
            if match := _ROW.match(line):
                rows.append(list(match.groups()))
            elif rows and (match := _CONTINUED.match(line)):
                title = rows[-1][1]
                rows[-1][1] = title + match.group(1) if title.endswith("-") else f"{title} {match.group(1)}"
    return [tuple(row) for row in rows]


def _pages(folios: str) -> tuple[int, int]:
    first, _, last = folios.partition(" al ")
    return int(first), int(last or first)


@pytest.mark.libreoffice
def test_informe_final_counts_from_the_data_and_its_expediente_holds_the_whole_record(tmp_path, sample):
    resolution = tmp_path / "resolucion.pdf"
    shutil.copyfile(EXAMPLES / "resolucion-conformacion.pdf", resolution)
    documents = tmp_path / "documentos"
    shutil.copytree(EXAMPLES / "documentos", documents)
    result = run(tmp_path, "render", "informe-final", "--resolucion", str(resolution), "--documentos",
                 str(documents), str(sample))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "outbox" / "2026" / "informe-final"
    informe = folder / "INFORME N° 001-2026-CE-UGEL02.docx"
    expediente = folder / "EXPEDIENTE INFORME N° 001-2026-CE-UGEL02.pdf"
    assert informe.exists() and informe.with_suffix(".pdf").exists() and expediente.exists(), result.output
    text = squash(docx_text(informe))
    assert "Fecha 16 de febrero de 2026" in text  # the committee form's «Fecha del informe final»

    # 2.3: counted from the workbooks.
    reclamos = list(load_workbook(sample, read_only=True)["Reclamos"].iter_rows(min_row=2, values_only=True))
    expedientes = {row[0] for row in reclamos if row[0]}
    points = [row for row in reclamos if row[0]]
    sessions = [row for row in load_workbook(sample.parent / "comite.xlsx", read_only=True)["Sesiones"]
                .iter_rows(min_row=2, values_only=True) if row[0]]
    postulantes = [row for row in load_workbook(sample, read_only=True)["Postulantes"]
                   .iter_rows(min_row=2, values_only=True) if row[0]]
    assert (len(expedientes), len(points), len(sessions), len(postulantes)) == (8, 10, 7, 34)
    assert f"El Comité sesionó {len(sessions)} veces después de su instalación" in text
    assert f"trayectoria profesional de {len(postulantes)} postulantes" in text
    assert "27 cumplen requisitos y 7 no los cumplen en los resultados preliminares" in text
    # The sample's design (scripts/examples/ascenso.py): one late reclamo, one point not about the results, and
    # one reclamo with a point fundado and another infundado: «fundado en parte» (3.3).
    assert (f"Se recibieron {len(expedientes)} reclamos con {len(points)} puntos en total. Por expediente: "
            "3 fundados, 1 fundado en parte, 3 infundados y 1 improcedente. Por punto: 4 fundados, 4 infundados y 2 "
            "improcedentes.") in text
    assert "Se emitieron 34 actas individuales de resultados y 4 actas nuevas" in text
    assert "Se emitieron 8 oficios de retiro (causal f): 1, causal i): 1, causal j): 6) y 1 comunicación" in text
    assert "El último día para entregarlas fue el 27 de enero de 2026, un (1) día hábil antes" in text
    # 1.5 c: the communications whose receipt is not confirmed are reported.
    assert ("Se remitieron 16 oficios a los postulantes (respuestas a reclamos y retiros), por medios que permiten "
            "comprobar su envío y recepción (numeral 1.5, literal c, del Instructivo): 14 oficios con confirmación de "
            "recepción y 2 oficios sin ella (ver observaciones).") in text
    assert re.search(r"Oficios a los postulantes sin confirmación de su recepción \(numeral 1\.5, literal c, del "
                     r"Instructivo\): OFICIO N° \d{3}-2026-CE-UGEL02 \(Mendoza Salas, Carlos Alberto \(DNI 20384756\)\), "
                     r"enviado por correo electrónico el 03/02/2026, sin confirmación de recepción; OFICIO N° "
                     r"\d{3}-2026-CE-UGEL02 \(Condori Layme, Fredy \(DNI 03456789\)\), sin registro de envío\.", text)
    # 2.2: the retired postulantes with their causal.
    rows = {row.cells[2].text: row.cells[4].text for table in Document(str(informe)).tables
            if table.rows[0].cells[0].text == "N°" and len(table.columns) == 6 for row in table.rows[1:]}
    # In each one's gender (the «Tratamiento» of «Postulantes»).
    assert rows["46987654"] == "RETIRADO – causal f)" and rows["05678901"] == "RETIRADA – causal i)"
    assert rows["40567891"] == "RETIRADO – causal j)" and rows["41234567"] == "CUMPLE REQUISITOS"
    # III. Observaciones.
    assert "Bonificación por discapacidad de Zúñiga Paredes, Miguel Ángel (DNI 45678123): El certificado" in text
    assert "se prescindió de la firma de Rosa Amelia Huamán Cárdenas, tercer miembro" in text
    assert "Participación del Comité de Vigilancia: El Comité de Vigilancia observó" in text
    assert ("Copias de los documentos de evaluación de Mamani Condori, Yolanda (DNI 41987654): solicitadas el "
            "23/01/2026 y entregadas el 28/01/2026, después del plazo (hasta el 27/01/2026).") in text
    assert "A Luis Enrique Salvatierra Gómez Director de la Unidad de Gestión Educativa Local N° 02" in text

    # The expediente: every page read back, folios 1…N without gap; a cover, then the index.
    reader = PdfReader(str(expediente))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert re.findall(r"Folio (\d+)", page.extract_text()) == [str(number)], number
    assert "TOMO 1 DE 1" in reader.pages[0].extract_text() and f"Folios 1 al {total}" in reader.pages[0].extract_text()
    assert "ÍNDICE DEL EXPEDIENTE" in reader.pages[1].extract_text()
    index_pages = sum(1 for page in reader.pages[1:6] if "Índice del expediente" in page.extract_text()
                      or "ÍNDICE DEL EXPEDIENTE" in page.extract_text())
    # 2.4 points to the index instead of reprinting it.
    assert (f"foliado del 1 al {total} ({total} folios). Su índice (folios 2 al {1 + index_pages}) detalla cada "
            "documento") in text
    assert not [t for t in Document(str(informe)).tables if [c.text for c in t.rows[0].cells] == ["N°", "Documento",
                                                                                                  "Folios"]]
    entries = index_entries(reader, range(1, 1 + index_pages))
    assert [int(n) for n, _, _ in entries] == list(range(1, len(entries) + 1))
    ranges = [_pages(folios) for _, _, folios in entries]
    assert ranges[0] == (1, 1) and ranges[-1][1] == total
    assert all(b[0] == a[1] + 1 for a, b in zip(ranges, ranges[1:]))
    titles = [title for _, title, _ in entries]
    assert titles[:4] == ["Carátula del tomo 1", "Índice del expediente",
                          "Resolución de conformación del Comité de Evaluación: Resolución Directoral N° "
                          "00125-2025-UGEL02", "ACTA N° 001-2026-CE-UGEL02 – Instalación del Comité"]
    assert [t.split(" – ")[1] for t in titles[4:11]] == [f"Sesión de trabajo del {row[0]:%d/%m/%Y}" for row in sessions]
    # Postulante by postulante: Rojas Medina's new informe escalafonario (documents folder) before her acta; Loayza's
    # reclamo writing before her reply, the new acta after it and the constancia of its sending last.
    position = {title: n for n, title in enumerate(titles)}

    def where(fragment: str) -> int:
        (found,) = [n for title, n in position.items() if fragment in title]
        return found

    rojas = where("Informe escalafonario N° 0457-2026-UGEL02-ESC – Rojas Medina")
    assert titles[rojas + 1].startswith("ACTA DE RESULTADOS N°")
    assert titles[rojas + 1].endswith("– Rojas Medina, Sofía (DNI 47123456)")
    writing = where("Escrito de reclamo de la postulante – Exp. N° EXP-2026-000104 – Loayza Benavides")
    assert "Respuesta al reclamo Exp. N° EXP-2026-000104" in titles[writing + 1]
    assert "Loayza Benavides, Gladys (DNI 44332211), reemplaza al ACTA DE RESULTADOS N°" in titles[writing + 2]
    assert titles[writing + 3].startswith("Constancia de notificación – Loayza Benavides, Gladys (DNI 44332211) "
                                          "(enviado por correo electrónico el 03/02/2026, recibido el 04/02/2026)")
    assert "Retiro del concurso – Oré Villavicencio" in titles[where("Comunicación del retiro al director – Oré") - 1]
    # Each entry has its PDF's page count.
    outbox_pdfs = [p for p in files_under(tmp_path / "outbox") if p.suffix == ".pdf" and p != expediente]
    for (_, title, _), (first, last) in zip(entries[3:], ranges[3:]):
        label = re.match(r"((?:ACTA DE RESULTADOS|ACTA DE SESIÓN|ACTA|OFICIO) N° \d{3}-2026-CE-UGEL02)", title)
        if label:
            (source,) = [p for p in outbox_pdfs if p.name.startswith(label.group(1) + " ") or
                         p.name == label.group(1) + ".pdf"]
            assert pdf_pages(source) == last - first + 1, title
    kinds = Counter(re.sub(r" N° .*", "", t) for t in titles if t.startswith(("ACTA", "OFICIO")))
    assert kinds == {"ACTA DE RESULTADOS": 38, "OFICIO": 17, "ACTA DE SESIÓN": 7, "ACTA": 1}

    # Again: the same numbers, the issued PDFs reused, the same expediente.
    again = run(tmp_path, "render", "informe-final", "--resolucion", str(resolution), "--documentos", str(documents),
                str(sample))
    assert again.exit_code == 0, again.output
    assert "Documentos del expediente: 63 (0 por generar)." in again.output
    assert len(PdfReader(str(expediente)).pages) == total


@pytest.mark.libreoffice
def test_a_long_expediente_is_bound_in_tomos_each_with_its_cover_and_pdfa(tmp_path, sample):
    """Past «expediente.folios_por_tomo» folios (LPAG: 200 by default; 40 here) the expediente is one PDF per
    tomo, each opening with its cover; the index, in the first, says which folios each holds. With
    pdf.pdfa every tomo is PDF/A: the folio stamp embeds its font."""
    from generator.render.pdfa import fonts_not_embedded

    (tmp_path / "cddgen.toml").write_text("[pdf]\npdfa = true\n[parametros.ascenso.expediente]\nfolios_por_tomo = 40\n",
                                          encoding="utf-8")
    result = run(tmp_path, "render", "informe-final", str(sample))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "outbox" / "2026" / "informe-final"
    tomos = sorted(folder.glob("EXPEDIENTE * TOMO *.pdf"), key=lambda p: int(re.search(r"TOMO (\d+)", p.name)[1]))
    count = len(tomos)
    assert count > 2 and not (folder / "EXPEDIENTE INFORME N° 001-2026-CE-UGEL02.pdf").exists()
    assert [p.name for p in tomos] == [f"EXPEDIENTE INFORME N° 001-2026-CE-UGEL02 TOMO {n} DE {count}.pdf"
                                       for n in range(1, count + 1)]
    folios, ranges = [], []
    for number, tomo in enumerate(tomos, start=1):
        reader = PdfReader(str(tomo))
        pages = [int(n) for page in reader.pages for n in re.findall(r"Folio (\d+)", page.extract_text())]
        assert 0 < len(pages) <= 40, tomo.name
        assert f"TOMO {number} DE {count}" in reader.pages[0].extract_text()
        assert fonts_not_embedded(reader) == []
        assert "/OutputIntents" in reader.trailer["/Root"]
        assert "<pdfaid:part>2</pdfaid:part>" in reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
        folios += pages
        ranges.append((pages[0], pages[-1]))
    assert folios == list(range(1, len(folios) + 1))
    total = len(folios)
    assert f"Expediente foliado ({total} folios, en {count} tomos):" in result.output
    assert f"tomo {count} (folios {ranges[-1][0]} al {total}):" in result.output
    first = PdfReader(str(tomos[0]))
    index_text = squash(" ".join(page.extract_text() for page in first.pages))
    listed = "; ".join(f"tomo {n}, folios {a} al {b}" for n, (a, b) in enumerate(ranges, start=1))
    assert f"El expediente se presenta en {count} tomos, cada uno en su propio PDF: {listed}." in index_text
    for number, (a, b) in enumerate(ranges, start=1):
        assert f"Tomo {number}: folios {a} al {b}" in index_text
        assert f"Carátula del tomo {number} {a}" in index_text
    informe = squash(docx_text(folder / "INFORME N° 001-2026-CE-UGEL02.docx"))
    assert f"foliado del 1 al {total} ({total} folios, en {count} tomos)" in informe
    assert f"Tomo {count}: folios {ranges[-1][0]} al {total}." in informe
    assert f"Expediente foliado del proceso de evaluación: {total} folios, en {count} tomos" in informe


def test_a_retiro_for_a_failed_idoneidad_needs_its_document(tmp_path, sample):
    """Without the document of the sanción (idoneidad d), the oficio de retiro could not name the
    fact it rests on (seed 003, 2.3.2): it is refused at that cell."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from .helpers import edit_workbook

    sheet = load_workbook(sample, read_only=True)["Postulantes"]
    headers = [str(c.value or "").rstrip(" *") for c in next(sheet.iter_rows(max_row=1))]
    row = next(n for n, r in enumerate(sheet.iter_rows(min_row=2, max_col=1, values_only=True), start=2)
               if r[0] == "40567891")
    column = get_column_letter(headers.index("d) Documento") + 1)
    edit_workbook(sample, {"Postulantes": {f"{column}{row}": None}})
    result = run(tmp_path, "render", "oficio-retiro", "--sin-pdf", "--postulante", "40567891", str(sample))
    assert result.exit_code == 3
    assert (f"hoja «Postulantes», fila {row}, columna «d) Documento»: el oficio de retiro de Chávez Núñez, Óscar por la "
            "causal j) debe citar el documento que acredita que no cumple «d) Sin sanción vigente ni registrada "
            "(escalafón o RNSSC)»") in squash(result.output)
    assert not list((tmp_path / "outbox").rglob("*.docx"))
