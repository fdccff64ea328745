#!/usr/bin/env bash
# Installs what the virus-scanning tests (scan/) need from Debian's
# packages: clamd (clamav-daemon) and sigtool (clamav). The tests start a
# clamd of their own, on a database sigtool makes from the EICAR test file,
# so no signatures are downloaded (freshclam's mirrors may be out of reach).
#
# The packages also bring the system's own services, clamav-daemon and
# clamav-freshclam: without a database the first cannot start and the
# second retries the mirrors for ever, so when this script installs them it
# stops and disables both. Where clamd was installed before, its services
# are left as they are.
# Idempotent: it installs only what is missing and says what it did.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

need=()
if [ -x /usr/sbin/clamd ] || command -v clamd >/dev/null 2>&1; then
  echo "install-clamav: clamd already installed ($(clamd --version 2>/dev/null || /usr/sbin/clamd --version 2>/dev/null || echo 'version unknown'))"
else
  need+=(clamav-daemon)
fi
if command -v sigtool >/dev/null 2>&1; then
  echo "install-clamav: sigtool already installed"
else
  need+=(clamav)
fi

if [ "${#need[@]}" -eq 0 ]; then
  echo "install-clamav: nothing to do"
  exit 0
fi

apt_install "${need[@]}"

# Stop and disable the services the packages set up, under systemd or
# under the init scripts where systemd is not running (containers).
for service in clamav-freshclam clamav-daemon; do
  if [ ! -e "/etc/init.d/$service" ] && [ ! -e "/lib/systemd/system/$service.service" ]; then
    continue
  fi
  if [ -d /run/systemd/system ]; then
    as_root systemctl disable --now "$service.service" >/dev/null 2>&1 || true
  else
    as_root service "$service" stop >/dev/null 2>&1 || true
    as_root update-rc.d "$service" disable >/dev/null 2>&1 || true
  fi
done
if [ -d /run/systemd/system ]; then
  as_root systemctl disable --now clamav-daemon.socket >/dev/null 2>&1 || true
fi
echo "install-clamav: the system's clamav-daemon and clamav-freshclam services are stopped and disabled (the tests start their own clamd)"

if [ ! -x /usr/sbin/clamd ] || ! command -v sigtool >/dev/null 2>&1; then
  echo "install-clamav: clamd or sigtool is still missing after installing ${need[*]}" >&2
  exit 1
fi
echo "install-clamav: installed ${need[*]}; $(/usr/sbin/clamd --version 2>/dev/null || true)"
