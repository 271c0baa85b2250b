"""Read Hadoop configuration XML into property definitions with locations.

Follows the ``Parser`` of Hadoop 3's ``Configuration`` (``hadoop-common``,
``conf/Configuration.java``; see ``docs/hadoop-parsing-notes.md``): the document is replayed
as StAX events through the same state machine, so ``<property>`` is matched by local name
at any depth, a nested ``<property>`` starts over, ``<name>`` is trimmed, ``<value>`` is
kept as written (text, CDATA and entity text joined, comments left out), an empty or
missing value drops the property, only ``final`` text ``true`` counts, and
``<xi:include>`` inlines another file (with ``<xi:fallback>`` when it is missing).

Input is untrusted: nothing is fetched from the network, no external DTD or entity is
loaded, entity bombs and deep nesting are refused by libxml2's limits, files are read up
to :data:`MAX_FILE_BYTES`, and XInclude only reaches files below the linted file's
directory, at most :data:`MAX_INCLUDED_FILES` of them.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import etree

from yarnlint.config.files import MAX_INPUT_BYTES, read_input
from yarnlint.config.text import java_trim, names_checksum
from yarnlint.core.findings import InputError, Location
from yarnlint.core.records import Record

MAX_FILE_BYTES = MAX_INPUT_BYTES
"""Files above this size are refused: a real capacity-scheduler.xml is a few dozen KiB."""

MAX_INCLUDE_DEPTH = 10
MAX_INCLUDED_FILES = 50
"""XIncluded files read for one linted file (stops include fan-out bombs)."""

MAX_ISSUES = 100
"""Load issues kept per linted file; the rest are counted in one last issue."""

OTHER_ROOTS = frozenset({"allocations"})
"""Root elements of other schedulers' files (FairScheduler's allocation file): rule YL006
says what the file is, so no generic root issue is raised for them."""

_TOKEN_ELEMENTS = frozenset({"name", "value", "final", "source", "tag"})
"""Elements whose start resets the parser's text buffer (``Parser.handleStartElement``)."""

_PROPERTY_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?property(?=[\s/>])")
_NOT_MARKUP = re.compile(
    rb"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<\?.*?(?:\?>|\Z)", re.S)
"""Comments, CDATA and processing instructions; an unterminated one runs to the end, which
keeps the scan linear on hostile input."""

_WIDE_STARTS = frozenset({
    codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE,
    b"<\0?\0", b"\0<\0?"})
"""How UTF-16 and UTF-32 documents start (with or without a byte order mark)."""
_SCHEME = r"^[A-Za-z][A-Za-z0-9+.-]*:"

_REFUSED_PARSES = (
    ("amplification", "entity expansion bomb (billion laughs or quadratic blowup): "
     "yarnlint refuses to expand it"),
    ("entity reference loop", "entity reference loop: yarnlint refuses to expand it"),
    ("Excessive depth", "elements nested too deeply: yarnlint refuses to read it"),
)


class PropertyDef(Record):
    """One ``<property>`` as Hadoop reads it: ``value`` as written (``None`` = dropped).
    Definitions compare by all but the element ordinals."""

    __slots__ = (
        "description",
        "element",
        "final",
        "location",
        "name",
        "value",
        "value_element",
    )
    COMPARED = ("name", "value", "final", "location", "description")

    def __init__(self, name: str, value: str | None, final: bool, location: Location,
                 description: str | None = None, element: int = -1,
                 value_element: int | None = None) -> None:
        self.name = name
        self.value = value
        self.final = final
        self.location = location
        self.description = description
        self.element = element
        """Ordinal of the ``<property>`` element among its file's elements (document
        order)."""
        self.value_element = value_element
        """Ordinal of the ``<value>`` element whose text is ``value`` (None: the ``value``
        attribute of the ``<property>``, or no value)."""


class IssueKind(StrEnum):
    """What went wrong while reading an input (YL000 decides each kind's severity)."""

    DTD = "dtd"
    """A DOCTYPE naming an external DTD or entity (not followed)."""
    INCLUDE = "include"
    """An XInclude that cannot be followed."""
    NESTED_PROPERTY = "nested-property"
    NO_NAME = "no-name"
    ROOT = "root"
    """A root element other than ``<configuration>``."""
    TOO_MANY = "too-many"
    """The count of the problems left out past the cap."""
    TOPOLOGY = "topology"
    """A topology or nodes-file line or host Hadoop reads otherwise than it seems."""
    TOPOLOGY_EXTRA = "topology-extra"
    """Topology hosts the nodes file does not list."""
    UNREADABLE = "unreadable"
    XML_SYNTAX = "xml-syntax"


class LoadIssue(Record):
    """A problem found while reading a file (not a rule finding yet)."""

    __slots__ = ("kind", "location", "message")
    COMPARED = ("kind", "message", "location")

    def __init__(self, kind: IssueKind, message: str, location: Location) -> None:
        self.kind = kind
        self.message = message
        self.location = location


class Comment(Record):
    """An XML comment of the top file with the line it starts on; for one naming yarnlint (an
    inline suppression), the ``<property>`` it belongs to: the one it is inside of, else the
    element right after it when that is one."""

    __slots__ = ("line", "property_line", "property_name", "text")
    COMPARED = ("text", "line", "property_line", "property_name")

    def __init__(self, text: str, line: int, property_line: int | None = None,
                 property_name: str | None = None) -> None:
        self.text = text
        self.line = line
        self.property_line = property_line
        self.property_name = property_name


class LoadedFile:
    """Everything read from one top-level file and the files it includes."""

    __slots__ = (
        "comments",
        "display",
        "elements",
        "encoding",
        "included",
        "issues",
        "parsed",
        "path",
        "properties",
        "root",
        "root_location",
    )

    def __init__(self, path: Path, display: str) -> None:
        self.path = path
        self.display = display
        self.properties: list[PropertyDef] = []
        self.issues: list[LoadIssue] = []
        self.comments: list[Comment] = []
        self.parsed = False
        self.encoding: str | None = None
        """The encoding libxml2 decoded the top file with."""
        self.elements = 0
        """Checksum of the top file's element names in document order (see
        ``config.markup``)."""
        self.included: list[Path] = []
        """Every file read through XInclude."""
        self.root = ""
        """Local name of the top file's root element (empty when it could not be parsed)."""
        self.root_location: Location | None = None
        """Where the top file's root element (``<configuration>``) starts: findings about
        unset keys point there."""


def _parser(resolve_entities: bool | str) -> etree.XMLParser:
    """Never the network, never a DTD; entities as asked (``"internal"`` or not at all)."""
    options: dict[str, Any] = {
        "resolve_entities": resolve_entities, "no_network": True, "load_dtd": False,
        "dtd_validation": False, "huge_tree": False, "remove_comments": False,
        "remove_pis": True,
    }
    return etree.XMLParser(**options)


def _line(node: Any) -> int:
    """The node's 1-based source line (1 when libxml2 does not know it)."""
    return int(node.sourceline or 1)


def local_name(element: etree._Element) -> str:
    """The element's tag without namespace ('' for comments and entities)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _owner(comment: etree._Element) -> etree._Element | None:
    """The ``<property>`` a comment is inside of, or the element right after it is one."""
    for ancestor in comment.iterancestors():
        if local_name(ancestor) == "property":
            return ancestor
    following = next((node for node in comment.itersiblings()
                      if not isinstance(node, etree._Comment)), None)
    return following if following is not None and local_name(following) == "property" else None


def _property_name(element: etree._Element) -> str | None:
    child = next((c for c in element if local_name(c) == "name"), None)
    name = ("".join(str(t) for t in child.itertext()).strip() if child is not None
            else element.get("name"))
    return name or None


def _comment(node: etree._Element) -> Comment:
    """A comment, with the ``<property>`` it belongs to when it names yarnlint."""
    text = node.text or ""
    owner = _owner(node) if "yarnlint" in text else None
    if owner is None:
        return Comment(text, _line(node))
    return Comment(text, _line(node), _line(owner), _property_name(owner))


def _attributes(element: etree._Element) -> Iterator[tuple[str, str]]:
    """Attributes by local name (``getAttributeLocalName``), in document order."""
    for key, value in element.attrib.items():
        yield str(key).rpartition("}")[2], str(value)


def _text(element: Any) -> str:
    """Text and CDATA content of an element, comments left out (as StAX delivers it)."""
    return "".join(element.itertext())


def _line_of(data: bytes, needle: bytes) -> int:
    """The 1-based line where ``needle`` first occurs (1 when absent)."""
    return data.count(b"\n", 0, max(data.find(needle), 0)) + 1


def _tag_column(data: bytes, line: int, name: str) -> int:
    """The 1-based column of the first ``<name`` (any prefix) on ``line`` (1 when absent)."""
    lines = data.split(b"\n", line)
    if len(lines) < line:
        return 1
    match = re.search(rb"<(?:[\w.-]+:)?" + re.escape(name.encode()) + rb"[\s/>]",
                      lines[line - 1])
    return match.start() + 1 if match else 1


def _ascii_compatible(data: bytes) -> bytes:
    """``data`` re-encoded as UTF-8 when it is UTF-16 or UTF-32 (so markup is found in it)."""
    if data[:4] not in _WIDE_STARTS and data[:2] not in _WIDE_STARTS:
        return data
    from yarnlint.config.markup import MarkupError, decode  # only a wide encoding needs it

    try:
        return decode(data, None).text.encode("utf-8", "surrogatepass")
    except MarkupError:
        return data


def _property_columns(data: bytes) -> dict[int, list[int]]:
    """Map line -> columns (1-based) of ``<property`` tags outside comments, CDATA and PIs."""
    masked = _NOT_MARKUP.sub(lambda m: re.sub(rb"[^\n]", b" ", m.group()), data)
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


def _events(root: etree._Element) -> Iterator[tuple[str, etree._Element | str]]:
    """The tree as StAX events: ("start"|"end"|"comment", node) and ("text", characters).

    Iterative, so nesting depth never meets Python's recursion limit. An unexpanded entity
    reference yields its ``&name;`` text.
    """
    yield "start", root
    if root.text:
        yield "text", root.text
    stack = [(root, iter(root))]
    while stack:
        element, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield "end", element
            if stack and element.tail:
                yield "text", element.tail
            continue
        if isinstance(child.tag, str):
            yield "start", child
            if child.text:
                yield "text", child.text
            stack.append((child, iter(child)))
            continue
        if isinstance(child, etree._Comment):
            yield "comment", child
        elif child.text:
            yield "text", child.text
        if child.tail:
            yield "text", child.tail


def _external_references(tree: Any) -> list[str]:
    """External DTD subset and external entities a document declares."""
    info = tree.docinfo
    found = []
    if info.system_url or info.public_id:
        found.append(f"external DTD {info.system_url or info.public_id!r}")
    dtd = info.internalDTD
    if dtd is not None:
        found.extend(f"external entity {entity.name!r} ({entity.system_url!r})"
                     for entity in dtd.iterentities() if entity.system_url)
    return found


def _declares_entities(tree: Any) -> bool:
    dtd = tree.docinfo.internalDTD
    return dtd is not None and any(True for _ in dtd.iterentities())


class _Reader:
    """Reads one top-level file and what it includes, collecting definitions and issues."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.root_dir = loaded.path.parent
        self.included = 0
        self.dropped_issues = 0

    def display_of(self, path: Path) -> str:
        if path == self.loaded.path:
            return self.loaded.display
        try:
            rel = path.relative_to(self.root_dir)
        except ValueError:
            return str(path)
        return str(Path(self.loaded.display).parent / rel)

    def issue(self, kind: IssueKind, message: str, location: Location) -> None:
        if len(self.loaded.issues) < MAX_ISSUES:
            self.loaded.issues.append(LoadIssue(kind, message, location))
        else:
            self.dropped_issues += 1

    def finish(self) -> None:
        """Report how many issues the cap left out."""
        if self.dropped_issues:
            self.loaded.issues.append(LoadIssue(
                IssueKind.TOO_MANY, f"{self.dropped_issues} more input problems not shown",
                Location(self.loaded.display, 1, 1)))

    def parse(self, data: bytes, display: str) -> etree._Element | None:
        """The document root, with internal entities expanded; None (and an issue) when
        the document is refused."""
        root = self._parse_with(data, display, False)
        if root is None:
            return None
        tree = root.getroottree()
        external = _external_references(tree)
        if external:
            where = Location(display, _line_of(data, b"<!DOCTYPE"), 1)
            for what in external:
                self.issue(IssueKind.DTD, f"{what} not loaded: Hadoop would fetch it while loading "
                           "the file (file or network access, XXE); yarnlint never does, so "
                           "values using it are unknown", where)
            return root
        if not _declares_entities(tree):
            return root
        return self._parse_with(data, display, "internal")

    def _parse_with(self, data: bytes, display: str, entities: bool | str
                    ) -> etree._Element | None:
        anchor = Location(display, 1, 1)
        try:
            root = etree.fromstring(data, _parser(entities))
        except etree.XMLSyntaxError as exc:
            line, col = exc.position if exc.position else (1, 1)
            msg = exc.msg or str(exc)
            what = next((text for needle, text in _REFUSED_PARSES if needle in msg),
                        "not well-formed XML, Hadoop refuses to load it")
            self.issue(IssueKind.XML_SYNTAX, f"{what}: {msg}",
                       Location(display, max(line, 1), max(col, 1)))
            return None
        except (ValueError, LookupError, etree.LxmlError) as exc:
            self.issue(IssueKind.XML_SYNTAX, f"cannot parse: {exc}", anchor)
            return None
        if root is None:
            self.issue(IssueKind.XML_SYNTAX, "empty document", anchor)
        return root

    def read_file(self, path: Path, data: bytes, chain: tuple[Path, ...]) -> bool:
        """Parse ``data`` (the bytes of ``path``) and collect its properties."""
        display = self.display_of(path)
        root = self.parse(data, display)
        if root is None:
            return False
        top = path == self.loaded.path
        if top:
            self.loaded.root = local_name(root)
            self.loaded.root_location = Location(
                display, _line(root), _tag_column(_ascii_compatible(data), _line(root),
                                                  local_name(root)))
        if local_name(root) != "configuration" and not (top and local_name(root) in OTHER_ROOTS):
            self.issue(IssueKind.ROOT,
                       f"root element is <{local_name(root)}>, not <configuration>: "
                       "Hadoop 3 does not check it and reads <property> elements at any depth",
                       Location(display, _line(root), 1))
        if top:
            self.loaded.encoding = root.getroottree().docinfo.encoding
            self.loaded.comments.extend(
                _comment(c) for c in reversed(list(root.itersiblings(preceding=True)))
                if isinstance(c, etree._Comment))
        _FileParser(self, display, chain, _property_columns(_ascii_compatible(data)),
                    top).run(root)
        return True

    def include(self, href: str, chain: tuple[Path, ...], where: Location) -> bool:
        """Read an XInclude target; False when it is missing (so the fallback applies)."""
        target = self._include_target(href, chain, where)
        if target is None:
            return True
        if not target.exists():
            return False
        self.included += 1
        self.loaded.included.append(target)
        try:
            data = read_input(target, "included file").data
        except InputError as exc:
            self.issue(IssueKind.UNREADABLE, f"{exc}", where)
            return True
        self.read_file(target, data, (*chain, target))
        return True

    def _include_target(self, href: str, chain: tuple[Path, ...], where: Location
                        ) -> Path | None:
        """The file an include points at, or None (with an issue) when it may not be read.

        Relative paths resolve against the linted file's directory: Hadoop passes the
        top-level resource's name down to included files and resolves against it.
        """
        relative = href
        if re.match(_SCHEME, href):
            try:
                url = urlsplit(href)
            except ValueError:
                url = None
            if url is None or url.scheme.lower() != "file" or url.netloc not in ("", "localhost"):
                self.issue(IssueKind.INCLUDE, f"XInclude of URL {href!r} not followed: "
                           "yarnlint never touches the network", where)
                return None
            relative = unquote(url.path)
        try:
            target = (self.root_dir / relative).resolve()
        except (OSError, RuntimeError, ValueError) as exc:
            self.issue(IssueKind.INCLUDE, f"XInclude of {href!r}: bad path ({exc})", where)
            return None
        if not target.is_relative_to(self.root_dir):
            self.issue(IssueKind.INCLUDE, f"XInclude of {href!r} leaves the linted file's "
                       "directory; not followed", where)
        elif target in chain:
            self.issue(IssueKind.INCLUDE, f"XInclude of {href!r} includes itself (recursion, which "
                       "Hadoop never finishes loading); not followed", where)
        elif len(chain) > MAX_INCLUDE_DEPTH:
            self.issue(IssueKind.INCLUDE, f"XInclude nesting deeper than {MAX_INCLUDE_DEPTH}; "
                       "not followed", where)
        elif self.included >= MAX_INCLUDED_FILES:
            self.issue(IssueKind.INCLUDE, f"more than {MAX_INCLUDED_FILES} XIncluded files; "
                       f"{href!r} not followed", where)
        else:
            return target
        return None


class _FileParser:
    """Hadoop's ``Configuration.Parser`` state machine over one file's events."""

    def __init__(self, reader: _Reader, display: str, chain: tuple[Path, ...],
                 columns: dict[int, list[int]], top: bool) -> None:
        self.reader = reader
        self.display = display
        self.chain = chain
        self.columns = columns
        self.seen_on_line: dict[int, int] = {}
        self.top = top
        self.token: list[str] = []
        self.parse_token = False
        self.name: str | None = None
        self.value: str | None = None
        self.final = False
        self.description: str | None = None
        self.location = Location(display, 1, 1)
        self.open_properties = 0
        self.include_href: str | None = None
        self.include_where = self.location
        self.fallback_allowed = False
        self.fallback_entered = False
        self.ordinal = -1
        self.property_element = -1
        self.open_ordinals: list[int] = []
        self.value_element: int | None = None
        self.names = 0

    def run(self, root: etree._Element) -> None:
        for event, node in _events(root):
            if isinstance(node, str):
                if self.parse_token:
                    self.token.append(node)
            elif event == "start":
                self.start(node)
            elif event == "end":
                self.end(node)
            elif self.top:
                self.reader.loaded.comments.append(_comment(node))
        if self.top:
            self.reader.loaded.elements = self.names
            self.reader.loaded.comments.extend(
                _comment(c) for c in root.itersiblings() if isinstance(c, etree._Comment))

    def token_text(self) -> str:
        text = "".join(self.token)
        self.token = [text]
        return text

    def start(self, element: etree._Element) -> None:
        """``handleStartElement``."""
        name = local_name(element)
        self.ordinal += 1
        self.open_ordinals.append(self.ordinal)
        if self.top:
            self.names = names_checksum((name,), self.names)
        if name == "property":
            self.start_property(element)
        elif name in _TOKEN_ELEMENTS:
            self.parse_token = True
            self.token = []
        elif name == "include":
            self.start_include(element)
        elif name == "fallback":
            self.fallback_entered = True
        elif name == "description" and self.open_properties:
            self.description = _text(element)

    def end(self, element: etree._Element) -> None:
        """``handleEndElement``."""
        name = local_name(element)
        ordinal = self.open_ordinals.pop()
        if name == "name":
            text = self.token_text()
            if text:
                self.name = java_trim(text)
        elif name == "value":
            text = self.token_text()
            if text:
                self.value = text
                self.value_element = ordinal
        elif name == "final":
            self.final = self.token_text() == "true"
        elif name == "include":
            if self.fallback_allowed and not self.fallback_entered:
                self.reader.issue(
                    IssueKind.INCLUDE, f"XInclude of {self.include_href!r}: file not found and no "
                    "<xi:fallback>; Hadoop stops loading (\"Fetch fail on include\")",
                    self.include_where)
            self.fallback_allowed = False
            self.fallback_entered = False
        elif name == "property":
            self.open_properties -= 1
            self.end_property()

    def start_property(self, element: etree._Element) -> None:
        location = self._location(element)
        if self.open_properties:
            self.reader.issue(
                IssueKind.NESTED_PROPERTY, "<property> inside another <property>: Hadoop "
                "starts over here, dropping the outer name and value read so far and applying "
                "what follows this one to the inner property", location)
        self.open_properties += 1
        self.location = location
        self.property_element = self.ordinal
        self.name = self.value = self.description = None
        self.value_element = None
        self.final = False
        for attribute, text in _attributes(element):
            if attribute == "name":
                self.name = text
            elif attribute == "value":
                self.value = text
                self.value_element = None
            elif attribute == "final":
                self.final = text == "true"

    def end_property(self) -> None:
        if not self.fallback_allowed and self.fallback_entered:
            return
        if self.name is None or not java_trim(self.name):
            if self.value is not None:
                self.reader.issue(IssueKind.NO_NAME,
                                  "<property> without a <name>: Hadoop ignores it",
                                  self.location)
            return
        self.reader.loaded.properties.append(PropertyDef(
            name=self.name, value=self.value, final=self.final, location=self.location,
            description=self.description, element=self.property_element,
            value_element=self.value_element))

    def start_include(self, element: etree._Element) -> None:
        self.include_href = None
        for attribute, text in _attributes(element):
            if attribute == "href":
                self.include_href = text
        if self.include_href is None:
            return
        self.include_where = Location(self.display, _line(element), 1)
        if not self.reader.include(self.include_href, self.chain, self.include_where):
            self.fallback_allowed = True

    def _location(self, node: etree._Element) -> Location:
        line = _line(node)
        index = self.seen_on_line.get(line, 0)
        self.seen_on_line[line] = index + 1
        cols = self.columns.get(line, [])
        return Location(self.display, line, cols[index] if index < len(cols) else 1)


def load_xml(path: Path, display: str | None = None, data: bytes | None = None) -> LoadedFile:
    """Read one configuration file (and what it includes) into a :class:`LoadedFile`.

    ``data``: the file's bytes when the caller has read them already (includes are still
    read relative to ``path``). A file that cannot be read at all raises
    :class:`InputError`; everything else is an issue in the result.
    """
    loaded = LoadedFile(path=path.absolute(), display=display or str(path))
    if data is None:
        data = read_input(path, "file").data
    try:
        loaded.path = path.resolve()
    except (OSError, RuntimeError) as exc:
        raise InputError(f"{loaded.display}: cannot resolve the path: {exc}") from None
    reader = _Reader(loaded)
    loaded.parsed = reader.read_file(loaded.path, data, (loaded.path,))
    reader.finish()
    return loaded
