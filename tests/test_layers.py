"""The layers stay apart: the simulator is pure, and start-up leaves heavy parts unloaded."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO


def _modules_after(code: str) -> list[str]:
    """The yarnlint, lxml and click modules loaded by ``code`` in a fresh interpreter."""
    probe = (f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules "
             "if m.split('.')[0] in ('yarnlint', 'lxml', 'click'))))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=REPO)
    return json.loads(out.stdout.splitlines()[-1])


def test_simulator_imports_no_parser_and_no_cli() -> None:
    loaded = _modules_after(
        "from yarnlint.sim import build_scenario, run_scenario\n"
        "run_scenario(build_scenario(nodes=4, racks=2, requests=['rack:/rack1 x2'], "
        "settings={'multi-node-placement-enabled': 'true'}))")
    assert not [m for m in loaded if m.split(".")[0] in ("lxml", "click")]
    assert not [m for m in loaded if m.startswith(("yarnlint.cli", "yarnlint.rules",
                                                   "yarnlint.report", "yarnlint.api"))]


def test_structural_lint_does_not_load_the_simulator(tmp_path) -> None:
    config = tmp_path / "capacity-scheduler.xml"
    config.write_text("<configuration><property><name>yarn.scheduler.capacity.root.queues"
                      "</name><value>default</value></property></configuration>",
                      encoding="utf-8")
    loaded = _modules_after(
        "from yarnlint.cli import main\n"
        f"try:\n    main(['check', {str(config)!r}])\nexcept SystemExit:\n    pass")
    assert "yarnlint.cli.check" in loaded
    assert not [m for m in loaded if m.startswith("yarnlint.sim")]
    assert "yarnlint.cli.simulate" not in loaded and "yarnlint.cli.fix" not in loaded


def test_built_in_rules_are_the_entry_points_of_setup_cfg() -> None:
    import configparser

    from yarnlint.rules.builtin import BUILTIN_RULES

    setup = configparser.ConfigParser()
    setup.read(REPO / "setup.cfg", encoding="utf-8")
    listed = dict(line.split(" = ") for line in
                  setup["options.entry_points"]["yarnlint.rules"].strip().splitlines())
    assert listed == BUILTIN_RULES


def test_a_lint_with_a_cached_simulation_loads_no_simulator_nor_metadata(tmp_path) -> None:
    config = tmp_path / "capacity-scheduler.xml"
    config.write_text("<configuration><property><name>yarn.scheduler.capacity.node-locality-"
                      "delay</name><value>12</value></property></configuration>",
                      encoding="utf-8")
    lint = ("from yarnlint.cli import main\n"
            f"try:\n    main(['check', {str(config)!r}, '--nodes', '30', '--racks', '2'])\n"
            "except SystemExit:\n    pass\n"
            "import sys\nprint('METADATA' if 'importlib.metadata' in sys.modules else '')")
    _modules_after(lint)  # fills the simulation cache
    loaded = _modules_after(lint)
    assert not [m for m in loaded if m.startswith("yarnlint.sim")]
    probe = subprocess.run([sys.executable, "-c", lint], capture_output=True, text=True,
                           cwd=REPO)
    assert "METADATA" not in probe.stdout
