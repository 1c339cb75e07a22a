#!/usr/bin/env bash
# Every test, from a fresh clone: install, build, type-check, lint, bring up the real environment
# (Docker Engine, local registries, fixture images, code-server), run all suites, stop what was started.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	step "npm ci"
	npm ci --no-audit --no-fund
fi

step "build, type-check, lint"
npm run build
npm run typecheck
npm run lint

step "environment up"
export PATCHLENS_ENV_SESSION="test-all-$$"
bash scripts/env/up.sh
trap 'step "environment down"; bash scripts/env/down.sh || true' EXIT

step "package the .vsix"
npm run package

step "unit, server, CLI, engine and registry suites"
bash scripts/test-unit.sh

step "real VS Code (code-server) suites"
bash scripts/test-e2e.sh
