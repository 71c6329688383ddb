"""PDF conversion with the real LibreOffice: nothing here mocks the conversion itself.

The fake ``soffice`` scripts below stand in for a LibreOffice that hangs or fails, which a
real one cannot be made to do on demand; they are real processes that get really killed.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import pypdf
import pytest

from generator.config import PdfSettings
from generator.errors import ConversionError
from generator.fsutil import TEMP_PREFIX
from generator.render.pdf import scheduler, soffice
from generator.render.pdf import ConversionResult, PdfConverter, find_soffice, missing_soffice_help

from .libreoffice import REAL_SOFFICE, needs_soffice

PDFAID = "http://www.aiim.org/pdfa/ns/id/"
OOR = "{http://openoffice.org/2001/registry}"

SPANISH = 'Pérez & Ñañez <Jr> "Lucho" — año 2026'


def make_docx(path: Path, *pages: list[str]) -> Path:
    document = docx.Document()
    for number, paragraphs in enumerate(pages):
        if number:
            document.add_page_break()
        for text in paragraphs:
            document.add_paragraph(text)
    document.save(path)
    return path


def settings(**changes) -> PdfSettings:
    values = dict(enabled=True, soffice=REAL_SOFFICE or "", timeout=60.0, workers=1, pdfa=False)
    values.update(changes)
    return PdfSettings(**values)


def pdf_text(path: Path) -> tuple[int, str]:
    reader = pypdf.PdfReader(path)
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def pdfa_id(path: Path) -> tuple[str, str] | None:
    xmp = pypdf.PdfReader(path).xmp_metadata
    if xmp is None:
        return None
    root = xmp.rdf_root
    parts = root.getElementsByTagNameNS(PDFAID, "part")
    levels = root.getElementsByTagNameNS(PDFAID, "conformance")
    if not parts or not levels:
        return None
    return parts[0].firstChild.data.strip(), levels[0].firstChild.data.strip()


def write_script(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def live_processes(*, mentioning: str | None = None, group: int | None = None) -> list[str]:
    """Running processes (zombies excluded) whose command line mentions a text or in a group.

    Zombies are dead processes waiting for their parent to read the exit status; in a
    container whose PID 1 does not reap orphans, killed grandchildren stay as zombies.
    """
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/cmdline").read_bytes()
            cmdline = raw.replace(b"\0", b" ").decode("utf-8", "replace")
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, pgrp = fields[0], int(fields[2])
        if state == "Z":
            continue
        if (mentioning is not None and mentioning in cmdline) or (group is not None and pgrp == group):
            found.append(f"{entry} [{state}] {cmdline}")
    return found


@pytest.fixture(autouse=True)
def no_soffice_left_behind(tmp_path):
    """Every test: no process started under this test's folder may outlive it."""
    yield
    if sys.platform.startswith("linux"):
        assert live_processes(mentioning=str(tmp_path)) == []


@pytest.fixture
def profiles(tmp_path) -> Path:
    return tmp_path / "perfiles"


# --- real conversions ------------------------------------------------------------------


@needs_soffice
def test_converts_several_documents_in_parallel_with_exact_spanish_text(tmp_path, profiles):
    folder = tmp_path / "salida"
    folder.mkdir()
    texts = {
        "acta-001": [[SPANISH, "Señora Núñez: «conformidad» ñandú ü"]],
        "oficio-002": [["OFICIO N° 002-2026-CE-UGEL02"], ["Segunda página: Ávila & Íñiguez <Esq>"]],
        "informe-003": [["Informe de la Comisión: 100 % 'cumplido'"]],
        "ficha-004": [["Ficha — Lima, 23 de enero de 2026"]],
    }
    sources = [make_docx(folder / f"{stem}.docx", *pages) for stem, pages in texts.items()]

    started = time.monotonic()
    results = PdfConverter(settings(workers=2), profile_root=profiles).convert(sources)
    elapsed = time.monotonic() - started

    assert [r.source for r in results] == sources
    for result, (stem, pages) in zip(results, texts.items()):
        assert result == ConversionResult(result.source, folder / f"{stem}.pdf", None)
        count, text = pdf_text(result.pdf)
        assert count == len(pages)
        for page in pages:
            for line in page:
                assert line in text
        assert pdfa_id(result.pdf) is None
    leftovers = sorted(p.name for p in folder.iterdir() if p.suffix not in (".docx", ".pdf"))
    assert leftovers == []  # no temp files, no LibreOffice lock files
    assert list(profiles.iterdir()) == []  # throwaway profiles removed
    assert elapsed < 30


@needs_soffice
def test_outdir_and_same_name_in_two_folders(tmp_path, profiles):
    a = make_docx((tmp_path / "a").mkdir() or tmp_path / "a" / "acta.docx", [["Primera acta ñ"]])
    b = make_docx((tmp_path / "b").mkdir() or tmp_path / "b" / "acta.docx", [["Segunda acta ü"]])
    c = make_docx(tmp_path / "oficio.docx", [["Oficio á"]])
    outbox = tmp_path / "bandeja" / "pdf"

    beside = PdfConverter(settings(), profile_root=profiles).convert([a, b])
    moved = PdfConverter(settings(), profile_root=profiles).convert([c], outdir=outbox)

    assert [r.pdf for r in beside] == [a.with_suffix(".pdf"), b.with_suffix(".pdf")]
    assert "Primera acta ñ" in pdf_text(a.with_suffix(".pdf"))[1]
    assert "Segunda acta ü" in pdf_text(b.with_suffix(".pdf"))[1]
    assert moved == [ConversionResult(c, outbox / "oficio.pdf", None)]
    assert not c.with_suffix(".pdf").exists()
    assert not [p for p in outbox.iterdir() if p.name.startswith(TEMP_PREFIX)]


@needs_soffice
def test_pdfa_2b_on_request(tmp_path, profiles):
    source = make_docx(tmp_path / "archivo.docx", [[SPANISH]])

    [result] = PdfConverter(settings(pdfa=True), profile_root=profiles).convert([source])

    assert result.error is None
    assert pdfa_id(result.pdf) == ("2", "B")
    assert SPANISH in pdf_text(result.pdf)[1]


@needs_soffice
def test_corrupt_docx_fails_alone_and_the_rest_of_the_batch_converts(tmp_path, profiles):
    first = make_docx(tmp_path / "primero.docx", [["Primero á"]])
    corrupt = tmp_path / "dañado.docx"
    corrupt.write_bytes(os.urandom(4000))
    last = make_docx(tmp_path / "último.docx", [["Último é"]])

    results = PdfConverter(settings(workers=1), profile_root=profiles).convert([first, corrupt, last])

    assert [r.pdf for r in results] == [first.with_suffix(".pdf"), None, last.with_suffix(".pdf")]
    error = results[1].error
    assert error.startswith("dañado.docx: LibreOffice no pudo convertirlo a PDF")
    assert "se entrega solo el .docx" in error
    assert "Mensajes de LibreOffice: Error: source file could not be loaded" in error
    assert not corrupt.with_suffix(".pdf").exists()
    assert "Último é" in pdf_text(last.with_suffix(".pdf"))[1]


@needs_soffice
def test_profile_keeps_macros_disabled_and_link_updates_off_after_a_run(tmp_path, profiles):
    """soffice rewrites registrymodifications.xcu on exit, dropping keys it does not know."""
    copied = tmp_path / "registrymodifications.xcu"
    spy = write_script(
        tmp_path / "soffice-espia",
        f"""#!{sys.executable}
import shutil, subprocess, sys
from pathlib import Path
from urllib.parse import unquote, urlparse
code = subprocess.run([{REAL_SOFFICE!r}, *sys.argv[1:]]).returncode
for arg in sys.argv[1:]:
    if arg.startswith("-env:UserInstallation="):
        profile = Path(unquote(urlparse(arg.split("=", 1)[1]).path))
        shutil.copyfile(profile / "user" / "registrymodifications.xcu", {str(copied)!r})
sys.exit(code)
""",
    )
    source = make_docx(tmp_path / "macro.docx", [["Sin macros"]])

    [result] = PdfConverter(settings(soffice=str(spy)), profile_root=profiles).convert([source])

    assert result.error is None
    written = copied.read_text(encoding="utf-8")
    assert written != soffice.profile_xcu(pdfa=False)  # soffice did read and rewrite it
    values = {
        (item.get(f"{OOR}path"), prop.get(f"{OOR}name")): prop.findtext("value")
        for item in ET.fromstring(written)
        for prop in item
    }
    assert values[("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel")] == "3"
    assert values[("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution")] == "true"
    assert values[("/org.openoffice.Office.Writer/Content/Update", "Link")] == "0"  # never
    assert values[("/org.openoffice.Office.Calc/Content/Update", "Link")] == "1"  # never
    for path, name, value in soffice.PROFILE_SETTINGS:
        assert values[(path, name)] == value
    assert list(profiles.iterdir()) == []


# --- LibreOffice hanging or failing ----------------------------------------------------


@needs_soffice
def test_hung_soffice_is_killed_with_its_children_and_the_next_conversion_works(tmp_path, profiles):
    pids = tmp_path / "pids"
    pids.mkdir()
    hanging = write_script(
        tmp_path / "soffice-colgado",
        f"""#!/bin/sh
echo $$ > "{pids}/leader"
sh -c 'sleep 120; true' "$0-hijo" &
echo $! > "{pids}/child"
sleep 120
""",
    )
    source = make_docx(tmp_path / "colgado.docx", [["Nunca termina"]])

    started = time.monotonic()
    converter = PdfConverter(settings(soffice=str(hanging), timeout=2), profile_root=profiles)
    [result] = converter.convert([source])
    elapsed = time.monotonic() - started

    assert result.pdf is None
    assert result.error.startswith(
        "colgado.docx: LibreOffice no terminó de convertirlo a PDF en 2 segundos y se detuvo;"
    )
    assert "tiempo_limite" in result.error
    assert 2 <= elapsed < 6
    leader = int((pids / "leader").read_text())
    child = int((pids / "child").read_text())
    assert live_processes(group=leader) == []  # the script, its child and grandchild
    assert live_processes(mentioning=str(hanging)) == []
    assert not live_processes(mentioning=f"{hanging}-hijo")
    assert child != leader
    assert list(profiles.iterdir()) == []

    after = make_docx(tmp_path / "siguiente.docx", [[SPANISH]])
    [ok] = PdfConverter(settings(), profile_root=profiles).convert([after])
    assert ok.error is None
    assert SPANISH in pdf_text(ok.pdf)[1]


@needs_soffice
def test_hangs_in_the_middle_of_a_batch_blame_the_right_file_and_the_rest_converts(tmp_path, profiles):
    """A stand-in for a soffice that hangs on some documents: it converts file by file with
    the real LibreOffice, hangs on a file starting with HANG, and on one starting with HALF
    first writes the beginning of a PDF (a hang while exporting)."""
    wrapper = write_script(
        tmp_path / "soffice-se-cuelga",
        f"""#!{sys.executable}
import subprocess, sys, time
from pathlib import Path
args = sys.argv[1:]
outdir = Path(args[args.index("--outdir") + 1])
options = [a for a in args if not a.endswith(".docx")]
for name in [a for a in args if a.endswith(".docx")]:
    head = Path(name).read_bytes()[:4]
    if head == b"HALF":
        (outdir / (Path(name).stem + ".pdf")).write_bytes(b"%PDF-1.6\\n1 0 obj")
    if head in (b"HANG", b"HALF"):
        time.sleep(120)
    subprocess.run([{REAL_SOFFICE!r}, *options, name])
""",
    )
    first = make_docx(tmp_path / "uno.docx", [["Uno ñ"]])
    corrupt = tmp_path / "dañado.docx"
    corrupt.write_bytes(os.urandom(2000))
    stuck = tmp_path / "cuelga.docx"
    stuck.write_bytes(b"HANG" + b"x" * 100)
    half = tmp_path / "a-medias.docx"
    half.write_bytes(b"HALF" + b"x" * 100)
    last = make_docx(tmp_path / "cinco.docx", [["Cinco ü"]])

    started = time.monotonic()
    results = PdfConverter(settings(soffice=str(wrapper), timeout=4), profile_root=profiles).convert(
        [first, corrupt, stuck, half, last]
    )
    elapsed = time.monotonic() - started

    assert results[0] == ConversionResult(first, first.with_suffix(".pdf"), None)
    assert results[1].error.startswith("dañado.docx: LibreOffice no pudo convertirlo a PDF; se entrega")
    timed_out = "LibreOffice no terminó de convertirlo a PDF en 4 segundos y se detuvo"
    assert results[2].error.startswith(f"cuelga.docx: {timed_out}")
    assert results[3].error.startswith(f"a-medias.docx: {timed_out}")
    assert not half.with_suffix(".pdf").exists()  # the half-written PDF is never delivered
    assert results[4] == ConversionResult(last, last.with_suffix(".pdf"), None)
    assert "Cinco ü" in pdf_text(last.with_suffix(".pdf"))[1]
    assert elapsed < 3 * 4 + 10  # two timeouts, no document retried after its own
    assert list(profiles.iterdir()) == []


def test_failing_soffice_reports_exit_code_and_its_messages(tmp_path, profiles):
    broken = write_script(
        tmp_path / "soffice-roto",
        "#!/bin/sh\n"
        "echo 'Warning: failed to launch javaldx' >&2\n"
        "echo 'fatal: libuno_sal.so.3 no encontrado' >&2\n"
        "exit 77\n",
    )
    sources = [make_docx(tmp_path / f"doc{i}.docx", [["Texto"]]) for i in range(2)]

    results = PdfConverter(settings(soffice=str(broken)), profile_root=profiles).convert(sources)

    for source, result in zip(sources, results):
        assert result.pdf is None
        assert result.error.startswith(
            f"{source.name}: LibreOffice no pudo convertirlo a PDF (LibreOffice terminó con el código 77);"
        )
        assert result.error.endswith("Mensajes de LibreOffice: fatal: libuno_sal.so.3 no encontrado")
    assert list(profiles.iterdir()) == []


def test_soffice_that_cannot_start_is_reported(tmp_path, profiles):
    not_a_program = write_script(tmp_path / "soffice", "")
    not_a_program.write_bytes(b"\x7fELF garbage")  # executable bit, but the kernel refuses it
    source = make_docx(tmp_path / "acta.docx", [["Texto"]])

    [result] = PdfConverter(settings(soffice=str(not_a_program)), profile_root=profiles).convert([source])

    assert result.pdf is None
    assert result.error.startswith(f"acta.docx: no se pudo iniciar LibreOffice («{not_a_program}»")
    assert missing_soffice_help() in result.error


def test_interrupting_the_caller_kills_soffice(tmp_path, profiles):
    hanging = write_script(tmp_path / "soffice-lento", "#!/bin/sh\nsleep 120 &\nsleep 120\n")
    source = make_docx(tmp_path / "acta.docx", [["Texto"]])
    main = threading.main_thread().ident
    timer = threading.Timer(1.0, signal.pthread_kill, args=(main, signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            PdfConverter(settings(soffice=str(hanging), timeout=60), profile_root=profiles).convert([source])
    finally:
        timer.cancel()
    assert time.monotonic() - started < 5  # killed at once, not at the 60 s timeout
    assert live_processes(mentioning=str(hanging)) == []
    assert list(profiles.iterdir()) == []


# --- LibreOffice missing or disabled ---------------------------------------------------


def test_missing_soffice_gives_install_help_and_never_raises(tmp_path, monkeypatch, profiles):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(soffice, "_usual_locations", lambda: [])
    configured = str(tmp_path / "no-existe" / "soffice")
    sources = [make_docx(tmp_path / "acta.docx", [["a"]]), make_docx(tmp_path / "oficio.docx", [["b"]])]
    converter = PdfConverter(settings(soffice=configured), profile_root=profiles)

    assert find_soffice(configured) is None
    assert not converter.available()
    results = converter.convert(sources)

    for source, result in zip(sources, results):
        assert result.source == source and result.pdf is None
        assert result.error.startswith(
            f"{source.name}: no se generó el PDF porque no se encontró LibreOffice "
            f"(la ruta configurada «{configured}» no existe); se entrega solo el .docx."
        )
        assert result.error.endswith(missing_soffice_help())
        assert not source.with_suffix(".pdf").exists()


def test_disabled_pdf_says_so(tmp_path, profiles):
    source = make_docx(tmp_path / "acta.docx", [["a"]])
    converter = PdfConverter(settings(enabled=False), profile_root=profiles)

    assert not converter.available()
    assert converter.convert([source]) == [
        ConversionResult(
            source,
            None,
            "acta.docx: no se generó el PDF porque la conversión a PDF está desactivada "
            "(activar = false en la sección [pdf] de cddgen.toml); se entrega solo el .docx.",
        )
    ]


def test_install_help_for_each_system():
    command = (
        "apt-get install -y --no-install-recommends libreoffice-writer-nogui "
        "fonts-liberation fonts-crosextra-carlito && fc-cache -f"
    )
    as_root = soffice._install_help("linux", True)
    assert f"como root: {command}" in as_root
    not_root = soffice._install_help("linux", False)
    assert "pida a un administrador" in not_root and f"sudo sh -c '{command}'" in not_root
    windows = soffice._install_help("win32", False)
    assert "https://es.libreoffice.org/descarga/" in windows
    assert r"C:\Program Files\LibreOffice" in windows and "soffice.exe" in windows
    assert "[pdf]" in windows and "cddgen.toml" in windows
    assert "/Applications/LibreOffice.app" in soffice._install_help("darwin", False)


def test_find_soffice_prefers_configured_then_path_then_usual_places(tmp_path, monkeypatch):
    configured = write_script(tmp_path / "mi-soffice", "#!/bin/sh\n")
    on_path = tmp_path / "bin"
    on_path.mkdir()
    write_script(on_path / "libreoffice", "#!/bin/sh\n")
    usual = write_script(tmp_path / "opt-soffice", "#!/bin/sh\n")
    monkeypatch.setenv("PATH", str(on_path))
    monkeypatch.setattr(soffice, "_usual_locations", lambda: [tmp_path / "nada", usual])

    assert find_soffice(str(configured)) == str(configured)
    assert find_soffice(str(tmp_path / "no-existe")) == str(on_path / "libreoffice")
    monkeypatch.setenv("PATH", str(tmp_path / "vacío"))
    assert find_soffice("") == str(usual)


def test_usual_locations_include_windows_program_files():
    places = [str(p) for p in soffice._usual_locations(windows=True, environ={"PROGRAMFILES": r"D:\Programas"})]
    assert any("Programas" in p and p.endswith("soffice.exe") for p in places)
    assert any("Program Files (x86)" in p for p in places)
    assert "/Applications/LibreOffice.app/Contents/MacOS/soffice" in places


# --- misuse ---------------------------------------------------------------------------


def test_misuse_raises_conversion_error(tmp_path):
    converter = PdfConverter(settings())
    text = tmp_path / "nota.txt"
    text.write_text("x")
    with pytest.raises(ConversionError, match="no es un archivo .docx"):
        converter.convert([text])
    with pytest.raises(ConversionError, match="no existe"):
        converter.convert([tmp_path / "falta.docx"])
    a = make_docx((tmp_path / "a").mkdir() or tmp_path / "a" / "acta.docx", [["a"]])
    b = make_docx((tmp_path / "b").mkdir() or tmp_path / "b" / "acta.docx", [["b"]])
    with pytest.raises(ConversionError, match="darían el mismo PDF"):
        converter.convert([a, b], outdir=tmp_path / "pdf")
    assert converter.convert([]) == []


@pytest.mark.libreoffice
def test_documents_soffice_silently_skipped_are_converted_by_the_next_start(tmp_path, profiles):
    """LibreOffice 7.4 ignores the files after about its 250th argument and exits 0: those
    documents are not failures, they go to a new start."""
    limited = write_script(
        tmp_path / "soffice-limitado",
        "#!/bin/sh\n"
        "# Pass every option but only the first two .docx files to the real soffice.\n"
        "count=0; for arg in \"$@\"; do shift; case \"$arg\" in\n"
        "  *.docx) count=$((count+1)); [ $count -le 2 ] && set -- \"$@\" \"$arg\";;\n"
        "  *) set -- \"$@\" \"$arg\";;\n"
        f"esac; done\nexec {REAL_SOFFICE} \"$@\"\n",
    )
    sources = [make_docx(tmp_path / f"acta{i}.docx", [[f"Acta número {i}"]]) for i in range(5)]
    results = PdfConverter(settings(soffice=str(limited)), profile_root=profiles).convert(sources)
    assert [r.error for r in results] == [None] * 5
    assert [pdf_text(r.pdf)[1].strip() for r in results] == [f"Acta número {i}" for i in range(5)]


# --- how documents are shared among the workers -----------------------------------------


def _plan(expected: int, workers: int, limit: int) -> list[list[int]]:
    """Chunks each worker takes when they take turns, as planned_chunk decides."""
    chunks: list[list[int]] = [[] for _ in range(workers)]
    taken = 0
    while taken < expected:
        for worker in chunks:
            size = scheduler.planned_chunk(expected, workers, sum(worker), taken, limit)
            if size:
                worker.append(size)
                taken += size
    return chunks


def test_a_known_batch_is_split_evenly_among_workers_in_equal_starts():
    """1,000 actas on 2 cores with at most 200 per start: 3 starts of ~167 each per worker,
    not 200+200+200 against 200+200 (one core idle for a whole start at the end)."""
    assert _plan(1000, 2, 200) == [[167, 167, 166], [167, 167, 166]]
    assert _plan(10, 2, 2) == [[2, 2, 1], [2, 2, 1]]
    assert _plan(7, 3, 200) == [[3], [3], [1]]
    assert scheduler.planned_chunk(10, 2, mine=5, taken=8, limit=2) == 0  # had its share


@needs_soffice
def test_more_documents_than_announced_still_get_converted(tmp_path, profiles):
    sources = [make_docx(tmp_path / f"doc{number}.docx", [[f"Documento {number}"]]) for number in range(5)]
    converter = PdfConverter(settings(workers=2), profile_root=profiles)
    with converter.stream(expected=2) as stream:
        for source in sources:
            stream.submit(source)
        results = stream.close()
    assert [r.error for r in results] == [None] * 5
    assert [pdf_text(r.pdf)[1].strip() for r in results] == [f"Documento {n}" for n in range(5)]
