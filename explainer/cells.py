"""What a cell of a table holds: empty or not, and the ids of a `source_ids` cell.

The one place that decides what "empty" means (None, pandas' NA or a float NaN), so
validation, charts, takeaways and pages agree on which cells are unknown.
"""

from __future__ import annotations

import csv
import io

import pandas as pd


def missing(value: object) -> bool:
    """True for an empty cell (None, NA or NaN): the data's "unknown"."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def split_ids(cell: object) -> list[str]:
    """The ids of a `source_ids` cell ('a;b' -> ['a', 'b']); an empty cell has none."""
    if missing(cell):
        return []
    return [s.strip() for s in str(cell).split(";") if s.strip()]


def header_of(text: str) -> list[str]:
    """The first CSV row of a table's text."""
    return next(csv.reader(io.StringIO(text)), [])
