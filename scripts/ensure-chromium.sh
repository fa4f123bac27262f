#!/usr/bin/env bash
# Browser tests drive the system Chromium (Playwright cannot download one here).
# Installs Debian's chromium when it is missing; prints the path it found.
set -euo pipefail
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "chromium: $candidate"; exit 0; fi
done
echo "chromium not found: installing Debian's chromium package"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
echo "chromium: $(command -v chromium)"
