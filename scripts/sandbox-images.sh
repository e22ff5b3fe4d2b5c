#!/usr/bin/env bash
# Builds Selfcode's sandbox images locally, without a registry (debootstrap + docker import), and fills the
# offline Maven repository that sandboxed Java builds read: python:3.11, java:17 and java:21 (Debian's JDK with
# Maven $MAVEN_VERSION from Maven Central), node:20. Idempotent: images that exist (Java ones with this Maven) and
# a repository seeded from the current seed poms and Maven are kept, unless --force.
#
# Usage: scripts/sandbox-images.sh [--force]
# Env:   SELFCODE_HOME  default /var/cache/selfcode; the Maven repository is $SELFCODE_HOME/m2
#        DEBIAN_MIRROR  default http://deb.debian.org/debian
#        NODE_BIN       Node.js >= 20 to copy into the node image (default: node on PATH)
#        SELFCODE_IMAGE_PREFIX  default selfcode/ (another prefix builds a second set, e.g. to time a fresh build)
# Needs: root (debootstrap), a Docker engine, Debian apt and Maven Central.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
force=false
for arg in "$@"; do
  case $arg in
    --force) force=true ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

SELFCODE_HOME=${SELFCODE_HOME:-/var/cache/selfcode}
M2=$SELFCODE_HOME/m2
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
prefix=${SELFCODE_IMAGE_PREFIX:-selfcode/}
PYTHON_IMAGE=${prefix}python:3.11
JAVA_IMAGE=${prefix}java:17
JAVA21_IMAGE=${prefix}java:21
NODE_IMAGE=${prefix}node:20
# The guard's JavaScript parser, installed into the node image (pinned; acorn has no dependencies).
ACORN_VERSION=8.19.0
# Maven for both Java images, from Maven Central (Debian's 3.8.7 fails builds whose enforcer asks for [3.9,)).
# The checksum is Central's apache-maven-$MAVEN_VERSION-bin.tar.gz.sha512, pinned here so a changed file is refused.
MAVEN_VERSION=3.9.16
MAVEN_SHA512=831a8591fe20c8243b1dbe7d71e3244f31d1665b0804b2e825e38cbbe5ce0cafb8338851f90780735568773e0a6cd07bbec107cda0b896b008b861075358b6f6
MAVEN_URL=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$MAVEN_VERSION/apache-maven-$MAVEN_VERSION-bin.tar.gz
PATH_ENV=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

log() { printf '[sandbox-images +%ss] %s\n' "$SECONDS" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $(id -u) == 0 ]] || die "run as root: debootstrap needs it"
docker info >/dev/null 2>&1 || die "no Docker engine answers 'docker info'"
if ! command -v debootstrap >/dev/null; then
  log "installing debootstrap"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

source "$here/debian-rootfs.sh"
work=$(mktemp -d /var/tmp/selfcode-images.XXXXXX)
trap 'rm -rf "$work"' EXIT

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# image_current KIND NAME: the image exists and, for Java, carries this script's Maven (older ones had Debian's).
image_current() {
  image_exists "$2" || return 1
  [[ $1 != java* ]] || docker image inspect -f '{{join .Config.Env " "}}' "$2" | grep -qw "MAVEN_VERSION=$MAVEN_VERSION"
}

# import DIR NAME [ENV...]: the rootfs as a local image; the sandbox adds its own env on top of these.
import_image() {
  local dir=$1 name=$2 changes=(-c "ENV PATH=$PATH_ENV" -c 'WORKDIR /workspace')
  shift 2
  mkdir -p "$dir/workspace"
  for env in "$@"; do changes+=(-c "ENV $env"); done
  tar -C "$dir" -c . | docker import "${changes[@]}" - "$name" >/dev/null
}

# verify NAME SCRIPT: runs SCRIPT in the new image as the sandbox would (no network, read-only, unprivileged);
# a failing image is removed so that the next run builds it again.
verify() {
  if ! docker run --rm --network none --read-only --tmpfs /tmp:rw,exec,size=64m --user 65534:65534 \
    -e HOME=/tmp "$1" sh -ec "$2"; then
    docker rmi "$1" >/dev/null 2>&1 || true
    return 1
  fi
}

# pip installs a repository's dependencies in the dependency phase (into a target folder, never the image).
build_python() {
  rootfs "$work/python" python3,python3-pytest,python3-pytest-cov,flake8,python3-pip
  # Debian marks its Python "externally managed"; the dependency phase installs with --target, never system-wide.
  rm -f "$work"/python/usr/lib/python3*/EXTERNALLY-MANAGED
  import_image "$work/python" "$PYTHON_IMAGE" PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_INPUT=1
  verify "$PYTHON_IMAGE" 'python3 -m pytest --version; python3 -m pytest_cov 2>/dev/null || python3 -c "import pytest_cov"; flake8 --version; python3 -m pip --version'
}

# The Maven distribution, downloaded once per version into $SELFCODE_HOME and checked against the pinned hash.
maven_tarball() {
  local file=$SELFCODE_HOME/maven/apache-maven-$MAVEN_VERSION-bin.tar.gz
  if [[ ! -f $file ]] || ! echo "$MAVEN_SHA512  $file" | sha512sum -c --quiet - >/dev/null 2>&1; then
    mkdir -p "$(dirname "$file")"
    curl -fsSL --retry 3 -o "$file.part" "$MAVEN_URL"
    echo "$MAVEN_SHA512  $file.part" | sha512sum -c --quiet - || die "$MAVEN_URL does not match its pinned SHA-512"
    mv "$file.part" "$file"
  fi
  echo "$file"
}

# java_image DIR NAME JDK SUITE: a JDK from Debian and Maven $MAVEN_VERSION in /opt/maven (mvn on PATH).
java_image() {
  local dir=$1 name=$2 jdk=$3 suite=$4
  rootfs "$dir" "openjdk-$jdk-jdk-headless" "$suite"
  mkdir -p "$dir/opt/maven"
  tar -xzf "$maven_archive" -C "$dir/opt/maven" --strip-components=1
  ln -sf /opt/maven/bin/mvn "$dir/usr/bin/mvn"
  # C1 only: Maven's own JVM runs briefly, and one CPU is the default limit.
  import_image "$dir" "$name" 'MAVEN_OPTS=-XX:TieredStopAtLevel=1' MAVEN_HOME=/opt/maven \
    "MAVEN_VERSION=$MAVEN_VERSION"
  verify "$name" "mvn -v | grep -q 'Apache Maven $MAVEN_VERSION '; javac -version 2>&1 | grep -q '^javac $jdk\.'"
}

build_java() { java_image "$work/java" "$JAVA_IMAGE" 17 bookworm; }

# JDK 21 for projects that require it (their enforcer rule or compiler release); Debian's comes with trixie.
build_java21() { java_image "$work/java21" "$JAVA21_IMAGE" 21 trixie; }

# Debian bookworm's nodejs is 18, whose test runner has no junit reporter; copy a Node >= 20 binary and npm.
build_node() {
  local node npm_dir corepack_dir
  node=$(readlink -f "${NODE_BIN:-$(command -v node || true)}")
  [[ -x $node ]] || die "no Node.js binary: install Node.js >= 20 or set NODE_BIN"
  [[ $("$node" -p 'process.versions.node.split(".")[0]') -ge 20 ]] || die "$node is older than 20"
  npm_dir=$(dirname "$node")/../lib/node_modules/npm
  rootfs "$work/node" ""
  install -m 0755 "$node" "$work/node/usr/bin/node"
  if [[ -d $npm_dir ]]; then
    mkdir -p "$work/node/usr/lib/node_modules"
    cp -a "$npm_dir" "$work/node/usr/lib/node_modules/npm"
    ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$work/node/usr/bin/npm"
    ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$work/node/usr/bin/npx"
  fi
  # Corepack (bundled with Node 20) runs the pnpm or yarn a package.json's packageManager names: the deps phase
  # fetches that version through the registry gateway into the deps cache, where the offline checks find it.
  corepack_dir=$(dirname "$node")/../lib/node_modules/corepack
  if [[ -d $corepack_dir ]]; then
    mkdir -p "$work/node/usr/lib/node_modules"
    cp -a "$corepack_dir" "$work/node/usr/lib/node_modules/corepack"
    for tool in corepack pnpm pnpx yarn yarnpkg; do
      ln -sf "../lib/node_modules/corepack/dist/$tool.js" "$work/node/usr/bin/$tool"
    done
  fi
  # Outside every module search path: only the guard's script requires it, by absolute path.
  mkdir -p "$work/node/opt/selfcode"
  npm install --prefix "$work/node/opt/selfcode" --no-save --no-package-lock --ignore-scripts --no-audit \
    --no-fund "acorn@$ACORN_VERSION"
  import_image "$work/node" "$NODE_IMAGE" NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
  # Proves the copied binary's libraries resolve in the image and that the junit reporter exists.
  verify "$NODE_IMAGE" "node --version; node -e 'require(\"node:test/reporters\").junit || process.exit(1)'
    node -e 'require(\"/opt/selfcode/node_modules/acorn\").parse(\"await 1\", {ecmaVersion: 2022, sourceType: \"module\"})'
    $([[ -d $npm_dir ]] && echo 'npm --version')
    $([[ -d $corepack_dir ]] && echo 'corepack --version')"
}

# Builds the missing images in parallel; each logs to its own file, shown when it fails.
maven_archive=$(maven_tarball)
pids=()
names=()
for spec in "python:$PYTHON_IMAGE" "java:$JAVA_IMAGE" "java21:$JAVA21_IMAGE" "node:$NODE_IMAGE"; do
  kind=${spec%%:*} name=${spec#*:}
  if ! $force && image_current "$kind" "$name"; then
    log "$name exists (use --force to rebuild)"
    continue
  fi
  log "building $name"
  ("build_$kind") >"$work/$kind.log" 2>&1 &
  pids+=($!)
  names+=("$kind:$name")
done
wait_builds || die "some images could not be built"

# The offline Maven repository: the seed project's real build, once with network, in the Java image itself
# (so the same Maven fetches exactly what it will later need offline), then proven offline and read-only.
# Maven's version is part of the seed: its default plugin bindings are what defaults/pom.xml fetches.
seed_hash=$( (cat "$here/maven-seed/pom.xml" "$here/maven-seed/defaults/pom.xml"; echo "$MAVEN_VERSION") |
  sha256sum | cut -c1-16)
if ! $force && [[ -f $M2/.selfcode-seed && $(cat "$M2/.selfcode-seed") == "$seed_hash" ]]; then
  log "Maven repository $M2 is ready (use --force to refill)"
  exit 0
fi
log "filling the Maven repository $M2 from Maven Central"
mkdir -p "$M2"
rm -f "$M2/.selfcode-seed"
# The host's Java trust store, when it has one, so that a TLS-inspecting egress proxy trusted by the host is
# trusted here too (only for this fetch: sandboxes never get it, nor any network).
trust=()
if [[ -f /etc/ssl/certs/java/cacerts ]]; then trust=(-v /etc/ssl/certs/java/cacerts:/etc/ssl/certs/java/cacerts:ro); fi
docker run --rm --network host -e HOME=/tmp "${trust[@]}" -v "$here/maven-seed:/seed:ro" -v "$M2:/m2" \
  "$JAVA_IMAGE" sh -ec '
  cp -r /seed /tmp/seed && cd /tmp/seed
  mvn -B -q -Dstyle.color=never -Dmaven.repo.local=/m2 verify
  mvn -B -q -Dstyle.color=never -Dmaven.repo.local=/m2 -f defaults/pom.xml test >/dev/null'
chmod -R a+rX "$M2"
for image in "$JAVA_IMAGE" "$JAVA21_IMAGE"; do
  log "checking an offline build in $image as the sandbox runs it"
  docker run --rm --network none --read-only --tmpfs /tmp:rw,exec,size=256m --user 65534:65534 -e HOME=/tmp \
    -v "$here/maven-seed:/seed:ro" -v "$M2:/m2:ro" "$image" sh -ec '
    cp -r /seed /tmp/seed && cd /tmp/seed
    mvn -o -B -q -Dstyle.color=never -Dmaven.repo.local=/m2 test
    test -f target/site/jacoco/jacoco.xml
    ls target/surefire-reports/TEST-*.xml >/dev/null
    mvn -o -B -q -Dstyle.color=never -Dmaven.repo.local=/m2 -f defaults/pom.xml test >/dev/null'
done
echo "$seed_hash" >"$M2/.selfcode-seed"
log "Maven repository ready: $M2 (mount read-only, SELFCODE_M2 inside the sandbox)"
