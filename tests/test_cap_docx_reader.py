"""Reading the ficha CAP filled in Word (issue 6.2; DOMAIN.md C, seed 004).

Each test fills the blank form of `cddgen forms` with python-docx as a specialist does in
Word: it types an X (or x, ✓) in a value cell.
"""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from generator.errors import InvalidInput, UnreadableInput
from generator.forms.ficha_cap_docx import VERSION
from generator.readers.ficha_cap import read_ficha

from .cap_helpers import all_marks, blank_ficha, fill_ficha, item_rows, label_cell, libreoffice_roundtrip, type_into
from .conftest import REPO, docx_text


@pytest.fixture
def rules(settings):
    return settings.rules.cap


@pytest.fixture
def catalogue(rules):
    return rules.catalogue()


@pytest.fixture
def blank(settings, tmp_path):
    return blank_ficha(settings, tmp_path / "forms")


def problems(path, rules) -> list[str]:
    with pytest.raises(InvalidInput) as error:
        read_ficha(path, rules)
    return [str(issue) for issue in error.value.issues]


def test_a_ficha_marked_in_word_reads_back_exactly_the_marks_made(blank, rules, catalogue, tmp_path):
    marks = all_marks(catalogue)
    path = fill_ficha(blank, tmp_path / "ficha.docx", rules, marks, fecha=dt.date(2026, 5, 14),
                      cycles=("Auxiliar técnico / Básico", "Técnico / Medio"), shifts=("M", "N"))
    ficha = read_ficha(path, rules)
    assert ficha.valoraciones == marks
    assert ficha.datos.codigo_local == "0437889"
    assert ficha.datos.fecha == dt.date(2026, 5, 14)
    assert ficha.datos.cetpro == "CETPRO PROMAE RIMAC"
    assert ficha.datos.ciclos == ("Auxiliar técnico / Básico", "Técnico / Medio")
    assert ficha.datos.turnos == ("M", "N")
    assert ficha.datos.director == "Carmen Rosa Villanueva Ñahui"
    assert ficha.especialista.nombre == "Jorge Luis Paredes Quispe"
    assert ficha.especialista.area == "Área de Gestión de la Educación Básica Alternativa y Técnico-Productiva"


@pytest.mark.parametrize("mark", ["x", "✓", "✔", "  X  ", "\u00a0x\u00a0"])
def test_x_x_and_check_marks_with_spaces_all_count(blank, rules, catalogue, tmp_path, mark):
    marks = all_marks(catalogue, pattern=(3, 0, 2, 1))
    ficha = read_ficha(fill_ficha(blank, tmp_path / "ficha.docx", rules, marks, mark=mark), rules)
    assert ficha.valoraciones == marks
    assert ficha.datos.turnos == ("M",)


def test_a_check_inserted_as_a_wingdings_symbol_counts(blank, rules, catalogue, tmp_path):
    marks = all_marks(catalogue)
    path = fill_ficha(blank, tmp_path / "ficha.docx", rules, {**marks, ("diagnostico", "2.3"): None})
    document = Document(str(path))
    cell = item_rows(document, catalogue)[("diagnostico", "2.3")][2 + 1]
    symbol = OxmlElement("w:sym")
    symbol.set(qn("w:font"), "Wingdings")
    symbol.set(qn("w:char"), "F0FC")
    cell.paragraphs[0].add_run()._r.append(symbol)
    document.save(str(path))
    assert read_ficha(path, rules).valoraciones[("diagnostico", "2.3")] == 1


def test_two_marks_in_one_item_are_an_error_naming_it(blank, rules, catalogue, tmp_path):
    path = fill_ficha(blank, tmp_path / "ficha.docx", rules, all_marks(catalogue),
                      extra={("diagnostico", "2.3"): {0: "X", 3: "x"}})
    assert problems(path, rules) == [
        "ficha.docx: 4.1 Acciones del equipo directivo, ítem Diagnóstico 2.3: tiene 2 marcas (columnas 0 y 3); "
        "debe tener una sola. Deje la X solo en la columna del valor que corresponde."
    ]


def test_an_unmarked_item_is_reported_not_taken_as_zero(blank, rules, catalogue, tmp_path):
    marks = {**all_marks(catalogue), ("durante", "2.10"): None, ("instrumentos", "1.1"): None}
    path = fill_ficha(blank, tmp_path / "ficha.docx", rules, marks)
    found = problems(path, rules)
    assert len(found) == 2
    assert found[0].startswith("ficha.docx: 4.1 Acciones del equipo directivo, ítem Instrumentos sugeridos 1.1: "
                               "no está marcado.")
    assert "4.2 Desarrollo de las reuniones, ítem Durante 2.10: no está marcado." in found[1]


def test_any_other_text_in_a_value_cell_is_an_error_naming_the_item(blank, rules, catalogue, tmp_path):
    marks = {**all_marks(catalogue), ("diagnostico", "2.3"): None}
    path = fill_ficha(blank, tmp_path / "ficha.docx", rules, marks, extra={("diagnostico", "2.3"): {2: "si"}})
    [message] = problems(path, rules)
    assert "Diagnóstico 2.3: la celda de la columna 2 contiene «si»; marque solo con X." in message


def test_every_problem_is_reported_at_once_and_the_general_data_too(blank, rules, catalogue, tmp_path):
    marks = {**all_marks(catalogue), ("antes", "1.1"): None}
    path = fill_ficha(blank, tmp_path / "ficha.docx", rules, marks, data={"Código local": "", "UGEL": "02"},
                      fecha=None, shifts=(), extra={("sensibilizacion", "1.2"): {3: "X"}, ("despues", "3.1"): {1: "ok"}})
    document = Document(str(path))
    type_into(label_cell(document, "Docentes nombrados"), "tres")
    document.save(str(path))
    found = "\n".join(problems(path, rules))
    for expected in (
        "1. Datos generales, «Código local»: falta el código local.",
        "1. Datos generales, «Fecha»: falta la fecha del monitoreo.",
        "1. Datos generales, «Turnos»: no se marcó ningún turno.",
        "3.1 Personal, fila «Docentes nombrados», columna «Ciclo Auxiliar técnico / Básico»: «tres» no es un número entero.",
        "ítem Sensibilización 1.2: tiene 2 marcas",
        "ítem Antes 1.1: no está marcado.",
        "ítem Después 3.1: la celda de la columna 1 contiene «ok»",
    ):
        assert expected in found
    assert len(found.splitlines()) == 7


def test_dates_accept_the_month_in_letters_and_refuse_impossible_days(blank, rules, catalogue, tmp_path):
    path = fill_ficha(blank, tmp_path / "ficha.docx", rules, all_marks(catalogue), fecha=None)
    document = Document(str(path))
    for label, value in (("Día", "3"), ("Mes", "Junio"), ("Año", "2026")):
        type_into(label_cell(document, label, below=True), value)
    document.save(str(path))
    assert read_ficha(path, rules).datos.fecha == dt.date(2026, 6, 3)
    type_into(label_cell(document, "Día", below=True), "31")
    document.save(str(path))
    assert problems(path, rules) == [
        "ficha.docx: 1. Datos generales, «Fecha»: la fecha 31/Junio/2026 no existe. Revise el día y el mes."]


def test_typed_totals_are_ignored_and_extra_empty_rows_and_paragraphs_do_not_matter(blank, rules, catalogue, tmp_path):
    marks = all_marks(catalogue)
    path = fill_ficha(blank, tmp_path / "ficha.docx", rules, marks)
    document = Document(str(path))
    staff = next(t for t in document.tables if t.cell(0, 0).text.strip() == "Personal institucional")
    type_into(staff.cell(6, 1), "4")  # Docentes nombrados
    type_into(staff.cell(6, 3), "999")  # a total typed by the user
    type_into(staff.cell(10, 1), "12345")  # the «Total» row
    for table in document.tables:  # an empty row at the end of every table, as a user adds with Tab
        table.add_row()
    for paragraph in list(document.paragraphs)[:6]:  # and empty paragraphs between the tables
        paragraph.insert_paragraph_before("")
    document.save(str(path))
    ficha = read_ficha(path, rules)
    assert ficha.valoraciones == marks
    nombrados = next(row for row in ficha.personal if row.cargo == "Docentes nombrados")
    assert nombrados.counts == (4, 0) and nombrados.total == 4
    assert ficha.staff_totals() == (4, 0, 4)


@pytest.mark.libreoffice
def test_a_ficha_saved_again_by_libreoffice_reads_the_same_marks(blank, rules, catalogue, tmp_path):
    marks = all_marks(catalogue, pattern=(1, 3, 0, 2, 2))
    path = fill_ficha(blank, tmp_path / "ficha.docx", rules, marks, mark="✓", shifts=("T",))
    saved = libreoffice_roundtrip(path, tmp_path / "libreoffice")
    assert saved.read_bytes() != path.read_bytes()
    assert read_ficha(saved, rules) == read_ficha(path, rules)
    assert read_ficha(saved, rules).valoraciones == marks


def test_a_word_file_that_is_not_a_ficha_says_so(rules, tmp_path):
    document = Document()
    document.add_paragraph("OFICIO N° 001-2026-UGEL02")
    table = document.add_table(rows=2, cols=4)
    for column, value in enumerate(("0", "1", "2", "3")):
        table.cell(0, column).text = value
    path = tmp_path / "oficio.docx"
    document.save(str(path))
    with pytest.raises(UnreadableInput) as error:
        read_ficha(path, rules)
    assert "oficio.docx: no es una ficha de monitoreo CAP" in str(error.value)


def test_another_cddgen_word_form_is_named(rules, tmp_path):
    document = Document()
    document.core_properties.keywords = "cddgen:otro:v1"
    path = tmp_path / "otro.docx"
    document.save(str(path))
    with pytest.raises(UnreadableInput, match="es otro formulario de cddgen"):
        read_ficha(path, rules)


def test_a_pdf_renamed_docx_is_refused_before_parsing(rules, tmp_path):
    path = tmp_path / "ficha.docx"
    path.write_bytes(b"%PDF-1.4 scanned ficha")
    with pytest.raises(UnreadableInput, match="es un PDF con otra extensión"):
        read_ficha(path, rules)


def test_the_committed_word_form_is_what_cddgen_forms_writes(blank):
    committed = REPO / "forms" / "ficha-cap.docx"
    assert committed.exists(), "forms/ficha-cap.docx is not committed: run `make forms`"
    assert docx_text(committed) == docx_text(blank), "forms/ficha-cap.docx is stale: run `make forms`"
    assert Document(str(committed)).core_properties.keywords == f"cddgen:ficha-cap:v{VERSION}"


def test_the_word_examples_read_and_have_different_levels(rules):
    levels = set()
    for name in ("ficha-cap-promae-rimac.docx", "ficha-cap-los-libertadores.docx", "ficha-cap-peru.docx"):
        ficha = read_ficha(REPO / "forms" / "ejemplos" / "cap" / name, rules)
        assert len(ficha.valoraciones) == 40
        levels.update(ficha.valoraciones.values())
    assert levels == {0, 1, 2, 3}


# ---------------------------------------------------------------------------- issue 15.9: only what prints

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
ITEM = ("diagnostico", "2.3")
WHERE = "ficha.docx: 4.1 Acciones del equipo directivo, ítem Diagnóstico 2.3: "


def with_cell_xml(blank, rules, catalogue, tmp_path, xml_by_column: dict[int, str], *, row_wrapper: str = ""):
    """The ficha with every item marked except ITEM, whose value cells get ``xml_by_column``
    (paragraph content, WordprocessingML) — or, with ``row_wrapper``, whose column 2 cell is
    wrapped whole in that element (a content control around the cell)."""
    path = fill_ficha(blank, tmp_path / "ficha.docx", rules, {**all_marks(catalogue), ITEM: None})
    document = Document(str(path))
    cells = item_rows(document, catalogue)[ITEM]
    for column, xml in xml_by_column.items():
        paragraph = cells[2 + column].paragraphs[0]._p
        for element in list(parse_xml(f"<w:p {W} {W14}>{xml}</w:p>")):
            paragraph.append(element)
    if row_wrapper:
        tc = cells[2 + 2]._tc
        wrapper = parse_xml(f"<w:sdt {W}><w:sdtPr/><w:sdtContent/></w:sdt>")
        tc.addprevious(wrapper)
        wrapper[1].append(tc)
    document.save(str(path))
    return path


def test_a_hidden_x_is_not_a_mark(blank, rules, catalogue, tmp_path):
    """Issue 15.9: an X formatted as hidden text (Font › Oculto, w:vanish) does not print."""
    path = with_cell_xml(blank, rules, catalogue, tmp_path, {
        1: "<w:r><w:t>X</w:t></w:r>",
        3: '<w:r><w:rPr><w:vanish/></w:rPr><w:t>X</w:t></w:r>',
    })
    assert read_ficha(path, rules).valoraciones[ITEM] == 1
    alone = with_cell_xml(blank, rules, catalogue, tmp_path, {3: '<w:r><w:rPr><w:vanish/></w:rPr><w:t>X</w:t></w:r>'})
    assert problems(alone, rules) == [WHERE + "no está marcado. Marque con X la columna 0, 1, 2 o 3 que corresponda "
                                              "(0 si no se ha realizado)."]


def test_an_x_hidden_by_its_style_is_not_a_mark_and_an_unhidden_one_is(blank, rules, catalogue, tmp_path):
    path = with_cell_xml(blank, rules, catalogue, tmp_path, {
        0: '<w:r><w:rPr><w:rStyle w:val="MarcaOculta"/></w:rPr><w:t>X</w:t></w:r>',
        2: '<w:r><w:rPr><w:rStyle w:val="MarcaOculta"/><w:vanish w:val="0"/></w:rPr><w:t>X</w:t></w:r>',
    })
    document = Document(str(path))
    style = document.styles.add_style("Marca oculta", WD_STYLE_TYPE.CHARACTER)
    style.element.set(qn("w:styleId"), "MarcaOculta")
    style.font.hidden = True
    document.save(str(path))
    assert read_ficha(path, rules).valoraciones[ITEM] == 2


@pytest.mark.parametrize("deleted", [
    '<w:del w:id="91" w:author="Especialista" w:date="2026-05-14T10:00:00Z"><w:r><w:delText>X</w:delText></w:r></w:del>',
    '<w:del w:id="92" w:author="Especialista" w:date="2026-05-14T10:00:00Z"><w:r><w:t>X</w:t></w:r></w:del>',
    '<w:moveFrom w:id="93" w:author="Especialista" w:date="2026-05-14T10:00:00Z"><w:r><w:t>X</w:t></w:r></w:moveFrom>',
])
def test_a_deleted_x_is_not_a_mark(blank, rules, catalogue, tmp_path, deleted):
    """Issue 15.9: an X deleted with tracked changes on (Revisar › Control de cambios) does not print."""
    path = with_cell_xml(blank, rules, catalogue, tmp_path, {0: deleted, 2: "<w:r><w:t>X</w:t></w:r>"})
    assert read_ficha(path, rules).valoraciones[ITEM] == 2


@pytest.mark.parametrize("row_wrapper", [False, True])
def test_an_x_inside_a_content_control_is_explained(blank, rules, catalogue, tmp_path, row_wrapper):
    """Issue 15.9: a content control in the cell, or around the whole cell (where the reader once
    said «¿celdas combinadas?»)."""
    inside = "<w:r><w:t>X</w:t></w:r>" if row_wrapper else \
        "<w:sdt><w:sdtPr><w:alias w:val=\"Marca\"/></w:sdtPr><w:sdtContent><w:r><w:t>X</w:t></w:r></w:sdtContent></w:sdt>"
    path = with_cell_xml(blank, rules, catalogue, tmp_path, {2: inside}, row_wrapper="sdt" if row_wrapper else "")
    assert problems(path, rules) == [
        WHERE + "la marca de la columna 2 («X») está dentro de un control de contenido de Word; cddgen solo lee la X "
                "escrita directamente en la celda. Quite el control (clic derecho › Quitar control de contenido) y "
                "escriba X en la celda."]


@pytest.mark.parametrize("box", [
    # A legacy check box form field (Programador › Herramientas heredadas), ticked.
    '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Casilla1"/><w:enabled/><w:checkBox>'
    '<w:sizeAuto/><w:default w:val="0"/><w:checked/></w:checkBox></w:ffData></w:fldChar></w:r>'
    '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
    # A check box content control, ticked: Word draws ☒.
    '<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr>'
    '<w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt>',
])
def test_a_ticked_check_box_is_explained(blank, rules, catalogue, tmp_path, box):
    path = with_cell_xml(blank, rules, catalogue, tmp_path, {1: box})
    assert problems(path, rules) == [
        WHERE + "la celda de la columna 1 tiene una casilla de verificación marcada; cddgen solo lee la X escrita en "
                "la celda. Quite la casilla (selecciónela y bórrela) y escriba X en la celda."]


def test_unticked_check_boxes_are_empty_cells(blank, rules, catalogue, tmp_path):
    unticked = ('<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="0"/></w14:checkbox></w:sdtPr>'
                '<w:sdtContent><w:r><w:t>☐</w:t></w:r></w:sdtContent></w:sdt>')
    path = with_cell_xml(blank, rules, catalogue, tmp_path, {0: unticked, 1: unticked, 3: "<w:r><w:t>X</w:t></w:r>"})
    assert read_ficha(path, rules).valoraciones[ITEM] == 3


@pytest.mark.parametrize(("xml", "named"), [
    ("<w:r><w:t>X\u00ad</w:t></w:r>", "un carácter invisible (guion opcional, U+00AD), que no se imprime"),
    ("<w:r><w:t>X</w:t><w:softHyphen/></w:r>", "un carácter invisible (guion opcional, U+00AD), que no se imprime"),
    ("<w:r><w:t>\u200bX\u200e</w:t></w:r>", "caracteres invisibles (espacio de ancho cero, U+200B; marca de dirección "
                                             "del texto, U+200E), que no se imprimen"),
])
def test_an_x_with_an_invisible_character_is_explained(blank, rules, catalogue, tmp_path, xml, named):
    path = with_cell_xml(blank, rules, catalogue, tmp_path, {2: xml})
    assert problems(path, rules) == [
        WHERE + f"la celda de la columna 2 contiene «X» y además {named} pero no es una marca. Borre todo el contenido "
                "de la celda y escriba solo X."]


def test_a_cell_holding_only_an_invisible_character_is_empty(blank, rules, catalogue, tmp_path):
    path = with_cell_xml(blank, rules, catalogue, tmp_path, {0: "<w:r><w:t>\u200b</w:t></w:r>",
                                                             1: "<w:r><w:t>X</w:t></w:r>"})
    assert read_ficha(path, rules).valoraciones[ITEM] == 1
