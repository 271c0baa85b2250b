"""``yarnlint queues``: the effective queue tree as a table and as JSON."""

from __future__ import annotations

import json

from conftest import run_cli

P = "yarn.scheduler.capacity."
TREE = ((P + "root.queues", "prod,dev"), (P + "root.prod.capacity", "70"),
        (P + "root.dev.capacity", "30"), (P + "root.dev.queues", "alice,bob"),
        (P + "root.dev.maximum-capacity", "50"), (P + "root.dev.alice.capacity", "50"),
        (P + "root.dev.bob.capacity", "50"), (P + "root.dev.bob.user-limit-factor", "-1"),
        (P + "root.acl_submit_applications", " "), (P + "root.acl_administer_queue", " "),
        (P + "root.dev.acl_submit_applications", "alice,bob devs"))


def test_table_shows_the_tree_with_absolute_numbers(write_config) -> None:
    result = run_cli("queues", write_config(*TREE))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["queue", "capacity", "abs"]
    assert [line.split()[0] for line in lines[1:]] == ["root", "prod", "dev", "alice", "bob"]
    alice = next(line for line in lines if line.strip().startswith("alice"))
    assert alice.startswith("    alice") and "15%" in alice and "50%" in alice
    assert "users alice,bob; groups devs" in alice
    prod = next(line for line in lines if line.strip().startswith("prod"))
    assert prod.rstrip().endswith("nobody")


def test_json_has_limits_and_am_counts_with_a_cluster(write_config) -> None:
    result = run_cli("queues", write_config(*TREE), "--format", "json", "--nodes", "10")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["cluster_mb"] == 10 * 8192 and document["am_mb"] == 1024
    queues = {q["queue"]: q for q in document["queues"]}
    alice, bob = queues["root.dev.alice"], queues["root.dev.bob"]
    assert alice["absolute_capacity"] == 15.0 and alice["absolute_maximum_capacity"] == 50.0
    assert alice["one_user_max"] == 15.0 and bob["one_user_max"] == 50.0
    assert alice["maximum_applications"] == 1500
    assert alice["guaranteed_mb"] == 12288 and alice["am_limit_mb"] == 2048
    assert (alice["ams_busy"], alice["ams_idle"]) == (2, 4)
    assert "guaranteed_mb" not in queues["root.dev"]


def test_json_without_a_cluster_has_no_memory(write_config) -> None:
    document = json.loads(run_cli("queues", write_config(*TREE), "--format", "json").output)
    assert document["cluster_mb"] is None
    assert all("am_limit_mb" not in q for q in document["queues"])


def test_am_size_from_the_flag(write_config) -> None:
    result = run_cli("queues", write_config(*TREE), "--format", "json", "--nodes", "10",
                     "--am-mb", "2048")
    alice = next(q for q in json.loads(result.output)["queues"]
                 if q["queue"] == "root.dev.alice")
    assert alice["ams_busy"] == 1


def test_input_errors_exit_2(write_config, tmp_path) -> None:
    missing = run_cli("queues", tmp_path / "absent.xml")
    assert missing.exit_code == 2 and "no such file" in missing.output
    broken = tmp_path / "broken.xml"
    broken.write_text("<configuration><property>", encoding="utf-8")
    result = run_cli("queues", broken)
    assert result.exit_code == 2 and "cannot read it" in result.output
    mrv1 = write_config(("mapred.capacity-scheduler.queue.default.capacity", "100"))
    result = run_cli("queues", mrv1)
    assert result.exit_code == 2 and "sets no yarn.scheduler.capacity" in result.output
    assert "Traceback" not in result.output
