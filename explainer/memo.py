"""Values computed once per loaded data version and shared by every session.

The data package is loaded once per version of its files, and its tables are never
mutated; anything derived from them (figures, takeaways, citation links) is therefore
the same for every session until the files change. Each value is stored with the
object it was derived from (its *owner*: the package or a table) and rebuilt when a
new version of that object appears. Values must not be mutated by their users.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
MAX_ENTRIES = 512  # views x data versions; past this the store starts afresh

_store: dict[Hashable, tuple[object, object]] = {}
_lock = threading.Lock()


def keep(owner: object, key: Hashable, build: Callable[[], T]) -> T:
    """`build()` for this owner and key, computed once and then shared."""
    hit = _store.get(key)
    if hit is not None and hit[0] is owner:
        return hit[1]  # type: ignore[return-value]
    value = build()
    with _lock:
        if len(_store) >= MAX_ENTRIES:
            _store.clear()
        _store[key] = (owner, value)
    return value
