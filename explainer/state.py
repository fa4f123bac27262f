"""URL query parameters <-> validated view state.

A shared link carries the page's filters in its query string. Values come from
strangers, so each is checked against the allowed choices; anything else falls
back to the default and the page shows a short notice (never an exception).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

MAX_VALUE_LENGTH = 200


@dataclass(frozen=True)
class Choice:
    """A URL parameter with a closed set of values."""

    name: str
    choices: tuple[str, ...]
    default: str

    def parse(self, raw: str | None) -> tuple[str, str | None]:
        """(value, notice): the valid value, and a notice when `raw` was rejected."""
        if raw is None or raw == "":
            return self.default, None
        if raw in self.choices:
            return raw, None
        shown = raw[:40] + ("…" if len(raw) > 40 else "")
        return self.default, f"Ignored `{self.name}={escape_code(shown)}`: expected one of {', '.join(self.choices)}."


@dataclass(frozen=True)
class MultiChoice:
    """A URL parameter holding a comma-separated subset of choices."""

    name: str
    choices: tuple[str, ...]

    def parse(self, raw: str | None) -> tuple[list[str], str | None]:
        if raw is None or raw == "":
            return list(self.choices), None
        parts = [p for p in raw[:MAX_VALUE_LENGTH * 4].split(",") if p]
        good = [p for p in parts if p in self.choices]
        bad = [p for p in parts if p not in self.choices]
        notice = None
        if bad:
            shown = ", ".join(escape_code(b[:30]) for b in bad[:3])
            notice = f"Ignored `{self.name}` value(s) {shown}: expected any of {', '.join(self.choices)}."
        return (good or list(self.choices)), notice


def escape_code(text: str) -> str:
    """Text safe inside a Markdown code span."""
    return text.replace("`", "'").replace("\n", " ")


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


def choice(param: Choice) -> str:
    """The parameter's valid value from the URL (with a notice if one was rejected)."""
    value, notice = param.parse(read_param(param.name))
    notify(notice)
    return value


def multichoice(param: MultiChoice) -> list[str]:
    values, notice = param.parse(read_param(param.name))
    notify(notice)
    return values


def write(name: str, value: str | Sequence[str], default: str | Sequence[str]) -> None:
    """Put a widget's value in the URL; a default value is left out to keep links short."""
    text = value if isinstance(value, str) else ",".join(value)
    default_text = default if isinstance(default, str) else ",".join(default)
    if text == default_text or text == "":
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != text:
        st.query_params[name] = text


def text(name: str, max_length: int = MAX_VALUE_LENGTH) -> str:
    """A free-text parameter (e.g. a search box), cut to `max_length` with a notice if longer."""
    raw = read_param(name) or ""
    if len(raw) > max_length:
        notify(f"Shortened `{name}` to its first {max_length} characters.")
    return raw[:max_length]
