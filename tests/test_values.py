"""Typed getters with Hadoop's parsing rules."""

from __future__ import annotations

import pytest

from yarnlint.model.values import parse_boolean, parse_float, parse_integer, parse_version


@pytest.mark.parametrize(("text", "expected"), [
    ("40", 40), (" 40\n", 40), ("-1", -1), ("+7", 7), ("0x10", 16), ("-0x10", -16),
    ("0X1f", 31), ("2147483647", 2**31 - 1),
])
def test_integers_hadoop_accepts(text: str, expected: int) -> None:
    assert parse_integer(text) == expected


@pytest.mark.parametrize("text", ["forty", "5.5", "40 nodes", "", " ", "2147483648", "0x", "1e3",
                                  "4_0"])
def test_integers_hadoop_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_integer(text)


def test_long_range() -> None:
    assert parse_integer("2147483648", "long") == 2**31


@pytest.mark.parametrize(("text", "expected"), [
    ("0.1", 0.1), ("1e2", 100.0), ("5f", 5.0), (".5", 0.5), ("-3.", -3.0)])
def test_floats(text: str, expected: float) -> None:
    assert parse_float(text) == expected


@pytest.mark.parametrize("text", ["abc", "1_0", "inf", "", "1,5"])
def test_floats_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_float(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("true", True), (" TRUE ", True), ("False", False), ("yes", None), ("1", None), ("", None)])
def test_booleans(text: str, expected: bool | None) -> None:
    assert parse_boolean(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("3.4.1", (3, 4, 1)), ("2.7", (2, 7)), ("3.0.0-alpha1", (3, 0, 0)), (" 2.10.2 ", (2, 10, 2)),
    ("3.1.1.7.1.7", (3, 1, 1, 7, 1, 7))])
def test_versions(text: str, expected: tuple[int, ...]) -> None:
    assert parse_version(text) == expected


def test_bad_version() -> None:
    with pytest.raises(ValueError, match="not a Hadoop version"):
        parse_version("latest")
