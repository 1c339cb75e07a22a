#!/usr/bin/env bash
# Runs the node:test suites (everything under test/ except the in-VS Code e2e suite) from sources
# through tsx. The CLI and server suites spawn the bundles, so build first.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find test -name '*.test.ts' -not -path 'test/e2e/*' | sort)
if [ "$#" -gt 0 ]; then files=("$@"); fi
# The spec reporter names every suite and lists the failing tests again at the end.
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
