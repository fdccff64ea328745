#!/usr/bin/env bash
# Installs what the browser tests in e2e/ need from Debian's packages:
# Chromium (the tests drive /usr/bin/chromium; no browser is ever downloaded
# from elsewhere) and a CJK font so that screenshots of Chinese pages render.
# Idempotent: it installs only what is missing and says what it did.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -E)
  else
    echo "install-browser: not root and sudo is not available" >&2
    exit 1
  fi
fi

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

echo "install-browser: installing ${need[*]}"
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends "${need[@]}"

if [ ! -x /usr/bin/chromium ]; then
  echo "install-browser: /usr/bin/chromium is still missing after installing chromium" >&2
  exit 1
fi
echo "install-browser: installed ${need[*]}; $(/usr/bin/chromium --version 2>/dev/null || true)"
