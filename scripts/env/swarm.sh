#!/usr/bin/env bash
# A private Docker engine in swarm mode for `patchlens rollout` tests (issue 15), idempotently:
#   swarm.sh up    start a second dockerd (own data root, exec root, pid file, socket), `swarm init` on IT,
#                  build + push the rollout fixture images, write $STATE/swarm.json
#   swarm.sh down  stop that dockerd if this script started it (pid file), nothing else
# The shared engine (/var/run/docker.sock) is never put in swarm mode: every swarm command below names
# the private socket explicitly. The swarm's state lives in its own data root, so a restart keeps it.
set -euo pipefail

STATE=${PATCHLENS_ENV_DIR:-/tmp/patchlens-env}
SWARM_ROOT=${PATCHLENS_SWARM_ROOT:-/var/lib/patchlens-swarm}
SWARM_RUN=${PATCHLENS_SWARM_RUN:-/run/patchlens-swarm}
SWARM_SOCK=$SWARM_RUN/docker.sock
SWARM_PIDF=$STATE/swarm-dockerd.pid
SHARED_SOCK=${PATCHLENS_DOCKER_SOCK:-/var/run/docker.sock}
REGISTRY=${PATCHLENS_REGISTRY_ADDR:-127.0.0.1:5000}
WAIT_SECONDS=${PATCHLENS_ENV_WAIT:-60}
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
export DOCKER_CONFIG=$STATE/docker-config

log() { printf 'patchlens-env: swarm: %s\n' "$*"; }
die() { printf 'patchlens-env: swarm: ERROR: %s\n' "$*" >&2; exit 1; }
swarm_docker() { docker --host "unix://$SWARM_SOCK" "$@"; }
shared_docker() { docker --host "unix://$SHARED_SOCK" "$@"; }

pid_alive() { # FILE COMM
	local pid
	[ -f "$1" ] || return 1
	pid=$(cat "$1")
	[ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = "$2" ]
}

answers() { [ -S "$SWARM_SOCK" ] && [ "$(curl -s --max-time 3 --unix-socket "$SWARM_SOCK" http://localhost/_ping 2>/dev/null)" = OK ]; }

# First free TCP port on 127.0.0.1 from $1 upwards (the swarm's listen address; 2377 may be taken).
free_port() {
	local p
	for ((p = $1; p < $1 + 200; p++)); do
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
	done
	die "no free port from $1"
}

start_engine() {
	[ -f "$SWARM_PIDF" ] && ! pid_alive "$SWARM_PIDF" dockerd && rm -f "$SWARM_PIDF"
	if answers; then
		pid_alive "$SWARM_PIDF" dockerd || die "something else answers on $SWARM_SOCK; stop it or set PATCHLENS_SWARM_RUN"
		log "private engine already running (pid $(cat "$SWARM_PIDF"))"
		return 0
	fi
	mkdir -p "$SWARM_ROOT" "$SWARM_RUN"
	# Own exec root: the managed containerd's socket and state live under it, apart from the shared engine's.
	setsid dockerd --data-root "$SWARM_ROOT/data" --exec-root "$SWARM_RUN/exec" --pidfile "$SWARM_RUN/dockerd.pid" \
		--host "unix://$SWARM_SOCK" --bridge=none --iptables=false --ip-masq=false \
		>>"$STATE/swarm-dockerd.log" 2>&1 </dev/null &
	echo $! > "$SWARM_PIDF"
	[ -n "${PATCHLENS_ENV_SESSION:-}" ] && echo swarm-dockerd >> "$STATE/session-$PATCHLENS_ENV_SESSION.started"
	local i
	for ((i = 0; i < WAIT_SECONDS * 4; i++)); do
		answers && { log "private engine started (pid $(cat "$SWARM_PIDF"), socket $SWARM_SOCK)"; return 0; }
		kill -0 "$(cat "$SWARM_PIDF")" 2>/dev/null || { tail -n 20 "$STATE/swarm-dockerd.log" >&2; rm -f "$SWARM_PIDF"; die "private dockerd exited (log: $STATE/swarm-dockerd.log)"; }
		sleep 0.25
	done
	die "private dockerd did not answer on $SWARM_SOCK within ${WAIT_SECONDS}s (log: $STATE/swarm-dockerd.log)"
}

ensure_swarm() {
	local state addr
	state=$(swarm_docker info --format '{{.Swarm.LocalNodeState}}')
	if [ "$state" = active ]; then
		log "private engine already in swarm mode"
		return 0
	fi
	addr=127.0.0.1:$(free_port 23770)
	swarm_docker swarm init --advertise-addr 127.0.0.1 --listen-addr "$addr" >>"$STATE/swarm-dockerd.log" 2>&1 ||
		die "swarm init on the private engine failed (log: $STATE/swarm-dockerd.log)"
	log "swarm initialised on the private engine, listening on $addr"
}

# Rollout fixtures, built on the shared engine from up.sh's fixture base and pushed to the registry, where
# swarm nodes pull them: a service that stops on SIGTERM (v1, v2), one that ignores it, one that crashes.
build_push() { # NAME DOCKERFILE_TEXT
	local ctx=$STATE/build/swarm/$1 ref=$REGISTRY/patchlens/$1
	mkdir -p "$ctx"
	printf '%s\n' "$2" > "$ctx/Dockerfile.new"
	if ! cmp -s "$ctx/Dockerfile.new" "$ctx/Dockerfile" || ! shared_docker image inspect "$ref" >/dev/null 2>&1; then
		mv "$ctx/Dockerfile.new" "$ctx/Dockerfile"
		shared_docker build -q --label org.patchlens.fixture=1 -t "$ref" "$ctx" >>"$STATE/build.log" 2>&1 || die "build of $ref failed (log: $STATE/build.log)"
	fi
	rm -f "$ctx/Dockerfile.new"
	shared_docker push "$ref" >>"$STATE/push.log" 2>&1 || die "push of $ref failed (log: $STATE/push.log)"
}

ensure_fixtures() {
	local serve="HEALTHCHECK --interval=1s --timeout=1s --retries=30 CMD [\"/bin/test\", \"-f\", \"/tmp/ready\"]
CMD [\"/bin/sh\", \"-c\", \"trap 'exit 0' TERM; sleep 0.3; touch /tmp/ready; sleep 3600 & wait\"]"
	build_push service:1 "FROM patchlens/fixture-base:1
LABEL org.patchlens.version=1
$serve"
	build_push service:2 "FROM patchlens/fixture-base:1
LABEL org.patchlens.version=2
$serve"
	# Shell form, no exec, no STOPSIGNAL, no init: sh is PID 1 and ignores SIGTERM (what PL206 flags).
	build_push stubborn:1 'FROM patchlens/fixture-base:1
CMD sleep 3600'
	build_push crash:1 'FROM patchlens/fixture-base:1
CMD ["/bin/sh", "-c", "sleep 0.3; exit 1"]'
}

write_json() {
	local addr
	addr=$(swarm_docker info --format '{{.Swarm.NodeAddr}}')
	cat > "$STATE/swarm.json.tmp" <<EOF
{
  "dockerHost": "unix://$SWARM_SOCK",
  "nodeAddr": "$addr",
  "images": {
    "service1": "$REGISTRY/patchlens/service:1",
    "service2": "$REGISTRY/patchlens/service:2",
    "stubborn": "$REGISTRY/patchlens/stubborn:1",
    "crash": "$REGISTRY/patchlens/crash:1"
  }
}
EOF
	mv "$STATE/swarm.json.tmp" "$STATE/swarm.json"
}

stop_engine() {
	if ! pid_alive "$SWARM_PIDF" dockerd; then rm -f "$SWARM_PIDF"; return 0; fi
	local pid i
	pid=$(cat "$SWARM_PIDF")
	# Services left by a crashed test run would restart with the engine; remove ours first.
	swarm_docker service ls -q --filter label=patchlens 2>/dev/null | xargs -r docker --host "unix://$SWARM_SOCK" service rm >/dev/null 2>&1 || true
	kill -TERM "$pid"
	for ((i = 0; i < 250; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; log "private engine (pid $pid) killed"; } || log "private engine (pid $pid) stopped"
	rm -f "$SWARM_PIDF"
}

case ${1:-up} in
	up) mkdir -p "$STATE"; start_engine; ensure_swarm; ensure_fixtures; write_json ;;
	down) stop_engine ;;
	*) die "usage: swarm.sh up|down" ;;
esac
