"""LibreOffice as a process: finding soffice, its throwaway profile, starting and killing it,
and the private folder one start converts in (see the package docstring)."""

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
from pathlib import Path
from typing import Callable, Mapping
from xml.sax.saxutils import quoteattr

DOCX_IMPORT_FILTER = "MS Word 2007 XML"
PDF_EXPORT_FILTER = "writer_pdf_Export"
# LibreOffice >= 7.4 takes export options as JSON after the filter name.
PDFA2_FILTER_OPTIONS = '{"SelectPdfVersion":{"type":"long","value":"2"}}'

# Documents per soffice start: each start costs about a second, so batches are large, but
# LibreOffice 7.4 silently ignores the files after about the 250th argument, and Windows caps
# a command line at 32,767 characters.
MAX_DOCS_PER_START = 100 if os.name == "nt" else 200
POLL_SECONDS = 0.1
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


def new_profile(workdir: Path, pdfa: bool) -> Path:
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


def pdf_complete(path: Path) -> bool:
    """True when the PDF was written to its end (a killed writer leaves no %%EOF)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            handle.seek(max(0, size - 1024))
            return b"%%EOF" in handle.read()
    except OSError:
        return False


class Cancelled(Exception):
    """The caller is going away (an exception in the main thread); stop converting."""



class SofficeRun:
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


def command(soffice: str, profile: Path, run: SofficeRun, positions: list[int], *, pdfa: bool) -> list[str]:
    """The soffice command line that converts the copies at ``positions`` of ``run`` with ``profile``."""
    convert_to = f"pdf:{PDF_EXPORT_FILTER}"
    if pdfa:
        convert_to += f":{PDFA2_FILTER_OPTIONS}"
    return [
        soffice,
        *_SOFFICE_FLAGS,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        f"--infilter={DOCX_IMPORT_FILTER}",
        "--convert-to",
        convert_to,
        "--outdir",
        str(run.outdir.resolve()),
        *[str((run.indir / f"{run.copy_name(p)}.docx").resolve()) for p in positions],
    ]


def execute(args: list[str], run: SofficeRun, stop: threading.Event, timeout: float,
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
            deadline = time.monotonic() + timeout
            seen = 0
            while True:
                try:
                    returncode = proc.wait(timeout=POLL_SECONDS)
                    return returncode, False
                except subprocess.TimeoutExpired:
                    pass
                if stop.is_set():
                    raise Cancelled
                events = run.events()
                if events != seen:
                    seen = events
                    if on_progress is not None:
                        on_progress()
                    deadline = time.monotonic() + timeout
                elif time.monotonic() > deadline:
                    _kill_tree(proc)
                    return proc.returncode, True
        finally:
            # Also on Cancelled, KeyboardInterrupt or a bug above: never leave soffice behind.
            _kill_tree(proc)
