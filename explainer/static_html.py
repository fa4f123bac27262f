"""HTML of the static mirror's pages: light, system fonts, no external CSS or JS, every data string escaped.

Each function returns an HTML fragment; :func:`document` wraps a page's fragments with the head
(description, Open Graph and Twitter meta), the navigation and the footer. Text from the data goes
through :func:`esc`; a chart's spec is JSON in a ``<script type="application/json">`` block with
``<``, ``>`` and ``&`` written as ``\\u`` escapes, so no cell can close the block or open a tag.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

SITE_NAME = "Ketamine, Explained"
PLOTLY_FILE = "plotly-basic.min.js"  # the partial bundle: scatter and bar traces only
SOCIAL_IMAGE = "social.png"
SOCIAL_SIZE = (1200, 630)
TEMPLATE_ID = "plotly-template"  # the page's one copy of the charts' layout template
POSTER_WIDTH = 1066  # the main column's width on a desktop screen

CSS = """
:root{color-scheme:light}*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;
color:#1f2328;background:#fff;line-height:1.55;font-size:1rem}
a{color:#0550ae}a:focus-visible{outline:3px solid #0550ae;outline-offset:2px}
.skip{position:absolute;left:-10000px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.5rem;z-index:9}
header{background:#f6f8fa;border-bottom:1px solid #d0d7de}
nav{max-width:1100px;margin:0 auto;padding:.4rem 1rem;display:flex;flex-wrap:wrap;gap:0 1.1rem;align-items:center}
nav a{display:inline-block;padding:.45rem 0;text-decoration:none}nav a:hover{text-decoration:underline}
nav a[aria-current=page]{color:#1f2328;font-weight:700;border-bottom:3px solid #0550ae}
nav .home{font-weight:700;margin-right:.6rem}
main{max-width:1100px;margin:0 auto;padding:.5rem 1rem 2rem}
h1{font-size:2rem;line-height:1.25;margin:1.2rem 0 .6rem}h2{font-size:1.45rem;line-height:1.3;margin:2.6rem 0 .5rem}
h3{font-size:1.1rem;margin:1.4rem 0 .3rem}
.takeaway{font-size:1.2rem;font-weight:600}.lead{font-weight:600}
.disclaimer{border-left:4px solid #b34700;background:#fff4ec;padding:.5rem 1rem;margin:1rem 0}
.static{color:#4b535d;font-size:.95rem}
.chart{width:100%;border:1px solid #d0d7de;border-radius:6px;margin:.8rem 0 .4rem;overflow:hidden}
.chart img{display:block;width:100%;height:100%;object-fit:contain}
@media (max-width:640px){.chart[data-phone-spec]{height:var(--phone-height) !important}}
.alt,.caption,.files{color:#4b535d;font-size:.95rem;margin:.35rem 0}
.figures{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:1rem}
.figures li{border:1px solid #d0d7de;border-radius:6px;padding:.8rem 1rem}
.figures .value{display:block;font-size:1.7rem;font-weight:700}.figures .label{display:block;font-weight:600}
.figures .help{display:block;color:#4b535d;font-size:.9rem;margin-top:.3rem}
.pages li{margin:.4rem 0}
.claim{border:1px solid #d0d7de;border-radius:6px;padding:.2rem 1rem;margin:1rem 0}
.verdict{display:inline-block;font-weight:700;border-radius:4px;padding:0 .5rem;background:#eef1f4;color:#1f2328}
blockquote{margin:.6rem 0;padding-left:1rem;border-left:3px solid #d0d7de}
.refs li{margin:.45rem 0}.slide{border-top:2px solid #d0d7de;margin-top:2.5rem}
.slide .takeaway{font-size:1.35rem}
details{margin:.5rem 0}summary{cursor:pointer;color:#0550ae}
.note{border-left:4px solid #0072b2;background:#eef6fb;padding:.5rem 1rem}
table.rows{border-collapse:collapse;margin:.5rem 0}table.rows th,table.rows td{border-bottom:1px solid #d0d7de;
padding:.3rem .8rem;text-align:left}
footer{border-top:1px solid #d0d7de;background:#f6f8fa;color:#1f2328}
footer div{max-width:1100px;margin:0 auto;padding:1rem}
"""

# Each chart is first shown as its poster (an SVG of the same figure, rendered when the mirror is built);
# plotly.js is fetched on the reader's first interaction (pointer, touch, key or wheel) and then draws
# each chart, interactive, as it comes near the viewport. A reader who never interacts still sees every
# chart, and the page's first load runs no chart code. Posters not yet loaded are dropped at that point.
SITE_JS = """(function () {
  "use strict";
  var charts = Array.prototype.slice.call(document.querySelectorAll(".chart[data-spec]"));
  var plotly = document.currentScript.src.replace(/site\\.js(\\?.*)?$/, "PLOTLY_FILE");
  var events = ["pointermove", "pointerdown", "touchstart", "keydown", "wheel"];
  var started = false;
  function draw(el) {
    if (el.getAttribute("data-drawn")) return;
    el.setAttribute("data-drawn", "1");
    // a phone reads the chart laid out for a phone (the same query the app's layout switch asks)
    var phone = el.getAttribute("data-phone-spec") && window.matchMedia("(max-width: 640px)").matches;
    var id = phone ? el.getAttribute("data-phone-spec") : el.getAttribute("data-spec");
    var spec = JSON.parse(document.getElementById(id).textContent);
    spec.layout.template = JSON.parse(document.getElementById("TEMPLATE_ID").textContent);
    var poster = el.querySelector("img");
    if (poster) el.removeChild(poster);
    Plotly.newPlot(el, spec.data, spec.layout, spec.config);
  }
  function watch() {
    charts.forEach(function (el) {
      var poster = el.querySelector("img");
      if (poster && !poster.complete) el.removeChild(poster);
    });
    if (!("IntersectionObserver" in window)) { charts.forEach(draw); return; }
    var near = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { if (e.isIntersecting) { near.unobserve(e.target); draw(e.target); } });
    }, {rootMargin: "400px 0px"});
    charts.forEach(function (el) { near.observe(el); });
  }
  function start() {
    if (started) return;
    started = true;
    events.forEach(function (name) { window.removeEventListener(name, start); });
    var script = document.createElement("script");
    script.src = plotly;
    script.onload = watch;
    document.head.appendChild(script);
  }
  if (charts.length) events.forEach(function (name) { window.addEventListener(name, start, {passive: true}); });
})();
""".replace("PLOTLY_FILE", PLOTLY_FILE).replace("TEMPLATE_ID", TEMPLATE_ID)

FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" '
           'fill="#0072B2"/><path d="M9 8v16M9 16l10-8M12 14l9 10" stroke="#fff" stroke-width="3" fill="none" '
           'stroke-linecap="round"/></svg>')


def esc(text: object) -> str:
    """Text (from the data or the code) safe in HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def href(url: str) -> str:
    """An escaped link target; anything but http(s) becomes "#" (no javascript: or data: links)."""
    return esc(url) if re.match(r"^https?://", str(url)) else "#"


def json_block(element_id: str, value: object) -> str:
    """`value` as JSON in a script block that no string inside it can close."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    for ch, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                     ("\u2029", "\\u2029")):
        text = text.replace(ch, code)
    return f'<script type="application/json" id="{esc(element_id)}">{text}</script>'


@dataclass(frozen=True)
class Head:
    """What a page says about itself to browsers, search engines and link previews."""

    title: str          # the tab title
    description: str    # meta description and og:description
    og_title: str       # the page question
    image: str          # URL of the social preview (absolute when the mirror's address is known)
    image_alt: str
    url: str = ""       # absolute address of the page, when known


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str           # relative to the page
    current: bool


def document(head: Head, root: str, nav: Iterable[NavItem], body: str, footer: str, charts: bool = True) -> str:
    """A whole page. `root` is the relative path to the mirror's root ("" or "../"); a page with
    `charts` loads the mirror's script (which fetches plotly.js when the reader interacts)."""
    canonical = (f'<link rel="canonical" href="{href(head.url)}"><meta property="og:url" content="{href(head.url)}">'
                 if head.url else "")
    links = "".join(f'<a href="{esc(n.href)}"' + (' aria-current="page"' if n.current else "") + f">{esc(n.label)}</a>"
                    for n in nav)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(head.title)}</title>"
        f'<meta name="description" content="{esc(head.description)}">'
        f'{canonical}<meta property="og:type" content="website"><meta property="og:site_name" content="{SITE_NAME}">'
        f'<meta property="og:title" content="{esc(head.og_title)}">'
        f'<meta property="og:description" content="{esc(head.description)}">'
        f'<meta property="og:image" content="{esc(head.image)}">'
        f'<meta property="og:image:width" content="{SOCIAL_SIZE[0]}">'
        f'<meta property="og:image:height" content="{SOCIAL_SIZE[1]}">'
        f'<meta property="og:image:alt" content="{esc(head.image_alt)}">'
        '<meta name="twitter:card" content="summary_large_image">'
        f'<meta name="twitter:title" content="{esc(head.og_title)}">'
        f'<meta name="twitter:description" content="{esc(head.description)}">'
        f'<meta name="twitter:image" content="{esc(head.image)}">'
        f'<link rel="icon" href="{root}assets/favicon.svg" type="image/svg+xml">'
        f"<style>{CSS}</style>"
        + (f'<script defer src="{root}assets/site.js"></script>' if charts else "")
        + '</head><body><a class="skip" href="#main">Skip to the content</a>'
        f'<header><nav aria-label="Pages">{links}</nav></header>'
        f'<main id="main">{body}</main><footer><div>{footer}</div></footer></body></html>')


def header(question: str, takeaway: str, disclaimer: str, app_link: str) -> str:
    """The page's question, its computed takeaway, the disclaimer and where the interactive version is."""
    static = ("This is a static copy: every chart is interactive, filters and search are in the "
              f'<a href="{esc(app_link)}">interactive version</a>.' if app_link
              else "This is a static copy of the interactive explainer: each chart in its default view.")
    lead = f'<p class="takeaway">{esc(takeaway)}</p>' if takeaway else ""
    return (f"<h1>{esc(question)}</h1>{lead}<p class=\"disclaimer\">{esc(disclaimer)}</p>"
            f'<p class="static">{static}</p>')


def cite_links(cites: Iterable[tuple[str, str]], prefix: str = "Sources", more: int = 0, more_href: str = "") -> str:
    """A caption of short citations, each a link: [(cite, url)]."""
    parts = [f'<a href="{href(url)}">{esc(cite)}</a>' for cite, url in cites]
    tail = f' · and {more} more on <a href="{esc(more_href)}">the Sources page</a>' if more else ""
    return f'<p class="caption">{esc(prefix)}: {" · ".join(parts) or "none"}{tail}</p>'


def chart(key: str, spec: dict, height: int, alt: str, poster: str = "", eager: bool = False,
          phone: tuple[dict | None, int] | None = None, phone_id: str = "") -> str:
    """The chart's div (its height reserved, so nothing moves when it draws) holding its poster, its spec
    and its description. The first chart of a page loads its poster first; the others when near.
    With a `phone` (spec, height), a screen 640 px wide or narrower reserves that height and draws that spec
    (`phone_id`, its block; a spec of None: the block is already on the page, for another slide of the chart)."""
    phone_id = phone_id or f"spec-{key}-phone"
    load = 'fetchpriority="high"' if eager else 'loading="lazy"'
    img = (f'<img src="{esc(poster)}" alt="" width="{POSTER_WIDTH}" height="{int(height)}" {load} decoding="async">'
           if poster else "")
    size = f'style="height:{int(height) + 2}px"'
    extra = ""
    if phone:
        size = f'style="height:{int(height) + 2}px;--phone-height:{int(phone[1]) + 2}px"'
        extra = f'data-phone-spec="{esc(phone_id)}" '
    return (f'<div class="chart" id="chart-{esc(key)}" role="figure" aria-label="{esc(alt)}" '
            f'data-spec="spec-{esc(key)}" {extra}'
            f'{size}>{img}</div>{json_block(f"spec-{key}", spec)}'
            + (json_block(phone_id, phone[0]) if phone and phone[0] is not None else "")
            + f'<p class="alt"><strong>Chart description:</strong> {esc(alt)}</p>')


def card(card_, chart_html: str, *, heading: str | None = None, lead: bool = True, files: str = "",
         cites_html: str | None = None) -> str:
    """A chart's card as the mirror and the handout show it: heading, takeaway, notes, the chart (its
    HTML, embedded as the target embeds it), how to read it, its sources and `files` (a CSV link).
    `heading` defaults to the card's section heading, else its title."""
    title = (card_.section or card_.title) if heading is None else heading
    notes = "".join(note(n.title, n.text) for n in card_.notes)
    caption = f'<p class="caption how">{esc(card_.caption)}</p>' if card_.caption else ""
    lead_html = f'<p class="lead">{esc(card_.takeaway)}</p>' if lead else ""
    sources = cite_links(zip(card_.sources["cite"], card_.sources["link"])) if cites_html is None else cites_html
    return section(title, lead_html + notes + chart_html + caption + sources + files, anchor=card_.key)


def note(title: str, text: str) -> str:
    """A notice with a chart (a model, not data...): its title in bold."""
    return f'<p class="note"><strong>{esc(title)}</strong>: {esc(text)}</p>'


def block(b, cites: dict[str, tuple[str, str]], anchor: str = "") -> str:
    """A page section that is not a chart (see explainer.sections.Block). `cites` maps a source id to
    its (short citation, link)."""
    from explainer.citations import cited_ids

    items = [block_item(i, cites) for i in b.items]
    body = (f'<p class="caption">{esc(b.lead)}</p>' if b.lead else "")
    if items:
        body += ("<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>") if b.bullets else "".join(
            x if x.startswith("<article") else f"<p>{x}</p>" for x in items)
    if b.table is not None and len(b.table):
        body += table(b.table)
    if b.cited:
        body += cite_links([cites[i] for i in cited_ids(*b.cited) if i in cites])
    if b.folded:
        ident = f' id="{esc(anchor)}"' if anchor else ""
        return f"<details{ident}><summary>{esc(b.heading)}</summary>{body}</details>"
    return section(b.heading, body, anchor=anchor)


def block_item(i, cites: dict[str, tuple[str, str]]) -> str:
    """One item of a section: plain, or a claim (verdict, quote, evidence, its sources)."""
    text = f"{esc(i.before)}" + (f"<strong>{esc(i.strong)}</strong>" if i.strong else "") + esc(i.text)
    if i.badge or i.quote:
        return claim(i.badge, i.quote, i.text, cite_links([cites[s] for s in i.sources if s in cites], "Evidence"))
    return text


def table(df) -> str:
    """A small static table, every cell escaped."""
    head = "".join(f"<th>{esc(c)}</th>" for c in df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in r) + "</tr>" for r in df.itertuples(index=False))
    return f'<table class="rows"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def section(heading: str, body: str, anchor: str = "") -> str:
    ident = f' id="{esc(anchor)}"' if anchor else ""
    title = f"<h2>{esc(heading)}</h2>" if heading else ""
    return f"<section{ident}>{title}{body}</section>"


def csv_link(file_name: str, rows: int) -> str:
    return (f'<p class="files">The data behind this chart: <a href="{esc(file_name)}" download>'
            f"{rows} rows as CSV</a></p>")


def footer(disclaimer: str, root: str, app_link: str, files: Iterable[tuple[str, str]]) -> str:
    """The footer: disclaimer again, the citation and data files, the interactive version."""
    downloads = " · ".join(f'<a href="{esc(root + name)}" download>{esc(label)}</a>' for label, name in files)
    app = f' · <a href="{esc(app_link)}">Interactive version</a>' if app_link else ""
    return (f"<p><strong>{SITE_NAME}</strong>: every number comes from the data package and cites its sources. "
            f"{esc(disclaimer)}</p><p>Cite and reuse: {downloads}{app}</p>")


def figures(items: Iterable[tuple[str, str, str]]) -> str:
    """Headline figures: [(label, value, how it was computed)]."""
    cards = "".join(f'<li><span class="label">{esc(label)}</span><span class="value">{esc(value)}</span>'
                    f'<span class="help">{esc(help_)}</span></li>' for label, value, help_ in items)
    return f'<ul class="figures">{cards}</ul>'


def bullets(lines: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(s)}</li>" for s in lines) + "</ul>"


def page_list(items: Iterable[tuple[str, str, str]]) -> str:
    """The page map: [(title, relative link, blurb)]."""
    return ('<ul class="pages">' + "".join(f'<li><a href="{esc(link)}">{esc(title)}</a>: {esc(blurb)}</li>'
                                          for title, link, blurb in items) + "</ul>")


def claim(verdict: str, quote: str, evidence: str, cites_html: str) -> str:
    return (f'<article class="claim"><p><span class="verdict">{esc(verdict)}</span></p>'
            f"<blockquote>“{esc(quote)}”</blockquote><p>{esc(evidence)}</p>{cites_html}</article>")


def references(rows: Iterable[dict]) -> str:
    """The full reference list: rows with source_id, cite, authors, year, title, venue, link, rows_backed."""
    items = "".join(
        f'<li id="ref-{esc(r["source_id"])}"><strong>{esc(r["cite"])}</strong>. '
        f'{esc(r["authors"])} ({esc(r["year"])}). '
        f'{esc(r["title"])}. <em>{esc(r["venue"])}</em>. <a href="{href(r["link"])}">{esc(r["link"])}</a>'
        f' · backs {int(r["rows_backed"])} row{"" if int(r["rows_backed"]) == 1 else "s"}</li>' for r in rows)
    return f'<ol class="refs">{items}</ol>'


def downloads(files: Iterable[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{esc(name)}" download>{esc(label)}</a></li>' for label, name in files)
    return f"<ul>{items}</ul>"


def notes(text: str) -> str:
    return f"<details><summary>Speaker notes</summary><p>{esc(text)}</p></details>"


def sitemap(urls: Iterable[str]) -> str:
    entries = "".join(f"<url><loc>{esc(u)}</loc></url>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n')
