#!/usr/bin/env bash
# The deck test renders one exported PowerPoint slide to PNG with LibreOffice (headless), as a reader's
# office suite would draw it. Installs Debian's libreoffice-impress (no recommends) when soffice is
# missing; prints the path it found.
set -euo pipefail
for candidate in "${SOFFICE_PATH:-}" /usr/bin/soffice /usr/bin/libreoffice; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "soffice: $candidate"; exit 0; fi
done
echo "soffice not found: installing Debian's libreoffice-impress"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends libreoffice-impress fonts-dejavu-core >/dev/null
echo "soffice: $(command -v soffice)"
