"""The layers stay apart: imports go down only, the simulator is pure, reporters do no I/O,
and start-up leaves heavy parts unloaded."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "yarnlint"

LAYERS = (
    ("yarnlint", "yarnlint.core", "yarnlint.findings"),
    ("yarnlint.config",),
    ("yarnlint.model",),
    ("yarnlint.sim",),
    ("yarnlint.whatif",),
    ("yarnlint.rules",),
    ("yarnlint.pipeline",),
    ("yarnlint.report",),
    ("yarnlint.cli", "yarnlint.api"),
)
"""The layers, lowest first: a module may import its own layer and those below it.
``yarnlint`` is the package root (its version); ``yarnlint.findings`` re-exports the core's
finding types for rule plugins; ``yarnlint.api`` is the public face of the pipeline."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    """Whether a dotted name is a module or package of the source tree (not a name in one)."""
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.is_dir() or path.with_suffix(".py").is_file()


def _imports(path: Path) -> set[str]:
    """Every yarnlint module ``path`` imports, at the top or inside functions
    (``from yarnlint.whatif import verdicts`` counts as ``yarnlint.whatif.verdicts``)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *filter(None, [node.module])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names
                         if _is_module(f"{base}.{alias.name}"))
    return {name for name in found if name == "yarnlint" or name.startswith("yarnlint.")}


def _layer(module: str) -> int:
    """The index of the layer holding ``module`` (the longest matching prefix wins)."""
    best, depth = -1, -1
    for index, layer in enumerate(LAYERS):
        for prefix in layer:
            if (module == prefix or module.startswith(prefix + ".")) \
                    and prefix.count(".") > depth:
                best, depth = index, prefix.count(".")
    return best


def _modules() -> dict[str, set[str]]:
    return {_module_name(path): _imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_is_in_a_layer() -> None:
    modules = _modules()
    assert len(modules) > 50
    assert not [m for m in modules if _layer(m) < 0]


def test_no_layer_imports_a_higher_one() -> None:
    upward = sorted(f"{module} -> {imported}" for module, imports in _modules().items()
                    for imported in imports if _layer(imported) > _layer(module))
    assert upward == []


def test_the_core_imports_nothing_else_of_yarnlint() -> None:
    outside = sorted(f"{module} -> {imported}" for module, imports in _modules().items()
                     if module.startswith("yarnlint.core")
                     for imported in imports if not imported.startswith("yarnlint.core"))
    assert outside == []


def test_only_the_what_if_layer_and_the_cli_import_the_simulator() -> None:
    importers = {module.split(".")[1] for module, imports in _modules().items()
                 if not module.startswith("yarnlint.sim")
                 and any(i.startswith("yarnlint.sim") for i in imports)}
    assert importers == {"whatif", "cli"}


def test_the_import_check_sees_function_level_and_package_imports() -> None:
    imports = _imports(PACKAGE / "pipeline" / "linter.py")
    assert "yarnlint.whatif.cache" in imports  # imported inside a function
    assert "yarnlint.whatif.verdicts" in _imports(PACKAGE / "rules" / "locality_single_rack.py")


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
    # without a cluster, the rules that need one are listed, never imported
    from yarnlint.rules.builtin import BUILTIN_RULES

    cluster_rules = {rule.module for rule in BUILTIN_RULES if rule.needs_cluster}
    assert cluster_rules and not cluster_rules & set(loaded)
    assert "yarnlint.rules.queue_tree_shape" in loaded
    assert not {"yarnlint.whatif.verdicts", "yarnlint.whatif.cache"} & set(loaded)


def test_built_in_rules_are_the_entry_points_of_setup_cfg() -> None:
    import configparser

    from yarnlint.rules.builtin import BUILTIN_RULES

    setup = configparser.ConfigParser()
    setup.read(REPO / "setup.cfg", encoding="utf-8")
    listed = dict(line.split(" = ") for line in
                  setup["options.entry_points"]["yarnlint.rules"].strip().splitlines())
    assert listed == {rule.id: rule.module for rule in BUILTIN_RULES}


def test_the_table_of_built_in_rules_agrees_with_each_module() -> None:
    import importlib

    from yarnlint.rules.builtin import BUILTIN_RULES

    for rule in BUILTIN_RULES:
        module = importlib.import_module(rule.module)
        assert (module.ID, module.NAME, getattr(module, "NEEDS_CLUSTER", False)) == \
            (rule.id, rule.name, rule.needs_cluster), rule.module


def test_a_built_in_rule_that_disagrees_with_the_table_is_refused() -> None:
    from yarnlint.rules import Rule, RuleError
    from yarnlint.rules.builtin import BuiltinRule

    rule = Rule.deferred(BuiltinRule("YL001", "yarnlint.rules.duplicate_key", "another-name"))
    with pytest.raises(RuleError, match="does not match its entry"):
        rule.check  # noqa: B018 (reading it imports the module)


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


IO_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "exists",
            "is_file", "is_dir", "stat", "iterdir", "glob", "rglob", "unlink", "mkdir",
            "touch", "rename"}
IO_MODULES = {"io", "os", "shutil", "subprocess", "tempfile", "socket", "urllib.request"}


def test_reporters_call_no_file_io() -> None:
    found = []
    for path in sorted((PACKAGE / "report").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = (node.func.id if isinstance(node.func, ast.Name)
                        else node.func.attr if isinstance(node.func, ast.Attribute) else "")
                if name in IO_CALLS:
                    found.append(f"{path.name}:{node.lineno}: {name}()")
            elif isinstance(node, ast.Import | ast.ImportFrom):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""])
                found += [f"{path.name}:{node.lineno}: import {n}" for n in names
                          if n in IO_MODULES]
    assert found == []


def test_reporters_render_with_every_file_closed(tmp_path, monkeypatch) -> None:
    """A report with placed fixes, simulated evidence and suppressed findings renders in
    every format while opening any file fails."""
    import builtins
    import importlib
    import io
    import os
    import pathlib

    from yarnlint.model.cluster import ClusterSpec
    from yarnlint.pipeline.linter import Linter
    from yarnlint.pipeline.options import LintOptions
    from yarnlint.report import _RENDERERS, FORMATS, RenderContext, renderer

    config = tmp_path / "capacity-scheduler.xml"
    config.write_text(
        "<configuration>\n"
        "  <property><name>yarn.scheduler.capacity.node-locality-delay</name>"
        "<value>12</value></property>\n"
        "  <!-- yarnlint: disable=YL003 -->\n"
        "  <property><name>yarn.scheduler.capacity.rack-locality-delay</name>"
        "<value>1</value></property>\n"
        "</configuration>\n", encoding="utf-8")
    report = Linter().lint([config], LintOptions(cluster=ClusterSpec(nodes=30, racks=2)))
    assert any(f.placed is not None for f in report.findings)
    assert any(f.rerun is not None for f in report.findings)
    assert report.suppressed
    context = RenderContext(suppressed=tuple(report.suppressed), base_dir=tmp_path)
    renderers = {fmt: renderer(fmt) for fmt in FORMATS}
    for module_name, _ in _RENDERERS.values():
        importlib.import_module(f"yarnlint.report.{module_name}")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a reporter opened a file: {args!r}")

    for owner, name in ((builtins, "open"), (io, "open"), (os, "open"),
                        (pathlib.Path, "open"), (pathlib.Path, "read_bytes"),
                        (pathlib.Path, "read_text")):
        monkeypatch.setattr(owner, name, refuse)
    rendered = {fmt: render(report, context) for fmt, render in renderers.items()}
    monkeypatch.undo()
    document = json.loads(rendered["json"])
    assert any(f["fix"] is not None for f in document["findings"])
    assert any("--from-finding REPORT.json:" in str((f["evidence"] or {}).get("rerun"))
               for f in document["findings"])
    assert "yarnlint simulate --from-finding report.json:" in rendered["text"]


def test_every_package_is_a_regular_package() -> None:
    """``packages = find:`` installs only directories with an ``__init__.py``."""
    missing = [str(d.relative_to(REPO)) for d in PACKAGE.rglob("*")
               if d.is_dir() and d.name != "__pycache__" and any(d.glob("*.py"))
               and not (d / "__init__.py").is_file()]
    assert missing == []
