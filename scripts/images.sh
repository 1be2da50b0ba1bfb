# Image pipeline of ./rewards (sourced, not executed): sandbox runtime images, built from the Dockerfiles under
# sandbox/ when a registry is reachable, else on a Debian root filesystem made with debootstrap and imported.
# Images carry a label with the hash of their sources, so a changed Dockerfile makes its image stale.
# Temporary directories come from temp_dir (./rewards), which removes them when the launcher ends however it ends
# (a failed build, Ctrl-C in the middle of debootstrap), not only on the paths that remove them here.

# Every language with a sandbox image (sandbox/languages/<language>/); the core five are built by default and the
# code-verifier's readiness requires them, the others are built on request (--languages, REWARDS_LANGUAGES) and
# are served when their image is present.
SANDBOX_LANGUAGES=(python c cpp java javascript go rust typescript csharp ruby bash)
CORE_SANDBOX_LANGUAGES=(python c cpp java javascript)
SOURCE_HASH_LABEL=dev.rewards.source-hash
DEBIAN_SUITE=bookworm

# The Debian mirror debootstrap uses: REWARDS_DEBIAN_MIRROR, else the one this host's apt already uses.
debian_mirror() {
  if [ -n "${REWARDS_DEBIAN_MIRROR:-}" ]; then echo "$REWARDS_DEBIAN_MIRROR"; return; fi
  local uri
  uri=$( { sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null
           sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) .*/\2/p' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
         } | tr ' ' '\n' | grep -E '/debian/?$' | head -n 1)
  [ -n "$uri" ] || die "no Debian mirror found in the apt sources; set REWARDS_DEBIAN_MIRROR"
  echo "$uri"
}

sandbox_image() { echo "rewards-sandbox-$1:${PROJECT_VERSION}"; }

tree_hash() { (cd "$ROOT" && find "$@" -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }

image_label() { docker image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }

default_base_image() { awk -v language="$1" '$1 == language { print $2 }' "$ROOT/sandbox/base-images.txt"; }

# A registry is usable when a public base image is present or can be pulled; an air-gapped engine answers at once.
registry_reachable() {
  local image=$1
  docker image inspect "$image" >/dev/null 2>&1 && return 0
  timeout 120 docker pull -q "$image" >/dev/null 2>&1
}

offline_base_image() { echo "rewards-sandbox-base:${DEBIAN_SUITE}-$(tree_hash sandbox/base)"; }

ensure_offline_base() {
  local image; image=$(offline_base_image)
  docker image inspect "$image" >/dev/null 2>&1 && return 0
  command -v debootstrap >/dev/null 2>&1 || install_debian_packages debootstrap
  local packages rootfs
  packages=$(grep -v '^#' "$ROOT/sandbox/base/packages.txt" | grep -v '^$' | paste -sd, -)
  # On disk, not in a tmpfs /tmp: the root filesystem takes about 1 GB.
  rootfs=$(temp_dir /var/tmp/rewards-rootfs.XXXXXX)
  step "building the offline sandbox base $image with debootstrap (a few minutes; log: $STATE_DIR/debootstrap.log)"
  local count=0
  if ! debootstrap --variant=minbase --include="$packages" "$DEBIAN_SUITE" "$rootfs" "$(debian_mirror)" 2>&1 \
      | tee "$STATE_DIR/debootstrap.log" | while IFS= read -r line; do
          count=$((count + 1))
          case "$line" in I:\ Retrieving*|I:\ Unpacking*|I:\ Configuring*) printf '\r  debootstrap: %-70.70s' "${line#I: }" ;; esac
        done; then
    printf '\n'; rm -rf "$rootfs"; die "debootstrap failed, see $STATE_DIR/debootstrap.log"
  fi
  printf '\n'
  grep -q '^I: Base system installed successfully' "$STATE_DIR/debootstrap.log" || { rm -rf "$rootfs"; die "debootstrap failed, see $STATE_DIR/debootstrap.log"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  step "importing the root filesystem as $image"
  tar -C "$rootfs" -c . | docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8' - "$image" >/dev/null
  rm -rf "$rootfs"
}

build_sandbox_image() {
  local language=$1 image hash base
  image=$(sandbox_image "$language")
  base=$(default_base_image "$language")
  [ -n "$base" ] || die "no base image for $language in sandbox/base-images.txt"
  [ -d "$ROOT/sandbox/languages/$language" ] || die "unknown sandbox language: $language (known: ${SANDBOX_LANGUAGES[*]})"
  hash=$( (tree_hash sandbox/common sandbox/base sandbox/Dockerfile sandbox/toolchain.sh "sandbox/languages/$language"
           echo "$language $base") | sha256sum | cut -c1-16)
  if [ "$(image_label "$image" "$SOURCE_HASH_LABEL")" = "$hash" ]; then
    return 0
  fi
  if ! registry_reachable "$base"; then
    ensure_offline_base
    base=$(offline_base_image)
  fi
  step "building $image (base $base)"
  docker build -q --build-arg "BASE_IMAGE=$base" --build-arg "LANGUAGE=$language" --label "$SOURCE_HASH_LABEL=$hash" \
    -t "$image" "$ROOT/sandbox" >"$STATE_DIR/build-$language.log" 2>&1 \
    || { cat "$STATE_DIR/build-$language.log" >&2; die "building $image failed"; }
}

# Sets SELECTED_LANGUAGES from a list such as "go,rust" ("all": every language, "core": the five defaults); the
# core five are always included, since the code-verifier is not ready without them. Not in a subshell: an unknown
# name must stop the launcher.
sandbox_languages() {
  local requested=${1:-} language known l
  SELECTED_LANGUAGES=("${CORE_SANDBOX_LANGUAGES[@]}")
  case "$requested" in
    all) SELECTED_LANGUAGES=("${SANDBOX_LANGUAGES[@]}") ;;
    ""|core) ;;
    *)
      for language in ${requested//,/ }; do
        known=false
        for l in "${SANDBOX_LANGUAGES[@]}"; do [ "$l" = "$language" ] && known=true; done
        $known || die "unknown sandbox language: $language (known: ${SANDBOX_LANGUAGES[*]}, or all)"
        [[ " ${SELECTED_LANGUAGES[*]} " == *" $language "* ]] || SELECTED_LANGUAGES+=("$language")
      done ;;
  esac
}

# Builds the sandbox images of the languages in $1 (see sandbox_languages; default REWARDS_LANGUAGES, else core).
ensure_sandbox_images() {
  local language started
  sandbox_languages "${1:-${REWARDS_LANGUAGES:-}}"
  for language in "${SELECTED_LANGUAGES[@]}"; do
    started=$SECONDS
    build_sandbox_image "$language"
    [ $((SECONDS - started)) -lt 2 ] || ok "rewards-sandbox-$language built in $((SECONDS - started)) s"
  done
  ok "sandbox images: ${SELECTED_LANGUAGES[*]} (tag ${PROJECT_VERSION})"
}

# Service images: one Dockerfile (docker/service) for all five, on a public JRE 17 base when a registry answers,
# else on the offline Debian base above (its OpenJDK 17 serves as the JRE).
SERVICE_MODULES=(math-verifier:8081 code-verifier:8082 format-checker:8083 language-consistency:8084 gateway:8080)
PUBLIC_SERVICE_BASE=eclipse-temurin:17-jre

service_image() { echo "rewards-$1:${PROJECT_VERSION}"; }

# Prints the base image for the service images, building the offline one when no registry answers.
service_base_image() {
  if [ -n "${REWARDS_SERVICE_BASE_IMAGE:-}" ]; then echo "$REWARDS_SERVICE_BASE_IMAGE"; return; fi
  if registry_reachable "$PUBLIC_SERVICE_BASE"; then echo "$PUBLIC_SERVICE_BASE"; return; fi
  ensure_offline_base
  offline_base_image
}

build_service_image() {
  local name=$1 port=$2 base=$3 image jar hash context
  image=$(service_image "$name")
  jar=$(exec_jar "$name")
  [ -n "$jar" ] || die "no jar for $name: build first (./mvnw -B -DskipTests package)"
  hash=$( (sha256sum "$jar" | cut -c1-64; tree_hash docker/service; echo "$base $port") | sha256sum | cut -c1-16)
  if [ "$(image_label "$image" "$SOURCE_HASH_LABEL")" = "$hash" ]; then
    return 0
  fi
  context=$(temp_dir)
  cp "$ROOT/docker/service/healthcheck.sh" "$context/"
  cp "$jar" "$context/app.jar"
  step "building $image (base $base)"
  docker build -q -f "$ROOT/docker/service/Dockerfile" --build-arg "BASE_IMAGE=$base" --build-arg "SERVICE=$name" \
    --build-arg "PORT=$port" --build-arg "VERSION=$PROJECT_VERSION" --label "$SOURCE_HASH_LABEL=$hash" \
    -t "$image" "$context" >"$STATE_DIR/build-$name.log" 2>&1 \
    || { rm -rf "$context"; cat "$STATE_DIR/build-$name.log" >&2; die "building $image failed"; }
  rm -rf "$context"
}

ensure_service_images() {
  local base entry
  base=$(service_base_image)
  for entry in "${SERVICE_MODULES[@]}"; do build_service_image "${entry%%:*}" "${entry##*:}" "$base"; done
  ok "service images: $(printf '%s ' "${SERVICE_MODULES[@]%%:*}")(tag ${PROJECT_VERSION}, base $base)"
}
