#!/usr/bin/env bash
# Lighthouse performance and accessibility of every page of the static mirror, served by
# `python -m http.server` on 127.0.0.1 (no compression: the figures are a worst case against a CDN).
# Usage: bench/lighthouse.sh [SITE_DIR]   (default build/site; build it first with `make site`)
#        PRESET=desktop bench/lighthouse.sh   (Lighthouse's desktop profile; default: mobile, throttled)
# Needs npm (installs a pinned lighthouse under build/lighthouse) and Chromium (CHROME_PATH).
# Not part of `make test`: it prints figures, it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
SITE="${1:-build/site}"
PY="${PY:-.venv/bin/python}"
LIGHTHOUSE_VERSION=12.8.2  # the newest release that runs on Node 20
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
[ -f "$SITE/index.html" ] || { echo "no mirror in $SITE: run make site first" >&2; exit 1; }
TOOLS=build/lighthouse
if [ ! -x "$TOOLS/node_modules/.bin/lighthouse" ]; then
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$PY" -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done
mkdir -p "$TOOLS/reports"
printf '%-12s %12s %14s %8s %8s %8s %10s\n' page performance accessibility "FCP s" "LCP s" "TBT ms" "CLS"
for path in $("$PY" -c 'from explainer import registry; print(" ".join(p.path or "." for p in registry.PAGES))'); do
  name="${path//./index}"
  url="http://127.0.0.1:$PORT/${path#.}"; [ "$path" = "." ] || url="$url/"
  "$TOOLS/node_modules/.bin/lighthouse" "$url" --quiet --output=json --output-path="$TOOLS/reports/$name.json" \
    --only-categories=performance,accessibility ${PRESET:+--preset="$PRESET"} --chrome-flags="--headless --no-sandbox" >/dev/null 2>&1 || true
  node -e '
    const r = require(process.argv[1]); const a = r.audits;
    const pct = c => r.categories[c] && r.categories[c].score !== null ? Math.round(r.categories[c].score * 100) : "-";
    const num = (k, d) => a[k] && a[k].numericValue !== undefined ? (a[k].numericValue / d).toFixed(d > 1 ? 1 : 0) : "-";
    console.log([process.argv[2].padEnd(12), String(pct("performance")).padStart(12),
      String(pct("accessibility")).padStart(14), num("first-contentful-paint", 1000).padStart(8),
      num("largest-contentful-paint", 1000).padStart(8), num("total-blocking-time", 1).padStart(8),
      (a["cumulative-layout-shift"] ? a["cumulative-layout-shift"].numericValue.toFixed(3) : "-").padStart(10)].join(" "));
  ' "$PWD/$TOOLS/reports/$name.json" "/${path#.}"
done
echo "reports: $TOOLS/reports/*.json"
