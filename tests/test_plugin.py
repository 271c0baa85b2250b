"""Third-party rules arrive through the ``yarnlint.rules`` entry-point group."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PLUGIN = '''"""Queues must be named in lower case.

Why it matters on YARN: site policy of the test plugin.
"""
from yarnlint.rules import Option, Problem, RuleContext

ID = "ACME001"
NAME = "acme.lowercase-queues"
SEVERITY = "warning"
ALLOW_DIGITS = Option("allow_digits", bool, True, "digits may appear in queue names")
OPTIONS = (ALLOW_DIGITS,)


def check(ctx: RuleContext):
    for path in ctx.model.queue_paths:
        if path != path.lower() or (not ctx.option(ALLOW_DIGITS)
                                    and any(c.isdigit() for c in path)):
            yield Problem(f"queue {path} is not lower case",
                          ctx.model.main_file.properties[0].location)
'''


def _install_plugin(tmp_path: Path) -> dict[str, str]:
    """Install the plugin in a directory of its own; the environment that finds it."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "acme_rules.py").write_text(PLUGIN, encoding="utf-8")
    dist = site / "acme_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n",
                                   encoding="utf-8")
    (dist / "entry_points.txt").write_text("[yarnlint.rules]\nACME001 = acme_rules\n",
                                           encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get(
        "PYTHONPATH", "")])}


def test_plugin_rule_is_discovered_and_reports(tmp_path: Path, write_config) -> None:
    env = _install_plugin(tmp_path)
    config = write_config(("yarn.scheduler.capacity.root.queues", "Prod,dev"))
    run = [sys.executable, "-c", "from yarnlint.cli import main; main()"]
    listing = subprocess.run([*run, "rules"], env=env, capture_output=True, text=True)
    assert "ACME001" in listing.stdout and "acme.lowercase-queues" in listing.stdout
    lint = subprocess.run([*run, "check", str(config)], env=env, capture_output=True, text=True)
    assert lint.returncode == 1
    assert "ACME001 warning queue root.Prod is not lower case" in lint.stdout
    plain = subprocess.run([*run, "check", str(config)], capture_output=True, text=True)
    assert "ACME001" not in plain.stdout


def test_plugin_options_are_set_in_the_config_file(tmp_path: Path, write_config) -> None:
    env = _install_plugin(tmp_path)
    config = write_config(("yarn.scheduler.capacity.root.queues", "etl2"))
    run = [sys.executable, "-c", "from yarnlint.cli import main; main()", "check", str(config),
           "--select", "ACME001"]
    assert subprocess.run(run, env=env, capture_output=True, text=True).returncode == 0
    (tmp_path / ".yarnlint.toml").write_text("[rules.ACME001]\nallow_digits = false\n")
    lint = subprocess.run(run, env=env, capture_output=True, text=True)
    assert lint.returncode == 1 and "ACME001 warning queue root.etl2" in lint.stdout
    (tmp_path / ".yarnlint.toml").write_text('[rules.ACME001]\nallow_digits = "no"\n')
    refused = subprocess.run(run, env=env, capture_output=True, text=True)
    assert refused.returncode == 2 and "rules.ACME001.allow_digits: expected a value like " \
        "True, true or false, got 'no'" in refused.stderr
