"""Values shared across sessions per data version, and the frozen long-lived heap."""

from __future__ import annotations

import gc

from explainer import memo, warm


def test_value_built_once_per_owner_and_rebuilt_for_a_new_one():
    calls = []
    owner_a, owner_b = object(), object()

    def build():
        calls.append(1)
        return [len(calls)]

    first = memo.keep(owner_a, ("test", "k"), build)
    assert memo.keep(owner_a, ("test", "k"), build) is first and len(calls) == 1
    assert memo.keep(owner_b, ("test", "k"), build) == [2]  # a new data version: built again
    assert memo.keep(owner_b, ("test", "other"), build) == [3]  # another view


def test_store_is_bounded():
    owner = object()
    for i in range(memo.MAX_ENTRIES + 10):
        memo.keep(owner, ("bound", i), lambda: i)
    assert len(memo._store) <= memo.MAX_ENTRIES


def test_long_lived_heap_is_frozen_once():
    warm.freeze_long_lived()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # modules and the data package are out of the per-run collection
    warm.freeze_long_lived()
    assert gc.get_freeze_count() == frozen
