"""A signed document is never silently rendered again (issue 18, item 5), and «cddgen firmas»
lists who signs what (item 4). The committee's acta de instalación through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from generator.pipeline.signed_copies import receive_signed_copy
from generator.run import Run

from .conftest import make_settings
from .helpers import edit_workbook, files_under, run_cli
from .libreoffice import NEEDS_SOFFICE
from .signing_helpers import TestAuthority

pytestmark = NEEDS_SOFFICE

LABEL = "ACTA N° 001-2026-CE-UGEL02"


def _sign_as_president(tmp_path: Path) -> Path:
    """The presidenta signs the issued acta in her field; the copy comes back and is filed."""
    pdf = tmp_path / "outbox" / "2026" / "acta-instalacion" / f"{LABEL}.pdf"
    first = json.loads(pdf.with_name(f"{LABEL}.firmas.json").read_text(encoding="utf-8"))["firmantes"][0]
    signed = TestAuthority().person(first["nombre"], first["dni"]).sign_file(pdf, tmp_path / "firmada.pdf",
                                                                             first["campo"])
    reception = receive_signed_copy(signed, Run(make_settings(tmp_path)))
    assert reception.state == "1/3", reception.problems
    return reception.filed


def test_firmas_lists_the_signers_and_moves_from_0_of_3_to_1_of_3(tmp_path, example):
    form = example("comite.xlsx")
    assert run_cli(tmp_path, "render", "acta-instalacion", str(form)).exit_code == 0
    before = run_cli(tmp_path, "firmas")
    assert f"{LABEL} — 0/3" in before.output
    assert "pendiente  María Elena Quispe Ñañez (DNI 40123456), Primer miembro (Presidenta)" in before.output

    _sign_as_president(tmp_path)

    after = run_cli(tmp_path, "firmas")
    assert f"{LABEL} — 1/3" in after.output
    assert "firmó      María Elena Quispe Ñañez (DNI 40123456), Primer miembro (Presidenta)" in after.output
    assert "firma íntegra; cadena de confianza no verificada" in after.output
    assert "pendiente  José Luis D'Angelo Muñoz-Pérez (DNI 08123456), Segundo miembro" in after.output
    assert f"firmados/{LABEL} (firmas 1 de 3).pdf" in after.output
    assert f"{LABEL} — 1/3" in run_cli(tmp_path, "firmas", "--pendientes").output


def test_a_corrected_form_does_not_silently_replace_a_signed_acta(tmp_path, example):
    form = example("comite.xlsx")
    assert run_cli(tmp_path, "render", "acta-instalacion", str(form)).exit_code == 0
    signed_copy = _sign_as_president(tmp_path)
    issued = tmp_path / "outbox" / "2026" / "acta-instalacion" / f"{LABEL}.pdf"
    before = issued.read_bytes()
    unchanged = run_cli(tmp_path, "render", "acta-instalacion", str(form))
    assert unchanged.exit_code == 0, unchanged.output  # the same content: left as it was signed
    assert issued.read_bytes() == before and signed_copy.is_file()
    edit_workbook(form, {"Sesión": {"B6": "el Auditorio de la UGEL 02"}})

    refused = run_cli(tmp_path, "render", "acta-instalacion", "--sin-pdf", str(form))

    assert refused.exit_code == 3
    assert f"«{LABEL}» tiene 1 de 3 firmas: generarlo de nuevo cambiaría el PDF que se firmó." in refused.output
    assert f'cddgen numeracion anular "{LABEL}"' in refused.output and "--reemitir-firmados" in refused.output
    assert issued.read_bytes() == before and signed_copy.is_file()

    reissued = run_cli(tmp_path, "render", "acta-instalacion", "--reemitir-firmados", str(form))

    assert reissued.exit_code == 0, reissued.output
    assert issued.read_bytes() != before  # the same number, a new PDF to sign again
    assert not signed_copy.exists()
    replaced = [p for p in files_under(tmp_path / "outbox" / "reemplazados") if p.name == signed_copy.name]
    assert len(replaced) == 1
    assert f"{LABEL} — 0/3" in run_cli(tmp_path, "firmas").output


def test_annulling_the_number_lets_the_corrected_acta_be_issued_with_a_new_one(tmp_path, example):
    form = example("comite.xlsx")
    assert run_cli(tmp_path, "render", "acta-instalacion", "--sin-pdf", str(form)).exit_code == 0
    # A copy signed on paper, scanned and named by its number.
    scan = tmp_path / f"{LABEL} escaneada.pdf"
    scan.write_bytes((Path(__file__).parent.parent / "forms" / "ejemplos" / "resolucion-conformacion.pdf").read_bytes())
    assert receive_signed_copy(scan, Run(make_settings(tmp_path))).state == "firmado en papel"
    assert run_cli(tmp_path, "firmas", "--pendientes").output.strip() == "No hay documentos con firmas pendientes."

    annulled = run_cli(tmp_path, "numeracion", "anular", LABEL, "--motivo", "Lugar de la sesión errado")
    assert annulled.exit_code == 0, annulled.output
    assert f"anulados/2026/{LABEL} (firmado en papel).pdf" in annulled.output
    again = run_cli(tmp_path, "render", "acta-instalacion", "--sin-pdf", str(form))
    assert again.exit_code == 0, again.output
    assert "ACTA N° 002-2026-CE-UGEL02" in again.output
