"""The rules of the Ascenso etapa descentralizada, table by table (DOMAIN.md A.1–A.3; seed 003,
capítulo II). Every test checks the points and the words of the reason the acta shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from generator.domain.ascenso import CUMPLE, NO_CUMPLE, Periodo, Tiempo, evaluate, score_experience
from generator.domain.ascenso.months import calendar_months
from generator.errors import ConfigError

from .ascenso_factory import D, discapacidad, estudio, grado, merito, periodo, person, with_rules

DOCTOR = "Grado de Doctor"
MAESTRO = "Grado de Maestro (Maestría, Magíster o Máster)"
T_EDU = "Título de profesor o licenciado en educación"
T_SEG = "Título de segunda especialidad"
T_UNI = "Título profesional universitario (distinto de educación)"
EES = "Escuela de Educación Superior (EES)"
IES = "Instituto de Educación Superior (IES)"


@pytest.fixture
def rules(settings):
    return settings.rules.ascenso


def criterion(rules, postulante, criterion_id):
    return evaluate(postulante, rules).criterion(criterion_id)


def everything(result) -> str:
    return " ".join((result.reason, *result.counted, *result.not_counted))


def experience(rules, *periods):
    results, unmatched = score_experience(periods, rules)
    return {r.id: r for r in results}, unmatched


# --- A.1 Requisitos ------------------------------------------------------------------------


@pytest.mark.parametrize("field, value, words", [
    ("grupo_corresponde", False, "no corresponde a la modalidad"),
    ("condena_leyes", True, "Leyes N° 29988, 30901 o 30794"),
    ("condena_dolosa", True, "delito doloso"),
    ("sancion", True, "RNSSC"),
])
def test_A1_each_idoneidad_check_fails_alone(rules, field, value, words):
    evaluation = evaluate(person(**{field: value}), rules)
    failed = [check for check in evaluation.requisitos if not check.ok]
    assert len(failed) == 1 and words in failed[0].reason
    assert evaluation.estado == NO_CUMPLE
    assert evaluation.causal_retiro.startswith("j) No cumplir con los requisitos")


def test_A1_all_requisitos_met(rules):
    evaluation = evaluate(person(), rules)
    assert evaluation.estado == CUMPLE and evaluation.causal_retiro == ""
    assert [check.id for check in evaluation.requisitos] == ["a", "b", "c", "d", "permanencia"]


@pytest.mark.parametrize("escala, minimum", [(1, 2), (2, 2), (3, 3), (4, 3), (5, 3), (6, 3), (7, 4)])
def test_A1_permanencia_table_and_its_boundary(rules, escala, minimum):
    exact = evaluate(person(escala=escala, tiempo_escala=Tiempo(minimum, 0, 0)), rules)
    short = evaluate(person(escala=escala, tiempo_escala=Tiempo(minimum - 1, 11, 29)), rules)
    assert exact.requisitos[-1].ok and exact.estado == CUMPLE
    assert not short.requisitos[-1].ok and short.estado == NO_CUMPLE
    assert f"Permanencia mínima para la escala {escala}: {minimum} año" in exact.requisitos[-1].reason
    assert "al 15/05/2025" in exact.requisitos[-1].reason and exact.permanencia_corte == D(2025, 5, 15)
    assert "No cumple" in short.requisitos[-1].reason


def test_A1_escala_8_cannot_ascend(rules):
    check = evaluate(person(escala=8, tiempo_escala=Tiempo(10, 0, 0)), rules).requisitos[-1]
    assert not check.ok and "Desde la escala 8 no se puede postular" in check.reason


def test_A1_permanencia_of_the_2022_ascended_counts_to_31_august(rules):
    evaluation = evaluate(person(ascendio_2022=True), rules)
    assert evaluation.permanencia_corte == D(2025, 8, 31)
    assert "al 31/08/2025 (ascendió en el concurso 2022)" in evaluation.requisitos[-1].reason


@pytest.mark.parametrize("escala, years, first, second, ok, words", [
    (4, 2, True, True, True, "se reduce en 1 año; mínimo exigido: 2 años"),
    (3, 2, True, True, False, "la reducción se aplica a partir de la escala 4 (escala actual); no se reduce"),
    (4, 2, True, False, False, "falta la condición de prestar servicios en IE rural o de frontera del 15/05/2022"),
    (4, 2, False, True, False, "falta la condición de prestar servicios en IE rural o de frontera desde la inscripción"),
    (7, 3, True, True, True, "mínimo exigido: 3 años"),
])
def test_A1_rural_reduction_from_the_fourth_escala(rules, escala, years, first, second, ok, words):
    check = evaluate(person(escala=escala, tiempo_escala=Tiempo(years, 0, 0), rural_desde_inscripcion=first,
                            rural_tres_anios=second), rules).requisitos[-1]
    assert check.ok is ok
    assert words in check.reason


def test_A1_rural_reduction_by_target_escala_is_a_parameter(rules):
    changed = with_rules(rules, {"requisitos.rural.reduccion_segun": "destino"})
    check = evaluate(person(escala=3, tiempo_escala=Tiempo(2, 0, 0), rural_desde_inscripcion=True,
                            rural_tres_anios=True), changed).requisitos[-1]
    assert check.ok and "se reduce en 1 año" in check.reason
    with pytest.raises(ConfigError, match="reduccion_segun"):  # when the rules load, never while evaluating
        with_rules(rules, {"requisitos.rural.reduccion_segun": "siguiente"})


def test_A1_2022_ascended_rural_window(rules):
    check = evaluate(person(escala=4, tiempo_escala=Tiempo(2, 0, 0), ascendio_2022=True,
                            rural_desde_inscripcion=True, rural_tres_anios=True), rules).requisitos[-1]
    assert check.ok and "del 01/09/2022 al 01/09/2025" in check.reason


def test_A1_matriz_is_scored_even_when_requisitos_fail(rules):
    evaluation = evaluate(person(sancion=True, grados=(grado(DOCTOR, D(2020, 1, 1)),)), rules)
    assert evaluation.estado == NO_CUMPLE
    assert evaluation.criterion("1.1").points == 8 and evaluation.matriz_total == 8


# --- A.2 Rubro 1 ---------------------------------------------------------------------------


def test_A2_1_1_doctor_and_maestro_together_count_the_highest_only(rules):
    result = criterion(rules, person(grados=(grado(MAESTRO, D(2015, 1, 1)), grado(DOCTOR, D(2020, 1, 1)))), "1.1")
    assert result.points == 8
    assert "grado más alto, Doctor: 8 puntos" in result.reason
    assert len(result.counted) == 1 and "Grado de Doctor" in result.counted[0]
    assert "solo se valora el grado más alto" in result.not_counted[0]


def test_A2_1_1_maestro_points_are_a_parameter_default_6(rules):
    postulante = person(grados=(grado(MAESTRO, D(2015, 1, 1)),))
    assert criterion(rules, postulante, "1.1").points == 6
    changed = with_rules(rules, {"matriz.criterios.1.1.puntos_maestro": 7.0})
    assert criterion(changed, postulante, "1.1").points == 7


@pytest.mark.parametrize("situacion", ["Egresado", "Estudios concluidos"])
def test_A2_1_1_only_obtained_grados(rules, situacion):
    result = criterion(rules, person(grados=(grado(DOCTOR, D(2020, 1, 1), situacion),)), "1.1")
    assert result.points == 0
    assert f"situación «{situacion}»; solo se valoran grados obtenidos" in result.not_counted[0]


@pytest.mark.parametrize("fecha, points", [(D(2026, 1, 5), 8), (D(2026, 1, 6), 0), (None, 8)])
def test_A2_1_1_fecha_de_corte(rules, fecha, points):
    result = criterion(rules, person(grados=(grado(DOCTOR, fecha),)), "1.1")
    assert result.points == points
    if not points:
        assert "después de la fecha de corte (05/01/2026)" in result.not_counted[0]


@pytest.mark.parametrize("tipo, fecha, points, words", [
    (T_EDU, D(2010, 3, 2), 3, "obtenido después del nombramiento (01/03/2010)"),
    (T_EDU, D(2010, 3, 1), 0, "no posterior al nombramiento"),
    (T_EDU, D(2008, 12, 20), 0, "no posterior al nombramiento"),
    (T_EDU, None, 0, "sin fecha de emisión no se puede verificar"),
    (T_SEG, D(2014, 2, 20), 3, "obtenido después del nombramiento"),
    (T_SEG, D(2009, 2, 20), 0, "no posterior al nombramiento"),
    (T_UNI, D(2005, 6, 30), 3, "se valora cualquiera sea su fecha"),
    (T_UNI, D(2026, 1, 6), 0, "después de la fecha de corte"),
])
def test_A2_1_2_titles_after_nombramiento(rules, tipo, fecha, points, words):
    result = criterion(rules, person(grados=(grado(tipo, fecha),)), "1.2")
    assert result.points == points
    assert words in everything(result)


def test_A2_1_2_three_points_once(rules):
    result = criterion(rules, person(grados=(grado(T_UNI, D(2005, 1, 1)), grado(T_SEG, D(2015, 1, 1)))), "1.2")
    assert result.points == 3 and len(result.counted) == 2 and "una sola vez" in result.reason


def test_A2_1_2_egresado_does_not_count(rules):
    result = criterion(rules, person(grados=(grado(T_UNI, D(2005, 1, 1), "Egresado"),)), "1.2")
    assert result.points == 0 and "solo se valoran títulos obtenidos" in result.not_counted[0]


@pytest.mark.parametrize("tipo", ["Diplomado", "Diplomatura", "Diplomado de posgrado"])
@pytest.mark.parametrize("creditos, horas, points", [
    (24, None, 2), (None, 384, 2), (24, 10, 2), (1, 384, 2),
    (23, 383, 0), (23.9, None, 0), (None, 383, 0), (None, None, 0),
])
def test_A2_1_3_diplomado_threshold(rules, tipo, creditos, horas, points):
    result = criterion(rules, person(capacitaciones=(estudio(tipo, creditos, horas, D(2023, 1, 1)),)), "1.3")
    assert result.points == points
    if points:
        assert "cumple" in result.counted[0] and "dentro del plazo" in result.counted[0]
    else:
        assert "no alcanza el mínimo de 24 créditos o 384 horas" in result.not_counted[0]


@pytest.mark.parametrize("criterion_id, tipo, creditos, first, last", [
    ("1.3", "Diplomado", 24, D(2021, 1, 5), D(2026, 1, 5)),
    ("1.4", "Programa de especialización", 24, D(2021, 1, 5), D(2026, 1, 5)),
    ("1.4", "Programa de mejora continua", 7, D(2021, 1, 5), D(2026, 1, 5)),
    ("1.5", "Curso de actualización", 2, D(2024, 1, 5), D(2026, 1, 5)),
    ("1.5", "Curso de capacitación", 1, D(2024, 1, 5), D(2026, 1, 5)),
])
def test_A2_1_3_to_1_5_window_first_and_last_day_and_one_outside(rules, criterion_id, tipo, creditos, first, last):
    def points(fecha):
        return criterion(rules, person(capacitaciones=(estudio(tipo, creditos, None, fecha),)), criterion_id)

    for inside in (first, last):
        assert points(inside).points > 0
    for outside in (first - dt.timedelta(days=1), last + dt.timedelta(days=1)):
        result = points(outside)
        assert result.points == 0
        assert f"emitido fuera del plazo del {first:%d/%m/%Y} al {last:%d/%m/%Y}" in result.not_counted[0]
    result = points(None)
    assert result.points == 0 and "no se consideran estudios sin fecha de emisión" in result.not_counted[0]


@pytest.mark.parametrize("criterion_id, tipo, entity, points", [
    ("1.3", "Diplomado", "Universidad", 2), ("1.3", "Diplomado", EES, 2), ("1.3", "Diplomado", IES, 0),
    ("1.3", "Diplomado", "UGEL", 0), ("1.3", "Diplomado", "Otra entidad", 0),
    ("1.4", "Programa de capacitación", IES, 2), ("1.4", "Programa de capacitación", "MINEDU", 2),
    ("1.4", "Programa de capacitación", "DRE", 2), ("1.4", "Programa de capacitación", "Otra entidad", 0),
    ("1.5", "Curso de capacitación", "UGEL", 1), ("1.5", "Curso de capacitación", "Otra entidad", 0),
])
def test_A2_1_3_to_1_5_entities(rules, criterion_id, tipo, entity, points):
    result = criterion(rules, person(capacitaciones=(estudio(tipo, 30, 500, D(2025, 1, 1), entity),)), criterion_id)
    assert result.points == points
    if not points:
        assert f"expedido por «{entity}»; este criterio solo admite" in result.not_counted[0]


@pytest.mark.parametrize("tipo, creditos, horas, points", [
    ("Programa de especialización", 24, None, 2), ("Programa de especialización", 23, 383, 0),
    ("Programa de especialización", None, 384, 2),
    ("Programa de mejora continua", 7, None, 2), ("Programa de mejora continua", 6.5, 111, 0),
    ("Programa de capacitación", None, 112, 2), ("Programa de actualización", None, 111, 0),
])
def test_A2_1_4_programa_thresholds(rules, tipo, creditos, horas, points):
    result = criterion(rules, person(capacitaciones=(estudio(tipo, creditos, horas, D(2023, 1, 1)),)), "1.4")
    assert result.points == points
    assert ("cumple" if points else "no alcanza el mínimo") in everything(result)


@pytest.mark.parametrize("tipo, creditos, horas, points", [
    ("Curso de actualización", 2, None, 1), ("Curso de actualización", None, 32, 1),
    ("Curso de mejora continua", 1.9, 31, 0), ("Curso de capacitación", 1, None, 1),
    ("Curso de capacitación", None, 16, 1), ("Curso de capacitación", 0.5, 15, 0),
])
def test_A2_1_5_curso_thresholds(rules, tipo, creditos, horas, points):
    result = criterion(rules, person(capacitaciones=(estudio(tipo, creditos, horas, D(2025, 1, 1)),)), "1.5")
    assert result.points == points
    assert ("cumple" if points else "no alcanza el mínimo") in everything(result)


def test_A2_1_3_once_however_many(rules):
    result = criterion(rules, person(capacitaciones=(estudio("Diplomado", 24, None, D(2022, 1, 1)),
                                                     estudio("Diplomatura", 30, None, D(2023, 1, 1)))), "1.3")
    assert result.points == 2 and len(result.counted) == 2 and "una sola vez" in result.reason


def test_A2_1_records_of_no_criterion_are_listed_apart(rules):
    evaluation = evaluate(person(grados=(grado("Grado de bachiller", D(2005, 1, 1)),),
                                 capacitaciones=(estudio("Otro (taller, seminario, congreso u otro)", 2, 40,
                                                         D(2025, 1, 1)),)), rules)
    assert evaluation.matriz_total == 0
    assert len(evaluation.sin_criterio) == 2
    assert all("no corresponde a ningún criterio" in line for line in evaluation.sin_criterio)


# --- A.2 Rubro 2 ---------------------------------------------------------------------------


@pytest.mark.parametrize("criterion_id, tipo, right, wrong, points", [
    ("2.1", "Palmas Magisteriales", "Resolución Ministerial", "Resolución Directoral", 3),
    ("2.2", "Primeros puestos del Concurso Nacional de Buenas Prácticas Docentes", "Resolución Ministerial",
     "Resolución Viceministerial", 2),
    ("2.3", "Equipo de proyecto ganador del concurso de innovación educativa del FONDEP", "Resolución Ministerial",
     "Resolución Directoral", 2),
    ("2.3", "Ganador de concurso nacional organizado o patrocinado por el Minedu", "Resolución Ministerial",
     "Otro documento", 2),
    ("2.4", "Libro en autoría (temas pedagógicos o educativos)", "Resolución de inscripción de INDECOPI",
     "Resolución Ministerial", 1.5),
    ("2.4", "Libro en autoría (temas pedagógicos o educativos)", "Certificado de inscripción registral de INDECOPI",
     "Otro documento", 1.5),
    ("2.5", "Asesor de estudiantes en los tres primeros lugares de concursos educativos del Minedu",
     "Resolución Ministerial", "Resolución Directoral", 1.5),
    ("2.5", "Entrenador o delegado de estudiantes en los tres primeros lugares de los Juegos Escolares Deportivos "
            "o Paradeportivos", "Resolución Ministerial", "Resolución Directoral", 1.5),
    ("2.5", "Ganador de concurso regional del Gobierno Regional", "Resolución Directoral",
     "Resolución Ministerial", 1.5),
    ("2.5", "Finalista de concurso nacional organizado o patrocinado por el Minedu", "Resolución Viceministerial",
     "Resolución Directoral", 1.5),
])
def test_A2_2_merits_count_only_with_their_document(rules, criterion_id, tipo, right, wrong, points):
    good = criterion(rules, person(meritos=(merito(tipo, right),)), criterion_id)
    assert good.points == Decimal(str(points)) and f"verificado con {right}" in good.counted[0]
    bad = criterion(rules, person(meritos=(merito(tipo, wrong),)), criterion_id)
    assert bad.points == 0
    assert f"no con «{wrong}»; no se valora" in bad.not_counted[0]


def test_A2_2_5_scores_once_for_several_merits(rules):
    result = criterion(rules, person(meritos=(
        merito("Ganador de concurso regional del Gobierno Regional", "Resolución Directoral"),
        merito("Finalista de concurso nacional organizado o patrocinado por el Minedu", "Resolución Ministerial"),
    )), "2.5")
    assert result.points == Decimal("1.5") and len(result.counted) == 2 and "una sola vez" in result.reason


def test_A2_2_merit_out_of_the_matriz_or_after_the_cutoff(rules):
    evaluation = evaluate(person(meritos=(
        merito("Otro mérito (no previsto en la Matriz)", "Otro documento"),
        merito("Palmas Magisteriales", "Resolución Ministerial", D(2026, 1, 6)),
    )), rules)
    assert evaluation.rubro("2").points == 0
    assert "el mérito no figura en la Matriz" in evaluation.sin_criterio[0]
    assert "después de la fecha de corte" in evaluation.criterion("2.1").not_counted[0]


# --- A.2 Rubro 3 ---------------------------------------------------------------------------


@pytest.mark.parametrize("start, end, expected", [
    (D(2020, 3, 15), D(2020, 4, 14), (1, 0)),
    (D(2020, 3, 15), D(2020, 4, 13), (0, 30)),
    (D(2015, 3, 1), D(2015, 12, 31), (10, 0)),
    (D(2021, 2, 1), D(2021, 2, 28), (1, 0)),
    (D(2021, 1, 31), D(2021, 2, 28), (1, 0)),
    (D(2020, 1, 1), D(2020, 1, 1), (0, 1)),
    (D(2012, 11, 26), D(2026, 1, 5), (157, 11)),
])
def test_A2_3_calendar_months_from_the_start_day(start, end, expected):
    assert calendar_months(start, end) == expected


@pytest.mark.parametrize("months, points", [(9, 0), (10, 1), (12, 1), (19, 1), (20, 2), (60, 6), (90, 6)])
def test_A2_3_1_one_year_is_ten_months(rules, months, points):
    start = D(2014, 3, 1)
    end = D(2014 + (2 + months) // 12, (2 + months) % 12 + 1, 1) - dt.timedelta(days=1)
    results, _ = experience(rules, periodo(rules, "3.1", start, end))
    assert results["3.1"].points == points
    if points:
        # Time beyond the maximum (60 months) is not counted, and the period's line says so.
        assert f"Total: {min(months, 60)} meses; se valoran {points} año" in results["3.1"].reason
        assert ("exceden el máximo de 3.1" in results["3.1"].counted[0]) is (months > 60)
        assert "de 10 meses" in results["3.1"].reason
    else:
        assert results["3.1"].reason.startswith("Total: 9 meses; se valoran 0 años de 10 meses")


@pytest.mark.parametrize("criterion_id", ["3.2", "3.3", "3.4"])
@pytest.mark.parametrize("months, points", [(9, 0), (10, 0), (11, 0), (12, 1), (24, 2)])
def test_A2_3_2_to_3_4_one_year_is_twelve_months(rules, criterion_id, months, points):
    start = D(2014, 1, 1)
    end = D(2014 + months // 12, months % 12 + 1, 1) - dt.timedelta(days=1)
    results, _ = experience(rules, periodo(rules, criterion_id, start, end))
    assert results[criterion_id].points == points
    if points:
        assert f"{points} año" in results[criterion_id].reason and "de 12 meses" in results[criterion_id].reason


def test_A2_3_leftover_days_of_periods_are_summed_at_30_days_a_month(rules):
    # 11 months 15 days + 15 days in another year: 11 months 30 days = 12 months = one year of 3.3.
    results, _ = experience(rules, periodo(rules, "3.3", D(2015, 1, 1), D(2015, 12, 15)),
                            periodo(rules, "3.3", D(2017, 1, 1), D(2017, 1, 15)))
    assert results["3.3"].points == 1
    assert "Total: 1 año" in results["3.3"].reason
    assert "meses calendario más días restantes a razón de 30 días por mes" in results["3.3"].reason


def test_A2_3_two_overlapping_periods_of_one_criterion_count_once(rules):
    results, _ = experience(rules, periodo(rules, "3.1", D(2016, 3, 1), D(2019, 12, 31)),
                            periodo(rules, "3.1", D(2019, 3, 1), D(2020, 12, 31)))
    result = results["3.1"]
    # 01/03/2016–31/12/2020 = 58 months, not 46 + 22 = 68.
    assert result.points == 5 and "Total: 58 meses" in result.reason
    assert ("10 meses (del 01/03/2019 al 31/12/2019) se superponen con otro periodo de 3.1 y se cuentan una sola "
            "vez") in everything(result)


def test_A2_3_overlapping_criteria_one_month_in_one_criterion_only(rules):
    results, _ = experience(rules, periodo(rules, "3.1", D(2015, 1, 1), D(2015, 12, 31)),
                            periodo(rules, "3.3", D(2015, 1, 1), D(2015, 12, 31)))
    assert results["3.3"].points == 1 and results["3.1"].points == 0
    # A 3.1 period's length in months (years of 10 months), the part counted in 3.3 in its years.
    assert results["3.1"].not_counted[0].endswith(
        ": 12 meses; 1 año (del 01/01/2015 al 31/12/2015) se superpone con 3.3 y se cuenta solo allí (un mes en un "
        "solo criterio).")


def test_A2_3_contested_time_goes_to_the_criterion_with_room(rules):
    # 3.3 for five years reaches its maximum (3) without the two years it shares with 3.1.
    results, _ = experience(rules, periodo(rules, "3.3", D(2014, 1, 1), D(2018, 12, 31)),
                            periodo(rules, "3.1", D(2014, 1, 1), D(2015, 12, 31)))
    assert results["3.3"].points == 3 and results["3.1"].points == 2
    # Nothing of the five years is lost: three stay in 3.3 and the two shared ones count in 3.1.
    assert results["3.3"].counted[0].endswith(
        ": 5 años; 3 años (del 01/01/2016 al 31/12/2018) en 3.3; 24 meses (del 01/01/2014 al 31/12/2015) se "
        "superponen con 3.1 y se cuentan solo allí (un mes en un solo criterio).")


def test_A2_3_higher_points_per_year_take_the_overlap(rules):
    results, _ = experience(rules, periodo(rules, "3.6", D(2017, 3, 1), D(2018, 12, 31)),
                            periodo(rules, "3.4", D(2018, 1, 1), D(2021, 12, 31)))
    assert results["3.6"].points == 2 and results["3.4"].points == 3
    assert "1 año (del 01/01/2018 al 31/12/2018) se superpone con 3.6 y se cuenta solo allí" in results["3.4"].counted[0]


def test_A2_3_5_overflow_into_3_4_then_3_1(rules):
    """Seed 003, 2.2 §3.5 (issue 13): every part handed on names its dates, 3.1's in months; the
    parts add up to the period (24 + 36 + 12 = 72 months), none carries a day of another."""
    results, _ = experience(rules, periodo(rules, "3.5", D(2014, 1, 1), D(2019, 12, 31), "RD N° 1234-2014"))
    assert (results["3.5"].points, results["3.4"].points, results["3.1"].points) == (4, 3, 1)
    line = results["3.5"].counted[0]
    assert line.endswith(
        "del 01/01/2014 al 31/12/2019 (RD N° 1234-2014): 6 años; 2 años (del 01/01/2014 al 31/12/2015) en 3.5; "
        "3 años (del 01/01/2016 al 31/12/2018) pasan a 3.4 por desborde de 3.5; 12 meses (del 01/01/2019 al "
        "31/12/2019) pasan a 3.1 por desborde de 3.5.")
    assert results["3.4"].counted[0].startswith("Desborde de 3.5: 3 años (del 01/01/2016 al 31/12/2018) de Director")
    assert results["3.1"].counted[0].startswith("Desborde de 3.5: 12 meses (del 01/01/2019 al 31/12/2019) de Director")
    assert "Total: 12 meses; se valoran 1 año de 10 meses" in results["3.1"].reason


def test_A2_3_5_overflow_fills_3_4_after_its_own_time(rules):
    results, _ = experience(rules, periodo(rules, "3.4", D(2013, 1, 1), D(2014, 12, 31)),
                            periodo(rules, "3.5", D(2015, 1, 1), D(2020, 12, 31)))
    # 3.5: 2 years; 3.4: 2 own + 1 overflowing; 3.1: the 3 years left.
    assert (results["3.5"].points, results["3.4"].points, results["3.1"].points) == (4, 3, 3)


def test_A2_3_6_overflow_goes_to_3_1_only(rules):
    results, _ = experience(rules, periodo(rules, "3.6", D(2010, 3, 1), D(2015, 2, 28)))
    assert (results["3.6"].points, results["3.4"].points, results["3.1"].points) == (4, 0, 3)
    assert ("2 años (del 01/03/2010 al 29/02/2012) en 3.6; 36 meses (del 01/03/2012 al 28/02/2015) pasan a 3.1 "
            "por desborde de 3.6.") in results["3.6"].counted[0]


def test_A2_3_6_overflow_into_a_full_3_1_is_lost_and_said(rules):
    results, _ = experience(rules, periodo(rules, "3.1", D(2000, 3, 1), D(2009, 12, 31)),
                            periodo(rules, "3.6", D(2010, 1, 1), D(2013, 12, 31)))
    assert results["3.6"].points == 4 and results["3.1"].points == 6
    assert "pasan por desborde a 3.1, que ya llegó a su máximo: no se cuentan" in results["3.6"].counted[0]


@pytest.mark.parametrize("criterion_id, counted_from", [
    ("3.2", D(2012, 11, 26)), ("3.3", D(2012, 11, 26)), ("3.4", D(2012, 11, 26)), ("3.5", D(2012, 11, 26)),
    ("3.1", D(2011, 11, 26)), ("3.6", D(2011, 11, 26)),
])
def test_A2_3_counted_from_the_lrm_for_3_2_to_3_5(rules, criterion_id, counted_from):
    results, _ = experience(rules, periodo(rules, criterion_id, D(2011, 11, 26), D(2013, 11, 25)))
    result = results[criterion_id]
    months = 12 if counted_from == D(2012, 11, 26) else 24
    per_year = {"3.1": 10, "3.6": 12}.get(criterion_id, 12)
    per_point = Decimal(2) if criterion_id in ("3.5", "3.6") else Decimal(1)
    assert result.points == min(months // per_year * per_point, result.max)
    if months == 12:
        assert "1 año anterior al 26/11/2012 (LRM) no se cuenta en" in everything(result)


def test_A2_3_only_experience_with_resolucion(rules):
    results, _ = experience(rules, periodo(rules, "3.1", D(2015, 1, 1), D(2020, 12, 31), resolucion=""))
    assert results["3.1"].points == 0
    assert "sin resolución; solo se valora la experiencia reconocida por acto resolutivo" in \
        results["3.1"].not_counted[0]


def test_A2_3_periods_are_cut_at_the_fecha_de_corte(rules):
    # Still in the cargo: counted up to 05/01/2026, which completes one year from 06/01/2025.
    results, _ = experience(rules, periodo(rules, "3.3", D(2025, 1, 6), None))
    assert results["3.3"].points == 1 and "vigente: se cuenta hasta la fecha de corte" in results["3.3"].counted[0]
    assert "desde el 06/01/2025 a la fecha" in results["3.3"].counted[0]
    # From 07/01/2025 it is 11 months and 30 days (07/12–05/01), a year at 30 days a month; from 08/01, not.
    results, _ = experience(rules, periodo(rules, "3.3", D(2025, 1, 7), None))
    assert results["3.3"].points == 1
    results, _ = experience(rules, periodo(rules, "3.3", D(2025, 1, 8), None))
    assert results["3.3"].points == 0
    results, _ = experience(rules, periodo(rules, "3.2", D(2025, 1, 6), D(2026, 1, 20)),
                            periodo(rules, "3.4", D(2026, 2, 1), D(2026, 12, 31)))
    assert results["3.2"].points == 1
    assert "15 días posteriores a la fecha de corte no se cuentan" in results["3.2"].counted[0]
    assert results["3.4"].points == 0 and "posteriores a la fecha de corte" in results["3.4"].not_counted[0]
    results, _ = experience(rules, periodo(rules, "3.3", D(2025, 1, 1), D(2026, 1, 6)))
    assert results["3.3"].counted[0].endswith("; 1 día posterior a la fecha de corte no se cuenta.")


def test_A2_3_cargo_out_of_the_matriz(rules):
    results, unmatched = experience(rules, Periodo("41234567", "Otro cargo (no valorado en la Matriz)",
                                                   "Colegio particular", D(2015, 1, 1), D(2020, 1, 1), "Constancia"))
    assert all(result.points == 0 for result in results.values())
    assert "el cargo no se valora en la Matriz" in unmatched[0]


def test_A2_3_month_convention_is_a_parameter(rules):
    changed = with_rules(rules, {"matriz.experiencia.convencion_meses": "dias_30"})
    # 01/02/2021–31/01/2022 is 12 calendar months but only 365 days = 12 months and 5 days at 30 days a month;
    # 01/02/2021–27/01/2022 is 361 days = 12 months 1 day (dias_30), 11 months 27 days (calendar).
    period = periodo(rules, "3.3", D(2021, 2, 1), D(2022, 1, 27))
    assert experience(rules, period)[0]["3.3"].points == 0
    results, _ = experience(changed, period)
    assert results["3.3"].points == 1 and "días divididos entre 30" in results["3.3"].reason
    with pytest.raises(ConfigError, match="convencion_meses"):
        with_rules(rules, {"matriz.experiencia.convencion_meses": "semanas"})


def test_an_unknown_overlap_strategy_names_the_parameter_and_its_values(rules):
    """matriz.experiencia.asignacion_superpuestos is a rules parameter (DOMAIN A.2 leaves the
    allocation of shared days open): a typo is a Spanish configuration error, not a traceback."""
    period = periodo(rules, "3.3", D(2021, 2, 1), D(2022, 1, 27))
    assert experience(rules, period)[0]["3.3"].points == 0
    with pytest.raises(ConfigError, match="asignacion_superpuestos» vale «mayor_puntaje»") as error:
        with_rules(rules, {"matriz.experiencia.asignacion_superpuestos": "mayor_puntaje"})
    assert "Valores permitidos: mayor_puntaje_total, prioridad." in str(error.value.fix)


def test_A2_3_tie_order_is_a_parameter_and_overflow_targets_come_later(rules):
    period_a = periodo(rules, "3.1", D(2015, 1, 1), D(2015, 12, 31))
    period_b = periodo(rules, "3.4", D(2015, 1, 1), D(2015, 12, 31))
    assert experience(rules, period_a, period_b)[0]["3.4"].points == 1
    with pytest.raises(ConfigError, match="desborda a 3.1 después de 3.4"):
        with_rules(rules, {"matriz.experiencia.orden_desempate": ["3.5", "3.6", "3.1", "3.2", "3.3", "3.4"]})


# --- A.2 Rubro and Matriz maxima -------------------------------------------------------------


def test_A2_rubro_maximum_is_enforced(rules):
    changed = with_rules(rules, {"matriz.rubros.1.maximo": 10.0})
    evaluation = evaluate(person(grados=(grado(DOCTOR, D(2020, 1, 1)), grado(T_UNI, D(2005, 1, 1)))), changed)
    rubro = evaluation.rubro("1")
    assert sum(c.points for c in rubro.criteria) == 11 and rubro.points == 10 and rubro.capped


def test_A2_matriz_total_is_at_most_50(rules):
    changed = with_rules(rules, {"matriz.puntaje_maximo": 10.0})
    evaluation = evaluate(person(grados=(grado(DOCTOR, D(2020, 1, 1)), grado(T_UNI, D(2005, 1, 1)))), changed)
    assert evaluation.matriz_total == 10
    assert rules.matriz.puntaje_maximo == 50


# --- A.3 Bonificación y puntaje final ---------------------------------------------------------


@pytest.mark.parametrize("presented, granted", [
    (D(2026, 1, 4), False), (D(2026, 1, 5), True), (D(2026, 1, 15), True), (D(2026, 1, 16), False),
])
def test_A3_presented_within_the_plazo(rules, presented, granted):
    result = evaluate(person(discapacidad=discapacidad("d", presented)), rules).bonificacion
    assert result.granted is granted
    assert ("dentro del plazo" if granted else "fuera del plazo del 05/01/2026 al 15/01/2026") in result.reason


@pytest.mark.parametrize("issued, granted", [(D(2021, 8, 2), True), (D(2021, 8, 3), False)])
def test_A3_conadis_resolution_not_after_2_august_2021(rules, issued, granted):
    result = evaluate(person(discapacidad=discapacidad("c", D(2026, 1, 7), issued)), rules).bonificacion
    assert result.granted is granted
    if granted:
        assert "expedida el 02/08/2021 (no posterior al 02/08/2021)" in result.reason
    else:
        assert "expedida el 03/08/2021: la fecha de expedición no debe ser posterior al 02/08/2021" in result.reason


@pytest.mark.parametrize("letter", ["a", "b"])
def test_A3_certificate_not_found_in_sihce_is_granted_but_flagged(rules, letter):
    found = evaluate(person(discapacidad=discapacidad(letter, D(2026, 1, 9), sihce="Encontrado")), rules).bonificacion
    assert found.granted and not found.flagged and "verificado en la plataforma SIHCE" in found.reason
    missing = evaluate(person(discapacidad=discapacidad(letter, D(2026, 1, 9), sihce="No encontrado")),
                       rules).bonificacion
    assert missing.granted and missing.flagged
    assert "no se encontró en la plataforma SIHCE" in missing.reason
    assert "DRE/UGEL" in missing.note and "informe final" in missing.note


def test_A3_no_document_no_bonus(rules):
    result = evaluate(person(), rules).bonificacion
    assert not result.granted and "No presentó documento" in result.reason


def test_A3_puntaje_final_with_and_without_bonus(rules):
    postulante = person(puntaje_nacional=Decimal("87.333"),
                        capacitaciones=(estudio("Programa de mejora continua", 7, None, D(2023, 4, 4), "DRE"),))
    plain = evaluate(postulante, rules)
    assert plain.matriz_total == 2 and plain.puntaje_total == Decimal("89.333")
    assert plain.puntaje_final == Decimal("89.333")
    with_bonus = evaluate(replace(postulante, discapacidad=discapacidad("d", D(2026, 1, 10))), rules)
    # 89.333 × 1.15 = 102.73295 → 102.733 (3 decimals, half up).
    assert with_bonus.puntaje_final == Decimal("102.733")
    two = evaluate(with_bonus.postulante, with_rules(rules, {"puntaje.decimales": 2}))
    assert two.puntaje_final == Decimal("102.73")


# --- A.2 Rubro 3: the overflow hands on exactly the time beyond the cap (issue 13) -------------


def test_A2_3_6_overflow_hands_on_exactly_the_time_beyond_the_cap(rules):
    """Seed 003, 2.2 §3.6: «si cuenta con más de 2 años … el Comité puede contabilizar dichos años
    en la valoración del criterio 3.1». Encargado de dirección 01/01/2015–31/12/2020 is 72 months:
    24 stay in 3.6 and exactly 48 pass to 3.1, where with 1 month 29 days of its own they make
    49 months 29 days, 4 years of 10 months."""
    results, _ = experience(rules, periodo(rules, "3.6", D(2015, 1, 1), D(2020, 12, 31)),
                            periodo(rules, "3.1", D(2021, 3, 1), D(2021, 4, 29)))
    assert (results["3.6"].points, results["3.1"].points) == (4, 4)


STRATEGIES = ("mayor_puntaje_total", "prioridad")


def time_of(result) -> tuple[int, int]:
    return result.months, result.days


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_A2_3_5_overflow_of_96_months_hands_on_36_to_3_4_and_36_to_3_1(rules, strategy):
    """Seed 003, 2.2 §3.5: more than 2 years as director con aula count «en la valoración del criterio
    3.4 y 3.1, en ese orden». 96 months: 24 stay, 36 fill 3.4, and the 36 left (not 36 and a day)
    go to 3.1."""
    changed = with_rules(rules, {"matriz.experiencia.asignacion_superpuestos": strategy})
    results, _ = experience(changed, periodo(rules, "3.5", D(2013, 1, 1), D(2020, 12, 31)))
    assert [time_of(results[c]) for c in ("3.5", "3.4", "3.1")] == [(24, 0), (36, 0), (36, 0)]
    assert (results["3.5"].points, results["3.4"].points, results["3.1"].points) == (4, 3, 3)


@pytest.mark.parametrize("end, months, days", [
    (D(2021, 4, 29), 51, 29),  # ends on the 29th
    (D(2021, 4, 30), 52, 0),  # the 30th closes April
    (D(2021, 5, 30), 53, 0),  # the 30th of a month of 31 days: its 30 days are a month already
    (D(2021, 5, 31), 53, 0),  # so the 31st adds nothing
    (D(2021, 2, 28), 50, 0),  # the last day of February
])
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_A2_3_6_overflow_ending_on_the_29th_30th_and_31st(rules, strategy, end, months, days):
    """Seed 003, 2.2 §3.6 and A.2 (calendar months plus days at 30 to the month): whatever day the
    period ends, 3.1 receives the period's time minus exactly 24 months."""
    changed = with_rules(rules, {"matriz.experiencia.asignacion_superpuestos": strategy})
    results, _ = experience(changed, periodo(rules, "3.6", D(2015, 1, 1), end))
    expected = calendar_months(D(2015, 1, 1), end)
    assert expected[0] - 24 + expected[1] // 30 == months and expected[1] % 30 == days
    assert time_of(results["3.6"]) == (24, 0)
    assert time_of(results["3.1"]) == (min(months, 60), 0 if months >= 60 else days)
    assert results["3.1"].points == min(months // 10, 6)


@pytest.mark.parametrize("start", [D(2015, 1, 29), D(2015, 1, 30), D(2015, 1, 31), D(2016, 2, 29)])
def test_A2_3_6_overflow_of_a_period_starting_on_the_29th_30th_and_31st(rules, start):
    """A.2: a period starting on a day some months lack (anniversaries in February move to 01/03)
    still hands on its time minus exactly 24 months, and what stays ends the day before the
    24th calendar month starts."""
    end = D(2020, 6, 15)
    results, _ = experience(rules, periodo(rules, "3.6", start, end))
    whole, left = calendar_months(start, end)
    beyond = (whole - 24) * 30 + left
    assert time_of(results["3.6"]) == (24, 0)
    assert time_of(results["3.1"]) == divmod(beyond, 30)


@pytest.mark.parametrize("own_days, months, days, points", [
    (D(2021, 4, 14), 49, 29, 4),  # 48 m 15 d + 1 m 14 d: one day short of 5 years of 10 months
    (D(2021, 4, 15), 50, 0, 5),
])
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_A2_3_6_cap_reached_mid_month(rules, strategy, own_days, months, days, points):
    """A.2: 15 days of an earlier encargo plus 01/01/2015–31/12/2020 make 72 months 15 days; the cap
    of 24 months is reached on 15/12/2016, in the middle of December, and exactly 48 months 15
    days go to 3.1 (counting 16/12/2016–31/12/2020 as a period of its own would give a day more)."""
    changed = with_rules(rules, {"matriz.experiencia.asignacion_superpuestos": strategy})
    results, _ = experience(changed, periodo(rules, "3.6", D(2010, 3, 1), D(2010, 3, 15)),
                            periodo(rules, "3.6", D(2015, 1, 1), D(2020, 12, 31)),
                            periodo(rules, "3.1", D(2021, 3, 1), own_days))
    assert time_of(results["3.6"]) == (24, 0)
    assert time_of(results["3.1"]) == (months, days)
    assert results["3.1"].points == points


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_A2_3_5_cap_reached_mid_month_through_the_whole_chain(rules, strategy):
    """Seed 003, 2.2 §3.5: 10 days as director con aula in 2013 and 01/03/2014–28/02/2021 (84 months):
    3.5 is full on 20/02/2016, 3.4 takes the next 36 months, and 3.1 the 24 months and 10 days left."""
    changed = with_rules(rules, {"matriz.experiencia.asignacion_superpuestos": strategy})
    results, _ = experience(changed, periodo(rules, "3.5", D(2013, 6, 1), D(2013, 6, 10)),
                            periodo(rules, "3.5", D(2014, 3, 1), D(2021, 2, 28)))
    assert [time_of(results[c]) for c in ("3.5", "3.4", "3.1")] == [(24, 0), (36, 0), (24, 10)]
    assert (results["3.5"].points, results["3.4"].points, results["3.1"].points) == (4, 3, 2)


def test_A2_3_6_overflow_counted_in_days_of_30(rules):
    """A.2, «dias_30»: 2,192 days of encargo; 720 stay in 3.6 and 1,472 (49 months 2 days) pass to 3.1."""
    changed = with_rules(rules, {"matriz.experiencia.convencion_meses": "dias_30"})
    results, _ = experience(changed, periodo(rules, "3.6", D(2015, 1, 1), D(2020, 12, 31)),
                            periodo(rules, "3.1", D(2021, 3, 1), D(2021, 4, 29)))
    assert time_of(results["3.6"]) == (24, 0)
    assert time_of(results["3.1"]) == divmod(2192 - 720 + 60, 30) == (51, 2)
    assert results["3.1"].points == 5


# --- A.1 with the form's v3 fields (issue 13, item 4) ------------------------------------------


@pytest.mark.parametrize("since, ok", [(D(2022, 9, 1), True), (D(2022, 9, 2), True), (D(2022, 9, 3), False)])
def test_A1_permanencia_of_the_2022_ascended_is_measured_at_both_dates(rules, since, ok):
    """Seed 003, 2.1.1 B: the permanencia is counted to the inscription (15/05/2025), but whoever
    ascended in 2022 «puede acreditar el requisito … hasta el 31 de agosto de 2025». With the date
    of the ascenso both measurements are shown, and the second decides: in escala 3 since 01/09/2022
    is 3 years on 31/08/2025; since 02/09/2022 too (35 months and the 30 days of August, a month at
    30 days to the month); since 03/09/2022, a day short."""
    postulante = person(ascendio_2022=True, fecha_ascenso_2022=since, tiempo_escala=Tiempo(2, 8, 14))
    check = evaluate(postulante, rules).requisitos[-1]
    assert check.ok is ok and check.minimum == 3
    at_inscription = {1: "2 años, 8 meses y 15 días", 2: "2 años, 8 meses y 14 días", 3: "2 años, 8 meses y 13 días"}
    at_cutoff = "3 años" if ok else "2 años, 11 meses y 29 días"
    assert (f"en la escala 3 desde el {since:%d/%m/%Y}. Tiempo en la escala al 15/05/2025 (inicio de la "
            f"inscripción): {at_inscription[since.day]}; al 31/08/2025 (fecha hasta la que puede acreditarlo): {at_cutoff}. "
            "Informe escalafonario: 2 años, 8 meses y 14 días.") in check.reason
    assert check.reason.endswith("Cumple al 31/08/2025." if ok else
                                 "No cumple: tiene menos de 3 años en la escala al 31/08/2025.")
    assert check.source.startswith(f"Fecha del ascenso 2022 ({since:%d/%m/%Y}), medida al 15/05/2025 y al 31/08/2025")


def test_A1_idoneidad_cites_its_document_date_and_source(rules):
    """Seed 003, 2.1.1 A: b) is what the DIED informs, d) the escalafón or the RNSSC; the acta cites
    the document the committee recorded, and says when a failed check has none."""
    from generator.domain.ascenso import DocumentoIdoneidad

    oficio = DocumentoIdoneidad("b", "Oficio N° 00456-2025-MINEDU/VMGP-DIED", D(2025, 10, 20),
                                "Información de la DIED en el aplicativo")
    checks = {c.id: c for c in evaluate(person(condena_leyes=True, sancion=True, documentos_idoneidad=(oficio,)),
                                        rules).requisitos}
    assert checks["b"].reason == ("La DIED informa condena por delitos de las Leyes N° 29988, 30901 o 30794 "
                                  "(Oficio N° 00456-2025-MINEDU/VMGP-DIED, del 20/10/2025; fuente: Información de la "
                                  "DIED en el aplicativo).")
    assert checks["b"].source == ("Oficio N° 00456-2025-MINEDU/VMGP-DIED, del 20/10/2025; fuente: Información de la "
                                  "DIED en el aplicativo")
    assert checks["d"].source == ("Informe escalafonario o Registro Nacional de Sanciones contra Servidores Civiles – "
                                  "RNSSC; no se registró el documento")
    assert checks["c"].ok and checks["c"].source == "Información de la DIED en el aplicativo o Informe escalafonario"


def test_A2_3_1_the_regimen_of_a_period_is_shown(rules):
    """Seed 003, 2.2 §3.1: «se valora como docente nombrado a través de la Ley N° 24029, Ley 29062 o Ley
    N° 29944 o contratado» — every régimen counts, and the acta says which one."""
    periods = (replace(periodo(rules, "3.1", D(2015, 3, 1), D(2015, 12, 31)), regimen="Contratado"),
               replace(periodo(rules, "3.1", D(2016, 3, 1), D(2016, 12, 31)), regimen="Nombrado (Ley N° 29944)"))
    results, _ = experience(rules, *periods)
    assert results["3.1"].points == 2
    assert results["3.1"].counted[0].startswith("Profesor en IE pública de Educación Básica, contratado, I.E.")
    assert "Básica, nombrado (Ley N° 29944), I.E. N° 2050, del 01/03/2016" in results["3.1"].counted[1]
