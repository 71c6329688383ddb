"""Actas de las sesiones de trabajo (seed 003, 1.5 d; DOMAIN.md A.5, A.7): one numbered acta per
session of the committee form, with its date, hours, place, the three members, the agenda, the
agreements and three signatures — read back from the .docx and the PDF."""

from __future__ import annotations

import pytest

from .conftest import docx_text, pdf_text, squash
from .helpers import edit_workbook, files_under, run_cli


@pytest.mark.libreoffice
def test_each_session_gives_its_numbered_acta(tmp_path, example):
    committee = example("comite.xlsx")
    result = run_cli(tmp_path, "render", "actas-sesion", str(committee), today="2031-07-15")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "outbox" / "2026" / "acta-sesion"
    docx = sorted(folder.glob("*.docx"))
    # Numbered in the order of their dates, in the year of each session (never the run's).
    assert [p.name for p in docx] == [f"ACTA DE SESIÓN N° {n:03d}-2026-CE-UGEL02 {day}.docx" for n, day in enumerate(
        ["08-01-2026", "12-01-2026", "16-01-2026", "19-01-2026", "30-01-2026", "03-02-2026", "05-02-2026"], start=1)]
    approval = docx[3]
    for text in (squash(docx_text(approval)), squash(pdf_text(approval.with_suffix(".pdf")))):
        assert "ACTA DE SESIÓN DE TRABAJO DEL COMITÉ DE EVALUACIÓN" in text and "ACTA DE SESIÓN N° 004-2026-CE-UGEL02" in text
        assert ("En la Sala de Reuniones de la UGEL 02, Rímac, el 19 de enero de 2026, a las 09:00 horas, se reunieron "
                "en sesión de trabajo") in text
        assert "Asisten sus tres integrantes, con lo que el Comité sesiona válidamente" in text
        for name in ("María Elena Quispe Ñañez", "José Luis D'Angelo Muñoz-Pérez", "Rosa Amelia Huamán Cárdenas"):
            assert name in text
        assert ("Agenda Aprobación de las actas individuales de resultados y registro de los resultados en el "
                "aplicativo dispuesto por la DIED.") in text
        assert "1. Aprobar las actas individuales de resultados de los 34 postulantes." in text
        assert "2. Encargar a la Especialista en Educación el registro de los resultados en el aplicativo." in text
        assert ("Documentos aprobados: en esta sesión el Comité aprobó las actas individuales de resultados, que llevan "
                "la fecha de la presente acta.") in text
        assert "Siendo las 12:00 horas del mismo día, se dio por concluida la sesión" in text
        assert "2031" not in text
    # Three signature blocks, one per member.
    assert squash(docx_text(approval)).count("DNI N.º:") == 3
    # The session of 16/01/2026 met elsewhere; one without agreements says so.
    assert "En la Oficina del Área de Gestión Pedagógica de la UGEL 02, el 16 de enero de 2026" in squash(
        docx_text(docx[2]))


def test_a_session_without_hours_holds_back_only_the_actas_de_sesion(tmp_path, example):
    """Issue 19: problems of the sheets the informe final needs do not stop the acta de instalación;
    the actas de sesión wait until «Sesiones» is corrected."""
    from generator.pipeline.comite import process_committee
    from generator.run import Run

    from .conftest import make_settings

    committee = edit_workbook(example("comite.xlsx"), {"Sesiones": {"B3": None}})  # 12/01/2026 without its hour
    settings = make_settings(tmp_path)
    documents = process_committee(committee, Run(settings, pdf=False))
    assert [d.kind for d in documents] == ["acta-instalacion"]
    warnings = " ".join(documents[0].warnings)
    assert "falta la hora de inicio de la sesión del 12/01/2026: la lleva su acta." in warnings
    assert "No se generaron las actas de las sesiones de trabajo: corrija antes las hojas «Sesiones»" in warnings
    assert not [p for p in files_under(settings.outbox) if "acta-sesion" in str(p)]
