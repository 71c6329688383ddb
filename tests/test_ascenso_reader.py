"""Reading and validating forms/ascenso.xlsx (issue #3, item 3): every problem at once, located by
sheet, row and column, in Spanish; nothing rendered from an invalid workbook."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from generator.domain.ascenso import evaluate
from generator.errors import InvalidInput
from generator.forms.ascenso import ascenso_form
from generator.readers.ascenso import read_ascenso, read_candidates

from .helpers import as_ascenso_form_v2, edit_workbook


@pytest.fixture
def rules(settings):
    return settings.rules.ascenso


def cell(rules, sheet: str, field: str, row: int) -> str:
    columns = [column.field for column in ascenso_form(rules).sheet(sheet).columns]
    return f"{get_column_letter(columns.index(field) + 1)}{row}"


def rows_of(path, sheet: str, dni: str) -> list[int]:
    """The rows of ``sheet`` whose first column (DNI) is ``dni``."""
    ws = load_workbook(path, read_only=True)[sheet]
    return [index for index, row in enumerate(ws.iter_rows(min_row=2, max_col=1, values_only=True), start=2)
            if row[0] == dni]


def test_the_sample_reads_into_34_postulantes_with_their_records(example, rules):
    postulantes = read_ascenso(example("ascenso.xlsx"), rules)
    assert len(postulantes) == 34
    by_dni = {p.dni: p for p in postulantes}
    assert len(by_dni) == 34 and "06543210" in by_dni and "00456123" in by_dni  # leading zeros kept
    lucia = by_dni["41234567"]
    assert lucia.apellidos_nombres == "Ccori Mamani, Lucía"
    assert (len(lucia.grados), len(lucia.capacitaciones), len(lucia.meritos), len(lucia.experiencia)) == (3, 3, 1, 3)
    assert lucia.discapacidad.documento == "a" and lucia.discapacidad.sihce == "Encontrado"
    assert by_dni["49987654"].firma_dispensada == "Tercer miembro"
    # Dates typed as text in the sample (dd/mm/aaaa) are dates.
    assert by_dni["47123456"].experiencia[0].fin == dt.date(2019, 12, 31)
    assert by_dni["01928374"].fecha_nombramiento == dt.date(2023, 3, 15)
    # The committee check reads only DNI and names.
    assert read_candidates(example("ascenso.xlsx"), rules)["06543210"] == "Ríos D'Alessandro, Ana"


def broken_copy(example, rules):
    path = example("ascenso.xlsx")
    vasquez = rows_of(path, "Postulantes", "30475869")[0]
    lopez = rows_of(path, "Postulantes", "01928374")[0]
    espinoza = rows_of(path, "Postulantes", "01234987")[0]
    exp_rojas = rows_of(path, "Experiencia", "47123456")
    exp_tapia = rows_of(path, "Experiencia", "48123456")
    cap = rows_of(path, "Capacitaciones", "41987654")
    merit = rows_of(path, "Méritos", "46987654")[0]
    # Her retiro was communicated: with her DNI unreadable, that row names nobody (reported too).
    notice = rows_of(path, "Notificaciones", "30475869")[0]
    edit_workbook(path, {
        "Postulantes": {
            cell(rules, "Postulantes", "dni", vasquez): "3047586",
            cell(rules, "Postulantes", "dni", lopez): "42345678",
            cell(rules, "Postulantes", "escala", espinoza): 8,
        },
        "Experiencia": {
            cell(rules, "Experiencia", "inicio", exp_rojas[0]): "31/02/2020",
            cell(rules, "Experiencia", "fin", exp_rojas[1]): "28/02/2019",
            cell(rules, "Experiencia", "cargo", exp_tapia[0]): "Auxiliar de educación",
        },
        "Capacitaciones": {
            cell(rules, "Capacitaciones", "entidad_tipo", cap[0]): "Academia preuniversitaria",
            cell(rules, "Capacitaciones", "horas", cap[1]): -40,
        },
        "Méritos": {cell(rules, "Méritos", "dni", merit): "11111111"},
    })
    expected = {
        ("Postulantes", vasquez, "DNI"): "«3047586» no es un DNI válido: debe tener 8 dígitos.",
        ("Postulantes", lopez, "DNI"): "el DNI 42345678 ya está registrado para otro postulante (fila 3).",
        ("Postulantes", espinoza, "Escala actual"): "la escala 8 no permite postular al ascenso (es la última "
                                                    "escala magisterial).",
        ("Experiencia", exp_rojas[0], "Inicio"): "«31/02/2020» no es una fecha válida.",
        ("Experiencia", exp_rojas[1], "Fin"): "el fin (28/02/2019) es anterior al inicio (01/03/2019).",
        ("Experiencia", exp_tapia[0], "Cargo"): "«Auxiliar de educación» no es un valor permitido.",
        ("Capacitaciones", cap[0], "Tipo de entidad"): "«Academia preuniversitaria» no es un valor permitido.",
        ("Capacitaciones", cap[1], "Horas"): "«-40» es negativo.",
        # Issue 19, item 5: with a postulante's DNI unreadable, a record of an unknown DNI may be
        # theirs: said once, not as «no corresponde» on every such row (her notification too).
        ("Postulantes", None, None): f"no se pudo leer el DNI de 1 postulante (fila {vasquez}), así que no se revisó "
                                     "a quién pertenecen 2 registros de otras hojas con un DNI que no figura en "
                                     f"«Postulantes» («Méritos», fila {merit}; «Notificaciones», fila {notice}).",
    }
    return path, expected


def test_a_broken_copy_reports_every_problem_at_once(example, rules):
    path, expected = broken_copy(example, rules)
    with pytest.raises(InvalidInput) as error:
        read_ascenso(path, rules)
    found = {(i.sheet, i.row, i.column): i.message for i in error.value.issues}
    assert found == expected
    text = str(error.value)
    assert text.startswith("ascenso.xlsx tiene 9 problemas; no se generó ningún documento.")
    assert "ascenso.xlsx, hoja «Experiencia», fila" in text and "Revise el día y el mes (dd/mm/aaaa)." in text


def test_text_dates_and_excel_dates_give_the_same_scores(example, rules):
    original = {p.dni: evaluate(p, rules) for p in read_ascenso(example("ascenso.xlsx"), rules)}
    path = example("ascenso.xlsx")
    lucia = rows_of(path, "Capacitaciones", "41234567")
    periods = rows_of(path, "Experiencia", "41234567")
    edit_workbook(path, {
        "Capacitaciones": {cell(rules, "Capacitaciones", "fecha_emision", lucia[0]): "15/09/2023"},
        # 42064 is the Excel serial number of 01/03/2015.
        "Experiencia": {cell(rules, "Experiencia", "inicio", periods[1]): 42064,
                        cell(rules, "Experiencia", "fin", periods[1]): dt.datetime(2019, 2, 28)},
    })
    changed = {p.dni: evaluate(p, rules) for p in read_ascenso(path, rules)}
    assert changed["41234567"].postulante.experiencia[1].inicio == dt.date(2015, 3, 1)
    assert changed["41234567"].criteria == original["41234567"].criteria
    assert changed["41234567"].puntaje_final == original["41234567"].puntaje_final


def test_incomplete_disability_and_dispensa_data(example, rules):
    path = example("ascenso.xlsx")
    lucia = rows_of(path, "Postulantes", "41234567")[0]
    conadis = rows_of(path, "Postulantes", "47890123")[0]
    dispensa = rows_of(path, "Postulantes", "49987654")[0]
    edit_workbook(path, {"Postulantes": {
        cell(rules, "Postulantes", "disc_presentacion", lucia): None,
        cell(rules, "Postulantes", "disc_sihce", lucia): None,
        cell(rules, "Postulantes", "disc_expedicion", conadis): None,
        cell(rules, "Postulantes", "motivo_dispensa", dispensa): None,
    }})
    with pytest.raises(InvalidInput) as error:
        read_ascenso(path, rules)
    found = {(i.row, i.column): i.message for i in error.value.issues}
    assert found == {
        (lucia, "Fecha de presentación del documento"): "falta la fecha de presentación del documento de discapacidad.",
        (lucia, "Resultado SIHCE"): "falta el resultado de la verificación en la plataforma SIHCE.",
        (conadis, "Fecha de expedición del documento"):
            "falta la fecha de expedición de la Resolución de inscripción del CONADIS.",
        (dispensa, "Motivo de la dispensa (caso fortuito o fuerza mayor)"): "falta el motivo de la dispensa de firma.",
    }


def test_the_presidents_signature_cannot_be_dispensed(example, rules):
    path = example("ascenso.xlsx")
    row = rows_of(path, "Postulantes", "49987654")[0]
    edit_workbook(path, {"Postulantes": {cell(rules, "Postulantes", "firma_dispensada", row):
                                         "Primer miembro (Presidente)"}})
    with pytest.raises(InvalidInput) as error:
        read_ascenso(path, rules)
    (issue,) = error.value.issues
    assert issue.column == "Firma dispensada (integrante)" and "no es un valor permitido" in issue.message
    assert "Segundo miembro; Tercer miembro" in issue.fix


def test_a_blank_form_says_so_and_a_form_without_postulantes_says_that(tmp_path, rules):
    from generator.forms.xlsx_writer import write_form

    path = write_form(ascenso_form(rules), tmp_path / "ascenso.xlsx")
    with pytest.raises(InvalidInput) as error:
        read_ascenso(path, rules)
    assert [i.message for i in error.value.issues] == ["el formulario está en blanco: ninguna hoja tiene datos."]
    edit_workbook(path, {"Solicitudes de copia": {"A2": "41234567", "B2": "20/01/2026"}})
    with pytest.raises(InvalidInput) as error:
        read_ascenso(path, rules)
    assert "ascenso.xlsx, hoja «Postulantes»: no tiene postulantes. Registre al menos un postulante, uno por fila." in [
        str(i) for i in error.value.issues]


def test_a_dni_typed_as_a_number_keeps_its_leading_zero(example, rules):
    path = example("ascenso.xlsx")
    row = rows_of(path, "Postulantes", "06543210")[0]
    edit_workbook(path, {"Postulantes": {cell(rules, "Postulantes", "dni", row): 6543210}})
    assert "06543210" in {p.dni for p in read_ascenso(path, rules)}


@pytest.mark.parametrize("typed", ["１２３４５６７８", "᱓᧙௧𖫄໐໑𝟯௪"])
def test_a_dni_of_other_scripts_digits_is_not_a_dni(example, rules, typed):
    """Found by the property tests: \\d accepted any script's digits, so «１２３４５６７８»
    (full-width) was a DNI that never matched the same DNI typed in ASCII digits."""
    path = example("ascenso.xlsx")
    row = rows_of(path, "Postulantes", "06543210")[0]
    edit_workbook(path, {"Postulantes": {cell(rules, "Postulantes", "dni", row): typed}})
    with pytest.raises(InvalidInput) as error:
        read_ascenso(path, rules)
    messages = {(i.sheet, i.row, i.column): i.message for i in error.value.issues}
    assert messages[("Postulantes", row, "DNI")] == f"«{typed}» no es un DNI válido: debe tener 8 dígitos."


def test_blank_form_has_dropdowns_instructions_and_marker(tmp_path, rules):
    from generator.forms.xlsx_writer import write_form

    path = write_form(ascenso_form(rules), tmp_path / "ascenso.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames[:6] == ["Instrucciones", "Postulantes", "Grados y títulos", "Capacitaciones",
                                       "Méritos", "Experiencia"]
    assert workbook["_cddgen"]["B1"].value == "ascenso"
    for sheet, field in (("Postulantes", "ascendio_2022"), ("Postulantes", "disc_documento"),
                         ("Postulantes", "firma_dispensada"), ("Grados y títulos", "tipo"),
                         ("Grados y títulos", "situacion"), ("Capacitaciones", "entidad_tipo"),
                         ("Méritos", "documento"), ("Experiencia", "cargo")):
        letter = cell(rules, sheet, field, 2)[:-1]
        ranges = [str(v.sqref) for v in workbook[sheet].data_validations.dataValidation]
        assert any(ref.startswith(f"{letter}2:") for ref in ranges), (sheet, field)
    explained = [row[0] for row in workbook["Instrucciones"].iter_rows(values_only=True)]
    for header in ("Escala actual", "Resultado SIHCE", "Motivo de la dispensa (caso fortuito o fuerza mayor)",
                   "Tipo de entidad", "Documento que lo verifica", "Resolución"):
        assert header in explained, header


def test_hours_or_credits_that_could_carry_a_thousands_separator_are_refused_with_both_readings(example, rules):
    """Issue 15.8: «1,200» and «1.200» were read as 1.2 hours or credits (DOMAIN.md A.2, 1.3–1.5: 384 h,
    24 créditos); cddgen itself prints thousands with a comma. A decimal comma stays accepted."""
    path = example("ascenso.xlsx")
    rows = rows_of(path, "Capacitaciones", "41234567")
    horas, creditos = cell(rules, "Capacitaciones", "horas", rows[0]), cell(rules, "Capacitaciones", "creditos", rows[1])
    edit_workbook(path, {"Capacitaciones": {horas: "1,200", creditos: "1.200",
                                            cell(rules, "Capacitaciones", "horas", rows[2]): "92,5"}})
    with pytest.raises(InvalidInput) as error:
        read_ascenso(path, rules)
    found = {(issue.row, issue.column, issue.cell): (issue.message, issue.fix) for issue in error.value.issues}
    assert found == {
        (rows[0], "Horas", horas): ("«1,200» puede leerse como 1200 (con separador de miles) o como 1,2 (con decimales).",
                                    "Escriba 1200, sin separador de miles, si son 1200; escriba 1,2 si es un número "
                                    "con decimales."),
        (rows[1], "Créditos", creditos): ("«1.200» puede leerse como 1200 (con separador de miles) o como 1,2 (con "
                                          "decimales).", "Escriba 1200, sin separador de miles, si son 1200; escriba "
                                          "1,2 si es un número con decimales."),
    }
    edit_workbook(path, {"Capacitaciones": {horas: "1200", creditos: "1,2"}})
    lucia = next(p for p in read_ascenso(path, rules) if p.dni == "41234567")
    assert (lucia.capacitaciones[0].horas, lucia.capacitaciones[2].horas) == (1200, 92.5)
    assert lucia.capacitaciones[1].creditos == pytest.approx(1.2)


# --- form version 4 (issue 13, item 4): régimen, date of the 2022 ascenso, idoneidad documents -----


def test_form_v4_reads_regimen_2022_ascenso_and_idoneidad_documents(example, rules):
    """Seed 003, 2.2 §3.1 (régimen of 3.1), 2.1.1 B (2022 ascenso) and 2.1.1 A (sources of b–d)."""
    from generator.readers.ascenso import read_case

    case = read_case(example("ascenso.xlsx"), rules)
    assert case.avisos == ()
    by_dni = {p.dni: p for p in case.postulantes}
    lucia = by_dni["41234567"]
    assert [period.regimen for period in lucia.experiencia] == ["Nombrado (Ley N° 24029)", "",
                                                                "Nombrado (Ley N° 29944)"]
    assert by_dni["00456123"].fecha_ascenso_2022 == dt.date(2022, 9, 1)
    document = by_dni["20384756"].documento_idoneidad("b")
    assert (document.documento, document.fecha, document.fuente) == (
        "Oficio N° 00456-2025-MINEDU/VMGP-DIED", dt.date(2025, 10, 20), "Información de la DIED en el aplicativo")
    assert by_dni["40567891"].documento_idoneidad("d").fuente.endswith("RNSSC")
    assert by_dni["40567891"].documento_idoneidad("b") is None


def test_an_old_v2_workbook_is_read_with_a_warning_naming_what_it_lacks(example, rules):
    """Form v2 (before issue 13) has none of the new columns: it is read all the same and the
    warning names every missing column and what the documents will lack."""
    from generator.readers.ascenso import read_case

    path = as_ascenso_form_v2(example("ascenso.xlsx"), rules)
    case = read_case(path, rules)
    assert len(case.postulantes) == 34
    assert by_dni_points(case, rules) == by_dni_points(read_case(example("ascenso.xlsx"), rules), rules)
    warning = case.avisos[0]
    assert warning.startswith("ascenso.xlsx es de una versión anterior del formulario (versión 4 actual): le "
                              "faltan las columnas en «Postulantes», «Fecha del ascenso 2022», «b) Documento»")
    assert "«d) Fuente»; en «Experiencia», «Régimen (criterio 3.1)». Se procesa igual" in warning
    # Without the date, the 2022-ascended postulante's permanencia comes from the informe escalafonario.
    assert any("00456123" in line and "«Fecha del ascenso 2022»" in line for line in case.avisos)
    assert any("20384756" in line and "la idoneidad b) no se cumple pero no se registró el documento" in line
               for line in case.avisos)


def by_dni_points(case, rules) -> dict:
    return {p.dni: evaluate(p, rules).matriz_total for p in case.postulantes}


def test_a_2022_ascenso_date_needs_the_2022_ascenso_and_a_date_before_the_inscription(example, rules):
    path = example("ascenso.xlsx")
    lucia = rows_of(path, "Postulantes", "41234567")[0]
    gutierrez = rows_of(path, "Postulantes", "00456123")[0]
    edit_workbook(path, {"Postulantes": {cell(rules, "Postulantes", "fecha_ascenso_2022", lucia): "01/09/2022",
                                         cell(rules, "Postulantes", "fecha_ascenso_2022", gutierrez): "16/05/2025"}})
    with pytest.raises(InvalidInput) as error:
        read_ascenso(path, rules)
    text = str(error.value)
    assert (f"ascenso.xlsx, hoja «Postulantes», fila {lucia}, columna «Fecha del ascenso 2022»: hay «Fecha del "
            "ascenso 2022» pero «Ascendió en el concurso 2022» es No. Ponga Sí en «Ascendió en el concurso 2022» o "
            "borre la fecha.") in text
    assert "la fecha del ascenso 2022 (16/05/2025) es posterior al inicio de la inscripción (15/05/2025)" in text
