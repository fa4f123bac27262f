"""One data problem, worded for the person who edits the CSV files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """Where a table is wrong and what was expected there.

    ``line`` is the line of the CSV file (the header is line 1), so an editor
    can go straight to it; ``None`` when the problem is about the whole file.
    ``message``, when given, is the whole sentence: for a problem that is not in a cell (an
    allowed value the code has no entry for) "file, line, field: value — expected" would mislead.
    """

    table: str
    line: int | None
    field: str | None
    value: str | None
    expected: str
    message: str = ""

    def __str__(self) -> str:
        if self.message:
            return self.message
        where = f"data/{self.table}.csv" if self.table != "datapackage" else "data/datapackage.json"
        if self.line is not None:
            where += f", line {self.line}"
        if self.field:
            where += f", field '{self.field}'"
        got = f": value {self.value!r}" if self.value not in (None, "") else ""
        if self.value == "" and self.field:
            got = ": empty"
        return f"{where}{got} — expected {self.expected}"


class DataError(Exception):
    """A table of the data package failed validation.

    The one exception the package raises for bad data: the pages catch it to show the problem
    instead of a chart, and the Python API (``explainer.load(strict=True)``, ``explainer.table``,
    ``explainer.figure``...) raises it. ``problems`` lists every :class:`Problem`; the message
    has one line per problem naming the file, line, field, value and what was expected, e.g.
    ``data/onset.csv, line 5, field 'value_pct': value 'abc' — expected a number``.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
