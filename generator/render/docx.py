"""Fill a .docx template (docxtpl) safely and write it atomically.

Templates are edited by users in Word, so they are untrusted code: rendering uses Jinja's
sandbox (no attribute of Python internals is reachable), autoescaping (a name such as
``Pérez & Ñañez <Jr> "Lucho"`` is written literally and the .docx stays valid XML), and
StrictUndefined with a check of the template's variables before rendering, so a missing
value is named instead of silently printed as nothing.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from ..errors import TemplateProblem
from ..fsutil import atomic_output
from .filters import FILTERS


def make_environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    env.filters.update(FILTERS)
    return env


class _TemplateCache:
    """Template bytes read once per process; a DocxTemplate is single-use, its source is not."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[Path, tuple[float, bytes]] = {}

    def read(self, path: Path) -> bytes:
        mtime = path.stat().st_mtime
        with self._lock:
            cached = self._data.get(path)
            if cached and cached[0] == mtime:
                return cached[1]
        data = path.read_bytes()
        with self._lock:
            self._data[path] = (mtime, data)
        return data


_CACHE = _TemplateCache()


@dataclass(frozen=True)
class Picture:
    """An image inserted at a given printed width (a chart), instead of the logo's 15 mm height."""

    path: Path
    width_mm: float


def _problem(template: Path, detail: str, fix: str | None = None) -> TemplateProblem:
    return TemplateProblem(f"Plantilla «{template.name}»: {detail}", fix=fix)


def render_docx(
    template: str | Path,
    context: Mapping[str, Any],
    target: str | Path,
    *,
    images: Mapping[str, Path | Picture | None] | None = None,
) -> Path:
    """Render ``template`` with ``context`` into ``target`` (atomically). Returns ``target``.

    ``images`` maps context names to image files (e.g. the institution's logo), inserted
    15 mm high, or to a Picture inserted at its width; a name mapped to None renders as nothing.
    """
    template = Path(template)
    env = make_environment()
    context = dict(context)
    try:
        doc = DocxTemplate(io.BytesIO(_CACHE.read(template)))
        for name, image in (images or {}).items():
            if isinstance(image, Picture):
                context[name] = InlineImage(doc, str(image.path), width=Mm(image.width_mm))
            else:
                context[name] = InlineImage(doc, str(image), height=Mm(15)) if image else None
        missing = doc.get_undeclared_template_variables(jinja_env=env, context=context)
    except FileNotFoundError:
        raise _problem(template, "no existe.") from None
    except TemplateSyntaxError as exc:
        raise _problem(
            template,
            f"error de sintaxis en una etiqueta {{{{ }}}} o {{% %}} ({exc.message}).",
            "Revise que cada {% if %} o {% for %} tenga su {% endif %} o {% endfor %}.",
        ) from None
    except Exception as exc:  # a corrupt or non-Word file raises zipfile/lxml errors
        raise _problem(template, f"no es un documento Word válido ({type(exc).__name__}: {exc}).") from None
    if missing:
        names = ", ".join(sorted(missing))
        raise _problem(
            template,
            f"usa datos que cddgen no proporciona: {names}.",
            "Corrija el nombre en la plantilla (distingue mayúsculas) o restaure la plantilla original.",
        )
    try:
        doc.render(context, jinja_env=env, autoescape=True)
    except SecurityError as exc:
        raise _problem(
            template,
            f"intenta acceder a partes internas de Python, lo que no está permitido ({exc}).",
            "Las plantillas solo pueden mostrar los datos del documento.",
        ) from None
    except UndefinedError as exc:
        raise _problem(template, f"falta un dato ({exc.message}).") from None
    except TemplateError as exc:
        raise _problem(template, f"no se pudo completar ({exc}).") from None
    with atomic_output(Path(target)) as temp:
        doc.save(temp)
    return Path(target)
