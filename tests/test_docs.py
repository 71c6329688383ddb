"""Every command has Spanish help and appears in the README (STYLE.md practice 12)."""

from __future__ import annotations

import click

from generator.cli import cli

from .conftest import REPO, make_installation


def commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            yield from commands(command, path + " ")
        else:
            yield path, command


def test_every_command_is_documented():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path, command in commands(cli):
        assert command.help, f"cddgen {path} has no help text"
        assert f"cddgen {path}" in readme, f"cddgen {path} is not in the README"


def test_readme_starts_with_the_two_setup_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0].split()
    assert first_block == ["make", "demo", "make", "test"]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_click_speaks_spanish():
    from click.testing import CliRunner

    runner = CliRunner()
    result = runner.invoke(cli, ["render", "acta-instalacion", "--help"], prog_name="cddgen")
    assert result.output.startswith("Uso: cddgen render acta-instalacion [OPCIONES] FORMULARIO")
    assert "Muestra esta ayuda y termina." in result.output
    result = runner.invoke(cli, ["render", "acta-instalacion"], prog_name="cddgen")
    assert result.exit_code == 2
    assert "Error: Falta el argumento 'FORMULARIO'." in result.output
    result = runner.invoke(cli, ["inexistente"])
    assert "No existe el comando 'inexistente'." in result.output


def test_numbers_are_listed_and_annulled_from_the_command_line(tmp_path, example):
    import os

    from click.testing import CliRunner

    make_installation(tmp_path)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        runner = CliRunner()
        env = {"CDDGEN_HOY": "2026-11-22"}
        form = str(example("comite.xlsx"))
        assert runner.invoke(cli, ["render", "acta-instalacion", "--sin-pdf", form], env=env).exit_code == 0
        listed = runner.invoke(cli, ["numeracion", "listar"], env=env)
        assert "ACTA N° 001-2026-CE-UGEL02  [emitido]  ACTA N° 001-2026-CE-UGEL02.docx" in listed.output
        annulled = runner.invoke(cli, ["numeracion", "anular", "ACTA N° 001-2026-CE-UGEL02", "--motivo", "Error"])
        assert annulled.exit_code == 0
        assert "Anulado: ACTA N° 001-2026-CE-UGEL02 (Error (archivos en anulados/2026/))." in annulled.output
        assert (tmp_path / "outbox" / "anulados" / "2026" / "ACTA N° 001-2026-CE-UGEL02.docx").exists()
        assert not (tmp_path / "outbox" / "2026" / "acta-instalacion" / "ACTA N° 001-2026-CE-UGEL02.docx").exists()
        again = runner.invoke(cli, ["render", "acta-instalacion", "--sin-pdf", form], env=env)
        assert "ACTA N° 002-2026-CE-UGEL02" in again.output
        unknown = runner.invoke(cli, ["numeracion", "anular", "ACTA N° 999", "--motivo", "x"])
        assert unknown.exit_code == 1 and "no figura en el registro de numeración" in unknown.output
    finally:
        os.chdir(old)


def test_every_exit_status_is_in_the_readme():
    """The README's «Códigos de salida» lists exactly the codes of ExitStatus (STYLE.md practice 5)."""
    from generator.errors import ExitStatus

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Códigos de salida", 1)[1].split("\n#", 1)[0]
    codes = [int(line.split("|")[1]) for line in table.splitlines() if line.startswith("| ") and
             line.split("|")[1].strip().isdigit()]
    assert codes == sorted(int(status) for status in ExitStatus)
