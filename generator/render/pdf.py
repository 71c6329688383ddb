"""Turn .docx files into PDF with LibreOffice running headless, as a component of its own.

Design:

* Inputs are split into at most ``settings.workers`` batches; each batch runs in a thread
  that starts one ``soffice --convert-to`` process for many files at a time (a start costs
  about a second, a small document a fraction of that).
* Every soffice start gets a private, throwaway user profile (so runs never share or
  corrupt the user's own LibreOffice profile, and never hand work to a running instance),
  pre-seeded with ``registrymodifications.xcu``: macros disabled, links never updated on
  load, VBA not imported, untrusted external links blocked.
* Inputs are copied into a private folder under neutral names (``0000.docx``, ...): two
  inputs with the same name cannot overwrite each other's PDF, odd characters in file
  names never reach the command line, and LibreOffice's lock files stay out of the
  user's folders. The docx import filter is forced, so a damaged .docx fails instead of
  being "converted" as plain text.
* soffice converts a batch in order. Each document has ``settings.timeout`` seconds,
  counted from the previous document's end (a PDF or an error line appearing). When a
  document exceeds it, the whole process group is killed, that document is reported as
  timed out, and a fresh soffice with a fresh profile converts the rest of the batch.
* PDFs are written into the private folder and then moved atomically beside the .docx
  (or into ``outdir``): a half-written PDF is never visible at the destination. A document
  submitted with a ``finish`` step (signature fields) has its PDF finished in the private
  folder, by the worker that converted it, before the move.
* A missing, disabled or failing LibreOffice never raises: every result says why, in
  Spanish, naming the file, and the .docx is still delivered by the caller.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence
from xml.sax.saxutils import quoteattr

from ..config import PdfSettings
from ..errors import ConversionError
from ..fsutil import atomic_output
from ..scratch import run_folder

DOCX_IMPORT_FILTER = "MS Word 2007 XML"
PDF_EXPORT_FILTER = "writer_pdf_Export"
# LibreOffice >= 7.4 takes export options as JSON after the filter name.
PDFA2_FILTER_OPTIONS = '{"SelectPdfVersion":{"type":"long","value":"2"}}'

# Documents per soffice start: each start costs about a second, so batches are large, but
# LibreOffice 7.4 silently ignores the files after about the 250th argument, and Windows caps
# a command line at 32,767 characters.
MAX_DOCS_PER_START = 100 if os.name == "nt" else 200
# Starts in a row that convert nothing (hang or crash) before the rest of a batch is given up.
MAX_STARTS_WITHOUT_PROGRESS = 3
_POLL_SECONDS = 0.1
_STDERR_TAIL_LINES = 5
_STDERR_NOISE = ("failed to launch javaldx",)

_SOFFICE_FLAGS = (
    "--headless",
    "--invisible",
    "--norestore",
    "--nologo",
    "--nodefault",
    "--nolockcheck",
    "--nofirststartwizard",
)

# (configuration path, property, value) seeded into every throwaway profile. Paths, names
# and types checked against the schema LibreOffice 7.4 ships (share/registry/main.xcd);
# soffice drops keys that are not in its schema when it rewrites the file on exit, and
# keeps these.
PROFILE_SETTINGS: tuple[tuple[str, str, str], ...] = (
    # 3 = "very high": only macros from trusted locations, and there are none.
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    # Do not fetch external resources linked from untrusted documents.
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    # Writer's link update mode (sw UpdateLinks): 0 = never (1 on request, 2 always).
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),
    # Calc's (sc ScLkUpdMode): 0 always, 1 = never, 2 on request.
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "1"),
    # Do not import VBA code from Office files at all, let alone make it executable.
    ("/org.openoffice.Office.Writer/Filter/Import/VBA", "Load", "false"),
    ("/org.openoffice.Office.Writer/Filter/Import/VBA", "Executable", "false"),
    ("/org.openoffice.Office.Calc/Filter/Import/VBA", "Load", "false"),
    ("/org.openoffice.Office.Calc/Filter/Import/VBA", "Executable", "false"),
)
_PDF_EXPORT_PATH = "/org.openoffice.Office.Common/Filter/PDF/Export"

_INSTALL_COMMAND = (
    "apt-get install -y --no-install-recommends libreoffice-writer-nogui "
    "fonts-liberation fonts-crosextra-carlito && fc-cache -f"
)
_DOWNLOAD_URL = "https://es.libreoffice.org/descarga/"


@dataclass(frozen=True)
class ConversionResult:
    source: Path
    pdf: Path | None
    error: str | None


# --- finding LibreOffice -------------------------------------------------------------


def _usual_locations(
    *, windows: bool | None = None, environ: Mapping[str, str] | None = None
) -> list[Path]:
    """Where installers put soffice when it is not on PATH, most likely first."""
    windows = os.name == "nt" if windows is None else windows
    environ = os.environ if environ is None else environ
    locations: list[Path] = []
    if windows:
        roots = [environ.get(name) for name in ("PROGRAMFILES", "PROGRAMW6432", "PROGRAMFILES(X86)")]
        roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
        for root in roots:
            if root:
                candidate = Path(root) / "LibreOffice" / "program" / "soffice.exe"
                if candidate not in locations:
                    locations.append(candidate)
    locations.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    # /opt/libreoffice7.6 before /opt/libreoffice7.4: the newest first.
    locations += [Path(p) for p in sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True)]
    return locations


def _is_program(path: Path) -> bool:
    return path.is_file() and (os.name == "nt" or os.access(path, os.X_OK))


def find_soffice(configured: str = "") -> str | None:
    """The soffice to run: ``configured`` if it exists, else on PATH, else the usual places."""
    if configured:
        candidate = Path(configured).expanduser()
        if _is_program(candidate):
            return str(candidate)
        found = shutil.which(configured)
        if found:
            return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _usual_locations():
        if _is_program(candidate):
            return str(candidate)
    return None


def _install_help(system: str, is_root: bool) -> str:
    configure = (
        "o indique en cddgen.toml, clave «soffice» de la sección [pdf], la ruta completa del programa"
    )
    if system == "win32":
        return (
            f"Instale LibreOffice desde {_DOWNLOAD_URL} (cddgen lo encuentra solo en su carpeta "
            rf"habitual, C:\Program Files\LibreOffice) {configure} soffice.exe, por ejemplo "
            r"soffice = 'C:\Program Files\LibreOffice\program\soffice.exe'."
        )
    if system == "darwin":
        return (
            f"Instale LibreOffice desde {_DOWNLOAD_URL} (cddgen lo encuentra solo en "
            f"/Applications/LibreOffice.app) {configure} soffice."
        )
    if is_root:
        how = f"En Debian o Ubuntu ejecute como root: {_INSTALL_COMMAND}"
    else:
        how = (
            "En Debian o Ubuntu pida a un administrador que ejecute: "
            f"sudo sh -c '{_INSTALL_COMMAND}'"
        )
    return f"Instale LibreOffice para obtener los PDF. {how} ({configure} soffice)."


def missing_soffice_help() -> str:
    """What to install, in Spanish, for the system cddgen runs on."""
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    return _install_help(sys.platform, is_root)


# --- messages ------------------------------------------------------------------------


def _seconds(value: float) -> str:
    text = f"{value:g}".replace(".", ",")
    return f"{text} segundo" if value == 1 else f"{text} segundos"


_DOCX_ONLY = "se entrega solo el .docx"


def _msg_disabled(source: Path) -> str:
    return (
        f"{source.name}: no se generó el PDF porque la conversión a PDF está desactivada "
        f"(activar = false en la sección [pdf] de cddgen.toml); {_DOCX_ONLY}."
    )


def _msg_missing(source: Path, configured: str) -> str:
    where = f" (la ruta configurada «{configured}» no existe)" if configured else ""
    return (
        f"{source.name}: no se generó el PDF porque no se encontró LibreOffice{where}; "
        f"{_DOCX_ONLY}. {missing_soffice_help()}"
    )


def _msg_timeout(source: Path, timeout: float) -> str:
    return (
        f"{source.name}: LibreOffice no terminó de convertirlo a PDF en {_seconds(timeout)} "
        f"y se detuvo; {_DOCX_ONLY}. Abra el documento en Word para revisar imágenes muy "
        f"grandes o contenido dañado, o aumente tiempo_limite en la sección [pdf] de cddgen.toml."
    )


def _msg_failed(source: Path, returncode: int | None, stderr_tail: str) -> str:
    if returncode is not None and returncode < 0:
        how = " (LibreOffice se cerró inesperadamente)"
    elif returncode:
        how = f" (LibreOffice terminó con el código {returncode})"
    else:
        how = ""
    text = (
        f"{source.name}: LibreOffice no pudo convertirlo a PDF{how}; {_DOCX_ONLY}. "
        f"Abra el documento en Word para comprobar que no esté dañado."
    )
    if stderr_tail:
        text += f" Mensajes de LibreOffice: {stderr_tail}"
    return text


def _msg_start_failed(source: Path, soffice: str, exc: OSError) -> str:
    return (
        f"{source.name}: no se pudo iniciar LibreOffice («{soffice}»: {exc.strerror or exc}); "
        f"{_DOCX_ONLY}. {missing_soffice_help()}"
    )


def _msg_given_up(source: Path) -> str:
    return (
        f"{source.name}: no se intentó convertirlo a PDF porque LibreOffice dejó de responder "
        f"{MAX_STARTS_WITHOUT_PROGRESS} veces seguidas; {_DOCX_ONLY}."
    )


def _msg_unreadable(source: Path, exc: OSError) -> str:
    return f"{source.name}: no se pudo leer el .docx para convertirlo ({exc.strerror or exc}); {_DOCX_ONLY}."


def _msg_not_saved(source: Path, target: Path, exc: OSError) -> str:
    return (
        f"{source.name}: el PDF se generó pero no se pudo guardar en «{target}» "
        f"({exc.strerror or exc}); {_DOCX_ONLY}. Compruebe que la carpeta exista y que el PDF "
        f"no esté abierto en otro programa."
    )


# --- profile and process handling ----------------------------------------------------


def profile_xcu(*, pdfa: bool) -> str:
    """The registrymodifications.xcu written into every throwaway profile."""
    settings = PROFILE_SETTINGS + ((_PDF_EXPORT_PATH, "SelectPdfVersion", "2" if pdfa else "0"),)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry"'
        ' xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    ]
    for path, name, value in settings:
        lines.append(
            f"<item oor:path={quoteattr(path)}><prop oor:name={quoteattr(name)} oor:op=\"fuse\">"
            f"<value>{value}</value></prop></item>"
        )
    lines.append("</oor:items>")
    return "\n".join(lines) + "\n"


def _new_profile(workdir: Path, pdfa: bool) -> Path:
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=workdir))
    user = profile / "user"
    user.mkdir()
    (user / "registrymodifications.xcu").write_text(profile_xcu(pdfa=pdfa), encoding="utf-8")
    return profile


def _popen_options() -> dict:
    if os.name == "nt":
        flags = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(subprocess, "CREATE_NO_WINDOW", 0)
        return {"creationflags": flags}
    return {"start_new_session": True}


def _kill_tree(proc: subprocess.Popen) -> None:
    """Kill soffice and everything it started (oosplash, soffice.bin), then reap it."""
    if os.name == "nt":
        if proc.poll() is None:
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(proc.pid)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
                check=False,
            )
            if proc.poll() is None:
                proc.kill()
    else:
        # The group outlives its leader while any member lives, and Linux does not reuse
        # its id meanwhile, so this also reaches stragglers after a normal exit.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:  # pragma: no cover - a process SIGKILL cannot stop
        pass


def _pdf_complete(path: Path) -> bool:
    """True when the PDF was written to its end (a killed writer leaves no %%EOF)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            handle.seek(max(0, size - 1024))
            return b"%%EOF" in handle.read()
    except OSError:
        return False


class _Cancelled(Exception):
    """The caller is going away (an exception in the main thread); stop converting."""


# A last step on a converted PDF before it is delivered: called with the PDF (in the private
# folder) and the path it is delivered to; it may rewrite the PDF in place.
Finish = Callable[[Path, Path], None]


@dataclass
class _Job:
    index: int
    source: Path
    target: Path
    finish: Finish | None = None


class _Run:
    """One soffice start over a list of jobs, in its own folder."""

    def __init__(self, rundir: Path) -> None:
        self.rundir = rundir
        self.indir = rundir / "in"
        self.outdir = rundir / "out"
        self.stderr_path = rundir / "stderr.txt"
        self.stdout_path = rundir / "stdout.txt"
        self.indir.mkdir()
        self.outdir.mkdir()
        self._stderr_size = -1
        self._stderr_errors = 0
        self.finished: set[int] = set()  # positions whose PDF had its ``finish`` step

    def copy_name(self, position: int) -> str:
        return f"{position:04d}"

    def pdf_of(self, position: int) -> Path:
        return self.outdir / f"{self.copy_name(position)}.pdf"

    def positions_with_pdf(self) -> list[int]:
        found = []
        for entry in os.scandir(self.outdir):
            stem, dot, ext = entry.name.partition(".")
            if ext == "pdf" and stem.isdigit():
                found.append(int(stem))
        return sorted(found)

    def stderr_errors(self) -> int:
        """Lines soffice wrote to stderr starting with "Error:", one per failed document."""
        try:
            size = self.stderr_path.stat().st_size
        except OSError:
            return 0
        if size != self._stderr_size:
            self._stderr_size = size
            text = self.stderr_path.read_text(encoding="utf-8", errors="replace")
            self._stderr_errors = sum(1 for line in text.splitlines() if line.startswith("Error"))
        return self._stderr_errors

    def events(self) -> int:
        """Documents soffice is done with, or has started writing: progress for the timeout."""
        return len(self.positions_with_pdf()) + self.stderr_errors()

    def stderr_tail(self) -> str:
        try:
            text = self.stderr_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        lines = [
            line.strip()
            for line in text.splitlines()
            if line.strip() and not any(noise in line for noise in _STDERR_NOISE)
        ]
        return " | ".join(lines[-_STDERR_TAIL_LINES:])


def _make_job(index: int, source: Path, outdir: Path | None, target: Path | None = None,
              finish: Finish | None = None) -> _Job:
    if source.suffix.lower() != ".docx":
        raise ConversionError(f"«{source}» no es un archivo .docx.", file=source)
    if not source.is_file():
        raise ConversionError(f"«{source}» no existe o no es un archivo.", file=source)
    if target is None:
        folder = Path(outdir) if outdir is not None else source.parent
        target = folder / f"{source.stem}.pdf"
    return _Job(index, source, target, finish)


# --- the converter -------------------------------------------------------------------


class PdfConverter:
    """Converts .docx files to PDF with LibreOffice; see the module docstring."""

    def __init__(self, settings: PdfSettings, *, profile_root: Path | None = None):
        self.settings = settings
        self.profile_root = Path(profile_root) if profile_root is not None else None

    def soffice(self) -> str | None:
        """The soffice that convert() would run; None when PDF is disabled or it is missing."""
        return find_soffice(self.settings.soffice) if self.settings.enabled else None

    def available(self) -> bool:
        return self.soffice() is not None

    def convert(
        self, docx_paths: Sequence[Path], *, outdir: Path | None = None
    ) -> list[ConversionResult]:
        """One result per input, in input order; PDFs beside each .docx unless ``outdir``."""
        jobs = self._jobs(docx_paths, outdir)
        with self.stream() as stream:
            for job in jobs:
                stream.submit(job.source, target=job.target)
            return stream.close()

    def stream(self, *, outdir: Path | None = None, expected: int | None = None) -> "ConversionStream":
        """A stream to hand documents over while they are still being rendered; ``expected``
        (how many will come) lets each soffice start take an even share."""
        return ConversionStream(self, outdir=outdir, expected=expected)

    # -- inputs

    def _jobs(self, docx_paths: Sequence[Path], outdir: Path | None) -> list[_Job]:
        if isinstance(docx_paths, (str, Path)):
            raise ConversionError("Se esperaba una lista de archivos .docx, no un solo archivo.")
        jobs: list[_Job] = []
        seen: dict[str, Path] = {}
        for index, raw in enumerate(docx_paths):
            job = _make_job(index, Path(raw), outdir)
            key = os.path.normcase(os.path.abspath(job.target))
            if key in seen:
                raise ConversionError(
                    f"«{seen[key]}» y «{job.source}» darían el mismo PDF «{job.target}».",
                    fix="Convierta cada uno por separado o cambie el nombre de uno de ellos.",
                )
            seen[key] = job.source
            jobs.append(job)
        return jobs

    def _run_soffice(
        self,
        soffice: str,
        profile: Path,
        workdir: Path,
        chunk: list[_Job],
        stop: threading.Event,
    ) -> tuple[dict[int, ConversionResult], list[_Job], bool, bool]:
        """Convert ``chunk`` with one soffice start.

        Returns (finished results, jobs to retry in a fresh soffice, whether soffice got
        through at least one document, whether it ended normally).
        """
        done: dict[int, ConversionResult] = {}
        run = _Run(Path(tempfile.mkdtemp(prefix="run-", dir=workdir)))
        try:
            staged: list[tuple[int, _Job]] = []
            for job in chunk:
                position = len(staged)
                try:
                    shutil.copyfile(job.source, run.indir / f"{run.copy_name(position)}.docx")
                except OSError as exc:
                    done[job.index] = ConversionResult(job.source, None, _msg_unreadable(job.source, exc))
                    continue
                staged.append((position, job))
            if not staged:
                return done, [], True, True

            convert_to = f"pdf:{PDF_EXPORT_FILTER}"
            if self.settings.pdfa:
                convert_to += f":{PDFA2_FILTER_OPTIONS}"
            args = [
                soffice,
                *_SOFFICE_FLAGS,
                f"-env:UserInstallation={profile.resolve().as_uri()}",
                f"--infilter={DOCX_IMPORT_FILTER}",
                "--convert-to",
                convert_to,
                "--outdir",
                str(run.outdir.resolve()),
                *[str((run.indir / f"{run.copy_name(p)}.docx").resolve()) for p, _ in staged],
            ]
            try:
                returncode, timed_out = self._execute(args, run, stop,
                                                      lambda: self._finish_written(run, staged))
            except OSError as exc:  # not a program, no permission, missing library loader...
                for _, job in staged:
                    reason = _msg_start_failed(job.source, soffice, exc)
                    done[job.index] = ConversionResult(job.source, None, reason)
                return done, [], False, False

            # Which document stopped soffice, if any: soffice works in order, so it is the
            # one whose PDF is half written, else the one after the last it got through.
            with_pdf = run.positions_with_pdf()
            culprit: int | None = None
            finished_all = not timed_out and returncode == 0
            if not finished_all:
                last = with_pdf[-1] if with_pdf else -1
                if last >= 0 and not _pdf_complete(run.pdf_of(last)):
                    culprit = last
                else:
                    culprit = max(run.events(), last + 1)
                if culprit >= len(staged):
                    culprit = None  # it stopped after the last document: nothing to retry
            tail = run.stderr_tail()
            # The exit code speaks for the run only when soffice got through every document.
            others_code = returncode if culprit is None and not timed_out else None

            # A clean exit that left the last documents without PDF nor error did not get to them
            # (LibreOffice drops arguments beyond its limit): they go to the next start.
            untouched = len(staged)
            if finished_all and run.stderr_errors() == 0:
                untouched = (with_pdf[-1] + 1) if with_pdf else 0
            retry: list[_Job] = []
            for position, job in staged:
                if culprit is not None and position > culprit or culprit is None and position >= untouched:
                    retry.append(job)
                elif culprit is not None and position == culprit:
                    reason = (
                        _msg_timeout(job.source, self.settings.timeout)
                        if timed_out
                        else _msg_failed(job.source, returncode, tail)
                    )
                    done[job.index] = ConversionResult(job.source, None, reason)
                elif _pdf_complete(run.pdf_of(position)):
                    done[job.index] = self._deliver(job, run.pdf_of(position), run, position)
                else:
                    reason = _msg_failed(job.source, others_code, tail)
                    done[job.index] = ConversionResult(job.source, None, reason)
            progressed = (culprit is None or culprit > 0) and untouched > 0
            return done, retry, progressed, finished_all
        finally:
            shutil.rmtree(run.rundir, ignore_errors=True)

    def _execute(self, args: list[str], run: _Run, stop: threading.Event,
                 on_progress: Callable[[], None] | None = None) -> tuple[int | None, bool]:
        """Run soffice until it exits or a document exceeds its time: (returncode, timed_out).
        ``on_progress`` is called each time soffice is done with another document.

        Raises OSError when soffice cannot be started.
        """
        with open(run.stdout_path, "wb") as out, open(run.stderr_path, "wb") as err:
            proc = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=out, stderr=err, **_popen_options()
            )
            try:
                deadline = time.monotonic() + self.settings.timeout
                seen = 0
                while True:
                    try:
                        returncode = proc.wait(timeout=_POLL_SECONDS)
                        return returncode, False
                    except subprocess.TimeoutExpired:
                        pass
                    if stop.is_set():
                        raise _Cancelled
                    events = run.events()
                    if events != seen:
                        seen = events
                        if on_progress is not None:
                            on_progress()
                        deadline = time.monotonic() + self.settings.timeout
                    elif time.monotonic() > deadline:
                        _kill_tree(proc)
                        return proc.returncode, True
            finally:
                # Also on _Cancelled, KeyboardInterrupt or a bug above: never leave soffice behind.
                _kill_tree(proc)

    @staticmethod
    def _finish_written(run: _Run, staged: Sequence[tuple[int, _Job]]) -> None:
        """Finish the PDFs soffice is done with while it converts the next ones (soffice works
        in order: a PDF is done once a later one exists), so that the finishing steps do not
        all wait for the end of the start."""
        written = run.positions_with_pdf()
        last = written[-1] if written else -1
        for position, job in staged:
            if position >= last:
                break
            if job.finish is not None and position not in run.finished and _pdf_complete(run.pdf_of(position)):
                job.finish(run.pdf_of(position), job.target)
                run.finished.add(position)

    def _deliver(self, job: _Job, produced: Path, run: _Run | None = None, position: int = -1) -> ConversionResult:
        if job.finish is not None and (run is None or position not in run.finished):
            job.finish(produced, job.target)
        try:
            with atomic_output(job.target) as temp:
                shutil.move(produced, temp)
        except OSError as exc:
            return ConversionResult(job.source, None, _msg_not_saved(job.source, job.target, exc))
        return ConversionResult(job.source, job.target, None)


# --- streaming -----------------------------------------------------------------------


def planned_chunk(expected: int, workers: int, mine: int, taken: int, limit: int | None = None) -> int:
    """How many documents a worker that has taken ``mine`` of ``expected`` (``taken`` by all
    workers) converts in its next soffice start: every worker gets the same share, in as
    few equal starts of at most ``limit`` as possible, so that all finish together (an uneven
    split leaves one core idle while another converts a whole last chunk). 0 once this
    worker has had its share."""
    limit = limit or MAX_DOCS_PER_START
    left = min(-(-expected // workers) - mine, expected - taken)
    if left <= 0:
        return 0
    starts = -(-left // limit)
    return -(-left // starts)


class ConversionStream:
    """Converts documents handed over one by one, while the caller is still rendering more.

    ``settings.workers`` threads each run one soffice at a time. A free worker takes what is
    waiting: while documents are still coming it waits for at least ``MIN_CHUNK`` of them
    (a soffice start costs about as much as converting several documents), then takes all
    that are waiting, so chunks grow as rendering runs ahead of conversion and a batch of a
    thousand documents needs only a few starts per worker; once the stream is closed, the
    rest is shared evenly among the free workers. When the caller says how many documents
    will come, each worker gets the same share of them, in as few equal starts of at most
    ``MAX_DOCS_PER_START`` as possible, so all workers finish together.
    Each worker keeps its throwaway profile
    between starts (a fresh one after a kill). Use as a context manager: leaving the block
    by an exception stops every soffice at once.
    """

    MIN_CHUNK = 12

    def __init__(self, converter: PdfConverter, *, outdir: Path | None = None, expected: int | None = None) -> None:
        self._converter = converter
        self._expected = expected
        self._taken = 0
        self._settings = converter.settings
        self._outdir = outdir
        self._queue: deque[_Job] = deque()
        self._results: dict[int, ConversionResult] = {}
        self._sources: list[Path] = []
        self._count = 0
        self._closed = False
        self._idle = 0
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._running = 0
        self._problem: str | None = None
        if not self._settings.enabled:
            self._problem = "disabled"
        else:
            self._soffice = find_soffice(self._settings.soffice)
            if self._soffice is None:
                self._problem = "missing"
        if self._problem is None:
            workers = self._settings.workers if self._settings.workers > 0 else (os.cpu_count() or 1)
            self._running = workers
            for number in range(workers):
                thread = threading.Thread(target=self._work, name=f"cddgen-pdf-{number}", daemon=True)
                self._threads.append(thread)
                thread.start()

    def __enter__(self) -> "ConversionStream":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self._stop.set()
        self._finish()

    def _finish(self) -> None:
        """Close and wait for every worker (and so every soffice) to end.

        Waiting on a condition rather than Thread.join: a join interrupted by Ctrl-C may
        afterwards report a thread as finished while it is still killing its soffice.
        """
        with self._cond:
            self._closed = True
            self._cond.notify_all()
            while self._running:
                self._cond.wait(timeout=_POLL_SECONDS)

    def submit(self, docx_path: Path, *, target: Path | None = None, finish: Finish | None = None) -> None:
        """Queue ``docx_path``; its PDF goes to ``target`` (default: beside it, or in outdir),
        after ``finish(pdf, target)`` when given (it must not raise: see ``Finish``)."""
        with self._cond:
            if self._closed:
                raise ConversionError("La conversión ya se cerró; no se pueden agregar documentos.")
            job = _make_job(self._count, Path(docx_path), self._outdir, target, finish)
            self._count += 1
            self._sources.append(job.source)
            if self._problem == "disabled":
                self._results[job.index] = ConversionResult(job.source, None, _msg_disabled(job.source))
            elif self._problem == "missing":
                reason = _msg_missing(job.source, self._settings.soffice)
                self._results[job.index] = ConversionResult(job.source, None, reason)
            else:
                self._queue.append(job)
                self._cond.notify_all()

    def close(self) -> list[ConversionResult]:
        """Wait for every document; one result per submitted document, in submission order."""
        self._finish()
        return [
            self._results.get(index)
            or ConversionResult(source, None, f"{source.name}: error interno al convertirlo a PDF; {_DOCX_ONLY}.")
            for index, source in enumerate(self._sources)
        ]

    # -- workers

    def _planned_chunk(self, mine: int) -> int:
        return planned_chunk(self._expected, len(self._threads), mine, self._taken)

    def _take(self, mine: int = 0) -> list[_Job] | None:
        """The next chunk for a free worker that has taken ``mine`` documents so far, or None
        when the stream is closed and drained."""
        with self._cond:
            self._idle += 1
            try:
                while True:
                    if self._stop.is_set():
                        raise _Cancelled
                    waiting = len(self._queue)
                    if self._closed and not waiting:
                        return None
                    planned = self._planned_chunk(mine) if self._expected is not None else 0
                    if planned:
                        if waiting < planned and not self._closed:
                            self._cond.wait(timeout=_POLL_SECONDS)
                            continue
                        size = min(planned, waiting)
                    elif self._closed:
                        # A worker past its share helps a slower one with half of what is left,
                        # not all of it; without a plan, what waits goes to the free workers.
                        sharers = len(self._threads) if self._expected is not None else max(1, self._idle)
                        size = min(MAX_DOCS_PER_START, -(-waiting // sharers))
                    elif waiting >= self.MIN_CHUNK:
                        size = min(MAX_DOCS_PER_START, waiting)
                    else:
                        self._cond.wait(timeout=_POLL_SECONDS)
                        continue
                    self._taken += size
                    return [self._queue.popleft() for _ in range(size)]
            finally:
                self._idle -= 1

    def _record(self, results: dict[int, ConversionResult]) -> None:
        with self._cond:
            self._results.update(results)

    def _work(self) -> None:
        workdir: Path | None = None
        try:
            root = self._converter.profile_root
            if root is not None:
                root.mkdir(parents=True, exist_ok=True)
            else:  # this process's temporary folder, removed at exit (or by the next run if killed)
                root = run_folder(None)
            workdir = Path(tempfile.mkdtemp(prefix="cddgen-pdf-", dir=root))
            profile: Path | None = None
            idle_starts = 0
            retry: list[_Job] = []
            taken = 0
            while True:
                chunk = retry or self._take(taken)
                if chunk is None:
                    break
                if not retry:
                    taken += len(chunk)
                if idle_starts >= MAX_STARTS_WITHOUT_PROGRESS:
                    # This soffice keeps stopping on the first document of what is left.
                    self._record({job.index: ConversionResult(job.source, None, _msg_given_up(job.source))
                                  for job in chunk})
                    retry, idle_starts = [], 0
                    continue
                if profile is None:
                    profile = _new_profile(workdir, self._settings.pdfa)
                done, retry, progressed, healthy = self._converter._run_soffice(
                    self._soffice, profile, workdir, chunk, self._stop
                )
                self._record(done)
                idle_starts = 0 if progressed else idle_starts + 1
                if not healthy:
                    # A killed or crashed soffice may leave its profile half written.
                    shutil.rmtree(profile, ignore_errors=True)
                    profile = None
        except _Cancelled:
            return
        finally:
            if workdir is not None:
                shutil.rmtree(workdir, ignore_errors=True)
            with self._cond:
                self._running -= 1
                self._cond.notify_all()
