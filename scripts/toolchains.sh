#!/usr/bin/env bash
# Installs, idempotently, what the native-layer tests need on Debian 12:
#   kotlin: a JVM Kotlin compiler (npm package kotlin-compiler, which also
#           ships kotlinx-coroutines), JNA and JUnit 4 from Debian, and
#           Debian's android.jar (API 23, from sid) for a compile check;
#   swift:  a Debian trixie chroot with swiftlang (bookworm has no Swift, and
#           trixie's needs glibc 2.38); run things in it with swift-chroot.sh.
# Downloads are cached outside the work tree in $DVC_CACHE (~/.cache/dvc).
# Each step writes a marker only once it fully succeeded, so an interrupted
# step is redone on the next run; a cached run takes well under a second.
# Step logs go to $DVC_CACHE/logs. Writes $DVC_CACHE/env.sh (paths).
# Usage: scripts/toolchains.sh [all|kotlin|swift]   (run as root)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${DVC_CACHE:-$HOME/.cache/dvc}
kotlin_version=2.4.20
kotlin_home=$cache/kotlin
swift_root=$cache/swift-trixie
android_root=$cache/android-23
android_jar=$android_root/usr/share/java/com.android.android-23.jar
logs=$cache/logs

case ${1:-all} in
  all | --all) steps=(kotlin android_jar swift) ;;
  kotlin | --kotlin) steps=(kotlin android_jar) ;;
  swift | --swift) steps=(swift) ;;
  -h | --help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "usage: $0 [all|kotlin|swift]" >&2; exit 2 ;;
esac
[[ $# -le 1 ]] || { echo "usage: $0 [all|kotlin|swift]" >&2; exit 2; }

mkdir -p "$cache" "$logs"
# One run at a time: apt/dpkg and the cache folders are shared.
exec 8>"$cache/toolchains.lock"
flock 8

say() { echo "toolchains: $*" >&2; }
die() { say "$*"; exit 1; }
need_root() { [[ $(id -u) -eq 0 ]] || die "$1 needs root"; }

# run <log name> <command...>: runs quietly into $logs/<name>.log; on failure
# shows the end of the log and stops.
run() {
  local name=$1 rc=0
  shift
  "$@" >"$logs/$name.log" 2>&1 || rc=$?
  if [[ $rc -ne 0 ]]; then
    say "$name failed (exit $rc); end of $logs/$name.log:"
    tail -n 25 "$logs/$name.log" >&2
    exit "$rc"
  fi
}

# apt-get install the host packages that are missing (dpkg is the marker);
# apt-get update only when something is missing.
apt_install() {
  local missing=() p
  for p in "$@"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) == installed ]] || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  need_root "apt-get install ${missing[*]}"
  say "apt-get install ${missing[*]}"
  run apt-update apt-get update
  run apt-install env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
}

install_kotlin() {
  local pkgs=(libjna-java libjna-jni junit4)
  command -v java >/dev/null || pkgs+=(openjdk-17-jdk-headless)
  command -v npm >/dev/null || pkgs+=(npm)
  apt_install "${pkgs[@]}"

  # The marker holds the version, so changing kotlin_version refetches.
  [[ $(cat "$kotlin_home/.done" 2>/dev/null) == "$kotlin_version" ]] && return 0
  say "kotlin-compiler@$kotlin_version from npm (~90 MB)"
  local tmp=$cache/kotlin.partial
  rm -rf "$tmp" "$kotlin_home"
  mkdir -p "$tmp"
  run npm-pack npm pack --pack-destination "$tmp" "kotlin-compiler@$kotlin_version"
  run kotlin-untar tar -xzf "$tmp/kotlin-compiler-$kotlin_version.tgz" -C "$tmp"
  [[ -f $tmp/package/lib/kotlinx-coroutines-core-jvm.jar ]] || die "no coroutines jar in kotlin-compiler@$kotlin_version"
  chmod +x "$tmp/package/bin/"*
  run kotlinc-version "$tmp/package/bin/kotlinc" -version
  mv "$tmp/package" "$kotlin_home"
  rm -rf "$tmp"
  echo "$kotlin_version" >"$kotlin_home/.done"
}

# Debian's android.jar (API 23, package libandroid-23-java, only in sid),
# to compile-check the Android module's framework code. Downloaded with a
# private apt configuration and unpacked into the cache: nothing is
# installed on the host.
install_android_jar() {
  [[ -f $android_root/.done ]] && return 0
  local apt=$cache/apt-sid
  say "android.jar (API 23) from Debian sid (~14 MB)"
  rm -rf "$apt" "$android_root"
  mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$android_root"
  echo "deb $(debian_mirror) sid main" >"$apt/sources.list"
  : >"$apt/status"
  local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt" -o "Dir::State::status=$apt/status")
  run apt-sid-update apt-get "${opts[@]}" update
  (cd "$apt" && run apt-sid-download apt-get "${opts[@]}" download libandroid-23-java)
  run android-unpack dpkg-deb -x "$(ls "$apt"/libandroid-23-java_*.deb)" "$android_root"
  [[ -f $android_jar ]] || die "no android.jar in libandroid-23-java"
  rm -rf "$apt"
  touch "$android_root/.done"
}

# The Debian archive URI of the host's apt sources (one-line or deb822
# format), e.g. http://deb.debian.org/debian; DEBIAN_MIRROR overrides it.
debian_mirror() {
  local uri
  uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -v '^[[:space:]]*#' | grep -oE 'https?://[^[:space:]]+/debian/?([[:space:]]|$)' | head -n1 || true)
  uri=$(echo "$uri" | tr -d '[:space:]')
  echo "${DEBIAN_MIRROR:-${uri:-http://deb.debian.org/debian}}"
}

# Deletes a half-made chroot, refusing while anything is mounted inside it
# (rm would follow a bind mount of a host folder).
remove_chroot() {
  [[ -e $swift_root ]] || return 0
  if findmnt -rn -o TARGET | grep -qF "$swift_root/"; then
    die "$swift_root has mounts inside; unmount them first (findmnt | grep swift-trixie)"
  fi
  rm -rf --one-file-system "$swift_root"
}

# True if the chroot has an executable /usr/bin/swift. Its symlinks are
# absolute (/usr/bin/swift -> /usr/libexec/swift/bin/swift), so resolve them
# against the chroot, not the host.
chroot_has_swift() {
  local p=/usr/bin/swift t i
  for ((i = 0; i < 10; i++)); do
    [[ -L $swift_root$p ]] || break
    t=$(readlink "$swift_root$p")
    [[ $t == /* ]] && p=$t || p=$(dirname "$p")/$t
  done
  [[ -f $swift_root$p && -x $swift_root$p ]]
}

install_swift() {
  apt_install debootstrap
  if [[ ! -f $swift_root/.base-done ]]; then
    need_root debootstrap
    remove_chroot
    say "debootstrap trixie into $swift_root (1-2 min)"
    run debootstrap debootstrap --variant=minbase trixie "$swift_root" "$(debian_mirror)"
    touch "$swift_root/.base-done"
  fi
  # Also redone if swift went missing from the chroot.
  if [[ ! -f $swift_root/.swift-done ]] || ! chroot_has_swift; then
    need_root "installing swiftlang in the chroot"
    say "apt-get install swiftlang in the chroot (~530 MB, about 1 min)"
    rm -f "$swift_root/.swift-done"
    cp -L /etc/resolv.conf "$swift_root/etc/resolv.conf" # DNS may have changed since debootstrap
    # swift-chroot.sh wants a host folder to share; the logs folder will do.
    run swift-install "$here/swift-chroot.sh" "$logs" -- sh -exc '
      export DEBIAN_FRONTEND=noninteractive
      dpkg --configure -a
      apt-get update
      apt-get install -y --no-install-recommends swiftlang libc6-dev
      apt-get clean
      swift --version'
    touch "$swift_root/.swift-done"
  fi
}

# env.sh: the paths the test scripts use (rewritten only when it changes).
write_env() {
  local tmp=$cache/env.sh.tmp
  {
    echo "# Written by scripts/toolchains.sh; source it."
    printf 'export %s=%q\n' \
      DVC_CACHE "$cache" \
      KOTLIN_HOME "$kotlin_home" \
      KOTLINC "$kotlin_home/bin/kotlinc" \
      COROUTINES_JAR "$kotlin_home/lib/kotlinx-coroutines-core-jvm.jar" \
      JNA_JAR /usr/share/java/jna.jar \
      JUNIT_JAR /usr/share/java/junit4.jar \
      HAMCREST_JAR /usr/share/java/hamcrest.jar \
      ANDROID_JAR "$android_jar" \
      SWIFT_CHROOT "$swift_root"
  } >"$tmp"
  if cmp -s "$tmp" "$cache/env.sh"; then rm -f "$tmp"; else mv "$tmp" "$cache/env.sh"; fi
}

for step in "${steps[@]}"; do "install_$step"; done
write_env
say "${steps[*]} ready in ${SECONDS}s (source $cache/env.sh)"
