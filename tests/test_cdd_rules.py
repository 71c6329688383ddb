"""Compromisos de Desempeño CETPRO 2025: indicators 1.1, 1.2, 1.3, 2.1 and the MMA (DOMAIN.md B;
seed 000, «Resumen de las Fichas Técnicas»). Pure rules, every boundary."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import tomllib
from decimal import Decimal
from importlib import resources

import pytest

from generator.domain.cdd import (
    Agreement,
    Cetpro,
    CetproCase,
    Graduate,
    Program,
    Standing,
    Student,
    Teacher,
    case_problems,
    document_problem,
    evaluate,
    evaluate_agreements,
    evaluate_graduates,
    evaluate_students,
    evaluate_teachers,
    evaluate_tramo,
    mma_earned,
    oficio_date,
)
from generator.domain.common import Source
from generator.errors import ConfigError
from generator.forms.cdd import cdd_form, field_labels
from generator.rules import from_table

D = dt.date
RULES = tomllib.loads(resources.files("generator").joinpath("rules", "cdd-2025.toml").read_text(encoding="utf-8"))
EDITION = from_table("cdd", RULES, "cdd-2025.toml")
LABELS = field_labels(cdd_form(EDITION))

TEACHER_VARIABLES = [
    ("nombres", "Nombres"), ("apellidos", "Apellidos"), ("dni", "DNI"), ("periodo_academico", "Periodo académico"),
    ("programa", "Programa de estudios"), ("modulo", "Módulo formativo"), ("correo", "Correo electrónico"),
    ("nivel_academico", "Nivel académico"), ("grado", "Grado"), ("denominacion_grado", "Denominación del grado"),
    ("institucion_grado", "Institución del grado"), ("ultimo_titulo", "Último título obtenido"),
    ("denominacion_titulo", "Denominación del título"), ("institucion_titulo", "Institución del título"),
]
CHECKLIST = [item.field for item in EDITION.checklist]


def student(registered: dt.date | None, periodo: str = "2025-I", row: int = 2) -> Student:
    return Student("DNI", f"{70000000 + row:08d}", "Quispe Ñañez, Lucía", periodo, registered,
                   source=Source("Estudiantes", row))


def students(on_time: int, late: int) -> list[Student]:
    return ([student(D(2025, 5, 9), row=i) for i in range(on_time)]
            + [student(D(2025, 5, 10), row=on_time + i) for i in range(late)])


def teacher(condicion: str = "Nombrado", registered: dt.date | None = D(2025, 5, 2), **changes) -> Teacher:
    values = {
        "nombres": "Rosa Amelia", "apellidos": "Huamán Cárdenas", "dni": "09876543", "periodo_academico": "2025-I",
        "programa": "Cocina", "modulo": "Cocina peruana", "correo": "rhuaman@cetpro.edu.pe",
        "nivel_academico": "Superior universitario", "grado": "Bachiller",
        "denominacion_grado": "Bachiller en Educación", "institucion_grado": "UNE Enrique Guzmán y Valle",
        "ultimo_titulo": "Título profesional", "denominacion_titulo": "Licenciada en Educación Técnica",
        "institucion_titulo": "UNE Enrique Guzmán y Valle",
    }
    values.update(changes)
    return Teacher(condicion, registered, values, Source("Docentes", 2))


def graduate(anio: int = 2024, registered: dt.date | None = D(2025, 6, 16), **changes) -> Graduate:
    values = {
        "tipo_documento": "DNI", "numero_documento": "72345678", "apellidos": "Ccori Mamani", "nombres": "Lucía",
        "sexo": "Femenino", "fecha_nacimiento": D(1998, 3, 14), "programa": "Cosmetología",
        "fecha_egreso": D(anio, 12, 15), "celular": "987654321", "correo": "lucia.ccori@gmail.com",
        "situacion_laboral": "Trabajador independiente",
    }
    values.update(changes)
    return Graduate(anio, registered, values, Source("Egresados", 2))


PROGRAMS = [Program("Cocina", "Cocina Peruana"), Program("Computación e Informática", "Ofimática")]


def agreement(signed: dt.date = D(2025, 3, 14), programa: str = "Cocina", **checklist) -> Agreement:
    items = {name: True for name in CHECKLIST}
    items.update(checklist)
    return Agreement("IE N° 2048 José Carlos Mariátegui", "0321406", signed, programa, items,
                     source=Source("Convenios", 2))


# --------------------------------------------------------------------------- the edition


def test_B_edition_dates_and_metas_come_from_the_rules_file():
    assert EDITION.approved == D(2025, 2, 19)
    assert EDITION.agreements_from == D(2025, 2, 20)  # «a partir del día siguiente de la aprobación»
    assert EDITION.agreements_until == D(2025, 7, 31)
    assert (EDITION.students_numerator_until, EDITION.students_denominator_until) == (D(2025, 5, 9), D(2025, 5, 30))
    assert {code: i.meta for code, i in EDITION.indicators.items()} == {"1.1": 80, "1.2": 80, "1.3": 80, "2.1": 50}
    assert {code: i.tramo for code, i in EDITION.indicators.items()} == {"1.1": 1, "1.2": 1, "1.3": 2, "2.1": 2}
    assert [EDITION.tramos[n].closes for n in (1, 2)] == [D(2025, 5, 30), D(2025, 7, 31)]
    assert EDITION.agreements_required == 2
    assert EDITION.graduate_years == (2023, 2024)
    assert len(EDITION.teacher_variables) == 14
    assert EDITION.split == "todo_o_nada"


def test_B_mma_table_of_ugel_02_adds_up_to_the_seed_totals():
    assert [(e.codigo_modular, e.nombre) for e in EDITION.mma] == [
        ("0437889", "PROMAE RIMAC"), ("0438028", "ROSA DE AMERICA"), ("0663427", "LOS LIBERTADORES"),
        ("0663732", "PROMAE CONDEVILLA"), ("0777151", "PERU")]
    assert sum(e.amount(1) for e in EDITION.mma) == 526_760
    assert sum(e.amount(2) for e in EDITION.mma) == 351_175


def test_B_unknown_split_rule_is_a_config_error():
    rules = copy.deepcopy(RULES)
    rules["mma"]["reparto_mma"] = "mitad"
    with pytest.raises(ConfigError, match="«mma.reparto_mma» = «mitad» no es una regla de reparto conocida"):
        from_table("cdd", rules)


def test_B_a_required_field_the_form_lacks_is_a_config_error():
    rules = copy.deepcopy(RULES)
    rules["indicadores"]["1.2"]["variables"] = ["nombres", "telefono_fijo"]
    with pytest.raises(ConfigError, match="telefono_fijo"):  # when the rules load, not when the form is made
        from_table("cdd", rules)


# --------------------------------------------------------------------------- 1.1


@pytest.mark.parametrize(
    ("registered", "standing", "reason"),
    [
        (D(2025, 3, 1), Standing.COUNTS, "cuenta en el numerador y en el denominador"),
        (D(2025, 5, 9), Standing.COUNTS, "registrado en el AVANZA el 09/05/2025, hasta el 09/05/2025"),
        (D(2025, 5, 10), Standing.DENOMINATOR_ONLY, "después del 09/05/2025: cuenta solo en el denominador"),
        (D(2025, 5, 30), Standing.DENOMINATOR_ONLY, "cuenta solo en el denominador"),
        (D(2025, 5, 31), Standing.EXCLUDED, "después del 30/05/2025: no cuenta ni en el numerador ni en el"),
        (None, Standing.EXCLUDED, "sin fecha de registro en el AVANZA"),
    ],
)
def test_B_1_1_registration_date_boundaries(registered, standing, reason):
    (row,) = evaluate_students([student(registered)], EDITION).rows
    assert row.standing is standing
    assert reason in row.reason


def test_B_1_1_registered_on_may_10_counts_in_denominator_only():
    result = evaluate_students([student(D(2025, 5, 9)), student(D(2025, 5, 10), row=3)], EDITION)
    assert (result.numerator, result.denominator) == (1, 2)
    assert result.rows[1].standing is Standing.DENOMINATOR_ONLY


def test_B_1_1_a_student_of_another_period_is_not_considered():
    (row,) = evaluate_students([student(D(2025, 4, 1), periodo="2024-II")], EDITION).rows
    assert row.standing is Standing.EXCLUDED
    assert "matriculado en el periodo «2024-II», no en 2025-I" in row.reason


def test_B_1_1_exactly_80_percent_meets_the_meta():
    result = evaluate_students(students(8, 2), EDITION)
    assert (result.numerator, result.denominator, result.percent) == (8, 10, Decimal("80.0"))
    assert result.meets and result.verdict == "Cumple"


def test_B_1_1_79_9_percent_does_not_meet_the_meta():
    result = evaluate_students(students(799, 201), EDITION)
    assert result.percent == Decimal("79.9")
    assert not result.meets and result.verdict == "No cumple"


def test_B_1_1_79_96_percent_is_never_shown_as_80():
    result = evaluate_students(students(1999, 501), EDITION)  # 79.96 %
    assert result.percent == Decimal("79.9") and not result.meets
    assert evaluate_students(students(2, 1), EDITION).percent == Decimal("66.7")  # otherwise half up


def test_B_denominator_zero_is_sin_datos_and_does_not_meet():
    result = evaluate_students([student(D(2025, 6, 2))], EDITION)
    assert (result.numerator, result.denominator, result.percent) == (0, 0, None)
    assert not result.meets
    assert result.verdict == "No cumple (sin datos)"
    assert "sin datos (denominador 0)" in result.explanation


# --------------------------------------------------------------------------- 1.2


@pytest.mark.parametrize(("field", "label"), TEACHER_VARIABLES)
def test_B_1_2_missing_any_of_the_14_variables_is_not_oportuno(field, label):
    (row,) = evaluate_teachers([teacher(**{field: None})], EDITION, LABELS).rows
    assert row.standing is Standing.DENOMINATOR_ONLY
    assert f"falta «{label}» (de las 14 variables obligatorias)" in row.reason


def test_B_1_2_a_docente_missing_denominacion_del_titulo_is_not_oportuno():
    result = evaluate_teachers([teacher(), teacher(denominacion_titulo="  ")], EDITION, LABELS)
    assert (result.numerator, result.denominator) == (1, 2)
    assert "«Denominación del título»" in result.rows[1].reason


@pytest.mark.parametrize("condicion", ["Nombrado", "Contratado"])
def test_B_1_2_nombrados_and_contratados_both_count(condicion):
    (row,) = evaluate_teachers([teacher(condicion)], EDITION, LABELS).rows
    assert row.standing is Standing.COUNTS


@pytest.mark.parametrize(
    ("registered", "standing"),
    [(D(2025, 5, 30), Standing.COUNTS), (D(2025, 5, 31), Standing.DENOMINATOR_ONLY), (None, Standing.DENOMINATOR_ONLY)],
)
def test_B_1_2_registered_by_the_tramo_1_closing_date(registered, standing):
    (row,) = evaluate_teachers([teacher(registered=registered)], EDITION, LABELS).rows
    assert row.standing is standing
    if registered == D(2025, 5, 31):
        assert "después del cierre del tramo 1 (30/05/2025)" in row.reason


def test_B_1_2_another_condition_does_not_count_and_says_why():
    (row,) = evaluate_teachers([teacher("Locación de servicios")], EDITION, LABELS).rows
    assert row.standing is Standing.DENOMINATOR_ONLY
    assert "condición es «Locación de servicios»" in row.reason
    assert "nombrados y contratados" in row.reason
    edition = dataclasses.replace(EDITION, other_conditions_in_denominator=False)
    (row,) = evaluate_teachers([teacher("Locación de servicios")], edition, LABELS).rows
    assert row.standing is Standing.EXCLUDED


def test_B_1_2_every_failure_is_named_in_one_reason():
    (row,) = evaluate_teachers([teacher(registered=D(2025, 6, 2), correo=None, grado=None)], EDITION, LABELS).rows
    assert "faltan «Correo electrónico» y «Grado»" in row.reason
    assert "se registró el 02/06/2025" in row.reason


def test_B_1_2_a_docente_of_another_period_is_not_considered():
    (row,) = evaluate_teachers([teacher(periodo_academico="2024-II")], EDITION, LABELS).rows
    assert row.standing is Standing.EXCLUDED


# --------------------------------------------------------------------------- 1.3


@pytest.mark.parametrize(("anio", "standing"), [(2022, Standing.EXCLUDED), (2023, Standing.COUNTS),
                                                (2024, Standing.COUNTS), (2025, Standing.EXCLUDED)])
def test_B_1_3_only_egresados_of_2023_and_2024(anio, standing):
    (row,) = evaluate_graduates([graduate(anio)], EDITION, LABELS).rows
    assert row.standing is standing
    if standing is Standing.EXCLUDED:
        assert "solo considera a los egresados de 2023 y 2024" in row.reason


@pytest.mark.parametrize("field", EDITION.graduate_fields)
def test_B_1_3_an_incomplete_egresado_counts_in_the_denominator_only(field):
    (row,) = evaluate_graduates([graduate(**{field: None})], EDITION, LABELS).rows
    assert row.standing is Standing.DENOMINATOR_ONLY
    assert f"registro incompleto: falta «{LABELS[field]}»" in row.reason


@pytest.mark.parametrize(("registered", "standing"), [(D(2025, 7, 31), Standing.COUNTS),
                                                      (D(2025, 8, 1), Standing.DENOMINATOR_ONLY),
                                                      (None, Standing.DENOMINATOR_ONLY)])
def test_B_1_3_registered_by_the_tramo_2_closing_date(registered, standing):
    (row,) = evaluate_graduates([graduate(registered=registered)], EDITION, LABELS).rows
    assert row.standing is standing


def test_B_1_3_exactly_80_percent_meets():
    rows = [graduate() for _ in range(4)] + [graduate(celular=None)]
    result = evaluate_graduates(rows, EDITION, LABELS)
    assert (result.numerator, result.denominator, result.meets) == (4, 5, True)


# --------------------------------------------------------------------------- 2.1


@pytest.mark.parametrize(
    ("signed", "valid", "reason"),
    [
        (D(2025, 2, 19), False, "antes del 20/02/2025 (día siguiente a la aprobación de la Norma Técnica, 19/02/2025)"),
        (D(2025, 2, 20), True, "convenio válido"),
        (D(2025, 7, 31), True, "convenio válido"),
        (D(2025, 8, 1), False, "después del cierre del tramo 2 (31/07/2025)"),
    ],
)
def test_B_2_1_signed_or_renewed_from_the_day_after_the_norma_to_july_31(signed, valid, reason):
    (row,) = evaluate_agreements([agreement(signed)], PROGRAMS, EDITION).rows
    assert (row.standing is Standing.COUNTS) is valid
    assert reason in row.reason


def test_B_2_1_programa_must_match_avanza_ignoring_case_accents_and_spaces():
    assert evaluate_agreements([agreement(programa="  COMPUTACION e informática ")], PROGRAMS, EDITION).numerator == 1
    assert evaluate_agreements([agreement(programa="cocina peruana")], PROGRAMS, EDITION).numerator == 1  # a módulo
    (row,) = evaluate_agreements([agreement(programa="Gastronomía")], PROGRAMS, EDITION).rows
    assert row.standing is Standing.EXCLUDED
    assert "el programa o módulo «Gastronomía» no coincide con ninguno registrado en el AVANZA 2025-I" in row.reason


@pytest.mark.parametrize("item", CHECKLIST)
@pytest.mark.parametrize("answer", [False, None])
def test_B_2_1_a_failing_6_6_2_checklist_item_invalidates_the_convenio(item, answer):
    (row,) = evaluate_agreements([agreement(**{item: answer})], PROGRAMS, EDITION).rows
    assert row.standing is Standing.EXCLUDED
    text = next(i.text for i in EDITION.checklist if i.field == item)
    assert f"no cumple el numeral 6.6.2 de la RVM N° 176-2021-MINEDU: «{text}»" in row.reason


def test_B_2_1_the_reason_names_every_failing_condition():
    (row,) = evaluate_agreements([agreement(D(2025, 2, 1), "Gastronomía", vigencia=False)], PROGRAMS, EDITION).rows
    assert row.reason.count(";") >= 2
    assert "antes del 20/02/2025" in row.reason and "«Gastronomía»" in row.reason and "plazo de vigencia" in row.reason


@pytest.mark.parametrize(("valid", "percent", "meets"), [(0, "0", False), (1, "50.0", True), (2, "100.0", True),
                                                         (3, "100.0", True)])
def test_B_2_1_valid_convenios_over_two_required_capped_at_100(valid, percent, meets):
    rows = [agreement() for _ in range(valid)] + [agreement(programa="Gastronomía")]
    result = evaluate_agreements(rows, PROGRAMS, EDITION)
    assert (result.numerator, result.denominator) == (valid, 2)
    assert result.percent == Decimal(percent)
    assert result.meets is meets


# --------------------------------------------------------------------------- MMA per tramo


def case(code: str = "0437889", *, students_ok: bool = True, teachers_ok: bool = True) -> CetproCase:
    cetpro = Cetpro(code, "PROMAE RIMAC", "UGEL 02 RIMAC", "Gladys Huamán", "10456789", "Director(a)",
                    "cetpro@gmail.com", "Jr. Trujillo 455", source=Source("CETPRO", 0))
    return CetproCase(
        cetpro,
        students=tuple(students(8, 2) if students_ok else students(7, 3)),
        teachers=(teacher(),) if teachers_ok else (teacher(dni=None),),
        graduates=(graduate(),),
        agreements=(agreement(),),
        programs=tuple(PROGRAMS),
    )


def test_B_mma_all_or_nothing_per_tramo():
    evaluation = evaluate(case(), EDITION, LABELS)
    assert evaluation.tramos[1].mma_earned == 141_241 and evaluation.tramos[2].mma_earned == 94_161
    evaluation = evaluate(case(teachers_ok=False), EDITION, LABELS)
    assert evaluation.tramos[1].met == 1
    assert evaluation.tramos[1].mma_earned == 0
    assert evaluation.mma_earned == 94_161 and evaluation.mma_max == 141_241 + 94_161


def test_B_mma_proportional_split_is_the_share_of_indicators_met():
    edition = dataclasses.replace(EDITION, split="proporcional")
    result = evaluate_tramo(case(students_ok=False), edition, 1, LABELS)
    assert result.mma_earned == Decimal("70620.50")
    assert evaluate_tramo(case(), edition, 1, LABELS).mma_earned == 141_241


@pytest.mark.parametrize(("met", "split", "earned"), [
    (2, "todo_o_nada", 1000), (1, "todo_o_nada", 0), (0, "todo_o_nada", 0),
    (2, "proporcional", 1000), (1, "proporcional", 500), (0, "proporcional", 0),
])
def test_B_mma_split_rules(met, split, earned):
    meeting = evaluate_students(students(9, 1), EDITION)
    failing = evaluate_students(students(1, 9), EDITION)
    results = [meeting] * met + [failing] * (2 - met)
    assert mma_earned(1000, results, split) == earned


# --------------------------------------------------------------------------- validation and dates


def test_B_unknown_cetpro_and_repeated_dnis_are_problems():
    bad = dataclasses.replace(case("0999999"), teachers=(teacher(), teacher()))
    problems = case_problems(bad, EDITION)
    messages = [p.message for p in problems]
    assert any(m.startswith("CETPRO desconocido en la tabla del MMA de la edición cdd-2025") for m in messages)
    assert any("el DNI 09876543 está repetido" in m for m in messages)


@pytest.mark.parametrize("numero", ["１２３４５６７８", "¹²³⁴⁵⁶⁷⁸", "٠١٢٣٤٥٦٧"])
def test_B_a_dni_is_eight_ascii_digits(numero):
    """str.isdigit() is true for full-width, superscript and Arabic-Indic digits too."""
    assert document_problem("DNI", numero) == f"«{numero}» no es un DNI válido: debe tener 8 dígitos."
    assert document_problem("DNI", "01234567") is None


def test_B_oficio_is_dated_the_closing_date_unless_the_form_says_otherwise():
    cetpro = case().cetpro
    assert oficio_date(cetpro, EDITION, 1) == D(2025, 5, 30)
    dated = dataclasses.replace(cetpro, oficio_dates={1: D(2025, 5, 28)})
    assert oficio_date(dated, EDITION, 1) == D(2025, 5, 28)
    late = dataclasses.replace(cetpro, oficio_dates={2: D(2025, 8, 1)})
    (problem,) = case_problems(dataclasses.replace(case(), cetpro=late), EDITION)
    assert "posterior al cierre del tramo (31/07/2025)" in problem.message
