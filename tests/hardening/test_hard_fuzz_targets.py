"""Fuzz targets: the loader, ``fix`` as a round trip, and the config readers.

* ``fix``: documents built from random pieces (attribute and element forms, comments, PIs and
  CDATA inside values, a ``<value>`` in the description, duplicates, three line endings,
  UTF-8, UTF-16 and Latin-1) get a random new value; the edited bytes must read back as the
  old effective values plus that one change, and differ from the original only inside the
  edit.
* The loader and the edit planner on mutated bytes: only their own errors, never another
  exception.
* The config readers (TOML config file, JSON baseline, JSON scenario) on random text: only
  their own errors.

``YARNLINT_FUZZ_EXAMPLES`` sets the number of examples (default 40), as in test_hard_fuzz.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yarnlint.config.edits import Document, FixError, apply, plan_each, verify
from yarnlint.config.known_keys import PREFIX
from yarnlint.config.xmlload import load_xml
from yarnlint.core.findings import InputError, ValueFix
from yarnlint.pipeline.baseline import load as load_baseline
from yarnlint.pipeline.settings import SettingsError
from yarnlint.pipeline.settings import load as load_settings
from yarnlint.sim import ScenarioError
from yarnlint.sim.scenario import parse_scenario

EXAMPLES = int(os.environ.get("YARNLINT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])
KEYS = [PREFIX + k for k in ("node-locality-delay", "rack-locality-additional-delay",
                             "root.queues", "root.default.capacity")]
XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",),
                                 blacklist_characters="\x00\ufffe\uffff",
                                 max_codepoint=0x2FFF).filter(lambda c: c >= " " or c in "\t\n"),
                   min_size=1, max_size=12)
SAFE = st.text(st.sampled_from("abc019 -_.,"), min_size=1, max_size=8)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def value_elements(draw: st.DrawFn) -> str:
    """A ``<value>`` element whose text is non-empty, in one of the ways people write it."""
    text = _escape(draw(SAFE))
    form = draw(st.sampled_from(["plain", "attribute", "comment", "pi", "cdata", "entity"]))
    return {
        "plain": f"<value>{text}</value>",
        "attribute": f"<value note='a>b'>{text}</value>",
        "comment": f"<value>{text}<!-- note --></value>",
        "pi": f"<value><?keep it?>{text}</value>",
        "cdata": f"<value><![CDATA[{text}]]></value>",
        "entity": f"<value>&#49;{text}</value>",
    }[form]


@st.composite
def properties(draw: st.DrawFn) -> str:
    key = draw(st.sampled_from(KEYS))
    if draw(st.booleans()):
        return f'<property name="{key}" value="{_escape(draw(SAFE))}"/>'
    description = draw(st.sampled_from(["", "<description>e.g. <value>3</value></description>",
                                        "<description>plain</description>"]))
    return f"<property>{description}<name>{key}</name>{draw(value_elements())}</property>"


@st.composite
def documents(draw: st.DrawFn) -> tuple[bytes, str]:
    """A configuration document and the codec it is written in."""
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    codec = draw(st.sampled_from(["utf-8", "utf-16", "latin-1"]))
    body = newline.join("  " + p for p in draw(st.lists(properties(), max_size=6)))
    declared = {"utf-8": "UTF-8", "utf-16": "UTF-16", "latin-1": "ISO-8859-1"}[codec]
    text = (f'<?xml version="1.0" encoding="{declared}"?>{newline}<configuration>{newline}'
            f"{body}{newline}</configuration>{newline}")
    return text.encode(codec), codec


def _fix_round_trip(tmp_path: Path, data: bytes, key: str, value: str) -> None:
    path = tmp_path / "capacity-scheduler.xml"
    path.write_bytes(data)
    document = Document.read(data, path, str(path))
    edits, refused = plan_each(document, [ValueFix(key, value, None)], PREFIX)
    if refused:
        assert not edits
        return
    after = apply(data, edits)
    (edit,) = edits
    assert after[:edit.start] == data[:edit.start]
    assert after[edit.start + len(edit.replacement):] == data[edit.end:]
    changed = load_xml(path, str(path), after)
    assert verify(document.loaded, changed, {key: value}) is None


@FUZZ
@given(document=documents(), key=st.sampled_from(KEYS), value=XML_TEXT)
def test_fix_round_trip(tmp_path_factory: pytest.TempPathFactory,
                        document: tuple[bytes, str], key: str, value: str) -> None:
    data, codec = document
    if codec == "latin-1":
        value = value.encode("latin-1", "replace").decode("latin-1")
    _fix_round_trip(tmp_path_factory.mktemp("fix"), data, key, value)


@FUZZ
@given(document=documents(), cut=st.floats(0, 1), junk=st.binary(max_size=8))
def test_loader_and_planner_on_mutated_bytes(tmp_path_factory: pytest.TempPathFactory,
                                             document: tuple[bytes, str], cut: float,
                                             junk: bytes) -> None:
    data = document[0]
    at = int(len(data) * cut)
    mutated = data[:at] + junk + data[at + len(junk):]
    path = tmp_path_factory.mktemp("load") / "capacity-scheduler.xml"
    path.write_bytes(mutated)
    loaded = load_xml(path)
    assert all(p.location.line >= 1 for p in loaded.properties)
    with suppress(FixError):
        _fix_round_trip(path.parent, mutated, KEYS[0], "17")


@FUZZ
@given(text=st.text(max_size=200))
def test_toml_config_reader(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("toml") / ".yarnlint.toml"
    path.write_text(text, encoding="utf-8")
    with suppress(SettingsError):
        load_settings(path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20)


@FUZZ
@given(entries=st.lists(st.dictionaries(
    st.sampled_from(["rule_id", "file", "key", "count"]), JSON_VALUES), max_size=4))
def test_json_baseline_reader(tmp_path_factory: pytest.TempPathFactory,
                              entries: list[dict[str, object]]) -> None:
    path = tmp_path_factory.mktemp("baseline") / "baseline.json"
    path.write_text(json.dumps({"format": "yarnlint-baseline/1", "findings": entries}))
    with suppress(InputError):
        load_baseline(path)


@FUZZ
@given(document=st.dictionaries(st.sampled_from(
    ["format", "cluster", "scheduler", "apps", "steps", "limits", "seed"]), JSON_VALUES))
def test_json_scenario_reader(document: dict[str, object]) -> None:
    document.setdefault("format", "yarnlint-scenario/1")
    with suppress(ScenarioError):
        parse_scenario(document)
