#!/usr/bin/env bash
# Bring up Patchlens' real test environment on a Debian machine, as root, idempotently:
#   - a Docker engine on unix:///var/run/docker.sock (started here only if none answers),
#   - Debian's docker-registry on 127.0.0.1:5000 (plain HTTP, no auth) and on 127.0.0.1:5001 (htpasswd auth),
#   - small fixture images built from busybox-static, tagged with realistic names and pushed to the registries,
#   - $STATE/env.json describing all of it for the tests.
# Everything this script starts is recorded by pid in the state dir; scripts/env/down.sh stops exactly that.
# A second run changes nothing and takes a few seconds.
set -euo pipefail

STATE=${PATCHLENS_ENV_DIR:-/tmp/patchlens-env}
# Ports, socket and busybox can be moved for a scratch environment (a private dockerd, other ports, another
# busybox build) that proves the suites read sizes and digests from env.json instead of knowing them.
REGISTRY=${PATCHLENS_REGISTRY_ADDR:-127.0.0.1:5000}
AUTH_REGISTRY=${PATCHLENS_AUTH_REGISTRY_ADDR:-127.0.0.1:5001}
AUTH_USER=patchlens
AUTH_PASSWORD=patchlens-test
DOCKER_SOCK=${PATCHLENS_DOCKER_SOCK:-/var/run/docker.sock}
BUSYBOX=${PATCHLENS_BUSYBOX:-/bin/busybox}
WAIT_SECONDS=${PATCHLENS_ENV_WAIT:-60}      # bounded wait for each service to answer
FIXTURE_LABEL=org.patchlens.fixture=1
# Talk to the engine we check and start, whatever the caller's environment says.
export DOCKER_HOST=unix://$DOCKER_SOCK
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
# Never touch the caller's ~/.docker: pushes to the plain registry need no credentials, and the
# auth registry gets its own throw-away config dir (see push_auth_fixture).
export DOCKER_CONFIG=$STATE/docker-config

T0=$(date +%s.%N)
log() { printf 'patchlens-env: %s\n' "$*"; }
die() { printf 'patchlens-env: ERROR: %s\n' "$*" >&2; exit 1; }
elapsed() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }

require_root() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (installs Debian packages, starts dockerd)"
}

# ---------------------------------------------------------------- packages
ensure_packages() {
  local missing=() pkg
  for pkg in docker.io docker-registry busybox-static apache2-utils; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (apt)"
  # Packages' maintainer scripts would start docker/docker-registry as system services; those would be
  # engines we did not start and cannot stop cleanly. A policy-rc.d that answers 101 forbids that.
  # Most container images ship one already; add a temporary one only if there is none.
  local own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
  fi
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } > "$STATE/apt.log" 2>&1 || rc=$?
  [ $own_policy -eq 1 ] && rm -f /usr/sbin/policy-rc.d
  [ $rc -eq 0 ] || { tail -n 30 "$STATE/apt.log" >&2; die "apt-get install ${missing[*]} failed (log: $STATE/apt.log)"; }
  for pkg in dockerd docker-registry busybox htpasswd; do
    command -v "$pkg" >/dev/null || die "$pkg not found after installing packages"
  done
}

# ---------------------------------------------------------------- pid files
# A pid file counts only if its process is alive AND is the program we started (pids get reused).
pid_alive() { # FILE COMM
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1")
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = "$2" ]
}

# With PATCHLENS_ENV_SESSION set (scripts/test-all.sh sets it), what this run starts is also listed in
# $STATE/session-<id>.started, so down.sh in that session stops only that, not an engine that an
# earlier `npm run env:up` started and someone else is still using.
note_started() { # NAME
  [ -n "${PATCHLENS_ENV_SESSION:-}" ] && echo "$1" >> "$STATE/session-$PATCHLENS_ENV_SESSION.started"
  return 0
}

clear_stale_pid() { # FILE COMM
  if [ -f "$1" ] && ! pid_alive "$1" "$2"; then
    log "removing stale pid file $1 (process gone)"
    rm -f "$1"
  fi
}

# Start a daemon detached from this shell (own session, so the caller's job control or hang-up cannot
# take it down) with output to LOG; prints its pid. setsid execs in place when we are not a process
# group leader (always the case for a background job of a script), so $! is the daemon itself.
start_detached() { # LOG CMD...
  local logf=$1; shift
  setsid "$@" >>"$logf" 2>&1 < /dev/null &
  echo $!
}

# ---------------------------------------------------------------- docker engine
engine_answers() {
  [ -S "$DOCKER_SOCK" ] && [ "$(curl -s --max-time 3 --unix-socket "$DOCKER_SOCK" http://localhost/_ping 2>/dev/null)" = OK ]
}

ensure_engine() {
  clear_stale_pid "$STATE/dockerd.pid" dockerd
  if engine_answers; then
    if pid_alive "$STATE/dockerd.pid" dockerd; then log "docker engine: already running (started by us, pid $(cat "$STATE/dockerd.pid"))"
    else log "docker engine: already answering on $DOCKER_SOCK (not started by us; left alone)"; fi
    return 0
  fi
  pgrep -x dockerd >/dev/null && die "a dockerd is running but does not answer on $DOCKER_SOCK; stop it or fix it first"
  # --bridge=none/--iptables=false/--ip-masq=false: no network setup at all (this machine has no
  # outside network, and tests run containers with --network none). The default storage driver
  # (overlay2 on this ext4 root) works in this sandbox, so no --storage-driver is forced.
  # The managed containerd is started by dockerd itself and stops with it.
  local pid
  pid=$(start_detached "$STATE/dockerd.log" dockerd --bridge=none --iptables=false --ip-masq=false \
        --host="unix://$DOCKER_SOCK")
  echo "$pid" > "$STATE/dockerd.pid"
  note_started dockerd
  log "docker engine: started dockerd (pid $pid, log $STATE/dockerd.log); waiting up to ${WAIT_SECONDS}s"
  local i
  for ((i = 0; i < WAIT_SECONDS * 4; i++)); do
    engine_answers && { log "docker engine: answering after $(elapsed)s"; return 0; }
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$STATE/dockerd.pid"
      tail -n 30 "$STATE/dockerd.log" >&2
      die "dockerd exited during start-up (log: $STATE/dockerd.log)"
    fi
    sleep 0.25
  done
  tail -n 30 "$STATE/dockerd.log" >&2
  die "dockerd (pid $pid) did not answer on $DOCKER_SOCK within ${WAIT_SECONDS}s; it is still running, stop it with scripts/env/down.sh"
}

check_insecure_loopback() {
  # dockerd treats 127.0.0.0/8 as an insecure (plain HTTP) registry by default; the pushes below rely on it.
  docker info --format '{{range .RegistryConfig.InsecureRegistryCIDRs}}{{.}} {{end}}' 2>/dev/null | grep -q '127.0.0.0/8' ||
    die "the docker engine does not treat 127.0.0.0/8 as an insecure registry; cannot push to $REGISTRY over HTTP"
}

# ---------------------------------------------------------------- registries
port_listens() { (exec 3<>"/dev/tcp/${1%:*}/${1#*:}") 2>/dev/null; }
http_code() { curl -s -o /dev/null --max-time 3 -w '%{http_code}' "$@" || true; }

write_registry_config() { # ADDR DATA_DIR CONFIG [HTPASSWD]
  local auth=""
  [ $# -ge 4 ] && auth="auth:
  htpasswd:
    realm: patchlens-test
    path: $4"
  cat > "$3" <<EOF
# generated by scripts/env/up.sh
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $2
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $1
  secret: patchlens-test-only
$auth
EOF
}

ensure_htpasswd() {
  local f=$STATE/htpasswd
  if [ -f "$f" ] && htpasswd -vb "$f" "$AUTH_USER" "$AUTH_PASSWORD" >/dev/null 2>&1; then return 0; fi
  htpasswd -Bbc "$f" "$AUTH_USER" "$AUTH_PASSWORD" >/dev/null 2>&1 || die "htpasswd could not write $f"
}

# ensure_registry NAME ADDR EXPECTED_CODE [HTPASSWD]: EXPECTED_CODE is what GET /v2/ answers without credentials.
ensure_registry() {
  local name=$1 addr=$2 want=$3 pidf=$STATE/$1.pid
  clear_stale_pid "$pidf" docker-registry
  if port_listens "$addr"; then
    local code; code=$(http_code "http://$addr/v2/")
    [ "$code" = "$want" ] || die "something listens on $addr but GET /v2/ answers $code (a registry answers $want); free the port"
    if pid_alive "$pidf" docker-registry; then log "$name: already running on $addr (pid $(cat "$pidf"))"
    else log "$name: a registry already answers on $addr (not started by us; left alone)"; fi
    return 0
  fi
  mkdir -p "$STATE/$name-data"
  write_registry_config "$addr" "$STATE/$name-data" "$STATE/$name.yml" "${@:4}"
  local pid i
  pid=$(start_detached "$STATE/$name.log" /usr/bin/docker-registry serve "$STATE/$name.yml")
  echo "$pid" > "$pidf"
  note_started "$name"
  for ((i = 0; i < WAIT_SECONDS * 10; i++)); do
    [ "$(http_code "http://$addr/v2/")" = "$want" ] && { log "$name: started on $addr (pid $pid)"; return 0; }
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidf"; tail -n 20 "$STATE/$name.log" >&2; die "$name exited during start-up (log: $STATE/$name.log)"; }
    sleep 0.1
  done
  die "$name (pid $pid) did not answer on $addr within ${WAIT_SECONDS}s (log: $STATE/$name.log)"
}

# ---------------------------------------------------------------- fixture images
BUILD=$STATE/build
declare -a BUILT=()      # refs built in this run
declare -a PUSHED=()     # registry refs pushed in this run

if docker buildx version >/dev/null 2>&1; then BUILDER_ENV=(); else BUILDER_ENV=(DOCKER_BUILDKIT=0); fi

# Random bytes (so compression cannot shrink them), created once and kept: rebuilding from the same
# files gives the same layers, and the images stay the same across runs.
random_file() { # PATH BYTES
  if [ ! -f "$1" ] || [ "$(stat -c %s "$1")" -ne "$2" ]; then
    mkdir -p "$(dirname "$1")"
    head -c "$2" /dev/urandom > "$1.tmp" && mv "$1.tmp" "$1"
  fi
}

# Only rewrite a file when its content changes, so contexts stay byte-identical across runs.
put_file() { # PATH (content on stdin)
  local tmp; tmp=$(mktemp)
  cat > "$tmp"
  mkdir -p "$(dirname "$1")"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; else mv "$tmp" "$1"; fi
}

# The root file system every fixture starts from: static busybox, applet symlinks, /tmp, /etc.
# Shipped as a tar with fixed owner and mtime, so the base layer is identical on every machine's rebuild.
make_rootfs_tar() {
  local ctx=$BUILD/base root=$BUILD/base/rootfs a
  mkdir -p "$ctx"
  [ -f "$ctx/rootfs.tar" ] && [ "$ctx/rootfs.tar" -nt "$BUSYBOX" ] && return 0
  rm -rf "$root"; mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root"
  cp "$BUSYBOX" "$root/bin/busybox"
  for a in sh ash cat echo env false hostname id ls mkdir printf ps rm sleep test touch true uname usleep wget; do
    ln -s busybox "$root/bin/$a"
  done
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@946684800 -C "$root" -cf "$ctx/rootfs.tar.tmp" .
  mv "$ctx/rootfs.tar.tmp" "$ctx/rootfs.tar"
  rm -rf "$root"   # keep only the tar in the build context
}

# What the engine has, read with two docker calls and refreshed after each change: checking ~40 refs
# one docker call at a time made an idle second run 3 s slower.
declare -A IMG_ID=() IMG_SPEC=() IMG_REPODIGESTS=()
refresh_images() {
  IMG_ID=(); IMG_SPEC=(); IMG_REPODIGESTS=()
  local ref id spec digests
  while read -r ref id; do IMG_ID[$ref]=$id; done < <(docker image ls --no-trunc --format '{{.Repository}}:{{.Tag}} {{.ID}}')
  [ ${#IMG_ID[@]} -eq 0 ] && return 0
  while IFS='|' read -r id spec digests; do IMG_SPEC[$id]=$spec; IMG_REPODIGESTS[$id]=$digests; done < <(
    printf '%s\n' "${IMG_ID[@]}" | sort -u | xargs docker image inspect \
      --format '{{.Id}}|{{index .Config.Labels "org.patchlens.fixture.spec"}}|{{range .RepoDigests}}{{.}} {{end}}')
}
image_id() { echo "${IMG_ID[$1]:-}"; }
image_spec() { local id=${IMG_ID[$1]:-}; [ -n "$id" ] && echo "${IMG_SPEC[$id]:-}"; return 0; }
tag_image() { docker tag "$1" "$2"; refresh_images; }

# build_image REF CTX_DIR [PARENT_REF]: builds CTX_DIR/Dockerfile as REF unless an image built from the
# same Dockerfile + context listing + parent image already carries that tag (spec hash in a label).
build_image() {
  local ref=$1 ctx=$2 parent=${3:-} spec
  spec=$( { cat "$ctx/Dockerfile"; (cd "$ctx" && find . -type f ! -name Dockerfile -printf '%p %s\n' | sort);
            if [ -n "$parent" ]; then image_id "$parent"; fi; } | sha256sum | cut -c1-16)
  if [ "$(image_spec "$ref")" = "$spec" ]; then return 0; fi
  log "building $ref"
  if ! env "${BUILDER_ENV[@]}" docker build -q --label "$FIXTURE_LABEL" --label "org.patchlens.fixture.spec=$spec" \
         -t "$ref" "$ctx" >> "$STATE/build.log" 2>&1; then
    tail -n 30 "$STATE/build.log" >&2
    die "docker build of $ref failed (log: $STATE/build.log)"
  fi
  BUILT+=("$ref")
  refresh_images
}

# Digest the registry holds for REPO:TAG (empty if none). ARGS: extra curl args (credentials).
registry_digest() { # HOST REPO TAG [CURL_ARGS...]
  curl -sI --max-time 5 "${@:4}" \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://$1/v2/$2/manifests/$3" | tr -d '\r' | awk 'tolower($1)=="docker-content-digest:"{print $2}'
}

# Digest of the image as it was last pushed to HOST/REPO (from the local RepoDigests), empty if never.
local_repo_digest() { # REF HOST/REPO
  local id=${IMG_ID[$1]:-}
  [ -n "$id" ] || return 0
  printf '%s\n' ${IMG_REPODIGESTS[$id]:-} | awk -F@ -v r="$2" '$1==r{print $2; exit}'
}

# push_fixture HOST REPO TAG LOCAL_REF [CURL_ARGS...]: tag LOCAL_REF as HOST/REPO:TAG and push it, unless
# the registry already holds exactly this image.
push_fixture() {
  local host=$1 repo=$2 tag=$3 local_ref=$4 remote=$1/$2:$3
  if [ "$(image_id "$remote")" != "$(image_id "$local_ref")" ]; then tag_image "$local_ref" "$remote"; fi
  local have want
  have=$(registry_digest "$host" "$repo" "$tag" "${@:5}")
  want=$(local_repo_digest "$remote" "$host/$repo")
  if [ -n "$have" ] && [ "$have" = "$want" ]; then return 0; fi
  log "pushing $remote"
  docker push "$remote" >> "$STATE/push.log" 2>&1 || { tail -n 20 "$STATE/push.log" >&2; die "docker push $remote failed (log: $STATE/push.log)"; }
  PUSHED+=("$remote")
  refresh_images   # the push recorded a RepoDigest
}

# Fixture table: LOCAL_REF REGISTRY_REPO RECIPE [ARG]. Official images live under library/.
FIXTURES=(
  "python:3.12.1-slim        library/python           python 4194304"
  "python:3.12.11-slim       library/python           python 8388608"
  "node:20.11.0-alpine3.19   library/node             node   2097152"
  "node:20.18.1-alpine3.20   library/node             node   3145728"
  "debian:bookworm-slim      library/debian           os     debian"
  "alpine:3.20               library/alpine           os     alpine"
  "alpine:latest             library/alpine           alias  alpine:3.20"
  "patchlens/many-layers:50  patchlens/many-layers    many   49"
  "patchlens/big-layer:1     patchlens/big-layer      big    52428800"
  "patchlens/slow:1          patchlens/slow           cmd    slow"
  "patchlens/fast:1          patchlens/fast           cmd    fast"
  "patchlens/healthy:1       patchlens/healthy        healthy"
)

BASE_REF=patchlens/fixture-base:1
PYBASE_REF=patchlens/fixture-python-base:1

build_bases() {
  make_rootfs_tar
  put_file "$BUILD/base/Dockerfile" <<'EOF'
FROM scratch
ADD rootfs.tar /
ENV PATH=/bin
CMD ["/bin/true"]
EOF
  build_image "$BASE_REF" "$BUILD/base"
  # A layer that both python fixtures share on top of the common base ("shared layers" tests).
  random_file "$BUILD/python-base/stdlib.bin" 1048576
  put_file "$BUILD/python-base/Dockerfile" <<EOF
FROM $BASE_REF
COPY stdlib.bin /usr/local/lib/python3/stdlib.bin
EOF
  build_image "$PYBASE_REF" "$BUILD/python-base" "$BASE_REF"
}

# Write the build context for one fixture and build it. Layers are listed in each recipe.
build_fixture() { # LOCAL_REF RECIPE ARG
  local ref=$1 recipe=$2 arg=${3:-} name=${1%%:*} tag=${1#*:} ctx parent=$BASE_REF
  ctx=$BUILD/fixtures/$(echo "$ref" | tr '/:' '__')
  mkdir -p "$ctx"
  case $recipe in
    python) # 4 layers: base, shared stdlib, version file, version-specific padding of ARG bytes
      parent=$PYBASE_REF
      random_file "$ctx/pad.bin" "$arg"
      local ver=${tag%%-*}
      printf '%s\n' "$ver" | put_file "$ctx/version"
      put_file "$ctx/Dockerfile" <<EOF
FROM $PYBASE_REF
COPY version /usr/local/share/python-version
COPY pad.bin /usr/local/lib/python${ver%.*}/pad.bin
ENV PYTHON_VERSION=$ver
CMD ["/bin/sh", "-c", "exit 0"]
EOF
      ;;
    node) # 3 layers: base, version file, padding of ARG bytes
      random_file "$ctx/pad.bin" "$arg"
      local ver=${tag%%-*}
      printf '%s\n' "$ver" | put_file "$ctx/version"
      put_file "$ctx/Dockerfile" <<EOF
FROM $BASE_REF
COPY version /usr/local/share/node-version
COPY pad.bin /usr/local/lib/node_modules/pad.bin
ENV NODE_VERSION=$ver
CMD ["/bin/sh", "-c", "exit 0"]
EOF
      ;;
    os) # 2 layers: base, an os-release naming the distribution
      printf 'ID=%s\nPRETTY_NAME="%s (patchlens fixture %s)"\n' "$arg" "$arg" "$ref" | put_file "$ctx/os-release"
      put_file "$ctx/Dockerfile" <<EOF
FROM $BASE_REF
COPY os-release /etc/os-release
CMD ["/bin/sh", "-c", "exit 0"]
EOF
      ;;
    many) # base + ARG tiny layers = ARG+1 layers in all
      local i lines=""
      for ((i = 1; i <= arg; i++)); do
        [ -f "$ctx/l/$i" ] || { mkdir -p "$ctx/l"; printf 'layer %d\n' "$i" > "$ctx/l/$i"; }
        lines+="COPY l/$i /layers/$i"$'\n'
      done
      printf 'FROM %s\n%sCMD ["/bin/sh", "-c", "exit 0"]\n' "$BASE_REF" "$lines" | put_file "$ctx/Dockerfile"
      ;;
    big) # base + one layer of ARG random bytes
      random_file "$ctx/big.bin" "$arg"
      put_file "$ctx/Dockerfile" <<EOF
FROM $BASE_REF
COPY big.bin /data/big.bin
CMD ["/bin/sh", "-c", "exit 0"]
EOF
      ;;
    cmd) # slow: CMD sleeps 0.3 s; fast: identical image without the sleep (benchmark-regression gate)
      local cmd='exit 0'
      [ "$arg" = slow ] && cmd='sleep 0.3; exit 0'
      put_file "$ctx/Dockerfile" <<EOF
FROM $BASE_REF
CMD ["/bin/sh", "-c", "$cmd"]
EOF
      ;;
    healthy) # logs "ready" after 0.5 s, health check passes from then on (healthy after ~1 s);
             # sleeps in the background and waits so that SIGTERM (docker stop) ends it at once
      put_file "$ctx/Dockerfile" <<'EOF'
FROM patchlens/fixture-base:1
HEALTHCHECK --interval=1s --timeout=1s --retries=30 CMD ["/bin/test", "-f", "/tmp/ready"]
CMD ["/bin/sh", "-c", "trap 'exit 0' TERM INT; sleep 0.5; touch /tmp/ready; echo ready; sleep 3600 & wait"]
EOF
      ;;
    *) die "unknown fixture recipe $recipe" ;;
  esac
  build_image "$ref" "$ctx" "$parent"
}

ensure_fixtures() {
  mkdir -p "$BUILD"
  : > "$STATE/build.log"; : > "$STATE/push.log"
  refresh_images
  build_bases
  local line ref repo recipe arg
  for line in "${FIXTURES[@]}"; do
    read -r ref repo recipe arg <<<"$line"
    if [ "$recipe" = alias ]; then
      # alpine:latest is the same image as alpine:3.20 (same digest), as on a real registry.
      [ "$(image_id "$ref")" = "$(image_id "$arg")" ] || tag_image "$arg" "$ref"
    else
      build_fixture "$ref" "$recipe" "$arg"
    fi
    push_fixture "$REGISTRY" "$repo" "${ref#*:}" "$ref"
  done
}

push_auth_fixture() {
  # docker login stores the credentials in this throw-away dir only.
  local cfg=$STATE/docker-config-auth
  mkdir -p "$cfg"
  if ! grep -q "\"$AUTH_REGISTRY\"" "$cfg/config.json" 2>/dev/null; then
    printf '%s' "$AUTH_PASSWORD" | DOCKER_CONFIG=$cfg docker login "$AUTH_REGISTRY" -u "$AUTH_USER" --password-stdin \
      >> "$STATE/push.log" 2>&1 || die "docker login $AUTH_REGISTRY failed (log: $STATE/push.log)"
  fi
  DOCKER_CONFIG=$cfg push_fixture "$AUTH_REGISTRY" library/python 3.12.1-slim python:3.12.1-slim -u "$AUTH_USER:$AUTH_PASSWORD"
}

# ---------------------------------------------------------------- env.json
write_env_json() {
  local line ref repo recipe arg rows=""
  for line in "${FIXTURES[@]}"; do
    read -r ref repo recipe arg <<<"$line"
    rows+="$ref $repo $(image_id "$ref")"$'\n'
  done
  ROWS=$rows STATE=$STATE REGISTRY=$REGISTRY AUTH_REGISTRY=$AUTH_REGISTRY AUTH_USER=$AUTH_USER \
  AUTH_PASSWORD=$AUTH_PASSWORD DOCKER_SOCK=$DOCKER_SOCK node --input-type=module - <<'EOF' || die "could not write $STATE/env.json"
// Reads each fixture's manifest back from the registry, so env.json states what is really there.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
const e = process.env;
const accept = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';
const auth = 'Basic ' + Buffer.from(`${e.AUTH_USER}:${e.AUTH_PASSWORD}`).toString('base64');
async function manifest(host, repo, tag, headers = {}) {
  const r = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, { headers: { Accept: accept, ...headers } });
  if (!r.ok) return null;
  const m = await r.json();
  return { digest: r.headers.get('docker-content-digest'), layers: m.layers.map(l => ({ digest: l.digest, size: l.size })) };
}
const images = [];
for (const row of e.ROWS.trim().split('\n')) {
  const [ref, repo, id] = row.split(' ');
  const i = ref.lastIndexOf(':'), name = ref.slice(0, i), tag = ref.slice(i + 1);
  const m = await manifest(e.REGISTRY, repo, tag);
  if (!m) throw new Error(`${e.REGISTRY}/${repo}:${tag} is missing from the registry`);
  const img = { name, tag, ref, repository: repo, registryRef: `${e.REGISTRY}/${repo}:${tag}`, imageId: id,
    digest: m.digest, layerCount: m.layers.length, compressedSize: m.layers.reduce((s, l) => s + l.size, 0), layers: m.layers };
  const a = await manifest(e.AUTH_REGISTRY, repo, tag, { Authorization: auth });
  if (a) img.authRegistryRef = `${e.AUTH_REGISTRY}/${repo}:${tag}`;
  images.push(img);
}
// The private swarm (scripts/env/swarm.sh): its engine address and rollout fixture images.
let swarm;
try { swarm = JSON.parse(readFileSync(`${e.STATE}/swarm.json`, 'utf8')); } catch { swarm = undefined; }
const env = { dockerHost: `unix://${e.DOCKER_SOCK}`, registry: e.REGISTRY, authRegistry: e.AUTH_REGISTRY,
  authUser: e.AUTH_USER, authPassword: e.AUTH_PASSWORD, fixtureLabel: 'org.patchlens.fixture=1',
  stateDir: e.STATE, images, ...(swarm ? { swarm } : {}) };
writeFileSync(`${e.STATE}/env.json.tmp`, JSON.stringify(env, null, 2) + '\n');
renameSync(`${e.STATE}/env.json.tmp`, `${e.STATE}/env.json`);
EOF
}

# ---------------------------------------------------------------- main
main() {
  require_root
  mkdir -p "$STATE" "$DOCKER_CONFIG"
  command -v node >/dev/null || die "node is needed to write env.json"
  ensure_packages
  bash "$(dirname "${BASH_SOURCE[0]}")/install-promtool.sh"   # promtool for the OpenMetrics export test
  ensure_engine
  check_insecure_loopback
  ensure_htpasswd
  ensure_registry registry "$REGISTRY" 200
  ensure_registry registry-auth "$AUTH_REGISTRY" 401 "$STATE/htpasswd"
  [ "$(http_code -u "$AUTH_USER:$AUTH_PASSWORD" "http://$AUTH_REGISTRY/v2/")" = 200 ] ||
    die "$AUTH_REGISTRY does not accept $AUTH_USER's test credentials"
  ensure_fixtures
  push_auth_fixture
  # The private swarm-mode engine for rollout tests (issue 15); the shared engine stays plain.
  bash "$(dirname "${BASH_SOURCE[0]}")/swarm.sh" up
  write_env_json
  # Realistic Debian images for the startup estimate (issue 14): cached, seconds on a second run; PATCHLENS_REAL_IMAGES=0 skips.
  bash "$(dirname "${BASH_SOURCE[0]}")/realistic-images.sh"
  log "built ${#BUILT[@]} image(s), pushed ${#PUSHED[@]} (logs: $STATE/build.log, $STATE/push.log)"
  log "engine $DOCKER_HOST; registry http://$REGISTRY; auth registry http://$AUTH_REGISTRY ($AUTH_USER/$AUTH_PASSWORD)"
  log "${#FIXTURES[@]} fixture images described in $STATE/env.json"
  log "ready in $(elapsed)s"
}

main "$@"
