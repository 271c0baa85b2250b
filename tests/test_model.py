"""The typed model: defaults, parsing, queue tree, key classification."""

from __future__ import annotations

from pathlib import Path

from yarnlint.pipeline.linter import build_model
from yarnlint.pipeline.options import LintOptions

P = "yarn.scheduler.capacity."


def _model(write_config, *props: tuple[str, str]):
    path: Path = write_config(*props)
    return build_model(path, path.name, LintOptions())


def test_defaults_when_absent(write_config) -> None:
    model = _model(write_config)
    assert model.value("node-locality-delay") == 40
    assert model.value("rack-locality-additional-delay") == -1
    assert model.value("rack-locality-full-reset") is True
    assert model.value("per-node-heartbeat.maximum-container-assignments") == 100
    assert not model.setting("node-locality-delay").is_set


def test_typed_values_and_errors(write_config) -> None:
    model = _model(write_config, (P + "node-locality-delay", " 0x20 "),
                   (P + "rack-locality-full-reset", "yes"),
                   (P + "per-node-heartbeat.maximum-container-assignments", "5.5"))
    assert model.value("node-locality-delay") == 32
    full_reset = model.setting("rack-locality-full-reset")
    assert full_reset.value is True and full_reset.error
    containers = model.setting("per-node-heartbeat.maximum-container-assignments")
    assert containers.error and containers.written == "5.5"


def test_substituted_value_is_typed(write_config) -> None:
    model = _model(write_config, ("rack.size", "20"), (P + "node-locality-delay", "${rack.size}"))
    assert model.value("node-locality-delay") == 20


def test_queue_tree(write_config) -> None:
    model = _model(write_config, (P + "root.queues", "a, b,,a"), (P + "root.a.queues", "x"))
    assert sorted(model.queue_paths) == ["root", "root.a", "root.a.x", "root.b"]
    assert model.queue_paths["root.b"].is_leaf and not model.queue_paths["root.a"].is_leaf


def test_classify_odd_but_right_spellings(write_config) -> None:
    model = _model(write_config, (P + "root.queues", "default"))
    for short in ("root.default.disable_preemption", "root.acl_submit_applications",
                  "root.default.intra-queue-preemption.disable_preemption",
                  "per-node-heartbeat.maximum-offswitch-assignments",
                  "queue.auto.refresh.monitoring-interval",
                  "multi-node-sorting.policy.default.sorting-interval.ms",
                  "root.default.accessible-node-labels.gpu.capacity",
                  "root.default.user-settings.alice.smith.weight",
                  "root.auto-queue-creation-v2.template.capacity",
                  "root.*.auto-queue-creation-v2.leaf-template.maximum-capacity",
                  "user.bob.max-parallel-apps"):
        assert model.classify(P + short).kind in ("global", "queue"), short


def test_classify_unknown_with_suggestions(write_config) -> None:
    model = _model(write_config, (P + "root.queues", "default"))
    cases = {
        "node-locality-delays": P + "node-locality-delay",
        "rack-locality-delay": P + "rack-locality-additional-delay",
        "root.default.max-capacity": P + "root.default.maximum-capacity",
        "default.capacity": P + "root.default.capacity",
    }
    for short, suggestion in cases.items():
        kind = model.classify(P + short)
        assert (kind.kind, kind.suggestion) == ("unknown", suggestion), short
    assert model.classify(P + "root.gone.capacity").kind == "orphan-queue"
    assert model.classify("fs.defaultFS").kind == "foreign"
