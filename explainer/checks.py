"""Validation rules: the Table Schema (via Frictionless) and what it cannot express.

Every rule returns :class:`Problem` objects naming table, line, field, value and
what was expected, so the same wording reaches the CLI, the tests and the page.
"""

from __future__ import annotations

import copy
import json
import re
from itertools import pairwise
from pathlib import Path
from typing import Protocol

import pandas as pd

from explainer import vocabulary
from explainer.cells import header_of, missing, split_ids
from explainer.problems import Problem
from explainer.terms import APPROVAL_BASIS


class DataPackage(Protocol):
    """What the cross-table rules read of a loaded package (explainer.tables.DataPackage)."""

    tables: dict[str, pd.DataFrame]
    article: str

    def resource(self, name: str) -> dict: ...

TYPE_WORDS = {"integer": "a whole number", "number": "a number", "boolean": "true or false",
              "date": "a date (YYYY-MM-DD)", "string": "text"}
LINE_OFFSET = 2  # DataFrame index 0 is line 2 of the file (line 1 is the header)


def check_table_text(res: dict, text: str, data_dir: Path) -> list[Problem]:
    """Header, types and constraints of one table (one file, no other tables)."""
    problems = check_header(res, text)
    if problems:
        return problems
    key = (json.dumps(res, sort_keys=True), text)
    if key not in _checked:
        if len(_checked) >= MAX_CHECKED:
            _checked.clear()
        _checked[key] = tuple(frictionless_problems(res, data_dir))
    return list(_checked[key])


# Frictionless's verdict on a table depends only on its schema and its text: an edit to one file
# re-validates that file, not the other thirteen (and a test's broken copy, only the broken table).
MAX_CHECKED = 256
_checked: dict[tuple[str, str], tuple[Problem, ...]] = {}


def check_header(res: dict, text: str) -> list[Problem]:
    name = res["name"]
    header = [h.strip() for h in header_of(text)]
    wanted = [f["name"] for f in res["schema"]["fields"]]
    problems = [Problem(name, 1, col, None, f"a column named '{col}' (declared in datapackage.json)")
                for col in wanted if col not in header]
    problems += [Problem(name, 1, col, col, f"only the columns declared in datapackage.json: {', '.join(wanted)}")
                 for col in header if col not in wanted]
    return problems


def frictionless_problems(res: dict, data_dir: Path) -> list[Problem]:
    """Types, constraints, primary key: Frictionless reports, reworded per cell."""
    from frictionless import Resource, Schema  # heavy import, paid once per load

    descriptor = copy.deepcopy(res["schema"])
    descriptor.pop("foreignKeys", None)  # checked across tables by check_foreign_keys
    resource = Resource(path=res["path"], basepath=str(data_dir), schema=Schema.from_descriptor(descriptor),
                        encoding="utf-8", format="csv")
    report = resource.validate()
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    out = []
    pk = res["schema"].get("primaryKey")
    for err in report.flatten(["type", "rowNumber", "fieldName", "cell", "note", "cells"]):
        kind, line, field_name, cell, note, cells = err
        if kind == "primary-key" and not field_name and isinstance(pk, str):
            field_name, cell = pk, (cells or [None])[[f["name"] for f in res["schema"]["fields"]].index(pk)]
            if cell in (None, "") and fields[pk].get("constraints", {}).get("required"):
                continue  # an empty key is not a duplicate: the "required" problem of the same cell says it
        expected = expectation(kind, fields.get(field_name), note)
        out.append(Problem(res["name"], line, field_name or None, cell, expected))
    return out


def expectation(kind: str, field: dict | None, note: str | None) -> str:
    """What the schema expected, in words an editor understands."""
    if kind == "type-error" and field:
        return TYPE_WORDS.get(field.get("type", "string"), field.get("type", "a value"))
    if kind == "constraint-error" and field:
        match = re.search(r'constraint "(\w+)"', note or "")
        return constraint_words(match.group(1) if match else "", field)
    if kind == "primary-key" and 'all "None"' in (note or ""):
        return "a value (it is the table's key)"
    if kind in ("primary-key", "unique-error"):
        return "a value not used by another row (it is the table's key)"
    if kind == "blank-row":
        return "no blank rows"
    if kind in ("extra-cell", "missing-cell"):
        return "as many cells as there are columns in the header"
    return note or kind


def constraint_words(name: str, field: dict) -> str:
    c = field.get("constraints", {})
    unit = f" {field['unit']}" if field.get("unit") else ""
    return {
        "required": "a value (this field is required)",
        "minimum": f"a value of at least {c.get('minimum')}{unit}",
        "maximum": f"a value of at most {c.get('maximum')}{unit}",
        "enum": "one of: " + ", ".join(map(str, c.get("enum", []))),
        "pattern": f"text matching the pattern {c.get('pattern')}",
        "maxLength": f"at most {c.get('maxLength')} characters",
    }.get(name, f"a value meeting the '{name}' constraint")


def check_package(pkg: DataPackage) -> list[Problem]:
    """Rules across tables, run on the tables that passed their own checks."""
    problems: list[Problem] = []
    for rule in (check_source_ids, check_foreign_keys, check_related_rows, check_range_declarations, check_ranges,
                 check_source_links, check_seed_quotes, check_timeline_years, check_windows,
                 check_grade_basis, check_certainty_sources, vocabulary.check):
        problems += rule(pkg)
    return problems


def rows(df: pd.DataFrame):
    """(file line, row) pairs of a table."""
    for i, row in enumerate(df.itertuples(index=False)):
        yield i + LINE_OFFSET, row._asdict()


def check_source_ids(pkg: DataPackage) -> list[Problem]:
    if "sources" not in pkg.tables:
        return []
    known = set(pkg.tables["sources"]["source_id"])
    out = []
    for name, df in pkg.tables.items():
        if "source_ids" not in df.columns:
            continue
        for line, row in rows(df):
            for sid in split_ids(row["source_ids"]):
                if sid not in known:
                    out.append(Problem(name, line, "source_ids", sid, "an id listed in data/sources.csv"))
    return out


def check_related_rows(pkg: DataPackage) -> list[Problem]:
    """Each `related_rows` reference (table:id) names a table of the package and a row of it (its key)."""
    out = []
    declared = {r["name"] for r in pkg.descriptor.get("resources", [])}
    for name, df in pkg.tables.items():
        if "related_rows" not in df.columns:
            continue
        for line, row in rows(df):
            for ref in split_ids(row["related_rows"]):
                table, _, key = ref.partition(":")
                if table in declared and table not in pkg.tables:
                    continue  # a table withheld for its own problems (reported there): its ids cannot be checked
                pk = pkg.resource(table)["schema"].get("primaryKey") if table in pkg.tables else None
                if not isinstance(pk, str):
                    out.append(Problem(name, line, "related_rows", ref,
                                       "table:id with a table of the package that has an id column"))
                elif key not in set(pkg.tables[table][pk]):
                    out.append(Problem(name, line, "related_rows", ref, f"an id from {table}.{pk}"))
    return out


def check_foreign_keys(pkg: DataPackage) -> list[Problem]:
    """The schema's foreignKeys (e.g. conditions.evidence_grade -> evidence_grades.grade)."""
    out = []
    for name, df in pkg.tables.items():
        for fk in pkg.resource(name)["schema"].get("foreignKeys", []):
            ref = fk["reference"]
            if ref["resource"] not in pkg.tables:
                continue
            allowed = set(pkg.tables[ref["resource"]][ref["fields"]].dropna())
            for line, row in rows(df):
                value = row[fk["fields"]]
                if not missing(value) and value not in allowed:
                    out.append(Problem(name, line, fk["fields"], value,
                                       f"a value from {ref['resource']}.{ref['fields']}: {', '.join(sorted(allowed))}"))
    return out


def range_groups(schema: dict) -> list[tuple[str, ...]]:
    """Fields whose values must not decrease along a row: the schema's `ranges`, then `X_low`/`X_high` pairs.

    Names carry most ranges; a range they cannot carry (e.g. `ci_low` <= `value` <= `ci_high`)
    is declared as a `ranges` entry of 2 or 3 field names in the table's schema.
    """
    declared = [tuple(group) for group in schema.get("ranges", [])]
    taken = {name for group in declared for name in group}
    names = [f["name"] for f in schema["fields"]]
    named = [(n, n.removesuffix("_low") + "_high") for n in names
             if n.endswith("_low") and n.removesuffix("_low") + "_high" in names and n not in taken]
    return declared + named


def check_range_declarations(pkg: DataPackage) -> list[Problem]:
    """Every field named as a range end is in a range, and every declared range names 2-3 numeric fields.

    Otherwise the low <= high rule silently skips it, as it once skipped `time_low_min`.
    """
    out = []
    for res in pkg.descriptor.get("resources", []):
        types = {f["name"]: f.get("type", "string") for f in res["schema"]["fields"]}
        groups = range_groups(res["schema"])
        for group in groups:
            if not 2 <= len(group) <= 3 or any(types.get(f) not in ("integer", "number") for f in group):
                out.append(Problem("datapackage", None, f"{res['name']}.ranges", ", ".join(group),
                                   "a range of 2 or 3 numeric fields of the table"))
        in_ranges = {f for group in groups for f in group}
        for name in types:
            if {"low", "high"} & set(name.split("_")) and name not in in_ranges:
                out.append(Problem("datapackage", None, f"{res['name']}.{name}", None,
                                   "a partner field (X_low with X_high) or a 'ranges' entry naming this range"))
    return out


def check_ranges(pkg: DataPackage) -> list[Problem]:
    """Along every range of the schema, each value is at most the next one given in the row."""
    out = []
    for name, df in pkg.tables.items():
        numeric = {f["name"] for f in pkg.resource(name)["schema"]["fields"] if f.get("type") in ("integer", "number")}
        for group in range_groups(pkg.resource(name)["schema"]):
            if 2 <= len(group) <= 3 and set(group) <= numeric:
                out += range_problems(name, df, group)
    return out


def range_problems(name: str, df: pd.DataFrame, group: tuple[str, ...]) -> list[Problem]:
    """Rows where a value exceeds the next non-empty value of the range (empty cells are unknown, skipped)."""
    out = []
    for line, row in rows(df):
        given = [(f, row[f]) for f in group if not pd.isna(row[f])]
        for (low, lo), (high, hi) in pairwise(given):
            if lo > hi:
                out.append(Problem(name, line, low, f"{lo:g}", f"a value at most {high} ({hi:g})"))
    return out


def check_source_links(pkg: DataPackage) -> list[Problem]:
    """Each source can be looked up: it has a DOI, a PMID or a URL."""
    if "sources" not in pkg.tables:
        return []
    out = []
    for line, row in rows(pkg.tables["sources"]):
        if all(missing(row[c]) for c in ("doi", "pmid", "url")):
            out.append(Problem("sources", line, "doi", row["source_id"], "a DOI, a PMID or a URL for this source"))
    return out


def normalise(text: str) -> str:
    return " ".join(text.split())


def check_seed_quotes(pkg: DataPackage) -> list[Problem]:
    """Each claim quotes the source article word for word."""
    if "claims" not in pkg.tables or not pkg.article:
        return []
    article = normalise(pkg.article)
    return [Problem("claims", line, "seed_quote", row["seed_quote"], "a verbatim quote from the source article")
            for line, row in rows(pkg.tables["claims"]) if normalise(str(row["seed_quote"])) not in article]


def check_timeline_years(pkg: DataPackage) -> list[Problem]:
    if "timeline" not in pkg.tables:
        return []
    return [Problem("timeline", line, "year", str(row["year"]), f"the year of the date ({row['date'][:4]})")
            for line, row in rows(pkg.tables["timeline"]) if str(row["year"]) != str(row["date"])[:4]]


WINDOW_ENDS = ("window_days_low", "window_days_high")


def check_windows(pkg: DataPackage) -> list[Problem]:
    """A rate given over a window names both ends of it, and they differ.

    One end alone cannot be drawn as a range, and two equal ends are a time point (time_days says
    that): either would put a window on the chart as a point.
    """
    out = []
    for name, df in pkg.tables.items():
        if not set(WINDOW_ENDS) <= set(df.columns):
            continue
        for line, row in rows(df):
            low, high = (row[f] for f in WINDOW_ENDS)
            if missing(low) != missing(high):
                field = WINDOW_ENDS[0] if missing(low) else WINDOW_ENDS[1]
                out.append(Problem(name, line, field, None,
                                   "both ends of the window (window_days_low and window_days_high) or neither"))
            elif not missing(low) and low == high:
                out.append(Problem(name, line, WINDOW_ENDS[1], f"{high:g}",
                                   "a window end later than window_days_low (a single time goes in time_days, "
                                   "with no window)"))
    return out


def check_grade_basis(pkg: DataPackage) -> list[Problem]:
    """A grade that rests on a regulator's approval names an approved product with status 'approved'.

    Otherwise a reader is told a grade comes from an approval that the row does not show.
    """
    if "conditions" not in pkg.tables or "grade_basis" not in pkg.tables["conditions"].columns:
        return []
    return [Problem("conditions", line, "grade_basis", row["grade_basis"],
                    "a condition with status 'approved' and an approved_product (or grade_basis 'trial evidence')")
            for line, row in rows(pkg.tables["conditions"])
            if row["grade_basis"] == APPROVAL_BASIS
            and (row["status"] != "approved" or missing(row["approved_product"]))]
def check_certainty_sources(pkg: DataPackage) -> list[Problem]:
    """A pooled estimate's certainty comes from a source the row cites: a GRADE rating borrowed from
    another review would be stated as this estimate's own."""
    if "onset_effect" not in pkg.tables or "certainty_source_id" not in pkg.tables["onset_effect"].columns:
        return []
    known = set(pkg.tables["sources"]["source_id"]) if "sources" in pkg.tables else set()
    return [Problem("onset_effect", line, "certainty_source_id", str(row["certainty_source_id"]),
                    f"one of the row's own source_ids ({row['source_ids']})")
            for line, row in rows(pkg.tables["onset_effect"])
            # an unknown id is reported once, by the foreign-key and source-id rules
            if {row["certainty_source_id"], *split_ids(row["source_ids"])} <= known
            and row["certainty_source_id"] not in split_ids(row["source_ids"])]
