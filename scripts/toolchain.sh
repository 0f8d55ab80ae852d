# Puts a Node.js that Palisade supports and the pinned pnpm on PATH, then installs the
# workspace. Sourced by ./run; only the npm registry is contacted.
#
# Node: the one on PATH is used when it satisfies `engines.node`; otherwise Node 24 is
# installed from the npm registry's `node` package into .tools/node.
# pnpm: the version pinned in `packageManager` is used; when PATH has another, that
# version is installed from the npm registry into .tools/pnpm.

palisade_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
palisade_tools="$palisade_root/.tools"
palisade_node_major=24

palisade_log() { printf 'palisade: %s\n' "$*" >&2; }

# Prints "yes" when the node on PATH satisfies the minimum in package.json's engines.
palisade_node_ok() {
  command -v node >/dev/null 2>&1 || { echo no; return; }
  node -e '
    const min = require(process.argv[1]).engines.node.replace(/^>=\s*/, "").split(".").map(Number);
    const cur = process.versions.node.split(".").map(Number);
    let ok = true;
    for (let i = 0; i < 3; i++) { if (cur[i] !== min[i]) { ok = cur[i] > min[i]; break; } }
    console.log(ok ? "yes" : "no");
  ' "$palisade_root/package.json" 2>/dev/null || echo no
}

palisade_ensure_node() {
  if [ "$(palisade_node_ok)" = yes ]; then return; fi
  local dir="$palisade_tools/node"
  if [ ! -x "$dir/node_modules/.bin/node" ]; then
    command -v npm >/dev/null 2>&1 || { palisade_log "npm is needed to install Node $palisade_node_major"; exit 1; }
    palisade_log "Node $(node --version 2>/dev/null || echo '(none)') is too old; installing Node $palisade_node_major from the npm registry into .tools/node"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "node@$palisade_node_major" >&2
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
  if [ "$(palisade_node_ok)" != yes ]; then
    palisade_log "Node on PATH is still $(node --version); expected one satisfying package.json engines"
    exit 1
  fi
}

palisade_ensure_pnpm() {
  local want
  want="$(node -p 'require(process.argv[1]).packageManager.split("@")[1].split("+")[0]' "$palisade_root/package.json")"
  if [ "$(pnpm --version 2>/dev/null || true)" = "$want" ]; then return; fi
  local dir="$palisade_tools/pnpm"
  if [ "$("$dir/node_modules/.bin/pnpm" --version 2>/dev/null || true)" != "$want" ]; then
    palisade_log "installing pnpm $want from the npm registry into .tools/pnpm"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "pnpm@$want" >&2
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
}

# The end-to-end tests drive a real pip from a fresh virtual environment: they need a
# python3 with venv and ensurepip (its bundled pip). When PATH has none, Debian's are
# installed (apt-get), and PALISADE_PYTHON names the interpreter the tests use.
palisade_python_ok() {
  "$1" -c 'import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, 8) else 1)' >/dev/null 2>&1
}

palisade_ensure_python() {
  local python="${PALISADE_PYTHON:-python3}"
  if palisade_python_ok "$python"; then export PALISADE_PYTHON="$python"; return; fi
  if palisade_python_ok /usr/bin/python3; then export PALISADE_PYTHON=/usr/bin/python3; return; fi
  command -v apt-get >/dev/null 2>&1 || { palisade_log "the pip tests need python3 (3.8 or newer) with venv and ensurepip"; exit 1; }
  palisade_log "installing python3 and python3-venv from Debian for the pip tests"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >&2
  export PALISADE_PYTHON=/usr/bin/python3
}

palisade_install() {
  palisade_ensure_node
  palisade_ensure_pnpm
  export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1 DO_NOT_TRACK=1
  palisade_log "node $(node --version), pnpm $(pnpm --version)"
  (cd "$palisade_root" && pnpm install --frozen-lockfile --reporter=append-only) >&2
}
