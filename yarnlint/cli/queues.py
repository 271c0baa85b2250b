"""``yarnlint queues``: the effective queue tree of a capacity-scheduler.xml, for review."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

import click

from yarnlint.core.findings import InputError


def _fail(message: str) -> NoReturn:
    click.echo(f"yarnlint queues: {message}", err=True)
    raise SystemExit(2)


def _percent(value: object) -> str:
    """``19.9998`` -> ``20%``; ``12.345`` -> ``12.35%``."""
    if not isinstance(value, float | int):
        return str(value)
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


COLUMNS = (("queue", "queue"), ("capacity", "capacity"), ("abs", "absolute_capacity"),
           ("max", "maximum_capacity"), ("abs max", "absolute_maximum_capacity"),
           ("state", "state"), ("1 user", "one_user_max"), ("apps", "maximum_applications"),
           ("apps/user", "maximum_applications_per_user"), ("AM %", "maximum_am_resource_percent"),
           ("AMs busy/idle", "ams"), ("submit", "submit_acl"))


def render_table(rows: list[dict[str, object]]) -> str:
    """The queue records as an aligned text table, the tree shown by indentation."""
    cells = []
    for row in rows:
        shown = dict(row)
        shown["queue"] = "  " * int(str(row["depth"])) + str(row["queue"]).rpartition(".")[2]
        for key in ("absolute_capacity", "absolute_maximum_capacity", "one_user_max"):
            if key in row:
                shown[key] = _percent(row[key])
        if "ams_busy" in row:
            shown["ams"] = f"{row['ams_busy']}/{row['ams_idle']} ({row['am_limit_mb']} MB)"
        cells.append([str(shown.get(key, "")) for _, key in COLUMNS])
    titles = [title for title, _ in COLUMNS]
    widths = [max(len(r[i]) for r in [titles, *cells]) for i in range(len(titles))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in [titles, *cells]]
    return "\n".join(lines) + "\n"


@click.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--nodes", type=click.IntRange(min=1), help="Number of NodeManagers.")
@click.option("--racks", type=click.IntRange(min=1), help="Number of racks (nodes split evenly).")
@click.option("--topology", type=click.Path(path_type=Path, dir_okay=False),
              help="Hadoop TableMapping file: 'host rack' per line.")
@click.option("--nodes-file", type=click.Path(path_type=Path, dir_okay=False),
              help="Include file: one host per line.")
@click.option("--yarn-site", type=click.Path(path_type=Path, dir_okay=False),
              help="yarn-site.xml loaded under the file (node memory, minimum allocation, "
                   "scheduler keys).")
@click.option("--am-mb", type=click.IntRange(min=1),
              help="ApplicationMaster container memory (default: "
                   "yarn.scheduler.minimum-allocation-mb, else 1024).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: a table; json: one object per queue.")
def queues(path: Path, nodes: int | None, racks: int | None, topology: Path | None,
           nodes_file: Path | None, yarn_site: Path | None, am_mb: int | None,
           fmt: str) -> None:
    """Print the effective queue tree of PATH: capacities, limits, AM limits and ACLs.

    With the cluster size (--nodes, --topology or --nodes-file) the table adds each leaf's
    memory and how many ApplicationMasters it can run on a busy and on an idle cluster.
    """
    from yarnlint.model.cluster import DEFAULT_HEARTBEAT_MS, ClusterSpec, cluster_from_spec
    from yarnlint.model.queues import applies, cluster_memory, describe_queues
    from yarnlint.pipeline.linter import build_model
    from yarnlint.pipeline.options import LintOptions

    if racks is not None and nodes is None:
        raise click.UsageError("--racks needs --nodes")
    try:
        model = build_model(path, str(path), LintOptions(yarn_site=yarn_site))
        spec = ClusterSpec(nodes, racks, topology, nodes_file, am_mb=am_mb)
        cluster = cluster_from_spec(spec, DEFAULT_HEARTBEAT_MS)
    except InputError as exc:
        _fail(str(exc))
    if not model.main_file.parsed:
        issue = next(iter(model.load_issues), None)
        _fail(f"{path}: cannot read it{': ' + issue.message if issue else ''}")
    if not applies(model):
        _fail(f"{path}: sets no yarn.scheduler.capacity.* key")
    tree = model.queue_tree
    memory = cluster_memory(tree, cluster.num_nodes, am_mb) if cluster else None
    rows = describe_queues(tree, memory)
    if fmt == "json":
        document = {"file": str(path), "cluster_mb": memory.total_mb if memory else None,
                    "am_mb": memory.am_mb if memory else None, "queues": rows}
        click.echo(json.dumps(document, indent=1))
    else:
        click.echo(render_table(rows), nl=False)
