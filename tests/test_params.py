"""Values from strangers, at their edges: every URL parameter parses to a valid value, every data text renders inert.

Property-based: Hypothesis generates case and whitespace variants of valid values, unicode, markup,
empty and huge strings, and numbers around each boundary. Runs are derandomised so a result
repeats from one run to the next.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from explainer import state, ui
from tests.conftest import DATA, run_page, trial_arms

PROPERTY = settings(deadline=None, derandomize=True, database=None, max_examples=300)
RESOURCES = json.loads((DATA / "datapackage.json").read_text("utf-8"))["resources"]
ENUMS = [tuple(f["constraints"]["enum"]) for r in RESOURCES
         for f in r["schema"]["fields"] if "enum" in f.get("constraints", {})]
VIEW_CHOICES = [("response", "remission"), ("absolute", "placebo-subtracted")]
CHOICE_SETS = st.sampled_from(ENUMS + VIEW_CHOICES)
SPACE = st.text(alphabet=" \t\n\r\u00a0\u2003\u3000", max_size=4)
MARKUP = "\\`*_{}[]()#+-.!|<>$~:&;=\"'/@^%\n\r\t 09aZ"
HUGE = (st.integers(min_value=1_000, max_value=200_000).map(lambda n: ("x" * n, "9" * n, "é," * n))
        .flatmap(st.sampled_from))
JUNK = st.one_of(st.none(), st.just(""), st.text(), st.text(alphabet=MARKUP), HUGE,
                 st.sampled_from(["ケタミン", "réponse", "%00", "\x00", "../../etc/passwd", "<script>alert(1)</script>",
                                  "a`b", "x\r\r[l](http://e.vil)", "\u202egnp.exe"]))
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])  # CommonMark plus the GFM st.markdown adds


@st.composite
def variant(draw: st.DrawFn, value: str) -> str:
    """`value` with random letter case, surrounding whitespace and doubled inner spaces: a near miss."""
    flips = draw(st.lists(st.booleans(), min_size=len(value), max_size=len(value)))
    cased = "".join(c.upper() if flip else c for c, flip in zip(value, flips, strict=True))
    inner = cased.replace(" ", draw(st.sampled_from([" ", "  ", " \t"])))
    return draw(SPACE) + inner + draw(SPACE)


def folded(text: str) -> str:
    """Case-folded with whitespace trimmed and collapsed: two spellings of one value fold alike."""
    return " ".join(text.split()).casefold()


def render(markdown: str) -> str:
    """CommonMark HTML of `markdown` without the paragraph around it."""
    out = MD.render(markdown).strip()
    return out.removeprefix("<p>").removesuffix("</p>")


def tags(rendered: str) -> set[str]:
    return {m.lower() for m in re.findall(r"</?([A-Za-z][A-Za-z0-9]*)", rendered)}


def as_text(text: str) -> str:
    """How a CommonMark renderer writes plain text into HTML."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def assert_inert_notice(notice: str, template: str) -> None:
    """The notice is one paragraph whose only markup is code spans, and outside them reads `template`."""
    rendered = render(notice)
    assert tags(rendered) <= {"code"}, rendered
    assert re.sub(r"<code>[^<]*</code>", "", rendered) == as_text(template), rendered


# --- Choice ------------------------------------------------------------------------------------------

@PROPERTY
@given(choices=CHOICE_SETS, data=st.data())
def test_choice_takes_a_near_miss_as_the_canonical_value(choices, data):
    value = data.draw(st.sampled_from(choices))
    raw = data.draw(variant(value))
    assert state.Choice("p", choices, choices[-1]).parse(raw) == (value, None)


@PROPERTY
@given(choices=CHOICE_SETS, raw=JUNK)
@example(choices=("response", "remission"), raw="Remission")
@example(choices=("response", "remission"), raw=" remission")
def test_choice_yields_a_member_or_the_default_with_a_notice(choices, raw):
    param = state.Choice("p", choices, choices[0])
    value, notice = param.parse(raw)
    assert value in choices
    named = [c for c in choices if folded(c) == folded(raw or "")]
    if not folded(raw or ""):
        assert (value, notice) == (param.default, None)
    elif named:
        assert (value, notice) == (named[0], None)
    else:
        assert value == param.default and notice
        assert_inert_notice(notice, f"Ignored : expected one of {', '.join(choices)}.")


# --- MultiChoice --------------------------------------------------------------------------------------

@PROPERTY
@given(choices=CHOICE_SETS, data=st.data())
def test_multichoice_takes_near_misses_each_once(choices, data):
    picked = data.draw(st.lists(st.sampled_from(choices), min_size=1, max_size=6))
    raw = ",".join(data.draw(variant(p)) for p in picked)
    values, notice = state.MultiChoice("p", choices).parse(raw)
    assert notice is None
    assert values == list(dict.fromkeys(picked))  # in the link's order, a repeat dropped


@PROPERTY
@given(choices=CHOICE_SETS, raw=st.one_of(JUNK, st.lists(JUNK.filter(bool), max_size=4).map(",".join)))
@example(choices=("pain", "mood"), raw="[phish](https://e.vil)")
def test_multichoice_yields_distinct_members_or_all_with_a_notice(choices, raw):
    values, notice = state.MultiChoice("p", choices).parse(raw)
    assert values and set(values) <= set(choices) and len(values) == len(set(values))
    parts = [p for p in (raw or "")[: state.MAX_VALUE_LENGTH * 4].split(",") if p.strip()]
    unknown = [p for p in parts if folded(p) not in {folded(c) for c in choices}]
    assert bool(notice) == bool(unknown)
    if not parts or len(unknown) == len(parts):
        assert values == list(choices)
    if notice:
        assert_inert_notice(notice, f"Ignored  value(s) {', ' * (min(len(unknown), 3) - 1)}: "
                                    f"expected any of {', '.join(choices)}.")


# --- Number (slides, mechanism steps) ----------------------------------------------------------------

COUNTS = st.integers(min_value=1, max_value=40)


def numbers_around(count: int) -> st.SearchStrategy[str]:
    """0, 1, last, last+1, negatives, leading zeros, padding, huge, unicode digits, decimals, words."""
    edges = st.sampled_from([0, 1, count, count + 1, -1, -count, 10**12, 10**13]).map(str)
    padded = (st.tuples(SPACE, st.integers(min_value=-5, max_value=count + 5), SPACE)
              .map(lambda t: f"{t[0]}{t[1]}{t[2]}"))
    zeros = st.integers(min_value=0, max_value=count + 1).map(lambda n: f"00{n}")
    odd = st.sampled_from(["²", "٣", "３", "1²", "1.0", "1e1", "+1", "0x1", "½", "1_0", "one", "NaN", "-0", "9" * 5000])
    return st.one_of(edges, padded, zeros, odd, JUNK)


@PROPERTY
@given(count=COUNTS, data=st.data())
def test_number_yields_an_allowed_number_or_the_default_with_a_notice(count, data):
    raw = data.draw(numbers_around(count))
    param = state.Number("slide", tuple(range(1, count + 1)), 1)
    value, notice = param.parse(raw)
    assert 1 <= value <= count
    text = (raw or "").strip()
    if not text:
        assert (value, notice) == (1, None)
    elif text.isascii() and text.isdigit() and len(text) <= 12 and 1 <= int(text) <= count:
        assert (value, notice) == (int(text), None)
    else:
        assert value == 1 and notice
        assert_inert_notice(notice, f"Ignored : expected a whole number from 1 to {count}.")


@PROPERTY
@given(allowed=st.lists(st.integers(min_value=1, max_value=30), min_size=1, unique=True), data=st.data())
def test_number_with_gaps_names_each_allowed_value(allowed, data):
    raw = data.draw(numbers_around(max(allowed)))
    param = state.Number("step", tuple(allowed), allowed[-1])
    value, notice = param.parse(raw)
    assert value in allowed
    if notice and sorted(allowed) != list(range(min(allowed), max(allowed) + 1)):
        assert notice.endswith("one of " + ", ".join(map(str, allowed)) + ".")


# --- Text (search box) --------------------------------------------------------------------------------

@PROPERTY
@given(raw=JUNK, limit=st.integers(min_value=1, max_value=300))
def test_text_is_cut_to_its_limit_with_a_notice(raw, limit):
    value, notice = state.Text("q", limit).parse(raw)
    clean = re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", raw or "").strip()
    assert len(value) <= limit and value == clean[:limit]
    assert bool(notice) == (len(clean) > limit)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", value)


# --- Markdown: data text through ui.inert ---------------------------------------------------------------

SNIPPETS = ["[a](http://x.y)", "![i](x.png)", "<script>alert(1)</script>", "<b>", "**b**", "__u__", "_i_", "`c`",
            "```", "~~s~~", "$x^2$", "$$", "\\(x\\)", ":material/home:", ":red[x]", ":smile:", "# h", "- ", "1. ",
            "2) ",
            "> ", "    ", "\t", "\n", "\r\n", "\n\n", "&amp;", "&#60;", "&lt;", "<http://x.y>", "| a | b |\n|---|---|",
            "---", "===", "[^1]", "[r]: http://x.y", "\\", "www.x.com", "a@b.co", "  \n", "\x00", "\u00a0", "é", "ケ"]
TEXTS = st.one_of(st.text(), st.text(alphabet=MARKUP), st.lists(st.sampled_from(SNIPPETS + list(MARKUP))).map("".join))


def shown(text: str) -> str:
    """What a reader should see: the text itself, runs of blanks as one space, no blanks at the ends."""
    return re.sub(r"[\x00-\x20\x7f]+", " ", text).strip()


@PROPERTY
@given(text=TEXTS)
@example(text="    indented like code")
@example(text="&lt;script&gt;")
def test_inert_renders_as_the_text_itself(text):
    assert render(ui.inert(text)) == as_text(shown(text))


@PROPERTY
@given(text=TEXTS.filter(lambda t: shown(t)))
@example(text=" padded ")
def test_inert_inside_a_callers_bold_stays_bold(text):
    assert render(f"**{ui.inert(text)}**") == f"<strong>{as_text(shown(text))}</strong>"


@PROPERTY
@given(text=TEXTS)
def test_inert_escapes_latex_and_streamlit_directives(text):
    """`$` would start LaTeX and `:` a :material/icon: or :color[text] directive in st.markdown."""
    out = ui.inert(text)
    for match in re.finditer(r"[$:]", out):
        backslashes = len(out[: match.start()]) - len(out[: match.start()].rstrip("\\"))
        assert backslashes % 2 == 1, (out, match.start())


# --- through the app: a near miss reaches the widget as the canonical value --------------------------

@pytest.mark.slow
@pytest.mark.parametrize("raw", ["Remission", " remission", "REMISSION\t"])
def test_onset_near_miss_shows_the_canonical_view(raw):
    at = run_page("onset", {"measure": raw})
    assert not at.exception
    assert "meeting remission" in trial_arms(at)["layout"]["yaxis"]["title"]["text"]
    assert not any("Ignored" in c.value for c in at.caption)


@pytest.mark.slow
def test_repeated_group_in_the_link_is_one_pick():
    at = run_page("conditions", {"group": "Pain, pain,PAIN"})
    assert not at.exception and not any("Ignored" in c.value for c in at.caption)
    assert at.get("button_group")[0].value == ["pain"]


@pytest.mark.slow
@pytest.mark.parametrize("raw", ["²", "9" * 5000, "-1", " 2 "])
def test_present_odd_slide_numbers_do_not_break_the_page(raw):
    at = run_page("present", {"slide": raw})
    assert not at.exception, at.exception
    expected = 2 if raw.strip() == "2" else 1
    assert any(f"Slide {expected} of" in (p.proto.text or "") for p in at.get("progress"))
