#!/usr/bin/env bash
# Turns a fresh Debian 12 or 13 PC into a Gatecast screen: Chromium full screen on one screen's player,
# logged in automatically at boot, restarted when it dies and each night at 04:00.
#
#   sudo bash player/kiosk/install.sh
#
# Then set GATECAST_URL in /etc/gatecast/kiosk.env, reboot, and pair the screen with the code it shows
# (README: "Setting up a screen PC").
# Safe to run again, e.g. after pulling a newer Gatecast: it replaces the installed script, units and
# settings, and never touches an existing /etc/gatecast/kiosk.env.
#
# What it sets up, and why this way:
# - LightDM logs the `gatecast` user in at boot, into a session of its own (gatecast-session): no
#   desktop, so no update notifier, lock screen or notification can pop up over the content. LightDM
#   rather than GDM: it autologins from one config file, and X without a cursor is one flag.
# - The session starts gatecast-session.target; systemd (the user's manager) starts Chromium through
#   gatecast-kiosk.service and restarts it; gatecast-kiosk-restart.timer restarts it each night.
# - Screen blanking and power saving are off (X server flags and xset), the cursor is hidden (X -nocursor).
# - A Chromium policy (chromium-policy.json) backs the launch flags up where a flag is not enough:
#   TranslateEnabled (the translate bar), AutoplayAllowed (sound without a click),
#   CommandLineFlagSecurityWarningsEnabled (no "unsupported command-line flag" bar if a risky flag is
#   ever added in EXTRA_FLAGS), no sign-in, sync, password or default-browser prompts, no notification,
#   location, camera or microphone prompts, no downloads, and no Chromium left running without a window.
set -euo pipefail

readonly KIOSK_USER=gatecast
readonly ENV_FILE=/etc/gatecast/kiosk.env
readonly CA_FILE=/etc/gatecast/ca.crt
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() {
  echo "install.sh: $*" >&2
  exit 1
}
step() { echo "== $*"; }

[[ $(id -u) -eq 0 ]] || die "run it as root: sudo bash $0"
command -v apt-get >/dev/null || die "this installer is for Debian (no apt-get here)"
# shellcheck source=/dev/null
. /etc/os-release
[[ ${ID:-} == debian ]] || echo "install.sh: warning: written for Debian 12 and 13; this is ${PRETTY_NAME:-unknown}" >&2
for file in gatecast-kiosk.sh gatecast-session.sh gatecast-session.desktop lightdm-gatecast.conf \
  chromium-policy.json kiosk.env.example gatecast-session.target gatecast-kiosk.service \
  gatecast-kiosk-restart.service gatecast-kiosk-restart.timer gatecast-agent.service; do
  [[ -f $here/$file ]] || die "$here/$file is missing: run install.sh from a full copy of player/kiosk/"
done
# The kiosk agent, built by `npm run build` (dist/kiosk/gatecast-agent.mjs): copied beside this script,
# or found in the repository's dist/ when install.sh runs from a checkout. Its sources are in agent/.
agent_bundle=$here/gatecast-agent.mjs
[[ -f $agent_bundle ]] || agent_bundle=$here/../../dist/kiosk/gatecast-agent.mjs
[[ -f $agent_bundle ]] || die "gatecast-agent.mjs is missing: run npm run build and copy dist/kiosk/gatecast-agent.mjs beside install.sh"

step "Debian packages"
packages=(
  chromium                  # the browser the player is built and tested for
  fonts-noto-core           # Vietnamese for Chromium's own pages (errors); the player bundles its fonts
  fonts-noto-cjk            # Chinese for the same
  xserver-xorg              # X with the video and input drivers
  x11-xserver-utils         # xset, to keep the screen from blanking
  lightdm                   # the display manager that logs the kiosk user in
  openbox                   # a small window manager, so Chromium's full screen fills the panel
  dbus-user-session         # one D-Bus per user, shared by the session and the systemd user units
  pipewire-audio            # sound for screens with speakers, on the HDMI or analog output
  jq                        # clears Chromium's crash markers in the profile at each start
  libnss3-tools             # certutil, to trust the server's certificate authority (ca.crt)
  nodejs                    # the kiosk agent (Node 20: Debian 13's; on Debian 12 from bookworm-backports)
  ddcutil                   # the agent's DDC/CI: a monitor's power and backlight
  cec-utils                 # the agent's HDMI-CEC (cec-client): a TV-style display's power
)
export DEBIAN_FRONTEND=noninteractive
# Where GDM is already installed, make LightDM the display manager without asking.
echo "lightdm shared/default-x-display-manager select lightdm" | debconf-set-selections
apt-get update -qq
apt-get install -y "${packages[@]}"

step "user $KIOSK_USER"
if id "$KIOSK_USER" >/dev/null 2>&1; then
  echo "exists"
else
  # No password: it logs in only through LightDM's autologin; technicians use their own accounts.
  useradd --create-home --shell /bin/bash --comment "Gatecast screen" "$KIOSK_USER"
fi
home=$(getent passwd "$KIOSK_USER" | cut -d: -f6)

step "files"
install -D -m 0755 "$here/gatecast-kiosk.sh" /usr/local/bin/gatecast-kiosk
install -D -m 0755 "$here/gatecast-session.sh" /usr/local/lib/gatecast/gatecast-session
install -D -m 0644 "$here/gatecast-session.desktop" /usr/share/xsessions/gatecast.desktop
install -D -m 0644 "$here/lightdm-gatecast.conf" /etc/lightdm/lightdm.conf.d/50-gatecast.conf
install -D -m 0644 "$here/chromium-policy.json" /etc/chromium/policies/managed/gatecast-kiosk.json
install -D -m 0644 "$agent_bundle" /usr/local/lib/gatecast/gatecast-agent.mjs
for unit in gatecast-session.target gatecast-kiosk.service gatecast-kiosk-restart.service \
  gatecast-kiosk-restart.timer gatecast-agent.service; do
  install -D -m 0644 "$here/$unit" "/etc/systemd/user/$unit"
done
if [[ -e $ENV_FILE ]]; then
  echo "kept $ENV_FILE"
else
  install -D -m 0644 "$here/kiosk.env.example" "$ENV_FILE"
  echo "wrote $ENV_FILE: set GATECAST_URL in it"
fi

# A server certificate from the border gates' own authority: Chromium on Linux trusts what is in the
# user's NSS database. Put the authority's certificate at /etc/gatecast/ca.crt and run install.sh again.
if [[ -f $CA_FILE ]]; then
  step "trust $CA_FILE for $KIOSK_USER"
  nssdb=$home/.pki/nssdb
  install -d -o "$KIOSK_USER" -g "$KIOSK_USER" -m 0700 "$home/.pki" "$nssdb"
  if [[ ! -f $nssdb/cert9.db ]]; then
    runuser -u "$KIOSK_USER" -- certutil -N -d "sql:$nssdb" --empty-password
  fi
  runuser -u "$KIOSK_USER" -- certutil -D -d "sql:$nssdb" -n "Gatecast CA" 2>/dev/null || true
  runuser -u "$KIOSK_USER" -- certutil -A -d "sql:$nssdb" -n "Gatecast CA" -t "C,," -i "$CA_FILE"
fi

step "boot into the kiosk"
echo /usr/sbin/lightdm >/etc/X11/default-display-manager
# --force: display-manager.service may still point at another display manager.
systemctl enable --force lightdm.service
systemctl set-default graphical.target
# --global: for every user, but only the Gatecast session starts gatecast-session.target, which is
# what these are wanted by; another user's desktop never starts a kiosk.
systemctl --global enable gatecast-kiosk.service gatecast-kiosk-restart.timer gatecast-agent.service
# DDC/CI talks over the video cable's I2C bus: the kiosk user needs the i2c group to reach /dev/i2c-*.
getent group i2c >/dev/null && usermod -a -G i2c "$KIOSK_USER"

timezone=$(timedatectl show --property=Timezone --value 2>/dev/null || cat /etc/timezone 2>/dev/null || echo unknown)
echo
echo "Done. The nightly browser restart runs at 04:00 in this PC's time zone: $timezone"
echo "(set it with: timedatectl set-timezone Asia/Ho_Chi_Minh)."
if grep -q '^GATECAST_URL=.\+' "$ENV_FILE"; then
  echo "Reboot to start the kiosk: $(grep '^GATECAST_URL=' "$ENV_FILE")"
else
  echo "Next: set GATECAST_URL in $ENV_FILE, then reboot."
fi
