"""Rule options: declared with a type, a default, one line of help and, optionally, the
values allowed; set per rule in the config file (``[tool.yarnlint.rules.YL102]``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, TypeVar

T = TypeVar("T")

OPTION_TYPES: dict[type, str] = {bool: "true or false", int: "an integer", float: "a number",
                                 str: "a string"}
"""The types an option may have (TOML's scalars), with how an error message names them."""


class OptionError(ValueError):
    """An option declaration, or a value given for it, that does not fit."""


class Option(Generic[T]):
    """One option a rule declares. ``default`` None means no value unless one is set (the
    rule or the run then decides: see its help)."""

    __slots__ = ("choices", "default", "help", "name", "type")

    def __init__(self, name: str, type: type[T], default: T, help: str,
                 choices: tuple[T, ...] = ()) -> None:
        self.name, self.type, self.default, self.help, self.choices = (
            name, type, default, help, choices)

    def __repr__(self) -> str:
        return f"Option({self.name!r}, {self.type.__name__}, {self.default!r})"

    def validate(self) -> None:
        """Raise :class:`OptionError` unless the declaration itself is sound."""
        if not self.name.isidentifier():
            raise OptionError(f"option name {self.name!r} is not an identifier")
        if self.type not in OPTION_TYPES:
            raise OptionError(f"option {self.name}: type {self.type!r} is not one of "
                              f"{', '.join(t.__name__ for t in OPTION_TYPES)}")
        if not self.help.strip() or "\n" in self.help.strip():
            raise OptionError(f"option {self.name}: help must be one line")
        for value in (*self.choices, *(() if self.default is None else (self.default,))):
            if not self._fits(value):
                raise OptionError(f"option {self.name}: {value!r} is not "
                                  f"{OPTION_TYPES[self.type]}")
        if self.choices and self.default is not None and self.default not in self.choices:
            raise OptionError(f"option {self.name}: default {self.default!r} is not one of "
                              "its choices")

    def parse(self, value: object) -> T:
        """``value`` as the option holds it (an integer for a number becomes a float);
        :class:`OptionError` when it has the wrong type or is not one of the choices."""
        if not self._fits(value):
            like = "" if self.default is None else f"a value like {self.default!r}, "
            raise OptionError(f"expected {like}{OPTION_TYPES[self.type]}, got {value!r}")
        if self.choices and value not in self.choices:
            raise OptionError(f"expected one of {', '.join(map(str, self.choices))}, "
                              f"got {value!r}")
        return self.type(value)  # type: ignore[call-arg]

    def _fits(self, value: object) -> bool:
        if isinstance(value, bool) or self.type is bool:
            return isinstance(value, bool) and self.type is bool
        if self.type is float:
            return isinstance(value, int | float)
        return isinstance(value, self.type)

    def describe(self, code: Callable[[str], str] = str) -> str:
        """``locality_points (float, default 10.0): help; one of ...``, for listings;
        ``code`` marks up names and values (Markdown: backquotes)."""
        default = "unset" if self.default is None else f"default {code(repr(self.default))}"
        choices = (f"; one of {', '.join(code(str(choice)) for choice in self.choices)}"
                   if self.choices else "")
        return f"{code(self.name)} ({self.type.__name__}, {default}): {self.help}{choices}"


def option_values(declared: Iterable[Option[Any]], configured: Mapping[str, object],
                  run: Mapping[str, object]) -> dict[str, Any]:
    """The value of every declared option: set in the config file (parsed again here, for
    callers of the API), else the run's value for an option without a default (``profile``:
    ``--workload``), else the default."""
    values: dict[str, Any] = {}
    for option in declared:
        value = option.parse(configured[option.name]) if option.name in configured \
            else option.default
        values[option.name] = run.get(option.name) if value is None else value
    return values
