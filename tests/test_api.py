"""The Python API (`import explainer`): every table loads typed, every chart builds through it the
same figure the dashboard draws, and bad data raises the one documented exception with its message."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

import explainer
from explainer import registry, tables
from tests.conftest import DATA, ROOT, set_cell

PANDAS_TYPE = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string", "date": "string"}


@pytest.fixture(autouse=True)
def default_package() -> Iterator[None]:
    """Every test starts and ends on data/ (a test that loads a broken copy must not leave it current)."""
    explainer.load()
    yield
    explainer.load()


def traces(fig) -> list[dict]:
    return json.loads(fig.to_json())["data"]


@pytest.mark.slow  # starts a process
def test_importing_the_package_stays_cheap():
    """The app imports explainer at start-up: the API must not pull in pandas, Plotly or the loader."""
    code = ("import sys, explainer; heavy = [m for m in ('pandas', 'plotly', 'explainer.tables', 'explainer.registry') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_load_returns_the_validated_package():
    pkg = explainer.load()
    assert pkg.problems == [] and pkg.data_dir == DATA
    assert explainer.table_names() == [r["name"] for r in pkg.descriptor["resources"]]


@pytest.mark.parametrize("name", [r["name"] for r in json.loads((DATA / "datapackage.json").read_text())["resources"]])
def test_every_table_loads_typed_by_its_schema(name):
    df = explainer.table(name)
    schema = {f["name"]: f.get("type", "string") for f in explainer.load().resource(name)["schema"]["fields"]}
    assert len(df) > 0
    assert list(df.columns) == list(schema)
    assert {c: str(df[c].dtype) for c in df.columns} == {c: PANDAS_TYPE[t] for c, t in schema.items()}
    assert list(explainer.fields(name)["field"]) == list(schema)


def test_fields_carry_units_and_allowed_values():
    f = explainer.fields("onset").set_index("field")
    assert f.loc["value_pct", "unit"] and f.loc["value_pct", "description"]
    assert "single dose" in f.loc["regimen", "allowed"]


def test_a_table_is_a_copy_the_caller_may_change():
    onset = explainer.table("onset")
    onset["value_pct"] = -1.0
    assert (explainer.table("onset")["value_pct"] >= 0).all()
    assert (explainer.load().tables["onset"]["value_pct"] >= 0).all()


def test_unknown_names_say_what_exists():
    with pytest.raises(KeyError, match="the tables are sources"):
        explainer.table("nope")
    with pytest.raises(KeyError, match="the charts are history"):
        explainer.figure("nope")


def test_chart_keys_are_every_registry_chart():
    assert explainer.chart_keys() == [c.key for _, c in registry.chart_pages()]
    assert len(explainer.chart_keys()) == sum(len(p.charts) for p in registry.PAGES)


@pytest.mark.parametrize("key", [c.key for _, c in registry.chart_pages()])
def test_every_chart_builds_through_the_api(key):
    pkg = explainer.load()
    fig = explainer.figure(key)
    assert len(fig.data) > 0
    assert any(len(tr.x if tr.x is not None else ()) or len(tr.y if tr.y is not None else ()) for tr in fig.data)
    # the dashboard's own figure: same builder, same traces (only the export layout differs)
    card = registry.chart(key).card(pkg.tables)
    assert traces(fig) == traces(card.figure)
    assert fig.layout.paper_bgcolor == "#FFFFFF"
    assert explainer.takeaway(key) == card.takeaway and explainer.takeaway(key)
    assert explainer.alt_text(key) == card.alt and explainer.alt_text(key)
    assert explainer.headline(key) == card.headline and explainer.headline(key)
    assert len(explainer.rows(key)) == len(card.rows)
    shared = registry.card(registry.chart(key))  # the app's card: the same words from the same selection
    assert (shared.takeaway, shared.headline, shared.alt, shared.caption) == (card.takeaway, card.headline, card.alt,
                                                                              card.caption)


def test_a_view_changes_the_figure_and_a_wrong_parameter_is_refused():
    default, remission = explainer.figure("onset"), explainer.figure("onset", measure="remission")
    assert traces(default) != traces(remission)
    assert explainer.alt_text("onset", measure="remission") != explainer.alt_text("onset")
    with pytest.raises(TypeError, match="no view parameter colour"):
        explainer.figure("onset", colour="red")


def test_chart_info_and_sources():
    info = explainer.chart_info("onset")
    assert info["path"] == "/onset" and info["tables"] == ("onset", "ssri_onset")
    assert info["view"] == {"measure": "response", "values": "absolute", "regimen": "single dose"}
    assert info["choices"]["measure"] == ("response", "remission")  # read from the schema
    cited = explainer.sources("onset")
    assert len(cited) > 0 and cited["link"].str.startswith("http").all()
    refs = explainer.references()
    assert len(refs) == len(explainer.table("sources")) and {"cite", "link", "rows_backed"} <= set(refs.columns)


def test_the_exception_is_one_type_everywhere():
    assert tables.DataError is explainer.DataError
    assert issubclass(explainer.DataError, Exception)
    assert explainer.DISCLAIMER.startswith("Educational material, not medical advice")


def test_a_broken_copy_raises_data_error_naming_table_line_field_value_and_expectation(data_copy):
    set_cell(data_copy, "side_effects", 2, "frequency_pct", "lots")
    with pytest.raises(explainer.DataError) as raised:
        explainer.load(data_copy)
    expected = "data/side_effects.csv, line 4, field 'frequency_pct': value 'lots' — expected a number"
    assert str(raised.value) == expected
    assert [(p.table, p.line, p.field, p.value) for p in raised.value.problems] == [
        ("side_effects", 4, "frequency_pct", "lots")]
    assert explainer.table("side_effects")["frequency_pct"].notna().any()  # a failed load changes nothing


def test_every_problem_is_in_the_message(data_copy):
    set_cell(data_copy, "side_effects", 2, "frequency_pct", "lots")
    set_cell(data_copy, "routes", 0, "bioavailability_pct_low", "150")
    with pytest.raises(explainer.DataError) as raised:
        explainer.load(data_copy, strict=True)
    message = str(raised.value)
    assert "data/side_effects.csv, line 4, field 'frequency_pct': value 'lots'" in message
    assert "data/routes.csv, line 2, field 'bioavailability_pct_low': value '150' — expected a value of at most 100" \
        in message
    assert len(raised.value.problems) == 2


def test_non_strict_load_serves_the_tables_that_passed(data_copy):
    set_cell(data_copy, "side_effects", 2, "frequency_pct", "lots")
    pkg = explainer.load(data_copy, strict=False)
    assert pkg.problems and pkg.data_dir == data_copy.resolve()
    assert len(explainer.table("onset")) > 0
    assert len(explainer.figure("history").data) > 0
    with pytest.raises(explainer.DataError, match=r"data/side_effects\.csv, line 4, field 'frequency_pct'"):
        explainer.table("side_effects")
    for call in (explainer.figure, explainer.takeaway, explainer.alt_text, explainer.rows, explainer.sources):
        with pytest.raises(explainer.DataError, match="side_effects.csv, line 4"):
            call("safety")


def test_the_readme_example_runs(capsys):
    text = (ROOT / "README.md").read_text(encoding="utf-8").split("## Use the data in Python", 1)[1]
    example = text.split("```python\n", 1)[1].split("```", 1)[0]
    assert len(example.strip().splitlines()) == 5
    exec(compile(example, "README.md", "exec"), {})
    assert explainer.takeaway("onset") in capsys.readouterr().out
