"""The data values the code styles or names are checked as data: a new allowed value without its theme
entry, or a term the schema no longer allows, is a validation problem the page shows, never a
KeyError or rows silently not drawn."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pandas as pd
import pytest

from explainer import charts, tables, terms, theme, vocabulary
from explainer.__main__ import main
from explainer.charts.common import in_theme_order
from tests.conftest import read_rows, run_page, write_rows

WITHDRAWN = ("data/datapackage.json: conditions.status 'withdrawn' has no marker in the theme (add it to STATUS_SYMBOL "
             "in explainer/theme.py, or take it out of the enum of conditions.status)")


def enum_of(descriptor: dict, where: str) -> list:
    """The enum list of `table.field` inside a descriptor (to edit in place)."""
    table, field = where.split(".")
    return vocabulary.schema_field(descriptor, table, field)["constraints"]["enum"]


def edit_schema(data_dir: Path, where: str, edit) -> None:
    path = data_dir / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    edit(enum_of(descriptor, where))
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def withdraw_one_condition(data_dir: Path) -> None:
    """The schema allows a new status and one row uses it: valid to Frictionless, unknown to the theme."""
    edit_schema(data_dir, "conditions.status", lambda enum: enum.append("withdrawn"))
    rows = read_rows(data_dir / "conditions.csv")
    row = next(r for r in rows if r["grade_basis"] != "regulatory approval")  # no approval rule in the way
    row["status"] = "withdrawn"
    write_rows(data_dir / "conditions.csv", rows)


class Package:
    """Only what vocabulary.check reads: the descriptor."""

    def __init__(self, descriptor: dict) -> None:
        self.descriptor = descriptor


def test_every_declared_field_lists_its_values_in_the_shipped_schema(pkg):
    for entry in (*vocabulary.STYLED, *vocabulary.NAMED):
        assert vocabulary.schema_field(pkg.descriptor, entry.table, entry.field), entry
        assert vocabulary.allowed(pkg.descriptor, entry.table, entry.field), entry


def test_the_shipped_vocabulary_is_complete(pkg):
    assert vocabulary.check(pkg) == []


def test_every_theme_map_indexed_by_data_is_declared():
    """A theme map keyed by data values that no declaration names would go unchecked."""
    keyed_by_text = {name for name, value in vars(theme).items()
                     if name.isupper() and isinstance(value, dict | list) and value
                     and all(isinstance(k, str) and not k.startswith(("#", "rgba")) for k in value)
                     and name not in ("OKABE_ITO", "SEQUENCE", "ERA")}
    assert keyed_by_text == {s.name for s in vocabulary.STYLED}


def test_every_term_is_declared():
    constants = {name for name in vars(terms) if name.isupper()}
    assert constants == {n.name for n in vocabulary.NAMED}


@pytest.mark.parametrize("styled", vocabulary.STYLED, ids=lambda s: f"{s.table}.{s.field}-{s.name}")
def test_a_new_allowed_value_without_its_theme_entry_is_named(pkg, styled):
    descriptor = copy.deepcopy(pkg.descriptor)
    where, _ = vocabulary.allowed(descriptor, styled.table, styled.field)
    enum_of(descriptor, where).append("brand new")
    problems = [p for p in vocabulary.check(Package(descriptor)) if p.value == "brand new"]
    mine = [p for p in problems if f"add it to {styled.name} in" in str(p)]
    assert [(p.table, p.field) for p in mine] == [(styled.table, styled.field)]
    assert str(mine[0]) == (f"data/datapackage.json: {styled.table}.{styled.field} 'brand new' has no {styled.gives} "
                            f"in the theme (add it to {styled.name} in explainer/theme.py, or take it out of the "
                            f"enum of {where})")


@pytest.mark.parametrize("named", vocabulary.NAMED, ids=lambda n: n.name)
def test_a_term_the_schema_no_longer_allows_is_named(pkg, named):
    descriptor = copy.deepcopy(pkg.descriptor)
    where, _ = vocabulary.allowed(descriptor, named.table, named.field)
    gone = named.values[0]
    enum_of(descriptor, where).remove(gone)
    problems = [p for p in vocabulary.check(Package(descriptor)) if f"({named.name})" in str(p)]
    assert [(p.table, p.field, p.value) for p in problems] == [(named.table, named.field, gone)]
    assert str(problems[0]) == (f"data/datapackage.json: {named.table}.{named.field} '{gone}' is named in "
                                f"explainer/terms.py ({named.name}) but the schema does not allow it (rename it "
                                f"there too, or allow it again in the enum of {where})")


def test_a_styled_field_without_allowed_values_is_named(pkg):
    descriptor = copy.deepcopy(pkg.descriptor)
    del vocabulary.schema_field(descriptor, "routes", "product")["constraints"]["enum"]
    assert [str(p) for p in vocabulary.check(Package(descriptor))] == [
        "data/datapackage.json: routes.product is styled value by value (PRODUCT in explainer/theme.py) but lists "
        "no allowed values (declare them as the field's enum)"]


def test_a_package_without_the_styled_tables_has_no_vocabulary_problem():
    assert vocabulary.check(Package({"resources": []})) == []


def test_validate_names_the_missing_marker_and_withholds_the_table(data_copy, capsys):
    withdraw_one_condition(data_copy)
    pkg = tables.read_package(data_copy)
    assert [str(p) for p in pkg.problems] == [WITHDRAWN]
    assert [str(p) for p in pkg.problems_for("conditions")] == [WITHDRAWN]
    assert main(["validate", str(data_copy)]) == 1  # `make validate`
    err = capsys.readouterr().err.splitlines()
    assert err == [WITHDRAWN, "data package INVALID: 1 problem(s)"]


def test_the_page_shows_the_missing_marker_instead_of_a_chart(data_copy):
    withdraw_one_condition(data_copy)
    at = run_page("conditions", data_dir=data_copy)
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 0
    shown = [e.value.replace("\\", "") for e in at.error]
    assert len(shown) == 1 and f"- {WITHDRAWN}" in shown[0], shown


def test_a_term_the_schema_dropped_reaches_the_page(data_copy):
    """Renamed in the data, the comparators would silently match no row: the onset page says so instead."""
    edit_schema(data_copy, "onset.treatment", lambda enum: enum.__setitem__(enum.index("placebo"), "sham"))
    rows = read_rows(data_copy / "onset.csv")
    write_rows(data_copy / "onset.csv", [{**r, "treatment": "sham" if r["treatment"] == "placebo" else r["treatment"]}
                                         for r in rows])
    at = run_page("onset", data_dir=data_copy)
    assert not at.exception and len(at.get("plotly_chart")) == 0
    shown = " ".join(e.value for e in at.error).replace("\\", "")
    assert "onset.treatment 'sham' has no style (colour, marker, dash) in the theme" in shown
    assert "onset.treatment 'placebo' is named in explainer/terms.py (COMPARATORS)" in shown


# --- builders draw every row, or fail loudly: never a value silently left out -------------------

def test_series_follow_the_theme_then_the_data():
    values = pd.Series(["b", "z", None, "a", "b"])
    assert in_theme_order(values, ["a", "b", "c"]) == ["a", "b", "z"]
    assert in_theme_order(values, iter(["c", "b"])) == ["b", "z", "a"]


def test_every_condition_and_event_is_drawn(pkg):
    t = pkg.tables
    matrix = charts.evidence_matrix(t["conditions"], t["evidence_grades"], {})
    assert sorted(i for tr in matrix.data for i in tr.ids) == sorted(t["conditions"]["condition_id"])
    timeline = charts.timeline_by_category(t["timeline"], {})
    assert sorted(i for tr in timeline.data for i in tr.ids) == sorted(t["timeline"]["event_id"])


@pytest.mark.parametrize("build", [
    lambda t: charts.evidence_matrix(t["conditions"].assign(status="withdrawn"), t["evidence_grades"], {}),
    lambda t: charts.timeline_by_category(t["timeline"].assign(category="art"), {}),
], ids=["conditions", "history"])
def test_a_value_without_its_theme_entry_fails_loudly(pkg, build):
    with pytest.raises(KeyError):
        build(pkg.tables)
