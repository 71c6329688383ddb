"""Property tests of the ficha de monitoreo CAP (DOMAIN.md C; seed 004).

Hypothesis marks every item of sections 4.1 and 4.2 with a random value of the 0–3 scale and
checks the aggregation the rules file gives by default: per block, per part and for the whole
ficha the sum within its maximum, a percentage within 0–100, a level that only grows with the
mean, totals that add up; and that the Excel ficha written from its form spec reads back into
the same Ficha.
"""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path

from hypothesis import given, note, settings
from hypothesis import strategies as st

from generator.config import load_settings
from generator.domain.cap import Ficha, GeneralData, Goal, Specialist, StaffRow, level_for, score_ficha
from generator.forms.ficha_cap import (
    GENERAL_SHEET,
    GOALS_SHEET,
    ITEMS_SHEET,
    NOTES_SHEET,
    NOTE_KINDS,
    STAFF_SHEET,
    ficha_cap_form,
)
from generator.forms.xlsx_writer import write_form
from generator.readers.ficha_cap_xlsx import read_ficha_xlsx

from .form_strategies import codes, form_dates, one_line_texts, optional_texts, texts

RULES = load_settings(environ={}).rules.cap
CATALOGUE = RULES.catalogue()
SCALE = RULES.scale
ROUND_TRIPS = max(10, settings().max_examples // 6)

marks = st.fixed_dictionaries({item.key: st.sampled_from(SCALE.values) for item in CATALOGUE.items})
means = st.fractions(0, SCALE.top, max_denominator=60) | st.sampled_from(SCALE.thresholds)


def scores(ficha_score):
    """Every score of a ficha: its blocks, its parts and the whole ficha."""
    return [b.score for b in ficha_score.blocks] + [p.score for p in ficha_score.parts] + [ficha_score.overall]


@given(marks)
def test_C_each_block_part_and_ficha_within_its_maximum_and_0_to_100(valoraciones):
    """C: the sum of a block (and of a part, and of the ficha) is between 0 and its maximum, 3 per
    item; its percentage is between 0 and 100."""
    result = score_ficha(valoraciones, CATALOGUE, SCALE)
    for score in scores(result):
        assert 0 <= score.total <= score.maximum == SCALE.top * score.items
        assert 0 <= score.percentage <= 100
        assert score.level == level_for(score.mean, SCALE)


@given(marks)
def test_C_the_ficha_is_the_sum_of_its_blocks(valoraciones):
    """C: the whole ficha's sum, items and maximum are those of its blocks added up, and so is
    each part's; the ficha's mean is its sum over its items."""
    result = score_ficha(valoraciones, CATALOGUE, SCALE)
    assert result.overall.total == sum(b.score.total for b in result.blocks) == sum(valoraciones.values())
    assert result.overall.total == sum(p.score.total for p in result.parts)
    assert result.overall.items == sum(b.score.items for b in result.blocks) == len(CATALOGUE.items)
    assert result.overall.maximum == sum(b.score.maximum for b in result.blocks)
    for part in result.parts:
        assert part.score.total == sum(b.score.total for b in part.blocks)
    assert result.overall.mean == Fraction(result.overall.total, result.overall.items)


@given(means, means)
def test_C_the_level_is_monotone_in_the_mean(first, second):
    """C: a higher mean never gives a lower level; below 0.75 no realizado, below 1.5 en inicio,
    below 2.25 en proceso, else logrado (a mean equal to a limit is already the next level)."""
    low, high = sorted((first, second))
    assert level_for(low, SCALE).value <= level_for(high, SCALE).value
    expected = sum(1 for limit in (Fraction(3, 4), Fraction(3, 2), Fraction(9, 4)) if low >= limit)
    assert level_for(low, SCALE).value == expected


@given(marks, st.data())
def test_C_a_better_mark_never_lowers_a_score_or_a_level(valoraciones, data):
    """C: raising one item's value raises its block, its part and the ficha by as much, and no
    level goes down."""
    item = data.draw(st.sampled_from([key for key, value in valoraciones.items() if value < SCALE.top] or [None]))
    if item is None:
        return
    better = {**valoraciones, item: valoraciones[item] + 1}
    before, after = scores(score_ficha(valoraciones, CATALOGUE, SCALE)), scores(score_ficha(better, CATALOGUE, SCALE))
    for old, new in zip(before, after):
        assert new.total - old.total in (0, 1) and new.level.value >= old.level.value
    assert after[-1].total == before[-1].total + 1


# --------------------------------------------------------------------------- round trip through the form


@st.composite
def fichas(draw) -> Ficha:
    """A complete ficha: general data, at least one ciclo and turno, attendance not above
    enrolment, every item marked, notes of one line each."""
    goals = []
    for cycle in CATALOGUE.goal_cycles:
        enrolled = draw(st.integers(0, 500))
        goals.append(Goal(cycle, enrolled, draw(st.integers(0, enrolled))))
    notes = {kind: tuple(draw(st.lists(one_line_texts, max_size=3))) for kind in NOTE_KINDS}
    return Ficha(
        datos=GeneralData(
            codigo_local=draw(codes(7)), fecha=draw(form_dates), cetpro=draw(texts), ugel=draw(texts),
            rei=draw(optional_texts) or "",
            ciclos=tuple(draw(st.lists(st.sampled_from(CATALOGUE.cycles), min_size=1, unique=True).map(
                lambda chosen: [c for c in CATALOGUE.cycles if c in chosen]))),
            turnos=tuple(draw(st.lists(st.sampled_from(CATALOGUE.shifts), min_size=1, unique=True).map(
                lambda chosen: [s for s in CATALOGUE.shifts if s in chosen]))),
            plataforma=draw(optional_texts) or "", director=draw(texts),
        ),
        especialista=Specialist(area=draw(optional_texts) or "", nombre=draw(texts)),
        personal=tuple(StaffRow(cargo, tuple(draw(st.integers(0, 60)) for _ in CATALOGUE.staff_cycles))
                       for cargo in CATALOGUE.staff_rows),
        metas=tuple(goals),
        valoraciones=draw(marks),
        observaciones=notes[NOTE_KINDS[0]], compromisos=notes[NOTE_KINDS[1]], sugerencias=notes[NOTE_KINDS[2]],
        origen="ficha.xlsx",
    )


def form_data(ficha: Ficha) -> dict:
    data = ficha.datos
    general = {
        "codigo_local": data.codigo_local, "fecha": data.fecha, "cetpro": data.cetpro, "ugel": data.ugel,
        "rei": data.rei or None, "plataforma": data.plataforma or None, "director": data.director,
        "area": ficha.especialista.area or None, "especialista": ficha.especialista.nombre,
        **{f"ciclo_{i}": cycle in data.ciclos for i, cycle in enumerate(CATALOGUE.cycles)},
        **{f"turno_{i}": shift in data.turnos for i, shift in enumerate(CATALOGUE.shifts)},
    }
    return {
        GENERAL_SHEET: general,
        STAFF_SHEET: [{"cargo": row.cargo, **{f"ciclo_{i}": count for i, count in enumerate(row.counts)}}
                      for row in ficha.personal],
        GOALS_SHEET: [{"ciclo": g.cycle, "matriculados": g.enrolled, "asistentes": g.attending} for g in ficha.metas],
        ITEMS_SHEET: [{"parte": block.part, "bloque": block.name, "item": item.id, "descripcion": item.text,
                       "valoracion": str(ficha.valoraciones[item.key])}
                      for block in CATALOGUE.blocks for item in block.items],
        NOTES_SHEET: [{"tipo": kind, "texto": text}
                      for kind, texts_ in zip(NOTE_KINDS, (ficha.observaciones, ficha.compromisos, ficha.sugerencias))
                      for text in texts_],
    }


@settings(max_examples=ROUND_TRIPS)
@given(fichas())
def test_C_a_written_excel_ficha_reads_back_the_same_ficha(ficha):
    """C: the Excel ficha written with write_form from its form spec reads back
    (read_ficha_xlsx) into the same Ficha — texts with accents, ñ, apostrophes, & and <, text
    that looks like a formula, a código local with leading zeros, the date as a date."""
    with tempfile.TemporaryDirectory(prefix="cddgen-prop-") as folder:
        path = write_form(ficha_cap_form(RULES, CATALOGUE, SCALE), Path(folder) / "ficha.xlsx", form_data(ficha))
        read = read_ficha_xlsx(path, RULES)
    note(f"read back: {read}")
    assert read == ficha
    assert score_ficha(read.valoraciones, CATALOGUE, SCALE) == score_ficha(ficha.valoraciones, CATALOGUE, SCALE)
