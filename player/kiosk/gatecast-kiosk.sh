#!/usr/bin/env bash
# Starts Chromium full screen on one screen's Gatecast player, set up for a screen nobody watches over:
# no dialog, bubble, bar or prompt may ever cover the content, and sound plays without a click.
#
# Installed as /usr/local/bin/gatecast-kiosk and run by the systemd user unit gatecast-kiosk.service,
# which restarts it when Chromium dies. It execs Chromium, so the unit supervises the browser itself.
#
#   gatecast-kiosk                   launch
#   gatecast-kiosk --print-command   do everything but launch: check the config, prepare the
#                                    profile, print the command one argument a line
#
# Configuration: /etc/gatecast/kiosk.env (another file with GATECAST_KIOSK_ENV), KEY=value lines:
#   GATECAST_URL  the server's player, e.g. https://gatecast.langson.local/player/ (the screen shows a
#                 pairing code on its first start; an operator binds it to a screen in the console)
#   CHROMIUM      the browser (default /usr/bin/chromium, Debian's)
#   PROFILE_DIR   Chromium's profile: the player's offline cache lives here (default
#                 ~/.local/share/gatecast-kiosk)
#   EXTRA_FLAGS   more Chromium flags, separated by spaces (none may contain a space)
# The file is read, never sourced: a URL's `&` or a stray `$(...)` cannot run as shell code.
#
# Exit status: 78 (EX_CONFIG; Chromium itself uses 2 for a hang) for a configuration that cannot work (systemd does not retry it: fix the file, then
# `systemctl --user restart gatecast-kiosk`); 1 for a condition that may pass (no display yet).
set -euo pipefail

readonly DEFAULT_ENV=/etc/gatecast/kiosk.env
readonly DEFAULT_CHROMIUM=/usr/bin/chromium
readonly DEFAULT_DEVTOOLS_PORT=9222
# The kiosk agent (gatecast-agent.service) reads the same file: its keys are known here, and ignored.
readonly KNOWN_KEYS=(GATECAST_URL CHROMIUM PROFILE_DIR EXTRA_FLAGS DEVTOOLS_PORT
  RESTART_BROWSER_COMMAND REBOOT_COMMAND AGENT_STATE_DIR AGENT_CHECK_SECONDS LADDER_GRACE_SECONDS)
readonly EXIT_CONFIG=78

me=gatecast-kiosk
die_config() {
  echo "$me: $*" >&2
  exit "$EXIT_CONFIG"
}
warn() { echo "$me: warning: $*" >&2; }

print_only=false
case "${1:-}" in
  '') ;;
  --print-command) print_only=true ;;
  -h | --help)
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
    exit 0
    ;;
  *) die_config "unknown argument '$1' (only --print-command and --help)" ;;
esac

# --- configuration --------------------------------------------------------------------------------

env_file=${GATECAST_KIOSK_ENV:-$DEFAULT_ENV}
[[ -f $env_file ]] || die_config "no configuration at $env_file: run install.sh, or copy the template from player/kiosk/kiosk.env.example and set GATECAST_URL"
[[ -r $env_file ]] || die_config "$env_file is not readable by $(id -un)"

declare -A config=()
line_no=0
while IFS= read -r line || [[ -n $line ]]; do
  line_no=$((line_no + 1))
  line=${line%$'\r'}
  # Trim surrounding blanks; skip blank lines and comments.
  line=${line#"${line%%[![:space:]]*}"}
  line=${line%"${line##*[![:space:]]}"}
  [[ -z $line || $line == \#* ]] && continue
  [[ $line =~ ^([A-Z_][A-Z0-9_]*)=(.*)$ ]] || die_config "$env_file line $line_no: expected KEY=value, got: $line"
  key=${BASH_REMATCH[1]}
  value=${BASH_REMATCH[2]}
  # One pair of matching quotes around the whole value is dropped, as systemd's EnvironmentFile does.
  if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
  known=false
  for k in "${KNOWN_KEYS[@]}"; do [[ $k == "$key" ]] && known=true; done
  # A misspelt key would otherwise be ignored and its default used without a word.
  $known || die_config "$env_file line $line_no: unknown setting $key (known: ${KNOWN_KEYS[*]})"
  config[$key]=$value
done <"$env_file"

url=${config[GATECAST_URL]:-}
chromium=${config[CHROMIUM]:-$DEFAULT_CHROMIUM}
profile_dir=${config[PROFILE_DIR]:-${HOME:?HOME is not set}/.local/share/gatecast-kiosk}
extra_flags=${config[EXTRA_FLAGS]:-}
devtools_port=${config[DEVTOOLS_PORT]:-$DEFAULT_DEVTOOLS_PORT}
# shellcheck disable=SC2088 # a literal "~/" written in the file, expanded here by hand
[[ $profile_dir == "~/"* ]] && profile_dir=${HOME:?HOME is not set}/${profile_dir#"~/"}

[[ -n $url ]] || die_config "GATECAST_URL is not set in $env_file (e.g. GATECAST_URL=https://gatecast.langson.local/player/)"
[[ $url =~ ^https?://[^/?#[:space:]]+ ]] || die_config "GATECAST_URL must be an http:// or https:// address, got: $url"
[[ $url =~ [[:space:][:cntrl:]] ]] && die_config "GATECAST_URL contains a space or a control character: $url"
# A token in the address would be handed to the player again at every start and outlive its rotation
# or revocation (player/src/credentials.ts): the player keeps its token in the profile instead.
[[ $url =~ [\#\&?]token= ]] && die_config "GATECAST_URL must not carry a token: the screen pairs itself (it shows a code on first start) and keeps its token in the profile; got: ${url%%token=*}token=…"
# Before pairing, the address named the screen; the token does now, and ?screen= is ignored.
[[ $url =~ [?\&]screen= ]] && warn "GATECAST_URL has ?screen=, which the player ignores now: the screen is chosen by pairing"
if [[ $url =~ ^http://([^/:?#]+) ]]; then
  case ${BASH_REMATCH[1]} in
    localhost | 127.* | \[::1\]) ;;
    *) warn "GATECAST_URL is plain http: the player's offline cache (a service worker) needs HTTPS, so this screen goes dark when the server is away" ;;
  esac
fi

[[ -f $chromium && -x $chromium ]] || die_config "CHROMIUM=$chromium is not an executable file: install Debian's browser (apt-get install chromium) or set CHROMIUM in $env_file"

# Under 1024 would need root; the agent finds Chromium at this port on 127.0.0.1.
if ! [[ $devtools_port =~ ^[0-9]{4,5}$ ]] || ((10#$devtools_port < 1024 || 10#$devtools_port > 65535)); then
  die_config "DEVTOOLS_PORT must be a port number from 1024 to 65535, got: $devtools_port"
fi

[[ $profile_dir == /* ]] || die_config "PROFILE_DIR must be an absolute path, got: $profile_dir"
mkdir -p "$profile_dir" 2>/dev/null || die_config "cannot create PROFILE_DIR $profile_dir"
# Chromium answers an unwritable profile with a dialog box, which nobody would click away.
[[ -w $profile_dir ]] || die_config "PROFILE_DIR $profile_dir is not writable by $(id -un)"

# --- the profile's own settings, set before every start ---------------------------------------------

# Two settings in the profile's Preferences that no flag fully controls:
# - the last exit marked clean: after a power cut or a kill Chromium finds exit_type "Crashed" and offers
#   to restore the pages in a bubble over the content (--hide-crash-restore-bubble is the second line;
#   Chromium 156 in kiosk mode showed no bubble even without either, older and later builds may);
# - translation off: Chromium 156 still offers to translate a Vietnamese or Chinese page, in a bubble
#   over the top right of the content, whatever --disable-translate and --disable-features say. This
#   setting (and the TranslateEnabled policy that install.sh writes) is what keeps it away.
# Never fatal: the worst case is a bubble.
prepare_profile() {
  local prefs=$profile_dir/Default/Preferences tmp
  if [[ ! -f $prefs ]]; then
    # A new profile: Chromium takes these as the profile's settings and fills in the rest.
    { mkdir -p "${prefs%/*}" && echo '{"translate":{"enabled":false}}' >"$prefs"; } ||
      warn "could not write $prefs"
    return 0
  fi
  tmp=$(mktemp "$prefs.gatecast.XXXXXX") || return 0
  if command -v jq >/dev/null &&
    jq -c '.profile.exit_type = "Normal"
      | if (.profile | has("exited_cleanly")) then .profile.exited_cleanly = true else . end
      | .translate.enabled = false' "$prefs" >"$tmp" 2>/dev/null; then
    :
  # Without jq, or when the file is not valid JSON, the crash markers as text (translation stays as the
  # first start set it).
  elif sed -E -e 's/"exited_cleanly"[[:space:]]*:[[:space:]]*false/"exited_cleanly":true/g' \
    -e 's/"exit_type"[[:space:]]*:[[:space:]]*"[^"]*"/"exit_type":"Normal"/g' "$prefs" >"$tmp"; then
    :
  else
    rm -f "$tmp"
    warn "could not clear the crash markers in $prefs"
    return 0
  fi
  # Renamed over the original, so a power cut now cannot leave half a Preferences file.
  mv -f "$tmp" "$prefs" || rm -f "$tmp"
}

# Chromium's profile lock is a link to "<hostname>-<pid>". When it names another host (the PC was
# renamed, or the disk was imaged from another screen) Chromium stops with a "profile in use on another
# computer" dialog. The lock is stale when that host is not this one or that process is gone.
clear_stale_lock() {
  local lock=$profile_dir/SingletonLock target host pid
  [[ -L $lock ]] || return 0
  target=$(readlink "$lock") || return 0
  host=${target%-*}
  pid=${target##*-}
  if [[ $host == "$HOSTNAME" && $pid =~ ^[0-9]+$ && -d /proc/$pid ]]; then
    return 0 # a live Chromium holds it; leave it to say "already running"
  fi
  rm -f "$lock" "$profile_dir/SingletonCookie" "$profile_dir/SingletonSocket"
}

prepare_profile
clear_stale_lock

# --- the command ------------------------------------------------------------------------------------

# Features switched off, joined into one --disable-features: Chromium keeps only the last one given.
disabled_features=(
  Translate   # the translate engine: the trilingual slides would otherwise invite it (older builds)
  TranslateUI # the "Translate this page?" bar (older builds)
)
extra=()
if [[ -n $extra_flags ]]; then
  read -r -a words <<<"$extra_flags"
  for word in "${words[@]}"; do
    if [[ $word == --incognito ]]; then
      die_config "EXTRA_FLAGS: --incognito would throw away the player's offline cache at every restart"
    elif [[ $word == --disable-features=* ]]; then
      IFS=, read -r -a more <<<"${word#--disable-features=}"
      disabled_features+=("${more[@]}")
    else
      extra+=("$word")
    fi
  done
fi
disable_features="--disable-features=$(
  IFS=,
  echo "${disabled_features[*]}"
)"

# shellcheck disable=SC2054 # the comma in --window-position=0,0 belongs to the flag
flags=(
  # The screen: full screen, no address bar, tabs or window frame, from the top-left pixel.
  --kiosk                    # full screen with no browser UI and no way out by F11
  --start-fullscreen         # full screen from the first frame, before kiosk mode settles
  --window-position=0,0      # the LED controller maps the desktop's top-left corner to the panel
  # Sound without a click: a video item with "sound" must start unmuted with nobody to touch it.
  --autoplay-policy=no-user-gesture-required
  # Nothing drawn over the content.
  --noerrdialogs                   # no error dialog boxes
  --disable-infobars               # no "controlled by automated software" or similar info bars
  --hide-crash-restore-bubble      # no "Restore pages?" bubble after a crash or power cut (current builds)
  --disable-session-crashed-bubble # the same bubble in older Chromium builds; newer ones ignore it
  # The translate bar in older builds. Not enough in Chromium 156: see prepare_profile above.
  --disable-translate
  "$disable_features" # Translate and TranslateUI, with any from EXTRA_FLAGS
  --no-first-run                   # no welcome page or first-run dialogs on a fresh profile
  --no-default-browser-check       # no "make Chromium the default browser" bar
  --password-store=basic           # no keyring unlock prompt: an autologin session has no keyring password
  # "Chromium is out of date" bubble: Debian ships updates through apt, and a build the browser thinks
  # old (by its build date) nags on screen. Pretend the next check is decades away.
  --check-for-update-interval=31536000
  "--simulate-outdated-no-au=Tue, 31 Dec 2099 23:59:59 GMT"
  # Nothing talking to Google: the border-gate network reaches only the Gatecast server, and failed
  # requests to Google's hosts are noise in the logs at best.
  --disable-background-networking # no variations, safe-browsing updates, promos or pre-connects
  --disable-component-update      # no component downloads (Widevine, spelling lists, certificate lists)
  --disable-sync                  # no Google account sync
  --disable-default-apps          # no bundled web apps installed on first run
  --disable-breakpad              # no crash reporter: crashes are systemd's business (journal, restart)
  # Nothing a touch or a brush against a touch frame could do.
  --disable-pinch                   # no pinch zoom
  --overscroll-history-navigation=0 # no swipe back to a previous page
  # Full-speed timers and painting even when the window manager thinks the window is hidden, so items
  # still switch on the timeline's instant and the cluster's screens stay together.
  --disable-background-timer-throttling
  --disable-backgrounding-occluded-windows
  --disable-renderer-backgrounding
  # DevTools for the kiosk agent (gatecast-agent.service: screenshots, reloads, healing), bound to
  # loopback only: nothing on the network can reach it, only processes on this PC.
  "--remote-debugging-port=$devtools_port"
  --remote-debugging-address=127.0.0.1
  # The profile keeps the player's offline cache, its saved document and unsent proof of play.
  # Never --incognito: that profile would be thrown away at every restart.
  "--user-data-dir=$profile_dir"
)

command=("$chromium" "${flags[@]}" "${extra[@]}" "$url")

if $print_only; then
  printf '%s\n' "${command[@]}"
  exit 0
fi

# Chromium without a display fails with a cryptic message; say what is missing. Exit 1: systemd tries
# again, and the session may have been slower than the unit.
if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  echo "$me: no display (DISPLAY and WAYLAND_DISPLAY are unset): start it from the screen's graphical session (gatecast-session.target)" >&2
  exit 1
fi

echo "$me: starting $chromium on $url" >&2
exec "${command[@]}"
