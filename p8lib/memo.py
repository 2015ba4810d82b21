"""Results kept for as long as the objects they were made from live.

For what is made again and again from the same shared object — a cached frame every
session is handed and no one modifies — where the object is not hashable (a DataFrame)
and hashing its content would cost as much as the result (docs/benchmarks.md, issue #19).
Imports nothing of p8lib: any package may use it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

R = TypeVar("R")


class ByIdentity(Generic[R]):
    """``fn`` with its results kept per identity of its first ``objects`` arguments (objects
    that can be weakly referenced: frames, not lists) and the values of the others
    (hashable).

    A result is kept while each of those objects lives and dropped when one of them is
    collected, so an object made anew (even at the address of a dead one) is never handed
    an old result. The objects must not be modified while they live. A result that is one of
    the objects itself is returned but not kept (it would keep the object alive).

    Examples
    --------
    >>> import pandas as pd
    >>> calls = []
    >>> first = ByIdentity(lambda frame, n: calls.append(n) or frame.head(n))
    >>> frame = pd.DataFrame({"a": [1, 2, 3]})
    >>> first(frame, 2) is first(frame, 2), calls
    (True, [2])
    """

    def __init__(self, fn: Callable[..., R], objects: int = 1) -> None:
        self._fn = fn
        self._objects = objects
        self._kept: dict[tuple, tuple[tuple[weakref.ref, ...], R]] = {}

    def __call__(self, *args) -> R:
        held, rest = args[:self._objects], args[self._objects:]
        key = (*map(id, held), *rest)
        kept = self._kept.get(key)
        if kept is not None and all(ref() is obj for ref, obj in zip(kept[0], held,
                                                                      strict=True)):
            return kept[1]
        result = self._fn(*args)
        if any(result is obj for obj in held):
            return result
        self._kept[key] = (tuple(weakref.ref(obj) for obj in held), result)
        for obj in held:
            weakref.finalize(obj, self._kept.pop, key, None)
        return result

    def __len__(self) -> int:
        """How many results are kept."""
        return len(self._kept)
