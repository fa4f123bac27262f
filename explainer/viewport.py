"""Which chart layout the reader's screen needs: a wide/narrow switch the page reads.

Streamlit tells a script nothing about the viewport, so a small component asks the browser
(``matchMedia``, the same query the static mirror uses) and reports "phone" or "page"; the charts
of the next run are laid out for it. Until the browser has answered, a phone's user agent is the
guess, so a phone gets its layout from the first paint. The component marks its element with the
layout drawn and the one wanted (``data-layout-target``, ``data-layout-wanted``): a test waits on them.
"""

from __future__ import annotations

import streamlit as st

from explainer import targets

KEY = "layout-target"
JS = """
export default function (component) {
  const { data, setStateValue, parentElement } = component;
  const query = window.matchMedia(`(max-width: ${data.breakpoint}px)`);
  let mark = parentElement.querySelector('[data-layout-target]');
  if (!mark) { mark = document.createElement('span'); parentElement.appendChild(mark); }
  const report = () => {
    const wanted = query.matches ? 'phone' : 'page';
    mark.dataset.layoutTarget = data.target;
    mark.dataset.layoutWanted = wanted;
    if (wanted !== data.target) setStateValue('target', wanted);
  };
  report();
  query.addEventListener('change', report);
  return () => query.removeEventListener('change', report);
}
"""
_probe = st.components.v2.component("ketamine_viewport", js=JS, isolate_styles=False)


def guess() -> str:
    """Before the browser answers: a phone's user agent says "Mobile"."""
    agent = st.context.headers.get("User-Agent", "") if st.context.headers else ""
    return "phone" if "Mobi" in agent else "page"


def answered() -> str | None:
    """What the browser last reported, if it has ("phone" or "page")."""
    state = st.session_state.get(KEY)
    wanted = state.get("target") if hasattr(state, "get") else None
    return wanted if wanted in ("phone", "page") else None


def current() -> str:
    """The layout this run's charts are drawn for: "phone" or "page"."""
    return answered() or guess()


def probe() -> None:
    """Mount the switch, once per run, before the page draws its charts."""
    _probe(key=KEY, data={"target": current(), "breakpoint": targets.PHONE_BREAKPOINT},
           on_target_change=lambda: None)
