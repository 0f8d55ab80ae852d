# Makes a Go toolchain (1.23 or newer) available to the Go end-to-end tests and names it in
# PALISADE_GO. Sourced by ./run (or run on its own: `bash scripts/ensure-go.sh` prints the
# go it settled on).
#
# The go on PATH is used when it is 1.23 or newer, then Debian's /usr/lib/go-1.23/bin/go.
# Otherwise Debian's bookworm-backports suite is added and golang-1.23-go installed from it,
# with golang-golang-x-mod-dev, whose golang.org/x/mod/sumdb sources (under
# /usr/share/gocode/src) the tests' checksum database is built from. Only Debian's mirror is
# contacted.

palisade_go_backports=/etc/apt/sources.list.d/palisade-bookworm-backports.sources
palisade_go_debian=/usr/lib/go-1.23/bin/go
palisade_x_mod=/usr/share/gocode/src/golang.org/x/mod/sumdb/note

palisade_go_log() { printf 'palisade: %s\n' "$*" >&2; }

# Succeeds when "$1" is a go command of version 1.23 or newer.
palisade_go_ok() {
  local version
  version="$("$1" env GOVERSION 2>/dev/null)" || return 1
  version="${version#go}"
  local major="${version%%.*}" rest="${version#*.}"
  local minor="${rest%%[!0-9]*}"
  [ -n "$major" ] && [ -n "$minor" ] || return 1
  [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -ge 23 ]; }
}

palisade_go_install_debian() {
  command -v apt-get >/dev/null 2>&1 || { palisade_go_log "the go tests need Go 1.23 or newer (and apt-get to install it)"; return 1; }
  palisade_go_log "installing golang-1.23-go and golang-golang-x-mod-dev from Debian bookworm-backports for the go tests"
  if [ ! -f "$palisade_go_backports" ]; then
    printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' 'Suites: bookworm-backports' \
      'Components: main' 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' >"$palisade_go_backports"
  fi
  apt-get update -qq >&2 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm-backports golang-1.23-go golang-golang-x-mod-dev >&2
}

palisade_ensure_go() {
  local go=""
  if [ -n "${PALISADE_GO:-}" ] && palisade_go_ok "$PALISADE_GO"; then go="$PALISADE_GO"
  elif command -v go >/dev/null 2>&1 && palisade_go_ok go; then go="$(command -v go)"
  elif palisade_go_ok "$palisade_go_debian"; then go="$palisade_go_debian"
  fi
  if [ -z "$go" ] || [ ! -d "$palisade_x_mod" ]; then
    palisade_go_install_debian || return 1
    [ -n "$go" ] || go="$palisade_go_debian"
  fi
  palisade_go_ok "$go" || { palisade_go_log "no Go 1.23 or newer after installing ($go)"; return 1; }
  export PALISADE_GO="$go"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  palisade_ensure_go
  printf '%s (%s)\n' "$PALISADE_GO" "$("$PALISADE_GO" env GOVERSION)"
fi
