"""Machine-applicable fixes: set a key's ``<value>`` text, or insert a missing ``<property>``.

The file is read by the loader (what YARN reads) and scanned by ``config.markup`` (where it is
written): the edit replaces the content of the very ``<value>`` element (or ``value``
attribute) whose text YARN uses, so everything else stays byte for byte: comments, whitespace,
attribute order, the encoding declaration, line endings, comments inside the value. An edit
YARN would not honour is refused, never appended: a key set in an XIncluded file, locked
``final`` earlier (in the file or in yarn-site), or a ``<property>`` a later one shadows.
:func:`verify` re-reads an edited file and checks that the effective values are the old ones
plus the intended changes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from yarnlint.config.markup import (
    Decoded,
    Element,
    MarkupError,
    PieceKind,
    content,
    decode,
    scan,
)
from yarnlint.config.resolve import Configuration
from yarnlint.config.text import names_checksum
from yarnlint.config.xmlload import LoadedFile, PropertyDef, load_xml
from yarnlint.core.edits import TextEdit
from yarnlint.core.findings import InputError, ValueFix

_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_CONTENT_KEPT = (PieceKind.COMMENT, PieceKind.PI)
"""Pieces of a ``<value>``'s content kept by an edit (YARN ignores them; people read them)."""


class FixError(ValueError):
    """A fix that cannot be placed in the file."""


def escape(text: str, quotes: bool = False) -> str:
    """``text`` as XML character data (or, with ``quotes``, as an attribute value) that reads
    back as exactly ``text`` (line breaks as references, which XML would normalise)."""
    if _NOT_XML_CHAR.search(text):
        raise FixError(f"the value {text!r} holds characters XML cannot carry")
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace("\r", "&#13;")
    if quotes:
        escaped = escaped.replace('"', "&quot;").replace("'", "&apos;")
        escaped = escaped.replace("\n", "&#10;").replace("\t", "&#9;")
    return escaped


def file_encoding(data: bytes) -> str:
    """The Python codec of a file's text (UTF-8 when it cannot be told)."""
    try:
        return decode(data[:4096], None).codec
    except MarkupError:
        return "utf-8"


@dataclass
class Document:
    """A file as YARN reads it (``loaded``) and as it is written (``decoded``, ``elements``)."""

    data: bytes
    loaded: LoadedFile
    decoded: Decoded
    elements: list[Element]

    @classmethod
    def read(cls, data: bytes, path: Path, display: str | None = None) -> Document:
        """Load and scan ``data`` (the bytes of ``path``); FixError when it cannot be edited."""
        try:
            loaded = load_xml(path, display, data)
        except InputError as exc:
            raise FixError(str(exc)) from None
        return cls.of(data, loaded)

    @classmethod
    def of(cls, data: bytes, loaded: LoadedFile) -> Document:
        """Scan ``data``, already loaded as ``loaded``; FixError when it cannot be edited."""
        if not loaded.parsed:
            raise FixError("the file is not well-formed XML, so it is not edited")
        try:
            decoded = decode(data, loaded.encoding)
            elements = scan(decoded.text)
        except MarkupError as exc:
            raise FixError(f"cannot locate the elements in the file: {exc}") from None
        if names_checksum(e.name for e in elements) != loaded.elements:
            raise FixError("the elements written in the file are not those it reads as "
                           "(an entity expands to markup), so it is not edited")
        return cls(data, loaded, decoded, elements)

    def in_this_file(self, prop: PropertyDef) -> bool:
        return prop.location.file == self.loaded.display and prop.element >= 0

    def edit(self, start: int, end: int, replacement: str) -> TextEdit:
        """A TextEdit from character offsets of the decoded text."""
        first = self.decoded.byte_offset(self.data, start)
        last = first + len(self.decoded.encode(self.decoded.text[start:end]))
        return _edit(self.data, first, last, self.decoded.encode(replacement))

    def value_edit(self, prop: PropertyDef, value: str) -> TextEdit:
        """Replace the value YARN reads from ``prop`` by ``value``."""
        text = self.decoded.text
        holder = self.elements[prop.element]
        if prop.value_element is None:
            span = holder.attributes.get("value")
            if holder.name != "property" or span is None:
                raise FixError(f"no value attribute at {prop.location}")
            return self.edit(*span, escape(value, quotes=True))
        element = self.elements[prop.value_element]
        if element.name != "value" or element.close_start is None:
            raise FixError(f"no <value> element for the <property> at {prop.location}")
        parts: list[str] = []
        placed = False
        for piece in content(text, element):
            if piece.kind in _CONTENT_KEPT:
                parts.append(text[piece.start:piece.end])
            elif not placed:
                parts.append(escape(value))
                placed = True
        if not placed:
            parts.append(escape(value))
        return self.edit(element.open_end, element.close_start, "".join(parts))

    def insert_edit(self, key: str, value: str, prefix: str) -> TextEdit:
        """A new ``<property>`` after the last one of this file whose name starts with
        ``prefix`` (else after its last one), with their indentation and line ending."""
        text = self.decoded.text
        candidates = [p for p in self.loaded.properties if self.in_this_file(p)
                      and self.elements[p.element].depth == 1]
        anchor = next((p for p in reversed(candidates) if p.name.startswith(prefix)),
                      candidates[-1] if candidates else None)
        newline = _newline(text)
        if anchor is None:
            root = self.elements[0]
            if root.close_start is None:
                raise FixError("the file's root element is empty; there is no place to add "
                               f"{key}")
            body = _property_text(key, value, "  ", "    ", newline)
            return self.edit(root.close_start, root.close_start, newline + body + newline)
        element = self.elements[anchor.element]
        end = element.end if element.end is not None else element.open_end
        before = text[:element.start]
        separator = before[len(before.rstrip()):] or newline
        indent = re.split(r"\r\n|\r|\n", separator)[-1]
        child = re.search(r"[\r\n]([ \t]+)<", text[element.start:end])
        child_indent = child.group(1) if child else indent + "  "
        breaks = separator[:len(separator) - len(indent)] or newline
        body = _property_text(key, value, indent, child_indent, newline)
        return self.edit(end, end, breaks + body)


def _newline(text: str) -> str:
    """The file's line ending: CRLF, LF or a lone CR (LF when it has none)."""
    for ending in ("\r\n", "\n", "\r"):
        if ending in text:
            return ending
    return "\n"


def _property_text(key: str, value: str, indent: str, child_indent: str, newline: str) -> str:
    return (f"{indent}<property>{newline}"
            f"{child_indent}<name>{escape(key)}</name>{newline}"
            f"{child_indent}<value>{escape(value)}</value>{newline}"
            f"{indent}</property>")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and byte column of an offset (CRLF, LF and CR end a line)."""
    line, line_start = 1, 0
    for match in _LINE_BREAK.finditer(data, 0, offset):
        line, line_start = line + 1, match.end()
    return line, offset - line_start + 1


def _edit(data: bytes, start: int, end: int, replacement: bytes) -> TextEdit:
    return TextEdit(start, end, replacement, *_position(data, start), *_position(data, end))


def _refusal(document: Document, fix: ValueFix, conf: Configuration,
             underneath: Sequence[PropertyDef]) -> str | None:
    """Why YARN would not honour setting ``fix.key`` in this file (None: it would)."""
    definitions = [*underneath, *document.loaded.properties]
    locked = next((p for p in definitions if p.name == fix.key and p.final), None)
    effective = conf.effective.get(fix.key)
    if locked is not None and not (document.in_this_file(locked) and locked is effective):
        return (f"{fix.key} is final at {locked.location}: YARN ignores every later "
                "definition, so it is not edited here")
    if effective is None or effective in underneath:
        return None
    if not document.in_this_file(effective):
        return (f"{fix.key} is set in the included file {effective.location}: edit it there "
                "(a definition added here would not be the one YARN uses)")
    if fix.location is not None and (fix.location.line, fix.location.column) != (
            effective.location.line, effective.location.column):
        return (f"the <property> at {fix.location} is shadowed by the later definition at "
                f"{effective.location}, which YARN uses")
    return None


def plan_each(document: Document, fixes: list[ValueFix], prefix: str,
              underneath: Sequence[PropertyDef] = ()
              ) -> tuple[list[TextEdit], list[tuple[ValueFix, str]]]:
    """Edits for the fixes YARN would honour (last fix of a key wins), sorted, and the fixes
    refused with the reason."""
    conf = Configuration.from_resources([list(underneath), document.loaded.properties])
    edits: list[TextEdit] = []
    refused: list[tuple[ValueFix, str]] = []
    for fix in {fix.key: fix for fix in fixes}.values():
        reason = _refusal(document, fix, conf, underneath)
        if reason is None:
            effective = conf.effective.get(fix.key)
            try:
                if effective is not None and document.in_this_file(effective):
                    edits.append(document.value_edit(effective, fix.value))
                else:
                    edits.append(document.insert_edit(fix.key, fix.value, prefix))
                continue
            except FixError as exc:
                reason = str(exc)
        refused.append((fix, reason))
    edits.sort(key=lambda e: (e.start, e.end))
    for before, after in itertools.pairwise(edits):
        if after.start < before.end:
            raise FixError("two fixes overlap in the same property")
    return edits, refused


def plan(data: bytes, fixes: list[ValueFix], prefix: str, path: Path | None = None,
         underneath: Sequence[PropertyDef] = ()) -> list[TextEdit]:
    """Edits for several fixes of one file (FixError when one cannot be made).

    ``path``: where the file is (its includes are read beside it); by default the file the
    first fix names.
    """
    located = next((f.location for f in fixes if f.location is not None), None)
    where = path or Path(located.file if located else "capacity-scheduler.xml")
    edits, refused = plan_each(Document.read(data, where, located.file if located else None),
                               fixes, prefix, underneath)
    if refused:
        raise FixError(refused[0][1])
    return edits


def apply(data: bytes, edits: list[TextEdit]) -> bytes:
    """Apply non-overlapping edits (any order) to the file's bytes."""
    result = data
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[0]), reverse=True)
    for _, edit in ordered:
        result = result[:edit.start] + edit.replacement + result[edit.end:]
    return result


def _state(underneath: Sequence[PropertyDef], loaded: LoadedFile
           ) -> tuple[dict[str, str | None], set[str]]:
    """Effective raw values and final keys of a file over what lies underneath."""
    conf = Configuration.from_resources([list(underneath), loaded.properties])
    finals = {p.name for p in (*underneath, *loaded.properties) if p.final}
    return {key: prop.value for key, prop in conf.effective.items()}, finals


def verify(before: LoadedFile, after: LoadedFile, changes: dict[str, str],
           underneath: Sequence[PropertyDef] = ()) -> str | None:
    """What is wrong with ``after`` as ``before`` plus ``changes`` (None: nothing)."""
    if not after.parsed:
        return "the edited file does not read back as well-formed XML"
    old_values, old_finals = _state(underneath, before)
    new_values, new_finals = _state(underneath, after)
    expected = {**old_values, **changes}
    if new_finals != old_finals:
        return "the edited file locks other keys final than before"
    wrong = sorted(key for key in expected.keys() | new_values.keys()
                   if expected.get(key) != new_values.get(key))
    if wrong:
        return (f"the edited file reads back with other values than intended for "
                f"{', '.join(wrong[:5])}")
    return None

