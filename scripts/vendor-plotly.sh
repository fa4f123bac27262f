#!/usr/bin/env bash
# Vendors the partial plotly.js bundle the static mirror serves (scatter and bar traces only: the only
# trace types the charts use). Pinned to the plotly.js version the Python `plotly` package bundles
# (tests/test_static_site.py checks they match); the tarball is checked against its registry integrity.
# Needs npm. Rerun after upgrading `plotly` in requirements.txt, with the new version and integrity.
set -euo pipefail
VERSION=4.1.1
INTEGRITY="sha512-1oNF8PeQx2hv/y7tqEVWKD3JGwn/MGEMQ8mL9HUwsaqG9FGy/OU5FHUHvzqbqxN4mnwZGI9abTiE775C4kkjMQ=="
DEST="$(cd "$(dirname "$0")/.." && pwd)/explainer/site_assets"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
npm pack --silent "plotly.js-basic-dist-min@$VERSION" >/dev/null
TARBALL="plotly.js-basic-dist-min-$VERSION.tgz"
GOT="sha512-$(openssl dgst -sha512 -binary "$TARBALL" | base64 -w0)"
if [ "$GOT" != "$INTEGRITY" ]; then echo "integrity mismatch: $GOT" >&2; exit 1; fi
tar xzf "$TARBALL"
cp package/plotly-basic.min.js "$DEST/plotly-basic.min.js"
cp package/LICENSE "$DEST/plotly-LICENSE.txt"
echo "vendored plotly.js-basic-dist-min $VERSION into $DEST"
