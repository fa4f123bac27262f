"""Exports: references as BibTeX and RIS, and the whole data package as a ZIP.

Citation formats are written by maintained libraries (bibtexparser, rispy) so
escaping and field syntax follow the formats, not hand-written string joins.
"""

from __future__ import annotations

import functools
import io
import math
import zipfile
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from explainer import citations

BIBTEX_TYPE = {"trial": "article", "meta-analysis": "article", "review": "article", "history": "article",
               "reference": "article", "label": "misc", "guideline": "article", "web": "misc"}
RIS_TYPE = {"trial": "JOUR", "meta-analysis": "JOUR", "review": "JOUR", "history": "JOUR", "reference": "JOUR",
            "label": "GEN", "guideline": "JOUR", "web": "ELEC"}


def _value(row: dict, field: str) -> str | None:
    v = row.get(field)
    return None if v is None or pd.isna(v) or str(v) == "" else str(v)


def _tex(text: object) -> str:
    """Text safe in a braced BibTeX field: LaTeX specials and braces escaped (a stray brace
    would close the field and let the rest of a cell be read as new fields), one line."""
    out = _line(text).replace("\\", "")
    for ch in "&%#{}":
        out = out.replace(ch, "\\" + ch)
    return out


def _line(text: object) -> str:
    """Text on one line: a line break in an RIS value would start a new tag."""
    return " ".join(str(text).split())


def _authors(row: dict) -> list[str]:
    """Authors as listed ('et al.' dropped: the format has no such person)."""
    names = [a.strip() for a in str(row["authors"]).split(",")]
    return [n for n in names if n and n.lower() not in ("et al.", "et al")]


def person(name: str) -> str | None:
    """'Zarate CA Jr' -> 'Zarate, Jr, C. A.': a person as both formats want a name (last name first, a
    comma before the given names), or None for an organisation (no trailing initials).

    Written as listed ('Zarate CA'), BibTeX would take the initials for the last name.
    """
    words = name.split()
    suffix = words.pop() if len(words) > 2 and words[-1] in ("Jr", "Jr.") else ""
    if len(words) < 2 or not (citations.INITIALS.match(words[-1]) and words[-1].isupper()):
        return None
    given = " ".join(f"{c}." for c in words[-1])
    return ", ".join(part for part in (" ".join(words[:-1]), suffix, given) if part)


def bibtex(sources: pd.DataFrame) -> str:
    """All sources as a BibTeX file, keyed by source_id."""
    import bibtexparser
    from bibtexparser.model import Entry, Field

    lib = bibtexparser.Library()
    for row in sources.to_dict("records"):
        # a person as 'Last, F.'; an organisation braced, so BibTeX neither splits it at "and" nor into names
        author = " and ".join(_tex(p) if (p := person(a)) else "{" + _tex(a) + "}" for a in _authors(row))
        fields = [Field("author", author), Field("title", "{" + _tex(row["title"]) + "}"),
                  Field("year", str(row["year"]))]
        venue = "journal" if BIBTEX_TYPE[row["kind"]] == "article" else "howpublished"
        fields.append(Field(venue, _tex(row["venue"])))
        for name in ("doi", "pmid", "url"):
            if _value(row, name):
                fields.append(Field(name, _value(row, name)))
        lib.add(Entry(BIBTEX_TYPE[row["kind"]], row["source_id"], fields))
    return bibtexparser.write_string(lib)


def ris(sources: pd.DataFrame) -> str:
    """All sources as an RIS file (one record per source)."""
    import rispy

    records = []
    for row in sources.to_dict("records"):
        rec = {"type_of_reference": RIS_TYPE[row["kind"]], "id": row["source_id"],
               "authors": [_line(person(a) or a) for a in _authors(row)], "title": _line(row["title"]),
               "year": str(row["year"]),
               "journal_name": _line(row["venue"])}
        if _value(row, "doi"):
            rec["doi"] = _value(row, "doi")
        link = citations.link(row)
        if link:
            rec["urls"] = [link]
        if _value(row, "pmid"):
            rec["notes"] = [f"PMID: {_value(row, 'pmid')}"]
        records.append(rec)
    return rispy.dumps(records)


def data_zip(data_dir: Path) -> bytes:
    """The data package (CSV tables, datapackage.json, README, seed article) as one ZIP."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(data_dir.rglob("*")):
            if path.is_file():
                z.write(path, Path("ketamine-explained-data") / path.relative_to(data_dir))
    return buf.getvalue()


@functools.lru_cache(maxsize=1)
def notebook_file() -> bytes:
    """The data notebook as committed (no outputs: it runs on the reader's copy of the package)."""
    from explainer import notebook

    return notebook.NOTEBOOK.read_bytes()


# --- static images -------------------------------------------------------------------------
# pragma: no mutate start (images are rendered by kaleido, which starts Chromium: checked by the slow export tests)

def for_export(fig: go.Figure) -> go.Figure:
    """A copy of the figure on the light export layout (no app theme surrounds a file). The copy only
    reads the figure: it may be one every session shares (see memo.copy_figure)."""
    from explainer import memo, theme

    out = memo.copy_figure(fig)
    out.update_layout(**theme.export_template())
    return out


def image(fig: go.Figure, fmt: str = "png", width: int | None = None, height: int | None = None,
          scale: float = 2) -> bytes:
    """PNG or SVG bytes of a figure via kaleido (it drives the system Chromium)."""
    from explainer import theme

    return for_export(fig).to_image(format=fmt, width=width or theme.SLIDE_WIDTH,
                                    height=height or theme.SLIDE_HEIGHT, scale=scale if fmt == "png" else 1)


def images(jobs: list[tuple[go.Figure, Path, tuple[int, int], bool]]) -> None:
    """Image files (format from the extension) of several figures on the export layout, rendered in
    one kaleido session: (figure, path, (width, height), fit). With `fit`, a figure taller than the
    size is laid out on a larger canvas and scaled down to exactly that size, so its labels keep
    their spacing instead of overlapping (link previews); without, it is drawn at that size."""
    import plotly.io as pio

    widths, heights, scales = [], [], []
    for fig, _, (width, height), fit in jobs:
        unit = math.gcd(width, height)  # canvases in whole multiples of the aspect ratio scale back exactly
        step = max(unit, math.ceil(unit * (fig.layout.height or height) / height)) if fit else unit
        widths.append(width // unit * step)
        heights.append(height // unit * step)
        scales.append(unit / step)
    pio.write_images([for_export(f) for f, *_ in jobs], [str(p) for _, p, *_ in jobs], width=widths, height=heights,
                     scale=scales)


def pngs(figures: list[go.Figure], width: int, height: int, scale: float = 2) -> list[bytes]:
    """PNG bytes of several figures at one size on the export layout, rendered in one kaleido session
    (a deck's charts: one browser start instead of one per chart)."""
    import tempfile

    import plotly.io as pio

    if not figures:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / f"{n}.png" for n in range(len(figures))]
        pio.write_images([for_export(f) for f in figures], [str(p) for p in paths], width=width, height=height,
                         scale=scale)
        return [p.read_bytes() for p in paths]


# --- offline handout -----------------------------------------------------------------------

HANDOUT_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;max-width:1100px;
margin:2rem auto;padding:0 1rem;color:#1f2328;line-height:1.5}
h1{font-size:2.2rem;margin-bottom:.2rem}h2{font-size:1.6rem;margin-top:2.5rem}
.takeaway{font-size:1.25rem;font-weight:600}.lead{font-weight:600}.caption,.alt{color:#57606a;font-size:.95rem}
.disclaimer{border-left:4px solid #D55E00;padding:.5rem 1rem;background:#fff4ec}
.chart{border:1px solid #d0d7de;border-radius:6px;margin:1rem 0}
ol.refs li{margin:.3rem 0}a{color:#0550ae}
.note{border-left:4px solid #0072b2;background:#eef6fb;padding:.5rem 1rem}
.claim{border:1px solid #d0d7de;border-radius:6px;padding:.2rem 1rem;margin:1rem 0}
.verdict{display:inline-block;font-weight:700;border-radius:4px;padding:0 .5rem;background:#eef1f4}
table.rows{border-collapse:collapse}table.rows th,table.rows td{border-bottom:1px solid #d0d7de;padding:.3rem .8rem;
text-align:left}
"""


# pragma: no mutate end


def handout_html(pkg, disclaimer: str, url: str = "") -> str:
    """One self-contained HTML file: every chart interactive, plotly.js inlined once, no external loads."""
    from plotly.offline import get_plotlyjs

    from explainer import registry, static_html
    from explainer.static_html import esc

    sources, t = pkg.tables["sources"], pkg.tables
    links = citations.with_cites(sources)
    cites = {sid: (c, u) for sid, c, u in zip(links["source_id"], links["cite"], links["link"])}
    parts = []
    shown = set()
    for page, chart in registry.available(pkg):
        card = chart.card(t)
        fig = for_export(card.figure)
        fig.update_layout(height=fig.layout.height or 480)
        div = fig.to_html(full_html=False, include_plotlyjs=False, include_mathjax=False, div_id=f"chart-{chart.key}",
                          config=card.config)
        figure = (f'<figure class="chart" role="img" aria-label="{esc(card.alt)}">{div}</figure>'
                  f'<p class="alt"><strong>Chart description:</strong> {esc(card.alt)}</p>')
        parts.append(static_html.card(card, figure, heading=card.title))
        if page.name not in shown and page.charts[-1] is chart and not pkg.problems_for(*page.tables):
            shown.add(page.name)  # the page's sections that are not charts, after its last chart
            parts += [static_html.block(s.content(t), cites, anchor=s.key) for s in page.sections if s.block]
    refs = "".join(f'<li id="ref-{esc(r.source_id)}">{esc(str(r.authors))} ({r.year}). '
                   f'{esc(str(r.title))}. <em>{esc(str(r.venue))}</em>. '
                   f'<a href="{esc(r.link)}">{esc(r.link)}</a></li>'
                   for r in citations.with_cites(sources).itertuples())
    origin = f'<p class="caption">Interactive version: {esc(url)}</p>' if url else ""
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>Ketamine, Explained: handout</title>"
            f"<style>{HANDOUT_CSS}</style><script>{get_plotlyjs()}</script></head><body>"
            "<h1>Ketamine, Explained</h1>"
            f'<p class="disclaimer">{esc(disclaimer)}</p>{origin}'
            + "".join(parts)
            + f'<h2 id="references">References ({len(sources)})</h2><ol class="refs">{refs}</ol></body></html>')



# --- the Sources page's files, as functions of the tables (shared per data version) --------

def reference_listing(t) -> pd.DataFrame:
    """Every source with its short cite, link and how many fact rows cite it."""
    from explainer import derive

    backed = derive.rows_backed(t)
    out = citations.with_cites(t["sources"])
    out["rows_backed"] = out["source_id"].map(backed).fillna(0).astype(int)
    return out


def reference_files(t) -> dict[str, bytes]:
    """The reference list as BibTeX, RIS and CSV bytes."""
    sources = t["sources"]
    return {"bib": bibtex(sources).encode("utf-8"), "ris": ris(sources).encode("utf-8"),
            "csv": sources.to_csv(index=False).encode("utf-8")}


def package_zip(pkg) -> bytes:
    """The loaded data package as a ZIP (the folder its tables were read from)."""
    return data_zip(pkg.data_dir)
