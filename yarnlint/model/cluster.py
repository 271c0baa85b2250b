"""The cluster a configuration runs on: nodes, racks, heartbeat interval.

Built from ``--nodes``/``--racks`` (an even split), or from a Hadoop TableMapping topology
file (``net.topology.table.file.name``: ``host rack`` per line) and an include file
(``yarn.resourcemanager.nodes.include-path``: hosts split on whitespace, ``#`` ends a line),
as ``TableMapping`` and ``HostsFileReader`` read them.
"""

from __future__ import annotations

import re
import stat
from collections import Counter
from pathlib import Path

from yarnlint.config.text import java_trim
from yarnlint.config.xmlload import IssueKind, LoadIssue
from yarnlint.core.findings import InputError, Location
from yarnlint.core.racks import rack_numbers
from yarnlint.core.records import Record
from yarnlint.model.host_names import aliased_hosts

DEFAULT_RACK = "/default-rack"
DEFAULT_HEARTBEAT_MS = 1000
HEARTBEAT_KEY = "yarn.resourcemanager.nodemanagers.heartbeat-interval-ms"
MAX_NODES = 100_000
MAX_HOST_FILE_BYTES = 16 * 1024 * 1024
MAX_TOPOLOGY_ISSUES = 20

_LINE_END = r"\r\n|\r|\n"
_TABLE_SEPARATOR = r"[ \t\n\x0b\f\r]+"
"""Java's ``\\s+``, which ``TableMapping`` splits a line on."""
_HOSTS_SEPARATOR = r"[ \t\n\f\r]+"
"""What ``HostsFileReader`` splits a line on."""


class ClusterSpec(Record):
    """What the user said about the cluster (flags or config file), before reading files."""

    __slots__ = ("am_mb", "heartbeat_ms", "nodes", "nodes_file", "racks", "topology")
    COMPARED = ("nodes", "racks", "topology", "nodes_file", "heartbeat_ms", "am_mb")

    def __init__(self, nodes: int | None = None, racks: int | None = None,
                 topology: Path | None = None, nodes_file: Path | None = None,
                 heartbeat_ms: int | None = None, am_mb: int | None = None) -> None:
        self.nodes = nodes
        self.racks = racks
        self.topology = topology
        self.nodes_file = nodes_file
        self.heartbeat_ms = heartbeat_ms
        self.am_mb = am_mb
        """ApplicationMaster container memory (``--am-mb``); None: yarn-site's minimum
        allocation."""

    @property
    def describes_size(self) -> bool:
        """Whether enough is given to know the node count."""
        return self.nodes is not None or self.topology is not None or self.nodes_file is not None


class Cluster(Record):
    """Nodes in cluster order, each with its rack, and the heartbeat interval. Clusters
    compare by all but :attr:`issues`."""

    __slots__ = ("am_mb", "described_as", "heartbeat_ms", "hosts", "issues", "racks")
    COMPARED = ("hosts", "racks", "heartbeat_ms", "described_as", "am_mb")

    def __init__(self, hosts: tuple[str, ...], racks: tuple[str, ...],
                 heartbeat_ms: int = DEFAULT_HEARTBEAT_MS, described_as: str = "",
                 issues: tuple[LoadIssue, ...] = (), am_mb: int | None = None) -> None:
        self.hosts = hosts
        self.racks = racks
        self.heartbeat_ms = heartbeat_ms
        self.described_as = described_as
        self.issues = issues
        self.am_mb = am_mb

    @property
    def num_nodes(self) -> int:
        return len(self.hosts)

    @property
    def rack_sizes(self) -> dict[str, int]:
        """Nodes per rack, in first-seen order."""
        return dict(Counter(self.racks))

    @property
    def num_racks(self) -> int:
        return len(self.rack_sizes)

    @property
    def single_rack(self) -> bool:
        """True when rack-local and off-switch cannot be told apart (one rack)."""
        return self.num_racks <= 1

    @property
    def typical_rack_size(self) -> int:
        """The median number of nodes in a rack."""
        sizes = sorted(self.rack_sizes.values())
        return sizes[len(sizes) // 2] if sizes else 0

    def to_dict(self) -> dict[str, object]:
        """The cluster as reports show it."""
        return {
            "nodes": self.num_nodes,
            "racks": self.num_racks,
            "nodes_per_rack": self.rack_sizes,
            "heartbeat_ms": self.heartbeat_ms,
            "described_as": self.described_as,
        }


def even_cluster(nodes: int, racks: int | None, heartbeat_ms: int) -> Cluster:
    """``nodes`` hosts ``node1..`` in ``racks`` consecutive blocks (``/rack1..``).

    With no ``racks`` every node is in ``/default-rack``, as Hadoop has it with no topology.
    """
    if nodes < 1:
        raise InputError(f"--nodes must be at least 1, got {nodes}")
    if nodes > MAX_NODES:
        raise InputError(f"--nodes {nodes} is above the supported {MAX_NODES}")
    if racks is not None and not 1 <= racks <= nodes:
        raise InputError(f"--racks must be between 1 and the node count ({nodes}), got {racks}")
    hosts = tuple(f"node{i}" for i in range(1, nodes + 1))
    if racks is None:
        return Cluster(hosts, (DEFAULT_RACK,) * nodes, heartbeat_ms,
                       f"{nodes} nodes, no topology (one rack)")
    rack_of = tuple(f"/rack{number}" for number in rack_numbers(nodes, racks))
    return Cluster(hosts, rack_of, heartbeat_ms, f"{nodes} nodes in {racks} racks")


def _read_text(path: Path, what: str) -> str:
    """A host list as text (UTF-8, bad bytes replaced, as Java's reader does), bounded."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise InputError(f"{path}: {what} is not a regular file")
        with path.open("rb") as handle:
            data = handle.read(MAX_HOST_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    if len(data) > MAX_HOST_FILE_BYTES:
        raise InputError(f"{path}: {what} is larger than {MAX_HOST_FILE_BYTES} bytes")
    return data.decode("utf-8", errors="replace")


def _lines(text: str) -> list[str]:
    """Lines as ``BufferedReader.readLine`` splits them (only CR, LF, CRLF end a line)."""
    return re.split(_LINE_END, text)


def read_topology(path: Path) -> tuple[dict[str, str], list[LoadIssue]]:
    """Host -> rack from a TableMapping file; lines without exactly two columns are skipped."""
    mapping: dict[str, str] = {}
    issues: list[LoadIssue] = []
    separator = re.compile(_TABLE_SEPARATOR)
    for number, line in enumerate(_lines(_read_text(path, "topology file")), 1):
        stripped = java_trim(line)
        if not stripped or stripped.startswith("#"):
            continue
        columns = separator.split(stripped)
        if len(columns) != 2:
            issues.append(LoadIssue(
                IssueKind.TOPOLOGY, f"line has {len(columns)} columns, TableMapping needs "
                "exactly 2 (host rack) and ignores it: its host lands in /default-rack",
                Location(str(path), number, 1)))
            continue
        host, rack = columns
        if host in mapping and mapping[host] != rack:
            issues.append(LoadIssue(
                IssueKind.TOPOLOGY, f"host {host} listed again with rack {rack} "
                f"(was {mapping[host]}); the last line wins", Location(str(path), number, 1)))
        mapping[host] = rack
    return mapping, issues


def read_hosts(path: Path) -> list[str]:
    """Hosts of an include / slaves file: whitespace separated, ``#`` to end of line."""
    hosts: dict[str, None] = {}
    separator = re.compile(_HOSTS_SEPARATOR)
    for line in _lines(_read_text(path, "nodes file")):
        for token in separator.split(line):
            if token.startswith("#"):
                break
            if token:
                hosts[token] = None
    return list(hosts)


def _capped(issues: list[LoadIssue]) -> tuple[LoadIssue, ...]:
    """At most :data:`MAX_TOPOLOGY_ISSUES` issues, then one that counts the rest."""
    if len(issues) <= MAX_TOPOLOGY_ISSUES:
        return tuple(issues)
    rest = len(issues) - MAX_TOPOLOGY_ISSUES
    first = issues[MAX_TOPOLOGY_ISSUES]
    return (*issues[:MAX_TOPOLOGY_ISSUES],
            LoadIssue(first.kind, f"{rest} more topology problems like these not shown",
                      first.location))


def _unlisted(mapping: dict[str, str], hosts: list[str], topology: Path) -> list[LoadIssue]:
    """One issue when the topology maps hosts the nodes file does not list."""
    listed = set(hosts)
    extra = [h for h in mapping if h not in listed]
    if not extra:
        return []
    return [LoadIssue(IssueKind.TOPOLOGY_EXTRA,
                      f"{len(extra)} hosts of the topology file are not in the nodes file "
                      f"and are left out of the cluster (first: {extra[0]})",
                      Location(str(topology), 1, 1))]


def cluster_from_spec(spec: ClusterSpec, heartbeat_ms: int) -> Cluster | None:
    """Build the cluster the user described, or None when no size was given."""
    if not spec.describes_size:
        return None
    if heartbeat_ms < 1:
        raise InputError(f"NodeManager heartbeat interval {heartbeat_ms} ms is not positive "
                         "(yarn.resourcemanager.nodemanagers.heartbeat-interval-ms): the "
                         "ResourceManager refuses to start with it")
    if spec.topology is None and spec.nodes_file is None:
        return even_cluster(spec.nodes or 0, spec.racks, heartbeat_ms).replace(am_mb=spec.am_mb)
    mapping, issues = read_topology(spec.topology) if spec.topology else ({}, [])
    hosts = read_hosts(spec.nodes_file) if spec.nodes_file else list(mapping)
    source = spec.nodes_file or spec.topology
    if not hosts:
        ignored = f" ({len(issues)} lines ignored: not 'host rack')" if issues else ""
        raise InputError(f"{source}: lists no usable hosts{ignored}")
    if len(hosts) > MAX_NODES:
        raise InputError(f"{source}: {len(hosts)} hosts is above the supported {MAX_NODES}")
    racks = tuple(mapping.get(h, DEFAULT_RACK) for h in hosts)
    issues.extend(aliased_hosts(hosts, source))
    described = f"{len(hosts)} nodes from {source}"
    if spec.topology is not None and spec.nodes_file is not None:
        described = f"{len(hosts)} nodes from {spec.nodes_file}, racks from {spec.topology}"
        issues.extend(_unlisted(mapping, hosts, spec.topology))
    return Cluster(tuple(hosts), racks, heartbeat_ms, described, _capped(issues), spec.am_mb)
