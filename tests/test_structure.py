"""The structure keeps its promises: one registry of pages that the README, navigation and
pages agree with; pages read exactly the tables they declare; the layout's import rules hold."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap

import pytest

from explainer import registry
from tests.conftest import ROOT


def readme_pages() -> list[tuple[str, str]]:
    """(path, question) rows of the README's page table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("## Pages", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(/[^`]*)` \| (.+?) \|$", table, flags=re.M)


def test_readme_page_table_matches_the_registry():
    assert readme_pages() == [(p.url, p.question) for p in registry.PAGES]


def test_every_page_has_its_script_and_every_script_a_page():
    scripts = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
    assert scripts == sorted(p.name + ".py" for p in registry.PAGES)


def subscripts_of(tree: ast.AST, name: str) -> set[str]:
    """Constant keys a variable is subscripted with (t["onset"] -> {"onset"})."""
    return {n.slice.value for n in ast.walk(tree)
            if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == name
            and isinstance(n.slice, ast.Constant)}


def first_param_reads(fn, depth: int = 1) -> set[str]:
    """Tables a function of the tables subscripts its first parameter with, and (`depth` levels down)
    those of the module functions it hands that parameter to."""
    fn_tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    first = fn_tree.body[0].args.args[0].arg
    names = subscripts_of(fn_tree, first)
    if depth:
        for n in ast.walk(fn_tree):
            if (isinstance(n, ast.Call) and n.args and isinstance(n.args[0], ast.Name) and n.args[0].id == first
                    and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)):
                if n.func.value.id.isupper():  # a chart's own method: its declared tables count
                    continue
                module = importlib.import_module(f"explainer.{n.func.value.id}")
                names |= first_param_reads(getattr(module, n.func.attr), depth - 1)
            elif (isinstance(n, ast.Call) and n.args and isinstance(n.args[0], ast.Name) and n.args[0].id == first
                    and isinstance(n.func, ast.Name) and n.func.id in fn.__globals__):
                names |= first_param_reads(fn.__globals__[n.func.id], depth - 1)
    return names


def sections_drawn_by(script: str) -> list[str]:
    """The section keys a page script draws: ui.section(PAGE, "key", ...)."""
    tree = ast.parse((ROOT / script).read_text(encoding="utf-8"))
    return [n.args[1].value for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("section", "block")
            and isinstance(n.func.value, ast.Name) and n.func.value.id in ("ui", "registry")
            and len(n.args) > 1 and isinstance(n.args[1], ast.Constant)]


def tables_read_by(script: str, page: registry.Page | None = None) -> set[str]:
    """Tables a page script reads: its own t["..."], those of the functions of the tables it computes
    through ui.computed (their first parameter subscripted), one level deep, and those its sections read."""
    tree = ast.parse((ROOT / script).read_text(encoding="utf-8"))
    names = subscripts_of(tree, "t")
    for n in ast.walk(tree):
        if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "computed"
                and n.args and isinstance(n.args[0], ast.Attribute) and isinstance(n.args[0].value, ast.Name)):
            fn = getattr(importlib.import_module(f"explainer.{n.args[0].value.id}"), n.args[0].attr)
            names |= first_param_reads(fn, depth=0)
    for key in sections_drawn_by(script) if page else ():
        block = page.section(key).block
        if block is not None:
            names |= first_param_reads(block)
    return names


def charts_shown_by(script: str) -> set[str]:
    """The charts a page script shows: registry.chart("key"), or all the page's when it walks PAGE.charts."""
    tree = ast.parse((ROOT / script).read_text(encoding="utf-8"))
    keys = {n.args[0].value for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "chart"
            and isinstance(n.func.value, ast.Name) and n.func.value.id == "registry"
            and n.args and isinstance(n.args[0], ast.Constant)}
    if any(isinstance(n, ast.For) and isinstance(n.iter, ast.Attribute) and n.iter.attr == "charts"
           for n in ast.walk(tree)):
        name = script.removeprefix("pages/").removesuffix(".py")
        keys |= {c.key for c in registry.page(name).charts}
    return keys


WHOLE_PACKAGE = {"sources", "present"}  # read every table: rows backed per source; the deck of every chart


@pytest.mark.parametrize("page", [p for p in registry.PAGES if p.name not in WHOLE_PACKAGE], ids=lambda p: p.name)
def test_a_page_requires_exactly_the_tables_it_reads(page):
    """A table a page declares but never reads would blank the page when that table breaks, for nothing."""
    charts = [registry.chart(k) for k in charts_shown_by(page.script)]
    read = tables_read_by(page.script, page) | {t for c in charts for t in c.tables} | {"sources"}
    assert set(page.tables) == read, (sorted(set(page.tables) - read), sorted(read - set(page.tables)))


@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.name)
def test_a_page_shows_the_charts_it_declares(page):
    assert {c.key for c in page.charts} <= charts_shown_by(page.script)


def test_chart_keys_and_paths_are_unique():
    keys = [c.key for _, c in registry.chart_pages()]
    paths = [p.path for p in registry.PAGES]
    assert len(set(keys)) == len(keys) and len(set(paths)) == len(paths)


def test_a_charts_selection_takes_exactly_its_filters_each_with_a_default():
    """Slides and exports draw a chart in its default view: `select` names every filter, in order, with a
    default, and nothing else (the view a page passes cannot name a parameter the chart lacks)."""
    for _, c in registry.chart_pages():
        params = list(inspect.signature(c.select).parameters.values())[1:]  # after the tables
        assert [p.name for p in params] == [f.name for f in c.filters], c.key
        assert all(p.default is not inspect.Parameter.empty and p.kind is p.POSITIONAL_OR_KEYWORD for p in params)


def imports_of(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Import):
            out |= {a.name for a in n.names}
        elif isinstance(n, ast.ImportFrom) and n.module:
            out.add(n.module)
            out |= {f"{n.module}.{a.name}" for a in n.names}
    return out


def test_chart_builders_and_descriptions_never_import_streamlit():
    pure = list((ROOT / "explainer" / "charts").glob("*.py")) + [
        ROOT / "explainer" / f"{m}.py" for m in ("describe", "derive", "fmt", "cells", "terms", "registry", "tables",
                                                 "checks", "citations", "export", "theme", "pkmodel", "memo", "deck",
                                                 "static_site", "static_html", "notebook", "__init__", "cards",
                                                 "declarations", "filters", "params", "sections", "headlines")]
    for path in pure:
        assert not any(i.startswith("streamlit") for i in imports_of(path)), path.name


def test_descriptions_do_not_import_chart_modules():
    assert not any(i.startswith("explainer.charts") for i in imports_of(ROOT / "explainer" / "describe.py"))


def test_only_the_table_loader_reads_data_files():
    for path in (ROOT / "explainer").rglob("*.py"):
        if path.name in ("tables.py", "checks.py", "export.py"):  # load, validate (Frictionless), zip the package
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"read_csv\(|\.read_text\(|\.read_bytes\(|\bopen\(", text), path.name


def test_pages_never_import_each_other():
    for path in (ROOT / "pages").glob("*.py"):
        assert not any(i.startswith("pages") for i in imports_of(path)), path.name


def test_tests_import_helpers_only_from_conftest_and_harness():
    for path in (ROOT / "tests").rglob("test_*.py"):
        for i in imports_of(path):
            assert not i.startswith("bench"), (path.name, i)
            assert not re.match(r"tests(\.e2e)?\.test_", i), (path.name, i)


def test_no_import_cycle_between_loader_and_rules():
    assert not any(i.startswith("explainer.tables") for i in imports_of(ROOT / "explainer" / "checks.py"))


def test_every_field_has_a_description_and_every_number_a_unit(pkg):
    missing = [(r["name"], f["name"], what) for r in pkg.descriptor["resources"] for f in r["schema"]["fields"]
               for what, absent in (("description", not f.get("description")),
                                    ("unit", f.get("type") in ("number", "integer") and not f.get("unit")))
               if absent]
    assert missing == []


def test_every_row_a_claim_points_to_gets_a_link_to_the_page_that_draws_it():
    from explainer import tables
    from explainer.cells import split_ids

    t = tables.load().tables
    refs = {ref for cell in t["claims"]["related_rows"] for ref in split_ids(cell)}
    links = registry.related_row_links(t)
    drawn = {ref for ref in refs if registry.page_showing(ref.partition(":")[0])}
    assert set(links) == drawn and drawn  # every reference into a drawn table (the validator: each names a row)
    for ref, (label, url) in links.items():
        page = registry.page_showing(ref.partition(":")[0])
        assert url.split("?")[0] == (page.path or ".") and label
    repeated = [url for ref, (_, url) in links.items() if ref.startswith("onset:") and "regimen=" in url]
    assert repeated and all(url.endswith("?regimen=repeated+doses") for url in repeated)  # the "70 %" course
    assert registry.related_row_links({k: v for k, v in t.items() if k != "claims"}) == {}
