"""Loading configuration XML the way Hadoop's Configuration does."""

from __future__ import annotations

from pathlib import Path

from yarnlint.config.resolve import Configuration
from yarnlint.config.xmlload import load_xml


def _load(tmp_path: Path, text: str, name: str = "capacity-scheduler.xml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_xml(path, name)


def test_names_trimmed_values_kept_and_empty_values_dropped(tmp_path: Path) -> None:
    loaded = _load(tmp_path, """<configuration>
<property><name>
   a.b  </name><value> 5 </value></property>
<property><name>empty</name><value></value></property>
<property><name>missing</name></property>
<property><name>space</name><value> </value></property>
</configuration>""")
    by_name = {p.name: p.value for p in loaded.properties}
    assert by_name == {"a.b": " 5 ", "empty": None, "missing": None, "space": " "}


def test_attribute_form_and_any_depth(tmp_path: Path) -> None:
    loaded = _load(tmp_path, """<configuration><group><inner>
<property name="x" value="1" final="true"/>
</inner></group></configuration>""")
    (prop,) = loaded.properties
    assert (prop.name, prop.value, prop.final) == ("x", "1", True)


def test_only_exact_true_makes_final(tmp_path: Path) -> None:
    # Configuration.handleEndElement: "true".equals(token), the token neither trimmed
    # nor lower-cased
    loaded = _load(tmp_path, """<configuration>
<property><name>a</name><value>1</value><final>TRUE</final></property>
<property><name>b</name><value>1</value><final> true </final></property>
<property><name>c</name><value>1</value><final>true</final></property>
</configuration>""")
    assert [p.final for p in loaded.properties] == [False, False, True]


def test_property_location_is_line_and_column_of_the_element(tmp_path: Path) -> None:
    text = ('<configuration>\n'
            '  <!-- <property><name>commented</name><value>1</value></property> -->\n'
            '    <property><name>a</name><value>1</value></property>'
            '<property><name>b</name><value>2</value></property>\n'
            '</configuration>\n')
    loaded = _load(tmp_path, text)
    where = {p.name: (p.location.line, p.location.column) for p in loaded.properties}
    line = text.splitlines()[2]
    assert where == {"a": (3, line.index("<property") + 1),
                     "b": (3, line.index("<property", 10) + 1)}


def test_cdata_and_comments_inside_value(tmp_path: Path) -> None:
    loaded = _load(tmp_path, """<configuration>
<property><name>a</name><value><![CDATA[4]]><!-- note -->0</value></property>
</configuration>""")
    assert loaded.properties[0].value == "40"


def test_xinclude_relative_with_fallback(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "locality.xml").write_text(
        "<configuration><property><name>inc</name><value>7</value></property>"
        "</configuration>", encoding="utf-8")
    loaded = _load(tmp_path, """<configuration xmlns:xi="http://www.w3.org/2001/XInclude">
<property><name>before</name><value>1</value></property>
<xi:include href="sub/locality.xml"/>
<xi:include href="absent.xml"><xi:fallback>
  <property><name>fallback</name><value>2</value></property>
</xi:fallback></xi:include>
</configuration>""")
    assert [(p.name, p.value) for p in loaded.properties] == [
        ("before", "1"), ("inc", "7"), ("fallback", "2")]
    assert loaded.properties[1].location.file.endswith("locality.xml")
    assert loaded.issues == []


def test_xinclude_missing_without_fallback_is_an_error(tmp_path: Path) -> None:
    loaded = _load(tmp_path, """<configuration xmlns:xi="http://www.w3.org/2001/XInclude">
<xi:include href="absent.xml"/></configuration>""")
    (issue,) = loaded.issues
    assert issue.kind == "include" and "absent.xml" in issue.message
    assert issue.location.line == 2


def test_xinclude_outside_directory_and_url_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.xml"
    outside.write_text("<configuration><property><name>leak</name><value>1</value>"
                       "</property></configuration>", encoding="utf-8")
    (tmp_path / "conf").mkdir()
    path = tmp_path / "conf" / "capacity-scheduler.xml"
    path.write_text("""<configuration xmlns:xi="http://www.w3.org/2001/XInclude">
<xi:include href="../secret.xml"/>
<xi:include href="http://example.invalid/x.xml"/>
</configuration>""", encoding="utf-8")
    loaded = load_xml(path, "capacity-scheduler.xml")
    assert loaded.properties == []
    messages = " ".join(i.message for i in loaded.issues)
    assert "leaves the linted file's directory" in messages and "network" in messages


def test_xinclude_recursion_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_text(
        '<configuration xmlns:xi="http://www.w3.org/2001/XInclude">'
        '<xi:include href="b.xml"/></configuration>', encoding="utf-8")
    (tmp_path / "b.xml").write_text(
        '<configuration xmlns:xi="http://www.w3.org/2001/XInclude">'
        '<property><name>b</name><value>1</value></property>'
        '<xi:include href="a.xml"/></configuration>', encoding="utf-8")
    loaded = load_xml(tmp_path / "a.xml", "a.xml")
    assert [p.name for p in loaded.properties] == ["b"]
    assert any("recursion" in i.message for i in loaded.issues)


def test_external_entity_is_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    loaded = _load(tmp_path, f"""<?xml version="1.0"?>
<!DOCTYPE configuration [<!ENTITY x SYSTEM "{secret.as_uri()}">]>
<configuration><property><name>a</name><value>&x;</value></property></configuration>""")
    assert all("TOP-SECRET-MARKER" not in (p.value or "") for p in loaded.properties)
    assert any(i.kind == "dtd" for i in loaded.issues)


def test_entity_expansion_bomb_is_not_expanded(tmp_path: Path) -> None:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    loaded = _load(tmp_path, f"""<?xml version="1.0"?>
<!DOCTYPE configuration [<!ENTITY l0 "lol">{entities}]>
<configuration><property><name>a</name><value>&l9;</value></property></configuration>""")
    assert all(len(p.value or "") < 100 for p in loaded.properties)


def test_not_well_formed_is_a_located_issue(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "<configuration>\n<property><name>a</name>\n</configuration>")
    (issue,) = loaded.issues
    assert issue.kind == "xml-syntax" and issue.location.line >= 2
    assert not loaded.parsed


def test_last_definition_wins_unless_final(tmp_path: Path) -> None:
    loaded = _load(tmp_path, """<configuration>
<property><name>a</name><value>1</value></property>
<property><name>a</name><value>2</value></property>
<property><name>f</name><value>1</value><final>true</final></property>
<property><name>f</name><value>2</value></property>
</configuration>""")
    conf = Configuration.from_resources([loaded.properties])
    assert conf.raw("a") == "2" and conf.raw("f") == "1"
    kinds = sorted((o.kind, o.kept.value, o.dropped.value) for o in conf.overrides)
    assert kinds == [("duplicate", "2", "1"), ("final", "1", "2")]


def test_final_without_value_still_locks_the_key(tmp_path: Path) -> None:
    loaded = _load(tmp_path, """<configuration>
<property><name>a</name><final>true</final></property>
<property><name>a</name><value>2</value></property>
</configuration>""")
    conf = Configuration.from_resources([loaded.properties])
    assert conf.raw("a") is None
    (override,) = conf.overrides
    assert override.kind == "final" and override.dropped.value == "2"
