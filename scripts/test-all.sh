#!/usr/bin/env bash
# Every test, from a fresh clone: install, build, type-check, lint, bring up the real environment
# (Docker Engine, local registries, fixture images, code-server), run all suites, stop what was started.
# Every step runs even when an earlier one failed (a failing unit test must not hide the VS Code suite);
# the closing summary lists each step's result and the exit code is non-zero if any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }
declare -a RESULTS=()
FAILED=0

# run NAME CMD...: runs one step, records "NAME: ok|FAILED (exit N), S s" for the summary.
run() {
	local name=$1 t0=$SECONDS rc=0; shift
	step "$name"
	"$@" || rc=$?
	if [ $rc -eq 0 ]; then RESULTS+=("ok      $name ($((SECONDS - t0)) s)")
	else RESULTS+=("FAILED  $name (exit $rc, $((SECONDS - t0)) s)"); FAILED=$((FAILED + 1)); fi
	return 0
}

summary() {
	step "environment down"
	bash scripts/env/down.sh || true
	printf '\n=== summary\n'
	printf '  %s\n' "${RESULTS[@]}"
	if [ $FAILED -eq 0 ]; then echo "test-all: all ${#RESULTS[@]} steps passed"
	else echo "test-all: ${FAILED} of ${#RESULTS[@]} steps FAILED (details above each step's === line)"; fi
}

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	# Nothing else can run without the dependencies.
	step "npm ci"
	npm ci --no-audit --no-fund || { echo 'test-all: npm ci FAILED; no suite ran'; exit 1; }
fi

export PATCHLENS_ENV_SESSION="test-all-$$"
trap summary EXIT
run "build" npm run build
run "type-check" npm run typecheck
run "lint" npm run lint
run "environment up" bash scripts/env/up.sh
run "package the .vsix" npm run package
run "unit, server, CLI, engine and registry suites" bash scripts/test-unit.sh
run "real VS Code (code-server) suites" bash scripts/test-e2e.sh
trap - EXIT
summary
[ $FAILED -eq 0 ]
