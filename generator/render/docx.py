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
picked up). A render is then only the compiled parts (body, headers, footers, footnotes)
filled with the context, checked to be well-formed XML, and written into a copy of the
template's zip: the fast path. What docxtpl's render does after filling the body is done
too: the tables' grids fitted to the cells that column loops ({%tc %}) and merges
({% hm %}, {% colspan %}) left (``fit_table_grids``, docxtpl's fix_tables, which cddgen's
docxtpl path uses as well) and the drawings renumbered (its fix_docpr_ids); the body is
serialised again only when they change something. Its documents are docxtpl's, tag for tag
(tests/test_docxtpl_parity.py). Only a render with images to insert (the logo, a chart) or
a template with tags in its properties (title, author…) takes docxtpl's own path.
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

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.parser import parse_xml
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
    the filled body's table grids fitted as on the fast path (fit_table_grids)."""

    def patch_xml(self, src_xml: str) -> str:
        patched = _PATCHED.get(src_xml)
        if patched is None:
            patched = super().patch_xml(src_xml)
            _PATCHED.put(src_xml, patched)
        return patched

    def fix_tables(self, xml: str) -> etree._Element:
        # docxtpl reads the filled body with a recovering parser, which silently drops what a
        # tag cutting a table or a paragraph in half left broken: fail loudly instead, as the
        # headers and the fast path do; and fit the grids as the fast path does.
        tree = etree.fromstring(xml)
        fit_table_grids(tree)
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
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
_CORE_PROPERTIES = "docProps/core.xml"
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DRAWING_ID = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_TABLE, _GRID, _GRID_COLUMN, _ROW, _CELL = (f"{_W}{tag}" for tag in ("tbl", "tblGrid", "gridCol", "tr", "tc"))
_CELL_PROPERTIES, _GRID_SPAN, _VAL, _WIDTH = f"{_W}tcPr", f"{_W}gridSpan", f"{_W}val", f"{_W}w"
# The parts docxtpl fills besides the body: the headers and footers related from the document
# (build_headers_footers_xml) and the footnotes (render_footnotes).
_FILLED_PARTS = (RT.HEADER, RT.FOOTER, RT.FOOTNOTES)


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


def _filled_part_names(blobs: dict[str, bytes]) -> dict[str, str]:
    """Zip name → relationship type of each header, footer and footnotes part of the document."""
    if _DOCUMENT_RELS not in blobs:
        return {}
    names = {}
    for relationship in parse_xml(blobs[_DOCUMENT_RELS]).iter(_RELATIONSHIP):
        kind = relationship.get("Type")
        if kind in _FILLED_PARTS and relationship.get("TargetMode") != "External":
            name = PackURI.from_rel_ref("/word", relationship.get("Target")).membername
            if blobs.get(name):  # docxtpl skips a related part that is empty
                names[name] = kind
    return names


def _compile(data: bytes, env: SandboxedEnvironment) -> _Compiled | None:
    """The fast-path form of a template, or None when docxtpl's full path is needed.

    Each part is read as docxtpl reads it (python-docx's parser, which drops blank text
    between elements; the footnotes as they are in the package), cleaned by its patch_xml and
    compiled as its render_xml_part would.
    """
    helper = _Template(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        blobs = {entry.filename: archive.read(entry.filename) for entry in entries}
    if _DOCUMENT not in blobs:
        return None
    core = blobs.get(_CORE_PROPERTIES, b"")
    if b"{{" in core or b"{%" in core or b"{#" in core:
        return None  # docxtpl's render_properties fills these; rare enough to leave to it
    compiled = _Compiled(entries, blobs)
    root = parse_xml(blobs[_DOCUMENT])
    whole = etree.tostring(root, encoding="unicode")
    body = etree.tostring(root.find(f"{_W}body"), encoding="unicode")
    start, end = whole.index("<w:body"), whole.rindex("</w:body>") + len("</w:body>")
    sources = {_DOCUMENT: (_XML_DECLARATION + whole[:start], body, whole[end:])}
    for name, kind in _filled_part_names(blobs).items():
        if kind == RT.FOOTNOTES:
            sources[name] = ("", blobs[name].decode("utf-8"), "")
        else:
            sources[name] = (_XML_DECLARATION, etree.tostring(parse_xml(blobs[name]), encoding="unicode"), "")
    for name, (prefix, source, suffix) in sources.items():
        # As docxtpl's render_xml_part: each paragraph on its own line while Jinja runs.
        patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", helper.patch_xml(source))
        compiled.parts[name] = _Part(prefix, env.from_string(patched), suffix)
    return compiled


def _span(cell: etree._Element) -> int:
    """How many grid columns a cell takes (lxml's iterchildren: find() costs more per cell)."""
    for properties in cell.iterchildren(_CELL_PROPERTIES):
        for span in properties.iterchildren(_GRID_SPAN):
            return int(span.get(_VAL))
        break
    return 1


def fit_table_grids(body: etree._Element) -> bool:
    """Fit each table's grid (gridCol) to the cells its rows have after filling; True when
    something changed. Both render paths use it (docxtpl's through ``_Template.fix_tables``).

    Column loops ({%tc %}) and merges ({% hm %}, {% colspan %}) leave rows with more or fewer
    cells than the template's grid, which Word and LibreOffice then draw otherwise. This is
    docxtpl's fix_tables (template.py, 0.20) step for step, on a parsed body so that the fast
    path neither parses nor serialises again when nothing changes: columns are added, keeping
    the table's width, when a row has more cells than the grid; the last ones are removed, their
    width shared among the rest, when no row spans the grid. As there, the rows of a nested
    table count for the tables around it too.
    """
    changed = False
    for table in body.iter(_TABLE):
        grid = table.find(_GRID)
        columns = grid.findall(_GRID_COLUMN)
        to_add = max((len(row.findall(_CELL)) for row in table.iter(_ROW)), default=0) - len(columns)
        if to_add > 0:
            width = sum(float(column.get(_WIDTH)) for column in columns if column.get(_WIDTH) is not None)
            if width > 0:  # the table's width kept, in proportion
                old_average, new_average = width / len(columns), width / (len(columns) + to_add)
                for column in columns:
                    column.set(_WIDTH, str(int(float(column.get(_WIDTH)) * new_average / old_average)))
                for _ in range(to_add):
                    etree.SubElement(grid, _GRID_COLUMN, {_WIDTH: str(int(new_average))})
                changed = True
        columns = grid.findall(_GRID_COLUMN)
        widest = 0
        for row in table.iter(_ROW):
            widest = max(widest, sum(map(_span, row.iterchildren(_CELL))))
            if widest >= len(columns):
                break  # nothing to remove: the other rows need not be measured
        to_remove = len(columns) - widest
        if to_remove > 0:
            removed_width = 0.0
            for column in columns[-to_remove:]:
                removed_width += float(column.get(_WIDTH))
                grid.remove(column)
            left = columns[:-to_remove]
            extra = int(removed_width / len(left)) if left else 0
            for column in left:
                column.set(_WIDTH, str(int(float(column.get(_WIDTH)) + extra)))
            changed = True
    return changed


def _renumber_drawings(body: etree._Element) -> bool:
    """docxtpl's fix_docpr_ids: the drawings' ids from 1001 up, in order, since a loop that
    repeats a drawing repeats its id; True when the body has drawings."""
    drawings = list(body.iter(_DRAWING_ID))
    for number, drawing in enumerate(drawings, start=1001):
        drawing.set("id", str(number))
    return bool(drawings)


def _finish_body(rendered: bytes) -> bytes:
    """The document part as docxtpl's render() leaves it: after filling the body it fits the
    tables' grids and renumbers the drawings. For most documents neither changes anything and
    the filled XML is the result; otherwise the part is serialised as python-docx saves it."""
    document = etree.fromstring(rendered)  # a template edited by hand must still give well-formed XML
    body = document.find(f"{_W}body")
    if body is None:
        return rendered
    grids_fitted = fit_table_grids(body)
    if not (_renumber_drawings(body) or grids_fitted):
        return rendered
    return etree.tostring(document, encoding="UTF-8", standalone=True)


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
        data = (part.prefix + xml + part.suffix).encode("utf-8")
        if name == _DOCUMENT:
            data = _finish_body(data)
        else:
            etree.fromstring(data)  # well-formed, as python-docx requires when docxtpl loads it
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
