"""Pure scoring of the ficha de monitoreo CAP (DOMAIN.md C; seed 004)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from generator.domain.cap import (
    Ficha,
    GeneralData,
    Goal,
    Specialist,
    StaffRow,
    consolidate,
    ficha_problems,
    level_for,
    score,
    score_ficha,
)
from generator.errors import ConfigError

from .conftest import make_settings


@pytest.fixture
def rules(settings):
    return settings.rules.cap


@pytest.fixture
def catalogue(rules):
    return rules.catalogue()


@pytest.fixture
def scale(rules):
    return rules.scale


def ficha(catalogue, values, *, codigo="0437889", cetpro="CETPRO PROMAE RIMAC", fecha=dt.date(2026, 5, 14),
          personal=None, metas=None) -> Ficha:
    return Ficha(
        datos=GeneralData(codigo, fecha, cetpro, "UGEL 02", "", ("Técnico / Medio",), ("M",), "", "Directora"),
        especialista=Specialist("AGEBATP", "Especialista"),
        personal=personal or tuple(StaffRow(cargo, (0, 0)) for cargo in catalogue.staff_rows),
        metas=metas or tuple(Goal(cycle, 0, 0) for cycle in catalogue.goal_cycles),
        valoraciones=values,
        origen=f"{cetpro}.docx",
    )


def test_c_catalogue_holds_the_seeds_blocks_and_items_keyed_by_block(catalogue):
    blocks = [(block.part, block.name, [item.id for item in block.items]) for block in catalogue.blocks]
    assert blocks == [
        ("4.1", "Sensibilización", ["1.1", "1.2", "1.3", "1.4", "1.5"]),
        ("4.1", "Diagnóstico", ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"]),
        ("4.1", "Definición de grupos", ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6"]),
        ("4.1", "Instrumentos sugeridos", ["1.1", "1.2", "1.3", "1.4", "1.5"]),
        ("4.2", "Antes", ["1.1", "1.2", "1.3", "1.4"]),
        ("4.2", "Durante", [f"2.{n}" for n in range(1, 12)]),
        ("4.2", "Después", ["3.1", "3.2", "3.3"]),
    ]
    keys = [item.key for item in catalogue.items]
    assert len(keys) == len(set(keys)) == 40
    # 1.1 is in three blocks: the key is (block, id), never the id alone.
    assert [key for key in keys if key[1] == "1.1"] == [
        ("sensibilizacion", "1.1"), ("instrumentos", "1.1"), ("antes", "1.1")]
    assert catalogue.block("durante").items[4].subtitle == "Problemática / resultados"
    assert len(catalogue.staff_rows) == 9 and catalogue.goal_cycles == ("Básico", "Auxiliar técnico", "Técnico / Medio")


def test_c_scale_is_0_to_3_with_the_seeds_names(scale):
    assert [(level.value, level.name) for level in scale.levels] == [
        (0, "No realizado"), (1, "En inicio"), (2, "En proceso"), (3, "Logrado")]
    assert scale.thresholds == (Fraction(3, 4), Fraction(3, 2), Fraction(9, 4))


def test_c_block_score_is_the_sum_with_a_maximum_of_3_per_item_and_its_percentage(scale):
    result = score("Diagnóstico", [3, 2, 2, 3, 2, 2], scale)
    assert (result.total, result.maximum, result.items) == (14, 18, 6)
    assert result.percentage == pytest.approx(77.777, abs=0.001)
    assert result.mean == Fraction(14, 6)
    assert result.level.name == "Logrado"  # mean 2.33 ≥ 2.25


@pytest.mark.parametrize(("values", "level"), [
    ([0, 0, 0, 0], "No realizado"),
    ([1, 1, 0, 0], "No realizado"),  # mean 0.5
    ([0, 1, 1, 1], "En inicio"),  # mean exactly 0.75
    ([1, 1, 1, 2], "En inicio"),  # 1.25
    ([1, 1, 2, 2], "En proceso"),  # exactly 1.5
    ([2, 2, 2, 2], "En proceso"),  # 2.0
    ([2, 2, 2, 3], "Logrado"),  # exactly 2.25
    ([3, 3, 3, 3], "Logrado"),
])
def test_c_level_comes_from_the_mean_with_boundaries_belonging_to_the_upper_level(scale, values, level):
    assert score("bloque", values, scale).level.name == level


@pytest.mark.parametrize(("mean", "level"), [
    (0.7499, "No realizado"), (0.75, "En inicio"), (1.4999, "En inicio"), (1.5, "En proceso"),
    (2.2499, "En proceso"), (2.25, "Logrado"), (Fraction(9, 4), "Logrado"),
])
def test_c_level_thresholds_are_compared_exactly(scale, mean, level):
    assert level_for(mean, scale).name == level


def test_c_parts_and_the_whole_ficha_are_scored_like_blocks(catalogue, scale):
    values = {item.key: 2 for item in catalogue.items}
    values[("despues", "3.3")] = 0
    result = score_ficha(values, catalogue, scale)
    part_41, part_42 = result.parts
    assert (part_41.score.items, part_41.score.total, part_41.score.maximum) == (22, 44, 66)
    assert (part_42.score.items, part_42.score.total, part_42.score.maximum) == (18, 34, 54)
    assert part_41.score.label == "4.1 Acciones del equipo directivo"
    assert (result.overall.total, result.overall.maximum) == (78, 120)
    assert result.overall.percentage == pytest.approx(65.0)
    despues = result.block("despues").score
    assert (despues.total, despues.maximum, despues.level.name) == (4, 9, "En inicio")  # mean 1.33
    assert result.block("durante").score.level.name == "En proceso"


def test_c_every_item_needs_a_value_and_values_stay_on_the_scale(catalogue, scale):
    values = {item.key: 1 for item in catalogue.items}
    del values[("diagnostico", "2.3")]
    with pytest.raises(ValueError, match="Diagnóstico 2.3"):
        score_ficha(values, catalogue, scale)
    with pytest.raises(ValueError):
        score("bloque", [1, 4], scale)


def test_c_thresholds_are_a_parameter_of_cddgen_toml(tmp_path):
    settings = make_settings(tmp_path, "[parametros.cap.agregacion]\nlimites = [1.0, 2.0, 2.5]\n")
    scale = settings.rules.cap.scale
    assert score("bloque", [0, 1, 1, 1], scale).level.name == "No realizado"  # 0.75 < 1.0
    assert score("bloque", [2, 2, 2, 3], scale).level.name == "En proceso"  # 2.25 < 2.5


def test_c_thresholds_must_fit_the_scale(tmp_path):
    with pytest.raises(ConfigError, match="agregacion.limites"):
        make_settings(tmp_path, "[parametros.cap.agregacion]\nlimites = [1.5, 0.75]\n")


def test_c_personal_and_metas_totals_are_computed(catalogue):
    personal = tuple(StaffRow(cargo, (index, 2 * index)) for index, cargo in enumerate(catalogue.staff_rows))
    metas = (Goal("Básico", 100, 90), Goal("Auxiliar técnico", 50, 45), Goal("Técnico / Medio", 20, 20))
    item = ficha(catalogue, {}, personal=personal, metas=metas)
    assert personal[3].total == 9
    assert item.staff_totals() == (36, 72, 108)
    assert (item.total_enrolled, item.total_attending) == (170, 155)


def test_c_a_ficha_needs_its_general_data_and_no_more_attending_than_enrolled(catalogue):
    item = ficha(catalogue, {}, codigo="04378A9", metas=(Goal("Básico", 10, 12),))
    problems = {problem.field: problem.message for problem in ficha_problems(item, catalogue)}
    assert problems == {
        "codigo_local": "el código local «04378A9» debe tener solo dígitos.",
        "metas:Básico": "en el ciclo Básico hay 12 estudiantes asistentes y solo 10 matriculados.",
    }


def test_c_consolidation_keeps_the_latest_ficha_per_cetpro_and_ranks_the_items_to_support(catalogue, scale):
    def values(low=()):
        result = {item.key: 3 for item in catalogue.items}
        result.update(low)
        return result

    old = ficha(catalogue, values({("despues", "3.1"): 0}), fecha=dt.date(2026, 3, 1))
    new = ficha(catalogue, values({("despues", "3.3"): 1, ("antes", "1.1"): 0}), fecha=dt.date(2026, 8, 1))
    other = ficha(catalogue, values({("despues", "3.3"): 0, ("antes", "1.1"): 1, ("durante", "2.2"): 1}),
                  codigo="0663427", cetpro="CETPRO LOS LIBERTADORES")
    result = consolidate([new, other, old], catalogue, scale)
    assert [s.ficha.datos.cetpro for s in result.fichas] == ["CETPRO LOS LIBERTADORES", "CETPRO PROMAE RIMAC"]
    assert result.superseded == ((old, new),)
    ranked = [(need.block.name, need.item.id, need.not_done, need.starting) for need in result.needs]
    # Both with two CETPRO and one «no realizado»: the ficha's order decides (Antes before Después).
    assert ranked == [
        ("Antes", "1.1", ("CETPRO PROMAE RIMAC",), ("CETPRO LOS LIBERTADORES",)),
        ("Después", "3.3", ("CETPRO LOS LIBERTADORES",), ("CETPRO PROMAE RIMAC",)),
        ("Durante", "2.2", (), ("CETPRO LOS LIBERTADORES",)),
    ]
    # Después: 3, 3, 1 → mean 2.33, logrado; 3, 3, 0 → mean 2.0, en proceso.
    assert result.levels["despues"] == {3: 1, 2: 1}
    assert result.overall_levels == {3: 2}


@pytest.mark.parametrize("day, words", [
    (dt.date(2026, 5, 14), ("primer periodo", "segundo periodo de 2025", "2025-2")),
    (dt.date(2026, 7, 31), ("primer periodo", "segundo periodo de 2025", "2025-2")),
    (dt.date(2026, 8, 1), ("segundo periodo", "primer periodo de 2026", "2026-1")),
    (None, ("periodo en curso", "periodo anterior", "anterior")),
])
def test_c_the_ficha_names_the_period_of_its_visit(day, words):
    """The issue: no «2024-1» or «segundo periodo» fixed in a ficha; the period comes from the visit's
    date (parameter periodos.segundo_desde_mes, default August). The blank form says neither."""
    from generator.config import load_settings

    rules = load_settings(environ={}).rules.cap
    found = rules.period_words(day)
    assert (found["periodo"], found["periodo_anterior"], found["periodo_anterior_codigo"]) == words
    texts = " ".join(item.text for item in rules.catalogue(day).items)
    assert "2024-1" not in texts and "{" not in texts
    assert f"del {words[1]} (sistematización" in texts
