#!/usr/bin/env bash
# The replica tests put the repository's own nginx config in front of two app processes.
# Installs Debian's nginx when it is missing (without starting the system service); prints the path.
set -euo pipefail
for candidate in "${NGINX_PATH:-}" /usr/sbin/nginx; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "nginx: $candidate"; exit 0; fi
done
if command -v nginx >/dev/null 2>&1; then echo "nginx: $(command -v nginx)"; exit 0; fi
echo "nginx not found: installing Debian's nginx package"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
# The package would start a system nginx on port 80; the tests run their own, so keep it stopped
# (invoke-rc.d asks policy-rc.d, and 101 means "do not start services").
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
  trap '$SUDO rm -f "$POLICY"' EXIT
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod 755 "$POLICY"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq nginx >/dev/null
echo "nginx: $(command -v nginx || echo /usr/sbin/nginx)"
