#!/usr/bin/env bash
# Brings the system packages the tests need, the way `playwright install --with-deps` would:
# Debian's Chromium (the screens' browser), Noto CJK fonts (without them Chinese renders as
# empty boxes), ffmpeg (test fixtures only), the X tools the kiosk tests use, Caddy
# (the TLS proxy's own configuration is run by a test), Redis and PostgreSQL. Installs them
# when running as root; otherwise says exactly what to install.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! fc-list 2>/dev/null | grep -q 'Noto Sans CJK'; then missing+=(fonts-noto-cjk); fi
# Tests make their video fixtures (H.264, VP8/VP9, HEVC) with ffmpeg; the server never needs it.
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
# The kiosk set-up tests run the launch script's Chromium in a virtual display with the same window
# manager as a screen PC, grab its picture, and lint the shell scripts.
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v openbox >/dev/null || missing+=(openbox)
command -v xwd >/dev/null || missing+=(x11-apps)
command -v xset >/dev/null || missing+=(x11-xserver-utils)
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v jq >/dev/null || missing+=(jq)
# The deployment tests run the TLS proxy's Caddyfile in Debian's Caddy.
command -v caddy >/dev/null || missing+=(caddy)
# More than one server node shares socket.io broadcasts through a real Redis, started by the tests.
command -v redis-server >/dev/null || missing+=(redis-server)
# The PostgreSQL engine's tests start their own server (Debian puts it in /usr/lib/postgresql/<major>/bin).
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "The tests need: ${missing[*]} (Debian/Ubuntu package names); install them with your package manager." >&2
  exit 1
fi

echo "Installing test dependencies: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
