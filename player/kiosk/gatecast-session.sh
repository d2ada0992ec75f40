#!/usr/bin/env bash
# The X session of a Gatecast screen PC, which LightDM logs the gatecast user into at boot
# (gatecast.desktop): no desktop, a screen that never blanks, a window manager so Chromium's full screen
# fills the panel, and the browser handed to systemd (gatecast-session.target pulls in
# gatecast-kiosk.service), which restarts it when it dies.
# Installed as /usr/local/lib/gatecast/gatecast-session by install.sh.
#
# Not `set -e`: a failing helper must not end the session, or LightDM would log in again and again.
set -uo pipefail

say() { echo "gatecast-session: $*" >&2; }

# The window manager first, kept running for the whole session: an X server left with no client resets
# the settings below, and a crashed openbox is started again rather than ending the session (a
# technician ends it with `systemctl restart lightdm` or a reboot). Once X is gone, so is the loop.
keep_window_manager() {
  while xset q >/dev/null 2>&1; do
    openbox || say "openbox exited with status $?"
    sleep 1
  done
}
keep_window_manager &
window_manager=$!
sleep 1 # time for openbox to connect

# LightDM starts X with -s 0 -dpms already, which also survive a server reset; the session says it
# again, because a panel that turns black after ten idle minutes is the failure nobody at the gate
# would report. One setting a call: xset applies none when one fails (a server without DPMS refuses
# -dpms).
for setting in "s off" "s noblank" "-dpms"; do
  # shellcheck disable=SC2086 # "s off" is two arguments
  xset $setting || say "xset $setting failed; the screen may blank"
done

# The user manager starts Chromium, so it needs to know the display.
systemctl --user import-environment DISPLAY XAUTHORITY || say "could not pass DISPLAY to systemd"
if command -v dbus-update-activation-environment >/dev/null; then
  dbus-update-activation-environment --systemd DISPLAY XAUTHORITY || true
fi

end_session() {
  systemctl --user stop gatecast-session.target
  kill "$window_manager" 2>/dev/null
}
trap end_session EXIT
systemctl --user start gatecast-session.target || say "could not start gatecast-session.target"

# The session lasts as long as the window manager loop, that is as long as X.
wait "$window_manager"
