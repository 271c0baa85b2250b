"""``fix`` never damages a config: the edit lands on the ``<value>`` YARN reads and nowhere
else, edits YARN would not honour are refused, and the write is atomic, verified and refused
when the file changed since it was read or is read-only.
"""

from __future__ import annotations

import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from yarnlint.config.edits import FixError, apply, plan
from yarnlint.config.known_keys import PREFIX
from yarnlint.config.xmlload import load_xml
from yarnlint.core.findings import Location, ValueFix

DELAY = PREFIX + "node-locality-delay"
CLUSTER = ("--nodes", "40", "--racks", "2")
RISKY = f"""<?xml version="1.0"?>
<configuration>
  <!-- {"padding to make the file longer than a few kilobytes " * 80} -->
  <property>
    <name>{PREFIX}root.queues</name>
    <value>default</value>
  </property>
  <property>
    <name>{DELAY}</name>
    <value>1000</value>
  </property>
</configuration>
"""


def _values(path: Path) -> dict[str, str | None]:
    return {p.name: p.value for p in load_xml(path).properties}


def _fixed(data: bytes, tmp_path: Path, value: str = "20") -> bytes:
    """``data`` with the node delay set to ``value`` at its effective property."""
    path = tmp_path / "capacity-scheduler.xml"
    path.write_bytes(data)
    prop = [p for p in load_xml(path).properties if p.name == DELAY][-1]
    fix = ValueFix(DELAY, value, prop.location)
    return apply(data, plan(data, [fix], PREFIX))


def _config(body: str) -> bytes:
    return f'<?xml version="1.0"?>\n<configuration>\n{body}\n</configuration>\n'.encode()


@pytest.mark.parametrize(("value_element", "expected"), [
    ("<value x='a>b'>1000</value>", "<value x='a>b'>20</value>"),
    ("<value><?keep me?>1000</value>", "<value><?keep me?>20</value>"),
    ("<value>10<!-- was 1000 -->00</value>", "<value>20<!-- was 1000 --></value>"),
    ("<value><![CDATA[1000]]></value>", "<value>20</value>"),
    ("<value>&#49;000</value>", "<value>20</value>"),
])
def test_the_value_element_is_edited_as_parsed(tmp_path: Path, value_element: str,
                                               expected: str) -> None:
    data = _config(f"  <property><name>{DELAY}</name>{value_element}</property>")
    after = _fixed(data, tmp_path)
    assert after == data.replace(value_element.encode(), expected.encode())
    (tmp_path / "after.xml").write_bytes(after)
    assert _values(tmp_path / "after.xml")[DELAY] == "20"


def test_a_value_inside_the_description_is_not_the_one_edited(tmp_path: Path) -> None:
    data = _config(f"  <property><name>{DELAY}</name>\n"
                   "    <description>e.g. <value>3</value></description>\n"
                   "    <value>1000</value></property>")
    after = _fixed(data, tmp_path)
    assert after == data.replace(b"<value>1000</value>", b"<value>20</value>")


def test_the_last_of_duplicate_definitions_is_edited(tmp_path: Path) -> None:
    data = _config(f"  <property><name>{DELAY}</name><value>5</value></property>\n"
                   f"  <property><name>{DELAY}</name><value>1000</value></property>")
    after = _fixed(data, tmp_path)
    assert after == data.replace(b"<value>1000</value>", b"<value>20</value>")


def test_a_shadowed_property_is_refused(tmp_path: Path) -> None:
    data = _config(f"  <property><name>{DELAY}</name><value>5</value></property>\n"
                   f"  <property><name>{DELAY}</name><value>1000</value></property>")
    path = tmp_path / "c.xml"
    path.write_bytes(data)
    first = load_xml(path).properties[0]
    with pytest.raises(FixError, match="shadowed by the later definition"):
        plan(data, [ValueFix(DELAY, "20", first.location)], PREFIX)


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_an_insert_keeps_the_line_ending(tmp_path: Path, newline: str) -> None:
    data = _config(f"  <property>\n    <name>{PREFIX}root.queues</name>\n"
                   "    <value>default</value>\n  </property>").replace(b"\n", newline.encode())
    path = tmp_path / "c.xml"
    path.write_bytes(data)
    after = apply(data, plan(data, [ValueFix(DELAY, "20", None)], PREFIX))
    other = {"\r": b"\n", "\n": b"\r", "\r\n": b"\n\r"}[newline]
    assert other not in after.replace(b"\r\n", b"") if newline == "\r\n" else other not in after
    path.write_bytes(after)
    assert _values(path)[DELAY] == "20"


def test_utf16_file_is_edited_in_utf16(tmp_path: Path) -> None:
    text = _config(f"  <property><name>{DELAY}</name><value>1000</value></property>").decode()
    data = text.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    after = _fixed(data, tmp_path)
    assert after.decode("utf-16") == text.replace(
        'version="1.0"', 'version="1.0" encoding="UTF-16"').replace(">1000<", ">20<")


def test_an_encoding_python_does_not_know_is_refused(tmp_path: Path) -> None:
    data = _config(f"  <property><name>{DELAY}</name><value>1000</value></property>").replace(
        b'version="1.0"', b'version="1.0" encoding="ARMSCII-8"')
    with pytest.raises(FixError, match="ARMSCII-8"):
        _fixed(data, tmp_path)


def test_key_set_in_an_included_file_is_refused_not_appended(tmp_path: Path) -> None:
    (tmp_path / "part.xml").write_bytes(_config(
        f"  <property><name>{DELAY}</name><value>1000</value></property>"))
    main = tmp_path / "capacity-scheduler.xml"
    main.write_bytes(_config(
        f'  <property><name>{PREFIX}root.queues</name><value>default</value></property>\n'
        '  <xi:include href="part.xml" xmlns:xi="http://www.w3.org/2001/XInclude"/>'))
    before = main.read_bytes()
    for _ in range(2):
        result = run_cli("fix", main, *CLUSTER, "--rule", "YL101")
        assert "is set in the included file" in result.stderr, result.stderr
        assert main.read_bytes() == before
    assert result.exit_code == 1


def test_key_final_in_yarn_site_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "yarn-site.xml"
    site.write_bytes(_config(f"  <property><name>{DELAY}</name><value>1000</value>"
                             "<final>true</final></property>"))
    main = tmp_path / "capacity-scheduler.xml"
    main.write_text(RISKY.replace("<value>1000</value>", "<value>999</value>"))
    before = main.read_bytes()
    result = run_cli("fix", main, *CLUSTER, "--yarn-site", site, "--rule", "YL101")
    assert "is final at" in result.stderr, result.stderr
    assert main.read_bytes() == before


def test_fix_writes_atomically_keeping_mode(tmp_path: Path) -> None:
    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(RISKY)
    path.chmod(0o640)
    result = run_cli("fix", path, *CLUSTER, "--rule", "YL101")
    assert "fixed" in result.stderr, result.stderr
    assert _values(path)[DELAY] == "20"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["capacity-scheduler.xml"]


def test_a_symlinked_config_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.xml"
    real.write_text(RISKY)
    link = tmp_path / "capacity-scheduler.xml"
    link.symlink_to(real.name)
    run_cli("fix", link, *CLUSTER, "--rule", "YL101")
    assert link.is_symlink() and _values(real)[DELAY] == "20"


def test_read_only_file_is_refused_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(RISKY)
    path.chmod(0o444)
    result = run_cli("fix", path, *CLUSTER, "--rule", "YL101")
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert path.read_text() == RISKY
    forced = run_cli("fix", path, *CLUSTER, "--rule", "YL101", "--force")
    assert "fixed" in forced.stderr, forced.stderr
    assert _values(path)[DELAY] == "20" and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_file_changed_while_fixing_is_not_overwritten(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from yarnlint.cli import fix as fix_command

    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(RISKY)
    edited_meanwhile = RISKY.replace("default", "default,other")
    real_fix_file = fix_command.fix_file

    def fix_then_edit(*args: object) -> object:
        fixed = real_fix_file(*args)  # type: ignore[arg-type]
        path.write_text(edited_meanwhile)
        return fixed

    monkeypatch.setattr(fix_command, "fix_file", fix_then_edit)
    result = run_cli("fix", path, *CLUSTER, "--rule", "YL101")
    assert result.exit_code == 2 and "changed since yarnlint read it" in result.stderr
    assert path.read_text() == edited_meanwhile


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_fix_under_a_file_size_limit_leaves_the_original(tmp_path: Path, limit: int) -> None:
    """``(ulimit -f N; yarnlint fix ...)``: the write fails, the config is whole."""
    path = tmp_path / "risky.xml"
    path.write_text(RISKY)
    assert len(RISKY) > limit * 1024

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit * 1024, limit * 1024))

    done = subprocess.run(
        [sys.executable, "-c", "from yarnlint.cli import main; main()", "fix", str(path),
         *CLUSTER, "--rule", "YL101"],
        preexec_fn=small_files, capture_output=True, text=True, timeout=120, check=False,
        cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "File too large" in done.stderr and "not changed" in done.stderr
    assert path.read_text() == RISKY
    assert [p.name for p in tmp_path.iterdir()] == ["risky.xml"]


def test_diff_reads_the_file_once_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(RISKY)
    result = run_cli("fix", path, *CLUSTER, "--rule", "YL101", "--diff")
    assert "+    <value>20</value>" in result.stdout
    assert path.read_text() == RISKY and len(list(tmp_path.iterdir())) == 1


def test_value_fix_location_names_the_property(tmp_path: Path) -> None:
    """A fix whose location is not a <property> of the file cannot be placed silently."""
    path = tmp_path / "c.xml"
    data = _config(f"  <property><name>{DELAY}</name><value>1000</value></property>")
    path.write_bytes(data)
    nowhere = Location(str(path), 99, 1)
    with pytest.raises(FixError):
        plan(data, [ValueFix(DELAY, "20", nowhere)], PREFIX)


def test_edited_bytes_that_do_not_read_back_are_never_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from yarnlint.cli import fix as fix_command

    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(RISKY)
    real_apply = fix_command.apply
    monkeypatch.setattr(fix_command, "apply",
                        lambda data, edits: real_apply(data, edits).replace(b"</property>", b"", 1))
    result = run_cli("fix", path, *CLUSTER, "--rule", "YL101")
    assert result.exit_code == 2 and "does not read back" in result.stderr, result.stderr
    assert path.read_text() == RISKY
