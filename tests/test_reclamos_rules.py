"""Reclamos and retiro rules (DOMAIN.md A.4 and A.6; seed 003, 1.5 g–h, 2.3 and 3.3), pure:
improcedencia with the plazo's boundaries, días hábiles across Peru's holidays, the
re-evaluation of a fundado reclamo and the versions of the acta, causal j) after reclamos."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import holidays
import pytest

from generator.domain.ascenso import evaluate
from generator.domain.ascenso.reclamos import (
    FUNDADO,
    IMPROCEDENTE,
    INFUNDADO,
    TIPO_ACTUACION,
    TIPO_BONIFICACION,
    TIPO_CAUSAL,
    TIPO_CRITERIO,
    TIPO_NO_REFERIDO,
    TIPO_REQUISITOS,
    Correccion,
    PuntoReclamo,
    copies_deadline,
    improcedencia,
    last_business_day_before,
    resolve_reclamos,
)
from generator.domain.ascenso.retiro import retiro
from generator.domain.ascenso.model import Tiempo
from generator.wording import Gender

from .ascenso_factory import DNI, D, bundled_rules, discapacidad, estudio, person, with_rules


@pytest.fixture(scope="module")
def rules():
    return bundled_rules()


def peru(*years: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("PE", years=years))


def point(numero: int = 1, tipo: str = TIPO_CRITERIO, decision: str | None = FUNDADO, *, criterio: str | None = "1.3",
          expediente: str = "EXP-1", fecha: dt.date = D(2026, 1, 27)) -> PuntoReclamo:
    return PuntoReclamo(expediente, DNI, fecha, numero, tipo, criterio if tipo == TIPO_CRITERIO else None,
                        "El postulante alega que su diplomado no fue valorado.", decision, "Análisis del Comité.")


def fix(campo: str, valor, expediente: str = "EXP-1") -> Correccion:
    return Correccion(expediente, DNI, campo, campo, valor)


DIPLOMADO = estudio("Diplomado", 24, None, D(2023, 9, 15))


# --- A.6 improcedencia ------------------------------------------------------------------


@pytest.mark.parametrize("filed, late", [
    (D(2026, 1, 25), True),   # one day before the plazo
    (D(2026, 1, 26), False),  # first day
    (D(2026, 1, 28), False),  # last day
    (D(2026, 1, 29), True),   # one day after
])
def test_A6_reclamo_out_of_the_plazo_is_improcedente_with_its_reason(rules, filed, late):
    reason = improcedencia(point(fecha=filed), rules)
    if not late:
        assert reason is None
        return
    assert "se declara improcedente" in reason
    assert "del 26 de enero de 2026 al 28 de enero de 2026" in reason
    assert f"presentado el {filed.day} de enero de 2026" in reason


def test_A6_a_late_reclamo_is_improcedente_as_a_whole_and_changes_nothing(rules):
    result = resolve_reclamos(_with_evidence(), [point(fecha=D(2026, 1, 29), decision=None),
                                  point(2, TIPO_ACTUACION, None, fecha=D(2026, 1, 29))], [], rules)
    (item,) = result.expedientes
    assert item.extemporaneo and item.resultado == IMPROCEDENTE and not item.fundado
    assert [pt.resultado for pt in item.puntos] == [IMPROCEDENTE, IMPROCEDENTE]
    assert result.final == result.original and result.final.criterion("1.3").points == 0


def test_A6_a_point_not_about_the_preliminary_results_is_improcedente_alone(rules):
    result = resolve_reclamos(person(), [point(1, TIPO_ACTUACION, INFUNDADO),
                                         point(2, TIPO_NO_REFERIDO, None)], [], rules)
    (item,) = result.expedientes
    assert [pt.resultado for pt in item.puntos] == [INFUNDADO, IMPROCEDENTE]
    assert "no está referido a los resultados preliminares" in item.puntos[1].motivo
    assert item.puntos[0].motivo == "" and item.resultado == INFUNDADO


# --- A.6 días hábiles (1.5 g) ------------------------------------------------------------


@pytest.mark.parametrize("end, expected, why", [
    (D(2026, 1, 28), D(2026, 1, 27), "a Wednesday: the Tuesday before"),
    (D(2026, 2, 2), D(2026, 1, 30), "a Monday: the Friday before"),
    (D(2026, 6, 30), D(2026, 6, 26), "29/06 San Pedro y San Pablo"),
    (D(2026, 7, 30), D(2026, 7, 27), "28 and 29/07 Fiestas Patrias"),
    (D(2026, 1, 2), D(2025, 12, 31), "01/01 Año Nuevo"),
])
def test_A6_last_business_day_before_skips_weekends_and_peru_holidays(end, expected, why):
    assert last_business_day_before(end, 1, peru(2025, 2026)) == expected, why


def test_A6_two_business_days_and_an_extra_dia_no_laborable():
    calendar = peru(2025, 2026)
    assert last_business_day_before(D(2026, 1, 5), 1, calendar) == D(2026, 1, 2)
    assert last_business_day_before(D(2026, 1, 5), 1, calendar | {D(2026, 1, 2)}) == D(2025, 12, 31)
    assert last_business_day_before(D(2026, 1, 28), 2, calendar) == D(2026, 1, 26)


def test_A6_copies_deadline_comes_from_the_cronograma_parameters(rules):
    assert copies_deadline(rules, peru(2026)) == D(2026, 1, 27)
    moved = with_rules(rules, {"cronograma.reclamos_fin": D(2026, 7, 30)})
    assert copies_deadline(moved, peru(2026)) == D(2026, 7, 27)
    two = with_rules(rules, {"cronograma.copias_dias_habiles_antes": 2})
    assert copies_deadline(two, peru(2026)) == D(2026, 1, 26)


# --- A.6 fundado, infundado, versions ----------------------------------------------------


def _with_evidence(expediente: str = "EXP-1"):
    from dataclasses import replace

    return person(capacitaciones=(replace(DIPLOMADO, expediente=expediente),))


def test_A6_new_evidence_does_not_count_in_the_original_evaluation(rules):
    assert evaluate(_with_evidence(), rules).criterion("1.3").points == 0
    assert evaluate(_with_evidence(), rules, frozenset({"EXP-1"})).criterion("1.3").points == 2


def test_A6_fundado_recomputes_the_score_and_keeps_the_original(rules):
    p = _with_evidence()
    result = resolve_reclamos(p, [point()], [], rules)
    (item,) = result.expedientes
    assert item.fundado and item.version == 2 and result.last_version == 2
    assert result.original.criterion("1.3").points == 0
    assert result.final.criterion("1.3").points == 2
    assert result.final.puntaje_final == result.original.puntaje_final + 2
    (pt,) = item.puntos
    assert (pt.antes, pt.despues) == ("0 de 2", "2 de 2")
    assert pt.sustento[0].startswith("Cumple el criterio: 2 puntos")
    changes = {change.aspecto: (change.antes, change.despues) for change in item.cambios}
    assert changes[f"Criterio 1.3 – {result.final.criterion('1.3').title}"] == ("0", "2")
    assert changes["Puntaje final"] == ("80", "82")


def test_A6_infundado_changes_nothing(rules):
    result = resolve_reclamos(_with_evidence(), [point(decision=INFUNDADO)], [], rules)
    (item,) = result.expedientes
    assert not item.fundado and item.version is None and item.cambios == ()
    assert result.final == result.original and result.last_version == 1


def test_A6_corrected_permanencia_changes_the_estado(rules):
    p = person(escala=3, tiempo_escala=Tiempo(2, 11, 0))
    assert not evaluate(p, rules).cumple
    result = resolve_reclamos(p, [point(tipo=TIPO_REQUISITOS)], [fix("tiempo_anios", 3)], rules)
    assert result.final.cumple and not result.original.cumple
    (pt,) = result.expedientes[0].puntos
    assert (pt.antes, pt.despues) == ("NO CUMPLE REQUISITOS", "CUMPLE REQUISITOS")
    assert any("Permanencia" in line and "Cumple." in line for line in pt.sustento)
    assert retiro(result.final, result, rules) is None
    assert retiro(result.original, None, rules).letras == ("j",)


def test_A6_two_points_one_fundado_one_infundado(rules):
    p = person(discapacidad=discapacidad("a", D(2026, 1, 16), sihce="Encontrado"),
               capacitaciones=(estudio("Curso de capacitación", None, 16, D(2025, 6, 30)),))
    assert not evaluate(p, rules).bonificacion.granted
    points = [point(1, TIPO_BONIFICACION, FUNDADO), point(2, TIPO_CRITERIO, INFUNDADO, criterio="1.5")]
    result = resolve_reclamos(p, points, [fix("disc_presentacion", D(2026, 1, 15))], rules)
    (item,) = result.expedientes
    assert [pt.resultado for pt in item.puntos] == [FUNDADO, INFUNDADO]
    assert item.version == 2 and result.final.bonificacion.granted
    assert result.final.puntaje_final == (result.original.puntaje_total * Decimal("1.15")).quantize(Decimal("0.001"))
    assert item.puntos[1].antes == item.puntos[1].despues == "1 de 1"


def test_A6_a_second_fundado_expediente_gives_version_3_built_on_the_first(rules):
    from dataclasses import replace

    p = _with_evidence("EXP-1")
    late_first = [point(expediente="EXP-2", fecha=D(2026, 1, 28), tipo=TIPO_REQUISITOS),
                  point(expediente="EXP-1", fecha=D(2026, 1, 26))]
    p = replace(p, tiempo_escala=Tiempo(2, 0, 0))
    result = resolve_reclamos(p, late_first, [fix("tiempo_anios", 3, "EXP-2")], rules)
    first, second = result.expedientes
    assert (first.expediente, first.version, second.expediente, second.version) == ("EXP-1", 2, "EXP-2", 3)
    assert second.antes == first.despues
    assert second.despues.criterion("1.3").points == 2 and second.despues.cumple
    assert first.despues.criterion("1.3").points == 2 and not first.despues.cumple


def test_A6_causal_removed_by_a_fundado_reclamo(rules):
    p = person(causal_comite="f", sustento_causal="Constancia adulterada.")
    assert retiro(evaluate(p, rules), None, rules).comunicar_director
    result = resolve_reclamos(p, [point(tipo=TIPO_CAUSAL)], [fix("causal_comite", None)], rules)
    assert retiro(result.final, result, rules) is None
    (pt,) = result.expedientes[0].puntos
    assert pt.antes.startswith("f) Presentar documentos falsos") and pt.despues == "Ninguna"


# --- A.4 causales de retiro ----------------------------------------------------------------


def test_A4_causal_j_after_an_infundado_reclamo_with_the_failing_requisitos(rules):
    p = person(condena_dolosa=True)
    result = resolve_reclamos(p, [point(tipo=TIPO_REQUISITOS, decision=INFUNDADO)], [], rules)
    withdrawn = retiro(result.final, result, rules)
    (causal,) = withdrawn.causales
    assert causal.letra == "j" and causal.texto.startswith("j) No cumplir con los requisitos")
    assert causal.sustento == ("c) Sin condena por otros delitos dolosos: Registra condena por delito doloso "
                               "(DIED o informe escalafonario).",)
    assert not withdrawn.comunicar_director
    assert "Exp. N° EXP-1" in withdrawn.reclamos and "declarado infundado" in withdrawn.reclamos


@pytest.mark.parametrize("letter, director", [("f", True), ("g", True), ("i", False)])
def test_A4_causales_f_g_i_with_their_sustento(rules, letter, director):
    from generator.domain.ascenso.retiro import estado_acta, estado_final
    from generator.wording import Gender

    withdrawn = retiro(evaluate(person(causal_comite=letter, sustento_causal="Hechos.", genero=Gender.MASCULINE),
                                rules), None, rules)
    assert withdrawn.letras == (letter,) and withdrawn.comunicar_director is director
    assert withdrawn.causales[0].sustento == ("Hechos.",)
    assert withdrawn.reclamos == "El postulante no presentó reclamo sobre los resultados preliminares."
    # The estado says the retiro (seed 003, 2.3), in the postulante's gender.
    woman = evaluate(person(causal_comite=letter, sustento_causal="Hechos.", genero=Gender.FEMININE), rules)
    assert retiro(woman, None, rules).reclamos.startswith("La postulante no presentó reclamo")
    assert estado_acta(woman, rules) == "RETIRADA DEL CONCURSO" and woman.estado == "CUMPLE REQUISITOS"
    assert estado_final(woman, rules) == f"RETIRADA – causal {letter})"
    assert estado_final(withdrawn.evaluation, rules) == f"RETIRADO – causal {letter})"


def test_A4_no_causal_no_retiro(rules):
    assert retiro(evaluate(person(), rules), None, rules) is None
