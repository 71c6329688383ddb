"""Every person of every form has a «Tratamiento» (DOMAIN.md D: «People are named in their own gender
and number»); forms filled before the column existed still read, with the gender unknown."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from generator.errors import ConfigError, InvalidInput
from generator.readers.ascenso import read_ascenso
from generator.readers.cdd import read_cdd
from generator.readers.comite import read_committee
from generator.readers.ficha_cap import read_ficha
from generator.wording import Gender, cargo, gender_of_title

from .conftest import make_settings
from .helpers import edit_workbook

F, M, U = Gender.FEMININE, Gender.MASCULINE, Gender.UNKNOWN


def _without_column(path, sheet: str, header: str):
    """The workbook as it was before ``header`` existed: that column (or label row) removed."""
    workbook = load_workbook(path)
    worksheet = workbook[sheet]
    for cell in worksheet[1]:
        if cell.value == header:
            worksheet.delete_cols(cell.column)
            break
    else:
        for row in worksheet.iter_rows(min_col=1, max_col=1):
            if row[0].value == header:
                worksheet.delete_rows(row[0].row)
                break
        else:
            raise AssertionError(f"{header} not found in {sheet}")
    workbook.save(path)
    return path


def test_d_committee_members_and_director_in_their_own_gender(example, settings):
    rules = settings.rules.ascenso
    committee = read_committee(example("comite.xlsx"), rules, "UGEL")
    assert [member.genero for member in committee.members] == [F, M, F]
    assert committee.director_genero is M
    old = _without_column(example("comite.xlsx"), "Integrantes", "Tratamiento")
    old = _without_column(old, "Informe final", "Tratamiento del director(a) de la DRE/UGEL")
    committee = read_committee(old, rules, "UGEL")
    assert [member.genero for member in committee.members] == [U, U, U]
    assert committee.director_genero is U


def test_d_a_tratamiento_outside_the_list_is_refused_with_its_cell(example, settings):
    path = edit_workbook(example("comite.xlsx"), {"Integrantes": {"H3": "Doctor"}})
    with pytest.raises(InvalidInput) as error:
        read_committee(path, settings.rules.ascenso, "UGEL")
    assert "hoja «Integrantes», fila 3, columna «Tratamiento»: «Doctor» no es un valor permitido" in str(error.value)
    assert "Sr.; Sra." in str(error.value)


def test_d_postulantes_in_their_own_gender(example, settings):
    rules = settings.rules.ascenso
    postulantes = {p.nombres: p.genero for p in read_ascenso(example("ascenso.xlsx"), rules)}
    assert postulantes["Lucía"] is F and postulantes["Juan Carlos"] is M
    old = _without_column(example("ascenso.xlsx"), "Postulantes", "Tratamiento")
    assert {p.genero for p in read_ascenso(old, rules)} == {U}


def test_d_cetpro_director_from_tratamiento_or_cargo(example, settings):
    edition = settings.rules.cdd
    assert read_cdd(example("cdd/0437889-promae-rimac.xlsx"), edition).cetpro.director_genero is F
    old = _without_column(example("cdd/0437889-promae-rimac.xlsx"), "CETPRO", "Tratamiento del director(a)")
    assert read_cdd(old, edition).cetpro.director_genero is U
    assert read_cdd(example("cdd/0438028-rosa-de-america.xlsx"), edition).cetpro.director_genero is M


def test_d_ficha_cap_director_and_especialista_excel(example, settings):
    rules = settings.rules.cap
    name = "cap/ficha-cap-jose-carlos-mariategui.xlsx"
    ficha = read_ficha(example(name), rules)
    assert (ficha.datos.director_genero, ficha.especialista.genero) == (F, F)
    old = _without_column(example(name), "Datos generales", "Tratamiento del director(a)")
    old = _without_column(old, "Datos generales", "Tratamiento del especialista")
    ficha = read_ficha(old, rules)
    assert (ficha.datos.director_genero, ficha.especialista.genero) == (U, U)


def test_d_ficha_cap_director_and_especialista_word(example, settings, tmp_path):
    rules = settings.rules.cap
    ficha = read_ficha(example("cap/ficha-cap-los-libertadores.docx"), rules)
    assert (ficha.datos.director_genero, ficha.especialista.genero) == (M, M)
    # A ficha of the first version has no tratamiento rows: it still reads, gender unknown.
    document = Document(str(example("cap/ficha-cap-los-libertadores.docx")))
    for table in document.tables:
        for row in list(table.rows):
            if row.cells[0].text.startswith("Tratamiento del"):
                row._tr.getparent().remove(row._tr)
    old = tmp_path / "v1.docx"
    document.save(old)
    ficha = read_ficha(old, rules)
    assert (ficha.datos.director_genero, ficha.especialista.genero) == (U, U)
    assert ficha.datos.director == "Pedro Pablo Huamán D'Alessandro"


def test_d_blank_word_ficha_offers_the_drop_down_and_reads_as_unknown(settings, tmp_path):
    from generator.forms.ficha_cap_docx import build_ficha_docx

    rules = settings.rules.cap
    buffer = io.BytesIO()
    build_ficha_docx(rules, rules.catalogue(), rules.scale, settings.institution).save(buffer)
    xml = Document(io.BytesIO(buffer.getvalue())).element.xml
    assert xml.count("<w:dropDownList>") == 2
    assert '<w:listItem w:displayText="Sra." w:value="Sra."/>' in xml


@pytest.mark.parametrize("title, expected", [
    ("Director(a) de la UGEL", U),
    ("Jefe(a) del Área de Gestión Pedagógica de la UGEL", U),
    ("Director(a) (e)", U),
])
def test_d_the_blank_models_neutral_cargo_says_no_gender(title, expected):
    assert gender_of_title(title) is expected


@pytest.mark.parametrize("title, gender, expected", [
    ("Director(a) de la UGEL", F, "Directora de la UGEL"),
    ("Director(a) de la UGEL", M, "Director de la UGEL"),
    ("Director(a) de la UGEL", U, "Director(a) de la UGEL"),
    ("Jefe(a) del Área de Gestión Pedagógica de la UGEL", F, "Jefa del Área de Gestión Pedagógica de la UGEL"),
    ("Director(a) (e)", F, "Directora (e)"),
    ("Especialista en Educación de la UGEL (reemplazante)", F, "Especialista en Educación de la UGEL (reemplazante)"),
])
def test_d_cargo_written_in_the_holders_gender(title, gender, expected):
    assert cargo(title, gender) == expected


def test_d_configured_director_and_signer(tmp_path):
    settings = make_settings(tmp_path, '[institucion]\ndirector = "Ana Ruiz"\ndirector_tratamiento = "Sra."\n'
                                       '[firmante]\nnombre = "Luis Paz"\ndni = "08123456"\n'
                                       'cargo = "Jefe del Área de Gestión Pedagógica"\n')
    assert settings.institution.director_genero is F
    assert settings.signer.genero is M  # no tratamiento: the cargo says it
    assert settings.signer.complete
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    with pytest.raises(ConfigError, match="director_tratamiento"):
        make_settings(tmp_path / "x", '[institucion]\ndirector_tratamiento = "Dra"\n')
    with pytest.raises(ConfigError, match="firmante.dni"):
        make_settings(tmp_path / "y", '[firmante]\ndni = "8123456"\n')
