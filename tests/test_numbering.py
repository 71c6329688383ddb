"""The numbering registry: correlative, never repeated, never skipped, across processes."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.errors import CddgenError, NumberingError
from generator.render.numbering import NumberingRegistry, format_number

PATTERNS = {
    "acta-instalacion": "ACTA N° {numero:03d}-{anio}-CE-{oficina}",
    "oficio-comite": "OFICIO N° {numero:03d}-{anio}-CE-{oficina}",
}
FIXED = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def registry_path(tmp_path: Path) -> Path:
    return tmp_path / ".cddgen" / "numeracion.sqlite"


@pytest.fixture
def registry(registry_path: Path) -> NumberingRegistry:
    return NumberingRegistry(registry_path, PATTERNS, clock=lambda: FIXED)


# ------------------------------------------------------------------ format_number


@pytest.mark.parametrize(
    ("pattern", "number", "expected"),
    [
        ("ACTA N° {numero:03d}-{anio}-CE-{oficina}", 1, "ACTA N° 001-2026-CE-UGEL02"),
        ("ACTA N° {numero:03d}-{anio}-CE-{oficina}", 1234, "ACTA N° 1234-2026-CE-UGEL02"),
        ("OFICIO N° {numero}-{anio}-{oficina}", 7, "OFICIO N° 7-2026-UGEL02"),
    ],
)
def test_format_number(pattern, number, expected):
    assert format_number(pattern, number=number, year=2026, office="UGEL02") == expected


@pytest.mark.parametrize("pattern", ["ACTA N° {n}-{anio}", "ACTA {numero:03d} {}", "ACTA {anio}-{oficina}"])
def test_format_number_rejects_bad_patterns(pattern):
    with pytest.raises(NumberingError, match="patrón de numeración"):
        format_number(pattern, number=1, year=2026, office="UGEL02")


def test_bundled_patterns_number_every_series(tmp_path):
    patterns = load_settings(cwd=tmp_path, environ={}).number_patterns
    registry = NumberingRegistry(tmp_path / "r.sqlite", patterns)
    entry = registry.reserve("acta-instalacion", "UGEL02", 2026, "caso-01/acta")
    assert entry.label == "ACTA N° 001-2026-CE-UGEL02"
    for series in patterns:
        assert registry.reserve(series, "UGEL02", 2026, "k").number == (2 if series == "acta-instalacion" else 1)


# ------------------------------------------------------------------ one process


def test_sequential_reservations_count_1_2_3(registry):
    entries = [registry.reserve("acta-instalacion", "UGEL02", 2026, f"doc-{i}") for i in range(3)]
    assert [e.number for e in entries] == [1, 2, 3]
    assert [e.label for e in entries] == [
        "ACTA N° 001-2026-CE-UGEL02",
        "ACTA N° 002-2026-CE-UGEL02",
        "ACTA N° 003-2026-CE-UGEL02",
    ]
    assert {e.status for e in entries} == {"reservado"}
    assert entries[0].reserved_at == entries[0].updated_at == "2026-03-02T09:30:00-05:00"
    assert entries[0].files == () and entries[0].note == ""


def test_each_series_office_and_year_counts_on_its_own(registry):
    registry.reserve("acta-instalacion", "UGEL02", 2026, "a")
    registry.reserve("acta-instalacion", "UGEL02", 2026, "b")
    assert registry.reserve("oficio-comite", "UGEL02", 2026, "a").number == 1
    assert registry.reserve("acta-instalacion", "UGEL03", 2026, "a").number == 1
    assert registry.reserve("acta-instalacion", "UGEL02", 2027, "a").label == "ACTA N° 001-2027-CE-UGEL02"
    assert registry.reserve("acta-instalacion", "UGEL02", 2026, "c").number == 3


def test_same_key_gets_the_same_number_again(registry):
    first = registry.reserve("acta-instalacion", "UGEL02", 2026, "caso-07/acta")
    registry.reserve("acta-instalacion", "UGEL02", 2026, "otro")
    assert registry.reserve("acta-instalacion", "UGEL02", 2026, "caso-07/acta") == first
    assert registry.find("acta-instalacion", "UGEL02", 2026, "caso-07/acta") == first
    assert registry.find("acta-instalacion", "UGEL02", 2026, "nunca") is None


def test_numbers_survive_reopening(registry_path):
    NumberingRegistry(registry_path, PATTERNS).reserve("acta-instalacion", "UGEL02", 2026, "a")
    again = NumberingRegistry(registry_path, PATTERNS)
    assert again.reserve("acta-instalacion", "UGEL02", 2026, "a").number == 1
    assert again.reserve("acta-instalacion", "UGEL02", 2026, "b").number == 2


def test_confirm_records_the_files_and_a_rerender_keeps_emitido(registry):
    entry = registry.reserve("acta-instalacion", "UGEL02", 2026, "a")
    issued = registry.confirm(entry, ["outbox/ACTA N° 001.docx", Path("outbox/ACTA N° 001.pdf")])
    assert issued.status == "emitido"
    assert issued.files == ("outbox/ACTA N° 001.docx", "outbox/ACTA N° 001.pdf")
    assert issued.number == 1 and issued.label == entry.label
    again = registry.reserve("acta-instalacion", "UGEL02", 2026, "a")
    assert again == issued
    assert registry.confirm(again, ["outbox/ACTA N° 001.docx"]).files == ("outbox/ACTA N° 001.docx",)
    assert registry.pending() == []


def test_confirm_needs_at_least_one_file(registry):
    entry = registry.reserve("acta-instalacion", "UGEL02", 2026, "a")
    with pytest.raises(NumberingError, match="sin ningún archivo"):
        registry.confirm(entry, [])


def test_annulled_number_stays_used_and_is_never_reused(registry):
    first = registry.reserve("acta-instalacion", "UGEL02", 2026, "a")
    annulled = registry.annul(first, "Error en el nombre del docente")
    assert (annulled.number, annulled.status, annulled.note) == (1, "anulado", "Error en el nombre del docente")
    assert registry.reserve("acta-instalacion", "UGEL02", 2026, "b").number == 2
    # The document itself is issued again under a new number; 1 is never handed out again.
    again = registry.reserve("acta-instalacion", "UGEL02", 2026, "a")
    assert (again.number, again.key, again.status) == (3, "a#reemisión-1", "reservado")
    assert registry.reserve("acta-instalacion", "UGEL02", 2026, "a") == again
    with pytest.raises(NumberingError, match="fue anulado"):
        registry.confirm(first, ["outbox/a.docx"])
    # Annulling twice changes nothing; the first reason stays.
    assert registry.annul(first, "otro motivo") == annulled
    assert [e.number for e in registry.entries()] == [1, 2, 3]
    registry.annul(again, "Segundo error")
    assert registry.reserve("acta-instalacion", "UGEL02", 2026, "a").key == "a#reemisión-2"


def test_an_issued_number_can_be_annulled_and_keeps_its_files(registry):
    entry = registry.confirm(registry.reserve("oficio-comite", "UGEL02", 2026, "a"), ["outbox/a.docx"])
    annulled = registry.annul(entry, "Oficio dejado sin efecto")
    assert annulled.status == "anulado" and annulled.files == ("outbox/a.docx",)


def test_annul_needs_a_reason(registry):
    entry = registry.reserve("acta-instalacion", "UGEL02", 2026, "a")
    with pytest.raises(NumberingError, match="motivo"):
        registry.annul(entry, "  ")


def test_pending_lists_reserved_but_unconfirmed(registry):
    a = registry.reserve("acta-instalacion", "UGEL02", 2026, "a")
    b = registry.reserve("acta-instalacion", "UGEL02", 2026, "b")
    c = registry.reserve("oficio-comite", "UGEL02", 2026, "c")
    registry.confirm(a, ["outbox/a.docx"])
    registry.annul(c, "Formulario retirado")
    assert registry.pending() == [b]


def test_entries_filter_by_series_and_year(registry):
    registry.reserve("acta-instalacion", "UGEL02", 2026, "a")
    registry.reserve("acta-instalacion", "UGEL02", 2027, "a")
    registry.reserve("oficio-comite", "UGEL02", 2026, "a")
    assert len(registry.entries()) == 3
    assert [(e.series, e.year) for e in registry.entries(series="acta-instalacion")] == [
        ("acta-instalacion", 2026),
        ("acta-instalacion", 2027),
    ]
    assert [e.series for e in registry.entries(year=2026)] == ["acta-instalacion", "oficio-comite"]
    assert registry.entries(series="oficio-comite", year=2027) == []


def test_unknown_series_is_named_with_the_known_ones(registry):
    with pytest.raises(NumberingError) as info:
        registry.reserve("resolucion", "UGEL02", 2026, "a")
    message = str(info.value)
    assert "La serie de numeración «resolucion» no existe." in message
    assert "Series conocidas: acta-instalacion, oficio-comite." in message
    assert isinstance(info.value, CddgenError)
    assert registry.entries() == []


@pytest.mark.parametrize(("office", "year", "key"), [("", 2026, "a"), ("UGEL02", 26, "a"), ("UGEL02", 2026, " ")])
def test_blank_office_bad_year_or_blank_key_are_refused(registry, office, year, key):
    with pytest.raises(NumberingError):
        registry.reserve("acta-instalacion", office, year, key)
    assert registry.entries() == []


def test_rows_cannot_be_deleted_or_renumbered(registry, registry_path):
    registry.reserve("acta-instalacion", "UGEL02", 2026, "a")
    with sqlite3.connect(registry_path) as conn:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("DELETE FROM numbers")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE numbers SET number = 5")
    assert [e.number for e in registry.entries()] == [1]


def test_threads_share_one_registry(registry):
    numbers: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def work(worker: int) -> None:
        start.wait()
        for i in range(25):
            number = registry.reserve("acta-instalacion", "UGEL02", 2026, f"t{worker}-{i}").number
            with lock:
                numbers.append(number)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(numbers) == list(range(1, 201))


# ------------------------------------------------------------------ two processes at once


def _draw_numbers(path: str, prefix: str, count: int, barrier, results) -> None:
    """Worker of the process tests: open the registry, wait for the other, draw ``count`` numbers."""
    try:
        registry = NumberingRegistry(Path(path), PATTERNS)
        barrier.wait(timeout=60)
        drawn = {}
        for i in range(count):
            entry = registry.reserve("acta-instalacion", "UGEL02", 2026, f"{prefix}{i:02d}")
            drawn[entry.key] = entry.number
        results.put(("ok", drawn))
    except BaseException as exc:  # report it to the parent instead of hanging it
        results.put(("error", repr(exc)))


def _run_two_processes(path: Path, prefixes: tuple[str, str]) -> list[dict[str, int]]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    workers = [
        ctx.Process(target=_draw_numbers, args=(str(path), prefix, 50, barrier, results)) for prefix in prefixes
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=180) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert all(status == "ok" for status, _ in outcomes), outcomes
    return [drawn for _, drawn in outcomes]


def test_two_processes_drawing_50_numbers_each_get_100_distinct_consecutive(registry_path):
    # Neither process finds the registry: they also race to create it.
    first, second = _run_two_processes(registry_path, ("a-", "b-"))
    numbers = list(first.values()) + list(second.values())
    assert len(numbers) == 100
    assert set(numbers) == set(range(1, 101))
    stored = NumberingRegistry(registry_path, PATTERNS).entries()
    assert len(stored) == 100
    assert {e.key: e.number for e in stored} == {**first, **second}
    assert [e.number for e in stored] == list(range(1, 101))


def test_two_processes_with_the_same_keys_share_50_numbers(registry_path):
    first, second = _run_two_processes(registry_path, ("k-", "k-"))
    assert first == second
    assert sorted(first.values()) == list(range(1, 51))
    stored = NumberingRegistry(registry_path, PATTERNS).entries()
    assert len(stored) == 50
    assert {e.key: e.number for e in stored} == first


_DRAW_FOREVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from generator.render.numbering import NumberingRegistry
    registry = NumberingRegistry(Path(sys.argv[1]), {"acta-instalacion": "ACTA N° {numero:03d}-{anio}"})
    i = 0
    while True:
        registry.reserve("acta-instalacion", "UGEL02", 2026, f"doc-{i}")
        i += 1
    """
)


def test_kill_9_while_drawing_loses_and_repeats_no_number(registry_path):
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("needs SIGKILL")
    registry = NumberingRegistry(registry_path, PATTERNS)
    process = subprocess.Popen([sys.executable, "-c", _DRAW_FOREVER, str(registry_path)], cwd=REPO)
    try:
        deadline = time.monotonic() + 60
        while len(registry.entries()) < 30 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    stored = registry.entries()
    assert len(stored) >= 30
    assert [e.number for e in stored] == list(range(1, len(stored) + 1))
    with sqlite3.connect(registry_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert registry.reserve("acta-instalacion", "UGEL02", 2026, "after").number == len(stored) + 1
    assert len(registry.pending()) == len(stored) + 1


# ------------------------------------------------------------------ a registry that cannot be used


def test_corrupt_registry_is_reported_and_left_untouched(registry_path):
    registry_path.parent.mkdir(parents=True)
    garbage = b"\x00\xffesto no es una base de datos\x13" * 300
    registry_path.write_bytes(garbage)
    with pytest.raises(NumberingError) as info:
        NumberingRegistry(registry_path, PATTERNS)
    message = str(info.value)
    assert str(registry_path) in message
    assert "está dañado o no es una base de datos" in message
    assert "Restáurelo desde su copia de respaldo" in message
    assert registry_path.read_bytes() == garbage
    assert sorted(p.name for p in registry_path.parent.iterdir()) == ["numeracion.sqlite"]


def test_damaged_pages_are_detected_when_opening(registry_path):
    registry = NumberingRegistry(registry_path, PATTERNS)
    for i in range(300):
        registry.reserve("acta-instalacion", "UGEL02", 2026, f"documento-con-una-clave-larga-{i:04d}")
    del registry
    with sqlite3.connect(registry_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(registry_path.read_bytes())
    assert len(data) > 6 * page_size
    data[2 * page_size : 5 * page_size] = b"\xa5" * (3 * page_size)
    registry_path.write_bytes(bytes(data))
    with pytest.raises(NumberingError, match="dañado"):
        NumberingRegistry(registry_path, PATTERNS)


def test_another_sqlite_database_is_not_taken_over(registry_path):
    registry_path.parent.mkdir(parents=True)
    with sqlite3.connect(registry_path) as conn:
        conn.execute("CREATE TABLE alumnos (nombre TEXT)")
    before = registry_path.read_bytes()
    with pytest.raises(NumberingError, match="no un registro de numeración de cddgen"):
        NumberingRegistry(registry_path, PATTERNS)
    assert registry_path.read_bytes() == before


def test_a_registry_that_vanishes_is_not_recreated_empty(registry, registry_path):
    registry.reserve("acta-instalacion", "UGEL02", 2026, "a")
    for path in registry_path.parent.iterdir():
        path.unlink()
    with pytest.raises(NumberingError, match="ya no existe"):
        registry.reserve("acta-instalacion", "UGEL02", 2026, "b")
    assert not registry_path.exists()


def test_folder_that_cannot_be_created_is_reported(tmp_path):
    blocker = tmp_path / "no-es-carpeta"
    blocker.write_text("x")
    with pytest.raises(NumberingError) as info:
        NumberingRegistry(blocker / "numeracion.sqlite", PATTERNS)
    assert "No se puede escribir el registro de numeración" in str(info.value)
    assert "rutas.registro_numeracion" in str(info.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_is_reported(tmp_path):
    folder = tmp_path / "solo-lectura"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(NumberingError, match="No se puede escribir"):
            NumberingRegistry(folder / "numeracion.sqlite", PATTERNS)
    finally:
        folder.chmod(0o755)


def test_first_by_key_gives_each_document_of_an_office_its_earliest_entry(registry):
    """What a re-run of the informe final reuses: the document issued under a key, whatever its
    year (an acta of 2025 re-listed in 2026 keeps its 2025 number)."""
    old = registry.confirm(registry.reserve("acta-instalacion", "UGEL02", 2025, "comite-1"), ["a.pdf"])
    registry.reserve("acta-instalacion", "UGEL02", 2026, "comite-1")
    reply = registry.reserve("oficio-comite", "UGEL02", 2026, "reclamo-7")
    registry.reserve("oficio-comite", "UGEL03", 2026, "reclamo-8")
    found = registry.first_by_key("UGEL02")
    assert set(found) == {("acta-instalacion", "comite-1"), ("oficio-comite", "reclamo-7")}
    assert found[("acta-instalacion", "comite-1")].label == old.label and found[("acta-instalacion", "comite-1")].files
    assert found[("oficio-comite", "reclamo-7")].label == reply.label
