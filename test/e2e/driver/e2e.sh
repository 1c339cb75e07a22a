#!/usr/bin/env bash
# Start a throw-away code-server on a free 127.0.0.1 port, drive it with Debian chromium, stop it by pid.
#
#   e2e.sh EXT_DIR TESTS_ENTRY WORKSPACE   run the extension's mocha suite (TESTS_ENTRY exports run())
#                                          in the real Node extension host; exit code = the suite's
#   e2e.sh --ui EXT_DIR WORKSPACE          load the extension and run ui-check.mjs (squiggle + Problems
#                                          row + screenshot; set UI_PROBLEM_TEXT, SCREENSHOT, ... see there)
#
# Env: CODE_SERVER (default: the one scripts/env/install-code-server.sh puts in ${PATCHLENS_CACHE:-~/.cache/patchlens}),
#      PORT (default: a free one), E2E_SETTINGS (JSON object merged into the VS Code user settings),
#      E2E_LOG_DIR (keep code-server's log there), E2E_UNTRUSTED=1 (workspace trust on and the folder not
#      trusted: restricted mode), plus whatever run-ext-tests.mjs / ui-check.mjs read.
# The extension host inherits this environment (PATCHLENS_ENV_DIR, DOCKER_HOST, ...).
# Exit codes: the suite's/ui-check's; 3 usage; 4 code-server or chromium missing or code-server did not start.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
log() { printf 'e2e: %s\n' "$*"; }
usage() { sed -n '2,9p' "$0" >&2; exit 3; }

MODE=tests
if [ "${1:-}" = --ui ]; then MODE=ui; shift; fi
if [ $MODE = tests ]; then [ $# -eq 3 ] || usage; else [ $# -eq 2 ] || usage; fi
[ -d "$1" ] || { log "extension dir $1 not found"; exit 3; }
export EXT_DEV_PATH; EXT_DEV_PATH=$(realpath "$1")
if [ $MODE = tests ]; then
  [ -f "$2" ] || { log "tests entry $2 not found (built?)"; exit 3; }
  export EXT_TESTS_PATH; EXT_TESTS_PATH=$(realpath "$2")
  WS_ARG=$3
else
  WS_ARG=$2
fi
[ -d "$WS_ARG" ] || { log "workspace $WS_ARG not found"; exit 3; }
export WORKSPACE; WORKSPACE=$(realpath "$WS_ARG")

CODE_SERVER=${CODE_SERVER:-${PATCHLENS_CACHE:-$HOME/.cache/patchlens}/code-server/node_modules/.bin/code-server}
[ -x "$CODE_SERVER" ] || { log "no code-server at $CODE_SERVER; run scripts/env/install-code-server.sh"; exit 4; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { log "no chromium; run scripts/env/install-code-server.sh"; exit 4; }

PORT=${PORT:-$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
export CS_URL=http://127.0.0.1:$PORT
TMP=$(mktemp -d /tmp/patchlens-e2e.XXXXXX)
CS_LOG=$TMP/code-server.log
CS_PID=

# User settings: quiet, offline-friendly defaults, then whatever the caller adds.
mkdir -p "$TMP/user-data/User"
E2E_SETTINGS=${E2E_SETTINGS:-'{}'} node -e '
  const extra = JSON.parse(process.env.E2E_SETTINGS);
  const untrusted = process.env.E2E_UNTRUSTED === "1" ? { "security.workspace.trust.enabled": true,
    "security.workspace.trust.startupPrompt": "never", "security.workspace.trust.banner": "never" } : {};
  const s = { ...untrusted, "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "extensions.autoUpdate": false,
    "extensions.autoCheckUpdates": false, "update.mode": "none", "workbench.tips.enabled": false, ...extra };
  require("fs").writeFileSync(process.argv[1], JSON.stringify(s, null, 2));' "$TMP/user-data/User/settings.json"

# Stop code-server and everything it spawned (extension host, pty host, watcher): it runs in its own
# process group, whose id is its pid. TERM, bounded wait, then KILL.
cleanup() {
  local rc=$?
  if [ -n "$CS_PID" ] && kill -0 "$CS_PID" 2>/dev/null; then
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
    wait "$CS_PID" 2>/dev/null || true
  fi
  [ -n "${E2E_LOG_DIR:-}" ] && mkdir -p "$E2E_LOG_DIR" && cp "$CS_LOG" "$E2E_LOG_DIR/code-server.log" 2>/dev/null
  rm -rf "$TMP"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --auth none and loopback only; --disable-workspace-trust so the workspace is trusted like a developer's
# (E2E_UNTRUSTED=1 keeps trust on: the folder opens in restricted mode, the settings say never to ask);
# --ignore-last-opened so only the given folder opens; the gallery (open-vsx) is unreachable and harmless.
TRUST_ARGS=(--disable-workspace-trust)
[ "${E2E_UNTRUSTED:-}" = 1 ] && TRUST_ARGS=()
setsid "$CODE_SERVER" --config "$TMP/config.yaml" --bind-addr "127.0.0.1:$PORT" --auth none \
  --user-data-dir "$TMP/user-data" --extensions-dir "$TMP/extensions" \
  --disable-telemetry --disable-update-check "${TRUST_ARGS[@]}" \
  --disable-getting-started-override --ignore-last-opened > "$CS_LOG" 2>&1 < /dev/null &
CS_PID=$!

T0=$(date +%s%N)
ready=0
for _ in $(seq 1 150); do
  if curl -sf --max-time 1 "$CS_URL/healthz" >/dev/null; then ready=1; break; fi
  kill -0 "$CS_PID" 2>/dev/null || break
  sleep 0.2
done
if [ $ready -ne 1 ]; then
  log "code-server did not come up on $CS_URL; its log:"; cat "$CS_LOG" >&2
  exit 4
fi
log "code-server (pid $CS_PID) up on $CS_URL in $(( ($(date +%s%N) - T0) / 1000000 )) ms"

RC=0
if [ $MODE = tests ]; then node "$HERE/run-ext-tests.mjs" || RC=$?
else node "${UI_SCRIPT:-$HERE/ui-check.mjs}" || RC=$?; fi   # UI_SCRIPT: another UI check with the same env
if [ $RC -ne 0 ]; then log "exit $RC; code-server log:"; sed 's/^/  | /' "$CS_LOG"; fi
exit $RC
