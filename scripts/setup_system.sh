#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those that are missing (idempotent).
#   graphviz      - `dot`, which draws the PNG/SVG exports
#   fonts-dejavu-core - the exports' Latin font (first in builder/catalog/style.py's stack):
#                   its U+005C is a backslash (Korean fonts draw a won sign there)
#   fonts-nanum   - a Korean font, so Hangul renders as text, not empty boxes
#   chromium      - headless browser for the end-to-end tests (only with --browser)
#   nodejs, npm   - to build the editor
#   gettext       - msgfmt, which compiles the server pages' Korean (builder/locale, `make messages`)
set -euo pipefail

want=()
command -v dot >/dev/null 2>&1 || want+=(graphviz)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || want+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -qi nanum || want+=(fonts-nanum)
command -v node >/dev/null 2>&1 || want+=(nodejs)
command -v npm >/dev/null 2>&1 || want+=(npm)
command -v msgfmt >/dev/null 2>&1 || want+=(gettext)
command -v python3 >/dev/null 2>&1 && python3 -c 'import venv, ensurepip' 2>/dev/null || want+=(python3-venv)
if [[ "${1:-}" == "--browser" ]]; then
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
fi

if ((${#want[@]})); then
  echo "Installing Debian packages: ${want[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${want[@]}"
fi
