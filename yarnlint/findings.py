"""What rule modules and plugins import: the finding types of :mod:`yarnlint.core.findings`."""

from yarnlint.core.findings import (
    Finding,
    Location,
    Problem,
    Severity,
    ValueFix,
    describe_location,
)

__all__ = ["Finding", "Location", "Problem", "Severity", "ValueFix", "describe_location"]
