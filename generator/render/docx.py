"""Fill a .docx template (docxtpl) safely and write it atomically.

Templates are edited by users in Word, so they are untrusted code: rendering uses Jinja's
sandbox (no attribute of Python internals is reachable), autoescaping (a name such as
``Pérez & Ñañez <Jr> "Lucho"`` is written literally and the .docx stays valid XML), and
StrictUndefined with a check of the template's variables before rendering, so a missing
value is named instead of silently printed as nothing.

Speed: docxtpl cleans and compiles every XML part of a template on each render, and parses
and re-serialises the whole Word package, which costs far more than filling it. A template's
bytes, its cleaned XML, its compiled Jinja templates and its list of variables are kept for
the life of the process (keyed by file and modification time, so a template edited in Word is
picked up). For the usual document (no images, no column loops) a render is then only the
compiled parts filled with the context, checked to be well-formed XML, and written into a
copy of the template's zip (the fast path, same result as docxtpl's); otherwise docxtpl
renders it the usual way.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from ..errors import TemplateProblem
from ..fsutil import atomic_output
from .docx_package import LANGUAGE
from .filters import FILTERS


class _BoundedCache:
    """A thread-safe dict that forgets its oldest entries beyond ``size``."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._data: OrderedDict = OrderedDict()

    def get(self, key):
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)


class _CompilingEnvironment(SandboxedEnvironment):
    """The sandbox, remembering what it compiled: docxtpl calls ``from_string`` with the same
    XML for every document of a template."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled = _BoundedCache(512)

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's name
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = super().from_string(source)
            self._compiled.put(source, compiled)
        return compiled


def make_environment() -> SandboxedEnvironment:
    env = _CompilingEnvironment(autoescape=True, undefined=StrictUndefined)
    env.filters.update(FILTERS)
    return env


# One environment for the process: compiled templates are bound to it. Rendering a compiled
# Jinja template is thread-safe.
_ENV = make_environment()
_PATCHED = _BoundedCache(512)


class _Template(DocxTemplate):
    """docxtpl with its XML clean-up (regular expressions over the whole part) remembered, and
    its table grid repair limited to each table's own rows."""

    def patch_xml(self, src_xml: str) -> str:
        patched = _PATCHED.get(src_xml)
        if patched is None:
            patched = super().patch_xml(src_xml)
            _PATCHED.put(src_xml, patched)
        return patched

    def fix_tables(self, xml):
        """docxtpl's repair of a table grid after column loops, table by table — docxtpl counts the
        rows of a nested table as its parent's (``iter``), which would give the templates' closing
        block (a one-cell table holding the signature blocks) the columns of the signatures."""
        tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
        ns = "{" + tree.nsmap["w"] + "}"
        for table in tree.iter(ns + "tbl"):
            grid = table.find(ns + "tblGrid")
            if grid is None:
                continue
            columns = grid.findall(ns + "gridCol")
            spans = []
            for row in table.findall(ns + "tr"):
                total = 0
                for cell in row.findall(ns + "tc"):
                    span = cell.find(f"{ns}tcPr/{ns}gridSpan")
                    total += int(span.get(ns + "val")) if span is not None else 1
                spans.append(total)
            wanted = max(spans, default=len(columns))
            widths = [float(column.get(ns + "w") or 0) for column in columns]
            if wanted > len(columns) and sum(widths) > 0:  # as docxtpl: the same total width, in proportion
                average = sum(widths) / len(columns)
                new_average = sum(widths) / wanted
                for column, width in zip(columns, widths):
                    column.set(ns + "w", str(int(width * new_average / average)))
                for _ in range(wanted - len(columns)):
                    etree.SubElement(grid, ns + "gridCol", {ns + "w": str(int(new_average))})
            elif wanted < len(columns):  # as docxtpl: the last columns go, their width shared
                removed = columns[wanted:]
                extra = int(sum(widths[wanted:]) / wanted) if wanted else 0
                for column in removed:
                    grid.remove(column)
                for column, width in zip(columns[:wanted], widths):
                    column.set(ns + "w", str(int(width + extra)))
        return tree


@dataclass(frozen=True)
class Properties:
    """What a rendered document says of itself (File › Properties): its number and subject as
    the title, the issuing institution as the author, its language. LibreOffice carries them
    into the PDF's Title, Author and Lang, so a PDF presents itself without being rewritten."""

    title: str
    author: str
    subject: str = ""
    language: str = LANGUAGE


_CORE = "docProps/core.xml"
_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _core_xml(template_core: bytes | None, properties: Properties) -> bytes:
    """The template's core properties with the document's own title, author, subject, language
    (and no «generated by» description)."""
    root = etree.fromstring(template_core) if template_core else etree.Element(f"{{{_CORE_NS['cp']}}}coreProperties",
                                                                              nsmap=_CORE_NS)
    values = {"dc:title": properties.title, "dc:creator": properties.author, "cp:lastModifiedBy": properties.author,
              "dc:subject": properties.subject, "dc:language": properties.language, "dc:description": ""}
    for name, value in values.items():
        prefix, local = name.split(":")
        element = root.find(f"{{{_CORE_NS[prefix]}}}{local}")
        if element is None:
            element = etree.SubElement(root, f"{{{_CORE_NS[prefix]}}}{local}")
        element.text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_properties(doc: DocxTemplate, properties: Properties) -> None:
    """The same properties on docxtpl's own path (python-docx's core properties)."""
    core = doc.docx.core_properties
    core.title, core.author, core.last_modified_by = properties.title, properties.author, properties.author
    core.subject, core.language, core.comments = properties.subject, properties.language, ""


_DOCUMENT = "word/document.xml"
_PART_NAME = re.compile(r"^word/(?:header|footer)\d*\.xml$")
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
# What docxtpl's tags need beyond filling text: column loops ({%tc %}) and drawings renumbered
# after loops; a template with them, or with images to insert, takes docxtpl's own path.
_SLOW_MARKS = ("{%tc", "<wp:docPr", "{{tc", "{%-tc")


@dataclass
class _Part:
    prefix: str
    template: Template
    suffix: str


@dataclass
class _Compiled:
    """A template package ready to be filled without parsing it again."""

    entries: list[zipfile.ZipInfo]
    blobs: dict[str, bytes]
    parts: dict[str, _Part] = field(default_factory=dict)


def _compile(data: bytes, env: SandboxedEnvironment) -> _Compiled | None:
    """The fast-path form of a template, or None when docxtpl's full path is needed."""
    helper = _Template(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        blobs = {entry.filename: archive.read(entry.filename) for entry in entries}
    compiled = _Compiled(entries, blobs)
    for name, blob in blobs.items():
        if name in ("docProps/core.xml", "word/footnotes.xml") and (b"{{" in blob or b"{%" in blob):
            return None  # docxtpl renders these too
        if name != _DOCUMENT and not _PART_NAME.match(name):
            continue
        root = etree.fromstring(blob)
        if name == _DOCUMENT:
            body = root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
            whole = etree.tostring(root, encoding="unicode")
            body_text = etree.tostring(body, encoding="unicode")
            start, end = whole.index("<w:body"), whole.rindex("</w:body>") + len("</w:body>")
            prefix, source, suffix = _XML_DECLARATION + whole[:start], body_text, whole[end:]
        else:
            prefix, source, suffix = _XML_DECLARATION, etree.tostring(root, encoding="unicode"), ""
        patched = helper.patch_xml(source)
        if any(mark in patched for mark in _SLOW_MARKS):
            return None
        # As docxtpl's render_xml_part: each paragraph on its own line while Jinja runs.
        compiled.parts[name] = _Part(prefix, env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)), suffix)
    return compiled if _DOCUMENT in compiled.parts else None


def _fill(compiled: _Compiled, context: Mapping[str, Any], helper: DocxTemplate,
          properties: Properties | None = None) -> bytes:
    """The .docx bytes of ``compiled`` filled with ``context`` (docxtpl's steps, minus parsing)."""
    rendered: dict[str, bytes] = {}
    if properties is not None:
        rendered[_CORE] = _core_xml(compiled.blobs.get(_CORE), properties)
    for name, part in compiled.parts.items():
        xml = part.template.render(context)
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(char in xml for char in "\t\a\n\f"):
            xml = helper.resolve_listing(xml)
        text = part.prefix + xml + part.suffix
        data = text.encode("utf-8")
        etree.fromstring(data)  # a template edited by hand must still give well-formed XML
        rendered[name] = data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in compiled.entries:
            info = zipfile.ZipInfo(entry.filename, date_time=entry.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, rendered.get(entry.filename, compiled.blobs[entry.filename]))
    return buffer.getvalue()


class _TemplateCache:
    """Per template file (and modification time): its bytes and the variables it uses."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[Path, tuple[float, bytes, frozenset[str] | None]] = {}
        self._compiled: dict[tuple[Path, float], _Compiled | None] = {}

    def _entry(self, path: Path) -> tuple[float, bytes, frozenset[str] | None]:
        mtime = path.stat().st_mtime
        with self._lock:
            cached = self._data.get(path)
        if cached and cached[0] == mtime:
            return cached
        entry = (mtime, path.read_bytes(), None)
        with self._lock:
            self._data[path] = entry
        return entry

    def read(self, path: Path) -> bytes:
        return self._entry(path)[1]

    def compiled(self, path: Path, env: SandboxedEnvironment) -> _Compiled | None:
        """The fast-path form of the template (compiled once per template version)."""
        mtime, data, _ = self._entry(path)
        key = (path, mtime)
        with self._lock:
            if key in self._compiled:
                return self._compiled[key]
        compiled = _compile(data, env)
        with self._lock:
            self._compiled[key] = compiled
        return compiled

    def variables(self, path: Path, doc: DocxTemplate, env: SandboxedEnvironment) -> frozenset[str]:
        """Every variable the template uses (parsed once per template version)."""
        mtime, data, names = self._entry(path)
        if names is None:
            names = frozenset(doc.get_undeclared_template_variables(jinja_env=env))
            with self._lock:
                current = self._data.get(path)
                if current and current[0] == mtime:
                    self._data[path] = (mtime, data, names)
        return names


_CACHE = _TemplateCache()


@dataclass(frozen=True)
class Picture:
    """An image placed at a given width (a bare path in ``images`` is a 15 mm high logo)."""

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
    properties: Properties | None = None,
) -> Path:
    """Render ``template`` with ``context`` into ``target`` (atomically). Returns ``target``.

    ``images`` maps context names to image files (e.g. the institution's logo), inserted
    15 mm high, or to a ``Picture`` (e.g. a chart) at its width; None renders as nothing.
    ``properties`` replace the template's title, author, subject and language.
    """
    template = Path(template)
    env = _ENV
    context = dict(context)
    try:
        doc = _Template(io.BytesIO(_CACHE.read(template)))
        for name, image in (images or {}).items():
            if isinstance(image, Picture):
                context[name] = InlineImage(doc, str(image.path), width=Mm(image.width_mm))
            else:
                context[name] = InlineImage(doc, str(image), height=Mm(15)) if image else None
        missing = _CACHE.variables(template, doc, env) - set(context)
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
        compiled = _CACHE.compiled(template, env) if not any(images.values() if images else ()) else None
        if compiled is not None:
            data = _fill(compiled, context, doc, properties)
        else:
            doc.render(context, jinja_env=env, autoescape=True)
            if properties is not None:
                _set_properties(doc, properties)
    except etree.XMLSyntaxError as exc:
        raise _problem(
            template,
            f"al completarla queda un documento Word mal formado ({exc}).",
            "Revise que las etiquetas {% %} no partan un párrafo o una tabla por la mitad.",
        ) from None
    except SecurityError as exc:
        attribute = re.search(r"attribute '([^']+)'", str(exc))
        what = f" («{attribute.group(1)}»)" if attribute else ""
        raise _problem(
            template,
            f"intenta acceder a partes internas de Python{what}, lo que no está permitido.",
            "Las plantillas solo pueden mostrar los datos del documento.",
        ) from None
    except UndefinedError as exc:
        raise _problem(template, f"falta un dato ({exc.message}).") from None
    except TemplateError as exc:
        raise _problem(template, f"no se pudo completar ({exc}).") from None
    with atomic_output(Path(target)) as temp:
        if compiled is not None:
            temp.write_bytes(data)
        else:
            doc.save(temp)
    return Path(target)
