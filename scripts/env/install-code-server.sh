#!/usr/bin/env bash
# Install a real VS Code for the end-to-end tests: code-server 4.100.3 (VS Code 1.100.3, runs on Node 20)
# from npm into ${PATCHLENS_CACHE:-$HOME/.cache/patchlens}/code-server, plus Debian's chromium (driven by
# playwright-core) and ripgrep, and the headers its native modules build against.
# Cached and idempotent: a finished install that answers --version with 4.100.3 is left as it is.
# Recipe and pitfalls: shared docs "Testing Patchlens in a real VS Code, offline" (vscode-e2e.md).
# Prints the path of the code-server binary on its last line.
set -euo pipefail

VERSION=4.100.3
CACHE=${PATCHLENS_CACHE:-$HOME/.cache/patchlens}
DIR=$CACHE/code-server
BIN=$DIR/node_modules/.bin/code-server
# Without --config, every code-server run (even --version) writes ~/.config/code-server/config.yaml.
CONFIG=$DIR/cs-config.yaml
MARKER=$DIR/.patchlens-installed   # written last: a half-finished install never counts as cached
APT_PACKAGES=(chromium ripgrep libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev pkg-config python3 g++ make)

T0=$(date +%s)
log() { printf 'patchlens-env: %s\n' "$*"; }
die() { printf 'patchlens-env: ERROR: %s\n' "$*" >&2; exit 1; }
# Progress goes to fd 3 (the terminal) while the install's own output goes to its log.
exec 3>&1
step() { log "$1 ($(( $(date +%s) - T0 )) s)" >&3; }

ensure_apt_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "need root to apt-get install ${missing[*]}"
  step "apt-get install ${missing[*]}"
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    > "$CACHE/apt.log" 2>&1 || { tail -n 30 "$CACHE/apt.log" >&2; die "apt-get install failed (log: $CACHE/apt.log)"; }
}

installed_version() {
  [ -f "$MARKER" ] && [ -x "$BIN" ] || return 0
  "$BIN" --config "$CONFIG" --version 2>/dev/null | awk 'NR==1{print $1}' || true
}

install_code_server() {
  rm -rf "$DIR"; mkdir -p "$DIR"; cd "$DIR"
  printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$CONFIG"
  printf '{ "name": "patchlens-code-server", "private": true }\n' > package.json
  export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
  # 1. The package without its postinstall: that refuses root unless npm_config_unsafe_perm is set, and
  #    then fails on @vscode/ripgrep, which downloads rg from GitHub (unreachable here).
  step "npm install code-server@$VERSION --ignore-scripts"
  npm install "code-server@$VERSION" --ignore-scripts
  # argon2's prebuilt download fails offline; it then compiles from source (~12 s).
  step "npm rebuild argon2"
  npm rebuild argon2
  # 2. What code-server's postinstall.sh would do, by hand.
  cd node_modules/code-server/lib/vscode
  step "lib/vscode dependencies"
  npm install --omit=dev --ignore-scripts
  # With bin/ present, @vscode/ripgrep's postinstall skips its download; give it Debian's rg.
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
  # Native modules (kerberos, spdlog, node-pty, native-watchdog...). npm_config_yes: node-pty's
  # post-install runs `npx node-gyp`, which without a TTY is cancelled unless npx may install.
  step "npm rebuild (native modules, ~1.5 min on 2 cores)"
  npm_config_yes=true npm rebuild
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
  step "built-in extensions' dependencies"
  (cd extensions && npm install --omit=dev)
  cd "$DIR"
}

main() {
  mkdir -p "$CACHE"
  ensure_apt_packages
  local have; have=$(installed_version)
  if [ "$have" = "$VERSION" ]; then
    log "code-server $VERSION already installed in $DIR (nothing to do)"
  else
    [ -n "$have" ] && log "found code-server '$have' in $DIR; reinstalling $VERSION"
    command -v node >/dev/null && [ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] ||
      die "code-server $VERSION needs Node 20 (its native modules are built for it); found $(node --version 2>/dev/null || echo none)"
    install_code_server > "$CACHE/code-server-install.log" 2>&1 ||
      { tail -n 40 "$CACHE/code-server-install.log" >&2; die "code-server install failed (log: $CACHE/code-server-install.log)"; }
    have=$(ls "$BIN" >/dev/null && "$BIN" --config "$CONFIG" --version 2>/dev/null | awk 'NR==1{print $1}' || true)
    [ "$have" = "$VERSION" ] || die "code-server installed but --version answers '$have' (log: $CACHE/code-server-install.log)"
    echo "$VERSION" > "$MARKER"
    log "installed code-server $VERSION in $(( $(date +%s) - T0 )) s (log: $CACHE/code-server-install.log)"
  fi
  log "chromium: $(chromium --version 2>/dev/null || echo missing); ripgrep: $(rg --version | head -n1)"
  log "code-server: $BIN (always pass --config $CONFIG)"
}

main "$@"
