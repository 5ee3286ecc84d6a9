#!/usr/bin/env bash
# Installs what the native-layer tests need, idempotently, caching downloads
# outside the work tree in $DVC_CACHE (default ~/.cache/dvc):
#   kotlin: a JVM Kotlin compiler (npm package kotlin-compiler) with the
#           coroutines jar, JNA and JUnit 4 from Debian;
#   swift:  a Debian trixie chroot with the swiftlang package (bookworm has
#           no Swift, and trixie's needs glibc 2.38).
# Writes $DVC_CACHE/env.sh with the paths. A second run takes a second.
# Usage: scripts/toolchains.sh [all|kotlin|swift]
set -euo pipefail

cache=${DVC_CACHE:-$HOME/.cache/dvc}
what=${1:-all}
kotlin_version=2.4.20
mkdir -p "$cache"

say() { echo "toolchains: $*" >&2; }

# apt-get install the given packages when any is missing.
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  say "apt-get install ${missing[*]}"
  if [[ ! -f "$cache/.apt-updated" ]] || ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    apt-get update -qq >/dev/null
    touch "$cache/.apt-updated"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

kotlin() {
  apt_install libjna-java libjna-jni junit4
  local home="$cache/kotlin-$kotlin_version"
  if [[ ! -f "$home/.done" ]]; then
    say "fetching kotlin-compiler@$kotlin_version from npm"
    rm -rf "$home" "$home.tmp"
    mkdir -p "$home.tmp"
    (cd "$home.tmp" && npm pack --silent "kotlin-compiler@$kotlin_version" >/dev/null && tar xzf kotlin-compiler-*.tgz && rm kotlin-compiler-*.tgz)
    mv "$home.tmp/package" "$home"
    rm -rf "$home.tmp"
    chmod +x "$home/bin/"*
    touch "$home/.done"
  fi
}

debian_mirror() {
  local uri
  uri=$(grep -rhoE 'https?://deb\.debian\.org/debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null | head -n1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

swift() {
  apt_install debootstrap
  local root="$cache/swift-trixie"
  if [[ ! -f "$root/.base-done" ]]; then
    say "debootstrap trixie into $root"
    rm -rf "$root"
    debootstrap --variant=minbase trixie "$root" "$(debian_mirror)" >/dev/null
    touch "$root/.base-done"
  fi
  if [[ ! -f "$root/.swift-done" ]]; then
    say "installing swiftlang in the chroot"
    mount_proc "$root"
    chroot "$root" apt-get update -qq >/dev/null
    chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      swiftlang libc6-dev ca-certificates >/dev/null
    chroot "$root" swift --version >/dev/null
    touch "$root/.swift-done"
  fi
}

mount_proc() {
  local root=$1
  if ! mountpoint -q "$root/proc"; then
    mount -t proc proc "$root/proc"
    trap 'umount "'"$root"'/proc" 2>/dev/null || true' EXIT
  fi
}

write_env() {
  local home="$cache/kotlin-$kotlin_version"
  cat >"$cache/env.sh.tmp" <<ENV
# Written by scripts/toolchains.sh
export KOTLIN_HOME="$home"
export KOTLINC="$home/bin/kotlinc"
export COROUTINES_JAR="\$(ls "$home"/lib/kotlinx-coroutines-core-jvm*.jar 2>/dev/null | head -n1)"
export JNA_JAR=/usr/share/java/jna.jar
export JUNIT_JAR=/usr/share/java/junit4.jar
export HAMCREST_JAR=/usr/share/java/hamcrest-core.jar
export SWIFT_CHROOT="$cache/swift-trixie"
ENV
  mv "$cache/env.sh.tmp" "$cache/env.sh"
}

case "$what" in
  kotlin) kotlin ;;
  swift) swift ;;
  all) kotlin; swift ;;
  *) echo "usage: $0 [all|kotlin|swift]" >&2; exit 2 ;;
esac
write_env
