"""``cddgen init``: make (or complete) an installation, never overwriting anything.

An installation is a folder with ``cddgen.toml``; beside it, by default, ``inbox/``,
``outbox/``, ``forms/`` with the blank forms, and ``.cddgen/`` with the numbering registry
and the inbox ledger (created at the first number). ``init`` creates what is missing and
leaves what exists as it is, so it can be run again on an installation to restore a
deleted blank form. On request it copies the templates for the office to restyle (what is
not copied is taken from the ones cddgen ships). It registers the installation for this
user (``config.write_user_pointer``), so commands run from any other folder find it;
an installation already registered elsewhere is only replaced when asked.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import bundled
from ..config import CONFIG_FILENAME, load_settings, read_user_pointer, write_starter_config, write_user_pointer
from ..errors import ConfigError
from ..fsutil import atomic_output
from ..scratch import scratch_folder
from .families import FAMILIES


@dataclass
class InitReport:
    root: Path
    created: list[Path] = field(default_factory=list)  # files and folders made now
    kept: list[Path] = field(default_factory=list)  # already there, left untouched
    registered: bool = False  # this installation is now the user's registered one
    pointer: Path | None = None  # the user-level pointer file
    other_registered: Path | None = None  # another installation that stays registered


def init_installation(folder: Path, *, templates: bool = False, register: bool | None = None) -> InitReport:
    """Create or complete the installation in ``folder``.

    ``register``: True makes it this user's installation even if another one is registered;
    None registers it when the user has none (or the registered one no longer exists);
    False never registers it.
    """
    root = Path(folder).expanduser().resolve()
    report = InitReport(root)
    root.mkdir(parents=True, exist_ok=True)
    config = root / CONFIG_FILENAME
    if config.exists():
        report.kept.append(config)
    else:
        write_starter_config(config)
        report.created.append(config)
    settings = load_settings(config)  # checks an existing configuration before using its paths
    for path in (settings.inbox, settings.outbox, settings.forms_dir, settings.installation.state_dir):
        _folder(path, report)
    with scratch_folder(settings.scratch_root, "formularios") as scratch:
        for family in FAMILIES:
            for written in family.forms(settings, scratch):
                _place(written, settings.forms_dir / written.relative_to(scratch), report)
    if templates:
        source = bundled.path("templates")
        for original in sorted(item for item in source.rglob("*.docx") if item.is_file()):
            _copy_new(original, settings.templates_dir / original.relative_to(source), report)
    try:
        registered = read_user_pointer()
    except ConfigError:
        registered = None  # an unreadable registration is replaced by this one
    if register or (register is None and (registered is None or not registered.is_file())):
        report.pointer = write_user_pointer(config)
        report.registered = True
    elif registered is not None and registered.resolve() == config.resolve():
        report.registered = True
    elif registered is not None:
        report.other_registered = registered.parent
    return report


def _folder(path: Path, report: InitReport) -> None:
    if path.is_dir():
        return
    path.mkdir(parents=True)
    report.created.append(path)


def _place(written: Path, target: Path, report: InitReport) -> None:
    """Move a freshly written file to ``target`` unless something is there already."""
    if target.exists():
        report.kept.append(target)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(target) as temp:
        shutil.copyfile(written, temp)
    os.remove(written)
    report.created.append(target)


def _copy_new(original: Path, target: Path, report: InitReport) -> None:
    if target.exists():
        report.kept.append(target)
        return
    with atomic_output(target) as temp:
        shutil.copyfile(original, temp)
    report.created.append(target)
