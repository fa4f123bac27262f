"""Short citations and links for sources (captions, tables, exports)."""

from __future__ import annotations

import re

import pandas as pd

from explainer.cells import split_ids

INITIALS = re.compile(r"^[A-Z][A-Za-z]{0,3}$")


def short_cite(authors: str, year: object) -> str:
    """'Zarate CA, Singh JB, et al.' + 2006 -> 'Zarate 2006'; an organisation keeps its name."""
    first = str(authors).split(",")[0].strip()
    words = first.split()
    while len(words) > 1 and (INITIALS.match(words[-1]) and words[-1].isupper() or words[-1] in ("Jr", "Jr.")):
        words = words[:-1]
    name = " ".join(words)
    etal = " et al." if "," in str(authors) and len(words) < len(first.split()) else ""
    return f"{name}{etal} {year}"


def link(row: dict | pd.Series) -> str:
    """The best public address of a source: DOI, then PubMed, then its URL."""
    if not pd.isna(row.get("doi")):
        return f"https://doi.org/{row['doi']}"
    if not pd.isna(row.get("pmid")):
        return f"https://pubmed.ncbi.nlm.nih.gov/{row['pmid']}/"
    return str(row.get("url") or "")


def cited_ids(*frames: pd.DataFrame) -> list[str]:
    """Source ids cited by the rows of the frames, in first-cited order."""
    seen: dict[str, None] = {}
    for df in frames:
        if "source_ids" in df.columns:
            for cell in df["source_ids"]:
                for sid in split_ids(cell):
                    seen.setdefault(sid, None)
    return list(seen)


def with_cites(sources: pd.DataFrame) -> pd.DataFrame:
    """The sources table plus `cite` (short citation) and `link` columns."""
    out = sources.copy()
    out["cite"] = [short_cite(a, y) for a, y in zip(out["authors"], out["year"])]
    out["link"] = [link(r) for r in out.to_dict("records")]
    return out


def cite_map(sources: pd.DataFrame) -> dict[str, str]:
    """source_id -> short citation, for hover text and captions."""
    return dict(zip(sources["source_id"], (short_cite(a, y) for a, y in zip(sources["authors"], sources["year"]))))


def cites_for(sources: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The cited sources in citation order, with `cite` and `link`."""
    table = with_cites(sources)
    order = {sid: i for i, sid in enumerate(ids)}
    picked = table[table["source_id"].isin(order)]
    return picked.iloc[picked["source_id"].map(order).argsort()].reset_index(drop=True)


SEARCH_FIELDS = ("source_id", "authors", "title", "venue", "year", "doi", "pmid")


def search(sources: pd.DataFrame, query: str) -> pd.DataFrame:
    """Sources whose id, authors, title, venue, year, DOI or PMID contain `query` (case-insensitive)."""
    if not query:
        return sources
    hay = sources[list(SEARCH_FIELDS)].astype("string").fillna("").agg(" ".join, axis=1).str.lower()
    return sources[hay.str.contains(query.lower(), regex=False)]
