"""Broken and odd files load as Hadoop 3's ``Configuration.Parser`` loads them.

What Hadoop loads gives the same (name, value, final) here; what it rejects is a YL000
error finding. See docs/hadoop-parsing-notes.md for the source behind each expectation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from hardening_support import assert_located, json_findings

from yarnlint.config.xmlload import load_xml

Q = "yarn.scheduler.capacity.root.queues"
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'


def _conf(body: str) -> str:
    return f"<configuration>\n{body}\n</configuration>\n"


CASES: dict[str, tuple[bytes, list[tuple[str, str | None, bool]], set[str]]] = {
    "empty": (b"", [], {"xml-syntax"}),
    "whitespace-only": (b"  \n\t\n", [], {"xml-syntax"}),
    "binary-garbage": (bytes(range(256)) * 4, [], {"xml-syntax"}),
    "truncated": (_conf(f"<property><name>{Q}</name><value>a")[:60].encode(), [],
                  {"xml-syntax"}),
    "wrong-root": (f"<html><body><property><name>{Q}</name><value>a</value></property>"
                   "</body></html>".encode(), [(Q, "a", False)], {"root"}),
    "property-as-root": (f'<property name="{Q}" value="a"/>'.encode(), [(Q, "a", False)],
                         {"root"}),
    "latin1-declared": (('<?xml version="1.0" encoding="ISO-8859-1"?>' + _conf(
        f"<property><name>{Q}</name><value>caf\u00e9</value>"
        "<description>d\u00e9j\u00e0 vu</description></property>")).encode("latin-1"),
        [(Q, "caf\u00e9", False)], set()),
    "latin1-undeclared": (_conf(f"<property><name>{Q}</name><value>caf\u00e9</value>"
                                "</property>").encode("latin-1"), [], {"xml-syntax"}),
    "utf8-bom": (b"\xef\xbb\xbf" + _conf(f"<property><name>{Q}</name><value>a</value>"
                                         "</property>").encode(), [(Q, "a", False)], set()),
    "utf16": (_conf(f"<property><name>{Q}</name><value>a</value></property>")
              .encode("utf-16"), [(Q, "a", False)], set()),
    "crlf": (_conf(f"<property>\r\n<name>{Q}</name>\r\n<value>a\r\nb</value>\r\n"
                   "</property>").encode(), [(Q, "a\nb", False)], set()),
    "no-name": (_conf("<property><value>1</value></property>").encode(), [], {"no-name"}),
    "blank-name": (_conf("<property><name>  </name><value>1</value></property>").encode(),
                   [], {"no-name"}),
    "no-value": (_conf(f"<property><name>{Q}</name></property>").encode(),
                 [(Q, None, False)], set()),
    "empty-value": (_conf(f"<property><name>{Q}</name><value/></property>").encode(),
                    [(Q, None, False)], set()),
    "empty-value-attribute": (_conf(f'<property name="{Q}" value=""/>').encode(),
                              [(Q, "", False)], set()),
    "attribute-name-not-trimmed": (_conf(f'<property name=" {Q}" value="a"/>').encode(),
                                   [(f" {Q}", "a", False)], set()),
    "nested-property": (_conf("<property><name>outer</name><value>1</value>"
                              "<property><name>inner</name><value>2</value></property>"
                              "<value>3</value></property>").encode(),
                        [("inner", "2", False), ("inner", "3", False)], {"nested-property"}),
    "property-inside-other-element": (
        _conf(f"<queues><group><property><name>{Q}</name><value>a</value></property>"
              "</group></queues>").encode(), [(Q, "a", False)], set()),
    "cdata": (_conf(f"<property><name>{Q}</name><value><![CDATA[a,<b>]]></value>"
                    "</property>").encode(), [(Q, "a,<b>", False)], set()),
    "comments-everywhere": (
        (b"<!-- before -->\n<configuration><!-- c --><property><!-- c --><name>yarn.<!-- c -->"
         b"scheduler.capacity.root.queues</name><!-- c --><value>a<!-- c -->,b</value>"
         b"<!-- c --></property><!-- c --></configuration>\n<!-- after -->\n"),
        [(Q, "a,b", False)], set()),
    "whitespace-kept-in-values": (
        _conf(f"<property><name>\n  {Q}\n</name><value>\n  a \n</value>"
              "<final> true </final></property>").encode(), [(Q, "\n  a \n", False)], set()),
    "final-exactly-true": (_conf(f"<property><name>{Q}</name><value>a</value>"
                                 "<final>true</final></property>").encode(),
                           [(Q, "a", True)], set()),
    "internal-entity": (('<!DOCTYPE configuration [<!ENTITY q "default">]>\n' + _conf(
        f"<property><name>{Q}</name><value>&q;,b</value></property>")).encode(),
        [(Q, "default,b", False)], set()),
    "undefined-entity": (_conf(f"<property><name>{Q}</name><value>&q;</value></property>")
                         .encode(), [], {"xml-syntax"}),
    "unbound-prefix": (_conf('<xi:include href="x.xml"/>').encode(), [], {"xml-syntax"}),
    "fallback-of-include-without-href": (
        _conf(f"<xi:include {XI}><xi:fallback><property><name>{Q}</name><value>a</value>"
              "</property></xi:fallback></xi:include>").encode(), [], set()),
    "nul-character-reference": (_conf(f"<property><name>{Q}</name><value>&#0;</value>"
                                      "</property>").encode(), [], {"xml-syntax"}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_loads_like_hadoop(tmp_path: Path, case: str) -> None:
    data, expected, kinds = CASES[case]
    path = tmp_path / "capacity-scheduler.xml"
    path.write_bytes(data)
    loaded = load_xml(path, path.name)
    assert [(p.name, p.value, p.final) for p in loaded.properties] == expected
    assert {i.kind for i in loaded.issues} == kinds
    assert all(i.location.file == path.name and i.location.line >= 1 for i in loaded.issues)
    result = run_cli("check", path, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    findings = json_findings(result)
    assert_located(findings)
    errors = [f for f in findings if f["rule_id"] == "YL000" and f["severity"] == "error"]
    assert bool(errors) == ("xml-syntax" in kinds)


def test_latin1_description_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "capacity-scheduler.xml"
    path.write_bytes(CASES["latin1-declared"][0])
    (prop,) = load_xml(path).properties
    assert prop.description == "d\u00e9j\u00e0 vu"


def test_crlf_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "capacity-scheduler.xml"
    path.write_bytes(b"<configuration>\r\n\r\n  <property><name>a</name><value>1</value>"
                     b"</property>\r\n</configuration>\r\n")
    (prop,) = load_xml(path).properties
    assert (prop.location.line, prop.location.column) == (3, 3)


def test_comments_everywhere_are_kept_for_suppressions(tmp_path: Path) -> None:
    path = tmp_path / "capacity-scheduler.xml"
    path.write_bytes(CASES["comments-everywhere"][0])
    texts = [c.text.strip() for c in load_xml(path).comments]
    assert texts[0] == "before" and texts.count("c") == 7


def test_relative_includes_resolve_against_the_linted_file(tmp_path: Path) -> None:
    """Hadoop hands the top-level resource name to included files and resolves against it."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.xml").write_text(
        f'<configuration {XI}><xi:include href="b.xml"/></configuration>', encoding="utf-8")
    (tmp_path / "b.xml").write_text(
        "<configuration><property><name>top</name><value>1</value></property>"
        "</configuration>", encoding="utf-8")
    (tmp_path / "sub" / "b.xml").write_text(
        "<configuration><property><name>sub</name><value>1</value></property>"
        "</configuration>", encoding="utf-8")
    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(f'<configuration {XI}><xi:include href="sub/a.xml"/></configuration>',
                    encoding="utf-8")
    assert [p.name for p in load_xml(path).properties] == ["top"]


def test_broken_included_file_is_located_in_that_file(tmp_path: Path) -> None:
    (tmp_path / "part.xml").write_text("<configuration>\n<property>\n", encoding="utf-8")
    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(f'<configuration {XI}>\n<xi:include href="part.xml"/></configuration>',
                    encoding="utf-8")
    (issue,) = load_xml(path, "conf/capacity-scheduler.xml").issues
    assert issue.kind == "xml-syntax" and issue.location.file == "conf/part.xml"
