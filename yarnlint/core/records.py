"""Value classes cheap to define.

``check`` runs on every commit, and defining a frozen dataclass costs about a millisecond
(it compiles its methods when the module is imported). A :class:`Record` subclass writes its
own ``__init__``, lists every field in ``__slots__`` and names in ``COMPARED`` the fields
equality and hashing use; this base gives it the rest.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, ClassVar, Self


class Record:
    """Equality, hashing, ``repr`` and :meth:`replace` from ``__slots__`` and ``COMPARED``.

    A record is immutable by convention: nothing assigns to a field after ``__init__``.
    """

    __slots__: tuple[str, ...] = ()
    COMPARED: ClassVar[tuple[str, ...]] = ()
    _values_of: ClassVar[Callable[[Any], tuple[Any, ...]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._values_of = staticmethod(_getter(cls.COMPARED))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return type(self)._values_of(self) == type(self)._values_of(other)

    def __hash__(self) -> int:
        return hash(type(self)._values_of(self))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed."""
        values = {name: getattr(self, name) for name in self.__slots__}
        return type(self)(**{**values, **changes})


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of ``names`` as a tuple, read in C (records are hashed in hot loops)."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda record: tuple(getattr(record, name) for name in names)
