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
        assert "Resultado recalculado – Bonificación por discapacidad: antes, No se otorga; ahora, Se otorga." in text
        assert "2.2 En relación al reclamo referido al criterio 3.1 de la Matriz de Valoración" in text
        assert text.count("en este extremo es declarado FUNDADO.") == 1
        assert text.count("en este extremo es declarado INFUNDADO.") == 1
        assert "SE RESUELVE: 1. Declarar FUNDADO el reclamo referido a la bonificación por discapacidad (punto 1). " \
               "2. Declarar INFUNDADO el reclamo referido al criterio 3.1" in text
        assert ("Se adjunta el ACTA DE RESULTADOS N° 002-2026-CE-UGEL02, emitida en atención al presente reclamo, en "
                "la que se advierte la modificación de los resultados de su evaluación (puntaje final: antes, 82; "
                "ahora, 94.3; estado: CUMPLE REQUISITOS). Reemplaza al ACTA DE RESULTADOS N° 001-2026-CE-UGEL02.") in text
        assert "María Elena Quispe Ñañez" in text and "Rosa Amelia Huamán Cárdenas" in text
    new = squash(docx_text(outbox / "acta-resultados" / actas[1]))
    assert ("Acta emitida en atención al reclamo Exp. N° EXP-2026-000104, declarado fundado; reemplaza al ACTA DE "
            "RESULTADOS N° 001-2026-CE-UGEL02.") in new
    assert "En Lima, el 3 de febrero de 2026" in new
    changes = [[c.text for c in row.cells] for row in Document(str(outbox / "acta-resultados" / actas[1])).tables[0].rows]
    assert changes == [["Aspecto", "Antes", "Después"], ["Bonificación por discapacidad", "No se otorga", "Se otorga"],
                       ["Puntaje final", "82", "94.3"]]
    original = squash(docx_text(outbox / "acta-resultados" / actas[0]))
    assert "Acta emitida en atención al reclamo" not in original and "Puntaje final 82" in original
    history = load_workbook(outbox / "historial-reclamos.xlsx").active
    rows = [[c.value for c in row] for row in history.iter_rows(min_row=2)]
    assert [(r[2], r[4], r[7], r[9], r[10], r[13], r[14]) for r in rows] == [
        ("EXP-2026-000104", "1", "Fundado", "No se otorga", "Se otorga", "ACTA DE RESULTADOS N° 001-2026-CE-UGEL02",
         "ACTA DE RESULTADOS N° 002-2026-CE-UGEL02"),
        ("EXP-2026-000104", "2", "Infundado", "0 de 6", "0 de 6", "ACTA DE RESULTADOS N° 001-2026-CE-UGEL02",
         "ACTA DE RESULTADOS N° 002-2026-CE-UGEL02")]
    # Rendering again (without PDF) keeps every number and the history does not grow; the files
    # of the documents rendered again move to reemplazados/ first, so no old PDF stays beside a
    # new .docx (issue 14.3). The original acta, already issued, is not rendered again.
    before = {p.relative_to(outbox) for p in files_under(outbox)}
    again = {p for p in before if p.parent.name != "acta-resultados" or "v2" in p.name}
    again = {p for p in again if p.suffix in (".docx", ".pdf")}
    assert len(again) == 4
    assert run(tmp_path, "render", "oficio-reclamo", "--sin-pdf", "--postulante", LOAYZA, str(sample)).exit_code == 0
    after = {p.relative_to(outbox) for p in files_under(outbox)}
    assert after == before - {p for p in again if p.suffix == ".pdf"}
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
    text = squash(docx_text(director))
    assert "Luis Enrique Salvatierra Gómez Director de la Unidad de Gestión Educativa Local N° 02" in text
    assert "Procuraduría Pública del Gobierno Regional" in text and "Procesos Administrativos Disciplinarios" in text
    assert "Se adjunta copia del OFICIO N° 001-2026-CE-UGEL02" in text
    # Causal j) after an infundado reclamo: the failing requisito and the reclamo are both motivated.
    result = run(tmp_path, "render", "oficio-retiro", "--sin-pdf", "--postulante", "40567891", str(sample))
    assert result.exit_code == 0, result.output
    (chavez,) = [p for p in (outbox / "oficio-retiro").glob("*40567891*")]
    text = squash(docx_text(chavez))
    assert "j) No cumplir con los requisitos para postular al concurso" in text
    assert "d) Sin sanción vigente ni registrada (escalafón o RNSSC): Registra sanción vigente" in text
    assert "el reclamo del Exp. N° EXP-2026-000107, presentado el 26 de enero de 2026, fue declarado infundado" in text
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


def _informe_rows(path):
    """The 2.4 list of the informe: (N°, Documento, Folios), from its one or more tables."""
    rows = [tuple(c.text for c in row.cells) for table in Document(str(path)).tables
            if [c.text for c in table.rows[0].cells] == ["N°", "Documento", "Folios"] for row in table.rows[1:]]
    assert rows, "no 2.4 table"
    return rows


def _pages(folios: str) -> tuple[int, int]:
    first, _, last = folios.partition(" al ")
    return int(first), int(last or first)


def test_informe_final_counts_from_the_data_and_its_expediente_is_foliated_without_gap(tmp_path, sample):
    resolution = tmp_path / "resolucion.pdf"
    shutil.copyfile(EXAMPLES / "resolucion-conformacion.pdf", resolution)
    result = run(tmp_path, "render", "informe-final", "--resolucion", str(resolution), str(sample))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "outbox" / "2026" / "informe-final"
    informe = folder / "INFORME N° 001-2026-CE-UGEL02.docx"
    expediente = folder / "EXPEDIENTE INFORME N° 001-2026-CE-UGEL02.pdf"
    assert informe.exists() and informe.with_suffix(".pdf").exists() and expediente.exists(), result.output
    text = squash(docx_text(informe))

    # 2.3: counted from the workbooks.
    reclamos = list(load_workbook(sample, read_only=True)["Reclamos"].iter_rows(min_row=2, values_only=True))
    expedientes = {row[0] for row in reclamos if row[0]}
    points = [row for row in reclamos if row[0]]
    sessions = [row for row in load_workbook(sample.parent / "comite.xlsx", read_only=True)["Sesiones"]
                .iter_rows(min_row=2, values_only=True) if row[0]]
    postulantes = [row for row in load_workbook(sample, read_only=True)["Postulantes"]
                   .iter_rows(min_row=2, values_only=True) if row[0]]
    assert (len(expedientes), len(points), len(sessions), len(postulantes)) == (8, 10, 6, 34)
    assert f"El Comité sesionó {len(sessions)} veces después de su instalación" in text
    assert f"trayectoria profesional de {len(postulantes)} postulantes" in text
    assert "27 cumplen requisitos y 7 no los cumplen en los resultados preliminares" in text
    # The sample's design (scripts/examples/ascenso.py): one late reclamo, one point not about the results.
    assert (f"Se recibieron {len(expedientes)} reclamos con {len(points)} puntos en total. Por expediente: "
            "4 fundados, 3 infundados y 1 improcedente. Por punto: 4 fundados, 4 infundados y 2 improcedentes.") in text
    assert "Se emitieron 34 actas individuales de resultados y 4 actas nuevas" in text
    assert "Se emitieron 8 oficios de retiro (causal f): 1, causal i): 1, causal j): 6) y 1 comunicación" in text
    assert "El último día para entregarlas fue el 27 de enero de 2026, un (1) día hábil antes" in text
    # III. Observaciones.
    assert "Bonificación por discapacidad de Zúñiga Paredes, Miguel Ángel (DNI 45678123): El certificado" in text
    assert "se prescindió de la firma de Rosa Amelia Huamán Cárdenas, tercer miembro" in text
    assert "Participación del Comité de Vigilancia: El Comité de Vigilancia observó" in text
    assert ("Copias de los documentos de evaluación de Mamani Condori, Yolanda (DNI 41987654): solicitadas el "
            "23/01/2026 y entregadas el 28/01/2026, después del plazo (hasta el 27/01/2026).") in text
    assert "A Luis Enrique Salvatierra Gómez Director de la Unidad de Gestión Educativa Local N° 02" in text

    # The expediente: every page read back, folios 1…N without gap.
    reader = PdfReader(str(expediente))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert re.findall(r"Folio (\d+)", page.extract_text()) == [str(number)], number
    rows = _informe_rows(informe)
    assert f"foliado del 1 al {total} ({total} folios)" in text
    ranges = [_pages(folios) for _, _, folios in rows]
    assert ranges[0][0] == 1 and ranges[-1][1] == total
    assert all(b[0] == a[1] + 1 for a, b in zip(ranges, ranges[1:]))
    # Each document's range has its PDF's page count; N = parts + index.
    outbox_pdfs = [p for p in files_under(tmp_path / "outbox") if p.suffix == ".pdf" and p != expediente]
    index_pages = ranges[0][1]
    parts = 0
    for (_, title, folios), (first, last) in zip(rows[1:], ranges[1:]):
        if title.startswith("Resolución de conformación"):
            source = resolution
        else:
            label = re.search(r"((?:ACTA DE RESULTADOS|ACTA|OFICIO) N° \d{3}-2026-CE-UGEL02)", title).group(1)
            (source,) = [p for p in outbox_pdfs if p.name.startswith(label + " ") or p.name == label + ".pdf"]
        assert pdf_pages(source) == last - first + 1, title
        parts += pdf_pages(source)
    assert total == parts + index_pages
    titles = [title for _, title, _ in rows]
    assert titles[1].startswith("Resolución de conformación") and titles[2].startswith("Acta de instalación")
    kinds = Counter(re.sub(r" N° .*", "", t) for t in titles[3:])
    assert kinds == {"ACTA DE RESULTADOS": 38, "OFICIO": 17}
    # The index page lists every document with its folios.
    index_text = squash(" ".join(reader.pages[n].extract_text() for n in range(index_pages)))
    assert "ÍNDICE DEL EXPEDIENTE" in index_text and f"{total} folios" in index_text
    packed = "".join(index_text.split())  # table cells wrap anywhere in the PDF
    for number, title, folios in rows:
        assert "".join(f"{number} {title} {folios}".split()) in packed, title

    # Again: the same numbers, the issued PDFs reused, the same expediente.
    again = run(tmp_path, "render", "informe-final", "--resolucion", str(resolution), str(sample))
    assert again.exit_code == 0, again.output
    assert "Documentos del expediente: 56 (0 por generar)." in again.output
    assert len(PdfReader(str(expediente)).pages) == total
    assert _informe_rows(informe) == rows


def test_a_long_expediente_is_split_into_tomos_whose_folios_run_on(tmp_path, sample):
    """Past «expediente.folios_por_tomo» folios (a parameter: the norma sets none) the
    expediente is one PDF per tomo; the index, in the first, says which folios each holds."""
    (tmp_path / "cddgen.toml").write_text("[parametros.ascenso.expediente]\nfolios_por_tomo = 40\n", encoding="utf-8")
    result = run(tmp_path, "render", "informe-final", str(sample))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "outbox" / "2026" / "informe-final"
    tomos = sorted(folder.glob("EXPEDIENTE * TOMO *.pdf"), key=lambda p: int(re.search(r"TOMO (\d+)", p.name)[1]))
    count = len(tomos)
    assert count > 2 and not (folder / "EXPEDIENTE INFORME N° 001-2026-CE-UGEL02.pdf").exists()
    assert [p.name for p in tomos] == [f"EXPEDIENTE INFORME N° 001-2026-CE-UGEL02 TOMO {n} DE {count}.pdf"
                                       for n in range(1, count + 1)]
    folios, ranges = [], []
    for tomo in tomos:
        pages = [int(n) for page in PdfReader(str(tomo)).pages for n in re.findall(r"Folio (\d+)", page.extract_text())]
        assert 0 < len(pages) <= 40, tomo.name
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
    # Index and informe list the documents tomo by tomo, numbered 1…n across the tomos.
    for number, (a, b) in enumerate(ranges, start=1):
        assert f"Tomo {number}: folios {a} al {b}" in index_text
    rows = _informe_rows(folder / "INFORME N° 001-2026-CE-UGEL02.docx")
    assert [int(number) for number, _, _ in rows] == list(range(1, len(rows) + 1))
    informe = squash(docx_text(folder / "INFORME N° 001-2026-CE-UGEL02.docx"))
    assert informe.count("Tomo ") >= count and f"Tomo {count}: folios {ranges[-1][0]} al {total}" in informe
    assert f"foliado del 1 al {total} ({total} folios, en {count} tomos)" in informe
    assert f"Expediente foliado del proceso de evaluación: {total} folios, en {count} tomos" in informe
