"""Broken (and tricky but valid) variants of a small file: yarnlint's queue refusals against
Hadoop 3.4.1's verdict.

Each variant carries the verdict read from Hadoop's loading code (the reason is in its
name and comment); ``tests/oracle/test_oracle_queue_variants.py`` puts the same variants
through the real ResourceManager.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import config_xml

from yarnlint.core.findings import Severity
from yarnlint.pipeline.linter import Linter
from yarnlint.pipeline.options import LintOptions

P = "yarn.scheduler.capacity."
BASE = {"root.queues": "a,b", "root.a.capacity": "50", "root.b.capacity": "50"}
ABS = "[memory=4096,vcores=4]"

# name: (keys after the prefix to set (None removes), Hadoop accepts, yarnlint refusal rules)
VARIANTS: dict[str, tuple[dict[str, str | None], bool, set[str]]] = {
    "base": ({}, True, set()),
    "sum-90": ({"root.b.capacity": "40"}, False, {"YL203"}),
    "sum-99.99-within-tolerance": ({"root.queues": "a,b,c", "root.a.capacity": "33.33",
                                    "root.b.capacity": "33.33", "root.c.capacity": "33.33"},
                                   True, set()),
    "sum-99.9": ({"root.queues": "a,b,c", "root.a.capacity": "33.3",
                  "root.b.capacity": "33.3", "root.c.capacity": "33.3"}, False, {"YL203"}),
    "percent-sign": ({"root.a.capacity": "50%"}, False, {"YL201", "YL203"}),
    "capacity-above-100": ({"root.a.capacity": "120", "root.b.capacity": "-20"}, False,
                           {"YL201"}),
    # no range check on maximum-capacity (getNonLabeledQueueMaximumCapacity)
    "maximum-above-100": ({"root.a.maximum-capacity": "150"}, True, set()),
    # capacity above maximum is only checked by CSQueueUtils methods nothing calls at load
    "capacity-above-maximum": ({"root.a.maximum-capacity": "30"}, True, set()),
    "weight-as-maximum": ({"root.a.maximum-capacity": "2w"}, False, {"YL201"}),
    "weights": ({"root.a.capacity": "1w", "root.b.capacity": "3w"}, True, set()),
    "weight-and-percent": ({"root.a.capacity": "2w"}, False, {"YL202"}),
    "absolute-then-percent": ({"root.a.capacity": ABS}, False, {"YL202"}),
    # the percentage flag is cleared when an absolute capacity follows it
    "percent-then-absolute": ({"root.b.capacity": ABS}, True, set()),
    "zero-sum": ({"root.a.capacity": "0", "root.b.capacity": "0"}, False, {"YL203"}),
    "zero-sum-allowed": ({"root.a.capacity": "0", "root.b.capacity": "0",
                          "root.allow-zero-capacity-sum": "true"}, True, set()),
    "no-root-queues": ({"root.queues": None}, False, {"YL204"}),
    "reservable-parent": ({"root.a.queues": "x", "root.a.x.capacity": "100",
                           "root.a.reservable": "true"}, False, {"YL204"}),
    "state-with-space": ({"root.a.state": "running "}, False, {"YL205"}),
    "state-draining": ({"root.a.state": "DRAINING"}, False, {"YL205"}),
    "state-lower-case": ({"root.a.state": "stopped"}, True, set()),
    "running-under-stopped": ({"root.a.queues": "x", "root.a.x.capacity": "100",
                               "root.a.state": "STOPPED", "root.a.x.state": "RUNNING"},
                              False, {"YL205"}),
    "labels-beyond-parent": ({"root.a.queues": "x", "root.a.x.capacity": "100",
                              "root.a.accessible-node-labels": "gpu",
                              "root.a.x.accessible-node-labels": "gpu,ssd"}, False, {"YL206"}),
    "default-label-not-accessible": ({"root.a.accessible-node-labels": "gpu",
                                      "root.a.default-node-label-expression": "ssd"},
                                     False, {"YL206"}),
    "label-key-without-property": ({"root.a.accessible-node-labels.gpu": "50"}, False,
                                   {"YL206"}),
    "label-sum-at-root": ({"root.a.accessible-node-labels": "gpu",
                           "root.a.accessible-node-labels.gpu.capacity": "60"}, False,
                          {"YL203"}),
    "label-sum-complete": ({"root.a.accessible-node-labels": "gpu",
                            "root.a.accessible-node-labels.gpu.capacity": "100"}, True, set()),
    "root-label-capacity-minus-one": ({"root.accessible-node-labels.default.capacity": "-1"},
                                      False, {"YL203"}),
    "absolute-maximum-above-parent": ({"root.a.capacity": ABS, "root.b.capacity": ABS,
                                       "root.a.maximum-capacity": ABS, "root.a.queues": "x",
                                       "root.a.x.capacity": "[memory=1024,vcores=1]",
                                       "root.a.x.maximum-capacity": "[memory=8192,vcores=4]"},
                                      False, {"YL207"}),
    "mapping-to-missing-queue": ({"queue-mappings": "u:alice:nosuch"}, False, {"YL208"}),
    "mapping-to-parent": ({"queue-mappings": "u:alice:root"}, False, {"YL208"}),
    "mapping-to-leaf": ({"queue-mappings": "u:alice:a,g:staff:root.b,u:%user:%user"}, True,
                        set()),
    "mapping-malformed": ({"queue-mappings": "u:alice"}, False, {"YL208"}),
    "mapping-format-unknown": ({"mapping-rule-format": "yaml"}, False, {"YL208"}),
    "leaf-policy-on-parent": ({"root.ordering-policy": "fair"}, False, {"YL209"}),
    "parent-policy-on-leaf": ({"root.a.ordering-policy": "utilization"}, False, {"YL209"}),
    "policies-in-place": ({"root.ordering-policy": " priority-utilization ",
                           "root.a.ordering-policy": "fair "}, True, set()),
    "queue-maximum-allocation-above-cluster": ({"root.a.maximum-allocation-mb": "16384"},
                                               False, {"YL210"}),
    "minimum-allocation-above-maximum": ({"yarn.scheduler.minimum-allocation-mb": "9000"},
                                         False, {"YL210"}),
    "default-lifetime-above-maximum": ({"root.maximum-application-lifetime": "3600",
                                        "root.a.default-application-lifetime": "7200"},
                                       False, {"YL210"}),
    "max-parallel-apps-with-space": ({"root.a.max-parallel-apps": " 5"}, False, {"YL210"}),
    # repeated names are parsed twice and their capacities counted twice
    "repeated-child": ({"root.queues": "a,a", "root.b.capacity": None}, True, set()),
    "same-short-name-twice": ({"root.a.queues": "x", "root.b.queues": "x",
                               "root.a.x.capacity": "100", "root.b.x.capacity": "100"},
                              True, set()),
}


def variant_xml(changes: dict[str, str | None]) -> str:
    keys = {**BASE, **changes}
    return config_xml(*((P + k if not k.startswith("yarn.") else k, v)
                        for k, v in keys.items() if v is not None))


def refusals(path: Path, yarn_site: Path | None = None) -> set[str]:
    """IDs of the queue rules (YL2xx) that say the RM refuses the file."""
    result = Linter().lint_file(path, LintOptions(yarn_site=yarn_site), path.name)
    assert result.error is None
    return {f.rule_id for f in result.findings
            if f.rule_id.startswith("YL2") and f.severity == Severity.ERROR}


@pytest.mark.parametrize("name", VARIANTS)
def test_variant_refusals_match_the_reading(tmp_path: Path, name: str) -> None:
    changes, accepted, expected = VARIANTS[name]
    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(variant_xml(changes), encoding="utf-8")
    found = refusals(path)
    assert found == expected
    assert bool(found) is not accepted
