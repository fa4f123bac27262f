"""The data package validates, and each kind of broken copy fails with a precise message."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import cells, describe, tables
from tests.conftest import ROOT, read_rows, set_cell, write_rows

MIN_ROWS = {"timeline": 20, "conditions": 14, "evidence_grades": 4, "routes": 7, "side_effects": 10,
            "mechanism": 5, "onset": 12, "claims": 15}
SEED_CONDITIONS = ["depress", "anxiety", "ptsd", "bipolar", "obsessive", "fibromyalgia", "migraine",
                   "regional pain", "neuropathic", "use disorder"]


def messages(data_dir: Path) -> list[str]:
    return [str(p) for p in tables.read_package(data_dir).problems]


def assert_one(msgs: list[str], *parts: str) -> str:
    hits = [m for m in msgs if all(p in m for p in parts)]
    assert hits, f"no problem mentions {parts}; got: {msgs}"
    return hits[0]


def test_real_package_validates(pkg):
    assert pkg.problems == [], "\n".join(map(str, pkg.problems))


@pytest.mark.parametrize("name,minimum", MIN_ROWS.items())
def test_row_counts(pkg, name, minimum):
    assert len(pkg.tables[name]) >= minimum


def test_every_fact_row_cites_a_known_source(pkg):
    known = set(pkg.tables["sources"]["source_id"])
    for name, df in pkg.tables.items():
        if "source_ids" in df.columns:
            for cell in df["source_ids"]:
                ids = cells.split_ids(cell)
                assert ids and set(ids) <= known, (name, cell)


def test_every_source_is_cited_and_linkable(pkg):
    cited = {s for n, df in pkg.tables.items() if "source_ids" in df.columns for c in df["source_ids"]
             for s in cells.split_ids(c)}
    src = pkg.tables["sources"]
    assert set(src["source_id"]) == cited, set(src["source_id"]) ^ cited
    assert src[["doi", "pmid", "url"]].notna().any(axis=1).all()


def test_article_conditions_are_covered(pkg):
    names = " ".join(pkg.tables["conditions"]["condition"].str.lower())
    for word in SEED_CONDITIONS:
        assert word in names, word
    assert pkg.tables["conditions"]["in_seed"].sum() >= 10


def test_typed_columns(pkg):
    onset = pkg.tables["onset"]
    assert onset["value_pct"].dtype == "float64"
    assert str(onset["n"].dtype) == "Int64"
    assert pkg.tables["routes"]["in_seed"].dtype == "boolean"


def test_claims_quote_the_article(pkg):
    article = " ".join(pkg.article.split())
    for quote in pkg.tables["claims"]["seed_quote"]:
        assert " ".join(quote.split()) in article


def test_article_errors_are_recorded(pkg):
    claims = pkg.tables["claims"]
    quotes = " ".join(claims["seed_quote"])
    for phrase in ("non-additive", "seventy percent", "increasing the release of glutamate"):
        assert phrase in quotes, phrase
    bad = claims[claims["seed_quote"].str.contains("non-additive|seventy percent", regex=True)]
    assert set(bad["verdict"]) <= {"overstated", "unsupported", "incorrect"}


# --- fault injection: each broken copy names table, line, field and what was expected ------------

def test_unknown_source_id(data_copy):
    set_cell(data_copy, "timeline", 0, "source_ids", "nosuch-source")
    assert_one(messages(data_copy), "data/timeline.csv, line 2, field 'source_ids'", "'nosuch-source'",
               "an id listed in data/sources.csv")


def test_text_in_numeric_column(data_copy):
    set_cell(data_copy, "onset", 2, "value_pct", "lots")
    assert_one(messages(data_copy), "data/onset.csv, line 4, field 'value_pct'", "'lots'", "expected a number")


def test_value_out_of_range(data_copy):
    set_cell(data_copy, "onset", 0, "value_pct", "140")
    assert_one(messages(data_copy), "data/onset.csv, line 2, field 'value_pct'", "'140'", "at most 100 %")


def test_low_greater_than_high(data_copy):
    rows = read_rows(data_copy / "routes.csv")
    i = next(i for i, r in enumerate(rows)
             if r["bioavailability_pct_high"] and float(r["bioavailability_pct_high"]) < 90)
    set_cell(data_copy, "routes", i, "bioavailability_pct_low", str(float(rows[i]["bioavailability_pct_high"]) + 1))
    assert_one(messages(data_copy), f"data/routes.csv, line {i + 2}, field 'bioavailability_pct_low'",
               "at most bioavailability_pct_high")


def test_unknown_enum_value(data_copy):
    set_cell(data_copy, "conditions", 1, "status", "miracle cure")
    assert_one(messages(data_copy), "data/conditions.csv, line 3, field 'status'", "'miracle cure'",
               "one of: approved, off-label with trial evidence, investigational")


def test_unknown_evidence_grade(data_copy):
    set_cell(data_copy, "conditions", 0, "evidence_grade", "E")
    assert_one(messages(data_copy), "data/conditions.csv, line 2, field 'evidence_grade'", "'E'",
               "evidence_grades.grade")


def test_missing_required_column(data_copy):
    path = data_copy / "timeline.csv"
    rows = read_rows(path)
    write_rows(path, rows, [f for f in rows[0] if f != "year"])
    msg = assert_one(messages(data_copy), "data/timeline.csv, line 1, field 'year'", "a column named 'year'")
    assert "timeline" in msg


def test_seed_quote_not_in_article(data_copy):
    set_cell(data_copy, "claims", 0, "seed_quote", "Ketamine cures everything overnight.")
    assert_one(messages(data_copy), "data/claims.csv, line 2, field 'seed_quote'", "cures everything",
               "a verbatim quote from the source article")


def test_source_without_link(data_copy):
    for field in ("doi", "pmid", "url"):
        set_cell(data_copy, "sources", 0, field, "")
    sid = read_rows(data_copy / "sources.csv")[0]["source_id"]
    assert_one(messages(data_copy), "data/sources.csv, line 2, field 'doi'", sid, "a DOI, a PMID or a URL")


def test_empty_file(data_copy):
    (data_copy / "mechanism.csv").write_text("", encoding="utf-8")
    assert_one(messages(data_copy), "data/mechanism.csv, line 1", "empty")


def test_non_utf8_file(data_copy):
    path = data_copy / "claims.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    path.write_bytes("".join(lines[:3]).encode("utf-8") + "caf\u00e9 latin-1\n".encode("latin-1"))
    assert_one(messages(data_copy), "data/claims.csv, line 4", "UTF-8")


def test_duplicate_key(data_copy):
    first = read_rows(data_copy / "timeline.csv")[0]["event_id"]
    set_cell(data_copy, "timeline", 1, "event_id", first)
    assert_one(messages(data_copy), "data/timeline.csv, line 3, field 'event_id'", "not used by another row")


def test_one_broken_table_leaves_the_others(data_copy):
    set_cell(data_copy, "onset", 0, "value_pct", "lots")
    pkg = tables.read_package(data_copy)
    assert pkg.problems_for("onset") and not pkg.problems_for("timeline")
    assert "timeline" in pkg.tables and "onset" not in pkg.tables
    with pytest.raises(tables.DataError, match="onset.csv"):
        pkg.table("onset")


def test_a_broken_table_is_reported_once_not_again_by_the_rows_that_link_to_it(data_copy):
    """claims.related_rows point into side_effects; with side_effects withheld, only its own problem shows."""
    assert "side_effects:" in (data_copy / "claims.csv").read_text(encoding="utf-8")
    set_cell(data_copy, "side_effects", 2, "frequency_pct", "lots")
    assert messages(data_copy) == [
        "data/side_effects.csv, line 4, field 'frequency_pct': value 'lots' — expected a number"]


def test_a_link_to_a_missing_row_is_still_reported(data_copy):
    rows = read_rows(data_copy / "claims.csv")
    i = next(i for i, r in enumerate(rows) if r["related_rows"].startswith("side_effects:"))
    set_cell(data_copy, "claims", i, "related_rows", "side_effects:no-such-effect")
    assert_one(messages(data_copy), f"data/claims.csv, line {i + 2}, field 'related_rows'", "an id from side_effects")


def test_cache_rereads_an_edited_file(data_copy):
    first = tables.load(data_copy)
    assert tables.load(data_copy) is first
    set_cell(data_copy, "onset", 0, "value_pct", "lots")
    assert tables.load(data_copy).problems_for("onset")


@pytest.mark.slow  # starts a process
def test_cli_validate_ok_and_failing(data_copy):
    ok = subprocess.run([sys.executable, "-m", "explainer", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0 and re.match(r"data package OK: \d+ tables", ok.stdout), ok.stderr
    set_cell(data_copy, "onset", 0, "value_pct", "lots")
    bad = subprocess.run([sys.executable, "-m", "explainer", "validate", str(data_copy)], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "data/onset.csv, line 2, field 'value_pct'" in bad.stderr


def test_datapackage_declares_every_csv():
    declared = {r["path"] for r in tables.read_package(ROOT / "data").descriptor["resources"]}
    on_disk = {p.name for p in (ROOT / "data").glob("*.csv")}
    assert declared == on_disk


# --- time windows and what a grade rests on ------------------------------------------------------------

def window_row(data_dir: Path) -> int:
    """Index of the first onset row that carries a window (a rate given at study exit)."""
    return next(i for i, r in enumerate(read_rows(data_dir / "onset.csv")) if r["window_days_high"])


def test_rates_at_study_exit_carry_their_window(pkg):
    """A rate a source gives at study exit has no single time: it is stored as a window, not a point."""
    onset = pkg.tables["onset"]
    at_exit = onset[onset["arm"].str.contains("study exit") | onset["locator"].str.contains("study exit")]
    assert len(at_exit) >= 3  # STAR*D: response and two remission rates
    assert at_exit["window_days_high"].notna().all() and at_exit["window_days_low"].notna().all()
    assert (at_exit["window_days_low"] < at_exit["window_days_high"]).all()
    assert (at_exit["time_days"] == at_exit["window_days_high"]).all()


def test_a_window_with_one_end_fails(data_copy):
    i = window_row(data_copy)
    set_cell(data_copy, "onset", i, "window_days_low", "")
    assert_one(messages(data_copy), f"data/onset.csv, line {i + 2}, field 'window_days_low'",
               "both ends of the window (window_days_low and window_days_high) or neither")


def test_a_window_of_no_width_is_a_point_and_fails(data_copy):
    i = window_row(data_copy)
    high = read_rows(data_copy / "onset.csv")[i]["window_days_high"]
    set_cell(data_copy, "onset", i, "window_days_low", high)
    assert_one(messages(data_copy), f"data/onset.csv, line {i + 2}, field 'window_days_high'",
               "a window end later than window_days_low")


def test_a_time_outside_its_window_fails(data_copy):
    i = window_row(data_copy)
    set_cell(data_copy, "onset", i, "time_days", "120")
    assert_one(messages(data_copy), f"data/onset.csv, line {i + 2}, field 'time_days'", "'120'",
               "at most window_days_high")


def test_grade_basis_outside_its_enum_fails(data_copy):
    set_cell(data_copy, "conditions", 0, "grade_basis", "popularity")
    assert_one(messages(data_copy), "data/conditions.csv, line 2, field 'grade_basis'", "'popularity'",
               "one of: regulatory approval, trial evidence")


@pytest.mark.parametrize("field,value", [("status", "investigational"), ("approved_product", "")])
def test_a_grade_resting_on_approval_needs_an_approved_product(data_copy, field, value):
    rows = read_rows(data_copy / "conditions.csv")
    i = next(i for i, r in enumerate(rows) if r["grade_basis"] == "regulatory approval")
    set_cell(data_copy, "conditions", i, field, value)
    assert_one(messages(data_copy), f"data/conditions.csv, line {i + 2}, field 'grade_basis'",
               "'regulatory approval'", "a condition with status 'approved' and an approved_product")


def test_every_approval_based_grade_names_its_product(pkg):
    conditions = pkg.tables["conditions"]
    approval = conditions[conditions["grade_basis"] == "regulatory approval"]
    assert len(approval) and (approval["status"] == "approved").all() and approval["approved_product"].notna().all()


def test_the_count_of_strong_grades_says_how_many_rest_on_an_approval(pkg):
    """The overview's 'graded A or B' explanation, on the real table: every approval-based grade is
    counted under its product, and the rest under the trials."""
    conditions = pkg.tables["conditions"]
    strong = conditions[conditions["evidence_grade"].isin(["A", "B"])]
    approval = strong[strong["grade_basis"] == "regulatory approval"]
    text = describe.strong_grades_text(conditions)
    assert text.startswith(f"{len(strong)} of {len(conditions)} conditions are graded A or B: ")
    assert f"{len(approval)} rest on a regulator's approval (" in text
    for product, k in approval["approved_product"].value_counts().items():
        assert f"{product} for {k}" in text
    assert f"{len(strong) - len(approval)} on trial evidence alone" in text
# --- pooled estimates: certainty, dosing, one measure at a time -------------------------------------------

def test_a_borrowed_certainty_rating_fails(data_copy):
    set_cell(data_copy, "onset_effect", 0, "certainty_source_id", "kishimoto2016")
    assert_one(messages(data_copy), "data/onset_effect.csv, line 2, field 'certainty_source_id'", "'kishimoto2016'",
               "one of the row's own source_ids (dean2021-unipolar)")


def test_a_pooled_estimate_without_certainty_fails(data_copy):
    set_cell(data_copy, "onset_effect", 0, "certainty", "")
    assert_one(messages(data_copy), "data/onset_effect.csv, line 2, field 'certainty'")
    set_cell(data_copy, "onset_effect", 0, "certainty", "somewhat")
    assert_one(messages(data_copy), "data/onset_effect.csv, line 2, field 'certainty'", "very low", "not rated")


def test_every_pooled_estimate_states_its_certainty_and_the_cochrane_pools_are_rated(pkg):
    effects = pkg.tables["onset_effect"]
    assert effects["certainty"].notna().all() and effects["certainty_source_id"].notna().all()
    dean = effects[effects["source_ids"] == "dean2021-unipolar"].set_index("effect_id")["certainty"]
    assert len(dean) == 6 and set(dean) <= {"low", "very low"}  # Summary of findings tables 1 and 2
    assert dean["dean2021-ket-vs-midazolam-smd-24h"] == dean["dean2021-ket-vs-placebo-smd-24h"] == "very low"
    assert dean["dean2021-ket-vs-midazolam-or-remission-24h"] == "low"
    assert (effects.loc[effects["source_ids"] != "dean2021-unipolar", "certainty"] == "not rated").all()


def test_the_default_measure_shows_ketamine_rise_and_fade_beside_ssris(pkg):
    from explainer import derive, terms

    effects = pkg.tables["onset_effect"]
    measure = derive.measures_by_coverage(effects)[0]
    rows = derive.effect_rows(effects, measure)
    conventional = rows["treatment"].isin(terms.CONVENTIONAL)
    rapid_times = sorted(set(rows.loc[~conventional, "time_days"]))
    assert len(rapid_times) >= 3 and max(rapid_times) > 3, (measure, rapid_times)
    assert conventional.any() and (rows["ci_low"] <= rows["value"]).all() and rows["certainty"].notna().all()
    # every ketamine/esketamine series names its dosing: one dose or repeated doses, never both in one series
    for treatment in set(rows.loc[~conventional, "treatment"]):
        assert ("single" in treatment or "first dose" in treatment) != ("repeated" in treatment), treatment
    assert set(terms.KETAMINE_TREATMENTS) | set(terms.CONVENTIONAL) <= set(pkg.schema_field(
        "onset_effect", "treatment")["constraints"]["enum"])
    assert not any("repeated" in t for t in terms.KETAMINE_TREATMENTS)  # single-dose headlines stay single-dose


def test_real_headlines_and_takeaways_compare_like_with_like_with_certainty(pkg):
    from explainer import derive, describe

    t = pkg.tables
    heads = describe.headlines(t)
    assert describe.headline_faults(heads) == []
    ketamine = heads[0]
    assert ketamine.label == "Ketamine vs midazolam"  # the better-blinded pool
    assert (ketamine.value, ketamine.note) == ("SMD 0.49", "1 day · very low certainty")
    assert "saline placebo pool at the same time" in ketamine.help and "SMD 0.87" in ketamine.help
    assert heads[1].measure == ketamine.measure  # like with like
    for measure in derive.measures_by_coverage(t["onset_effect"]):
        text = describe.onset_effect_takeaway(t["onset_effect"], t["onset_milestones"], t["sources"], measure)
        assert describe.quotes_without_certainty(text) == [], measure
        alt = describe.alt_onset_effect(t["onset_effect"], t["onset_milestones"], measure)
        assert "certainty (grade)" in alt.lower()
