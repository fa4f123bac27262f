"""URL query parameters <-> validated view state.

A shared link carries the page's filters in its query string. Values come from
strangers, so each is checked against the allowed choices (a difference of case
or spacing is forgiven, and the widget gets the exact choice); anything else falls
back to the default and the page shows a short notice (never an exception).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

MAX_VALUE_LENGTH = 200
SHOWN_LENGTH = 40  # a rejected value is quoted in the notice only this far
WHOLE_NUMBER = re.compile(r"[0-9]{1,12}")  # ASCII digits only; 12 keeps int() far from its digit limit
CONTROL = ("Cc", "Cf", "Zl", "Zp")  # control, format (e.g. bidi overrides) and line/paragraph separators


def normalise(raw: str) -> str:
    """How a value is matched: case-folded, whitespace trimmed and collapsed.

    A hand-typed or re-shared link may read `?measure=Remission` or `?measure=%20remission`;
    both name a valid value and are taken as it rather than rejected.
    """
    return " ".join(raw.split()).casefold()


def canonical(choices: Sequence[str], raw: str) -> str | None:
    """The member of `choices` that `raw` names (see :func:`normalise`), or None."""
    wanted = normalise(raw)
    return next((c for c in choices if normalise(c) == wanted), None)


def rejected(name: str, raw: str, expected: str) -> str:
    """The notice for a value that was not taken, quoting it (cut short) as inert code."""
    shown = raw[:SHOWN_LENGTH] + ("…" if len(raw) > SHOWN_LENGTH else "")
    return f"Ignored `{name}={escape_code(shown)}`: expected {expected}."


@dataclass(frozen=True)
class Choice:
    """A URL parameter with a closed set of values."""

    name: str
    choices: tuple[str, ...]
    default: str

    def parse(self, raw: str | None) -> tuple[str, str | None]:
        """(value, notice): the member of `choices` that `raw` names, else the default and a notice."""
        if not (raw or "").strip():
            return self.default, None
        match = canonical(self.choices, raw)
        if match is not None:
            return match, None
        return self.default, rejected(self.name, raw, f"one of {', '.join(self.choices)}")


@dataclass(frozen=True)
class MultiChoice:
    """A URL parameter holding a comma-separated subset of choices."""

    name: str
    choices: tuple[str, ...]

    def parse(self, raw: str | None) -> tuple[list[str], str | None]:
        """(members named by `raw`, each once; notice): all choices when none is named."""
        if not (raw or "").strip():
            return list(self.choices), None
        good: list[str] = []
        bad: list[str] = []
        for part in raw[:MAX_VALUE_LENGTH * 4].split(","):
            match = canonical(self.choices, part)
            if match is None and part.strip():
                bad.append(part)
            elif match is not None and match not in good:  # a widget rejects a default listed twice
                good.append(match)
        notice = None
        if bad:
            shown = ", ".join(f"`{escape_code(b[:30])}`" for b in bad[:3])
            notice = f"Ignored `{self.name}` value(s) {shown}: expected any of {', '.join(self.choices)}."
        return (good or list(self.choices)), notice


@dataclass(frozen=True)
class Number:
    """A whole-number URL parameter (a slide, a step) that must be one of `allowed`."""

    name: str
    allowed: tuple[int, ...]
    default: int

    def parse(self, raw: str | None) -> tuple[int, str | None]:
        """(value, notice): the number `raw` spells if allowed, else the default and a notice.

        Only ASCII digits count: `str.isdigit` also accepts '²' or '٣', which `int` then rejects
        or reads as another number.
        """
        text = (raw or "").strip()
        if not text:
            return self.default, None
        if WHOLE_NUMBER.fullmatch(text) and int(text) in self.allowed:
            return int(text), None
        return self.default, rejected(self.name, raw, self.expected())

    def expected(self) -> str:
        """The allowed values in words: a span when they are consecutive, else a list."""
        if not self.allowed:
            return "nothing (there are no values to choose from)"
        low, high = min(self.allowed), max(self.allowed)
        if sorted(self.allowed) == list(range(low, high + 1)):
            return f"a whole number from {low} to {high}"
        return "one of " + ", ".join(map(str, self.allowed))


@dataclass(frozen=True)
class Text:
    """A free-text URL parameter (a search box): any text, cut to `max_length`."""

    name: str
    max_length: int = MAX_VALUE_LENGTH

    def parse(self, raw: str | None) -> tuple[str, str | None]:
        """(value, notice): `raw` without control characters or surrounding space, cut with a notice if long."""
        value = "".join(" " if unicodedata.category(c) == "Cc" else c for c in (raw or "")).strip()
        if len(value) > self.max_length:
            return value[: self.max_length], f"Shortened `{self.name}` to its first {self.max_length} characters."
        return value, None


def escape_code(text: str) -> str:
    """Text safe inside a Markdown code span: no backtick to close it, no line break to end it.

    CommonMark ends a line at a carriage return as well as a newline, and two line ends make a
    blank line, which would close the paragraph and let the rest render as Markdown.
    """
    return "".join("'" if c == "`" else " " if unicodedata.category(c) in CONTROL else c for c in text)


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


def bind(param: Choice | MultiChoice | Number | Text, key: str):
    """The value for widget `key` to start from: what the URL says.

    Pass it as the widget's default. When the URL changed outside the page since this session last
    ran (the browser's back or forward button, an edited address), the widget's own state is dropped
    so it starts again from the URL. A new session keeps any state the browser sends (a reconnect to
    a new server process): the widget's default applies only when it has none.
    """
    raw = read_param(param.name)
    seen = SEEN + param.name
    previous = st.session_state.get(seen, MISSING)
    st.session_state[seen] = raw
    value, notice = param.parse(raw)
    if previous != raw:
        notify(notice)
    if previous is not MISSING and previous != raw and key in st.session_state:
        del st.session_state[key]
    return value


def write(name: str, value: str | Sequence[str], default: str | Sequence[str]) -> None:
    """Put a widget's value in the URL; a default value is left out to keep links short."""
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
