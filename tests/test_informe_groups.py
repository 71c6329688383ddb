"""The list of documents of the informe final and of the expediente's index (Anexo 3, 2.4),
cut into short tables, tomo by tomo: pure data, no LibreOffice."""

from __future__ import annotations

from generator.render.expediente import folio_ranges
from generator.render.informe_final import ROWS_PER_TABLE, document_groups


def test_a_long_list_is_cut_into_short_tables_numbered_without_restarting():
    documents = folio_ranges([(f"Acta {n}", 3) for n in range(2 * ROWS_PER_TABLE + 5)], first=1)
    groups = document_groups(documents, [(1, documents[-1].last)])
    assert [len(g["documentos"]) for g in groups] == [ROWS_PER_TABLE, ROWS_PER_TABLE, 5]
    assert all(g["titulo"] == "" for g in groups)  # a single tomo has no heading
    numbers = [d["numero"] for g in groups for d in g["documentos"]]
    assert numbers == list(range(1, len(documents) + 1))


def test_each_tomo_opens_with_its_heading_and_holds_its_documents():
    documents = folio_ranges([("Índice", 1), ("a", 3), ("b", 2), ("c", 4), ("d", 1)], first=1)
    groups = document_groups(documents, [(1, 4), (5, 6), (7, 11)])
    assert [(g["titulo"], [d["titulo"] for d in g["documentos"]]) for g in groups] == [
        ("Tomo 1: folios 1 al 4", ["Índice", "a"]), ("Tomo 2: folios 5 al 6", ["b"]),
        ("Tomo 3: folios 7 al 11", ["c", "d"])]


def test_a_tomo_longer_than_a_table_has_its_heading_once():
    documents = folio_ranges([(f"Oficio {n}", 1) for n in range(ROWS_PER_TABLE + 1)], first=1)
    groups = document_groups(documents, [(1, ROWS_PER_TABLE + 1)])
    assert len(groups) == 2 and groups[1]["titulo"] == ""
    groups = document_groups(documents, [(1, ROWS_PER_TABLE), (ROWS_PER_TABLE + 1, ROWS_PER_TABLE + 1)])
    assert [g["titulo"] for g in groups] == [f"Tomo 1: folios 1 al {ROWS_PER_TABLE}",
                                             f"Tomo 2: folio {ROWS_PER_TABLE + 1}"]
