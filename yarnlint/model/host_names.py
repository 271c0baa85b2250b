"""Host lists that name the same machine several ways (IP address, FQDN, short name).

A NodeManager registers with the ResourceManager under one name (its hostname), so a
topology or include file that lists ``10.0.0.5``, ``dn1.example.com`` and ``dn1`` for one
machine counts it three times: the cluster looks three times its size and the extra names'
racks are never used. No name is resolved (no network): a short name that is the first label
of a listed FQDN is the same host, and IP addresses among host names are counted apart.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

from yarnlint.config.xmlload import IssueKind, LoadIssue
from yarnlint.core.findings import Location

SHOWN_EXAMPLES = 3


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def aliased_hosts(hosts: list[str], path: Path | None) -> list[LoadIssue]:
    """One issue when ``hosts`` (read from ``path``) name machines several ways."""
    if path is None:
        return []
    addresses = [host for host in hosts if _is_address(host)]
    names = [host for host in hosts if not _is_address(host)]
    listed = set(names)
    pairs = [(host.split(".", 1)[0], host) for host in names
             if "." in host and host.split(".", 1)[0] in listed]
    mixed = bool(addresses) and bool(names)
    if not pairs and not mixed:
        return []
    machines = len(listed) - len({short for short, _ in pairs})
    ways = []
    if pairs:
        examples = ", ".join(f"{short} = {full}" for short, full in pairs[:SHOWN_EXAMPLES])
        ways.append(f"{len(pairs)} short names also listed as full names ({examples})")
    if mixed:
        ways.append(f"{len(addresses)} IP addresses among {len(names)} host names")
        machines = max(machines, len(addresses))
    return [LoadIssue(
        IssueKind.TOPOLOGY, f"names hosts several ways: {'; '.join(ways)}; a NodeManager registers "
        f"under one name, so the {len(hosts)} entries may be as few as {machines} machines: "
        "list each host once, by the name its NodeManager reports",
        Location(str(path), 1, 1))]
