"""Signed copies through the shared inbox (issue 18, items 3 and 4): the acta de instalación is
issued from the committee form, signed member by member with certificates of a test CA, each copy
dropped with any name; «cddgen firmas» goes 0/3 → 1/3 → completo, LISTOS-PARA-FIRMA says the
same, and a copy edited after signing goes to observados/ with its explanation."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from generator.pipeline.inbox import check_outbox, run_pass
from generator.pipeline.process import Outcome

from .conftest import EXAMPLES, make_settings
from .helpers import run_cli
from .libreoffice import NEEDS_SOFFICE
from .signing_helpers import TestAuthority, edit_first_page

pytestmark = NEEDS_SOFFICE

DAY = "2026-11-22"
LABEL = "ACTA N° 001-2026-CE-UGEL02"
CONFIG = "[bandeja]\nestabilidad_segundos = 0.1\nintervalo_escaneo = 0.5\n"


def _drop(settings, name: str, data: bytes) -> None:
    settings.inbox.mkdir(parents=True, exist_ok=True)
    (settings.inbox / name).write_bytes(data)


def _pass(settings):
    report = run_pass(settings)
    assert report.results, "nothing was processed"
    return report


def _states_in_index(settings) -> dict[str, str]:
    sheet = load_workbook(settings.outbox / "LISTOS-PARA-FIRMA.xlsx").active
    return {row[2]: row[6] for row in sheet.iter_rows(min_row=5, values_only=True) if row[2]}


def test_firmas_goes_from_0_of_3_to_complete_as_signed_copies_come_through_the_inbox(tmp_path):
    settings = make_settings(tmp_path, CONFIG)
    _drop(settings, "comite.xlsx", (EXAMPLES / "comite.xlsx").read_bytes())
    [issued] = _pass(settings).results
    assert issued.outcome is Outcome.PROCESSED
    pdf = settings.outbox / "2026" / "acta-instalacion" / f"{LABEL}.pdf"
    fields = json.loads(pdf.with_name(f"{LABEL}.firmas.json").read_text(encoding="utf-8"))["firmantes"]
    assert f"{LABEL} — 0/3" in run_cli(tmp_path, "firmas").output
    assert _states_in_index(settings)[LABEL] == "0/3"

    authority, data, states = TestAuthority(), pdf.read_bytes(), []
    for number, entry in enumerate(fields, start=1):
        data = authority.person(entry["nombre"], entry["dni"]).sign(data, entry["campo"])
        _drop(settings, f"escaneo {number}.pdf", data)  # any name: recognised by its content
        [result] = _pass(settings).results
        assert result.outcome is Outcome.PROCESSED, result.issues
        states.append(run_cli(tmp_path, "firmas").output.splitlines()[0])
        receipt = (settings.inbox / "procesados" / DAY / f"escaneo {number}.recibo.txt").read_text(encoding="utf-8")
        assert "Copia firmada (o escaneada) de un documento emitido" in receipt
        assert "firma íntegra; cadena de confianza no verificada" in receipt

    assert states == [f"{LABEL} — 1/3", f"{LABEL} — 2/3", f"{LABEL} — completo"]
    assert _states_in_index(settings)[LABEL] == "completo"
    signed = sorted(path.name for path in (pdf.parent / "firmados").iterdir())
    assert signed == [f"{LABEL} (firmado).pdf", f"{LABEL} (firmas 1 de 3).pdf", f"{LABEL} (firmas 2 de 3).pdf"]
    assert (pdf.parent / "firmados" / f"{LABEL} (firmado).pdf").read_bytes() == data
    assert check_outbox(settings) == []  # the signed copies belong to their document

    # Edited after the last signature: refused, explained, nothing filed.
    _drop(settings, "editado.pdf", edit_first_page(data))
    [refused] = _pass(settings).results
    assert refused.outcome is Outcome.OBSERVED
    explanation = (settings.inbox / "observados" / DAY / "editado.LEAME.txt").read_text(encoding="utf-8")
    assert f"copia firmada de «{LABEL}»" in explanation and "después de la última firma" in explanation
    assert len(list((pdf.parent / "firmados").iterdir())) == 3
