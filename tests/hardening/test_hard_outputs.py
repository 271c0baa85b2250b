"""``--output`` and ``--write-baseline`` never overwrite an input (compared by inode), are
written atomically, refuse read-only targets unless forced; a closed standard output is exit 2.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import config_xml, run_cli

P = "yarn.scheduler.capacity."
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'


@pytest.fixture
def run_inputs(tmp_path: Path) -> dict[str, Path]:
    """A config with an XInclude, a yarn-site, a topology, a nodes file and a config file."""
    (tmp_path / ".git").mkdir()
    files = {
        "part": tmp_path / "part.xml", "config": tmp_path / "capacity-scheduler.xml",
        "yarn-site": tmp_path / "yarn-site.xml", "topology": tmp_path / "topology.data",
        "nodes-file": tmp_path / "include", "toml": tmp_path / ".yarnlint.toml",
    }
    files["part"].write_text(config_xml((P + "node-locality-delay", "40")))
    files["config"].write_text(config_xml(
        (P + "root.queues", "default"), extra=f'  <xi:include href="part.xml" {XI}/>\n'))
    files["yarn-site"].write_text(config_xml(("yarn.resourcemanager.hostname", "rm")))
    files["topology"].write_text("node1 /rack1\nnode2 /rack2\n")
    files["nodes-file"].write_text("node1\nnode2\n")
    files["toml"].write_text('fail-on = "error"\n')
    return files


def _check(files: dict[str, Path], *args: object) -> tuple[int, str]:
    result = run_cli("check", files["config"], "--yarn-site", files["yarn-site"],
                     "--topology", files["topology"], "--nodes-file", files["nodes-file"],
                     *args)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
@pytest.mark.parametrize("victim", ["part", "yarn-site", "topology", "nodes-file", "toml",
                                    "config"])
def test_no_input_is_overwritten(run_inputs: dict[str, Path], option: str,
                                 victim: str) -> None:
    before = {name: path.read_bytes() for name, path in run_inputs.items()}
    code, err = _check(run_inputs, option, run_inputs[victim])
    assert code == 2 and "never overwrites its input" in err, err
    assert {name: path.read_bytes() for name, path in run_inputs.items()} == before


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_a_hard_link_to_an_input_is_refused(run_inputs: dict[str, Path], tmp_path: Path,
                                            option: str) -> None:
    link = tmp_path / "report.out"
    os.link(run_inputs["config"], link)
    before = run_inputs["config"].read_bytes()
    code, err = _check(run_inputs, option, link)
    assert code == 2 and "never overwrites its input" in err, err
    assert run_inputs["config"].read_bytes() == before


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_the_read_baseline_is_never_overwritten(run_inputs: dict[str, Path], tmp_path: Path,
                                                option: str) -> None:
    """Neither the report nor the new baseline replaces the baseline the run reads."""
    baseline = tmp_path / "baseline.json"
    assert _check(run_inputs, "--write-baseline", baseline)[0] in (0, 1)
    before = baseline.read_bytes()
    code, err = _check(run_inputs, "--baseline", baseline, option, baseline)
    assert code == 2 and "never overwrites its input" in err, err
    assert baseline.read_bytes() == before


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_a_read_only_output_is_refused_unless_forced(run_inputs: dict[str, Path],
                                                     tmp_path: Path, option: str) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep")
    target.chmod(0o444)
    code, err = _check(run_inputs, option, target)
    assert code == 2 and "read-only" in err, err
    assert target.read_text() == "keep"
    code, err = _check(run_inputs, option, target, "--force")
    assert code in (0, 1), err
    assert target.read_text() != "keep" and stat.S_IMODE(target.stat().st_mode) == 0o444


@pytest.mark.parametrize("close", ["closed", "broken pipe", "full"])
def test_a_lost_report_is_exit_2(run_inputs: dict[str, Path], close: str) -> None:
    command = [sys.executable, "-c", "from yarnlint.cli import main; main()", "check",
               str(run_inputs["config"])]
    if close == "full":
        if not Path("/dev/full").exists():
            pytest.skip("no /dev/full here")
        with open("/dev/full", "w") as full:
            done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True,
                                  timeout=120, check=False, cwd=run_inputs["config"].parent)
        code, err = done.returncode, done.stderr
    elif close == "closed":
        done = subprocess.run(command, stderr=subprocess.PIPE, text=True, timeout=120,
                              check=False, cwd=run_inputs["config"].parent,
                              preexec_fn=lambda: os.close(1))
        code, err = done.returncode, done.stderr
    else:
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, cwd=run_inputs["config"].parent)
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()
        err = child.stderr.read()
        code = child.wait(timeout=120)
    assert code == 2, err
    assert "cannot write the report to standard output" in err
    assert "Traceback" not in err and "internal error" not in err
