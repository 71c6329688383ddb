"""One installation owns one registry (issue 14.1): `cddgen init`, finding the installation as
git finds a repository, the user-level pointer, and the refusals that keep a number unique."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.config import load_settings, user_pointer_file
from generator.errors import ConfigError, NumberingError
from generator.render.documents import open_registry

from .conftest import EXAMPLES, REPO, TODAY, make_installation, make_settings
from .helpers import edit_workbook, files_under, run_cli


def committee(folder: Path, number: int) -> Path:
    """A copy of the committee example for another committee (resolution N° ``number``)."""
    target = folder / f"comite-{number}.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((EXAMPLES / "comite.xlsx").read_bytes())
    return edit_workbook(target, {"Sesión": {"B2": f"Resolución Directoral N° {number:05d}-2025-UGEL02"}})


def cddgen(folder: Path, *args: str):
    """`cddgen ARGS` run in ``folder`` exactly as it is (no installation is made for it)."""
    return run_cli(folder, *args, installation=False)


def numbers_in(outbox: Path) -> list[str]:
    return sorted(path.stem.split(" ", 3)[2] for path in files_under(outbox / "2026") if path.suffix == ".docx")


# ---------------------------------------------------------------------------- finding it


def test_the_installation_is_found_in_a_folder_above_and_its_paths_are_relative_to_it(tmp_path):
    make_installation(tmp_path, '[rutas]\nbandeja_salida = "salida"\n')
    deep = tmp_path / "oficina" / "expedientes"
    deep.mkdir(parents=True)
    settings = load_settings(cwd=deep, environ={})
    assert settings.installation.root == tmp_path and settings.installation.found_by == "carpeta"
    assert settings.outbox == tmp_path / "salida"
    assert settings.registry_path == tmp_path / ".cddgen" / "numeracion.sqlite"
    assert settings.scratch_root == tmp_path / ".cddgen" / "tmp"


def test_config_option_and_variable_come_before_the_folder(tmp_path):
    make_installation(tmp_path / "a")
    make_installation(tmp_path / "b", '[institucion]\nsigla = "UGEL07"\n')
    by_option = load_settings(tmp_path / "b" / "cddgen.toml", cwd=tmp_path / "a", environ={})
    by_variable = load_settings(cwd=tmp_path / "a", environ={"CDDGEN_CONFIG": str(tmp_path / "b" / "cddgen.toml")})
    for settings, how in ((by_option, "--config"), (by_variable, "CDDGEN_CONFIG")):
        assert settings.installation.root == tmp_path / "b" and settings.installation.found_by == how
        assert settings.institution.sigla == "UGEL07"
    with pytest.raises(ConfigError, match="No se encontró el archivo de configuración"):
        load_settings(tmp_path / "c" / "cddgen.toml", cwd=tmp_path, environ={})


def test_init_registers_the_installation_for_this_user_and_it_is_found_from_anywhere(tmp_path, user_config_home):
    result = cddgen(tmp_path, "init", "oficina")
    assert result.exit_code == 0, result.output
    root = tmp_path / "oficina"
    pointer = user_pointer_file()
    assert user_config_home in pointer.parents  # the test's own folder, never the real home
    assert "Registrada para este usuario" in result.output
    elsewhere = tmp_path / "otra"
    elsewhere.mkdir()
    settings = load_settings(cwd=elsewhere, environ={})
    assert settings.installation.root == root
    assert settings.installation.found_by == "registrada para este usuario"
    shown = cddgen(elsewhere, "config")
    assert f"Instalación: {root} (registrada para este usuario)" in shown.output
    assert f"Registro de numeración: {root / '.cddgen' / 'numeracion.sqlite'}" in shown.output
    assert f"Bandeja de entrada: {root / 'inbox'}" in shown.output
    assert f"Bandeja de salida: {root / 'outbox'}" in shown.output
    # A second installation does not take over the registration unless asked to.
    second = cddgen(tmp_path, "init", "segunda")
    assert "sigue registrada la instalación" in second.output and str(root) in second.output
    assert load_settings(cwd=elsewhere, environ={}).installation.root == root
    cddgen(tmp_path, "init", "--registrar", "segunda")
    assert load_settings(cwd=elsewhere, environ={}).installation.root == tmp_path / "segunda"
    # A damaged registration is named where it is read, and «init» replaces it.
    pointer.write_text("configuracion = \n", encoding="utf-8")
    damaged = cddgen(elsewhere, "config")
    assert damaged.exit_code == 2 and str(pointer) in damaged.output and "no es un TOML válido" in damaged.output
    assert cddgen(tmp_path, "init", "oficina").exit_code == 0
    assert load_settings(cwd=elsewhere, environ={}).installation.root == root


def test_init_creates_what_is_missing_and_never_overwrites(tmp_path):
    root = tmp_path / "oficina"
    assert cddgen(tmp_path, "init", str(root)).exit_code == 0
    for folder in ("inbox", "outbox", "forms", ".cddgen"):
        assert (root / folder).is_dir(), folder
    forms = sorted(path.name for path in (root / "forms").iterdir())
    assert forms == ["ascenso.xlsx", "cdd-cetpro.xlsx", "comite.xlsx", "ficha-cap.docx", "ficha-cap.xlsx"]
    assert not (root / "templates").exists()
    assert not [path for path in (root / ".cddgen").rglob("*") if path.suffix in (".xlsx", ".docx")]
    config = root / "cddgen.toml"
    config.write_text('[institucion]\nsigla = "UGEL07"\n', encoding="utf-8")
    (root / "forms" / "comite.xlsx").write_bytes(b"mi formulario")
    (root / "forms" / "ascenso.xlsx").unlink()
    again = cddgen(tmp_path, "init", str(root), "--plantillas")
    assert again.exit_code == 0, again.output
    assert config.read_text(encoding="utf-8") == '[institucion]\nsigla = "UGEL07"\n'
    assert (root / "forms" / "comite.xlsx").read_bytes() == b"mi formulario"
    assert (root / "forms" / "ascenso.xlsx").stat().st_size > 10_000  # restored
    copied = root / "templates" / "actas" / "acta-instalacion.docx"
    assert copied.read_bytes() == (REPO / "templates" / "actas" / "acta-instalacion.docx").read_bytes()
    assert len(files_under(root / "templates")) == len(files_under(REPO / "templates"))
    settings = load_settings(cwd=root, environ={})
    assert settings.template_path("actas/acta-instalacion.docx") == copied


# ---------------------------------------------------------------------------- one number


def test_no_installation_no_number_but_score_works(tmp_path):
    form = committee(tmp_path / "entrada", 1)
    refused = cddgen(tmp_path, "render", "acta-instalacion", "--sin-pdf", str(form))
    assert refused.exit_code == 2
    assert "No se encontró una instalación de cddgen para numerar documentos" in refused.output
    assert "cddgen init CARPETA" in refused.output
    assert not (tmp_path / ".cddgen").exists() and files_under(tmp_path / "outbox") == []
    inbox = cddgen(tmp_path, "process")
    assert inbox.exit_code == 2 and "para procesar la bandeja de entrada" in inbox.output
    scored = cddgen(tmp_path, "score", str(EXAMPLES / "ascenso.xlsx"))
    assert scored.exit_code == 0, scored.output
    assert (tmp_path / "outbox" / "resultados.xlsx").is_file()


def test_two_installations_and_one_installation_from_many_folders_never_repeat_a_number(tmp_path):
    forms = tmp_path / "formularios"
    office = tmp_path / "oficina"
    other = tmp_path / "otra-oficina"
    assert cddgen(tmp_path, "init", str(office)).exit_code == 0  # registered for this user
    assert cddgen(tmp_path, "init", str(other)).exit_code == 0
    subfolder = office / "inbox"
    elsewhere = tmp_path / "escritorio"
    elsewhere.mkdir()
    runs = [(office, ()), (subfolder, ()), (elsewhere, ()), (other, ("--config", str(office / "cddgen.toml")))]
    for number, (folder, options) in enumerate(runs, start=1):
        result = cddgen(folder, *options, "render", "acta-instalacion", "--sin-pdf", str(committee(forms, number)))
        assert result.exit_code == 0, result.output
        assert f"ACTA N° {number:03d}-2026-CE-UGEL02" in result.output
    result = cddgen(other, "render", "acta-instalacion", "--sin-pdf", str(committee(forms, 9)))
    assert "ACTA N° 001-2026-CE-UGEL02" in result.output  # the other office's own registry
    assert numbers_in(office / "outbox") == ["001-2026-CE-UGEL02", "002-2026-CE-UGEL02", "003-2026-CE-UGEL02",
                                             "004-2026-CE-UGEL02"]
    assert numbers_in(other / "outbox") == ["001-2026-CE-UGEL02"]
    for folder in (subfolder, elsewhere):
        assert not (folder / ".cddgen").exists() and not (folder / "outbox").exists()
    labels = [entry.label for entry in open_registry(load_settings(cwd=office, environ={})).entries()]
    assert len(labels) == len(set(labels)) == 4


@pytest.mark.parametrize("state", ["no existe", "está vacío"])
def test_a_lost_registry_is_never_recreated_beside_numbered_documents(tmp_path, state):
    settings = make_settings(tmp_path, today=TODAY)
    assert run_cli(tmp_path, "render", "acta-instalacion", "--sin-pdf", str(committee(tmp_path / "in", 1))).exit_code == 0
    registry = settings.registry_path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{registry}{suffix}").unlink(missing_ok=True)
    if state == "está vacío":
        sqlite3.connect(registry).close()  # an empty file: what a failed restore leaves
    with pytest.raises(NumberingError) as error:
        open_registry(settings)
    text = str(error.value)
    assert f"El registro de numeración «{registry}» {state}" in text
    assert "ACTA N° 001-2026-CE-UGEL02.docx" in text and "copia de respaldo" in text
    result = run_cli(tmp_path, "render", "acta-instalacion", "--sin-pdf", str(committee(tmp_path / "in", 2)))
    assert result.exit_code == 1 and "volvería a dar números ya usados" in result.output
    assert numbers_in(settings.outbox) == ["001-2026-CE-UGEL02"]
    if state == "no existe":
        assert not registry.exists()


def test_a_registry_that_lost_every_row_is_refused_too(tmp_path):
    settings = make_settings(tmp_path, today=TODAY)
    registry = open_registry(settings)
    assert registry.is_empty()
    (settings.outbox / "2026" / "acta-instalacion").mkdir(parents=True)
    (settings.outbox / "2026" / "acta-instalacion" / "ACTA N° 001-2026-CE-UGEL02.docx").write_bytes(b"x")
    with pytest.raises(NumberingError, match="está vacío"):
        open_registry(settings)


def test_the_installed_command_answers_init_in_spanish():
    result = CliRunner().invoke(cli, ["init", "--help"])
    assert "Crea la instalación de la oficina en CARPETA" in result.output
    assert "--plantillas" in result.output and "--registrar / --no-registrar" in result.output
