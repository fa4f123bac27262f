"""Exports: references as BibTeX and RIS, and the whole data package as a ZIP.

Citation formats are written by maintained libraries (bibtexparser, rispy) so
escaping and field syntax follow the formats, not hand-written string joins.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd

from explainer import citations

BIBTEX_TYPE = {"trial": "article", "meta-analysis": "article", "review": "article", "history": "article",
               "reference": "article", "label": "misc", "guideline": "article", "web": "misc"}
RIS_TYPE = {"trial": "JOUR", "meta-analysis": "JOUR", "review": "JOUR", "history": "JOUR", "reference": "JOUR",
            "label": "GEN", "guideline": "JOUR", "web": "ELEC"}


def _value(row: dict, field: str) -> str | None:
    v = row.get(field)
    return None if v is None or pd.isna(v) or str(v) == "" else str(v)


def _tex(text: object) -> str:
    """Text safe in a braced BibTeX field (LaTeX specials escaped)."""
    return str(text).replace("\\", "").replace("&", "\\&").replace("%", "\\%").replace("#", "\\#")


def _authors(row: dict) -> list[str]:
    """Authors as listed ('et al.' dropped: the format has no such person)."""
    names = [a.strip() for a in str(row["authors"]).split(",")]
    return [n for n in names if n and n.lower() not in ("et al.", "et al")]


def bibtex(sources: pd.DataFrame) -> str:
    """All sources as a BibTeX file, keyed by source_id."""
    import bibtexparser
    from bibtexparser.model import Entry, Field

    lib = bibtexparser.Library()
    for row in sources.to_dict("records"):
        people = _authors(row)
        # an organisation (one name, no initials) is braced so BibTeX does not split it at "and"
        author = "{" + _tex(people[0]) + "}" if len(people) == 1 else " and ".join(_tex(a) for a in people)
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
        rec = {"type_of_reference": RIS_TYPE[row["kind"]], "id": row["source_id"], "authors": _authors(row),
               "title": str(row["title"]), "year": str(row["year"]), "journal_name": str(row["venue"])}
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
