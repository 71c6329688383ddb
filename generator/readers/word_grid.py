"""Read a Word table as it prints: a grid of cells placed on the table's columns (merged cells
counted once), each with the text Word shows — never hidden (w:vanish), deleted (tracked changes)
or fallback text, Wingdings symbols as the marks they draw — and whether a content control or a
ticked check box made its mark. Nothing here knows a form: a form's reader finds its tables and
cells by their labels (``WordGrid.find``, ``right_of``, ``below``).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

from ..forms.spec import normalize_label

# Characters that print nothing. Labels and numbers are compared without them; a mark that
# carries one is explained, not taken (issue 15.9). Variation selectors (✔️) are part of a mark.
INVISIBLE_NAMES = {
    "\u00ad": "guion opcional", "\u200b": "espacio de ancho cero", "\u200c": "separador de ancho cero",
    "\u200d": "unión de ancho cero", "\u2060": "unión de palabras", "\ufeff": "marca de orden de bytes",
    "\u034f": "unión de grafemas", "\u180e": "separador de vocales mongol",
    "\u200e": "marca de dirección del texto", "\u200f": "marca de dirección del texto",
    "\u061c": "marca de dirección del texto",
    **{chr(code): "control de dirección del texto" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
_VARIATION_SELECTORS = "\ufe0e\ufe0f"
_INVISIBLE = dict.fromkeys(map(ord, "".join(INVISIBLE_NAMES) + _VARIATION_SELECTORS), None)
# Word's Insert › Symbol writes <w:sym>: the check marks and crosses of the Wingdings fonts.
_SYMBOLS = {
    ("wingdings", "F0FC"): "✓", ("wingdings", "F0FB"): "✗",
    ("wingdings 2", "F050"): "✓", ("wingdings 2", "F04F"): "✗",
    ("wingdings 2", "F052"): "☑", ("wingdings 2", "F054"): "☒",
    ("wingdings", "F0FE"): "☑", ("wingdings", "F0FD"): "☒",
}
_PRIVATE_USE = {"\uf0fc": "✓", "\uf0fb": "✗"}

_W_T, _W_TAB, _W_BR, _W_CR, _W_SYM, _W_P = (qn(f"w:{tag}") for tag in ("t", "tab", "br", "cr", "sym", "p"))
_W_FONT, _W_CHAR, _W_VAL = qn("w:font"), qn("w:char"), qn("w:val")
_W_R, _W_RPR, _W_PPR, _W_VANISH, _W_RSTYLE, _W_PSTYLE = (
    qn(f"w:{tag}") for tag in ("r", "rPr", "pPr", "vanish", "rStyle", "pStyle"))
_W_SDT, _W_SDT_CONTENT, _W_SDT_PR, _W_CUSTOM_XML = (qn(f"w:{tag}") for tag in ("sdt", "sdtContent", "sdtPr",
                                                                            "customXml"))
_W_DEL, _W_MOVE_FROM, _W_TR, _W_TC, _W_TR_PR = (qn(f"w:{tag}") for tag in ("del", "moveFrom", "tr", "tc", "trPr"))
_W_SOFT_HYPHEN, _W_NO_BREAK_HYPHEN, _W_FLD_CHAR = qn("w:softHyphen"), qn("w:noBreakHyphen"), qn("w:fldChar")
_W_CHECK_BOX, _W_CHECKED, _W_DEFAULT = qn("w:checkBox"), qn("w:checked"), qn("w:default")
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Text that never prints: deleted or moved away (tracked changes), a drawing's fallback copy.
_NOT_PRINTED = (_W_DEL, _W_MOVE_FROM, _MC_FALLBACK)
_WRAPPERS = (_W_SDT, _W_SDT_CONTENT, _W_CUSTOM_XML)


def _on(element) -> bool:
    """An OOXML on/off property: present means on, unless its value says off."""
    return element.get(_W_VAL, "true").lower() not in ("0", "false", "off")


class HiddenText:
    """Which runs of a document Word hides (w:vanish, «Oculto» in Font): on the run, through its
    character style, through its paragraph's style, or for the whole document. A hidden X does
    not print, so it is not a mark."""

    def __init__(self, document=None) -> None:
        self.default = False
        self._styles: dict[str, tuple[bool | None, str | None]] = {}
        if document is None:
            return
        root = document.styles.element
        for vanish in root.findall(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{_W_RPR}/{_W_VANISH}"):
            self.default = _on(vanish)
        for style in root.findall(qn("w:style")):
            vanish = style.find(f"{_W_RPR}/{_W_VANISH}")
            based = style.find(qn("w:basedOn"))
            self._styles[style.get(qn("w:styleId"), "")] = (
                _on(vanish) if vanish is not None else None, based.get(_W_VAL) if based is not None else None)

    def style(self, style_id: str | None) -> bool | None:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            vanish, based = self._styles.get(style_id, (None, None))
            if vanish is not None:
                return vanish
            style_id = based
        return None

    def run(self, run, paragraph_style: str | None) -> bool:
        properties = run.find(_W_RPR)
        if properties is not None:
            vanish = properties.find(_W_VANISH)
            if vanish is not None:
                return _on(vanish)
            style = properties.find(_W_RSTYLE)
            hidden = self.style(style.get(_W_VAL)) if style is not None else None
            if hidden is not None:
                return hidden
        hidden = self.style(paragraph_style)
        return self.default if hidden is None else hidden


@dataclass
class _Printed:
    """What a cell prints, and how its marks were made."""

    parts: list[str]
    in_control: bool = False  # printed text inside a content control (w:sdt) of the cell
    ticked_box: bool = False  # a ticked check box: a legacy form field or a content control

    @property
    def text(self) -> str:
        text = "".join(self.parts)
        for private, shown in _PRIVATE_USE.items():
            text = text.replace(private, shown)
        return text


def _cell_content(tc, hidden: HiddenText, *, wrapped: bool = False) -> _Printed:
    """The printed text of a table cell: runs, tabs, breaks and Wingdings symbols, paragraphs
    separated by newlines; never hidden text (w:vanish), deleted text (w:del, w:delText) nor
    a drawing's fallback copy. ``wrapped``: the cell itself is inside a content control."""
    printed = _Printed([])
    first = [True]

    def walk(element, in_control: bool, paragraph_style: str | None) -> None:
        for child in element:
            tag = child.tag
            if tag in _NOT_PRINTED or tag in (_W_SDT_PR, _W_RPR, _W_PPR):
                continue
            if tag == _W_SDT:
                checkbox = child.find(f"{_W_SDT_PR}/{_W14}checkbox")
                if checkbox is not None:  # its ☐ or ☒ is drawn by Word: a box, not a typed mark
                    checked = checkbox.find(f"{_W14}checked")
                    printed.ticked_box |= checked is not None and checked.get(f"{_W14}val", "1") in ("1", "true")
                    continue
                walk(child, True, paragraph_style)
            elif tag == _W_P:
                if not first[0]:
                    printed.parts.append("\n")
                first[0] = False
                style = child.find(f"{_W_PPR}/{_W_PSTYLE}")
                walk(child, in_control, style.get(_W_VAL) if style is not None else None)
            elif tag == _W_R:
                if not hidden.run(child, paragraph_style):
                    before = len(printed.parts)
                    _run_text(child, printed)
                    if in_control and "".join(printed.parts[before:]).strip():
                        printed.in_control = True
            else:
                walk(child, in_control, paragraph_style)

    walk(tc, wrapped, None)
    if wrapped and printed.text.strip():
        printed.in_control = True
    return printed


def _run_text(run, printed: _Printed) -> None:
    for element in run:
        tag = element.tag
        if tag == _W_T:
            printed.parts.append(element.text or "")
        elif tag == _W_TAB:
            printed.parts.append(" ")
        elif tag in (_W_BR, _W_CR):
            printed.parts.append("\n")
        elif tag == _W_SYM:
            font = (element.get(_W_FONT) or "").lower()
            char = (element.get(_W_CHAR) or "").upper()
            printed.parts.append(_SYMBOLS.get((font, char), "\ufffd"))
        elif tag == _W_SOFT_HYPHEN:
            printed.parts.append("\u00ad")  # Word's optional hyphen: invisible unless a line breaks there
        elif tag == _W_NO_BREAK_HYPHEN:
            printed.parts.append("-")
        elif tag == _W_FLD_CHAR:
            box = element.find(f"{qn('w:ffData')}/{_W_CHECK_BOX}")
            if box is not None:  # a legacy check box form field
                state = box.find(_W_CHECKED)
                if state is None:
                    state = box.find(_W_DEFAULT)
                printed.ticked_box |= state is not None and _on(state)


def _unwrapped(parent, tag: str, in_control: bool = False):
    """The ``tag`` children of ``parent``, also those inside content controls and custom XML
    (Word wraps a row or a cell in them), each with whether a content control wraps it."""
    for child in parent:
        if child.tag == tag:
            yield child, in_control
        elif child.tag in _WRAPPERS:
            yield from _unwrapped(child, tag, in_control or child.tag == _W_SDT)


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int  # first grid column
    span: int
    text: str
    continued: bool  # lower part of a vertically merged cell
    in_control: bool = False
    ticked_box: bool = False

    @property
    def label(self) -> str:
        return normalize_label(self.text)

    @property
    def compact(self) -> str:
        """The text without any whitespace or invisible characters (how labels and numbers are compared)."""
        return "".join(self.text.translate(_INVISIBLE).split())


class WordGrid:
    """A Word table as rows of cells placed on its column grid (merged cells counted once).
    A row deleted with tracked changes does not print, and is left out."""

    def __init__(self, tbl, hidden: HiddenText | None = None) -> None:
        hidden = hidden or HiddenText()
        self.rows: list[list[GridCell]] = []
        rows = [tr for tr, _ in _unwrapped(tbl, _W_TR) if tr.find(f"{_W_TR_PR}/{_W_DEL}") is None]
        for index, tr in enumerate(rows):
            before = tr.trPr.find(qn("w:gridBefore")) if tr.trPr is not None else None
            col = int(before.get(qn("w:val"))) if before is not None else 0
            cells = []
            for tc, wrapped in _unwrapped(tr, _W_TC):
                span = tc.grid_span
                content = _cell_content(tc, hidden, wrapped=wrapped)
                cells.append(GridCell(index, col, span, content.text, tc.vMerge == "continue", content.in_control,
                                   content.ticked_box))
                col += span
            self.rows.append(cells)

    def cells(self):
        for row in self.rows:
            yield from row

    def find(self, label: str) -> GridCell | None:
        wanted = normalize_label(label)
        return next((cell for cell in self.cells() if cell.label == wanted and not cell.continued), None)

    def has(self, label: str) -> bool:
        return self.find(label) is not None

    def right_of(self, cell: GridCell) -> GridCell | None:
        row = self.rows[cell.row]
        later = [other for other in row if other.col > cell.col]
        return later[0] if later else None

    def at(self, row: int, col: int) -> GridCell | None:
        return next((cell for cell in self.rows[row] if cell.col == col), None) if row < len(self.rows) else None

    def below(self, cell: GridCell) -> GridCell | None:
        for row in range(cell.row + 1, len(self.rows)):
            found = self.at(row, cell.col)
            if found is not None and not found.continued:
                return found
        return None
