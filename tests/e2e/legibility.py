"""What the legibility test measures in a drawn page: chart text that collides or is cut, a slide
that scrolls, a headline figure that is truncated. Each finding names the two texts involved, so a
failure says what to fix without a screenshot."""

from __future__ import annotations

from dataclasses import dataclass

# Rectangles in CSS px of the viewport. A text box is the SVG <text> element's bounding box; two boxes
# "overlap" when they share more than OVERLAP_PX in both directions (glyph boxes of adjacent lines touch).
OVERLAP_PX = 2
EDGE_PX = 1
GAP_PX = 3     # two texts side by side on one line need this much space between them to read as two
LEGEND_PX = 4  # plotly fits a legend's box to its text: a name ending at the box's edge is not cut

# A chart's name in a finding: the key of the box the app draws it in (st-key-box-<chart>).
CHART_NAME_JS = r"""plot => {
    const box = plot.closest('[class*="st-key-box-"]');
    const key = box && [...box.classList].find(c => c.startsWith('st-key-box-'));
    return key ? key.slice('st-key-box-'.length) : (plot.id || plot.parentElement.id || 'chart');
  }"""

CHART_TEXT_JS = r"""([overlapPx, edgePx, legendPx, gapPx]) => {
  const found = [];
  const visible = el => {
    for (let e = el; e && e instanceof Element; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > overlapPx &&
                            Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > overlapPx;
  // two texts on one line closer than gapPx read as one ("other" + "any..." as "otherany...")
  const touching = (a, b) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) >
                             Math.min(a.bottom - a.top, b.bottom - b.top) / 2 &&
                             Math.max(a.left, b.left) - Math.min(a.right, b.right) < gapPx;
  const name = CHART_NAME;
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const frame = plot.querySelector('.main-svg');
    if (!frame || !visible(frame)) continue;
    const edge = frame.getBoundingClientRect();
    const chart = name(plot);
    // scatter markers, each with its trace and index: a point's own label sits beside it by design
    const traceName = tr => (tr.__data__ && tr.__data__[0] && tr.__data__[0].trace.name) || 'a series';
    const markers = [...plot.querySelectorAll('.scatterlayer .trace')].flatMap(tr =>
      [...tr.querySelectorAll('.points path.point')].filter(visible)
        .map((p, i) => ({tr, i, name: traceName(tr), box: p.getBoundingClientRect()})));
    const owner = el => {
      const tp = el.closest('.textpoint');
      return tp ? {tr: tp.closest('.trace'), i: [...tp.parentElement.children].indexOf(tp)} : null;
    };
    // a text's box without trailing spaces (they take room but draw nothing): the glyphs are what collide
    const inked = t => {
      const r = t.getBoundingClientRect(), all = t.getComputedTextLength(), kept = t.textContent.trimEnd().length;
      if (kept === t.textContent.length || !all) return r;
      const blank = (all - t.getSubStringLength(0, kept)) * r.width / all;
      return {left: r.left, right: r.right - blank, top: r.top, bottom: r.bottom, width: r.width - blank};
    };
    const texts = [...plot.querySelectorAll('svg text')]
      .filter(t => !t.closest('.hoverlayer') && !t.closest('.rangeslider-container') && t.textContent.trim())
      .filter(visible)
      .map(t => ({text: t.textContent.trim(), box: inked(t), legend: !!t.closest('.legend'), own: owner(t)}));
    const legends = [...plot.querySelectorAll('.legend > .bg, .legend rect.bg')].filter(visible)
      .map(r => r.getBoundingClientRect());
    const areas = [...plot.querySelectorAll('.draglayer .nsewdrag')].filter(visible)
      .map(r => r.getBoundingClientRect());
    for (const t of texts) {
      const b = t.box;
      if (b.left < edge.left - edgePx || b.right > edge.right + edgePx ||
          b.top < edge.top - edgePx || b.bottom > edge.bottom + edgePx)
        found.push({chart, kind: 'cut at the chart edge', a: t.text, b: ''});
    }
    // a trace's text clipped to its plotting area (plotly's cliponaxis) is cut where it leaves that area
    for (const el of plot.querySelectorAll('.barlayer text, .scatterlayer text')) {
      if (!el.closest('[clip-path]') || !el.textContent.trim() || !visible(el)) continue;
      const b = el.getBoundingClientRect();
      if (!areas.some(a => b.left >= a.left - edgePx && b.right <= a.right + edgePx &&
                           b.top >= a.top - edgePx && b.bottom <= a.bottom + edgePx))
        found.push({chart, kind: 'cut at the plotting area', a: el.textContent.trim(), b: ''});
    }
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++)
        if (overlap(texts[i].box, texts[j].box))
          found.push({chart, kind: 'text over text', a: texts[i].text, b: texts[j].text});
        else if (touching(texts[i].box, texts[j].box))
          found.push({chart, kind: 'text run into text', a: texts[i].text, b: texts[j].text});
    for (const t of texts) {
      if (t.legend) continue;
      const hit = markers.find(m => overlap(t.box, m.box) && !(t.own && t.own.tr === m.tr && t.own.i === m.i));
      if (hit) found.push({chart, kind: 'text over a marker', a: t.text, b: 'a marker of ' + hit.name});
    }
    // annotation arrows (the mechanism chain's steps): a line through a word hides its letters
    const shown = el => visible(el.parentElement);  // a straight arrow's own box has no width
    const arrows = [...plot.querySelectorAll('.annotation-arrow-g path')].filter(shown).map(p => {
      const r = p.getBoundingClientRect(), w = (parseFloat(getComputedStyle(p).strokeWidth) || 1) / 2;
      return {left: r.left - w, right: r.right + w, top: r.top - w, bottom: r.bottom + w};  // a line's box: its stroke
    });
    for (const t of texts)
      if (arrows.some(a => Math.min(a.right, t.box.right) > Math.max(a.left, t.box.left) &&
                           Math.min(a.bottom, t.box.bottom) - Math.max(a.top, t.box.top) > overlapPx))
        found.push({chart, kind: 'arrow through text', a: t.text, b: 'an arrow'});
    for (const lg of legends) {
      for (const t of texts) if (t.legend && overlap(t.box, lg) && t.box.right > lg.right + legendPx)
        found.push({chart, kind: 'cut at the legend edge', a: t.text, b: ''});
      for (const t of texts) if (!t.legend && overlap(t.box, lg))
        found.push({chart, kind: 'text under the legend', a: t.text, b: 'legend'});
      if (areas.some(a => overlap(a, lg)))
        found.push({chart, kind: 'legend over the plotting area', a: 'legend', b: 'data'});
    }
  }
  return found;
}""".replace("CHART_NAME", CHART_NAME_JS)

# Streamlit scrolls inside its app view, not the document: every box that could scroll is asked.
SCROLLS_JS = r"""() => [document.scrollingElement, ...document.querySelectorAll(
    '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stAppScrollToBottomContainer"]')]
  .filter(Boolean).map(e => e.scrollHeight - e.clientHeight).reduce((a, b) => Math.max(a, b), 0)"""

TRUNCATED_JS = r"""() => [...document.querySelectorAll('[data-testid="stMetric"]')].flatMap(m =>
  [...m.querySelectorAll('*')].filter(e => e.children.length === 0 && e.textContent.trim() &&
     (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1 ||
      (e.parentElement && e.parentElement.scrollWidth > e.parentElement.clientWidth + 1)))
  .map(e => e.textContent.trim()))"""


@dataclass(frozen=True)
class Finding:
    where: str   # page or slide, e.g. "/onset" or "/present?slide=3"
    size: str    # "390x844 dark"
    chart: str
    kind: str
    a: str
    b: str

    def __str__(self) -> str:
        pair = f"{self.a!r} and {self.b!r}" if self.b else repr(self.a)
        return f"{self.where} at {self.size}, chart {self.chart}: {self.kind}: {pair}"


def chart_findings(page, where: str, size: str) -> list[Finding]:
    """Every chart text on the page that overlaps another or a legend, or crosses its SVG's edge."""
    rows = page.evaluate(CHART_TEXT_JS, [OVERLAP_PX, EDGE_PX, LEGEND_PX, GAP_PX])
    return [Finding(where, size, r["chart"], r["kind"], r["a"], r["b"]) for r in rows]


MODE_BAR_JS = r"""() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(plot => plot.querySelector('.modebar')).map(CHART_NAME)""".replace("CHART_NAME", CHART_NAME_JS)


def touch_findings(page, where: str, size: str) -> list[Finding]:
    """A chart with a mode bar on a phone: a touch screen has no hover to hide it, so it stays over the
    legend's first row (the check reads the page, not the device, as a desktop browser narrowed to a
    phone's width draws the phone's layout too)."""
    return [Finding(where, size, chart, "mode bar on a touch screen", "mode bar", "legend")
            for chart in page.evaluate(MODE_BAR_JS)]


TITLE_LINES_JS = r"""() => [...document.querySelectorAll('h1')].map(h => {
  const walk = document.createTreeWalker(h, NodeFilter.SHOW_TEXT), tops = new Set();
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {  // the title's words, not its anchor icon
    if (!n.textContent.trim()) continue;
    const range = document.createRange(); range.selectNodeContents(n);
    for (const r of range.getClientRects()) if (r.width > 1) tops.add(Math.round(r.top));
  }
  return [h.textContent.trim(), tops.size]; })"""
TITLE_LINES = 4  # a page title over more lines pushes its chart off a phone's first screen


def title_findings(page, where: str, size: str) -> list[Finding]:
    """A page title taking more than TITLE_LINES lines."""
    return [Finding(where, size, "-", f"title over {n} lines", text, "")
            for text, n in page.evaluate(TITLE_LINES_JS) if n > TITLE_LINES]


def scroll_findings(page, where: str, size: str) -> list[Finding]:
    """A slide that needs scrolling to be seen whole."""
    over = page.evaluate(SCROLLS_JS)
    return [Finding(where, size, "-", "slide scrolls", f"{over} px taller than the screen", "")] if over > 1 else []


def truncation_findings(page, where: str, size: str) -> list[Finding]:
    """A headline card (st.metric) whose figure or label does not fit its box."""
    return [Finding(where, size, "metric", "headline truncated", t, "") for t in page.evaluate(TRUNCATED_JS)]


def report(findings: list[Finding]) -> str:
    """All findings, one a line, for an assertion message."""
    return f"{len(findings)} legibility problem(s):\n" + "\n".join(f"  {f}" for f in findings)
