"""The text trace: one line per decision, as in scheduler.md's worked example."""

from __future__ import annotations

from typing import Any


def _key(decision: dict[str, Any]) -> str:
    if "priority" not in decision:
        return decision.get("app", "-")
    request_id = decision.get("allocation_request_id")
    suffix = f"/{request_id}" if request_id else ""
    return f"{decision['app']} p{decision['priority']}{suffix}"


def _columns(decision: dict[str, Any]) -> list[str]:
    columns = [decision["node"], decision["rack"], _key(decision), decision["level"] or "-",
               decision["outcome"]]
    if "m_seen" in decision:
        columns.append(f"M {decision['m_seen']} -> {decision['m_after']}")
    return columns


def format_trace(result: dict[str, Any]) -> str:
    """``node6   /rack1  app_1 p1  RACK_LOCAL  allocated  M 6 -> 0``, one line per decision."""
    rows = [_columns(decision) for entry in result.get("steps", [])
            for decision in entry.get("decisions", [])]
    widths = [max((len(row[i]) for row in rows if len(row) > i), default=0) for i in range(5)]
    lines = []
    for row in rows:
        cells = [cell.ljust(widths[i]) if i < len(row) - 1 else cell
                 for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    summary = result.get("summary", {})
    containers = summary.get("containers", {})
    lines.append(
        "containers: " + ", ".join(f"{level} {count}" for level, count in containers.items())
        + f"; attempts {summary.get('attempts', 0)}, heartbeats {summary.get('heartbeats', 0)}"
        + f"; first container {_time(summary.get('first_container_s'))}"
        + f", last {_time(summary.get('last_container_s'))}"
        + ("" if summary.get("converged", True)
           else f"; stopped at the attempt cap after {summary.get('stopped_after_heartbeats')} "
                "heartbeats"))
    return "\n".join(lines) + "\n"


def _time(seconds: float | None) -> str:
    return "never" if seconds is None else f"{seconds:g} s"
