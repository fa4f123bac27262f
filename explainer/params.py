"""URL parameter values, parsed and checked without Streamlit.

A shared link carries a page's filters in its query string. Values come from strangers, so each is
checked against the allowed choices (a difference of case or spacing is forgiven, and the widget gets
the exact choice); anything else falls back to the default with a short notice, never an exception.
The parsers live here, free of Streamlit, so the chart declarations (:mod:`explainer.filters`) can
name them; :mod:`explainer.state` reads and writes them in the page's URL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

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
