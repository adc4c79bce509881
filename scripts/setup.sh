#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine with Node 20: LibreOffice Calc
# (the real spreadsheet engine the tests recalculate with), Chromium (the real browser the
# task-pane tests drive through playwright-core), openpyxl (the reader tests' outside
# oracle) and the npm packages. Regenerating test/readers/corpus also needs gnumeric
# (scripts/reader-corpus/make.sh); the tests use the committed files.
set -euo pipefail
cd "$(dirname "$0")/.."
APT_PACKAGES=()
command -v soffice >/dev/null 2>&1 || APT_PACKAGES+=(libreoffice-calc fonts-liberation)
[ -x /usr/bin/chromium ] || APT_PACKAGES+=(chromium)
# openpyxl: the outside oracle of the reader's differential test (test/readers).
/usr/bin/python3 -c "import openpyxl" >/dev/null 2>&1 || APT_PACKAGES+=(python3-openpyxl)
if [ ${#APT_PACKAGES[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}"
fi
npm ci --no-audit --no-fund
