"""Run the repository's own nginx config in front of app replicas, on 127.0.0.1, as an ordinary process.

The config under test is `deploy/nginx/ketamine.conf.template`, rendered with the replicas' ports;
this module only wraps it in the process-level settings a throwaway nginx needs (a temp prefix for
its pid, logs and buffers, `daemon off`), so the tests exercise the file that is deployed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.harness import ROOT, free_port, stop_process

TEMPLATE = ROOT / "deploy" / "nginx" / "ketamine.conf.template"
VARIABLE = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")
SERVER_NAMES = "127.0.0.1 localhost"

MAIN_CONF = """\
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    types {{ text/html html; }}
    include {prefix}/ketamine.conf;
}}
"""


def render(template: str, values: dict[str, str]) -> str:
    """Substitute `${NAME}` like envsubst, leaving nginx's own `$variables` alone.

    Fails on a `${NAME}` the caller did not give, so a new template variable cannot slip through
    unrendered (nginx would read it as an unknown variable or a literal)."""
    missing = sorted({m for m in VARIABLE.findall(template) if m not in values})
    if missing:
        raise KeyError(f"no value for template variable(s): {', '.join(missing)}")
    return VARIABLE.sub(lambda m: values[m.group(1)], template)


def nginx_binary() -> str | None:
    """Debian's nginx (scripts/ensure-nginx.sh installs it), or whatever `nginx` is on PATH."""
    for candidate in (os.environ.get("NGINX_PATH"), "/usr/sbin/nginx", shutil.which("nginx")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def upstream_lines(ports: list[int]) -> str:
    """The APP_UPSTREAMS value for replicas on 127.0.0.1 (a dead replica is skipped for 10 s)."""
    return " ".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in ports)


@dataclass
class Proxy:
    """A running nginx: its process, address and temp prefix (config, logs)."""

    proc: subprocess.Popen
    port: int
    prefix: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def access_log(self) -> list[str]:
        path = self.prefix / "access.log"
        return path.read_text(encoding="utf-8", errors="replace").splitlines() if path.exists() else []

    def error_log(self) -> str:
        path = self.prefix / "error.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """Stop nginx (kill it if it does not exit within 10 s) and remove its prefix."""
        stop_process(self.proc)
        shutil.rmtree(self.prefix, ignore_errors=True)


def write_config(prefix: Path, port: int, upstream_ports: list[int], frame_ancestors: str = "") -> Path:
    """The rendered template plus the process-level wrapper, in `prefix`; returns the main config."""
    site = render(TEMPLATE.read_text(encoding="utf-8"), {
        "APP_UPSTREAMS": upstream_lines(upstream_ports),
        "LISTEN": f"127.0.0.1:{port}",
        "SERVER_NAMES": SERVER_NAMES,
        "FRAME_ANCESTORS": frame_ancestors,
        "ACCESS_LOG": str(prefix / "access.log"),
    })
    (prefix / "ketamine.conf").write_text(site, encoding="utf-8")
    main = prefix / "nginx.conf"
    main.write_text(MAIN_CONF.format(prefix=prefix), encoding="utf-8")
    return main


def nginx_command(binary: str, prefix: Path, main: Path, *extra: str) -> list[str]:
    return [binary, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(main), *extra]


def start_proxy(upstream_ports: list[int], frame_ancestors: str = "", timeout: float = 30.0) -> Proxy:
    """nginx in the foreground on a free 127.0.0.1 port in front of the given replicas; returns once
    it answers /_stcore/health through to a replica."""
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx not found: run `make nginx` (installs Debian's nginx package)")
    prefix = Path(tempfile.mkdtemp(prefix="ke-nginx-"))
    prefix.chmod(0o755)  # nginx started as root runs its workers as nobody: they need to enter it
    port = free_port()
    main = write_config(prefix, port, upstream_ports, frame_ancestors)
    check = subprocess.run(nginx_command(binary, prefix, main, "-t", "-q"), capture_output=True, text=True,
                           check=False)
    if check.returncode != 0:
        shutil.rmtree(prefix, ignore_errors=True)
        raise RuntimeError(f"nginx rejects the rendered config: {check.stderr.strip()}")
    proc = subprocess.Popen(nginx_command(binary, prefix, main, "-g", "daemon off;"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proxy = Proxy(proc, port, prefix)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = proxy.error_log()
            proxy.stop()
            raise RuntimeError(f"nginx exited with code {proc.returncode}: {log[-2000:]}")
        try:
            with urllib.request.urlopen(f"{proxy.url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proxy
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.05)
    proxy.stop()
    raise TimeoutError(f"nginx on port {port} did not pass /_stcore/health through within {timeout:.0f} s")
