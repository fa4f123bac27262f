"""The address of the current view (page + filters) and its QR code, for sharing in a room."""

from __future__ import annotations

import io
from datetime import date
from functools import lru_cache
from urllib.parse import urlencode

import streamlit as st

FALLBACK = "http://localhost:8501/"


def current_url() -> str:
    """The URL that reproduces what the viewer sees: page path plus every query parameter."""
    base = st.context.url or FALLBACK
    params = {k: st.query_params.get_all(k)[-1] for k in st.query_params.keys()}
    params.pop("embed", None)
    return base + ("?" + urlencode(params) if params else "")


def page_citation(page_title: str, url: str, today: date | None = None) -> str:
    """A plain citation of the current view, with its URL and the access date."""
    d = today or date.today()
    return f"Ketamine, Explained: {page_title} [interactive dashboard]. {url} (accessed {d.isoformat()})."


@lru_cache(maxsize=64)
def qr_png(url: str, scale: int = 8) -> bytes:
    """A QR code of `url` as PNG bytes (dark on white, with the standard quiet zone).

    Cached: every viewer of the same slide address gets the same image."""
    import segno

    buf = io.BytesIO()
    try:
        code = segno.make(url, error="m")
    except segno.DataOverflowError:  # a URL too long for a QR code (hostile query string): the page alone
        code = segno.make(url.split("?")[0][:1000], error="m")
    code.save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()
