"""People as the templates write them: name, DNI, cargo and role in the person's own gender
(DOMAIN.md D). Every context that names a person builds it here, through ``wording``."""

from __future__ import annotations

import re
from typing import Any, Mapping

from ..config import Settings
from ..domain.comite import Committee, Member
from ..errors import ConfigError
from ..wording import Gender, agree, as_gender, cargo


NO_BREAK_SPACE = "\u00a0"


def gender_code(gender: Gender | str | None) -> str:
    """«M», «F» or «?»: what the templates' filters (``concuerda``, ``tratamiento``) take."""
    return as_gender(gender).value


def role(rol: str, gender: Gender | str | None) -> str:
    """The committee role with its holder's gender: «Primer miembro (Presidenta)». Only the
    «Presidente» inflects: the position («Primer miembro») is the committee's, not the person's."""
    return re.sub(r"Presidente", lambda match: agree(match.group(0), gender), rol)


def member(person: Member) -> dict[str, Any]:
    """A committee member for the members' tables."""
    return {
        "rol": role(person.rol, person.genero),
        "nombre": person.nombre_completo,
        "cargo": cargo(person.cargo, person.genero),
        "dni": person.dni,
        # A phone number never breaks across lines (DOMAIN.md D: the members' table stays legible).
        "telefono": person.telefono.replace(" ", NO_BREAK_SPACE),
        "correo": person.correo,
        "genero": gender_code(person.genero),
    }


def signatures(committee: Committee, dispensed: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The three signature blocks, presidente first; ``dispensed`` maps DNI → reason."""
    dispensed = dispensed or {}
    return [
        {
            "nombre": person.nombre_completo,
            "dni": person.dni,
            "rol": role(person.rol, person.genero),
            "cargo": cargo(person.cargo, person.genero),
            "genero": gender_code(person.genero),
            "dispensada": person.dni in dispensed,
            "motivo": dispensed.get(person.dni, ""),
        }
        for person in committee.members
    ]


def presidente(committee: Committee) -> dict[str, Any]:
    """The presidente (or presidenta) of the committee: «De:» of the informe final."""
    person = committee.presidente
    return {"nombre": person.nombre_completo, "dni": person.dni, "genero": gender_code(person.genero),
            "cargo": agree("Presidente del Comité de Evaluación", person.genero)}


def ugel_director(settings: Settings) -> dict[str, Any]:
    """«A:» of the office's informes: the director(a) of the DRE/UGEL from cddgen.toml, in their
    gender; without a name, the office's director as a cargo (an addressee nobody named)."""
    institution = settings.institution
    gender = institution.director_genero if institution.director else Gender.UNKNOWN
    title = cargo(f"Director(a) de la {institution.nombre}", gender)
    return {"nombre": institution.director or title, "cargo": title if institution.director else "",
            "genero": gender_code(gender)}


def report_signer(settings: Settings) -> dict[str, Any]:
    """«De:» and the signature of the office's informes: [firmante] of cddgen.toml or the command's
    --firmante options. A report nobody signs is refused before anything is written."""
    signer = settings.signer
    if not signer.complete:
        missing = [name for name, value in (("nombre", signer.nombre), ("DNI", signer.dni), ("cargo", signer.cargo))
                   if not value]
        raise ConfigError(
            f"Falta quién firma el informe ({', '.join(missing)}).",
            fix="Complete [firmante] en cddgen.toml (nombre, dni, cargo y tratamiento) o indíquelo con "
                "--firmante, --firmante-dni, --firmante-cargo y --firmante-tratamiento.",
        )
    title = cargo(signer.cargo, signer.genero)
    return {"nombre": signer.nombre, "dni": signer.dni, "cargo": title, "genero": gender_code(signer.genero),
            "firmas": [{"nombre": signer.nombre, "dni": signer.dni, "rol": title, "dispensada": False, "motivo": ""}]}
