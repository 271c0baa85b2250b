"""Where each element of a well-formed document starts and ends, in characters of its text.

The loader learns what each ``<property>`` means from libxml2; this scanner tells where its
elements are written, so a fix can replace exactly the characters of one ``<value>``. It is
run on documents libxml2 has parsed, and ``names_checksum`` (:mod:`yarnlint.config.text`)
lets the caller check that both saw the same elements in the same order (an entity expanding
to markup breaks that, and the fix is then refused). Linear time: every search moves forward.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from enum import StrEnum

_DECLARED = re.compile(r"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


class MarkupError(ValueError):
    """Text the scanner cannot follow (it is not well-formed)."""


@dataclass(slots=True)
class Element:
    """One element: ``start``..``open_end`` is its start tag, ``close_start``..``end`` its end
    tag (both None for ``<empty/>``); ``attributes`` maps local names to value spans."""

    name: str
    start: int
    open_end: int
    depth: int = 0
    """0 for the root element, 1 for its children, and so on."""
    close_start: int | None = None
    end: int | None = None
    attributes: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.close_start is None


class PieceKind(StrEnum):
    """What a run of markup is."""

    TEXT = "text"
    COMMENT = "comment"
    PI = "pi"
    """A processing instruction."""
    CDATA = "cdata"
    DECLARATION = "declaration"
    ELEMENT = "element"


@dataclass(frozen=True)
class Piece:
    """A run of element content: text, a comment, PI, CDATA section or child element."""

    kind: PieceKind
    start: int
    end: int


def local(name: str) -> str:
    """A tag name without its namespace prefix."""
    return name.rpartition(":")[2]


def _find(text: str, needle: str, start: int) -> int:
    found = text.find(needle, start)
    if found < 0:
        raise MarkupError(f"unterminated markup at character {start}")
    return found


def _skip_declaration(text: str, start: int) -> int:
    """The end of ``<!DOCTYPE ...>`` (internal subset, quotes and comments in it included)."""
    position, depth, quote = start + 2, 0, ""
    while position < len(text):
        char = text[position]
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif text.startswith("<!--", position):
            position = _find(text, "-->", position + 4) + 2
        elif text.startswith("<?", position):
            position = _find(text, "?>", position + 2) + 1
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == ">" and depth <= 0:
            return position + 1
        position += 1
    raise MarkupError(f"unterminated declaration at character {start}")


def _skip_special(text: str, at: int) -> tuple[PieceKind, int] | None:
    """(kind, end) of a comment, CDATA section, PI or declaration starting at ``at``."""
    if text.startswith("<!--", at):
        return PieceKind.COMMENT, _find(text, "-->", at + 4) + 3
    if text.startswith("<![CDATA[", at):
        return PieceKind.CDATA, _find(text, "]]>", at + 9) + 3
    if text.startswith("<?", at):
        return PieceKind.PI, _find(text, "?>", at + 2) + 2
    if text.startswith("<!", at):
        return PieceKind.DECLARATION, _skip_declaration(text, at)
    return None


_TOKEN = re.compile(r"""<(?:
      /(?P<close>[^\s/>=]+)\s*>
    | (?P<skip>!--.*?-->|!\[CDATA\[.*?\]\]>|\?.*?\?>)
    | (?P<declaration>!(?!--|\[CDATA\[))
    | (?P<open>(?P<name>[^\s/>=!?][^\s/>=]*)
               (?P<attributes>(?:\s+[^\s/>=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*/?)>
    | (?P<other>)
)""", re.DOTALL | re.VERBOSE)
"""One piece of markup: an end tag; a comment, CDATA section or PI; the start of a
declaration; a start tag; else ``other`` (unterminated or malformed)."""
_ATTRIBUTE = re.compile(r"""([^\s/>=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _open_tag(text: str, match: re.Match[str], depth: int) -> Element:
    """The element of a start tag ``_TOKEN`` matched."""
    name = match.group("name")
    element = Element(local(name) if ":" in name else name, match.start(), match.end(), depth)
    start, end = match.span("attributes")
    if start < end:
        for attribute in _ATTRIBUTE.finditer(text, start, end):
            value = 2 if attribute.group(2) is not None else 3
            element.attributes[local(attribute.group(1))] = attribute.span(value)
    return element


def scan(text: str) -> list[Element]:
    """Every element in document order (MarkupError when the text is not well-formed)."""
    elements: list[Element] = []
    open_elements: list[Element] = []
    open_names: list[str] = []  # as written: an end tag repeats its start tag's name
    position = 0
    search = _TOKEN.search
    while (match := search(text, position)) is not None:
        at, position = match.span()
        kind = match.lastgroup
        if kind == "close":
            if not open_names or match.group("close") != open_names.pop():
                raise MarkupError(f"unexpected end tag at character {at}")
            element = open_elements.pop()
            element.close_start, element.end = at, position
        elif kind == "open":
            element = _open_tag(text, match, len(open_elements))
            elements.append(element)
            if text[position - 2] != "/":
                open_elements.append(element)
                open_names.append(match.group("name"))
        elif kind == "declaration":
            position = _skip_declaration(text, at)
        elif kind == "other":
            raise MarkupError(f"unterminated or malformed markup at character {at}")
    if open_elements:
        raise MarkupError(f"element <{open_elements[-1].name}> is never closed")
    return elements


def content(text: str, element: Element) -> list[Piece]:
    """The pieces of an element's content, child elements as single pieces."""
    if element.close_start is None:
        return []
    pieces: list[Piece] = []
    position, end = element.open_end, element.close_start
    while position < end:
        at = text.find("<", position, end)
        if at < 0:
            at = end
        if at > position:
            pieces.append(Piece(PieceKind.TEXT, position, at))
        if at >= end:
            break
        special = _skip_special(text, at)
        if special is not None:
            pieces.append(Piece(special[0], at, special[1]))
            position = special[1]
            continue
        position = _child_end(text, at, end)
        pieces.append(Piece(PieceKind.ELEMENT, at, position))
    return pieces


def _child_end(text: str, at: int, limit: int) -> int:
    """The end of the element starting at ``at`` (its nested elements skipped)."""
    depth = 0
    position = at
    while (match := _TOKEN.search(text, position, limit)) is not None:
        position = match.end()
        kind = match.lastgroup
        if kind == "declaration":
            position = _skip_declaration(text, match.start())
            continue
        if kind == "other":
            raise MarkupError(f"unterminated or malformed markup at character {match.start()}")
        if kind == "close":
            depth -= 1
        elif kind == "open" and text[position - 2] != "/":
            depth += 1
        if depth == 0 and kind != "skip":
            return position
    raise MarkupError(f"element at character {at} is never closed")


@dataclass(frozen=True)
class Decoded:
    """A document's text and how to turn character offsets back into byte offsets."""

    text: str
    codec: str
    prefix: int
    """Bytes before the text (a byte order mark)."""

    def byte_offset(self, data: bytes, offset: int) -> int:
        return self.prefix + len(self.text[:offset].encode(self.codec))

    def encode(self, text: str) -> bytes:
        """``text`` in the document's encoding; characters it lacks become references."""
        return text.encode(self.codec, errors="xmlcharrefreplace")


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(data: bytes, declared: str | None) -> Decoded:
    """The document's text, decoded as libxml2 does; MarkupError when Python cannot, or when
    re-encoding the text would not give back the same bytes."""
    codec, prefix = _codec(data, declared)
    try:
        text = data[prefix:].decode(codec)
    except (UnicodeDecodeError, LookupError) as exc:
        raise MarkupError(f"cannot decode the file as {codec}: {exc}") from None
    if text.encode(codec) != data[prefix:]:
        raise MarkupError(f"the file's {codec} bytes do not decode and encode back exactly")
    return Decoded(text, codec, prefix)


def _codec(data: bytes, declared: str | None) -> tuple[str, int]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    if data.startswith(b"<\0?\0"):
        return "utf-16-le", 0
    if data.startswith(b"\0<\0?"):
        return "utf-16-be", 0
    name = declared
    if name is None:
        match = _DECLARED.match(data[:200].decode("latin-1"))
        name = match.group(1) if match else "utf-8"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise MarkupError(f"encoding {name!r} is not known to Python, so yarnlint cannot "
                          "edit the file") from None
    if codec.startswith(("utf-16", "utf-32")):
        raise MarkupError(f"encoding {name!r} without a byte order mark")
    return codec, 0
