#!/usr/bin/env bash
# Install `promtool` (Debian's prometheus package) so tests can validate `patchlens bench --format
# openmetrics` output with `promtool check metrics`, plus Debian's python3-prometheus-client, whose
# OpenMetrics parser is strict about `# EOF` and escaping (used through /usr/bin/python3: a pyenv
# python would not see it).
# Idempotent: does nothing when both are there.
# Only the tool is wanted: a policy-rc.d answering 101 keeps the package from starting the Prometheus
# server as a service (we never run it).
set -euo pipefail

STATE=${PATCHLENS_ENV_DIR:-/tmp/patchlens-env}
log() { printf 'patchlens-env: %s\n' "$*"; }
die() { printf 'patchlens-env: ERROR: %s\n' "$*" >&2; exit 1; }

have_parser() { /usr/bin/python3 -c 'import prometheus_client.openmetrics.parser' 2>/dev/null; }
command -v promtool >/dev/null && have_parser && exit 0
[ "$(id -u)" -eq 0 ] || die "installing promtool needs root (apt-get install prometheus)"
mkdir -p "$STATE"
log "installing promtool and an OpenMetrics parser (apt: prometheus python3-prometheus-client)"
own_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
fi
rc=0
{
  DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus python3-prometheus-client
} > "$STATE/apt-promtool.log" 2>&1 || rc=$?
[ $own_policy -eq 1 ] && rm -f /usr/sbin/policy-rc.d
[ $rc -eq 0 ] || { tail -n 30 "$STATE/apt-promtool.log" >&2; die "apt-get install prometheus python3-prometheus-client failed (log: $STATE/apt-promtool.log)"; }
command -v promtool >/dev/null || die "promtool not found after installing prometheus"
have_parser || die "/usr/bin/python3 cannot import prometheus_client after installing python3-prometheus-client"
log "promtool $(promtool --version 2>&1 | head -n1 | awk '{print $3}') installed"
