"""Settings: bundled defaults < the installation's cddgen.toml < CDDGEN_* environment < options.

An *installation* is a folder with a ``cddgen.toml``: its numbering registry, inbox and outbox
(relative paths in the file are relative to that folder). A command finds its installation as
git finds a repository (``find_installation``): ``--config`` or ``CDDGEN_CONFIG``, else a
``cddgen.toml`` in the working folder or any folder above it, else the installation that
``cddgen init`` registered for this user (a pointer file in the user's configuration folder,
located by platformdirs). Without one, paths are relative to the working folder and nothing
that issues a number may run (``Settings.require_installation``).

The bundled defaults file is also the schema: a key that is not in it is an error, and a
value must have the type of its default. Rules files per edition (``generator/rules``) are
checked the same way against the bundled edition they override.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from . import bundled as shipped
from .errors import ConfigError
from .rules import RuleBook, load_rulebook
from .tomlfile import ConfigProblems, bundled_toml, load_toml, merge_checked
from .wording import Gender, gender_of

CONFIG_FILENAME = "cddgen.toml"
# The installation's own folder (registry, inbox ledger, temporary conversion folders).
STATE_DIRNAME = ".cddgen"
# The user-level pointer to the installation «cddgen init» registered (see user_pointer_file).
POINTER_FILENAME = "instalacion.toml"

@dataclass(frozen=True)
class Institution:
    tipo: str
    dre: str
    ugel: str
    sigla: str
    area: str
    direccion: str
    ciudad: str
    region: str
    logo: Path | None
    # The director(a) of the DRE/UGEL, addressee of the committee's informe final ("" = not set).
    director: str = ""
    # Where the DRE/UGEL reports a retiro for causal f) or g) (seed 003, 2.3.2).
    procuraduria: str = ""
    director_tratamiento: str = ""

    @property
    def director_genero(self) -> Gender:
        return gender_of(self.director_tratamiento)

    @property
    def nombre(self) -> str:
        """The office that issues committee documents: the UGEL, or the DRE for a DRE committee."""
        return self.ugel if self.tipo == "UGEL" else self.dre


@dataclass(frozen=True)
class Signer:
    """Who signs the UGEL's own reports ([firmante] of cddgen.toml): name, DNI, cargo, gender."""

    nombre: str = ""
    dni: str = ""
    cargo: str = ""
    tratamiento: str = ""

    @property
    def genero(self) -> Gender:
        return gender_of(self.tratamiento, self.cargo)

    @property
    def complete(self) -> bool:
        return bool(self.nombre and self.dni and self.cargo)


@dataclass(frozen=True)
class YearName:
    since: dt.date
    name: str


@dataclass(frozen=True)
class PdfSettings:
    enabled: bool
    soffice: str
    timeout: float
    workers: int
    pdfa: bool


@dataclass(frozen=True)
class Installation:
    """The folder whose ``cddgen.toml`` a command uses, and how it was found."""

    root: Path  # the folder of the configuration file
    config: Path  # the cddgen.toml (or the file --config names)
    found_by: str  # Spanish: «--config», «CDDGEN_CONFIG», «carpeta», «registrada para este usuario»

    @property
    def state_dir(self) -> Path:
        """``.cddgen/`` of the installation: its registries and temporary folders."""
        return self.root / STATE_DIRNAME


@dataclass(frozen=True)
class Settings:
    """Everything a run needs, built once and passed in (never read from globals)."""

    installation: Installation | None  # None: no cddgen.toml found (see find_installation)
    institution: Institution
    year_names: tuple[YearName, ...]
    base_dir: Path
    inbox: Path
    outbox: Path
    templates_dir: Path
    forms_dir: Path
    registry_path: Path
    number_patterns: Mapping[str, str]
    pdf: PdfSettings
    rule_editions: Mapping[str, str]
    rule_overrides: Mapping[str, Mapping[str, Any]]
    # Every family's rules, typed, built and checked when the settings load (generator/rules).
    rules: RuleBook
    today: dt.date
    sources: tuple[str, ...]
    raw: Mapping[str, Any] = field(repr=False)
    # The date the user gave for the documents (``--fecha``): it replaces the date a form gives
    # them. None: each document takes its date from its input (never from ``today``).
    document_date: dt.date | None = None
    # Who signs the UGEL's reports (resumen-cdd, resumen-cap).
    signer: Signer = Signer()
    # Render again documents that already bear signatures (the option --reemitir-firmados of a
    # command, never a configuration key): their signed copies go to reemplazados/.
    reissue_signed: bool = False

    @property
    def scratch_root(self) -> Path | None:
        """Where temporary folders go: ``.cddgen/tmp/`` of the installation (None: the system's)."""
        return self.installation.state_dir / "tmp" if self.installation is not None else None

    def require_installation(self, action: str = "numerar documentos") -> Installation:
        """The installation, or a Spanish ConfigError saying how to make one.

        Without an installation a registry would be created wherever cddgen happens to run,
        and a second registry hands out the same numbers again.
        """
        if self.installation is not None:
            return self.installation
        registered = read_user_pointer()
        detail = ""
        if registered is not None:
            detail = (f" La instalación registrada para este usuario («{registered.parent}») ya no existe "
                      f"(falta «{registered}»).")
        raise ConfigError(
            f"No se encontró una instalación de cddgen para {action}: no hay {CONFIG_FILENAME} en "
            f"«{self.base_dir}» ni en las carpetas superiores, y no se indicó --config.{detail}",
            fix=f"Cree una con «cddgen init CARPETA» (por ejemplo «cddgen init C:\\cddgen» o "
                f"«cddgen init /srv/cddgen») y ejecute cddgen dentro de esa carpeta, o indique "
                f"«--config CARPETA/{CONFIG_FILENAME}». «cddgen demo» y «cddgen score» funcionan sin instalación.",
        )

    def year_name(self, on: dt.date) -> str:
        """The official name of the year in force on ``on`` (DOMAIN.md D)."""
        in_force = [item for item in self.year_names if item.since <= on]
        if not in_force:
            raise ConfigError(
                f"No hay denominación oficial del año para el {on:%d/%m/%Y}.",
                fix="Agregue una entrada [[denominacion_anio]] con «desde» y «nombre» en cddgen.toml.",
            )
        return max(in_force, key=lambda item: item.since).name

    def template_path(self, relative: str) -> Path:
        """A template from the user's templates folder, else the one bundled with cddgen."""
        return _own_or_bundled(self.templates_dir, "templates", relative, "la plantilla", "rutas.plantillas")

    def example_path(self, name: str) -> Path:
        """A filled example form from forms/ejemplos/ (the user's, else the bundled one)."""
        return _own_or_bundled(self.forms_dir / "ejemplos", "forms/ejemplos", name, "el ejemplo",
                               "rutas.formularios")


def _own_or_bundled(own_dir: Path, bundled_dir: str, relative: str, what: str, key: str) -> Path:
    own = own_dir / relative
    if own.exists():
        return own
    bundled = shipped.path(f"{bundled_dir}/{relative}")
    if bundled.exists():
        return bundled
    raise ConfigError(
        f"No se encontró {what} «{relative}» en «{own_dir}».",
        fix=f"Restaure el archivo desde la copia original de cddgen o revise «{key}» en cddgen.toml.",
    )


def user_pointer_file() -> Path:
    """The file where «cddgen init» registers this user's installation.

    Under the platform's configuration folder for the user (platformdirs: ``~/.config/cddgen``
    on Linux, ``%LOCALAPPDATA%\\cddgen`` on Windows); tests redirect it with XDG_CONFIG_HOME.
    """
    import platformdirs

    return platformdirs.user_config_path("cddgen", appauthor=False) / POINTER_FILENAME


def read_user_pointer() -> Path | None:
    """The cddgen.toml registered for this user, whether it still exists or not (None: none)."""
    pointer = user_pointer_file()
    if not pointer.is_file():
        return None
    fix = "Vuelva a registrar la instalación con «cddgen init --registrar CARPETA»."
    try:
        data = load_toml(pointer, what="el registro de la instalación de este usuario")
    except ConfigError as error:
        raise ConfigError(f"El registro de la instalación de este usuario «{pointer}» está dañado: {error.message}",
                          fix=fix) from None
    target = data.get("configuracion")
    if not isinstance(target, str) or not target.strip():
        raise ConfigError(
            f"«{pointer}» no indica la configuración de la instalación (falta configuracion = \"...\").", fix=fix)
    return Path(target)


def write_user_pointer(config: Path) -> Path:
    """Register ``config`` (an installation's cddgen.toml) as this user's installation."""
    from .fsutil import atomic_write_text

    pointer = user_pointer_file()
    quoted = json.dumps(str(config.resolve()), ensure_ascii=False)  # a JSON string is a TOML basic string
    atomic_write_text(pointer, "# Instalación de cddgen de este usuario (la escribe «cddgen init»).\n"
                               f"configuracion = {quoted}\n")
    return pointer


def find_installation(config_path: str | Path | None, cwd: Path, environ: Mapping[str, str]) -> Installation | None:
    """The installation a command uses, found as git finds a repository (module doc)."""
    for explicit, found_by in ((config_path, "--config"), (environ.get("CDDGEN_CONFIG"), "CDDGEN_CONFIG")):
        if explicit:
            path = Path(explicit).expanduser()
            path = path if path.is_absolute() else cwd / path
            if not path.is_file():
                raise ConfigError(f"No se encontró el archivo de configuración «{path}» ({found_by}).",
                                  fix="Revise la ruta indicada.")
            return Installation(path.parent, path, found_by)
    for folder in (cwd, *cwd.parents):
        candidate = folder / CONFIG_FILENAME
        if candidate.is_file():
            return Installation(folder, candidate, "carpeta")
    registered = read_user_pointer()
    if registered is not None and registered.is_file():
        return Installation(registered.parent, registered, "registrada para este usuario")
    return None


def _env_overrides(environ: Mapping[str, str]) -> dict:
    """CDDGEN_* variables: the few settings that deployments and tests set from outside."""
    result: dict = {}
    if environ.get("CDDGEN_OUTBOX"):
        result.setdefault("rutas", {})["bandeja_salida"] = environ["CDDGEN_OUTBOX"]
    if environ.get("CDDGEN_INBOX"):
        result.setdefault("rutas", {})["bandeja_entrada"] = environ["CDDGEN_INBOX"]
    if environ.get("CDDGEN_REGISTRO"):
        result.setdefault("rutas", {})["registro_numeracion"] = environ["CDDGEN_REGISTRO"]
    if environ.get("CDDGEN_SOFFICE"):
        result.setdefault("pdf", {})["soffice"] = environ["CDDGEN_SOFFICE"]
    if environ.get("CDDGEN_PDF") in ("0", "no", "false"):
        result.setdefault("pdf", {})["activar"] = False
    return result


def _parse_today(value: str | None, source: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{source}: «{value}» no es una fecha aaaa-mm-dd.") from None


def _deep_update(target: dict, extra: Mapping) -> None:
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _deep_update(target[key], value)
        else:
            target[key] = value


def load_settings(
    config_path: str | Path | None = None,
    *,
    cwd: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
    document_date: dt.date | None = None,
) -> Settings:
    """Build the one Settings object of a run.

    ``config_path`` is --config; without it the installation is found by ``find_installation``
    from ``cwd``. ``overrides`` are command-line options in the same shape as the TOML file;
    ``document_date`` is ``--fecha``, the date the user gives the documents instead of the one
    their forms give.
    """
    environ = os.environ if environ is None else environ
    cwd = Path(cwd) if cwd is not None else Path.cwd()
    defaults = bundled_toml("defaults", CONFIG_FILENAME)
    merged = copy.deepcopy(defaults)
    sources = ["valores por defecto"]
    user_overrides: dict = {}
    problems = ConfigProblems()

    installation = find_installation(config_path, cwd, environ)
    base_dir = installation.root if installation is not None else cwd
    if installation is not None:
        path = installation.config
        user = load_toml(path, what="el archivo de configuración")
        user_overrides = user.pop("parametros", {}) or {}
        if not isinstance(user_overrides, dict):
            problems.add(path.name, "parametros", "«parametros» debe ser una tabla [parametros.<familia>].")
            user_overrides = {}
        merged = merge_checked(defaults, user, path.name, problems=problems)
        sources.append(str(path))

    env = _env_overrides(environ)
    if env:
        merged = merge_checked(merged, env, "variables CDDGEN_*", problems=problems)
        sources.append("variables de entorno CDDGEN_*")
    if overrides:
        merged = merge_checked(merged, overrides, "opciones de la línea de comandos", problems=problems)
        sources.append("opciones")

    _validate_semantics(merged, problems)
    for family in list(user_overrides):
        if family not in merged["reglas"] or not isinstance(user_overrides[family], dict):
            problems.add(CONFIG_FILENAME, f"parametros.{family}",
                         f"[parametros.{family}] no corresponde a ninguna familia.",
                         f"Familias: {', '.join(sorted(merged['reglas']))}.")
            del user_overrides[family]
    rules = load_rulebook(merged["reglas"], user_overrides, base_dir, problems)
    problems.raise_if_any()

    inst = merged["institucion"]
    routes = merged["rutas"]

    def resolve(value: str) -> Path:
        return configured_path(value, base_dir)

    logo = resolve(inst["logo"]) if inst["logo"] else None
    if logo is not None and (not logo.is_file() or logo.suffix.lower() not in (".png", ".jpg", ".jpeg")):
        raise ConfigError(
            f"cddgen.toml: «institucion.logo» apunta a «{logo}», que no es una imagen PNG o JPG existente.",
            fix="Corrija la ruta o deje logo = \"\" para no usar logo.",
        )
    pdf = merged["pdf"]
    workers = pdf["trabajadores"] or (os.cpu_count() or 1)
    run_today = today or _parse_today(environ.get("CDDGEN_HOY"), "CDDGEN_HOY") or dt.date.today()
    settings = Settings(
        installation=installation,
        institution=Institution(
            tipo=inst["tipo"],
            dre=inst["dre"],
            ugel=inst["ugel"],
            sigla=inst["sigla"],
            area=inst["area"],
            direccion=inst["direccion"],
            ciudad=inst["ciudad"],
            region=inst["region"],
            logo=logo,
            director=inst["director"].strip(),
            procuraduria=inst["procuraduria"].strip(),
            director_tratamiento=inst["director_tratamiento"].strip(),
        ),
        year_names=tuple(
            YearName(since=item["desde"], name=item["nombre"]) for item in merged["denominacion_anio"]
        ),
        base_dir=base_dir,
        inbox=resolve(routes["bandeja_entrada"]),
        outbox=resolve(routes["bandeja_salida"]),
        templates_dir=resolve(routes["plantillas"]),
        forms_dir=resolve(routes["formularios"]),
        registry_path=resolve(routes["registro_numeracion"]),
        number_patterns=dict(merged["numeracion"]["patrones"]),
        pdf=PdfSettings(
            enabled=pdf["activar"],
            soffice=pdf["soffice"],
            timeout=float(pdf["tiempo_limite"]),
            workers=int(workers),
            pdfa=pdf["pdfa"],
        ),
        rule_editions=dict(merged["reglas"]),
        rule_overrides=user_overrides,
        rules=rules,
        today=run_today,
        sources=tuple(sources),
        raw=merged,
        document_date=document_date,
        signer=Signer(**{key: str(value).strip() for key, value in merged["firmante"].items()}),
    )
    return settings


# «C:\…», «C:/…» (a drive) or «\\servidor\…» (a network share).
_WINDOWS_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\[^\\])")


def configured_path(value: str, base_dir: Path, *, windows: bool = os.name == "nt") -> Path:
    r"""A path of cddgen.toml on this computer: relative ones from the file's folder.

    Offices write their configuration on Windows, where «datos\bandeja» and «C:\UGEL\bandeja»
    are paths; the same file is read on Linux from the shared folder. There a relative path with
    backslashes means the same folders, and an absolute Windows path (a drive, or \\servidor\…)
    cannot be opened: that is said, instead of creating a folder named «C:\UGEL\bandeja».
    """
    if not windows:
        if _WINDOWS_ABSOLUTE.match(value):
            raise ConfigError(
                f"La ruta «{value}» es de Windows y este equipo no puede abrirla.",
                fix="Use una ruta de este equipo, o una relativa a la carpeta de cddgen.toml (por ejemplo "
                    "'bandeja'), que sirve igual en Windows y aquí.",
            )
        value = value.replace("\\", "/")
    candidate = Path(value).expanduser()
    return candidate if candidate.is_absolute() else base_dir / candidate


def _validate_semantics(merged: Mapping[str, Any], problems: ConfigProblems) -> None:
    """Checks a type alone cannot express; each names the key and what is allowed."""

    def add(key: str, message: str, fix: str | None = None) -> None:
        problems.add(CONFIG_FILENAME, key, message, fix)

    inst = merged["institucion"]
    if inst["tipo"] not in ("UGEL", "DRE"):
        add("institucion.tipo", f"«institucion.tipo» vale «{inst['tipo']}».", "Valores permitidos: UGEL, DRE.")
    if not inst["sigla"].strip():
        add("institucion.sigla", "«institucion.sigla» no puede estar vacía.", "Por ejemplo: UGEL02.")
    try:
        _check_tratamiento("«institucion.director_tratamiento»", inst["director_tratamiento"])
    except ConfigError as error:
        problems.extend_from(error, CONFIG_FILENAME, "institucion.director_tratamiento")
    try:
        check_signer(merged["firmante"], {key: f"«firmante.{key}»" for key in merged["firmante"]})
    except ConfigError as error:
        problems.extend_from(error, CONFIG_FILENAME, "firmante")
    names = merged["denominacion_anio"]
    if not names:
        add("denominacion_anio", "falta al menos una entrada [[denominacion_anio]].")
    seen = set()
    for item in names:
        if item["desde"] in seen:
            add("denominacion_anio", f"dos denominaciones del año rigen desde {item['desde']}.")
        seen.add(item["desde"])
        if not item["nombre"].strip():
            add("denominacion_anio", f"la denominación del año desde {item['desde']} está vacía.")
    for series, pattern in merged["numeracion"]["patrones"].items():
        key = f"numeracion.patrones.{series}"
        try:
            sample = pattern.format(numero=1, anio=2026, oficina="X")
        except (KeyError, IndexError) as exc:
            add(key, f"el patrón «{key}» usa {{{exc.args[0]}}}, que no existe.",
                "Use solo {numero}, {numero:03d}, {anio} y {oficina}.")
            continue
        except ValueError:
            add(key, f"el patrón «{key}» tiene llaves {{ }} mal cerradas o un formato que no se entiende.",
                "Use solo {numero}, {numero:03d}, {anio} y {oficina}; para una llave literal escriba {{ o }}.")
            continue
        if "{numero" not in pattern or not sample.strip():
            add(key, f"el patrón «{key}» no contiene {{numero}}.",
                "Sin el número correlativo dos documentos tendrían el mismo número.")
    pdf = merged["pdf"]
    if pdf["tiempo_limite"] <= 0:
        add("pdf.tiempo_limite", "«pdf.tiempo_limite» debe ser mayor que 0 segundos.")
    if pdf["trabajadores"] < 0:
        add("pdf.trabajadores", "«pdf.trabajadores» debe ser 0 (automático) o más.")


def default_inbox(settings: Settings) -> Path:
    """The installation's own inbox folder (``rutas.bandeja_entrada`` left at its default): the
    only inbox cddgen creates when it is missing. A configured one that does not exist is an
    unmounted share or a typo, never an empty inbox."""
    return configured_path(bundled_toml("defaults", CONFIG_FILENAME)["rutas"]["bandeja_entrada"], settings.base_dir)


def _check_tratamiento(where: str, value: str) -> None:
    if value.strip() and gender_of(value) is Gender.UNKNOWN:
        raise ConfigError(f"{where} vale «{value}»; el tratamiento es Sr. o Sra.", fix='Escriba "Sr." o "Sra.".')


def check_signer(values: Mapping[str, str], where: Mapping[str, str]) -> None:
    """A signer's DNI (8 digits) and tratamiento (Sr. / Sra.), as given in ``where`` (the key of
    cddgen.toml or the option of the command, for the message)."""
    dni = (values.get("dni") or "").strip()
    if dni and not (len(dni) == 8 and dni.isascii() and dni.isdigit()):
        raise ConfigError(f"{where['dni']} vale «{dni}»; un DNI tiene 8 dígitos.",
                          fix="Escríbalo completo, con los ceros iniciales (en cddgen.toml, entre comillas).")
    _check_tratamiento(where["tratamiento"], values.get("tratamiento") or "")


def with_signer(settings: Settings, **given: str | None) -> Settings:
    """``settings`` with the report signer's ``nombre``, ``dni``, ``cargo``, ``tratamiento`` given on
    the command line in place of those of [firmante]."""
    values = {key: value.strip() for key, value in given.items() if value}
    if not values:
        return settings
    check_signer(values, {key: f"--firmante-{key}" if key != "nombre" else "--firmante" for key in
                          ("nombre", "dni", "cargo", "tratamiento")})
    return replace(settings, signer=replace(settings.signer, **values))


def write_starter_config(target: Path) -> Path:
    """A cddgen.toml with every default key commented out, ready to edit; never overwrites."""
    from .fsutil import atomic_write_text

    if target.exists():
        raise ConfigError(f"Ya existe «{target}»; no se sobrescribe.", fix="Edítelo directamente.")
    text = resources.files("generator").joinpath("defaults", CONFIG_FILENAME).read_text(encoding="utf-8")
    lines = [
        "# cddgen.toml: configuración de esta oficina. Quite el # de las líneas que quiera cambiar",
        "# (y de la línea [sección] que las encabeza). Lo que no cambie toma el valor por defecto.",
        "",
    ]
    for line in text.splitlines()[5:]:
        lines.append(line if not line.strip() or line.lstrip().startswith("#") else f"# {line}")
    atomic_write_text(target, "\n".join(lines) + "\n")
    return target
