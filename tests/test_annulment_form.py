"""Annulling numbers by dropping forms/anulacion.xlsx in the shared inbox (issue 19, item 2): the same
path as «cddgen numeracion anular», every number of the form or none, each problem at its cell."""

from __future__ import annotations

import shutil

from openpyxl import load_workbook

from generator.pipeline.families import family
from generator.pipeline.inbox import run_pass
from generator.pipeline.process import Outcome
from generator.render.documents import open_registry

from .conftest import EXAMPLES, make_settings
from .helpers import edit_workbook

DAY = "2026-11-22"
CONFIG = ("[bandeja]\nestabilidad_segundos = 0\n\n[pdf]\nactivar = false\n"
          # Who signs the UGEL's CAP report that the ficha refreshes.
          '[firmante]\nnombre = "Ana Ruiz Paz"\ndni = "09876543"\ncargo = "Especialista en Educación"\n')
FICHA = "FICHA N° 001-2025-CAP-UGEL02"


def _office(tmp_path):
    office = make_settings(tmp_path, CONFIG)
    office.inbox.mkdir(parents=True)
    shutil.copy(EXAMPLES / "cap" / "ficha-cap-peru.docx", office.inbox / "ficha-cap-peru.docx")
    [issued] = run_pass(office, pdf=False).results
    assert [document.number for document in issued.documents] == [FICHA, "INFORME N° 001-2025-CAP-UGEL02"]
    return office


def test_the_request_form_annuls_its_numbers_as_the_command_does(tmp_path):
    office = _office(tmp_path)
    docx = office.outbox / "2025" / "ficha-cap"
    [issued_file] = [path for path in docx.iterdir() if path.suffix == ".docx"]
    shutil.copy(EXAMPLES / "anulacion.xlsx", office.inbox / "anular ficha.xlsx")
    [result] = run_pass(office, pdf=False).results

    assert result.outcome is Outcome.PROCESSED and result.family is family("anulacion")
    [entry] = open_registry(office).by_label(FICHA)
    assert entry.status == "anulado"
    assert entry.note.startswith("La visita al CETPRO «PERÚ» se registró dos veces")
    assert "(solicitado por María Elena Quispe Ñañez, Jefa del Área de Gestión Pedagógica el 20/02/2026, " \
           "formulario «anular ficha.xlsx»)" in entry.note
    assert not issued_file.exists() and (office.outbox / "anulados" / "2025" / issued_file.name).is_file()
    receipt = (office.inbox / "procesados" / DAY / "anular ficha.recibo.txt").read_text(encoding="utf-8")
    assert f"Se anuló «{FICHA}»: La visita al CETPRO «PERÚ» se registró dos veces" in receipt
    assert "sus archivos pasaron a «anulados/2025/»" in receipt
    status = load_workbook(office.outbox / "ESTADO.xlsx")
    rows = {row[0]: row for row in status["Documentos"].iter_rows(min_row=5, values_only=True)}
    assert rows[FICHA][4] == "anulado"
    # Dropped again (same content): a duplicate, nothing changes.
    shutil.copy(EXAMPLES / "anulacion.xlsx", office.inbox / "otra vez.xlsx")
    [again] = run_pass(office, pdf=False).results
    assert again.outcome is Outcome.DUPLICATE


def test_a_number_the_registry_does_not_have_refuses_the_whole_form_at_its_cell(tmp_path):
    office = _office(tmp_path)
    form = tmp_path / "anulacion.xlsx"
    shutil.copy(EXAMPLES / "anulacion.xlsx", form)
    edit_workbook(form, {"Números": {"A3": "OFICIO N° 999-2026-CE-UGEL02", "B3": "No corresponde",
                                     "A4": "ficha nº 1-2025-cap-ugel02", "B4": "Repetido"}})
    shutil.copy(form, office.inbox / "anulacion.xlsx")
    [result] = run_pass(office, pdf=False).results
    assert result.outcome is Outcome.OBSERVED
    assert [(issue.sheet, issue.row, issue.column) for issue in result.issues] == [
        ("Números", 3, "Número del documento"), ("Números", 4, "Número del documento")]
    assert "«OFICIO N° 999-2026-CE-UGEL02» no figura en el registro de numeración" in result.issues[0].message
    assert "ya figura en la fila 2" in result.issues[1].message  # the same number, typed otherwise
    [entry] = open_registry(office).by_label(FICHA)
    assert entry.status == "emitido"  # none of the form's numbers was annulled
    explanation = (office.inbox / "observados" / DAY / "anulacion.LEAME.txt").read_text(encoding="utf-8")
    assert "OFICIO N° 999-2026-CE-UGEL02" in explanation
