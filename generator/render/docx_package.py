"""Slim the .docx files cddgen creates with python-docx (templates and the blank Word form), and
declare their language.

python-docx starts every document from its own default template, which carries about 800 KB
of style definitions nobody uses (``styles.xml`` with every built-in table style, and a copy
of it with effects for Word 2010) and a thumbnail of an empty page. LibreOffice parses all of
it for every document it converts: on a 3-page acta it spends about a third of its time on
those styles. Only the styles the document refers to (and the ones they are based on) are
kept; Word recreates any built-in style the moment a user picks it, so restyling is unchanged.
"""

from __future__ import annotations

import re

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

# Style references in WordprocessingML: paragraph, run, table and numbering styles.
_STYLE_REFERENCE = re.compile(rb'w:(?:pStyle|rStyle|tblStyle|numStyleId|styleLink|numStyleLink) w:val="([^"]+)"')
# Word 2010's copy of the styles (python-docx has no constant for it) and the page thumbnail.
_UNUSED_PARTS = ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.THUMBNAIL)


def slim(document: Document) -> None:
    """Drop the styles ``document`` does not use and the parts no reader needs, in place."""
    # First the parts: the package is saved by following relationships, so a part without
    # one is gone (and its style references no longer count).
    for relationships in (document.part.rels, document.part.package.rels):
        for rel_id in [rel_id for rel_id, rel in relationships.items() if rel.reltype in _UNUSED_PARTS]:
            del relationships[rel_id]
    styles = document.styles.element
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    wanted = {style_id for style_id, style in by_id.items() if style.get(qn("w:default")) == "1"}
    for part in document.part.package.iter_parts():
        if getattr(part, "element", None) is styles or not part.partname.endswith(".xml"):
            continue
        wanted |= {match.decode() for match in _STYLE_REFERENCE.findall(part.blob)}
    pending = list(wanted)
    while pending:  # a kept style keeps the styles it is based on, links to and is followed by
        style = by_id.get(pending.pop())
        if style is None:
            continue
        for tag in ("w:basedOn", "w:next", "w:link"):
            reference = style.find(qn(tag))
            if reference is not None and reference.get(qn("w:val")) not in wanted:
                wanted.add(reference.get(qn("w:val")))
                pending.append(reference.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in wanted:
            styles.remove(style)


LANGUAGE = "es-PE"


def declare_language(document: Document, language: str = LANGUAGE) -> None:
    """Declare ``language`` as the document's language (the default of every run), so Word and
    LibreOffice check its spelling in Spanish and LibreOffice writes it as the PDF's /Lang."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = document.styles.element.makeelement(qn("w:docDefaults"), {})
        document.styles.element.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = defaults.makeelement(qn("w:rPrDefault"), {})
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = run_defaults.makeelement(qn("w:rPr"), {})
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = properties.makeelement(qn("w:lang"), {})
        properties.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    document.core_properties.language = language
