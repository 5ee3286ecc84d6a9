#!/usr/bin/env bash
# Runs a command inside the Swift chroot made by scripts/toolchains.sh, with
# <host-dir> bind-mounted at the same absolute path (paths match inside and
# out), /proc, /dev (host's, plus a fresh /dev/shm) and an empty tmpfs /tmp,
# HOME=/root and a clean environment (pass variables with `env A=b cmd`).
# Starts in the caller's directory if it lies in <host-dir>, else there.
# The command's exit code is returned. One run at a time (flock).
# Mounts are made in a private mount namespace when unshare works, so they
# vanish with the process even on kill -9; a trap unmounts them anyway.
# Usage: scripts/swift-chroot.sh <host-dir> -- <command...>   (as root)
set -euo pipefail

usage() { echo "usage: $0 <host-dir> -- <command...>" >&2; exit 2; }
fail() { echo "swift-chroot: $*" >&2; exit 2; }
[[ $# -ge 3 && $2 == -- ]] || usage
[[ -d $1 ]] || fail "not a directory: $1"
host_dir=$(cd "$1" && pwd)
shift 2
[[ $host_dir != / ]] || fail "refusing to share all of /"

cache=${DVC_CACHE:-$HOME/.cache/dvc}
[[ -f $cache/swift-trixie/.base-done ]] || fail "no chroot in $cache/swift-trixie: run scripts/toolchains.sh swift"
root=$(cd "$cache/swift-trixie" && pwd -P)
target=$root$host_dir
# An absolute symlink in the chroot would put the mount on the host instead.
case $(realpath -m "$target") in "$root"/*) ;; *) fail "$host_dir leads out of the chroot via a symlink" ;; esac

# Re-run ourselves in a private mount namespace if we can.
if [[ -z ${SWIFT_CHROOT_NS:-} ]] && unshare --mount --propagation private true 2>/dev/null; then
  SWIFT_CHROOT_NS=1 exec unshare --mount --propagation private -- "${BASH_SOURCE[0]}" "$host_dir" -- "$@"
fi

exec 9>"$cache/swift-chroot.lock"
flock 9

mounted=()
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" ||
      echo "swift-chroot: could not unmount ${mounted[i]}" >&2
  done
  mounted=()
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# We hold the lock, so anything still mounted where we mount is a leftover
# of a killed run: detach it (with whatever is mounted below it).
for dst in "$target" "$root/tmp" "$root/dev/shm" "$root/dev" "$root/proc"; do
  while mountpoint -q "$dst"; do umount -l "$dst"; done
done

# mnt <target> <mount args...>: mounts and remembers it for cleanup.
mnt() {
  local dst=$1
  shift
  mkdir -p "$dst"
  mount "$@" "$dst"
  mounted+=("$dst")
  # Private: mounts made on top of a bind never propagate to the host.
  [[ $1 != --bind ]] || mount --make-private "$dst"
}

mnt "$root/proc" -t proc proc
mnt "$root/dev" --bind /dev
mnt "$root/dev/shm" -t tmpfs -o mode=1777,nosuid,nodev shm
mnt "$root/tmp" -t tmpfs -o mode=1777,nosuid tmp
mnt "$target" --bind "$host_dir"

wd=$PWD
case $wd/ in "$host_dir"/*) ;; *) wd=$host_dir ;; esac

rc=0
# shellcheck disable=SC2016 # $1 and $@ are for the inner sh
chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$wd" "$@" || rc=$?
exit "$rc"
