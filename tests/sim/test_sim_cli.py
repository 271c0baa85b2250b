"""``yarnlint simulate``: file and generator forms, text and JSON, exit 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from yarnlint.cli.simulate import simulate

SCENARIOS = Path(__file__).resolve().parent / "scenarios"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(simulate, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_text_trace_of_a_file() -> None:
    code, out, _ = _run(str(SCENARIOS / "leafqueue-rack-locality-delay.json"))
    assert code == 0
    lines = out.splitlines()
    assert lines[2].split() == ["127.0.0.3", "rack_2", "app1", "p1", "RACK_LOCAL", "allocated",
                                "M", "3", "->", "0"]
    assert lines[-1].startswith("containers: NODE_LOCAL 0, RACK_LOCAL 1, OFF_SWITCH 2")


def test_json_output() -> None:
    code, out, _ = _run(str(SCENARIOS / "leafqueue-rack-locality-delay.json"), "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert result["format"] == "yarnlint-simulation/1"
    assert result["summary"]["containers"] == {"NODE_LOCAL": 0, "RACK_LOCAL": 1, "OFF_SWITCH": 2}


def test_generator_form() -> None:
    code, out, _ = _run("--nodes", "400", "--racks", "10", "--request", "rack:/rack1 x3",
                        "--set", "node-locality-delay=5", "--heartbeats", "2", "--format", "json")
    assert code == 0
    summary = json.loads(out)["summary"]
    assert summary["heartbeats"] == 800
    assert summary["containers"]["OFF_SWITCH"] == 3  # default A = -1: 3 * 1/400 < 1


def test_missing_file(tmp_path: Path) -> None:
    code, out, err = _run(str(tmp_path / "absent.json"))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "absent.json" in err and "Traceback" not in err


def test_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": ', encoding="utf-8")
    code, _, err = _run(str(path))
    assert code == 2
    assert err.startswith(f"yarnlint simulate: {path}: invalid JSON at line 1")


def test_bad_field(tmp_path: Path) -> None:
    scenario = json.loads((SCENARIOS / "leafqueue-rack-locality-delay.json").read_text())
    scenario["steps"][3] = {"attempt": 7}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    code, _, err = _run(str(path))
    assert code == 2
    assert err == f"yarnlint simulate: {path}: steps[3].attempt: unknown node 7\n"


def test_bad_request_syntax() -> None:
    code, _, err = _run("--nodes", "4", "--request", "somewhere x3")
    assert code == 2
    assert err.startswith("yarnlint simulate: arguments: requests[0]: cannot read")
    assert err.count("\n") == 1


def test_file_and_generator_are_exclusive() -> None:
    code, _, _ = _run(str(SCENARIOS / "leafqueue-rack-locality-delay.json"), "--nodes", "4")
    assert code == 2


def test_help_documents_the_request_syntax() -> None:
    code, out, _ = _run("--help")
    assert code == 0
    assert "host:NAME" in out and "rack:/rack1 x3" in out
