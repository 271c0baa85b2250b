"""``${}`` expansion as Configuration.substituteVars does it."""

from __future__ import annotations

from yarnlint.config.resolve import Configuration
from yarnlint.config.xmlload import PropertyDef
from yarnlint.core.findings import Location


def _conf(**values: str) -> Configuration:
    props = [PropertyDef(name.replace("_", "."), value, False, Location("f", i + 1))
             for i, (name, value) in enumerate(values.items())]
    return Configuration.from_resources([props])


def test_chained_expansion() -> None:
    conf = _conf(a="${b}/x", b="${c}y", c="z")
    assert conf.get("a") == "zy/x"


def test_unbound_variable_stays_as_written() -> None:
    expansion = _conf(a="${nope}-${b}", b="1").expand("${nope}-${b}")
    assert expansion.value == "${nope}-${b}" and expansion.unbound == ("nope",)


def test_self_reference_returns_the_expression() -> None:
    conf = _conf(a="x${a}")
    expansion = conf.expand("x${a}")
    assert expansion.self_reference and expansion.value == "x${a}"


def test_depth_limit() -> None:
    chain = {f"v{i}": f"${{v{i + 1}}}" for i in range(25)} | {"v25": "end"}
    conf = _conf(**chain)
    assert conf.expand("${v0}").too_deep
    assert conf.expand("${v10}").value == "end"


def test_environment_variables_are_not_read() -> None:
    expansion = _conf().expand("${env.HOME}/x")
    assert expansion.value == "${env.HOME}/x" and expansion.environment == ("env.HOME",)
