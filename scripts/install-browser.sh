#!/usr/bin/env bash
# Installs what the browser tests in e2e/ need from Debian's packages:
# Chromium (the tests drive /usr/bin/chromium; no browser is ever downloaded
# from elsewhere) and a CJK font so that screenshots of Chinese pages render.
# Idempotent: it installs only what is missing and says what it did.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

need=()
if [ -x /usr/bin/chromium ]; then
  echo "install-browser: chromium already installed ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
else
  need+=(chromium)
fi

if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]; then
  echo "install-browser: a CJK font is already installed ($(fc-list :lang=zh family | head -n 1))"
else
  need+=(fonts-noto-cjk)
fi

if [ "${#need[@]}" -eq 0 ]; then
  echo "install-browser: nothing to do"
  exit 0
fi

apt_install "${need[@]}"

if [ ! -x /usr/bin/chromium ]; then
  echo "install-browser: /usr/bin/chromium is still missing after installing chromium" >&2
  exit 1
fi
echo "install-browser: installed ${need[*]}; $(/usr/bin/chromium --version 2>/dev/null || true)"
