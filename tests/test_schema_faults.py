"""Fault cases derived from datapackage.json: one broken cell per rule the schema declares.

Nothing here is hand-picked: every range, foreign key, enum, required field, numeric bound,
pattern and length limit in the schema, and every `source_ids` column, yields a case. Each case
breaks the last row of a copy of the data and expects the validator to name exactly that table,
line, field and value, with what was expected. A table or rule added to the schema is covered
without editing this file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from explainer import checks, registry, tables, ui
from explainer.problems import Problem
from tests.conftest import DATA, read_rows, run_page, set_cell, write_rows

DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}
NUMERIC = ("integer", "number")
BAD_KEY = "zz-no-such-key"
BAD_SOURCE = "zz-no-such-source"
NOT_MATCHING = ["Not Valid!", "zz zz", "-", "x"]


@dataclass(frozen=True)
class Fault:
    """One broken cell (or cells) in the last row of a table and the problem it must raise."""

    kind: str
    table: str
    edits: dict[str, str]
    field: str
    value: str
    expected_words: tuple[str, ...]  # each must appear in the problem's expectation

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.table}.{self.field}"


def kind_of(fault: Fault) -> str:
    """'range1' -> 'range', 'source-middle' -> 'source', 'foreign-key' -> 'foreign'."""
    return fault.kind.rstrip("0123456789").split("-")[0]


def fields_of(res: dict) -> dict[str, dict]:
    return {f["name"]: f for f in res["schema"]["fields"]}


def rows_of(table: str) -> list[dict[str, str]]:
    return read_rows(DATA / RESOURCES[table]["path"])


def last_line(table: str) -> int:
    """The file line of the last row (the header is line 1)."""
    return len(rows_of(table)) + 1


def range_groups(schema: dict) -> list[tuple[str, ...]]:
    """Ranges as the schema gives them: declared `ranges` entries, then `X_low`/`X_high` pairs."""
    declared = [tuple(g) for g in schema.get("ranges", [])]
    taken = {name for g in declared for name in g}
    names = [f["name"] for f in schema["fields"]]
    named = [(n, n.removesuffix("_low") + "_high") for n in names
             if n.endswith("_low") and n.removesuffix("_low") + "_high" in names and n not in taken]
    return declared + named


def number_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(x)


# --- the cases, one function per kind of rule -------------------------------------------------------

def range_faults(name: str, res: dict) -> list[Fault]:
    """Each adjacent pair of each range: the earlier field set one above the later one."""
    out = []
    fields = fields_of(res)
    for group in range_groups(res["schema"]):
        bounds = [fields[f].get("constraints", {}) for f in group]
        base = max([b["minimum"] for b in bounds if "minimum" in b] + [0])
        if any("maximum" in b and b["maximum"] < base + 1 for b in bounds):
            continue
        for k in range(len(group) - 1):
            edits = {f: number_text(base + 1 if i <= k else base) for i, f in enumerate(group)}
            out.append(Fault(f"range{k}", name, edits, group[k], number_text(base + 1),
                             (group[k + 1], number_text(base))))
    return out


def foreign_key_faults(name: str, res: dict) -> list[Fault]:
    return [Fault("foreign-key", name, {fk["fields"]: BAD_KEY}, fk["fields"], BAD_KEY,
                  (f"{fk['reference']['resource']}.{fk['reference']['fields']}",))
            for fk in res["schema"].get("foreignKeys", [])]


def enum_faults(name: str, res: dict) -> list[Fault]:
    out = []
    for f in res["schema"]["fields"]:
        enum = f.get("constraints", {}).get("enum")
        if enum:
            bad = number_text(max(enum) + 1) if f.get("type") in NUMERIC else "zz-not-allowed"
            out.append(Fault("enum", name, {f["name"]: bad}, f["name"], bad, tuple(map(str, enum))))
    return out


def required_faults(name: str, res: dict) -> list[Fault]:
    return [Fault("required", name, {f["name"]: ""}, f["name"], "", ("required",))
            for f in res["schema"]["fields"] if f.get("constraints", {}).get("required")]


def bound_faults(name: str, res: dict) -> list[Fault]:
    """Just below every minimum and just above every maximum."""
    out = []
    for f in res["schema"]["fields"]:
        c = f.get("constraints", {})
        if f.get("type") not in NUMERIC:
            continue
        if "minimum" in c:
            bad = number_text(c["minimum"] - 1)
            out.append(Fault("minimum", name, {f["name"]: bad}, f["name"], bad,
                             ("at least", number_text(c["minimum"]))))
        if "maximum" in c:
            bad = number_text(c["maximum"] + 1)
            out.append(Fault("maximum", name, {f["name"]: bad}, f["name"], bad, ("at most", number_text(c["maximum"]))))
    return out


def text_faults(name: str, res: dict) -> list[Fault]:
    """A value outside every pattern, and one character over every maxLength."""
    out = []
    for f in res["schema"]["fields"]:
        c = f.get("constraints", {})
        if "pattern" in c:
            bad = next(v for v in NOT_MATCHING if not re.fullmatch(c["pattern"], v))
            out.append(Fault("pattern", name, {f["name"]: bad}, f["name"], bad, (c["pattern"],)))
        if "maxLength" in c:
            bad = "x" * (c["maxLength"] + 1)
            out.append(Fault("maxLength", name, {f["name"]: bad}, f["name"], bad, (str(c["maxLength"]),)))
    return out


def source_id_faults(name: str, res: dict) -> list[Fault]:
    """Three ids in one cell, one of them unknown: first, middle and last position."""
    if "source_ids" not in fields_of(res):
        return []
    known = [r["source_id"] for r in rows_of("sources")[:2]]
    out = []
    for pos, where in enumerate(("first", "middle", "last")):
        ids = known[:pos] + [BAD_SOURCE] + known[pos:]
        out.append(Fault(f"source-{where}", name, {"source_ids": ";".join(ids)}, "source_ids", BAD_SOURCE,
                         ("sources.csv",)))
    return out


KINDS = (range_faults, foreign_key_faults, enum_faults, required_faults, bound_faults, text_faults, source_id_faults)
FAULTS = [fault for name, res in RESOURCES.items() for kind in KINDS for fault in kind(name, res)]


def break_copy(data_dir: Path, fault: Fault) -> None:
    index = len(read_rows(data_dir / RESOURCES[fault.table]["path"])) - 1
    for name, value in fault.edits.items():
        set_cell(data_dir, fault.table, index, name, value)


def assert_exactly(problems: list[Problem], fault: Fault) -> Problem:
    """The broken table has this one problem, and it names the right line, field, value and expectation."""
    assert len(problems) == 1, "\n".join(map(str, problems))
    p = problems[0]
    expected = (fault.table, last_line(fault.table), fault.field, fault.value)
    assert (p.table, p.line, p.field, p.value) == expected, str(p)
    for word in fault.expected_words:
        assert word in p.expected, (word, str(p))
    return p


# --- the schema has what the cases need -----------------------------------------------------------------

def test_every_kind_of_rule_yields_cases():
    kinds = {"range", "foreign", "enum", "required", "minimum", "maximum", "pattern", "source"}
    assert set(map(kind_of, FAULTS)) >= kinds
    tables_with_ids = {n for n, r in RESOURCES.items() if "source_ids" in fields_of(r)}
    assert {f.table for f in FAULTS if kind_of(f) == "source"} == tables_with_ids


@pytest.mark.parametrize("name", RESOURCES)
def test_every_low_or_high_field_is_one_end_of_a_range(name):
    """A field named low or high that is in no range would go unchecked (as `time_low_min` once did)."""
    res = RESOURCES[name]
    in_ranges = {f for g in range_groups(res["schema"]) for f in g}
    ends = [f["name"] for f in res["schema"]["fields"] if {"low", "high"} & set(f["name"].split("_"))]
    assert set(ends) <= in_ranges, f"{name}: {sorted(set(ends) - in_ranges)} in no range"


def test_declared_ranges_name_numeric_fields():
    for name, res in RESOURCES.items():
        fields = fields_of(res)
        for group in res["schema"].get("ranges", []):
            assert 2 <= len(group) <= 3, (name, group)
            assert all(fields.get(f, {}).get("type") in NUMERIC for f in group), (name, group)


# --- each case through the validator ----------------------------------------------------------------------

@pytest.mark.parametrize("fault", FAULTS, ids=[f.id for f in FAULTS])
def test_schema_fault_is_named_exactly(data_copy, fault):
    break_copy(data_copy, fault)
    pkg = tables.read_package(data_copy)
    assert_exactly(pkg.problems_for(fault.table), fault)


def test_an_unpartnered_low_field_is_reported(data_copy):
    """Renaming a range's high end leaves its low end unchecked: the validator says so."""
    name, group = next((n, g) for n, r in RESOURCES.items() for g in range_groups(r["schema"]) if len(g) == 2)
    low, high = group
    descriptor = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in descriptor["resources"] if r["name"] == name)
    next(f for f in res["schema"]["fields"] if f["name"] == high)["name"] = "upper_end"
    res["schema"].pop("ranges", None)
    (data_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    path = data_copy / res["path"]
    rows = read_rows(path)
    write_rows(path, [{("upper_end" if k == high else k): v for k, v in r.items()} for r in rows])
    messages = [str(p) for p in tables.read_package(data_copy).problems]
    assert any(f"'{name}.{low}'" in m and "range" in m for m in messages), messages


# --- ranges of three (low <= mid <= high) and declared ranges ------------------------------------------------

def effect_package(values: tuple[float, float, float], ranges: list[list[str]]) -> tables.DataPackage:
    """A one-table package in memory: an estimate between the ends of its confidence interval."""
    names = ["ci_low", "value", "ci_high"]
    schema = {"fields": [{"name": n, "type": "number"} for n in names], "ranges": ranges}
    df = pd.DataFrame([values], columns=names, dtype="float64")
    return tables.DataPackage(Path("."), {"resources": [{"name": "effect", "schema": schema}]}, tables={"effect": df})


TRIPLE = [["ci_low", "value", "ci_high"]]
NAN = float("nan")


@pytest.mark.parametrize("values,expected", [
    ((1, 2, 3), []),
    ((2, 2, 2), []),
    ((NAN, 5, NAN), []),
    ((3, 2, 4), [Problem("effect", 2, "ci_low", "3", "a value at most value (2)")]),
    ((1, 5, 4), [Problem("effect", 2, "value", "5", "a value at most ci_high (4)")]),
    ((5, NAN, 4), [Problem("effect", 2, "ci_low", "5", "a value at most ci_high (4)")]),
    ((5, 1, 0.5), [Problem("effect", 2, "ci_low", "5", "a value at most value (1)"),
                   Problem("effect", 2, "value", "1", "a value at most ci_high (0.5)")]),
])
def test_a_declared_triple_is_checked_in_order(values, expected):
    assert checks.check_ranges(effect_package(values, TRIPLE)) == expected


@pytest.mark.parametrize("ranges", [[["ci_low"]], [["ci_low", "nosuch"]], [["ci_low", "value", "ci_high", "ci_low"]]])
def test_a_malformed_range_declaration_is_reported(ranges):
    pkg = effect_package((1, 2, 3), ranges)
    problems = checks.check_range_declarations(pkg)
    assert [(p.table, p.field) for p in problems][:1] == [("datapackage", "effect.ranges")], problems
    assert checks.check_ranges(pkg) == []  # a malformed range is reported, not half-applied


def test_a_declared_pair_is_used_once(data_copy):
    """A range both declared and carried by its names is one rule: one problem per bad cell, not two."""
    name, (low, high) = next((n, g) for n, r in RESOURCES.items() for g in range_groups(r["schema"]) if len(g) == 2)
    descriptor = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    next(r for r in descriptor["resources"] if r["name"] == name)["schema"]["ranges"] = [[low, high]]
    (data_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert tables.read_package(data_copy).problems == []  # Frictionless accepts the extra schema property
    fault = Fault("range0", name, {low: "2", high: "1"}, low, "2", (high, "1"))
    break_copy(data_copy, fault)
    assert_exactly(tables.read_package(data_copy).problems_for(name), fault)


# --- a subset through the app: the page names the problem instead of drawing --------------------------------

def page_of(table: str) -> str | None:
    """The first page drawing `table` other than the sources page (which every page cites)."""
    chart_pages = [p for p in registry.PAGES if p.charts and p.name != "sources"]
    return next((p.name for p in chart_pages if table in p.tables), None)


def one_per_kind() -> list[Fault]:
    """One case of each kind on a table a chart page draws, each kind on another table where one is left."""
    drawn = [f for f in FAULTS if f.table != "sources" and page_of(f.table)]
    chosen: list[Fault] = []
    for kind in dict.fromkeys(map(kind_of, drawn)):
        options = [f for f in drawn if kind_of(f) == kind]
        chosen.append(next((f for f in options if f.table not in {c.table for c in chosen}), options[0]))
    return chosen


def first_range_per_table() -> list[Fault]:
    """A low above its high on every page that draws a range (the ranges once went unchecked on one)."""
    firsts = {f.table: f for f in reversed(FAULTS) if kind_of(f) == "range" and page_of(f.table)}
    return list(firsts.values())


APP_CASES = list({f.id: f for f in one_per_kind() + first_range_per_table()}.values())


@pytest.mark.parametrize("fault", APP_CASES, ids=[f.id for f in APP_CASES])
def test_schema_fault_through_the_app(data_copy, fault):
    break_copy(data_copy, fault)
    problem = assert_exactly(tables.read_package(data_copy).problems_for(fault.table), fault)
    page = page_of(fault.table)
    at = run_page(page, data_dir=data_copy)
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 0 and len(at.metric) == 0
    assert any(ui.inert(problem) in e.value for e in at.error), [e.value for e in at.error]
