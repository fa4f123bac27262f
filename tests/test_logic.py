"""The small pure pieces every page leans on, each on hand-made values: formatting, cells, citations,
exports, URL parameters, validation rules and the slide deck.

Fast (no app, no browser, no full data package): `make mutate` runs these against every mutant.
"""

from __future__ import annotations

import pandas as pd
import pytest

from explainer import cells, fmt

# --- fmt -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "text"), [
    (3.0, "3"), (3.04, "3"), (2.96, "3"), (3.06, "3.1"), (3.5, "3.5"), (0.25, "0.2"), (9.94, "9.9"), (9.96, "10"),
    (10.4, "10"), (12.6, "13"), (0.0, "0"), (-3.5, "-3.5"), (-12.4, "-12"), (-10.0, "-10"), (100.0, "100"),
])
def test_num_whole_numbers_without_decimals_small_ones_to_one(value, text):
    assert fmt.num(value) == text


@pytest.mark.parametrize(("items", "text"), [
    ([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c"), ([1, 2], "1 and 2"),
])
def test_listing(items, text):
    assert fmt.listing(items) == text


@pytest.mark.parametrize(("days", "text"), [
    (40 / 1440, "40 min"), (1 / 1440, "1 min"), (119 / 1440, "119 min"), (0.0833, "2 h"), (2 / 24, "2 h"),
    (6 / 24, "6 h"), (0.999, "24 h"), (1.0, "1 day"), (1.5, "1.5 days"), (2.0, "2 days"), (6.0, "6 days"),
    (7.0, "1 wk"), (10.0, "10 days"), (13.0, "13 days"), (14.0, "2 wk"), (21.0, "3 wk"), (27.0, "27 days"),
    (56.0, "8 wk"), (168.0, "24 wk"),
])
def test_time_label(days, text):
    assert fmt.time_label(days) == text


@pytest.mark.parametrize(("low", "high", "text"), [
    (1.0, 1.0, "1 day"), (10.0, 12.0, "10–12 days"), (1.0, 2.0, "1–2 days"), (7.0, 14.0, "1–2 wk"),
    (40 / 1440, 40 / 1440, "40 min"), (40 / 1440, 1.0, "40 min–1 day"), (6 / 24, 12 / 24, "6–12 h"),
    (27.0, 28.0, "27 days–4 wk"),
])
def test_time_range_shares_a_unit(low, high, text):
    assert fmt.time_range(low, high) == text


@pytest.mark.parametrize(("low", "high", "text"), [
    (None, None, "unknown"), (float("nan"), pd.NA, "unknown"), (20.0, 40.0, "20–40 min"), (48.0, 48.0, "48 min"),
    (None, 30.0, "30 min"), (15.0, float("nan"), "15 min"), (0.5, 1.0, "0.5–1 min"),
])
def test_value_range(low, high, text):
    assert fmt.value_range(low, high, "min") == text


# --- cells ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [None, pd.NA, pd.NaT, float("nan")])
def test_missing_cells(value):
    assert cells.missing(value)


@pytest.mark.parametrize("value", ["", "x", 0, 0.0, False, "nan"])
def test_present_cells(value):
    assert not cells.missing(value)


@pytest.mark.parametrize(("cell", "ids"), [
    (None, []), (float("nan"), []), ("", []), ("a", ["a"]), ("a;b", ["a", "b"]), (" a ; b ;", ["a", "b"]),
    ("a;;b", ["a", "b"]),
])
def test_split_ids(cell, ids):
    assert cells.split_ids(cell) == ids


def test_header_of():
    assert cells.header_of("a,b,\"c,d\"\n1,2,3\n") == ["a", "b", "c,d"]
    assert cells.header_of("") == []
