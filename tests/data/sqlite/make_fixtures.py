"""Made once with cddgen at commit 272c058 (before the SQLite base): a numbering registry
(schema 4) and an inbox ledger (schema 2) with rows of every kind."""
import datetime as dt
import sys
from pathlib import Path
from generator.render.numbering import NumberingRegistry, IssueRecord, ExpectedSigner, RecordedSignature
from generator.pipeline.ledger import Ledger, LedgerDocument, Reservation, PROCESSED, OBSERVED

out = Path(sys.argv[1])
clock = lambda: dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
patterns = {"acta-instalacion": "ACTA N° {numero:03d}-{anio}-CE-{oficina}",
            "oficio-comite": "OFICIO N° {numero:03d}-{anio}-{oficina}"}
registry = NumberingRegistry(out / "numeracion-v4.sqlite", patterns, clock=clock)
acta = registry.confirm(registry.reserve("acta-instalacion", "UGEL02", 2026, "comite:RD-1", "Comité RD 1"),
                        ["/outbox/2026/acta.docx", "/outbox/2026/acta.pdf"], on=dt.date(2026, 3, 1))
registry.reserve("oficio-comite", "UGEL02", 2026, "oficio:1", "Pérez Quispe, Ana")
annulled = registry.reserve("oficio-comite", "UGEL02", 2026, "oficio:2", "Rojas, Luis")
registry.annul(annulled, "Formulario observado.")
signers = [ExpectedSigner(1, "Presidente", "Ana Pérez", "12345678", "firma_1"),
           ExpectedSigner(2, "Secretario", "Luis Rojas", "", "firma_2")]
registry.record_issue([IssueRecord(acta, signers, ("a" * 64, 1234, "/outbox/2026/acta.pdf"), "huella-1")])
registry.add_signed_copy(acta, kind="digital", sha256="b" * 64, issued_sha256="a" * 64,
                         path="/outbox/2026/firmados/acta.pdf", source="acta firmada.pdf",
                         signatures=[RecordedSignature(1, "12345678", "ANA PÉREZ", "2026-03-03T10:00:00-05:00",
                                                       "válida", "firma_1")])
ledger = Ledger(out / "bandeja-v2.sqlite")
row = ledger.start("20260302-093000-1-abcd", "comité.xlsx", "c" * 64, 2048, "2026-03-02")
ledger.describe(row.id, "comite", "RD-1", 1, None, None)
ledger.record_reservation(row.id, Reservation("acta-instalacion", "UGEL02", 2026, "comite:RD-1"))
ledger.finish(row.id, PROCESSED, documents=[LedgerDocument("acta", "ACTA N° 001-2026-CE-UGEL02", "Comité",
              ("/outbox/2026/acta.docx",))], reason="", destination="/inbox/procesados/2026-03-02/comité.xlsx",
              warnings=1)
ledger.mark_logged(row.id)
bad = ledger.start("20260302-093100-1-ef01", "ficha.xlsx", "d" * 64, 999, "2026-03-02")
ledger.finish(bad.id, OBSERVED, reason="Falta la fecha.", destination="/inbox/observados/2026-03-02/ficha.xlsx",
              problems=2)
ledger.start("20260302-093200-1-2345", "ascenso.xlsx", "e" * 64, 4096, "2026-03-02")  # left working
ledger.close()
