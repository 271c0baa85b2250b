"""The cluster a configuration runs on: nodes, racks, heartbeat interval.

Built from ``--nodes``/``--racks`` (an even split), or from a Hadoop TableMapping topology
file (``net.topology.table.file.name``: ``host rack`` per line) and an include file
(``yarn.resourcemanager.nodes.include-path``: hosts split on whitespace, ``#`` ends a line),
as ``TableMapping`` and ``HostsFileReader`` read them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from yarnlint.findings import InputError, Location
from yarnlint.config.xmlload import LoadIssue

DEFAULT_RACK = "/default-rack"
DEFAULT_HEARTBEAT_MS = 1000
MAX_NODES = 100_000
MAX_HOST_FILE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class ClusterSpec:
    """What the user said about the cluster (flags or config file), before reading files."""

    nodes: int | None = None
    racks: int | None = None
    topology: Path | None = None
    nodes_file: Path | None = None
    heartbeat_ms: int | None = None

    @property
    def describes_size(self) -> bool:
        """Whether enough is given to know the node count."""
        return self.nodes is not None or self.topology is not None or self.nodes_file is not None


@dataclass(frozen=True)
class Cluster:
    """Nodes in cluster order, each with its rack, and the heartbeat interval."""

    hosts: tuple[str, ...]
    racks: tuple[str, ...]
    heartbeat_ms: int = DEFAULT_HEARTBEAT_MS
    described_as: str = ""
    issues: tuple[LoadIssue, ...] = field(default=(), compare=False)

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
    base, extra = divmod(nodes, racks)
    rack_of: list[str] = []
    for r in range(racks):
        rack_of.extend([f"/rack{r + 1}"] * (base + (1 if r < extra else 0)))
    return Cluster(hosts, tuple(rack_of), heartbeat_ms, f"{nodes} nodes in {racks} racks")


def _read_text(path: Path, what: str) -> str:
    try:
        if path.stat().st_size > MAX_HOST_FILE_BYTES:
            raise InputError(f"{path}: {what} is larger than {MAX_HOST_FILE_BYTES} bytes")
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what}: {exc.strerror or exc}") from None


def read_topology(path: Path) -> tuple[dict[str, str], list[LoadIssue]]:
    """Host -> rack from a TableMapping file; lines without exactly two columns are skipped."""
    mapping: dict[str, str] = {}
    issues: list[LoadIssue] = []
    for number, line in enumerate(_read_text(path, "topology file").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        columns = stripped.split()
        if len(columns) != 2:
            issues.append(LoadIssue(
                "topology", f"line has {len(columns)} columns, TableMapping needs exactly 2 "
                "(host rack) and ignores it: its host lands in /default-rack",
                Location(str(path), number, 1)))
            continue
        host, rack = columns
        if host in mapping and mapping[host] != rack:
            issues.append(LoadIssue(
                "topology", f"host {host} listed again with rack {rack} (was {mapping[host]}); "
                "the last line wins", Location(str(path), number, 1)))
        mapping[host] = rack
    return mapping, issues


def read_hosts(path: Path) -> list[str]:
    """Hosts of an include / slaves file: whitespace separated, ``#`` to end of line."""
    hosts: dict[str, None] = {}
    for line in _read_text(path, "nodes file").splitlines():
        for token in line.split():
            if token.startswith("#"):
                break
            hosts[token] = None
    return list(hosts)


def cluster_from_spec(spec: ClusterSpec, heartbeat_ms: int) -> Cluster | None:
    """Build the cluster the user described, or None when no size was given."""
    if spec.topology is None and spec.nodes_file is None:
        if spec.nodes is None:
            return None
        return even_cluster(spec.nodes, spec.racks, heartbeat_ms)
    mapping, issues = read_topology(spec.topology) if spec.topology else ({}, [])
    hosts = read_hosts(spec.nodes_file) if spec.nodes_file else list(mapping)
    if not hosts:
        source = spec.nodes_file or spec.topology
        ignored = f" ({len(issues)} lines ignored: not 'host rack')" if issues else ""
        raise InputError(f"{source}: lists no usable hosts{ignored}")
    if len(hosts) > MAX_NODES:
        raise InputError(f"{len(hosts)} hosts is above the supported {MAX_NODES}")
    racks = tuple(mapping.get(h, DEFAULT_RACK) for h in hosts)
    described = f"{len(hosts)} nodes from {spec.nodes_file or spec.topology}"
    if spec.topology is not None and spec.nodes_file is not None:
        described = f"{len(hosts)} nodes from {spec.nodes_file}, racks from {spec.topology}"
    return Cluster(tuple(hosts), racks, heartbeat_ms, described, tuple(issues))
