"""A leaf whose ApplicationMaster limit lets fewer than two applications run at once.

Why it matters on YARN: each leaf may spend ``maximum-am-resource-percent`` (a fraction,
default 0.1) of its resources on ApplicationMasters
(``AbstractLeafQueue.calculateAndGetAMResourceLimitPerPartition``: the queue's guarantee, or
what it may currently use when that is more, times the fraction, rounded up to the minimum
allocation). Applications whose AM does not fit stay ACCEPTED until another finishes
(YARN-276); the RM always lets one start. On a busy cluster the guarantee is what counts, so
a small queue with the default 0.1 runs one application at a time without a word. Node
memory is ``yarn.nodemanager.resource.memory-mb`` (default 8192), the AM size ``--am-mb``
(default ``yarn.scheduler.minimum-allocation-mb``, 1024); only memory and the default
partition are counted.

Example: 40 nodes of 8192 MB, ``root.etl.capacity`` = 2: guarantee 6553 MB, AM limit 1024 MB:
one AM at a time when the cluster is busy.

Fix: raise the leaf's ``maximum-am-resource-percent`` (e.g. 0.3-0.5 for small queues) or its
capacity.
"""

from __future__ import annotations

from collections.abc import Iterator

from yarnlint.findings import Problem
from yarnlint.model.queues import am_limit, cluster_memory, judged_tree, leaf_limits, leaf_memory
from yarnlint.rules import Option, RuleContext

ID = "YL211"
NAME = "queue.am-limit"
SEVERITY = "warning"
NEEDS_CLUSTER = True
MINIMUM_AMS = Option("minimum_ams", int, 2,
                     "ApplicationMasters a leaf must be able to run at once on a busy cluster")
OPTIONS = (MINIMUM_AMS,)


def check(ctx: RuleContext) -> Iterator[Problem]:
    """One finding per leaf that can run fewer than ``minimum_ams`` AMs on a busy cluster."""
    tree = judged_tree(ctx.model)
    if tree is None:
        return
    memory = cluster_memory(tree, ctx.cluster.num_nodes, ctx.cluster.am_mb)
    for queue in tree.running_leaves():
        limits = leaf_limits(tree, queue)
        if limits.max_applications <= 0:
            continue  # YL213: no application at all
        guaranteed, ceiling = leaf_memory(queue, memory)
        limit, busy = am_limit(guaranteed, limits.am_percent, memory)
        _, idle = am_limit(max(guaranteed, ceiling), limits.am_percent, memory)
        if busy >= ctx.option(MINIMUM_AMS):
            continue
        yield Problem(
            f"{queue.path} can run {busy} ApplicationMaster at a time on a busy cluster: "
            f"guarantee {guaranteed} MB of {memory.total_mb} MB ({memory.nodes} nodes x "
            f"{memory.node_mb} MB) x maximum-am-resource-percent {limits.am_percent:g} = AM "
            f"limit {limit} MB, AM containers of {memory.am_mb} MB (idle cluster: {idle}); "
            "further applications wait in ACCEPTED", tree.where(queue.path,
                                                                 "maximum-am-resource-percent"),
            evidence={"guaranteed_mb": guaranteed, "maximum_mb": ceiling,
                      "am_limit_mb": limit, "am_mb": memory.am_mb, "busy_ams": busy,
                      "idle_ams": idle})
