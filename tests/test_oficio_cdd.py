"""End to end: `cddgen render oficio-cdd` and `cddgen render resumen-cdd` over the samples of
forms/ejemplos/cdd/ (issue 5; DOMAIN.md B; seed 000)."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from generator.render.xlsx import write_cell

from .conftest import EXAMPLES, docx_text, pdf_text, squash
from .helpers import edit_workbook, files_under, run_cli

RIMAC = "cdd/0437889-promae-rimac.xlsx"
LIBERTADORES = "cdd/0663427-los-libertadores.xlsx"
FORMULA = '=HYPERLINK("http://ejemplo.pe","clic")'
# Who signs the UGEL's informe (DOMAIN.md D: a signature block carries name, DNI and cargo).
SIGNER = ('[firmante]\nnombre = "Jorge Luis Paredes Quispe"\ndni = "41234509"\n'
          'cargo = "Especialista en Educación"\ntratamiento = "Sr."\n'
          '[institucion]\ndirector = "Luis Enrique Salvatierra Gómez"\ndirector_tratamiento = "Sr."\n')


def run(tmp_path, *args):
    return run_cli(tmp_path, *args)


def sheet_rows(path, sheet):
    workbook = load_workbook(path)
    return [list(row) for row in workbook[sheet].iter_rows(values_only=True)]


def samples(tmp_path, name="cdd"):
    folder = tmp_path / name
    shutil.copytree(EXAMPLES / "cdd", folder)
    return folder


@pytest.mark.libreoffice
def test_oficio_tramo_1_in_word_and_pdf_with_its_annexes(tmp_path, example):
    form = example(RIMAC)
    workbook = load_workbook(form)
    write_cell(workbook["Estudiantes"]["C41"], FORMULA)  # text that looks like a formula, as AVANZA exports it
    workbook.save(form)
    result = run(tmp_path, "render", "oficio-cdd", "--tramo", "1", str(form))
    assert result.exit_code == 0, result.output + result.stderr
    folder = tmp_path / "outbox" / "2025" / "oficio-cdd"
    # The CETPRO's own correlative (DOMAIN.md D): its sigla and the next number its form states.
    docx = folder / "OFICIO N° 045-2025-DIR-CETPRO-PR PROMAE RIMAC.docx"
    pdf = docx.with_suffix(".pdf")
    annex_11 = folder / "OFICIO N° 045-2025-DIR-CETPRO-PR PROMAE RIMAC - Anexo indicador 1.1.xlsx"
    annex_12 = folder / "OFICIO N° 045-2025-DIR-CETPRO-PR PROMAE RIMAC - Anexo indicador 1.2.xlsx"
    positions = folder / "OFICIO N° 045-2025-DIR-CETPRO-PR PROMAE RIMAC.firmas.json"  # the director's signature field
    assert sorted(files_under(tmp_path / "outbox")) == sorted([docx, pdf, positions, annex_11, annex_12])
    for path in (docx, pdf, annex_11, annex_12):
        assert str(path.relative_to(tmp_path)) in result.output
    for text in (squash(docx_text(docx)), squash(pdf_text(pdf))):
        assert "OFICIO N° 045-2025-DIR-CETPRO-PR" in text
        assert "Lima, 30 de mayo de 2025" in text  # no date in the form: the tramo's closing date
        assert "“Año de la recuperación y consolidación de la economía peruana”" in text
        assert "Dirección de Servicios de Educación Técnico-Productiva y Superior Tecnológica y Artística (DISERTPA)" in text
        assert "Resolución de Secretaría General N° 040-2025-MINEDU" in text
        assert "Tramo 1" in text and "Tramo 2" not in text
        assert "36 39 92.3 % 80 % Cumple" in text  # 1.1: numerator, denominator, %, meta, cumple
        assert "10 11 90.9 % 80 % Cumple" in text  # 1.2
        assert "S/ 141,241 (ciento cuarenta y un mil doscientos cuarenta y uno con 00/100 soles)" in text
        # What the CETPRO can sign (seed 000): the indicators and the MMA at stake, never an amount
        # owed or forfeited; DISERTPA evaluates and the UFD determines the amounts.
        assert "alcanza la meta de 2 de 2 indicadores del tramo" in text
        assert "la determinación de los montos, a la Unidad de Financiamiento por Desempeño (UFD)" in text
        assert "correspondería" not in text and "S/ 0" not in text
        assert "Gladys Marleny Huamán Ccori" in text and "DNI N.º: 10456789" in text
        # People in their own gender: the director (Sra.) and the addressee the form names.
        assert "Directora del CETPRO PROMAE RIMAC" in text
        assert ("Señora: Milagros Ysabel Carrasco Ugarte Directora de la Dirección de Servicios de Educación "
                "Técnico-Productiva") in text
        assert "(a)" not in text
    # The annexes: the medio de verificación as attached, and the rows that do not count.
    rows = sheet_rows(annex_11, "Filas que no cuentan")
    assert rows[0] == ["Hoja del formulario", "Fila", "Persona o convenio", "Situación", "Motivo"]
    assert [(r[1], r[3]) for r in rows[1:]] == [(38, "Solo en el denominador"), (39, "Solo en el denominador"),
                                                (40, "Solo en el denominador"), (41, "No se considera")]
    assert "registrado en el AVANZA el 10/05/2025, después del 09/05/2025" in rows[1][4]
    assert "después del 30/05/2025" in rows[4][4]
    students = load_workbook(annex_11)["Estudiantes 2025-I"]
    assert students.max_row == 41
    cell = students["C41"]
    assert cell.value == FORMULA and cell.data_type == "s"  # a formula typed as a name stays text
    (teacher,) = sheet_rows(annex_12, "Filas que no cuentan")[1:]
    assert teacher[:2] == ["Docentes", 12]
    assert "falta «Denominación del título»" in teacher[4]
    assert dict(r for r in sheet_rows(annex_12, "Indicador")[1:])["Resultado"] == "Cumple"


def test_oficio_tramo_2_at_exactly_the_metas(tmp_path, example):
    result = run(tmp_path, "render", "oficio-cdd", "--tramo", "2", "--sin-pdf", str(example(LIBERTADORES)))
    assert result.exit_code == 0, result.output + result.stderr
    folder = tmp_path / "outbox" / "2025" / "oficio-cdd"
    docx = folder / "OFICIO N° 031-2025-CETPRO-LL-DIR LOS LIBERTADORES.docx"
    text = squash(docx_text(docx))
    assert "Lima, 31 de julio de 2025" in text
    assert "16 20 80 % 80 % Cumple" in text  # 1.3 exactly at the meta
    assert "1 2 50 % 50 % Cumple" in text  # 2.1: one of the two convenios required
    assert "S/ 80,552" in text
    assert "IE N° 2026 Simón Bolívar (código modular 0336388), suscrito o renovado el 20/02/2025" in text
    annex = folder / "OFICIO N° 031-2025-CETPRO-LL-DIR LOS LIBERTADORES - Anexo indicador 2.1.xlsx"
    assert load_workbook(annex).sheetnames == ["Convenios", "Programas AVANZA 2025-I", "Estudiantes 2025-I",
                                               "Filas que no cuentan", "Indicador"]
    (invalid,) = sheet_rows(annex, "Filas que no cuentan")[1:]
    assert invalid[:4] == ["Convenios", 3, "IE San Martín de Porres (código modular 0778399)", "No se considera"]
    assert "no cumple el numeral 6.6.2" in invalid[4] and "plazo de vigencia" in invalid[4]


def test_both_oficios_keep_their_numbers_when_rendered_again(tmp_path, example):
    form = example(RIMAC)
    assert run(tmp_path, "render", "oficio-cdd", "--sin-pdf", str(form)).exit_code == 0
    result = run(tmp_path, "render", "oficio-cdd", "--sin-pdf", "--tramo", "2", str(form))
    assert "OFICIO N° 046-2025-DIR-CETPRO-PR" in result.output
    folder = tmp_path / "outbox" / "2025" / "oficio-cdd"
    assert len([p for p in files_under(folder) if p.suffix == ".docx"]) == 2
    assert "Lima, 25 de julio de 2025" in docx_text(folder / "OFICIO N° 046-2025-DIR-CETPRO-PR PROMAE RIMAC.docx")


def _set_fields(path, values):
    """Set values of the «CETPRO» sheet by their label (column A), as a user types them in B."""
    workbook = load_workbook(path)
    sheet = workbook["CETPRO"]
    for row in sheet.iter_rows(min_col=1, max_col=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
    workbook.save(path)
    return path


def test_d_the_cetpro_numbering_goes_on_from_its_next_number_never_back(tmp_path, example):
    """DOMAIN.md D: a CETPRO numbers its oficios in its own correlative and sigla. A later form
    stating a lower «next number» never makes cddgen repeat one it already gave."""
    assert run(tmp_path, "render", "oficio-cdd", "--sin-pdf", str(example(RIMAC))).exit_code == 0
    other = _set_fields(example(LIBERTADORES), {"Sigla de los oficios del CETPRO": "DIR-CETPRO-PR",
                                                "Número del próximo oficio": 40})
    result = run(tmp_path, "render", "oficio-cdd", "--sin-pdf", "--tramo", "1", str(other))
    assert result.exit_code == 0, result.output + result.stderr
    assert "OFICIO N° 047-2025-DIR-CETPRO-PR" in result.output, result.output


def test_d_without_sigla_nor_addressee_the_oficio_uses_the_codigo_and_the_blank_models_wording(tmp_path, example):
    form = _set_fields(example(RIMAC), {"Sigla de los oficios del CETPRO": None, "Número del próximo oficio": None,
                                        "Destinatario: director(a) de la DISERTPA": None,
                                        "Tratamiento del destinatario": None})
    result = run(tmp_path, "render", "oficio-cdd", "--sin-pdf", "--tramo", "1", str(form))
    assert result.exit_code == 0, result.output + result.stderr
    (docx,) = (tmp_path / "outbox" / "2025" / "oficio-cdd").glob("OFICIO N° 001-2025-0437889*.docx")
    text = squash(docx_text(docx))
    # An addressee nobody named: the blank model's «(a)» is right there, and only there.
    assert "Señor(a): Director(a) de la Dirección de Servicios" in text
    assert "Directora del CETPRO PROMAE RIMAC" in text


def test_an_invalid_workbook_gives_every_problem_and_writes_nothing(tmp_path, example):
    form = edit_workbook(example(RIMAC), {"CETPRO": {"B2": "0999999"}, "Docentes": {"B3": "30/02/2025"}})
    result = run(tmp_path, "render", "oficio-cdd", "--tramo", "1", str(form))
    assert result.exit_code == 3
    lines = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert len(lines) == 2, result.stderr
    assert any("hoja «CETPRO», fila 2, columna «Código modular»: CETPRO desconocido en la tabla del MMA de la "
               "edición cdd-2025" in line for line in lines)
    assert any("hoja «Docentes», fila 3, columna «Fecha de registro»: «30/02/2025» no es una fecha válida" in line
               for line in lines)
    assert files_under(tmp_path / "outbox") == []


@pytest.mark.libreoffice
def test_resumen_of_the_five_cetpro_of_ugel_02_is_an_informe(tmp_path):
    """DOMAIN.md D: an informe of the UGEL, A / De / Asunto / Referencia / Fecha, conclusions and
    recommendations, its signer's name, DNI and cargo; dated from its input (the latest oficio)."""
    (tmp_path / "cddgen.toml").write_text(SIGNER, encoding="utf-8")
    result = run(tmp_path, "render", "resumen-cdd", str(samples(tmp_path)))
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stderr == ""
    folder = tmp_path / "outbox" / "2025" / "resumen-cdd"
    docx = folder / "INFORME N° 001-2025-CDD-UGEL02 UGEL 02 RIMAC.docx"
    pdf = docx.with_suffix(".pdf")
    xlsx = folder / "INFORME N° 001-2025-CDD-UGEL02 UGEL 02 RIMAC - resumen-cdd.xlsx"
    positions = folder / "INFORME N° 001-2025-CDD-UGEL02 UGEL 02 RIMAC.firmas.json"  # the signer's field
    assert sorted(files_under(tmp_path / "outbox")) == sorted([docx, pdf, positions, xlsx])
    for text in (squash(docx_text(docx)), squash(pdf_text(pdf))):
        assert "INFORME N° 001-2025-CDD-UGEL02" in text
        assert "A Luis Enrique Salvatierra Gómez Director de la Unidad de Gestión Educativa Local N° 02" in text
        assert "De Jorge Luis Paredes Quispe Especialista en Educación" in text
        assert ("Asunto Cumplimiento de los indicadores de los Compromisos de Desempeño CETPRO 2025 por los CETPRO "
                "de la UGEL 02 RIMAC") in text
        assert "Referencia Resolución de Secretaría General N° 040-2025-MINEDU" in text
        # No oficio date after 31/07/2025 in the samples: the informe cannot precede what it reports.
        assert "Fecha Lima, 31 de julio de 2025" in text
        assert "I. ANTECEDENTES" in text and "II. ANÁLISIS" in text
        assert "III. CONCLUSIONES" in text and "IV. RECOMENDACIONES" in text
        assert ("El indicador 1.2 alcanza su meta de 80 % en 3 de 5 CETPRO; no la alcanzan los CETPRO «ROSA DE "
                "AMERICA» y «PERU».") in text
        assert ("4.1 Brindar asistencia técnica al CETPRO «ROSA DE AMERICA» para registrar en el AVANZA") in text
        assert "Nombres y apellidos: Jorge Luis Paredes Quispe DNI N.º: 41234509" in text
        # Amounts only as the UGEL's estimate, saying so.
        assert "Total UGEL 02 RIMAC S/ 526,760 S/ 338,020 S/ 351,175 S/ 237,405" in text
        assert "Las columnas «Estimado» son una estimación de la UGEL" in text
        assert "la UGEL estima S/ 575,425. Es una estimación" in text
        assert "recibiría" not in text and "obtenido" not in text.lower()
        # Names exactly as in the official list, never title-cased; no software text.
        for name in ("PROMAE RIMAC", "ROSA DE AMERICA", "LOS LIBERTADORES", "PROMAE CONDEVILLA", "PERU"):
            assert name in text
        assert "Promae Rimac" not in text and "formularios con errores" not in text.lower()
        assert "80 %: cumple" in text and "77.8 %: no cumple" in text
    with zipfile.ZipFile(docx) as archive:
        assert any(name.startswith("word/media/") and name.endswith(".png") for name in archive.namelist())
    mma = sheet_rows(xlsx, "MMA")
    assert mma[-1][1:] == ["UGEL 02 RIMAC", "Total de la UGEL", 526760, 338020, 351175, 237405, 877935, 575425]
    assert [row[0] for row in mma[1:-1]] == ["0437889", "0438028", "0663427", "0663732", "0777151"]
    indicators = sheet_rows(xlsx, "Indicadores")
    assert ["0663427", "LOS LIBERTADORES", "2.1", 2, 1, 2, 50, 50, "Cumple"] in indicators


def test_resumen_leaves_out_a_workbook_with_errors_and_says_so_on_the_screen(tmp_path):
    (tmp_path / "cddgen.toml").write_text(SIGNER, encoding="utf-8")
    folder = samples(tmp_path)
    edit_workbook(folder / "0438028-rosa-de-america.xlsx", {"Docentes": {"E3": "123"}})
    shutil.copy2(EXAMPLES / "comite.xlsx", folder / "comite.xlsx")  # another family's form: ignored
    (folder / "escaneado.xlsx").write_bytes(b"%PDF-1.4\n" + b"0" * 200)  # a PDF renamed .xlsx
    result = run(tmp_path, "render", "resumen-cdd", "--sin-pdf", str(folder))
    assert result.exit_code == 0, result.output + result.stderr
    assert ("Aviso: 2 formularios con errores no se incluyeron en el informe (0438028-rosa-de-america.xlsx, "
            "escaneado.xlsx)") in result.stderr
    assert "hoja «Docentes», fila 3, columna «DNI»: «123» no es un DNI válido" in result.stderr
    (docx,) = (tmp_path / "outbox" / "2025" / "resumen-cdd").glob("*.docx")
    text = squash(docx_text(docx))
    assert "4 de los 5 CETPRO" in text
    # The informe says what it could not consider, not how a file failed (that is the screen's).
    assert "no se recibió información válida del CETPRO «ROSA DE AMERICA»" in text
    assert "0438028-rosa-de-america.xlsx" not in text and "fila 3" not in text
    assert "La información de 2 archivos no pudo considerarse" in text
    assert "Requerir al CETPRO «ROSA DE AMERICA» la información de sus indicadores" in text
    assert "Total UGEL 02 RIMAC S/ 526,760 S/ 338,020 S/ 351,175 S/ 237,405" in text


def test_resumen_with_no_valid_workbook_writes_nothing(tmp_path, example):
    folder = tmp_path / "vacia"
    folder.mkdir()
    result = run(tmp_path, "render", "resumen-cdd", "--sin-pdf", str(folder))
    assert result.exit_code == 3
    assert "la carpeta no contiene formularios de Compromisos de Desempeño" in result.stderr
    assert files_under(tmp_path / "outbox") == []


def test_proportional_split_from_cddgen_toml(tmp_path):
    (tmp_path / "cddgen.toml").write_text(SIGNER + '[parametros.cdd.mma]\nreparto_mma = "proporcional"\n',
                                          encoding="utf-8")
    result = run(tmp_path, "render", "resumen-cdd", "--sin-pdf", str(samples(tmp_path)))
    assert result.exit_code == 0, result.output + result.stderr
    (xlsx,) = (tmp_path / "outbox" / "2025" / "resumen-cdd").glob("*.xlsx")
    total = sheet_rows(xlsx, "MMA")[-1]
    # PERU meets 1 of 2 indicators of tramo 1 (half of 94,037) and PROMAE CONDEVILLA 1 of 2 of tramo 2.
    assert total[3:7] == [526760, 385038.5, 351175, 262722]
    (tmp_path / "cddgen.toml").write_text(SIGNER + '[parametros.cdd.mma]\nreparto_mma = "mitad"\n',
                                          encoding="utf-8")
    result = run(tmp_path, "render", "resumen-cdd", "--sin-pdf", str(tmp_path / "cdd"))
    assert result.exit_code == 2
    assert "no es una regla de reparto conocida" in result.stderr


def test_d_an_informe_nobody_signs_is_refused_and_the_command_can_name_the_signer(tmp_path):
    folder = samples(tmp_path)
    refused = run(tmp_path, "render", "resumen-cdd", "--sin-pdf", str(folder))
    assert refused.exit_code == 2, refused.output
    assert "Falta quién firma el informe (nombre, DNI, cargo)." in refused.stderr
    assert files_under(tmp_path / "outbox") == []
    wrong = run(tmp_path, "render", "resumen-cdd", "--sin-pdf", "--firmante", "Ana Ruiz", "--firmante-dni", "123",
                "--firmante-cargo", "Jefa del Área", str(folder))
    assert "--firmante-dni vale «123»; un DNI tiene 8 dígitos." in wrong.stderr
    signed = run(tmp_path, "render", "resumen-cdd", "--sin-pdf", "--fecha", "2025-08-15", "--firmante", "Ana Ruiz Paz",
                 "--firmante-dni", "09876543", "--firmante-cargo", "Jefe(a) del Área de Gestión de la EBA y ETP",
                 "--firmante-tratamiento", "Sra.", str(folder))
    assert signed.exit_code == 0, signed.output + signed.stderr
    (docx,) = (tmp_path / "outbox" / "2025" / "resumen-cdd").glob("*.docx")
    text = squash(docx_text(docx))
    assert "De Ana Ruiz Paz Jefa del Área de Gestión de la EBA y ETP" in text
    assert "DNI N.º: 09876543" in text
    assert "Fecha Lima, 15 de agosto de 2025" in text  # --fecha: the date the user gives
    # Without a configured director, «A:» names the office's director as a cargo: truly unknown.
    assert "A Director(a) de la Unidad de Gestión Educativa Local N° 02" in text
