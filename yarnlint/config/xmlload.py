"""Read Hadoop configuration XML into property definitions with locations.

Follows Hadoop 3's ``Configuration`` parser (``hadoop-common``, ``conf/Configuration.java``):
``<property>`` elements are matched by local name at any depth, names are trimmed, values
are kept as written, an empty or missing value drops the property, only ``final`` text
``true`` counts, and ``<xi:include>`` inlines another file (with ``<xi:fallback>`` when it
is missing). The parser never touches the network, never loads a DTD and never expands
entities; XInclude is confined to files below the linted file's directory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from yarnlint.findings import Location

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Files above this size are refused: a real capacity-scheduler.xml is a few dozen KiB."""

MAX_INCLUDE_DEPTH = 10

_PROPERTY_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?property(?=[\s/>])")
_COMMENT_OR_CDATA = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class PropertyDef:
    """One ``<property>`` as written: name trimmed, value untouched (``None`` = dropped)."""

    name: str
    value: str | None
    final: bool
    location: Location
    description: str | None = None


@dataclass(frozen=True)
class LoadIssue:
    """A problem found while reading a file (not a rule finding yet)."""

    kind: str
    message: str
    location: Location


@dataclass(frozen=True)
class Comment:
    """An XML comment with the line it starts on (for inline suppressions)."""

    text: str
    line: int


@dataclass
class LoadedFile:
    """Everything read from one top-level file and the files it includes."""

    path: Path
    display: str
    properties: list[PropertyDef] = field(default_factory=list)
    issues: list[LoadIssue] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    parsed: bool = False


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        remove_pis=True,
    )


def local_name(element: etree._Element) -> str:
    """The element's tag without namespace ('' for comments and entities)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _text(element: etree._Element) -> str:
    """Text and CDATA content of an element, comments left out (as StAX delivers it)."""
    return "".join(element.itertext())


def _property_columns(data: bytes) -> dict[int, list[int]]:
    """Map line -> columns (1-based) of ``<property`` tags outside comments and CDATA."""
    masked = _COMMENT_OR_CDATA.sub(lambda m: re.sub(rb"[^\n]", b" ", m.group()), data)
    columns: dict[int, list[int]] = {}
    line_start = 0
    line = 1
    for match in _PROPERTY_TAG.finditer(masked):
        newlines = masked.count(b"\n", line_start, match.start())
        if newlines:
            line += newlines
            line_start = masked.rindex(b"\n", 0, match.start()) + 1
        columns.setdefault(line, []).append(match.start() - line_start + 1)
    return columns


class _Reader:
    """Walks one file tree, following XIncludes, collecting definitions and issues."""

    def __init__(self, loaded: LoadedFile, root_dir: Path) -> None:
        self.loaded = loaded
        self.root_dir = root_dir

    def display_of(self, path: Path) -> str:
        if path == self.loaded.path:
            return self.loaded.display
        try:
            rel = path.relative_to(self.loaded.path.parent)
        except ValueError:
            return str(path)
        return str(Path(self.loaded.display).parent / rel)

    def issue(self, kind: str, message: str, location: Location) -> None:
        self.loaded.issues.append(LoadIssue(kind, message, location))

    def read_file(self, path: Path, chain: tuple[Path, ...], where: Location | None) -> bool:
        """Parse ``path`` and collect its properties; False when it could not be read."""
        display = self.display_of(path)
        anchor = where or Location(display, 1, 1)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.issue("too-large", f"{display}: file is {size} bytes, above the "
                           f"{MAX_FILE_BYTES} byte limit; not read", anchor)
                return False
            data = path.read_bytes()
        except OSError as exc:
            self.issue("unreadable", f"{display}: cannot read: {exc.strerror or exc}", anchor)
            return False
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            line, col = exc.position if exc.position else (1, 1)
            msg = exc.msg or str(exc)
            self.issue("xml-syntax", f"not well-formed XML, Hadoop refuses to load it: {msg}",
                       Location(display, max(line, 1), max(col, 1)))
            return False
        except (ValueError, etree.LxmlError) as exc:
            self.issue("xml-syntax", f"cannot parse: {exc}", anchor)
            return False
        if root is None:
            self.issue("xml-syntax", "empty document", anchor)
            return False
        tree = root.getroottree()
        if tree.docinfo.internalDTD is not None or b"<!ENTITY" in data:
            self.issue("dtd", "document type declaration with entities ignored: yarnlint never "
                       "loads DTDs or expands entities", Location(display, 1, 1))
        columns = _property_columns(data)
        seen_on_line: dict[int, int] = {}
        top = path == self.loaded.path
        for sibling in root.itersiblings(preceding=True):
            if isinstance(sibling, etree._Comment) and top:
                self.loaded.comments.append(Comment(sibling.text or "", sibling.sourceline or 1))
        if local_name(root) == "property":
            self._property(root, display, columns, seen_on_line)
        self._walk(root, path, display, chain, columns, seen_on_line, top)
        return True

    def _walk(self, element: etree._Element, path: Path, display: str, chain: tuple[Path, ...],
              columns: dict[int, list[int]], seen_on_line: dict[int, int], top: bool) -> None:
        for node in element:
            if isinstance(node, etree._Comment):
                if top:
                    self.loaded.comments.append(Comment(node.text or "", node.sourceline or 1))
                continue
            name = local_name(node)
            if name == "property":
                self._property(node, display, columns, seen_on_line)
                if top:
                    self.loaded.comments.extend(
                        Comment(c.text or "", c.sourceline or 1)
                        for c in node.iter(etree.Comment))
            elif name == "include" and node.get("href") is not None:
                self._include(node, path, display, chain, columns, seen_on_line, top)
            else:
                self._walk(node, path, display, chain, columns, seen_on_line, top)

    def _location(self, node: etree._Element, display: str, columns: dict[int, list[int]],
                  seen_on_line: dict[int, int]) -> Location:
        line = node.sourceline or 1
        index = seen_on_line.get(line, 0)
        seen_on_line[line] = index + 1
        cols = columns.get(line, [])
        return Location(display, line, cols[index] if index < len(cols) else 1)

    def _property(self, node: etree._Element, display: str, columns: dict[int, list[int]],
                  seen_on_line: dict[int, int]) -> None:
        location = self._location(node, display, columns, seen_on_line)
        fields: dict[str, str] = {k: v for k, v in node.attrib.items()
                                  if k in ("name", "value", "final", "description")}
        for child in node:
            child_name = local_name(child)
            if child_name in ("name", "value", "final", "description"):
                fields[child_name] = _text(child)
        name = fields.get("name", "").strip()
        if not name:
            if fields.get("value") is not None:
                self.issue("no-name", "<property> without a <name>: Hadoop ignores it", location)
            return
        value = fields.get("value")
        self.loaded.properties.append(PropertyDef(
            name=name,
            value=value if value else None,
            final=fields.get("final", "").strip() == "true",
            location=location,
            description=fields.get("description"),
        ))

    def _include(self, node: etree._Element, path: Path, display: str, chain: tuple[Path, ...],
                 columns: dict[int, list[int]], seen_on_line: dict[int, int], top: bool) -> None:
        href = node.get("href", "")
        where = Location(display, node.sourceline or 1, 1)
        fallback = next((c for c in node if local_name(c) == "fallback"), None)
        target = self._resolve_include(href, path, chain, where)
        if target is not None and target.is_file():
            self.read_file(target, chain + (target,), where)
        elif fallback is not None:
            self._walk(fallback, path, display, chain, columns, seen_on_line, top)
        elif target is not None:
            self.issue("include", f"XInclude of {href!r}: file not found and no <xi:fallback>; "
                       "Hadoop stops loading (\"Fetch fail on include\")", where)

    def _resolve_include(self, href: str, path: Path, chain: tuple[Path, ...],
                         where: Location) -> Path | None:
        """The file an include points at, or None (with an issue) when it may not be read."""
        if _URL.match(href) and not href.lower().startswith("file:"):
            self.issue("include", f"XInclude of URL {href!r} not followed: yarnlint never "
                       "touches the network", where)
            return None
        relative = href[5:] if href.lower().startswith("file:") else href
        target = (path.parent / relative).resolve()
        if not target.is_relative_to(self.root_dir):
            self.issue("include", f"XInclude of {href!r} leaves the linted file's directory; "
                       "not followed", where)
            return None
        if target in chain:
            self.issue("include", f"XInclude of {href!r} includes itself (recursion); "
                       "not followed", where)
            return None
        if len(chain) > MAX_INCLUDE_DEPTH:
            self.issue("include", f"XInclude nesting deeper than {MAX_INCLUDE_DEPTH}; "
                       "not followed", where)
            return None
        return target


def load_xml(path: Path, display: str | None = None) -> LoadedFile:
    """Read one configuration file (and what it includes) into a :class:`LoadedFile`."""
    resolved = path.resolve()
    loaded = LoadedFile(path=resolved, display=display or str(path))
    reader = _Reader(loaded, resolved.parent)
    loaded.parsed = reader.read_file(resolved, (resolved,), None)
    return loaded
