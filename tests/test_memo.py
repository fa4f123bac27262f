"""Shared values: built once per data version, keyed by what they are computed from, never
changed by the session that receives them."""

from __future__ import annotations

import copy
import gc

import pandas as pd
import plotly.graph_objects as go
import pytest

from explainer import export, memo, registry, warm
from tests.conftest import set_cell


def test_value_built_once_per_owner_and_rebuilt_for_a_new_one():
    calls = []
    owner_a, owner_b = object(), object()

    def build():
        calls.append(1)
        return [len(calls)]

    first = memo.keep(owner_a, ("test", "k"), build)
    assert memo.keep(owner_a, ("test", "k"), build) is first and len(calls) == 1
    assert memo.keep(owner_b, ("test", "k"), build) == (2,)  # a new data version: built again, frozen


def counted(pkg, measure: str) -> list[str]:
    counted.calls.append(measure)
    return [measure, str(len(pkg.tables))]


counted.calls = []


def test_the_key_is_the_function_and_its_arguments():
    counted.calls.clear()
    a = memo.call(counted, "response")
    assert memo.call(counted, "response") is a
    b = memo.call(counted, "remission")  # another argument, another value: no input can be left out of the key
    assert a[0] == "response" and b[0] == "remission" and counted.calls == ["response", "remission"]


def rows_of(t, table: str, n: int, _fresh: object) -> list[str]:
    return list(t[table].columns[:n])


def test_a_function_of_the_tables_receives_its_arguments(pkg):
    """What ui.computed shares: fn(tables, *args), each argument passed on and part of the key
    (`fresh`: a key no earlier test stored, so the value is computed here, not found)."""
    fresh = object()
    assert memo.call(memo.of_tables, rows_of, "onset", 2, fresh) == tuple(pkg.tables["onset"].columns[:2])
    assert memo.call(memo.of_tables, rows_of, "claims", 3, fresh) == tuple(pkg.tables["claims"].columns[:3])


def test_unhashable_arguments_and_anonymous_functions_are_refused():
    with pytest.raises(TypeError, match="hashable"):
        memo.call(counted, {"a": 1})
    with pytest.raises(TypeError, match="module-level function"):
        memo.call(lambda pkg: 1)


def test_a_shared_figure_cannot_be_changed_and_its_copy_does_not_leak():
    chart = registry.chart("onset")
    fig = registry.figure(chart, measure="remission")
    assert isinstance(fig, memo.FrozenFigure)
    with pytest.raises(AttributeError):
        fig.update_layout(title="changed")  # no mutating methods on a shared figure
    with pytest.raises(AttributeError):
        fig._figure = go.Figure()
    copy = fig.thaw()
    copy.update_layout(title="changed")
    copy.data[0].y = [0]
    again = registry.figure(chart, measure="remission")
    assert again is fig and "title" not in again.layout or again.layout["title"].get("text") != "changed"
    assert list(again.data[0]["y"]) != [0]


class WriteRefusingTrace(dict):
    """A shared trace's properties that fail the test on any write (a deep copy is a plain dict)."""

    def _refuse(self, *args, **kwargs):
        raise AssertionError(f"a copy wrote to the shared trace ({args[:1]})")

    __setitem__ = __delitem__ = pop = popitem = update = setdefault = clear = _refuse

    def __deepcopy__(self, memo_: dict) -> dict:
        return copy.deepcopy(dict(self), memo_)


@pytest.mark.parametrize("how", ["thaw", "export"])
def test_copying_a_shared_figure_only_reads_it(how):
    """Sessions copy one shared figure at the same time (slides split it, downloads export it). Plotly's
    `go.Figure(figure)` takes each trace's type out of the source and puts it back: a session reading in
    between saw a trace without a type, took a bar for a scatter and failed on textposition 'outside'."""
    shared = registry.figure(registry.chart("claims"))  # horizontal bars with their numbers outside
    inner = shared.drawable()
    kept = list(inner._data)
    inner._data[:] = [WriteRefusingTrace(t) for t in kept]
    try:
        out = shared.thaw() if how == "thaw" else export.for_export(inner)
    finally:
        inner._data[:] = kept
    assert [t.type for t in out.data] == [t["type"] for t in kept] and "bar" in {t.type for t in out.data}


def test_a_mutated_frame_does_not_reach_the_next_session():
    chart = registry.chart("conditions")
    rows = registry.rows(chart)
    first = rows.iloc[0]["condition"]
    rows.loc[rows.index[0], "condition"] = "CHANGED"
    rows["extra"] = 1
    fresh = registry.rows(chart)
    assert fresh.iloc[0]["condition"] == first and "extra" not in fresh.columns


def test_a_page_that_writes_to_its_tables_leaves_the_package_intact():
    """A page's tables are copy-on-write copies: writing to one changes nothing another session reads."""
    from explainer import tables, ui

    before = tables.load().tables["onset"].copy()
    t = ui.require("onset")
    t["onset"].loc[t["onset"].index[0], "value_pct"] = -1
    t["onset"]["extra"] = 1
    pd.testing.assert_frame_equal(tables.load().tables["onset"], before)


def test_shared_dicts_and_lists_are_read_only():
    frozen = memo.freeze({"a": [1, 2], "b": {"c": 3}})
    with pytest.raises(TypeError):
        frozen["a"] = 1
    assert frozen["a"] == (1, 2)
    with pytest.raises(TypeError):
        frozen["b"]["c"] = 4


def test_store_is_bounded():
    owner = object()
    sizes = []
    for i in range(memo.MAX_ENTRIES + 10):
        memo.keep(owner, ("bound", i), lambda i=i: i)
        sizes.append(len(memo._store))
    assert max(sizes) == memo.MAX_ENTRIES  # never one more


def test_long_lived_heap_is_frozen_once():
    warm.freeze_long_lived()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # modules and the data package are out of the per-run collection
    warm.freeze_long_lived()
    assert gc.get_freeze_count() == frozen


def test_a_script_run_looks_at_the_files_once_and_the_next_run_sees_an_edit(data_copy, monkeypatch):
    import threading

    from explainer import tables

    monkeypatch.setenv("KETAMINE_DATA_DIR", str(data_copy))
    seen = {}

    def run(label):  # a script run: its own thread, pinned as a page starts
        first = tables.pin()
        if label == "first":
            set_cell(data_copy, "onset", 0, "value_pct", "lots")  # edited while the run goes on
        seen[label] = (first, tables.load())

    for label in ("first", "second"):
        t = threading.Thread(target=run, args=(label,))
        t.start()
        t.join(timeout=60)
    first, during = seen["first"]
    assert during is first and not first.problems_for("onset")  # one version for the whole run
    second, _ = seen["second"]
    assert second.problems_for("onset")  # the next run reads the edit
    assert tables.load().problems_for("onset")  # a thread that pinned nothing looks at the files
