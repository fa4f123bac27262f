"""URL query parameters <-> validated view state.

A shared link carries the page's filters in its query string. Values come from
strangers, so each is checked against the allowed choices (a difference of case
or spacing is forgiven, and the widget gets the exact choice); anything else falls
back to the default and the page shows a short notice (never an exception).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import streamlit as st

from explainer.params import (  # noqa: F401 (the parsers, re-exported: pages and tests name them here)
    MAX_VALUE_LENGTH,
    Choice,
    MultiChoice,
    Number,
    Text,
    canonical,
    escape_code,
    normalise,
    rejected,
)


def read_param(name: str) -> str | None:
    """The last value of a query parameter (repeated keys: the last wins)."""
    try:
        values = st.query_params.get_all(name)
    except Exception:  # noqa: BLE001 - a malformed query string must not break a page
        return None
    return values[-1] if values else None


def notify(notice: str | None) -> None:
    if notice:
        st.caption(f":material/info: {notice}")


def number(param: Number) -> int:
    """The parameter's allowed number from the URL (with a notice if one was rejected)."""
    value, notice = param.parse(read_param(param.name))
    notify(notice)
    return value


SEEN = "url-seen:"  # session-state prefix: the query value a session last read or wrote for a parameter
MISSING = object()


def read_first(names: Sequence[str]) -> tuple[str, str | None]:
    """(key, value) of the first of `names` the URL carries (a filter's name, then its older aliases)."""
    for name in names:
        raw = read_param(name)
        if raw is not None:
            return name, raw
    return names[0], None


def url_value(param: Choice | MultiChoice | Number | Text, key: str, aliases: Sequence[str] = ()):
    """The value widget `key` starts from: what the URL says (under the parameter's name or an alias).

    Pass it as the widget's default. When the URL changed outside the page since this session last
    ran (the browser's back or forward button, an edited address), the widget's own state is dropped
    so it starts again from the URL. A new session keeps any state the browser sends (a reconnect to
    a new server process): the widget's default applies only when it has none.
    """
    found, raw = read_first((param.name, *aliases))
    seen = SEEN + param.name
    previous = st.session_state.get(seen, MISSING)
    st.session_state[seen] = raw
    value, notice = (replace(param, name=found) if found != param.name else param).parse(raw)
    if previous != raw:
        notify(notice)
    if previous is not MISSING and previous != raw and key in st.session_state:
        del st.session_state[key]
    return value


def write(name: str, value: str | Sequence[str], default: str | Sequence[str], aliases: Sequence[str] = ()) -> None:
    """Put a widget's value in the URL; a default value is left out to keep links short. An older alias
    the link came with is dropped: the value now travels under the filter's name."""
    for alias in aliases:
        if alias in st.query_params:
            del st.query_params[alias]
    text = value if isinstance(value, str) else ",".join(value)
    default_text = default if isinstance(default, str) else ",".join(default)
    if text == default_text or text == "":
        if name in st.query_params:
            del st.query_params[name]
        st.session_state[SEEN + name] = None
    else:
        if st.query_params.get(name) != text:
            st.query_params[name] = text
        st.session_state[SEEN + name] = text
