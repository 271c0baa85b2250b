"""How ``--nodes N --racks R`` places nodes in racks: the one split every layer uses."""

from __future__ import annotations


def rack_number(position: int, nodes: int, racks: int) -> int:
    """The 1-based rack of node ``position`` (0-based) of ``node1..nodeN``: consecutive
    blocks, the first ``nodes % racks`` racks one node larger (10 nodes in 4 racks: 3, 3,
    2, 2)."""
    base, extra = divmod(nodes, racks)
    larger = extra * (base + 1)
    if position < larger:
        return position // (base + 1) + 1
    return extra + (position - larger) // base + 1


def rack_numbers(nodes: int, racks: int) -> list[int]:
    """:func:`rack_number` of every node, in node order."""
    return [rack_number(position, nodes, racks) for position in range(nodes)]
