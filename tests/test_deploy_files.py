"""The deploy files agree with the app and with each other: Dockerfile, compose, nginx template, k8s.

None of these can run here (no Docker engine, no cluster), so what can be checked without them is:
kustomize renders the manifests, nginx accepts the rendered template, and every name one file gives
another (ports, probe paths, secrets, template variables, the security headers) matches.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml

from explainer import registry
from tests import proxy
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
TEMPLATE_VARS = {"APP_UPSTREAMS", "LISTEN", "SERVER_NAMES", "FRAME_ANCESTORS", "ACCESS_LOG"}


def csp_of(text: str) -> dict[str, list[str]]:
    """The directives of the first Content-Security-Policy value found in `text`."""
    m = re.search(r"Content-Security-Policy:?\s+\"?([^\"]+)\"", text)
    assert m, "no Content-Security-Policy in the file"
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in m.group(1).split(";")) if d}


# --- Dockerfile ----------------------------------------------------------------------------------

def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line.strip() else "")
            for line in (raw.strip() for raw in text.splitlines()) if line and not line.startswith("#")]


def local_imports() -> set[str]:
    """Top-level names of this repository that the served app imports (dashboard, pages, explainer)."""
    names = set()
    for path in [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "explainer").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
            names |= {m.split(".")[0] for m in modules}
    return {n for n in names if (ROOT / n).is_dir() or (ROOT / f"{n}.py").exists()}


def test_dockerfile_runs_the_app_unprivileged_with_a_health_check():
    steps = dockerfile()
    froms = [args for op, args in steps if op == "FROM"]
    assert froms and froms[0].startswith("python:3.11-slim")
    users = [args for op, args in steps if op == "USER"]
    assert users and users[-1] not in ("root", "0")
    health = " ".join(args for op, args in steps if op == "HEALTHCHECK")
    assert "http://127.0.0.1:8501/_stcore/health" in health
    cmd = " ".join(args for op, args in steps if op == "CMD")
    for part in ('"streamlit", "run", "dashboard.py"', '"--server.address", "0.0.0.0"', '"--server.port", "8501"',
                 '"--server.headless", "true"'):
        assert part in cmd
    run = " ".join(args for op, args in steps if op == "RUN")
    assert "packages.txt" in run and "requirements.txt" in run  # chromium for kaleido; pinned packages


def test_the_image_holds_everything_the_app_imports_and_serves():
    copied = {args.split()[0].rstrip("/") for op, args in dockerfile() if op == "COPY" and "--from" not in args}
    scripts = {p.script.split("/")[0] for p in registry.PAGES}  # the page scripts st.navigation runs
    needed = {"dashboard.py", ".streamlit/config.toml", "data", *local_imports(), *scripts}
    assert needed - copied == set()
    assert "explainer" in needed and "pages" in needed  # the scan found the app's own packages


def test_dockerignore_keeps_secrets_and_environments_out():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()}
    assert {".git", ".venv", "build"} <= ignored


# --- compose + nginx template --------------------------------------------------------------------

def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def test_template_variables_are_the_documented_ones():
    text = proxy.TEMPLATE.read_text(encoding="utf-8")
    assert set(proxy.VARIABLE.findall(text)) == TEMPLATE_VARS
    for name in TEMPLATE_VARS:
        assert f"#   {name}" in text  # each one explained at the top


def test_render_refuses_a_variable_without_a_value():
    with pytest.raises(KeyError, match="LISTEN"):
        proxy.render("listen ${LISTEN}; set $x $host;", {})
    assert proxy.render("listen ${LISTEN}; set $x $host;", {"LISTEN": "80"}) == "listen 80; set $x $host;"


def test_compose_runs_replicas_behind_nginx_with_one_cookie_secret():
    services = compose()["services"]
    app, nginx = services["app"], services["proxy"]
    assert app["deploy"]["replicas"] >= 2
    assert app["build"]["dockerfile"] == "Dockerfile"
    secret = app["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"]
    assert secret.startswith("${STREAMLIT_SERVER_COOKIE_SECRET:?")  # required, one value for all replicas
    assert "STREAMLIT_SERVER_ALLOWED_HOSTS" in app["environment"]
    assert app["environment"]["STREAMLIT_SERVER_ALLOWED_HOSTS"] == nginx["environment"]["SERVER_NAMES"]
    mounts = [v.split(":") for v in nginx["volumes"]]
    assert ["./nginx/ketamine.conf.template", "/etc/nginx/templates/default.conf.template", "ro"] in mounts
    assert (DEPLOY / "nginx" / "ketamine.conf.template").exists()
    env = nginx["environment"]
    assert set(env) - {"NGINX_ENVSUBST_FILTER"} == TEMPLATE_VARS  # every variable set, no stray one
    name_filter = re.compile(env["NGINX_ENVSUBST_FILTER"].replace("$$", "$"))
    assert all(name_filter.search(v) for v in TEMPLATE_VARS)
    assert not any(name_filter.search(v) for v in ("HOST", "PATH", "APP_UPSTREAMS_X"))  # nginx's $host stays
    assert "server app:8501" in env["APP_UPSTREAMS"]
    assert nginx["depends_on"]["app"]["condition"] == "service_healthy"


def nginx_or_fail() -> str:
    binary = proxy.nginx_binary()
    if binary is None:
        pytest.fail("No nginx found: run `make nginx` (installs Debian's nginx package).")
    return binary


@pytest.mark.slow  # starts a process
@pytest.mark.parametrize("ancestors", ["", "https://example.org https://*.example.net"])
def test_nginx_accepts_the_rendered_template(ancestors):
    binary = nginx_or_fail()
    prefix = Path(tempfile.mkdtemp(prefix="ke-nginx-t-"))
    try:
        main = proxy.write_config(prefix, 8080, [8501, 8502], frame_ancestors=ancestors)
        site = (prefix / "ketamine.conf").read_text(encoding="utf-8")
        assert "${" not in site
        assert f"frame-ancestors 'self' {ancestors}\"" in site
        result = subprocess.run(proxy.nginx_command(binary, prefix, main, "-t"), capture_output=True, text=True,
                                check=False)
        assert result.returncode == 0, result.stderr
        assert "test is successful" in result.stderr
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


@pytest.mark.slow  # starts a process
def test_nginx_rejects_a_broken_render():
    """The check above can fail: a template whose upstream has no server is refused."""
    binary = nginx_or_fail()
    prefix = Path(tempfile.mkdtemp(prefix="ke-nginx-t-"))
    try:
        main = proxy.write_config(prefix, 8080, [])
        result = subprocess.run(proxy.nginx_command(binary, prefix, main, "-t"), capture_output=True, text=True,
                                check=False)
        assert result.returncode != 0 and "no servers are inside upstream" in result.stderr
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


# --- Kubernetes -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def manifests() -> dict[str, dict]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed")
    out = subprocess.run([kubectl, "kustomize", str(DEPLOY / "k8s")], capture_output=True, text=True, check=False,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    docs = [d for d in yaml.safe_load_all(out.stdout) if d]
    by_kind = {d["kind"]: d for d in docs}
    assert len(by_kind) == len(docs), "one object of each kind"
    return by_kind


def test_kustomize_renders_every_object(manifests):
    assert set(manifests) == {"Namespace", "ConfigMap", "Secret", "Deployment", "Service", "Ingress"}
    namespaces = {d["metadata"].get("namespace") for kind, d in manifests.items() if kind != "Namespace"}
    assert namespaces == {manifests["Namespace"]["metadata"]["name"]}


def test_deployment_replicas_probes_resources_and_non_root(manifests):
    dep = manifests["Deployment"]
    assert dep["spec"]["replicas"] >= 2
    pod = dep["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
    image_user = [args for op, args in dockerfile() if op == "USER"][-1]
    assert image_user == f"{pod['securityContext']['runAsUser']}:{pod['securityContext']['runAsGroup']}"
    (container,) = pod["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"http": 8501}
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": "http"}
    assert {"cpu", "memory"} <= set(container["resources"]["requests"]) and "memory" in container["resources"]["limits"]
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert {m["mountPath"] for m in container["volumeMounts"]} >= {"/tmp"}  # writable where Chromium writes


def test_every_replica_reads_the_one_cookie_secret(manifests):
    container = manifests["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    refs = {next(iter(r)): r[next(iter(r))]["name"] for r in container["envFrom"]}
    assert refs["secretRef"] == manifests["Secret"]["metadata"]["name"]
    assert refs["configMapRef"] == manifests["ConfigMap"]["metadata"]["name"]
    assert set(manifests["Secret"]["stringData"]) == {"STREAMLIT_SERVER_COOKIE_SECRET"}
    assert "REPLACE-ME" in manifests["Secret"]["stringData"]["STREAMLIT_SERVER_COOKIE_SECRET"]  # a placeholder


def test_service_and_ingress_reach_the_pods(manifests):
    dep, svc, ing = manifests["Deployment"], manifests["Service"], manifests["Ingress"]
    labels = dep["spec"]["template"]["metadata"]["labels"]
    assert svc["spec"]["selector"].items() <= labels.items() and svc["spec"]["selector"]
    assert dep["spec"]["selector"]["matchLabels"].items() <= labels.items()
    (port,) = svc["spec"]["ports"]
    assert port["targetPort"] == "http"
    (rule,) = ing["spec"]["rules"]
    backend = rule["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": svc["metadata"]["name"], "port": {"name": port["name"]}}
    allowed = manifests["ConfigMap"]["data"]["STREAMLIT_SERVER_ALLOWED_HOSTS"].split()
    assert rule["host"] in allowed  # the websocket accepts the public host name


def test_ingress_affinity_timeouts_and_headers_match_the_nginx_template(manifests):
    notes = manifests["Ingress"]["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert notes[prefix + "affinity"] == "cookie"
    assert notes[prefix + "session-cookie-name"] == "ke_replica"
    assert int(notes[prefix + "proxy-read-timeout"]) >= 3600 and int(notes[prefix + "proxy-send-timeout"]) >= 3600
    snippet = notes[prefix + "configuration-snippet"]
    assert '"X-Content-Type-Options: nosniff"' in snippet
    assert '"Referrer-Policy: strict-origin-when-cross-origin"' in snippet
    ingress_csp, nginx_csp = csp_of(snippet), csp_of(proxy.TEMPLATE.read_text(encoding="utf-8"))
    same = set(nginx_csp) - {"connect-src", "frame-ancestors"}  # these two name hosts differently
    assert {d: ingress_csp.get(d) for d in same} == {d: nginx_csp[d] for d in same}
    assert ingress_csp["frame-ancestors"][0] == "'self'" and "'self'" in ingress_csp["connect-src"]


# --- continuous integration ----------------------------------------------------------------------

def workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def test_audit_runs_on_every_push_and_weekly():
    wf = workflow("audit.yml")
    triggers = wf[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers
    (cron,) = (s["cron"] for s in triggers["schedule"])
    assert len(cron.split()) == 5 and cron.split()[2:4] == ["*", "*"] and cron.split()[4] != "*"  # weekly
    steps = [s.get("run") for job in wf["jobs"].values() for s in job["steps"]]
    assert "make audit" in steps


def test_the_test_workflow_runs_make_test():
    steps = [s.get("run") for job in workflow("test.yml")["jobs"].values() for s in job["steps"]]
    assert "make test" in steps


def test_dependabot_updates_pip_and_actions_weekly():
    cfg = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {u["package-ecosystem"]: u for u in cfg["updates"]}
    assert {"pip", "github-actions"} <= set(updates)
    assert all(u["schedule"]["interval"] == "weekly" for u in updates.values())
    assert updates["pip"]["directory"] == "/"
    assert {"requirements.txt", "requirements-dev.txt"} <= {p.name for p in ROOT.glob("*requirements*.txt")}
