"""Hostile configuration files: each is refused with a located error, fast, leaking nothing.

Every attack runs ``yarnlint check`` in-process in every report format; the secret marker
must never appear in any output, and nothing may connect to the network.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import Result
from conftest import run_cli
from hardening_support import (
    assert_located,
    check_every_format,
    json_findings,
    network_tripwire,
)

from yarnlint.config.xmlload import MAX_FILE_BYTES, MAX_INCLUDED_FILES, load_xml

SECRET = "S3CRET-MARKER-7f1c"
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
PROPERTY = "<property><name>yarn.scheduler.capacity.root.queues</name><value>default</value>" \
           "</property>"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    """A file next to the attack whose content must never be shown."""
    path = tmp_path / "secret.txt"
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


def _write(directory: Path, text: str | bytes, name: str = "capacity-scheduler.xml") -> Path:
    path = directory / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def _assert_refused(results: dict[str, Result], name: str, *words: str,
                    exit_code: int = 1) -> list[dict]:
    """Same exit code in every format, no secret, and a JSON error finding naming ``words``."""
    for fmt, result in results.items():
        assert result.exit_code == exit_code, (fmt, result.output)
        assert SECRET not in result.output, fmt
        assert "Traceback" not in result.output, fmt
    if exit_code == 2:
        message = results["text"].stderr
        assert name in message and all(w in message for w in words), message
        return []
    findings = json_findings(results["json"])
    assert_located(findings)
    errors = [f for f in findings if f["rule_id"] == "YL000" and f["severity"] == "error"]
    assert errors, findings
    assert all(f["file"].endswith(name) for f in errors)
    text = " ".join(f["message"] for f in errors)
    assert all(w in text for w in words), text
    return errors


def test_xxe_local_file_is_not_read(tmp_path: Path, secret_file: Path) -> None:
    path = _write(tmp_path, f"""<?xml version="1.0"?>
<!DOCTYPE configuration [<!ENTITY x SYSTEM "{secret_file.as_uri()}">]>
<configuration><property><name>yarn.scheduler.capacity.root.queues</name>
<value>&x;</value></property></configuration>""")
    (error,) = _assert_refused(check_every_format(path), path.name, "external entity",
                               "not loaded")
    assert error["line"] == 2
    assert all(SECRET not in (p.value or "") for p in load_xml(path).properties)


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE configuration [<!ENTITY x SYSTEM "{url}/x.txt">]>',
    '<!DOCTYPE configuration [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>',
    '<!DOCTYPE configuration SYSTEM "{url}/config.dtd">',
    '<!DOCTYPE configuration PUBLIC "-//evil//x" "{url}/public.dtd">',
], ids=["xxe-http", "parameter-entity", "external-dtd", "public-dtd"])
def test_nothing_is_fetched_over_the_network(tmp_path: Path, doctype: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    with network_tripwire(monkeypatch) as url:
        value = "&x;" if "ENTITY x" in doctype else "default"
        path = _write(tmp_path, f"""<?xml version="1.0"?>
{doctype.format(url=url)}
<configuration><property><name>yarn.scheduler.capacity.root.queues</name>
<value>{value}</value></property></configuration>""")
        results = check_every_format(path)
    errors = [f for f in json_findings(results["json"]) if f["rule_id"] == "YL000"]
    assert errors and all(f["file"].endswith(path.name) for f in errors)
    assert all(r.exit_code in (1, 2) for r in results.values())


def test_billion_laughs(tmp_path: Path) -> None:
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    path = _write(tmp_path, f"""<?xml version="1.0"?>
<!DOCTYPE configuration [<!ENTITY l0 "lol">{levels}]>
<configuration><property><name>yarn.scheduler.capacity.root.queues</name>
<value>&l9;</value></property></configuration>""")
    _assert_refused(check_every_format(path), path.name, "entity expansion bomb")


def test_quadratic_blowup(tmp_path: Path) -> None:
    path = _write(tmp_path, f"""<?xml version="1.0"?>
<!DOCTYPE configuration [<!ENTITY a "{"x" * 50_000}">]>
<configuration><property><name>yarn.scheduler.capacity.root.queues</name>
<value>{"&a;" * 50_000}</value></property></configuration>""")
    _assert_refused(check_every_format(path), path.name, "entity expansion bomb")


def test_xinclude_outside_the_directory(tmp_path: Path, secret_file: Path) -> None:
    conf = tmp_path / "conf"
    conf.mkdir()
    (tmp_path / "outside.xml").write_text(
        f"<configuration><property><name>{SECRET}</name><value>1</value></property>"
        "</configuration>", encoding="utf-8")
    path = _write(conf, f"""<configuration {XI}>
<xi:include href="../outside.xml"/>
<xi:include href="{secret_file}"/>
<xi:include href="{secret_file.as_uri()}"/>
<xi:include href="link.xml"/>
</configuration>""")
    (conf / "link.xml").symlink_to(secret_file)
    errors = _assert_refused(check_every_format(path), path.name,
                             "leaves the linted file's directory")
    assert sorted(e["line"] for e in errors) == [2, 3, 4, 5]


def test_xinclude_of_a_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with network_tripwire(monkeypatch) as url:
        path = _write(tmp_path, f"""<configuration {XI}>
<xi:include href="{url}/remote.xml"/>
<xi:include href="file://remote-host/etc/hadoop/x.xml"/>
</configuration>""")
        results = check_every_format(path)
    errors = _assert_refused(results, path.name, "never touches the network")
    assert sorted(e["line"] for e in errors) == [2, 3]


def test_xinclude_of_itself(tmp_path: Path) -> None:
    path = _write(tmp_path, f"""<configuration {XI}>
{PROPERTY}
<xi:include href="capacity-scheduler.xml"/>
</configuration>""")
    _assert_refused(check_every_format(path), path.name, "recursion")


def test_xinclude_two_files_including_each_other(tmp_path: Path) -> None:
    path = _write(tmp_path, f'<configuration {XI}>{PROPERTY}<xi:include href="other.xml"/>'
                  "</configuration>")
    _write(tmp_path, f'<configuration {XI}><xi:include href="capacity-scheduler.xml"/>'
           "</configuration>", name="other.xml")
    errors = _assert_refused(check_every_format(path), "other.xml", "recursion")
    assert errors[0]["line"] == 1


def test_xinclude_fan_out_bomb_is_capped(tmp_path: Path) -> None:
    fan = "".join('<xi:include href="level1.xml"/>' for _ in range(10))
    path = _write(tmp_path, f"<configuration {XI}>{PROPERTY}{fan}</configuration>")
    for level in range(1, 8):
        inner = "".join(f'<xi:include href="level{level + 1}.xml"/>' for _ in range(10))
        _write(tmp_path, f"<configuration {XI}>{inner}</configuration>", f"level{level}.xml")
    _write(tmp_path, "<configuration/>", "level8.xml")
    _assert_refused(check_every_format(path), ".xml", f"more than {MAX_INCLUDED_FILES}")


def test_ten_megabyte_file_is_an_input_error(tmp_path: Path) -> None:
    padding = "<!--" + "x" * (10 * 1024 * 1024) + "-->"
    path = _write(tmp_path, f"<configuration>{PROPERTY}{padding}</configuration>")
    assert path.stat().st_size > MAX_FILE_BYTES
    _assert_refused(check_every_format(path), path.name, "larger than", exit_code=2)


def test_deeply_nested_elements(tmp_path: Path) -> None:
    depth = 100_000
    path = _write(tmp_path, "<configuration>" + "<a>" * depth + "</a>" * depth
                  + "</configuration>")
    _assert_refused(check_every_format(path), path.name, "nested too deeply")


def test_just_under_the_depth_limit_loads(tmp_path: Path) -> None:
    depth = 250
    path = _write(tmp_path, "<configuration>" + "<a>" * depth + PROPERTY + "</a>" * depth
                  + "</configuration>")
    assert [p.name for p in load_xml(path).properties] == [
        "yarn.scheduler.capacity.root.queues"]


def test_unterminated_comment_openers_in_a_processing_instruction(tmp_path: Path) -> None:
    """Column scanning stays linear when ``<!--`` has no ``-->`` (inside a PI)."""
    path = _write(tmp_path, "<configuration><?pi " + "<!--" * 1_500_000 + " ?>"
                  + PROPERTY + "</configuration>")
    (prop,) = load_xml(path).properties
    assert prop.location.line == 1 and prop.location.column > 1


def test_a_large_valid_file_is_linted(tmp_path: Path) -> None:
    """A megabyte of properties, each with a finding, is linted in bounded time."""
    one = "<property><name>yarn.scheduler.capacity.root.q{i}.capacity</name>" \
          "<value>x{i}</value></property>\n"
    body = "".join(one.format(i=i) for i in range(1024 * 1024 // len(one)))
    path = _write(tmp_path, f"<configuration>{body}</configuration>")
    start = time.perf_counter()
    result = run_cli("check", path, "--format", "json")
    print(f"1 MiB, {body.count('<property>')} properties: {time.perf_counter() - start:.2f}s")
    assert result.exit_code == 1
    assert_located(json_findings(result))
