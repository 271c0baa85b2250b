"""Fuzzing: mutated corpus files never crash ``yarnlint check``.

Each strategy mutates a file of ../shared/corpus (byte flips, truncation, element shuffles,
random values for every locality key) and checks: no exception escapes, the exit code is
0, 1 or 2, every finding has a file and a line, and the JSON report parses.

The normal suite runs 40 examples per strategy. Set ``YARNLINT_FUZZ_EXAMPLES`` for a longer
run, e.g. ``YARNLINT_FUZZ_EXAMPLES=2000 python -m pytest tests/hardening/test_hard_fuzz.py``.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from conftest import corpus_files, run_cli
from hardening_support import assert_located, formats
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from yarnlint.config.known_keys import GLOBAL_KEYS, PREFIX
from yarnlint.model.cluster import HEARTBEAT_KEY

EXAMPLES = int(os.environ.get("YARNLINT_FUZZ_EXAMPLES", "40"))
CORPUS_FILES = corpus_files()
LOCALITY_KEYS = [PREFIX + k for k in GLOBAL_KEYS
                 if "locality" in k or k.startswith("per-node-heartbeat.")] + [HEARTBEAT_KEY]

pytestmark = pytest.mark.skipif(not CORPUS_FILES, reason="no ../shared/corpus")

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 40,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])



def _parsed(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def _well_formed(path: Path) -> bool:
    try:
        _parsed(path.read_bytes())
    except etree.XMLSyntaxError:
        return False
    return True


corpus_bytes = st.sampled_from(CORPUS_FILES or [Path("absent")]).map(Path.read_bytes)
well_formed_bytes = st.sampled_from(
    [f for f in CORPUS_FILES if _well_formed(f)] or [Path("absent")]).map(Path.read_bytes)
cluster_flags = st.one_of(
    st.just(()),
    st.integers(1, 200).flatmap(lambda n: st.tuples(
        st.just("--nodes"), st.just(str(n)), st.just("--racks"),
        st.integers(1, n).map(str))))
locality_values = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["", " ", "-1", "0", "2147483647", "2147483648", "-2147483649",
                     "0x7fffffff", "0xZZ", "40 nodes", "5.5", "1e9", "NaN", "true", "TRUE",
                     "${undefined}", "${env.HOME}", " 40 "]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30))


def _lint(tmp_path: Path, data: bytes, fmt: str, flags: tuple[str, ...]) -> None:
    """Lint ``data`` as JSON and as ``fmt``; check the invariants."""
    path = tmp_path / "capacity-scheduler.xml"
    path.write_bytes(data)
    result = run_cli("check", path, "--format", "json", *flags)
    assert result.exit_code in (0, 1, 2), result.output
    report = json.loads(result.stdout)
    assert_located(report["findings"])
    other = run_cli("check", path, "--format", fmt, *flags)
    assert other.exit_code == result.exit_code, other.output


@FUZZ
@given(data=corpus_bytes, flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True),
                                                   st.integers(0, 255)), min_size=1,
                                         max_size=8),
       fmt=st.sampled_from(formats()), flags=cluster_flags)
def test_byte_flips(tmp_path: Path, data: bytes, flips: list[tuple[float, int]], fmt: str,
                    flags: tuple[str, ...]) -> None:
    mutated = bytearray(data)
    for where, byte in flips:
        mutated[int(where * len(mutated))] = byte
    _lint(tmp_path, bytes(mutated), fmt, flags)


@FUZZ
@given(data=corpus_bytes, keep=st.floats(0, 1), fmt=st.sampled_from(formats()))
def test_truncation(tmp_path: Path, data: bytes, keep: float, fmt: str) -> None:
    _lint(tmp_path, data[:int(keep * len(data))], fmt, ())


@FUZZ
@given(data=well_formed_bytes, seed=st.integers(0, 2**32), fmt=st.sampled_from(formats()),
       flags=cluster_flags)
def test_element_shuffles(tmp_path: Path, data: bytes, seed: int, fmt: str,
                          flags: tuple[str, ...]) -> None:
    """Reorder, duplicate, drop and re-nest elements anywhere in the tree."""
    root = _parsed(data)
    rng = random.Random(seed)
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
    for element in rng.sample(elements, min(len(elements), 6)):
        parent = element.getparent()
        if parent is None:
            continue
        action = rng.choice(("shuffle", "duplicate", "drop", "move"))
        if action == "shuffle":
            children = list(parent)
            rng.shuffle(children)
            parent[:] = children
        elif action == "duplicate":
            parent.insert(rng.randrange(len(parent) + 1), etree.fromstring(
                etree.tostring(element)))
        elif action == "drop":
            parent.remove(element)
        else:
            target = rng.choice(elements)
            if target is not element and element not in list(target.iterancestors()):
                target.append(element)
    _lint(tmp_path, etree.tostring(root), fmt, flags)


@FUZZ
@given(data=well_formed_bytes, values=st.lists(locality_values, min_size=len(LOCALITY_KEYS),
                                          max_size=len(LOCALITY_KEYS)),
       fmt=st.sampled_from(formats()), flags=cluster_flags)
def test_random_locality_values(tmp_path: Path, data: bytes, values: list[str], fmt: str,
                                flags: tuple[str, ...]) -> None:
    """Every locality key set (or reset) to a negative, huge, non-numeric or empty value."""
    root = _parsed(data)
    for key, value in zip(LOCALITY_KEYS, values, strict=True):
        prop = etree.SubElement(root, "property")
        etree.SubElement(prop, "name").text = key
        etree.SubElement(prop, "value").text = value
    _lint(tmp_path, etree.tostring(root), fmt, flags)
