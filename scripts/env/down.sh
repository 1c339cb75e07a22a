#!/usr/bin/env bash
# Stop what scripts/env/up.sh started, and only that: the processes whose pids it recorded in the state
# dir (dockerd, the two docker-registry instances, swarm.sh's private swarm dockerd). An engine or registry
# that was already running when
# up.sh ran has no pid file and is never touched. Images, registry data and build contexts are kept, so
# the next up.sh is fast; delete ${PATCHLENS_ENV_DIR:-/tmp/patchlens-env} by hand for a clean slate.
# With PATCHLENS_ENV_SESSION set (as scripts/test-all.sh does), only what up.sh started in that session.
set -euo pipefail

STATE=${PATCHLENS_ENV_DIR:-/tmp/patchlens-env}
DOCKER_SOCK=${PATCHLENS_DOCKER_SOCK:-/var/run/docker.sock}
export DOCKER_HOST=unix://$DOCKER_SOCK
export DOCKER_CONFIG=$STATE/docker-config
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH

log() { printf 'patchlens-env: %s\n' "$*"; }
warn() { printf 'patchlens-env: WARNING: %s\n' "$*" >&2; }

# The pid in FILE if that process is alive and is still COMM (a recycled pid belongs to someone else).
recorded_pid() { # FILE COMM
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1")
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = "$2" ] && echo "$pid"
}

# TERM, wait up to SECONDS, then KILL. Returns non-zero if the process survives even KILL.
stop_pid() { # PID NAME SECONDS
  local pid=$1 name=$2 secs=$3 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < secs * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || { log "$name (pid $pid) stopped"; return 0; }
    sleep 0.1
  done
  warn "$name (pid $pid) still running after ${secs}s; sending KILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || { log "$name (pid $pid) killed"; return 0; }; sleep 0.1; done
  warn "$name (pid $pid) survived KILL"
  return 1
}

remove_leftover_containers() {
  local ids n
  ids=$(docker ps -aq --filter label=patchlens 2>/dev/null || true)
  n=$(printf '%s' "$ids" | grep -c . || true)
  if [ "$n" -gt 0 ]; then
    # shellcheck disable=SC2086 # one id per word
    docker rm -f $ids >/dev/null || warn "could not remove some containers labelled patchlens"
  fi
  log "removed $n leftover container(s) labelled patchlens"
}

stop_dockerd() {
  local pidf=$STATE/dockerd.pid pid children
  if ! pid=$(recorded_pid "$pidf" dockerd); then
    [ -f "$pidf" ] && log "dockerd: recorded pid $(cat "$pidf") is not running; removing pid file"
    rm -f "$pidf"
    return 0
  fi
  remove_leftover_containers
  # dockerd starts its own containerd; on TERM it stops it, but if dockerd has to be KILLed the child
  # would be left behind, so note dockerd's children now and stop any that outlive it.
  children=$(pgrep -P "$pid" -x containerd || true)
  # 25 s: dockerd gives running containers up to 15 s to stop on shutdown.
  local rc=0
  stop_pid "$pid" dockerd 25 || rc=1
  for c in $children; do
    if [ -r "/proc/$c/comm" ] && [ "$(cat "/proc/$c/comm")" = containerd ]; then stop_pid "$c" "containerd (child of dockerd)" 10 || rc=1; fi
  done
  [ $rc -eq 0 ] && rm -f "$pidf"
  return $rc
}

stop_registry() { # NAME
  local pidf=$STATE/$1.pid pid
  if ! pid=$(recorded_pid "$pidf" docker-registry); then
    [ -f "$pidf" ] && log "$1: recorded pid $(cat "$pidf") is not running; removing pid file"
    rm -f "$pidf"
    return 0
  fi
  stop_pid "$pid" "$1" 10 && rm -f "$pidf"
}

# In a session (PATCHLENS_ENV_SESSION, see up.sh): only what that session's up.sh started.
started_here() { # NAME
  [ -z "${PATCHLENS_ENV_SESSION:-}" ] && return 0
  grep -qx "$1" "$STATE/session-$PATCHLENS_ENV_SESSION.started" 2>/dev/null
}

# An engine we leave running still must not keep benchmark leftovers.
remove_session_containers() {
  docker info >/dev/null 2>&1 || return 0
  remove_leftover_containers
}

main() {
  [ -d "$STATE" ] || { log "no state dir $STATE: nothing was started by up.sh"; return 0; }
  local rc=0
  # The private swarm engine first (its fixtures come from the registry), registries, then the engine.
  if started_here swarm-dockerd; then bash "$(dirname "${BASH_SOURCE[0]}")/swarm.sh" down || rc=1; fi
  if started_here registry-auth; then stop_registry registry-auth || rc=1; fi
  if started_here registry; then stop_registry registry || rc=1; fi
  if started_here dockerd; then stop_dockerd || rc=1; else remove_session_containers; fi
  if [ -n "${PATCHLENS_ENV_SESSION:-}" ]; then rm -f "$STATE/session-$PATCHLENS_ENV_SESSION.started"; fi
  if [ $rc -ne 0 ]; then
    printf 'patchlens-env: ERROR: some processes could not be stopped (see above)\n' >&2
    exit 1
  fi
  log "down: everything up.sh started is stopped (data kept in $STATE)"
}

main "$@"
