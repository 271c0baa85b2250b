"""Queue capacity values and ACL strings, read the way CapacityScheduler 3.4.1 reads them.

Facts from ``CapacitySchedulerConfiguration`` (``getNonLabeledQueueCapacity``,
``getNonLabeledQueueMaximumCapacity``, ``getNonLabeledQueueWeight``,
``internalGetLabeledQueueCapacity``, ``internalGetLabeledResourceRequirementForQueue``),
``conf.QueueCapacityConfigParser.parse`` and ``AccessControlList`` (hadoop-common).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from yarnlint.config.text import java_trim
from yarnlint.core.records import Record
from yarnlint.model.values import parse_float, parse_integer

ABSOLUTE_FORM = re.compile(r"\[[\w.,\-_= /]+\]\n?\Z", re.ASCII)
"""``RESOURCE_PATTERN``: a whole value in brackets (absolute resources)."""
_VECTOR_FORM = re.compile(r"\[([\w.,\-_% /]+=[\w.,\-_% /]+)+\]\n?\Z", re.ASCII)
"""``QueueCapacityConfigParser``'s capacity-vector form, checked after removing spaces."""
_UNIFORM_FORM = re.compile(r"([0-9.]+)(.*)", re.DOTALL)
MAX_WEIGHT = 10000.0
RESOURCE_NAMES = ("memory", "vcores", "memory-mb")
"""Resource names an absolute capacity may set (default resource types)."""
_UNIT_FACTORS = {
    "p": 10**-12, "n": 10**-9, "u": 10**-6, "m": 10**-3, "": 1, "k": 10**3, "M": 10**6,
    "G": 10**9, "T": 10**12, "P": 10**15, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30,
    "Ti": 2**40, "Pi": 2**50,
}
"""``UnitsConversionUtil.KNOWN_UNITS`` with their factors; values convert to ``Mi``."""


class Resources(Record):
    """Memory (MB) and vcores; ``none`` when Hadoop sees no absolute resource (no memory)."""

    __slots__ = COMPARED = ("memory_mb", "vcores")

    def __init__(self, memory_mb: int = 0, vcores: int = 0) -> None:
        self.memory_mb = memory_mb
        self.vcores = vcores

    @property
    def none(self) -> bool:
        return self.memory_mb == 0 and self.vcores == 0

    def __add__(self, other: Resources) -> Resources:
        return Resources(self.memory_mb + other.memory_mb, self.vcores + other.vcores)

    def exceeds(self, other: Resources, dominant: bool) -> bool:
        """``Resources.greaterThan``: memory alone, or any type under dominant resources."""
        if dominant:
            return self.memory_mb > other.memory_mb or self.vcores > other.vcores
        return self.memory_mb > other.memory_mb

    def __str__(self) -> str:
        return f"[memory={self.memory_mb},vcores={self.vcores}]"


class CapacityForm(StrEnum):
    """How a capacity is written: a percentage, a weight (``2w``) or absolute resources
    (``[memory=...,vcores=...]``); unset: not written."""

    UNSET = "unset"
    PERCENT = "percent"
    WEIGHT = "weight"
    ABSOLUTE = "absolute"


NO_RESOURCES = Resources()
"""No absolute resource."""


class CapacityValue(Record):
    """One ``capacity`` or ``maximum-capacity`` value (of a queue, for one label).

    ``percent`` is the percentage Hadoop keeps (0 for a weight or absolute capacity, the
    root always 100); ``weight`` is -1 unless written ``<n>w``; ``resources`` is the
    absolute resource (``none`` when not absolute); ``error`` says why the RM refuses it.
    """

    __slots__ = ("error", "mode", "percent", "resources", "weight", "written")
    COMPARED = ("mode", "percent", "weight", "resources", "written", "error")

    def __init__(self, mode: CapacityForm, percent: float, weight: float = -1.0,
                 resources: Resources = NO_RESOURCES, written: str | None = None,
                 error: str | None = None) -> None:
        self.mode = mode
        self.percent = percent
        self.weight = weight
        self.resources = resources
        self.written = written
        self.error = error


def _java_float(text: str) -> float:
    """``Float.parseFloat`` (ValueError = NumberFormatException)."""
    return parse_float(text)


def _is_weight(written: str) -> bool:
    return written.endswith("w")


def _is_absolute_like(written: str) -> bool:
    """Absolute resource or capacity vector: Hadoop keeps no percentage for it."""
    return bool(ABSOLUTE_FORM.match(written) or _VECTOR_FORM.match(written.replace(" ", "")))


def read_weight(written: str | None) -> tuple[float, str | None]:
    """``getNonLabeledQueueWeight`` / ``getLabeledQueueWeight``: (weight, error)."""
    if written is None or not _is_weight(written):
        return -1.0, None
    try:
        weight = _java_float(written[:written.index("w")])
    except ValueError:
        return -1.0, f"weight {written!r} is not a number before 'w' (NumberFormatException)"
    if (weight < -1e-6 and abs(weight + 1) > 1e-6) or weight > MAX_WEIGHT:
        return weight, f"weight {weight:g} is outside [0, 10000] (-1 means unset)"
    return weight, None


def _units(value: str) -> str:
    """``CapacitySchedulerConfiguration.getUnits``: the alphabetic tail of a value."""
    for index, char in enumerate(value):
        if char.isalpha() and value[index:].isalpha():
            return value[index:]
    return ""


def read_resources(written: str | None) -> tuple[Resources, str | None]:
    """``internalGetLabeledResourceRequirementForQueue``: (resources, error).

    Unknown resource names and units are skipped; a value that is not a whole number
    throws NumberFormatException; without memory the result is none.
    """
    if written is None or not ABSOLUTE_FORM.match(written):
        return Resources(), None
    amounts = {"memory": 0, "vcores": 0}
    for pair in written.rstrip("\n")[1:-1].strip().split(","):
        parts = pair.split("=")
        if len(parts) < 2:
            continue
        name, value = java_trim(parts[0]), parts[1]
        if name not in RESOURCE_NAMES:
            continue
        units = _units(value)
        if units not in _UNIT_FACTORS:
            continue
        try:
            number = parse_integer(value[:len(value) - len(units)] if units else value, "long")
        except ValueError:
            return Resources(), f"{name}={value} is not a whole number (NumberFormatException)"
        amount = int(number * _UNIT_FACTORS[units] / _UNIT_FACTORS["Mi"]) if units else number
        amounts["vcores" if name == "vcores" else "memory"] = amount
    if amounts["memory"] == 0:
        return Resources(), None
    return Resources(amounts["memory"], amounts["vcores"]), None


def vector_error(written: str | None) -> str | None:
    """Why ``QueueCapacityConfigParser.parse`` throws on a value, or None."""
    if written is None:
        return None
    compact = written.replace(" ", "")
    if _VECTOR_FORM.match(compact):
        for pair in compact.rstrip("\n")[1:-1].split(","):
            parts = pair.split("=")
            if len(parts) < 2:
                continue
            suffix = re.sub(r"[0-9.]", "", parts[1])
            if parts[1].endswith(suffix):
                try:
                    _java_float(parts[1][:len(parts[1]) - len(suffix)])
                except ValueError:
                    return (f"{parts[0]}={parts[1]} has no number "
                            "(NumberFormatException in the capacity-vector parser)")
        return None
    uniform = _UNIFORM_FORM.match(compact)
    if uniform and uniform.group(2) in ("", "w"):
        try:
            _java_float(uniform.group(1))
        except ValueError:
            return f"{uniform.group(1)!r} is not a number (NumberFormatException)"
    return None


@lru_cache(maxsize=4096)
def read_capacity(written: str | None, root: bool, maximum: bool, labeled: bool
                  ) -> CapacityValue:
    """A capacity or maximum-capacity value as the RM reads it, with the RM's error
    (remembered: thousands of queues often share a few values)."""
    default = 100.0 if maximum or root else 0.0
    if written is None:
        return CapacityValue(CapacityForm.UNSET, default)
    weight, weight_error = read_weight(written) if not maximum else (-1.0, None)
    resources, resource_error = read_resources(written)
    mode = (CapacityForm.ABSOLUTE if _is_absolute_like(written) else
            CapacityForm.WEIGHT if _is_weight(written) else CapacityForm.PERCENT)
    error = weight_error or resource_error or (None if root else vector_error(written))
    if mode is CapacityForm.WEIGHT and maximum and not labeled:
        mode = CapacityForm.PERCENT  # getNonLabeledQueueMaximumCapacity parses it as a number
    if mode is not CapacityForm.PERCENT:
        percent = 100.0 if root or (maximum and not labeled) else default
        return CapacityValue(mode, percent, weight, resources, written, error)
    if root and (labeled or not maximum):
        return CapacityValue(CapacityForm.PERCENT, 100.0, weight, resources, written, error)
    try:
        percent = _java_float(java_trim(written) if labeled else written)
    except ValueError:
        return CapacityValue(CapacityForm.PERCENT, default, weight, resources, written,
                             error or f"{written!r} is not a number (NumberFormatException)")
    if maximum and not labeled:
        return CapacityValue(CapacityForm.PERCENT, 100.0 if percent == -1.0 else percent, weight,
                             resources, written, error)
    if not 0.0 <= percent <= 100.0:
        error = error or f"{percent:g} is outside [0, 100]"
    return CapacityValue(CapacityForm.PERCENT, percent, weight, resources, written, error)


class Acl(Record):
    """An ACL string as ``AccessControlList`` reads it: everyone, or users and groups."""

    __slots__ = ("everyone", "groups", "users", "written")
    COMPARED = ("written", "everyone", "users", "groups")

    def __init__(self, written: str, everyone: bool, users: tuple[str, ...] = (),
                 groups: tuple[str, ...] = ()) -> None:
        self.written = written
        self.everyone = everyone
        self.users = users
        self.groups = groups

    @classmethod
    def parse(cls, written: str) -> Acl:
        """Users before the first space, groups after it, names split on commas and trimmed."""
        parts = written.split(" ", 1)
        if any("*" in part and java_trim(part) == "*" for part in parts):
            return cls(written, True)
        users = tuple(n for n in (java_trim(u) for u in parts[0].split(",")) if n)
        groups = tuple(n for n in (java_trim(g) for g in parts[1].split(",")) if n) \
            if len(parts) == 2 else ()
        return cls(written, False, users, groups)

    @property
    def nobody(self) -> bool:
        return not self.everyone and not self.users and not self.groups

    def describe(self) -> str:
        """``everyone``, ``nobody``, or ``users a,b; groups c``."""
        if self.everyone:
            return "everyone"
        if self.nobody:
            return "nobody"
        parts = []
        if self.users:
            parts.append("users " + ",".join(self.users))
        if self.groups:
            parts.append("groups " + ",".join(self.groups))
        return "; ".join(parts)
