#!/usr/bin/env bash
# Realistic images for the startup estimate (issue 14): real Debian root file systems built with mmdebstrap
# from the Debian archive this machine's apt uses, imported and layered with docker, pushed to the local
# registry as patchlens-real/<suite>:<variant>, described in $STATE/realistic.json (digests, layer sizes,
# unpacked bytes and file counts as built: tests read them from there, never hard-code them).
# Idempotent and cached: the root file systems and the description live under $CACHE/<recipe hash>/; a second
# run only checks that the registry still holds every tag (seconds). PATCHLENS_REAL_IMAGES=0 skips it all.
# Called by scripts/env/up.sh after the registry is up; may also be run alone (as root).
set -euo pipefail

STATE=${PATCHLENS_ENV_DIR:-/tmp/patchlens-env}
CACHE_ROOT=${PATCHLENS_REAL_CACHE:-/var/cache/patchlens/realistic}
# The same engine and open registry as up.sh (a scratch environment moves both).
REGISTRY=${PATCHLENS_REGISTRY_ADDR:-127.0.0.1:5000}
export DOCKER_HOST=unix://${PATCHLENS_DOCKER_SOCK:-/var/run/docker.sock}
export DOCKER_CONFIG=$STATE/docker-config
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
# Fixed build time: the same recipe gives byte-identical root file systems on a rebuild of the cache.
EPOCH=1700000000

T0=$(date +%s)
log() { printf 'patchlens-real: %s\n' "$*"; }
die() { printf 'patchlens-real: ERROR: %s\n' "$*" >&2; exit 1; }

[ "${PATCHLENS_REAL_IMAGES:-1}" = 0 ] && { log "skipped (PATCHLENS_REAL_IMAGES=0)"; exit 0; }
[ "$(id -u)" -eq 0 ] || die "must run as root (mmdebstrap, docker)"

# The archive apt already uses (deb822 or one-line sources); Debian's own mirror otherwise.
apt_uri() { # SUFFIX (debian | debian-security)
  local u
  u=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/{print $2}' | grep -E "/$1/?\$" | head -n1 || true)
  [ -n "$u" ] || u=$(cat /etc/apt/sources.list 2>/dev/null | awk '/^deb /{print $2}' | grep -E "/$1/?\$" | head -n1 || true)
  echo "${u:-http://deb.debian.org/$1}"
}
MIRROR=$(apt_uri debian)
SECURITY=$(apt_uri debian-security)

# Root file systems: NAME SUITE PACKAGES(comma list or -) EXTRA_SOURCES(+updates/security or -) EPOCH_OFFSET
ROOTFS=(
  "bookworm-min          bookworm -                                   -        0"
  "bookworm-min-rebuilt  bookworm -                                   -        86400"
  "bookworm-py           bookworm python3                             -        0"
  "bookworm-py-updated   bookworm python3                             updates  0"
  "bookworm-large        bookworm python3,build-essential,libboost-dev -       0"
  "trixie-min            trixie   -                                   -        0"
  "trixie-py             trixie   python3                             -        0"
)
# Images: REF RECIPE ARGS. import ROOTFS = one layer; delta BASE_IMAGE OLD NEW = BASE_IMAGE + files NEW changed
# (apt-like layer); split ROOTFS K = the same root file system as K layers.
IMAGES=(
  "bookworm:min           import bookworm-min"
  "bookworm:min-rebuilt   import bookworm-min-rebuilt"
  "bookworm:py            import bookworm-py"
  "bookworm:py-layered    delta  bookworm:min bookworm-min bookworm-py"
  "bookworm:py-patched    delta  bookworm:py bookworm-py bookworm-py-updated"
  "bookworm:large         import bookworm-large"
  "bookworm:large-layers  split  bookworm-large 16"
  "trixie:min             import trixie-min"
  "trixie:py              import trixie-py"
  "trixie:py-layered      delta  trixie:min trixie-min trixie-py"
)
# Pairs the estimate is judged on: NAME CURRENT CANDIDATE.
PAIRS=(
  "distro-min        bookworm:min          trixie:min"
  "distro-py         bookworm:py           trixie:py"
  "add-python        bookworm:min          bookworm:py-layered"
  "add-python-trixie trixie:min            trixie:py-layered"
  "patch-layer       bookworm:py           bookworm:py-patched"
  "rebuilt-base      bookworm:min          bookworm:min-rebuilt"
  "large-one-layer   bookworm:py           bookworm:large"
  "large-many-layers bookworm:py           bookworm:large-layers"
  "one-vs-many       bookworm:large        bookworm:large-layers"
)

RECIPE=$( { printf '%s\n' "${ROOTFS[@]}" "${IMAGES[@]}" "$MIRROR" "$SECURITY" "$EPOCH";
            sed -n '/^# ---- recipe code/,$p' "${BASH_SOURCE[0]}"; } | sha256sum | cut -c1-16)
CACHE=$CACHE_ROOT/$RECIPE
mkdir -p "$CACHE" "$STATE" "$DOCKER_CONFIG"

# ---- recipe code (hashed: a change below rebuilds the cache)
ensure_mmdebstrap() {
  command -v mmdebstrap >/dev/null && return 0
  log "installing mmdebstrap (apt)"
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap; } > "$CACHE/apt.log" 2>&1 ||
    { tail -n 20 "$CACHE/apt.log" >&2; die "apt-get install mmdebstrap failed (log: $CACHE/apt.log)"; }
}

build_rootfs() { # NAME SUITE PACKAGES EXTRA EPOCH_OFFSET
  local out=$CACHE/$1.tar src=()
  [ -f "$out" ] && return 0
  src=("deb $MIRROR $2 main")
  [ "$4" = updates ] && src+=("deb $MIRROR $2-updates main" "deb $SECURITY $2-security main")
  local inc=(); [ "$3" != - ] && inc=("--include=$3")
  log "mmdebstrap $1 ($2${3/#-/}${4/#-/})"
  rm -rf "$out.d"
  SOURCE_DATE_EPOCH=$((EPOCH + $5)) mmdebstrap --variant=minbase --format=directory --quiet "${inc[@]}" "$2" "$out.d" "${src[@]}" \
    >> "$CACHE/mmdebstrap.log" 2>&1 || { tail -n 20 "$CACHE/mmdebstrap.log" >&2; die "mmdebstrap $1 failed (log: $CACHE/mmdebstrap.log)"; }
  dir_to_tar "$out.d" "$out"
}

# Sorted names and numeric owners: the same tree gives the same tar (and so the same layer digest).
dir_to_tar() { # DIR TAR
  tar --sort=name --numeric-owner -C "$1" -cf "$2.tmp" . && mv "$2.tmp" "$2" && rm -rf "$1"
}

# Members of NEW.tar that are new or differ from OLD.tar in type, mode, owner, size, mtime or link target:
# the files an `apt-get install/upgrade` layer would carry (the same test docker's own layer diff uses).
changed_members() { # OLD NEW
  comm -13 <(tar --full-time -tvf "$CACHE/$1.tar" | sort) <(tar --full-time -tvf "$CACHE/$2.tar" | sort) |
    awk '{ $1=$2=$3=$4=$5=""; sub(/^ +/, ""); sub(/ -> .*$/, ""); sub(/ link to .*$/, ""); print }' | sort -u
}

make_delta() { # OLD NEW -> $CACHE/NEW.delta-from-OLD.tar
  local out=$CACHE/$2.delta-from-$1.tar dir=$CACHE/tmp-extract
  [ -f "$out" ] && return 0
  rm -rf "$dir"; mkdir -p "$dir"
  tar -xpf "$CACHE/$2.tar" -C "$dir" --numeric-owner
  changed_members "$1" "$2" > "$CACHE/$2.delta-from-$1.list"
  tar -C "$dir" --numeric-owner --no-recursion -cf "$out.tmp" -T "$CACHE/$2.delta-from-$1.list"
  mv "$out.tmp" "$out"; rm -rf "$dir"
}

# K tars holding the depth-2 entries of ROOTFS, balanced by bytes; part 00 holds the top-level entries.
make_split() { # ROOTFS K -> $CACHE/ROOTFS.split/partNN.tar
  local out=$CACHE/$1.split dir=$CACHE/tmp-extract k
  [ -f "$out/done" ] && return 0
  rm -rf "$dir" "$out"; mkdir -p "$dir" "$out"
  tar -xpf "$CACHE/$1.tar" -C "$dir" --numeric-owner
  (cd "$dir" && find . -mindepth 1 -maxdepth 1 -printf '%P\n' | sort > "$out/part00.list")
  (cd "$dir" && find . -mindepth 2 -maxdepth 2 -printf '%P\n' | sort | while read -r p; do
     printf '%s\t%s\n' "$(du -s --apparent-size -B1 "$p" | cut -f1)" "$p"; done) |
    sort -rn | awk -F'\t' -v k="$2" -v out="$out" '
      { best = 1; for (i = 2; i <= k; i++) if (load[i] < load[best]) best = i
        load[best] += $1; printf "%s\n", $2 > sprintf("%s/part%02d.list", out, best) }'
  tar -C "$dir" --numeric-owner --no-recursion -cf "$out/part00.tar" -T "$out/part00.list"
  for ((k = 1; k <= $2; k++)); do
    [ -f "$out/$(printf 'part%02d' "$k").list" ] || continue
    tar -C "$dir" --numeric-owner -cf "$out/$(printf 'part%02d' "$k").tar" -T "$out/$(printf 'part%02d' "$k").list"
  done
  touch "$out/done"; rm -rf "$dir"
}

cmd_for() { case $1 in *py*|*large*) echo '["python3", "-c", "pass"]' ;; *) echo '["/bin/true"]' ;; esac; }

build_image() { # REF RECIPE ARGS...
  local ref=patchlens-real/$1 recipe=$2 ctx=$CACHE/ctx/${1/:/_}; shift 2
  docker image inspect "$ref" --format '{{index .Config.Labels "org.patchlens.real.recipe"}}' 2>/dev/null | grep -qx "$RECIPE" && return 0
  log "building $ref ($recipe)"
  local cmd; cmd=$(cmd_for "$ref")
  case $recipe in
    import)
      docker import --change "CMD $cmd" --change "LABEL org.patchlens.real.recipe=$RECIPE" \
        "$CACHE/$1.tar" "$ref" >> "$CACHE/docker.log" 2>&1 || die "docker import $ref failed (log: $CACHE/docker.log)" ;;
    delta) # ARGS: BASE_IMAGE OLD_ROOTFS NEW_ROOTFS
      make_delta "$2" "$3"; mkdir -p "$ctx"; ln -f "$CACHE/$3.delta-from-$2.tar" "$ctx/layer.tar"
      printf 'FROM patchlens-real/%s\nADD layer.tar /\nLABEL org.patchlens.real.recipe=%s\nCMD %s\n' "$1" "$RECIPE" "$cmd" > "$ctx/Dockerfile"
      DOCKER_BUILDKIT=0 docker build -q -t "$ref" "$ctx" >> "$CACHE/docker.log" 2>&1 || die "docker build $ref failed (log: $CACHE/docker.log)" ;;
    split)
      make_split "$1" "$2"; rm -rf "$ctx"; mkdir -p "$ctx"; local f
      { echo 'FROM scratch'; for f in "$CACHE/$1.split"/part*.tar; do ln -f "$f" "$ctx/"; echo "ADD $(basename "$f") /"; done
        printf 'LABEL org.patchlens.real.recipe=%s\nCMD %s\n' "$RECIPE" "$cmd"; } > "$ctx/Dockerfile"
      DOCKER_BUILDKIT=0 docker build -q -t "$ref" "$ctx" >> "$CACHE/docker.log" 2>&1 || die "docker build $ref failed (log: $CACHE/docker.log)" ;;
  esac
}

registry_has() { # REPO TAG DIGEST
  curl -sI --max-time 5 -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/$1/manifests/$2" | tr -d '\r' | awk 'tolower($1)=="docker-content-digest:"{print $2}' | grep -qx "$3"
}
# ---- end of recipe code

# Fast path: the description exists and the registry still holds every digest it names.
all_pushed() {
  [ -f "$CACHE/realistic.json" ] || return 1
  local repo tag digest
  while read -r repo tag digest; do registry_has "$repo" "$tag" "$digest" || return 1; done < <(
    node -e 'for (const i of JSON.parse(require("fs").readFileSync(process.argv[1])).images) console.log(i.repository, i.tag, i.digest)' "$CACHE/realistic.json")
}

main() {
  if all_pushed; then
    cp "$CACHE/realistic.json" "$STATE/realistic.json"
    log "cached (recipe $RECIPE): ${#IMAGES[@]} images already in $REGISTRY, $(( $(date +%s) - T0 ))s"; return 0
  fi
  ensure_mmdebstrap
  local line name suite pkgs extra off ref recipe a b c
  for line in "${ROOTFS[@]}"; do read -r name suite pkgs extra off <<<"$line"; build_rootfs "$name" "$suite" "$pkgs" "$extra" "$off"; done
  for line in "${IMAGES[@]}"; do
    read -r ref recipe a b c <<<"$line"
    case $recipe in
      import) build_image "$ref" import "$a" ;;
      delta) build_image "$ref" delta "$a" "$b" "$c" ;;
      split) build_image "$ref" split "$a" "$b" ;;
    esac
    docker tag "patchlens-real/$ref" "$REGISTRY/patchlens-real/$ref"
    docker push -q "$REGISTRY/patchlens-real/$ref" >> "$CACHE/docker.log" 2>&1 || die "docker push $ref failed (log: $CACHE/docker.log)"
  done
  printf '%s\n' "${IMAGES[@]}" | awk '{print $1}' > "$CACHE/images.list"
  printf '%s\n' "${PAIRS[@]}" > "$CACHE/pairs.list"
  REGISTRY=$REGISTRY RECIPE=$RECIPE node "$(dirname "${BASH_SOURCE[0]}")/describe-realistic.mjs" "$CACHE" ||
    die "could not describe the images"
  cp "$CACHE/realistic.json" "$STATE/realistic.json"
  log "built and pushed ${#IMAGES[@]} images (recipe $RECIPE) in $(( $(date +%s) - T0 ))s; $STATE/realistic.json"
}

main "$@"
