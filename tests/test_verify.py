"""`cddgen process --verificar` tells the truth (issue 14.4): it knows cddgen's own outputs
(the reclamos history, annex workbooks, the UGEL reports, an informe's expediente and tomos)
and is clean after an inbox run over every example; a real discrepancy still fails."""

from __future__ import annotations

import shutil

from generator.pipeline.inbox import check_outbox, run_pass
from generator.pipeline.process import Outcome
from generator.render import informe_final
from generator.render.documents import open_registry

from .conftest import EXAMPLES, make_settings
from .helpers import files_under, run_cli

CONFIG = ("[bandeja]\nestabilidad_segundos = 0.0\n[pdf]\nactivar = false\n"
          # Who signs the UGEL's informes (resumen-cdd, resumen-cap refuse a report nobody signs).
          '[firmante]\nnombre = "Ana Ruiz Paz"\ndni = "09876543"\ncargo = "Especialista en Educación"\n')


def test_verify_is_clean_after_an_inbox_run_of_every_example_and_fails_on_a_real_discrepancy(tmp_path):
    office = make_settings(tmp_path, CONFIG)
    office.inbox.mkdir(parents=True)
    # The committee first: the Ascenso actas carry its signatures.
    shutil.copy(EXAMPLES / "comite.xlsx", office.inbox)
    assert [r.outcome for r in run_pass(office, pdf=False).results] == [Outcome.PROCESSED]
    # (Not the annulment request: the number it annuls is issued in this very pass.)
    examples = [path for path in files_under(EXAMPLES) if path.suffix in (".xlsx", ".docx")
                and path.name not in ("comite.xlsx", "anulacion.xlsx")]
    for path in examples:
        shutil.copy(path, office.inbox)
    results = run_pass(office, pdf=False).results
    assert {r.name: r.outcome for r in results} == {path.name: Outcome.PROCESSED for path in examples}
    # The informe final and both UGEL reports from the command line too (under numbers of their own).
    procesados = office.inbox / "procesados" / "2026-11-22"
    for command in (("informe-final", "--comite", str(procesados / "comite.xlsx"), str(procesados / "ascenso.xlsx")),
                    ("resumen-cdd", str(EXAMPLES / "cdd")), ("resumen-cap", str(EXAMPLES / "cap"))):
        result = run_cli(tmp_path, "render", command[0], "--sin-pdf", *command[1:])
        assert result.exit_code == 0, result.output
    # (The CdD informe is dated by the CETPRO's latest oficio: it lands in 2025/.)
    written = {path.parent.name for path in files_under(office.outbox)}
    assert {"acta-resultados", "oficio-reclamo", "oficio-retiro", "informe-final", "resumen-cdd", "resumen-cap",
            "ficha-cap", "acta-instalacion"} <= written
    assert (office.outbox / "2026" / "historial-reclamos.xlsx").is_file()
    assert any(path.name.endswith(".xlsx") for path in files_under(office.outbox / "2025" / "oficio-cdd"))
    verified = run_cli(tmp_path, "process", "--verificar")
    assert verified.exit_code == 0, verified.output
    assert "Todo en orden" in verified.output
    # A real discrepancy: a stray file and a missing one.
    stray = office.outbox / "2026" / "ficha-cap" / "FICHA N° 001-2026-CAP-UGEL02 copia.docx"
    stray.write_bytes(b"x")
    [issued] = [entry for entry in open_registry(office).entries() if entry.series == "oficio-cdd"][:1]
    missing = next(name for name in issued.files if name.endswith(".docx"))
    shutil.move(missing, tmp_path / "fuera.docx")
    failed = run_cli(tmp_path, "process", "--verificar")
    assert failed.exit_code == 1
    assert "«2026/ficha-cap/FICHA N° 001-2026-CAP-UGEL02 copia.docx» no corresponde a ningún documento emitido" \
        in failed.output
    assert f"Falta el archivo «{missing}» del documento «{issued.label}»" in failed.output
    assert "2 problemas encontrados." in failed.output


def test_an_expediente_and_its_tomos_belong_to_their_issued_informe_and_nothing_else(tmp_path):
    office = make_settings(tmp_path, CONFIG)
    registry = open_registry(office)
    folder = office.outbox / "2026" / informe_final.KIND
    folder.mkdir(parents=True)
    entry = registry.reserve(informe_final.SERIES, "UGEL02", 2026, "informe-final:RD 1", "el Comité")
    informe = folder / f"{entry.label}.docx"
    informe.write_bytes(b"informe")
    registry.confirm(entry, [informe])
    target = informe_final.expediente_target(folder, entry.label)
    for number in (1, 2):
        target.with_name(f"{target.stem} TOMO {number} DE 2.pdf").write_bytes(b"%PDF")
    assert check_outbox(office) == []
    other = informe_final.expediente_target(folder, "INFORME N° 009-2026-CE-UGEL02")
    other.write_bytes(b"%PDF")
    assert check_outbox(office) == [f"«2026/informe-final/{other.name}» no corresponde a ningún documento emitido del "
                                    "registro de numeración."]
