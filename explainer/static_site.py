"""The static mirror: every page of the registry baked into HTML under one folder.

``python -m explainer site`` (``make site``) writes ``index.html`` for the overview and
``<path>/index.html`` for every other page, at the app's paths, from the same registry and
builders the app draws: each chart's figure, takeaway, alt text, rows and sources come from
:mod:`explainer.registry`. Next to each page: the CSV of the rows behind each chart and a
1200x630 social preview (kaleido). Shared: one partial plotly.js bundle, the citation files,
the data package ZIP, the handout, ``sitemap.xml``.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go

from explainer import citations, deck, describe, export, memo, registry, static_deck, tables, theme
from explainer import static_html as h
from explainer.cards import Chart, plotly_config
from explainer.charts.common import esc as plot_text
from explainer.registry import Page

ASSETS = Path(__file__).resolve().parent / "site_assets"
PREFIX = "ketamine-explained"
CITATION_FILES = (("BibTeX", f"{PREFIX}.bib"), ("RIS", f"{PREFIX}.ris"), ("References (CSV)", f"{PREFIX}-sources.csv"),
                  ("Data package (ZIP)", f"{PREFIX}-data.zip"))
HANDOUT = f"{PREFIX}-handout.html"
DEFAULT_HEIGHT = 480
PREVIEW_TITLE = 170  # pixels above a preview's chart for the page's question
MARKER = "assets/site.js"  # a folder holding this is a mirror a new build may replace


@dataclass
class Built:
    """What a build wrote: per page path, the page's own bytes (HTML) and what a visit transfers."""

    out: Path
    html_bytes: dict[str, int] = field(default_factory=dict)
    visit_bytes: dict[str, int] = field(default_factory=dict)  # + icon, posters, site.js, plotly.js: all of a visit
    charts: dict[str, list[str]] = field(default_factory=dict)  # page path -> its charts' ids
    seconds: float = 0.0


@dataclass(frozen=True)
class Links:
    """Where the mirror and the app live (either may be unknown: links are then left out or relative)."""

    app_url: str = ""
    base_url: str = ""

    def app(self, page: Page) -> str:
        return self.app_url.rstrip("/") + page.url if self.app_url else ""

    def absolute(self, page: Page) -> str:
        if not self.base_url:
            return ""
        return self.base_url.rstrip("/") + "/" + (page.path + "/" if page.path else "")

    def image(self, page: Page) -> str:
        url = self.absolute(page)
        return url + h.SOCIAL_IMAGE if url else h.SOCIAL_IMAGE


def root_of(page: Page) -> str:
    """Relative path from the page's folder to the mirror's root."""
    return "../" if page.path else ""


def link_to(page: Page, target: Page) -> str:
    """Relative link from `page` to `target` (folder URLs, as the app's paths)."""
    return (root_of(page) + (target.path + "/" if target.path else "")) or "./"


# --- charts ----------------------------------------------------------------------------------

def spec(fig: memo.FrozenFigure, name: str, *, phone: bool = False) -> tuple[dict, int]:
    """The figure on the light export layout as a Plotly spec with its config (`phone`: the phone's), and
    its height.
    The layout's template is left out: :func:`template` is on the page once for all its charts."""
    import json

    out = json.loads(export.for_export(fig.drawable()).to_json())
    out["layout"].pop("template", None)  # the same for every chart: once per page (TEMPLATE_ID)
    height = int(out["layout"].get("height") or DEFAULT_HEIGHT)
    out["layout"]["height"] = height
    out["config"] = plotly_config(name, phone=phone)
    return out, height


@dataclass
class Bake:
    """What baking one page produces besides its HTML: files next to it and images to render."""

    posters: bool = True                                    # SVG posters of the charts (kaleido)
    files: dict[str, bytes] = field(default_factory=dict)   # file name -> bytes, next to the page
    images: list[tuple[go.Figure, str, int]] = field(default_factory=list)  # (figure, file name, height)
    shown: set[str] = field(default_factory=set)            # takeaways already on the page
    keys: list[str] = field(default_factory=list)           # chart ids on the page, in order
    app_url: str = ""                                       # the live app (slides link a view the mirror lacks)
    phone_specs: set[str] = field(default_factory=set)      # phone layouts already on the page

    def chart(self, key: str, fig: memo.FrozenFigure, alt: str, phone: memo.FrozenFigure | None = None,
              phone_key: str = "") -> str:
        """A chart's div with its poster (queued for rendering); the page's first chart loads first.
        `phone`: the same chart laid out for a phone, drawn instead on a narrow screen, written once per
        page under `phone_key` (the slides of one chart share it)."""
        fig_spec, height = spec(fig, key)
        poster = ""
        if self.posters:
            poster = f"{key}.svg"
            self.images.append((fig.drawable(), poster, height))
        self.keys.append(key)
        if phone is None:
            return h.chart(key, fig_spec, height, alt, poster=poster, eager=len(self.keys) == 1)
        phone_key = phone_key or key
        phone_spec, phone_height = spec(phone, phone_key, phone=True)
        first = phone_key not in self.phone_specs
        self.phone_specs.add(phone_key)
        return h.chart(key, fig_spec, height, alt, poster=poster, eager=len(self.keys) == 1,
                       phone=(phone_spec if first else None, phone_height), phone_id=f"spec-{phone_key}-phone")


def template() -> dict:
    """The export layout's Plotly template, as every chart of the mirror uses it."""
    import json

    return json.loads(export.for_export(go.Figure()).to_json())["layout"]["template"]


def cite_pairs(frame) -> list[tuple[str, str]]:
    return list(zip(frame["cite"], frame["link"]))


def chart_block(page: Page, chart: Chart, bake: Bake) -> str:
    """A chart's card as the mirror shows it: its heading, takeaway (once per page), notes, the chart,
    its description, how to read it, its sources and a CSV of its rows (written next to the page)."""
    card = registry.card(chart)
    lead = card.takeaway not in bake.shown
    bake.shown.add(card.takeaway)
    csv_name = f"{PREFIX}-{chart.key}.csv"
    bake.files[csv_name] = card.rows.to_csv(index=False).encode("utf-8")
    heading = card.section or ("" if card.title == page.question else card.title)
    drawn = bake.chart(chart.key, card.figure, card.alt, phone=registry.figure(chart, target="phone"),
                       phone_key=f"slide-{chart.key}")
    return h.card(card, drawn, heading=heading, lead=lead, files=h.csv_link(csv_name, len(card.rows)))


def section_blocks(pkg: tables.DataPackage, page: Page) -> str:
    """The page's sections that are not charts, in their default view (app-only ones left out)."""
    cites = source_links(pkg)
    return "".join(h.block(registry.block(page, s.key), cites, anchor=s.key) for s in page.sections
                   if s.block is not None)


def source_links(pkg: tables.DataPackage) -> dict[str, tuple[str, str]]:
    """source_id -> (short citation, link)."""
    table = citations.with_cites(pkg.tables["sources"])
    return {sid: (c, u) for sid, c, u in zip(table["source_id"], table["cite"], table["link"])}


# --- pages -----------------------------------------------------------------------------------

def overview_body(pkg: tables.DataPackage, page: Page, bake: Bake) -> str:
    heads = memo.call(memo.of_tables, describe.headlines)
    explore = [(p.title, link_to(page, p), p.blurb) for p in registry.PAGES if p.path]
    return (h.figures((x.label, f"{x.value} · {x.note}" if x.note else x.value, x.help) for x in heads)
            + section_blocks(pkg, page)
            + h.section("Explore", h.page_list(explore)))


def sources_body(pkg: tables.DataPackage, page: Page, bake: Bake) -> str:
    listing = memo.call(memo.of_tables, export.reference_listing)
    decks = tuple((label, "../" + name) for label, name in static_deck.FILES) if bake.posters else ()
    return (h.section("Downloads", h.downloads(CITATION_FILES + (("Offline handout (HTML)", "../" + HANDOUT),)
                                               + decks))
            + h.section(f"References ({len(listing)})", h.references(listing.to_dict("records"))))


def present_body(pkg: tables.DataPackage, page: Page, bake: Bake) -> str:
    """The slides as one page, a section per slide, charts at slide height."""
    sources_page = link_to(page, registry.page("sources"))
    parts, anchors = [], {}
    for n, slide in enumerate(memo.call(deck.deck), start=1):
        if slide.kind == "title":
            body = "".join(f'<p class="takeaway">{h.esc(s)}</p>' for s in slide.lines)
            parts.append(h.section(f"Slide {n}: {h.SITE_NAME}", body, anchor=f"slide-{n}"))
            continue
        chart = slide.chart
        height = deck.CHART_HEIGHT - (100 if slide.kind == "sources" else 0)
        cited = registry.sources(chart)
        more = max(len(cited) - deck.CAPTION_SOURCES, 0)
        home = registry.page_of(chart)
        card = registry.card(chart, height=height, target="slide", window=slide.window, **slide.kwargs())
        body = (f'<p class="takeaway">{h.esc(card.headline)}</p>'
                + bake.chart(f"slide-{slide.key}", card.figure, card.alt,
                             phone=registry.figure(chart, target="phone"), phone_key=f"slide-{chart.key}")
                + h.cite_links(cite_pairs(cited.head(deck.CAPTION_SOURCES)), more=more, more_href=sources_page)
                + h.notes(deck.speaker_notes(card))
                + f'<p class="files">With its data: <a href="{h.esc(link_to(page, home))}">{h.esc(home.title)}</a></p>')
        parts.append(h.section(f"Slide {n}: {slide.title}", body, anchor=f"slide-{n}"))
        anchors.setdefault(chart.key, []).append(f"slide-{n}")  # a split chart: each part
    data = static_deck.deck_data(anchors, "slide-1", lambda p: link_to(page, p), bake.app_url)
    return static_deck.block(data, root_of(page)) + "".join(parts)


EXTRA: dict[str, Callable[[tables.DataPackage, Page, Bake], str]] = {
    "overview": overview_body, "sources": sources_body, "present": present_body}


def page_html(pkg: tables.DataPackage, page: Page, links: Links, bake: Bake) -> str:
    """One page of the mirror (its CSV files and chart posters are added to `bake`)."""
    drawn = ((registry.chart(page.lead),) if page.lead else ()) + page.charts  # in the order the app draws them
    takeaway = registry.takeaway(drawn[0]) if drawn else ""
    bake.shown.add(takeaway)
    body = h.header(page.question, takeaway, describe.DISCLAIMER, links.app(page))
    body += "".join(chart_block(page, c, bake) for c in drawn)
    if page.name in EXTRA:
        body += EXTRA[page.name](pkg, page, bake)
    else:
        body += section_blocks(pkg, page)
    root = root_of(page)
    sources = registry.page("sources")
    footer = h.footer(describe.DISCLAIMER, root, links.app(page),
                      [(label, f"{sources.path}/{name}") for label, name in CITATION_FILES])
    head = h.Head(title=h.SITE_NAME if not page.path else f"{page.title} · {h.SITE_NAME}",
                  description=page.description, og_title=page.question, image=links.image(page),
                  image_alt=f"{page.question} A chart from {h.SITE_NAME}." if page.charts else h.SITE_NAME,
                  url=links.absolute(page))
    nav = [h.NavItem(h.SITE_NAME if not p.path else p.title, link_to(page, p), p is page) for p in registry.PAGES]
    if bake.keys:
        body += h.json_block(h.TEMPLATE_ID, template())
    return h.document(head, root, nav, body, footer, charts=bool(bake.keys))


# --- social previews -------------------------------------------------------------------------

def card(page: Page) -> go.Figure:
    """The generic preview of a page without charts: the site's name, the page's question, the disclaimer."""
    fig = go.Figure()
    family = theme.css_font_list(theme.FONT_FAMILY)
    for y, text, size in ((0.72, h.SITE_NAME, 64), (0.45, page.question, 36),
                          (0.18, "Sourced, interactive explainer · educational, not medical advice", 24)):
        fig.add_annotation(x=0.5, y=y, xref="paper", yref="paper", text=plot_text(text), showarrow=False,
                           font={"size": size, "family": family,
                                 "color": theme.OKABE_ITO["blue"] if size == 64 else theme.TEXT_ON_LIGHT})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig.update_layout(margin={"l": 40, "r": 40, "t": 40, "b": 40})


def preview(page: Page) -> go.Figure:
    """The page's first chart under its question, or the generic card."""
    if not page.charts:
        return card(page)
    fig = registry.figure(page.charts[0]).thaw()
    fig.update_layout(height=(fig.layout.height or DEFAULT_HEIGHT) + PREVIEW_TITLE)  # the title's room on top
    return fig.update_layout(title={"text": plot_text(page.question), "x": 0.01, "xanchor": "left", "y": 0.98,
                                    "yref": "container", "yanchor": "top", "font": {"size": 30}},
                             margin={"t": PREVIEW_TITLE})


# --- the build -------------------------------------------------------------------------------

def prepare(out: Path) -> None:
    """An empty output folder: a previous mirror there is replaced, any other content is refused."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise FileExistsError(f"{out} is not empty and holds no mirror: choose an empty or new folder")
        shutil.rmtree(out)
    (out / "assets").mkdir(parents=True, exist_ok=True)


def build(out: Path, app_url: str = "", base_url: str = "", images: bool = True) -> Built:
    """Write the mirror into `out`. Raises tables.DataError if the data package has problems."""
    start = time.perf_counter()
    pkg = tables.load()
    if pkg.problems:
        raise tables.DataError(pkg.problems)
    prepare(out)
    links = Links(app_url, base_url)
    assets = out / "assets"
    shutil.copyfile(ASSETS / h.PLOTLY_FILE, assets / h.PLOTLY_FILE)
    shutil.copyfile(ASSETS / "plotly-LICENSE.txt", assets / "plotly-LICENSE.txt")
    (assets / "site.js").write_text(h.SITE_JS, encoding="utf-8")
    (assets / static_deck.SCRIPT).write_text(static_deck.DECK_JS, encoding="utf-8")
    (assets / "favicon.svg").write_text(h.FAVICON, encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")
    shared = sum((assets / name).stat().st_size for name in (h.PLOTLY_FILE, "site.js"))
    icon = (assets / "favicon.svg").stat().st_size

    built = Built(out)
    jobs: list[tuple[go.Figure, Path, tuple[int, int] | None]] = []  # (figure, file, size; None: a preview)
    posters: dict[str, list[Path]] = {}
    for page in registry.PAGES:
        folder = out / page.path if page.path else out
        folder.mkdir(parents=True, exist_ok=True)
        bake = Bake(posters=images, app_url=app_url)
        text = page_html(pkg, page, links, bake)
        (folder / "index.html").write_text(text, encoding="utf-8")
        for name, blob in bake.files.items():
            (folder / name).write_bytes(blob)
        size = len(text.encode("utf-8"))
        built.html_bytes[page.url] = size
        built.visit_bytes[page.url] = size + icon + (shared if bake.keys else 0)
        built.charts[page.url] = bake.keys
        posters[page.url] = [folder / name for _, name, _ in bake.images]
        jobs += [(fig, folder / name, (h.POSTER_WIDTH, height)) for fig, name, height in bake.images]
        jobs.append((preview(page), folder / h.SOCIAL_IMAGE, None))

    sources_dir = out / registry.page("sources").path
    reference_files = memo.call(memo.of_tables, export.reference_files)
    for (_, name), blob in zip(CITATION_FILES, (reference_files["bib"], reference_files["ris"], reference_files["csv"],
                                                memo.call(export.package_zip))):
        (sources_dir / name).write_bytes(blob)
    handout = export.handout_html(pkg, describe.DISCLAIMER, url=app_url)
    (out / HANDOUT).write_text(handout, encoding="utf-8")
    (out / "sitemap.xml").write_text(h.sitemap(links.absolute(p) or (p.path + "/" if p.path else "./")
                                               for p in registry.PAGES), encoding="utf-8")
    robots = "User-agent: *\nAllow: /\n" + (f"Sitemap: {base_url.rstrip('/')}/sitemap.xml\n" if base_url else "")
    (out / "robots.txt").write_text(robots, encoding="utf-8")
    if images:
        static_deck.write_files(pkg, out, app_url)
        export.images([(fig, path, size or h.SOCIAL_SIZE, size is None) for fig, path, size in jobs])
        for url, paths in posters.items():
            built.visit_bytes[url] += sum(p.stat().st_size for p in paths)
    built.seconds = time.perf_counter() - start
    return built
