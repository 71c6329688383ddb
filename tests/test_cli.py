"""The command line follows click's and the office's conventions (issue 19, item 6): general
options after the command too, Spanish everywhere in help and usage errors, and a «--help» that
does not load the heavy libraries."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import click
from click.testing import CliRunner

from generator.cli import cli

from .conftest import REPO
from .helpers import files_under, run_cli

# What the documents need, never what «--help» needs.
HEAVY_MODULES = ("openpyxl", "pandas", "numpy", "docx", "docxtpl", "jinja2", "pypdf", "matplotlib",
                 "python_calamine", "babel", "num2words", "holidays", "watchdog", "rich", "lxml")
# click's own English (metavars, headings) that must not reach a user.
ENGLISH = re.compile(r"\b(TEXT|INTEGER|FLOAT|PATH|FILENAME|FILE|DIRECTORY|BOOLEAN|UUID|Usage|Options|Commands|"
                     r"Arguments|Show this|default:|required|env var)\b")


def every_command(group: click.Group = cli, prefix: tuple[str, ...] = ()):
    yield prefix
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from every_command(command, (*prefix, name))
        else:
            yield (*prefix, name)


def test_help_leaves_the_heavy_libraries_unimported():
    probe = (
        "import json, sys\n"
        "from generator.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    assert done.stdout.startswith("Uso: cddgen")
    loaded = {name.split(".")[0] for name in json.loads(done.stderr)}
    assert not loaded & set(HEAVY_MODULES), sorted(loaded & set(HEAVY_MODULES))
    # The document pipelines are not even imported: their imports are the heavy ones.
    assert not any(name.startswith(("generator.pipeline.", "generator.render.", "generator.readers."))
                   for name in json.loads(done.stderr))


def test_every_help_is_spanish():
    runner = CliRunner()
    for path in every_command():
        result = runner.invoke(cli, [*path, "--help"], prog_name="cddgen")
        assert result.exit_code == 0, (path, result.output)
        assert result.output.startswith("Uso: cddgen"), path
        found = ENGLISH.findall(result.output)
        assert not found, f"cddgen {' '.join(path)} --help: {found}\n{result.output}"


def test_every_command_accepts_the_general_options_after_its_name():
    for path in every_command():
        if not path or isinstance(cli.commands.get(path[-1]), click.Group):
            continue
        command = cli
        for name in path:
            command = command.commands[name]
        if isinstance(command, click.Group):
            continue
        options = {opt for param in command.params for opt in param.opts}
        assert {"--config", "--outbox", "--fecha", "--depurar"} <= options, path


def test_usage_errors_are_spanish():
    result = CliRunner().invoke(cli, ["numeracion", "listar", "--anio", "dos"], prog_name="cddgen")
    assert result.exit_code == 2
    assert "Valor no válido para '--anio': 'dos' no es un entero válido." in result.output


def test_fecha_and_outbox_after_the_command(tmp_path):
    """`cddgen render acta-instalacion F --outbox D --fecha …`: as if given before the command."""
    form = REPO / "forms" / "ejemplos" / "comite.xlsx"
    result = run_cli(tmp_path, "render", "acta-instalacion", str(form), "--sin-pdf", "--outbox", "salida")
    assert result.exit_code == 0, result.output
    produced = files_under(tmp_path / "salida")
    assert [p.name for p in produced if p.suffix == ".docx"] == ["ACTA N° 001-2026-CE-UGEL02.docx"]
    assert not (tmp_path / "outbox").exists()

    after = run_cli(tmp_path, "config", "--fecha", "2025-03-01")
    assert "Denominación del año hoy (01/03/2025)" in after.output
    # Given on both sides, the one after the command wins.
    both = run_cli(tmp_path, "--fecha", "2024-06-01", "config", "--fecha", "2025-03-01")
    assert "Denominación del año hoy (01/03/2025)" in both.output
    wrong = run_cli(tmp_path, "config", "--fecha", "01/03/2025")
    assert wrong.exit_code == 2 and "--fecha: «01/03/2025» no es una fecha AAAA-MM-DD." in wrong.output


def test_a_command_with_its_own_outbox_keeps_it():
    process = cli.commands["process"]
    outboxes = [param for param in process.params if "--outbox" in param.opts]
    assert len(outboxes) == 1 and outboxes[0].expose_value


def test_make_demo_installs_only_what_the_demo_needs():
    """`make demo` installs cddgen without the test tools; `make test` adds them."""

    def installs(target: str) -> list[str]:
        plan = subprocess.run(["make", "-n", "-B", target], capture_output=True, text=True, cwd=REPO, check=True)
        return [line for line in plan.stdout.splitlines() if "pip install" in line and "--upgrade pip" not in line]

    assert installs("demo") and not any("[test]" in line for line in installs("demo"))
    assert any("'.[test]'" in line for line in installs("test"))


def test_ctrl_c_ends_a_command_with_exit_status_130_and_a_spanish_message(tmp_path):
    """A real SIGINT in the middle of a command: the error boundary says so in Spanish and exits
    with ExitStatus.INTERRUPTED (130, as shells report Ctrl+C), without a traceback."""
    from generator.errors import ExitStatus

    probe = (
        "import os, signal, sys, time\n"
        "from generator.pipeline import families\n"
        "def interrupted(*args, **kwargs):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    time.sleep(30)  # the signal arrives first\n"
        "families.write_blank_forms = interrupted\n"
        "from generator.cli import main\n"
        "main(['forms', '--carpeta', sys.argv[1]])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "formularios")], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert ExitStatus.INTERRUPTED == 130
    assert done.returncode == ExitStatus.INTERRUPTED, done.stderr
    assert done.stderr == "Interrumpido por el usuario.\n"
    assert not (tmp_path / "formularios").exists()
