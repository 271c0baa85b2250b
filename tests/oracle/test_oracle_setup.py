"""Without a JDK or Maven the oracle tests skip with one reason, or fail when CI requires them."""

from __future__ import annotations

import shutil

import oracle_support
import pytest


def _no_java(name: str) -> str | None:
    return None if name == "java" else f"/usr/bin/{name}"


def test_missing_jdk_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", _no_java)
    monkeypatch.delenv(oracle_support.REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"needs a JDK .* missing: java"):
        oracle_support.require_oracle()


def test_required_oracle_turns_the_skip_into_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", _no_java)
    monkeypatch.setenv(oracle_support.REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match="missing: java"):
        oracle_support.require_oracle()


def test_present_tools_neither_skip_nor_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setenv(oracle_support.REQUIRE, "1")
    oracle_support.require_oracle()
