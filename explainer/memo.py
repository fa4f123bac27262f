"""Values computed once per loaded data version and shared by every session.

The data package is loaded once per version of its files and its tables are never
mutated, so anything derived from it (figures, takeaways, citation links) is the same
for every session until the files change. :func:`shared` caches a function of the
package by the function and its arguments: the key is derived from the call, so a
caller cannot forget an input. Shared values are handed out so that no caller can
change what the next session gets: immutable values as they are, lists as tuples,
dicts as read-only mappings, DataFrames as copy-on-write copies and figures as
:class:`FrozenFigure`.
"""

from __future__ import annotations

import functools
import threading
import types
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go

T = TypeVar("T")
MAX_ENTRIES = 512  # views x data versions; past this the store starts afresh

_store: dict[Hashable, tuple[object, object]] = {}
_lock = threading.Lock()


class FrozenFigure:
    """A figure shared by every session: it can be drawn and read, not changed.

    ``st.plotly_chart`` only serialises a figure, so sessions can share one object; a
    caller that needs a variant takes :meth:`thaw` (an independent copy) instead.
    """

    __slots__ = ("_figure",)

    def __init__(self, figure: go.Figure):
        object.__setattr__(self, "_figure", figure)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a shared figure is read-only: use .thaw() for a copy to change")

    def thaw(self) -> go.Figure:
        """An independent, mutable copy (see :func:`copy_figure`)."""
        return copy_figure(self._figure)

    def drawable(self) -> go.Figure:
        """The figure itself, for the renderers that only read it (Streamlit, plotly.io)."""
        return self._figure

    def to_dict(self) -> dict:
        return self._figure.to_dict()

    def to_json(self) -> str:
        return self._figure.to_json()

    @property
    def data(self) -> tuple:
        """The traces as plain dicts (copies)."""
        return tuple(self.to_dict()["data"])

    @property
    def layout(self) -> dict:
        """The layout as a plain dict (a copy)."""
        return self.to_dict()["layout"]


def copy_figure(fig: go.Figure) -> go.Figure:
    """An independent copy of a figure that only reads it, so it is safe on a figure other sessions
    read at the same time. ``go.Figure(fig)`` is not: it takes each trace's ``type`` out of the source
    and puts it back, and a session reading in between sees a trace without a type (Plotly then takes
    a bar for a scatter). ``fig.to_dict()`` only reads too, but turns arrays into base64 specs."""
    return go.Figure(data=[trace.to_plotly_json() for trace in fig.data], layout=fig.layout.to_plotly_json())


def freeze(value: Any) -> Any:
    """The form in which a value is stored and shared (see the module docstring)."""
    if isinstance(value, go.Figure):
        return FrozenFigure(value)
    if hasattr(value, "frozen"):  # a value that knows its shared form (a chart's card)
        return value.frozen()
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    if isinstance(value, dict):
        return types.MappingProxyType({k: freeze(v) for k, v in value.items()})
    return value


def thaw(value: Any) -> Any:
    """What a caller receives: DataFrames and Series as copies (copy-on-write: no data is copied
    until the caller writes), everything else as stored (already immutable)."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)
    if hasattr(value, "thawed"):
        return value.thawed()
    return value


def keep(owner: object, key: Hashable, build: Callable[[], T]) -> T:
    """`build()` for this owner and key, computed once, stored frozen and handed out thawed.

    ``owner`` is the object the value is derived from (the package): a new version of it
    makes every value derived from the old one stale.
    """
    hit = _store.get(key)
    if hit is not None and hit[0] is owner:
        return thaw(hit[1])
    value = freeze(build())
    with _lock:
        if len(_store) >= MAX_ENTRIES:
            _store.clear()
        _store[key] = (owner, value)
    return thaw(value)


def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(pkg, *args, **kwargs)`` once per data version, keyed by the function and its arguments.

    Every argument must be hashable (a list is taken as a tuple): it is part of the key, so
    a value cannot depend on an input the key leaves out. Lambdas and nested functions are
    refused: their names do not identify them.
    """
    from explainer import tables

    name = getattr(fn, "__qualname__", "")
    if not name or "<lambda>" in name or "<locals>" in name:
        raise TypeError(f"{name or fn!r}: a shared value needs a module-level function (its name is its key)")
    args = tuple(tuple(a) if isinstance(a, list) else a for a in args)
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()}
    key = (fn.__module__, name, args, tuple(sorted(kwargs.items())))
    try:
        hash(key)
    except TypeError as exc:
        raise TypeError(f"{name}: every argument of a shared value must be hashable ({exc})") from None
    pkg = tables.load()
    return keep(pkg, key, lambda: fn(pkg, *args, **kwargs))


def shared(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorator: calls of ``fn(pkg, ...)`` made without ``pkg`` go through :func:`call`."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        return call(fn, *args, **kwargs)

    return wrapper


def of_tables(pkg: Any, fn: Callable[..., T], *args: Any) -> T:
    """``fn(tables, *args)``: lets :func:`call` share a function of the tables (``call(of_tables, fn)``)."""
    return fn(pkg.tables, *args)
