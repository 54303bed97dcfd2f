#!/usr/bin/env bash
# Runs a command with a private D-Bus session and a throwaway, unlocked gnome-keyring, so keychain tests
# use the real Secret Service without ever touching the user's own keyring. HOME and XDG dirs point at a
# temp folder for the same reason. Where the tools are missing (macOS, Windows), the command runs as is
# and the keychain tests say they were skipped.
set -euo pipefail
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/porqbo-keyring.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"
  chmod 700 "$tmp/runtime"
  export PORQBO_REAL_HOME="$HOME"
  export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime"
  export npm_config_cache="${npm_config_cache:-$PORQBO_REAL_HOME/.npm}"
  export PORQBO_TEST_KEYRING=1
  exec dbus-run-session -- bash -c 'printf "throwaway" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' keyring "$@"
else
  echo "with-test-keyring: dbus-run-session or gnome-keyring-daemon not found; keychain tests will be skipped" >&2
  exec "$@"
fi
