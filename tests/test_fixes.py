"""Value fixes keep every byte outside the edited value."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import corpus_files

from yarnlint.config.edits import apply, plan
from yarnlint.config.known_keys import PREFIX
from yarnlint.config.xmlload import load_xml
from yarnlint.core.findings import ValueFix

DELAY = PREFIX + "node-locality-delay"
PARSEABLE = [p for p in corpus_files() if load_xml(p).parsed and load_xml(p).properties]


def fix_file(path: Path, fixes: list[ValueFix]) -> tuple[bytes, bytes]:
    """The file's bytes before and after applying ``fixes``."""
    data = path.read_bytes()
    return data, apply(data, plan(data, fixes, PREFIX))


def _values(path: Path) -> dict[str, str | None]:
    return {p.name: p.value for p in load_xml(path).properties}


def _only_span_changed(before: bytes, after: bytes, start: int, end: int, new: bytes) -> None:
    assert after[:start] == before[:start]
    assert after[start:start + len(new)] == new
    assert after[start + len(new):] == before[end:]


@pytest.mark.skipif(not PARSEABLE, reason="../shared/corpus not available")
@pytest.mark.parametrize("path", PARSEABLE, ids=lambda p: p.name[:60])
def test_corpus_edit_or_insert_keeps_other_bytes(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    existing = next((p for p in load_xml(copy).properties if p.name == DELAY), None)
    fix = ValueFix(DELAY, "17", existing.location if existing else None)
    before, after = fix_file(copy, [fix])
    (edit,) = plan(before, [fix], PREFIX)
    _only_span_changed(before, after, edit.start, edit.end, edit.replacement)
    copy.write_bytes(after)
    values = _values(copy)
    assert values[DELAY] == "17"
    others = {k: v for k, v in _values(path).items() if k != DELAY}
    assert {k: v for k, v in values.items() if k != DELAY} == others


def test_crlf_and_indentation_preserved_on_insert(tmp_path: Path) -> None:
    text = ("<?xml version='1.0' encoding='ISO-8859-1'?>\r\n<configuration>\r\n"
            "\t<property>\r\n\t\t<name>yarn.scheduler.capacity.root.queues</name>\r\n"
            "\t\t<value>d\xe9v</value>\r\n\t</property>\r\n"
            "\t<property><name>other.key</name><value>1</value></property>\r\n"
            "</configuration>\r\n")
    path = tmp_path / "capacity-scheduler.xml"
    path.write_bytes(text.encode("latin-1"))
    _before, after = fix_file(path, [ValueFix(DELAY, "20", None)])
    assert b"\n" not in after.replace(b"\r\n", b"")
    inserted = after.decode("latin-1").split("\t</property>\r\n", 1)[1]
    assert inserted.startswith(f"\t<property>\r\n\t\t<name>{DELAY}</name>\r\n"
                               "\t\t<value>20</value>\r\n\t</property>\r\n")
    path.write_bytes(after)
    assert _values(path) == {PREFIX + "root.queues": "d\xe9v", "other.key": "1", DELAY: "20"}


def test_attribute_form_and_escaping(tmp_path: Path) -> None:
    path = tmp_path / "c.xml"
    path.write_text(f'<configuration>\n  <property name="{DELAY}" value="40" final="true"/>\n'
                    "</configuration>\n", encoding="utf-8")
    location = load_xml(path).properties[0].location
    _, after = fix_file(path, [ValueFix(DELAY, 'a&"b', location)])
    assert after.decode() == (f'<configuration>\n  <property name="{DELAY}" value="a&amp;&quot;b"'
                              ' final="true"/>\n</configuration>\n')


def test_two_inserts_keep_their_order() -> None:
    data = b"<configuration>\n  <property><name>a</name><value>1</value></property>\n" \
           b"</configuration>\n"
    fixes = [ValueFix(PREFIX + "x", "1", None), ValueFix(PREFIX + "y", "2", None)]
    after = apply(data, plan(data, fixes, PREFIX)).decode()
    assert after.index(PREFIX + "x") < after.index(PREFIX + "y")
