"""Reading the reclamos, corrections and copy requests of forms/ascenso.xlsx and the informe
final data of forms/comite.xlsx (issue #4): the sample reads, and every new rule is reported
at its cell, all at once."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from generator.domain.ascenso.reclamos import FUNDADO
from generator.errors import InvalidInput
from generator.readers.ascenso import read_case
from generator.readers.comite import read_committee

from .helpers import edit_workbook
from .test_ascenso_reader import cell


@pytest.fixture
def rules(settings):
    return settings.rules.ascenso


def rows(path, sheet: str) -> list[tuple]:
    ws = load_workbook(path, read_only=True)[sheet]
    return list(ws.iter_rows(min_row=2, values_only=True))


def row_of(path, sheet: str, **values) -> int:
    """The first row of ``sheet`` whose first columns match ``values`` (by field order)."""
    for index, row in enumerate(rows(path, sheet), start=2):
        if all(value in row for value in values.values()):
            return index
    raise LookupError(values)


def test_the_sample_reads_its_reclamos_corrections_copies_and_causales(example, rules):
    case = read_case(example("ascenso.xlsx"), rules)
    assert len(case.postulantes) == 34
    assert len({p.expediente for p in case.reclamos}) == 8 and len(case.reclamos) == 10
    loayza = [p for p in case.reclamos if p.expediente == "EXP-2026-000104"]
    assert [(p.numero, p.tipo, p.decision) for p in loayza] == [
        (1, "Bonificación por discapacidad", FUNDADO), (2, "Criterio de la Matriz", "Infundado")]
    assert loayza[1].criterio == "3.1" and loayza[0].fecha_respuesta == dt.date(2026, 2, 3)
    fixes = {(c.expediente, c.campo): c.valor for c in case.correcciones}
    assert fixes[("EXP-2026-000104", "disc_presentacion")] == dt.date(2026, 1, 15)
    assert fixes[("EXP-2026-000106", "tiempo_anios")] == 3
    by_dni = {p.dni: p for p in case.postulantes}
    assert by_dni["46987654"].causal_comite == "f" and by_dni["05678901"].causal_comite == "i"
    assert "Oficio N° 0456-2026-UGEL02-ATD" in by_dni["46987654"].sustento_causal
    assert [c.expediente for c in by_dni["47123456"].capacitaciones] == ["EXP-2026-000102", "EXP-2026-000108"]
    assert len(case.solicitudes) == 4


def test_every_reclamo_rule_is_reported_at_its_cell_at_once(example, rules):
    path = example("ascenso.xlsx")
    mamani = row_of(path, "Reclamos", expediente="EXP-2026-000103")
    loayza2 = row_of(path, "Reclamos", expediente="EXP-2026-000104", numero=2)
    tello2 = row_of(path, "Reclamos", expediente="EXP-2026-000105", numero=2)
    evidence = row_of(path, "Capacitaciones", expediente="EXP-2026-000108")
    fix_rios = row_of(path, "Correcciones", expediente="EXP-2026-000106")
    fix_loayza = row_of(path, "Correcciones", expediente="EXP-2026-000104")
    edit_workbook(path, {
        "Reclamos": {
            cell(rules, "Reclamos", "dni", loayza2): "41234567",  # other DNI than point 1
            cell(rules, "Reclamos", "fecha", tello2): "26/01/2026",  # other date than point 1
            cell(rules, "Reclamos", "criterio", mamani): None,  # a Matriz point without criterion
        },
        "Capacitaciones": {cell(rules, "Capacitaciones", "expediente", evidence): "EXP-2026-999999"},
        "Correcciones": {
            cell(rules, "Correcciones", "campo", fix_rios): "Apellidos",
            cell(rules, "Correcciones", "valor", fix_loayza): "31/02/2026",
        },
    })
    with pytest.raises(InvalidInput) as error:
        read_case(path, rules)
    found = {(i.sheet, i.row, i.column): i.message for i in error.value.issues}
    assert found == {
        ("Reclamos", loayza2, "DNI"): "el punto 2 del expediente EXP-2026-000104 tiene el DNI 41234567, pero el "
                                      f"expediente es del DNI 44332211 (fila {loayza2 - 1}).",
        ("Reclamos", tello2, "Fecha de presentación"): "el punto 2 del expediente EXP-2026-000105 tiene fecha "
                                                       "26/01/2026, pero el expediente fue presentado el 27/01/2026 "
                                                       f"(fila {tello2 - 1}).",
        ("Reclamos", mamani, "Criterio"): "el punto 1 del expediente EXP-2026-000103 es sobre un criterio de la "
                                          "Matriz, pero no indica cuál.",
        # EXP-2026-000108 lost its only evidence (now under an unknown expediente).
        ("Reclamos", row_of(path, "Reclamos", expediente="EXP-2026-000108"), "Decisión"):
            "el punto 1 del expediente EXP-2026-000108 es fundado pero no hay datos corregidos.",
        ("Capacitaciones", evidence, "Expediente de reclamo"):
            "el expediente EXP-2026-999999 no figura en la hoja «Reclamos».",
        ("Correcciones", fix_rios, "Campo"): "«Apellidos» no es un valor permitido.",
        ("Correcciones", fix_loayza, "Valor corregido"):
            "«31/02/2026» no es una fecha válida. (para «Fecha de presentación del documento»)",
    }


def test_improcedente_points_take_no_decision_and_procedent_ones_need_it(example, rules):
    path = example("ascenso.xlsx")
    late = row_of(path, "Reclamos", expediente="EXP-2026-000101")
    mamani = row_of(path, "Reclamos", expediente="EXP-2026-000103")
    edit_workbook(path, {"Reclamos": {
        cell(rules, "Reclamos", "decision", late): "Infundado",
        cell(rules, "Reclamos", "decision", mamani): None,
        cell(rules, "Reclamos", "analisis", mamani): None,
    }})
    with pytest.raises(InvalidInput) as error:
        read_case(path, rules)
    found = {(i.row, i.column): i.message for i in error.value.issues}
    assert found == {
        (late, "Decisión"): "el punto 1 del expediente EXP-2026-000101 es improcedente (fue presentado fuera del "
                            "plazo): no se declara «Infundado».",
        (mamani, "Decisión"): "falta la decisión del Comité sobre el punto 1 del expediente EXP-2026-000103.",
        (mamani, "Análisis del Comité"): "falta el análisis del Comité sobre el punto 1 del expediente "
                                         "EXP-2026-000103: la respuesta debe ser motivada.",
    }


def test_a_correction_of_another_postulantes_expediente_and_a_late_delivery_date(example, rules):
    path = example("ascenso.xlsx")
    fix = row_of(path, "Correcciones", expediente="EXP-2026-000104")
    copy = row_of(path, "Solicitudes de copia", dni="41987654")
    edit_workbook(path, {
        "Correcciones": {cell(rules, "Correcciones", "dni", fix): "06543210"},
        "Solicitudes de copia": {cell(rules, "Solicitudes de copia", "fecha_entrega", copy): "20/01/2026"},
    })
    with pytest.raises(InvalidInput) as error:
        read_case(path, rules)
    found = {(i.sheet, i.column): i.message for i in error.value.issues}
    assert found == {
        ("Correcciones", "Expediente"): "el expediente EXP-2026-000104 es un reclamo del DNI 44332211, no del "
                                        "06543210.",
        ("Solicitudes de copia", "Fecha de entrega"): "la entrega (20/01/2026) es anterior a la solicitud "
                                                      "(23/01/2026).",
        # The correction no longer belongs to the reclamo, which is left without corrected data.
        ("Reclamos", "Decisión"): "el punto 1 del expediente EXP-2026-000104 es fundado pero no hay datos "
                                  "corregidos.",
    }


def test_the_committee_sample_reads_sessions_observations_and_vigilancia(example, rules):
    committee = read_committee(example("comite.xlsx"), rules, "UGEL")
    assert len(committee.sesiones) == 7 and committee.sesiones[0].hora_cierre == dt.time(12, 30)
    # 1.5 d: each session with its place, agreements and what it approved (the date of those documents).
    approval = committee.sesiones[3]
    assert approval.fecha == dt.date(2026, 1, 19) and approval.aprueba_actas and not approval.aprueba_retiros
    assert approval.acuerdos[0] == "Aprobar las actas individuales de resultados de los 34 postulantes."
    assert committee.sesiones[2].lugar == "la Oficina del Área de Gestión Pedagógica de la UGEL 02"
    assert [s.fecha for s in committee.sesiones if s.aprueba_retiros] == [dt.date(2026, 2, 5)]
    assert committee.fecha_informe == dt.date(2026, 2, 16)
    assert committee.vigilancia is True and "denuncia" in committee.vigilancia_detalle
    assert committee.director == "Luis Enrique Salvatierra Gómez"
    assert len(committee.observaciones) == 1


def test_vigilancia_without_detail_and_a_session_before_the_installation(example, rules):
    path = example("comite.xlsx")
    edit_workbook(path, {"Informe final": {"B4": None}, "Sesiones": {"A2": "04/01/2026"}})
    with pytest.raises(InvalidInput) as error:
        read_committee(path, rules, "UGEL")
    found = {(i.sheet, i.row, i.column): i.message for i in error.value.issues}
    assert found == {
        ("Informe final", 4, "Detalle de la participación del Comité de Vigilancia"):
            "el Comité de Vigilancia participó pero falta el detalle de su participación.",
        ("Sesiones", 2, "Fecha"): "la sesión del 04/01/2026 es anterior a la instalación del Comité (05/01/2026).",
        # The agreement of the session of 08/01/2026 has no session left to go in.
        ("Acuerdos de sesiones", 2, "Fecha de la sesión"): "no hay ninguna sesión del 08/01/2026 en la hoja "
                                                           "«Sesiones».",
    }


def test_a_fundado_reclamo_takes_a_causal_away_with_the_value_ninguna(example, rules):
    from generator.domain.ascenso import evaluate
    from generator.domain.ascenso.reclamos import resolve_reclamos
    from generator.domain.ascenso.retiro import retiro

    path = example("ascenso.xlsx")
    workbook = load_workbook(path)
    workbook["Reclamos"].append(["EXP-2026-000200", "46987654", "28/01/2026", 1, "Causal de retiro", None,
                                 "Acredita que la resolución es auténtica.", "Fundado",
                                 "La UGEL rectifica su Oficio: la resolución corresponde al postulante.", None])
    workbook["Correcciones"].append(["EXP-2026-000200", "46987654", "Causal de retiro (f, g, i)", "Ninguna"])
    workbook.save(path)
    case = read_case(path, rules)
    (fix,) = [c for c in case.correcciones if c.expediente == "EXP-2026-000200"]
    assert (fix.campo, fix.valor, fix.shown) == ("causal_comite", None, "Ninguna")
    ore = next(p for p in case.postulantes if p.dni == "46987654")
    result = resolve_reclamos(ore, case.reclamos, case.correcciones, rules)
    assert retiro(evaluate(ore, rules), None, rules).letras == ("f",)
    assert retiro(result.final, result, rules) is None and result.last_version == 2
