"""Every document of the Comité's record carries the date of its act, from the forms, never the
day cddgen runs (DOMAIN.md D; seed 003, 1.5 d, 2.3, 3.3, 3.6; issue 16, item 1). Without a date
the document is refused with the cell to fill; ``--fecha`` replaces the forms' dates."""

from __future__ import annotations

import pytest

from .conftest import docx_text, squash
from .helpers import edit_workbook, files_under, run_cli

FAR_AWAY = "2031-07-15"  # the run's «today»: no document may bear it
CCORI = "41234567"  # row 2 of «Postulantes»
LOAYZA = "44332211"


@pytest.fixture
def sample(example):
    example("comite.xlsx")
    return example("ascenso.xlsx")


def at(path, sheet: str, header: str, row: int) -> str:
    """The cell of ``header``'s column in ``row`` (columns are found by header, as cddgen reads them)."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    headers = [str(cell.value or "").rstrip(" *") for cell in load_workbook(path, read_only=True)[sheet][1]]
    return f"{get_column_letter(headers.index(header) + 1)}{row}"


def run(tmp_path, *args):
    return run_cli(tmp_path, *args, today=FAR_AWAY)


def acta_text(tmp_path, dni: str, year: str = "2026") -> str:
    (path,) = (tmp_path / "outbox" / year / "acta-resultados").glob(f"*{dni}*.docx")
    return squash(docx_text(path))


def test_an_acta_takes_its_own_date_else_the_session_that_approved_the_actas(tmp_path, sample):
    edit_workbook(sample, {"Postulantes": {at(sample, "Postulantes", "Fecha del acta", 2): "20/01/2026"}})  # Ccori's «Fecha del acta»
    result = run(tmp_path, "render", "actas", "--sin-pdf", str(sample))
    assert result.exit_code == 0, result.output
    assert "En Lima, el 20 de enero de 2026" in acta_text(tmp_path, CCORI)
    assert "En Lima, el 19 de enero de 2026" in acta_text(tmp_path, "42345678")  # the session of 19/01/2026
    assert not (tmp_path / "outbox" / "2031").exists()


def test_without_a_date_the_actas_are_refused_naming_the_cell(tmp_path, sample):
    edit_workbook(sample.parent / "comite.xlsx", {"Sesiones": {at(sample.parent / "comite.xlsx", "Sesiones", "Aprueba las actas de resultados", 5): None}})
    result = run(tmp_path, "render", "acta", "--sin-pdf", "--postulante", CCORI, str(sample))
    assert result.exit_code == 3
    assert ("ascenso.xlsx, hoja «Postulantes», fila 2, columna «Fecha del acta»: falta la fecha del acta de "
            "resultados de Ccori Mamani, Lucía. Escríbala en esta columna, o marque «Sí» en la columna «Aprueba las "
            "actas de resultados» de la sesión que la aprobó (hoja «Sesiones» de comite.xlsx); cddgen no usa la "
            "fecha del día.") in squash(result.output)
    assert files_under(tmp_path / "outbox") == []
    # Two sessions marked: which one approved it is not guessed.
    edit_workbook(sample.parent / "comite.xlsx", {"Sesiones": {at(sample.parent / "comite.xlsx", "Sesiones", "Aprueba las actas de resultados", row): "Sí"
                                                         for row in (5, 6)}})
    result = run(tmp_path, "render", "acta", "--sin-pdf", "--postulante", CCORI, str(sample))
    assert result.exit_code == 3
    assert "varias sesiones tienen «Sí» en «Aprueba las actas de resultados» (19/01/2026, 30/01/2026)" in result.output
    # --fecha is the explicit override.
    result = run(tmp_path, "--fecha", "2026-01-21", "render", "acta", "--sin-pdf", "--postulante", CCORI, str(sample))
    assert result.exit_code == 0, result.output
    assert "En Lima, el 21 de enero de 2026" in acta_text(tmp_path, CCORI)


def test_a_reply_dated_before_the_acta_it_replaces_is_refused(tmp_path, sample):
    # Loayza's acta (row 15 of «Postulantes») dated 04/02/2026: after the reclamo against it (28/01/2026,
    # rows 6 and 7 of «Reclamos») and after the reply that replaces it (03/02/2026).
    edit_workbook(sample, {"Postulantes": {at(sample, "Postulantes", "Fecha del acta", 15): "04/02/2026"}})
    result = run(tmp_path, "render", "oficio-reclamo", "--sin-pdf", "--postulante", LOAYZA, str(sample))
    assert result.exit_code == 3
    output = squash(result.output)
    assert ("hoja «Reclamos», fila 6, columna «Fecha de presentación»: el reclamo EXP-2026-000104 se presentó el "
            "28/01/2026, antes del acta de resultados que reclama (04/02/2026).") in output
    assert ("hoja «Reclamos», fila 6, columna «Fecha de respuesta»: la respuesta al reclamo EXP-2026-000104 "
            "(03/02/2026) no es posterior al acta de resultados que reemplaza (04/02/2026).") in output
    assert files_under(tmp_path / "outbox") == []


def test_a_retiro_takes_the_session_that_decided_it_and_never_precedes_the_reclamo(tmp_path, sample):
    # Chávez Núñez (row 8): his reclamo was answered on 03/02/2026; a retiro on 01/02/2026 cannot be.
    edit_workbook(sample, {"Postulantes": {at(sample, "Postulantes", "Fecha del retiro", 8): "01/02/2026"}})
    result = run(tmp_path, "render", "oficio-retiro", "--sin-pdf", "--postulante", "40567891", str(sample))
    assert result.exit_code == 3
    assert ("hoja «Postulantes», fila 8, columna «Fecha del retiro»: el retiro de Chávez Núñez, Óscar (01/02/2026) es "
            "anterior a la respuesta al reclamo EXP-2026-000107 (03/02/2026).") in squash(result.output)
    edit_workbook(sample, {"Postulantes": {at(sample, "Postulantes", "Fecha del retiro", 8): "06/02/2026"}})
    result = run(tmp_path, "render", "oficio-retiro", "--sin-pdf", "--postulante", "40567891", str(sample))
    assert result.exit_code == 0, result.output
    (letter,) = (tmp_path / "outbox" / "2026" / "oficio-retiro").glob("*.docx")
    assert "Lima, 6 de febrero de 2026" in squash(docx_text(letter))


def test_the_informe_final_needs_its_date(tmp_path, sample):
    edit_workbook(sample.parent / "comite.xlsx", {"Informe final": {"B6": None}})
    result = run(tmp_path, "render", "informe-final", "--sin-pdf", str(sample))
    assert result.exit_code == 3
    assert ("comite.xlsx, hoja «Informe final», columna «Fecha del informe final»: falta la fecha del informe "
            "final.") in squash(result.output)
    assert files_under(tmp_path / "outbox") == []
    edit_workbook(sample.parent / "comite.xlsx", {"Informe final": {"B6": "04/02/2026"}})
    result = run(tmp_path, "render", "informe-final", "--sin-pdf", str(sample))
    assert result.exit_code == 3
    assert ("columna «Fecha del informe final»: el informe final (04/02/2026) es anterior a documentos que adjunta (el "
            "último, del 05/02/2026).") in squash(result.output)


def test_a_communication_is_not_sent_before_its_oficio(tmp_path, sample):
    """1.5 c: the «Notificaciones» of an oficio cannot predate it."""
    from openpyxl import load_workbook

    rows = [n for n, row in enumerate(load_workbook(sample, read_only=True)["Notificaciones"]
                                      .iter_rows(min_row=2, max_col=3, values_only=True), start=2)
            if row[0] == LOAYZA and row[2] == "EXP-2026-000104"]
    edit_workbook(sample, {"Notificaciones": {at(sample, "Notificaciones", "Fecha de envío", rows[0]): "02/02/2026"}})
    result = run(tmp_path, "render", "informe-final", "--sin-pdf", str(sample))
    assert result.exit_code == 3
    assert (f"hoja «Notificaciones», fila {rows[0]}, columna «Fecha de envío»: el envío (02/02/2026) es anterior al "
            "oficio de respuesta al reclamo EXP-2026-000104, del 03/02/2026.") in squash(result.output)
    assert files_under(tmp_path / "outbox") == []
