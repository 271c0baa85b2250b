"""Machine-applicable fixes: set a key's ``<value>`` text, or insert a missing ``<property>``.

Edits are byte ranges in the original file, so everything outside the edited value stays
identical: comments, whitespace, attribute order, the encoding declaration, CRLF endings.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from yarnlint.findings import Location, ValueFix

_PROPERTY_TAG = re.compile(
    rb"</(?:[A-Za-z_][\w.-]*:)?property\s*>|<(?:[A-Za-z_][\w.-]*:)?property(?:\s[^>]*)?/?>")
_COMMENT_OR_CDATA = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S)
_VALUE_ELEMENT = re.compile(
    rb"<(?P<tag>(?:[A-Za-z_][\w.-]*:)?value)(?:\s[^>]*)?>(?P<text>.*?)</(?P=tag)\s*>"
    rb"|<(?:[A-Za-z_][\w.-]*:)?value\s*/>", re.S)
_VALUE_ATTRIBUTE = re.compile(rb"\svalue\s*=\s*(?P<q>[\"'])(?P<text>.*?)(?P=q)", re.S)
_NAME_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?name(?:\s[^>]*)?>\s*(?P<text>[^<]*?)\s*<",
                           re.S)
_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


@dataclass(frozen=True)
class TextEdit:
    """Replace bytes ``start:end`` of a file; lines and columns are 1-based, end exclusive."""

    start: int
    end: int
    replacement: bytes
    start_line: int
    start_column: int
    end_line: int
    end_column: int

    @property
    def text(self) -> str:
        """The replacement as text (for reports)."""
        return self.replacement.decode("utf-8", errors="replace")


def escape(text: str, quotes: bool = False) -> str:
    """``text`` as XML character data (or, with ``quotes``, as an attribute value)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace('"', "&quot;").replace("'", "&apos;") if quotes else escaped


class FixError(ValueError):
    """A fix that cannot be placed in the file."""


def file_encoding(data: bytes) -> str:
    """The encoding the XML declaration names (UTF-8 when none, BOM aware)."""
    match = _ENCODING.match(data.removeprefix(b"\xef\xbb\xbf"))
    return match.group(1).decode("ascii") if match else "utf-8"


def _offset(data: bytes, location: Location) -> int:
    """Byte offset of a 1-based line and (byte) column."""
    start = 0
    for _ in range(location.line - 1):
        start = data.index(b"\n", start) + 1
    return start + location.column - 1


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and byte column of an offset."""
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - line_start + 1


def _edit(data: bytes, start: int, end: int, replacement: bytes) -> TextEdit:
    return TextEdit(start, end, replacement, *_position(data, start), *_position(data, end))


def _masked(data: bytes) -> bytes:
    """``data`` with comments and CDATA blanked out (same length), so tags in them are skipped."""
    return _COMMENT_OR_CDATA.sub(lambda m: b" " * len(m.group()), data)


def property_spans(data: bytes) -> list[tuple[int, int]]:
    """Byte spans of the outermost ``<property>`` elements, nesting aware."""
    masked = _masked(data)
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for match in _PROPERTY_TAG.finditer(masked):
        tag = match.group()
        if tag.startswith(b"</"):
            depth -= 1
            if depth == 0:
                spans.append((start, match.end()))
            depth = max(depth, 0)
        elif tag.endswith(b"/>"):
            if depth == 0:
                spans.append((match.start(), match.end()))
        else:
            if depth == 0:
                start = match.start()
            depth += 1
    return spans


def _property_span(data: bytes, location: Location) -> tuple[int, int]:
    start = _offset(data, location)
    span = next((s for s in property_spans(data) if s[0] == start), None)
    if span is None:
        raise FixError(f"no <property> at {location}")
    return span


def value_edit(data: bytes, fix: ValueFix) -> TextEdit:
    """The edit that replaces the value text of the property at ``fix.location``."""
    assert fix.location is not None
    encoding = file_encoding(data)
    start, end = _property_span(data, fix.location)
    new_text = escape(fix.value).encode(encoding)
    element = _VALUE_ELEMENT.search(_masked(data), start, end)
    if element is not None:
        if element.group("text") is None:  # <value/>: rewrite the empty element
            tag = element.group(0)[1:].rstrip(b"/> \t\r\n")
            return _edit(data, element.start(), element.end(),
                         b"<" + tag + b">" + new_text + b"</" + tag + b">")
        return _edit(data, element.start("text"), element.end("text"), new_text)
    opening_end = data.index(b">", start)
    attribute = _VALUE_ATTRIBUTE.search(data, start, opening_end)
    if attribute is not None:
        quoted = escape(fix.value, quotes=True).encode(encoding)
        return _edit(data, attribute.start("text"), attribute.end("text"), quoted)
    raise FixError(f"the <property> at {fix.location} has no <value> to edit")


def insert_edit(data: bytes, fix: ValueFix, prefix: str) -> TextEdit:
    """The edit that adds a ``<property>`` after the last one whose name starts with ``prefix``.

    The new property copies the indentation of that property and of its children, and the
    file's line ending.
    """
    encoding = file_encoding(data)
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    anchor_start = anchor_end = None
    for start, end in property_spans(data):
        name = _NAME_ELEMENT.search(data, start, end)
        prefixed = name and name.group("text").decode(encoding, "replace").startswith(prefix)
        if prefixed or anchor_start is None:
            anchor_start, anchor_end = start, end
    if anchor_start is None or anchor_end is None:
        closing = data.rfind(b"</configuration>")
        if closing < 0:
            raise FixError("no <property> and no </configuration> to insert after")
        indent, child_indent = b"  ", b"    "
        body = _property_bytes(fix, encoding, indent, child_indent, newline)
        return _edit(data, closing, closing, body.lstrip(b" ") + newline)
    separator = data[len(data[:anchor_start].rstrip()):anchor_start] or newline
    indent = separator.rpartition(b"\n")[2]
    child = re.search(rb"\n([ \t]+)<", data[anchor_start:anchor_end])
    child_indent = child.group(1) if child else indent + b"  "
    body = _property_bytes(fix, encoding, indent, child_indent, newline)
    line_breaks = separator[:len(separator) - len(indent)]
    return _edit(data, anchor_end, anchor_end, line_breaks + body.strip(b"\r\n"))


def _property_bytes(fix: ValueFix, encoding: str, indent: bytes, child_indent: bytes,
                    newline: bytes) -> bytes:
    name = escape(fix.key).encode(encoding)
    value = escape(fix.value).encode(encoding)
    return (newline + indent + b"<property>" + newline
            + child_indent + b"<name>" + name + b"</name>" + newline
            + child_indent + b"<value>" + value + b"</value>" + newline
            + indent + b"</property>" + newline)


def plan(data: bytes, fixes: list[ValueFix], prefix: str) -> list[TextEdit]:
    """Edits for several fixes of one file, last key wins, sorted, without overlaps."""
    by_key = {fix.key: fix for fix in fixes}
    edits = [value_edit(data, fix) if fix.location is not None
             else insert_edit(data, fix, prefix) for fix in by_key.values()]
    edits.sort(key=lambda e: (e.start, e.end))
    for before, after in itertools.pairwise(edits):
        if after.start < before.end:
            raise FixError("two fixes overlap in the same property")
    return edits


def apply(data: bytes, edits: list[TextEdit]) -> bytes:
    """Apply non-overlapping edits (any order) to the file's bytes."""
    result = data
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[0]), reverse=True)
    for _, edit in ordered:
        result = result[:edit.start] + edit.replacement + result[edit.end:]
    return result
