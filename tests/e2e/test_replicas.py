"""Two app replicas behind the repository's own nginx config, on 127.0.0.1.

What a deploy with replicas promises: every viewer's websocket sticks to one replica; when a replica
dies, its viewers reconnect to the other and see their page again, never an error; the proxy adds
the security headers Streamlit cannot set, and the app still draws its charts under that policy.
"""

from __future__ import annotations

import asyncio
import http.client
import re
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import websockets

from tests import harness, proxy, sticky
from tests.e2e.conftest import APP_ERRORS, PAGES, charts_drawn, run_async
from tests.e2e.probes import COMPONENT_PATHS, PATHS, SECRET_LINES, fetch

# What compose.yaml and the k8s manifests give every replica: the allow-list of Host names the
# websocket accepts, and one cookie secret shared by all replicas.
DEPLOY_ENV = {"STREAMLIT_SERVER_ALLOWED_HOSTS": proxy.SERVER_NAMES,
              "STREAMLIT_SERVER_COOKIE_SECRET": "test-only-secret-shared-by-every-replica"}
SESSIONS = 20
PAGE_NAMES = list(PAGES)


@dataclass
class Stack:
    """Two replicas and the nginx in front of them."""

    replicas: list[harness.Server]
    nginx: proxy.Proxy

    def port_of(self, server: harness.Server) -> int:
        return int(server.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        self.nginx.stop()
        for server in self.replicas:
            server.stop()


def start_stack() -> Stack:
    """Two replicas, then nginx; whatever started is stopped again if a later start fails."""
    replicas: list[harness.Server] = []
    try:
        for _ in range(2):
            replicas.append(harness.start_server(harness.ROOT / "dashboard.py", env=DEPLOY_ENV))
        nginx = proxy.start_proxy([int(s.url.rsplit(":", 1)[1]) for s in replicas])
    except BaseException:
        for server in replicas:
            server.stop()
        raise
    return Stack(replicas, nginx)


def running_stack() -> Iterator[Stack]:
    """Two replicas and nginx, stopped even when the test fails."""
    if proxy.nginx_binary() is None:
        pytest.fail("No nginx found: run `make nginx` (installs Debian's nginx package).")
    s = start_stack()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    yield from running_stack()


@pytest.fixture
def own_stack() -> Iterator[Stack]:
    """A stack of its own, for a test that kills a replica."""
    yield from running_stack()


def run_sessions(sessions: list[sticky.StickySession], ws_url: str, after_run=None) -> None:
    """Drive the sessions concurrently (in a thread of their own: see run_async)."""
    async def main() -> None:
        await asyncio.gather(*(sticky.drive(s, ws_url, after_run) for s in sessions))

    run_async(main(), timeout=300)


def plan(runs: int) -> list[sticky.StickySession]:
    """SESSIONS viewers, each starting on a different page and moving on `runs` times."""
    return [sticky.StickySession(f"viewer-{i}", [PAGE_NAMES[(i + k) % len(PAGE_NAMES)] for k in range(runs)])
            for i in range(SESSIONS)]


def assert_no_errors(sessions: list[sticky.StickySession], stack: Stack) -> None:
    """No session saw an error; else the replicas' logs, where the exception behind a redacted error is."""
    errors = [e for s in sessions for e in s.errors]
    assert errors == [], "\n".join(errors + [f"--- log of replica {r.url}:\n{r.log_tail()}" for r in stack.replicas])


STREAM_LINE = re.compile(r'"GET /_stcore/stream [^"]*" (\d+) .* upstream=(\S+) replica_key=(\S+)')


def stream_upstreams(nginx: proxy.Proxy) -> dict[str, list[str]]:
    """Affinity key -> the upstream address(es) each of its websockets went to, from the access log.

    A websocket whose first choice refused and that nginx passed on shows as `a:1, b:2`: the
    replica that served it is the last one."""
    seen: dict[str, list[str]] = {}
    for line in nginx.access_log():
        m = STREAM_LINE.search(line.replace(", ", ","))
        if m and m.group(1) == "101":
            seen.setdefault(m.group(3), []).append(m.group(2).split(",")[-1])
    return seen


def test_twenty_sessions_render_every_page_through_nginx(stack: Stack):
    sessions = plan(runs=3)
    run_sessions(sessions, stack.nginx.ws_url)
    assert_no_errors(sessions, stack)
    runs = [r for s in sessions for r in s.runs]
    assert len(runs) == 3 * SESSIONS
    assert {r.page for r in runs} == set(PAGES)  # every page was shown
    for r in runs:
        assert r.elements > 0 and r.charts == PAGES[r.page], (r.page, r.elements, r.charts)
    assert sum(s.reconnects for s in sessions) == 0
    upstreams = stream_upstreams(stack.nginx)
    assert set(upstreams) == {s.key for s in sessions}
    assert {u for seen in upstreams.values() for u in seen} == {f"127.0.0.1:{stack.port_of(r)}"
                                                                for r in stack.replicas}  # both replicas served


def test_the_same_viewer_reaches_the_same_replica(stack: Stack):
    """Affinity: every websocket of one key goes to one replica, however often it reconnects."""
    sessions = [sticky.StickySession(f"returning-{i}", ["onset"]) for i in range(6)]
    for _ in range(3):  # three visits each: three websockets per key
        for s in sessions:
            s.runs.clear()
        run_sessions(sessions, stack.nginx.ws_url)
        assert_no_errors(sessions, stack)
    upstreams = stream_upstreams(stack.nginx)
    for s in sessions:
        assert len(upstreams[s.key]) == 3 and len(set(upstreams[s.key])) == 1, upstreams[s.key]


def test_a_replica_killed_mid_run_costs_no_viewer_an_error(own_stack: Stack):
    victim = own_stack.replicas[0]
    victim_addr, survivor_addr = (f"127.0.0.1:{own_stack.port_of(r)}" for r in own_stack.replicas)
    runs = 8  # long visits: when the slowest viewer has seen its first page, every viewer is still mid-visit
    sessions = plan(runs=runs)
    killed_after: list[int] = []

    async def kill_once_under_way(_session: sticky.StickySession) -> None:
        """Once every viewer has seen a page, or the fastest is halfway through its visit (a slow first
        page elsewhere, /present drawing its deck, must not let the victim's viewers finish first), kill
        the victim: its viewers are mid-visit."""
        if not killed_after and (all(s.runs for s in sessions) or max(len(s.runs) for s in sessions) >= runs // 2):
            killed_after.append(sum(len(s.runs) for s in sessions))
            victim.proc.kill()

    run_sessions(sessions, own_stack.nginx.ws_url, after_run=kill_once_under_way)
    victim.proc.wait(timeout=10)
    assert killed_after and killed_after[0] < runs * SESSIONS  # the kill came while sessions were running
    assert_no_errors(sessions, own_stack)  # nothing the viewer sees is an error
    assert all(len(s.runs) == runs for s in sessions)  # every viewer saw every page of its visit
    for r in (r for s in sessions for r in s.runs):
        assert r.charts == PAGES[r.page], (r.page, r.charts)
    moved = [s for s in sessions if s.reconnects]
    stayed = [s for s in sessions if not s.reconnects]
    assert moved, "no session was on the killed replica"
    assert stayed, "every session had to reconnect: affinity kept none on the surviving replica"
    upstreams = stream_upstreams(own_stack.nginx)
    for s in moved:  # reconnected: the last websocket was served by the survivor
        assert upstreams[s.key][-1] == survivor_addr, (s.key, upstreams[s.key])
    for s in stayed:  # never dropped: one websocket, on one replica, from start to end
        assert len(upstreams[s.key]) == 1, (s.key, upstreams[s.key])
    assert any(upstreams[s.key][0] == victim_addr for s in moved)


def get(url: str, host: str | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
    req = urllib.request.Request(url, headers={"Host": host} if host else {})
    with urllib.request.urlopen(req, timeout=15) as r:
        return r.status, r.headers, r.read()


def assert_security_headers(headers: http.client.HTTPMessage) -> None:
    csp = headers["Content-Security-Policy"] or ""
    directives = {d.split()[0]: d.split()[1:] for d in (p.strip() for p in csp.split(";")) if d}
    assert directives["default-src"] == ["'self'"]
    assert {"'unsafe-inline'", "'unsafe-eval'", "blob:"} <= set(directives["script-src"])
    assert {"data:", "blob:"} <= set(directives["img-src"])
    assert "blob:" in directives["worker-src"]
    assert "'self'" in directives["connect-src"] and "ws://127.0.0.1:*" in directives["connect-src"]
    assert directives["frame-ancestors"][0] == "'self'"
    assert directives["object-src"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_security_headers_on_the_page_and_a_static_asset(stack: Stack):
    status, headers, body = get(f"{stack.nginx.url}/onset")
    assert status == 200 and b'<div id="root">' in body
    assert_security_headers(headers)
    assert "ke_replica=" in (headers["Set-Cookie"] or "")  # a first visit gets its affinity key
    asset = re.search(rb'src="\./(static/js/index\.[^"]+\.js)"', body)
    assert asset, "the page names its main script"
    status, headers, script = get(f"{stack.nginx.url}/{asset.group(1).decode()}")
    assert status == 200 and "javascript" in headers["Content-Type"] and len(script) > 1000
    assert_security_headers(headers)


def test_unknown_host_gets_no_answer(stack: Stack):
    """nginx answers only for its server names; any other Host is closed without a response (444)."""
    status, _, _ = get(f"{stack.nginx.url}/_stcore/health", host=f"localhost:{stack.nginx.port}")
    assert status == 200
    for host in ("evil.example", f"attacker.test:{stack.nginx.port}", "127.0.0.2"):
        conn = http.client.HTTPConnection("127.0.0.1", stack.nginx.port, timeout=15)
        try:
            conn.putrequest("GET", "/", skip_host=True)
            conn.putheader("Host", host)
            conn.endheaders()
            with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
                conn.getresponse()
        finally:
            conn.close()


@pytest.mark.parametrize("path", PATHS + COMPONENT_PATHS)
def test_no_repository_file_is_served_through_nginx(stack: Stack, path):
    """nginx passes odd paths on as the browser sent them (or refuses them): still no file leaks."""
    status, body = fetch(f"{stack.nginx.url}/{path}")
    assert status in (200, 400, 404), status
    for name, line in SECRET_LINES.items():
        assert line not in body, (path, name)
    assert "root:" not in body


async def open_websocket(ws_url: str, port: int, host: str) -> str:
    """Open the app's websocket on 127.0.0.1:port sending `host` as the Host header: 'open' or the status."""
    uri = ws_url.replace(f"127.0.0.1:{port}", host)  # the URI's host becomes the Host header
    try:
        async with websockets.connect(uri, host="127.0.0.1", port=port, subprotocols=["streamlit"],
                                      open_timeout=15):
            return "open"
    except websockets.InvalidStatus as exc:
        return str(exc.response.status_code)


def test_replicas_accept_websockets_only_for_allowed_hosts(stack: Stack):
    """Behind a proxy that someone misconfigures, server.allowedHosts still refuses foreign Host names."""
    replica = stack.replicas[0]
    port = stack.port_of(replica)
    results = {host: run_async(open_websocket(replica.ws_url, port, host), timeout=60)
               for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"evil.example:{port}")}
    assert results == {f"localhost:{port}": "open", f"127.0.0.1:{port}": "open", f"evil.example:{port}": "403"}


VIOLATIONS_JS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.mark.parametrize("path", ["onset", "routes"])
def test_charts_draw_under_the_content_security_policy(page_factory, stack: Stack, path):
    page = page_factory()
    page.add_init_script(VIOLATIONS_JS)
    response = page.goto(f"{stack.nginx.url}/{path}", wait_until="domcontentloaded")
    assert "frame-ancestors" in (response.headers.get("content-security-policy") or "")  # the policy is on
    page.wait_for_function(charts_drawn(PAGES[path]), timeout=30_000)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=30_000)
    assert page.locator(".js-plotly-plot").count() == PAGES[path]
    assert page.locator(APP_ERRORS).count() == 0, page.locator(APP_ERRORS).all_inner_texts()
    assert page.evaluate("window.__cspViolations") == []
    assert [e for e in page.console_errors if "Content Security Policy" in e or "Refused to" in e] == []
