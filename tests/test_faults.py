"""Untrusted input: hostile data text, garbage URLs, and the server settings of a public deploy."""

from __future__ import annotations

import json
import re
import tomllib

import pytest

from explainer import tables
from tests.conftest import ROOT, set_cell
from tests.test_pages import CHARTS, figures, run_page

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": '<img src=x onerror="alert(1)">',
    "link": "[click me](javascript:alert(1))",
    "latex": "$\\frac{1}{0}$ **bold** # heading",
}
RAW = re.compile(r"(?<!\\)<(script|img)|(?<!\\)\]\(javascript:")  # unescaped HTML tag or Markdown link


def live(markdown: str) -> bool:
    """True when the Markdown source still holds an unescaped tag or javascript: link."""
    return bool(RAW.search(markdown))


GARBAGE = ["", "%00", "x" * 10_000, "../../../../etc/passwd", "ケタミン", "1;DROP TABLE", "<b>x</b>"]


def test_public_deploy_settings():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"]["enableCORS"] is True  # cross-origin requests are not allowed
    assert cfg["server"]["enableStaticServing"] is False
    assert cfg["server"]["maxUploadSize"] <= 1
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["client"]["showErrorDetails"] == "none"


@pytest.mark.parametrize("kind,text", HOSTILE.items())
def test_hostile_text_is_inert_on_the_page(data_copy, kind, text):
    set_cell(data_copy, "timeline", 0, "title", text)
    set_cell(data_copy, "timeline", 0, "detail", text)
    at = run_page("history", data_dir=data_copy)
    assert not at.exception
    rendered = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert not live(rendered)
    spec = json.dumps(figures(at)[0])
    assert "<script>" not in spec and "<img" not in spec and "onerror=\\\"" not in spec


def test_hostile_text_in_a_claim_card(data_copy):
    set_cell(data_copy, "claims", 0, "what_evidence_says", HOSTILE["link"] + HOSTILE["script"])
    at = run_page("claims", data_dir=data_copy)
    assert not at.exception
    rendered = " ".join(m.value for m in at.markdown)
    assert not live(rendered)


def test_javascript_url_in_sources_is_rejected(data_copy):
    set_cell(data_copy, "sources", 0, "url", "javascript:alert(1)")
    messages = [str(p) for p in tables.read_package(data_copy).problems]
    assert any("data/sources.csv, line 2, field 'url'" in m and "pattern" in m for m in messages), messages


@pytest.mark.parametrize("page", [p for p in CHARTS if p != "overview"])
@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_params_on_every_page(page, value):
    params = {k: value for k in ("measure", "view", "group", "category", "product", "verdict", "step", "q", "slide")}
    at = run_page(page, params)
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) >= (1 if CHARTS[page] else 0)
