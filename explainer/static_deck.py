"""The static mirror's deck: its PowerPoint and PDF files, and `?deck=` links on its slides page.

The mirror's Present page holds every slide of the default deck, each chart in its default view. A
link with ``?deck=`` (the same value `/present` takes) shows the slides it names, in its order, and
hides the rest (`assets/deck.js`, reading a JSON block of the slides and charts). Views other than
the default are drawn only by the interactive app: the mirror says so on the slide and links there.
Entries it cannot show are named in a notice, as the app does.
"""

from __future__ import annotations

from pathlib import Path

from explainer import registry
from explainer import static_html as h
from explainer.tables import DataPackage

DATA_ID = "deck-data"
NOTES_ID = "deck-notes"
SCRIPT = "deck.js"
FILES = (("Slides (PowerPoint)", "ketamine-explained-deck.pptx"), ("Slides (PDF)", "ketamine-explained-deck.pdf"))

# Mirrors deckspec.parse: entries split on ",", a key then ":name=value" pairs; names and keys matched
# without regard to case or spacing. Only DOM text nodes are written (never innerHTML).
DECK_JS = """(function () {
  "use strict";
  var raw = new URLSearchParams(window.location.search).get("deck");
  var data = JSON.parse(document.getElementById("DATA_ID").textContent);
  var notes = document.getElementById("NOTES_ID");
  if (!raw || !notes) return;
  function norm(s) { return s.replace(/\\s+/g, " ").trim().toLowerCase(); }
  function say(text, href, label) {
    var p = document.createElement("p");
    p.className = "static";
    p.appendChild(document.createTextNode(text));
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.appendChild(document.createTextNode(label));
      p.appendChild(document.createTextNode(" "));
      p.appendChild(a);
    }
    return p;
  }
  var chosen = [];
  raw.slice(0, 2000).split(",").slice(0, 30).forEach(function (piece) {
    if (!piece.trim()) return;
    var parts = piece.split(":");
    var key = Object.keys(data.charts).filter(function (k) { return norm(k) === norm(parts[0]); })[0];
    if (!key) {
      notes.appendChild(say("Left out deck entry \\u201c" + piece.trim() + "\\u201d: no slide \\u201c" +
        parts[0].trim() + "\\u201d; expected one of " + Object.keys(data.charts).join(", ") + "."));
      return;
    }
    var chart = data.charts[key];
    var named = [];
    parts.slice(1).forEach(function (pair) {
      var name = pair.split("=")[0];
      if (pair.indexOf("=") < 0 || chart.params.map(norm).indexOf(norm(name)) < 0) {
        notes.appendChild(say("Ignored \\u201c" + pair + "\\u201d in deck entry \\u201c" + key +
          "\\u201d: its parameters: " + (chart.params.join(", ") || "none (it has one view)") + "."));
      } else { named.push(pair); }
    });
    var sections = (data.slides[key] || []).map(function (id) { return document.getElementById(id); })
      .filter(function (s) { return s; });  // a chart too tall for one slide has several
    if (!sections.length) {
      notes.appendChild(say("\\u201c" + chart.title + "\\u201d is not a slide of this static copy; it is on its page:",
        chart.page, chart.title));
      return;
    }
    if (chosen.indexOf(sections[0]) >= 0) return;
    if (named.length) {
      var app = data.app ? data.app + "/present?deck=" + encodeURIComponent(key + ":" + named.join(":")) : "";
      sections[0].appendChild(say("This static copy draws the default view; " + named.join(", ") +
        " is drawn by the interactive version.", app, app ? "Open it there" : ""));
    }
    sections.forEach(function (s) { chosen.push(s); });
  });
  if (!chosen.length) return;
  var first = document.getElementById(data.title);
  var parent = first.parentNode;
  Object.keys(data.slides).forEach(function (k) {
    data.slides[k].forEach(function (id) {
      var s = document.getElementById(id);
      if (s && chosen.indexOf(s) < 0) s.hidden = true;
    });
  });
  var after = first;
  chosen.forEach(function (s) { parent.insertBefore(s, after.nextSibling); after = s; });
  [first].concat(chosen).forEach(function (s, n) {  // numbered as the chosen deck: "Slide 2: ..."
    var h = s.querySelector("h2");
    if (h) h.textContent = h.textContent.replace(/^Slide \\d+:/, "Slide " + (n + 1) + ":");
  });
})();
""".replace("DATA_ID", DATA_ID).replace("NOTES_ID", NOTES_ID)


def deck_data(slide_anchors: dict[str, list[str]], title_anchor: str, link_to_page, app_url: str) -> dict:
    """What deck.js needs: every chart (title, page link, view parameters) and the slide section of each."""
    charts = {c.key: {"title": c.title, "page": link_to_page(p) + f"#{c.key}",
                      "params": [k for f in c.filters for k in f.keys]}
              for p, c in registry.chart_pages()}
    return {"charts": charts, "slides": slide_anchors, "title": title_anchor, "app": app_url.rstrip("/")}


def block(data: dict, root: str) -> str:
    """The notices' place, the data block and the script tag (deferred, local), for the slides page."""
    return (f'<div id="{NOTES_ID}" role="status"></div>' + h.json_block(DATA_ID, data)
            + f'<script defer src="{root}assets/{SCRIPT}"></script>')


def write_files(pkg: DataPackage, out: Path, app_url: str) -> dict[str, int]:
    """The default deck as PowerPoint and PDF at the mirror's root (kaleido draws the charts); name -> bytes."""
    from explainer import deckcontent, pdfdeck, pptxdeck

    built = deckcontent.build(pkg, (), app_url)
    sizes = {}
    for (_, name), writer in zip(FILES, (pptxdeck.write, pdfdeck.write)):
        blob = writer(built)
        (out / name).write_bytes(blob)
        sizes[name] = len(blob)
    return sizes
