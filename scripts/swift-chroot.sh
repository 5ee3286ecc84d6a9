#!/usr/bin/env bash
# Runs a command inside the Swift chroot made by toolchains.sh, with /proc,
# /dev and /tmp mounted and <host-dir> bind-mounted at the same absolute
# path (so paths match inside and out). Everything is unmounted on exit.
# Usage: scripts/swift-chroot.sh <host-dir> -- <command...>
set -euo pipefail
[[ $# -ge 3 && $2 == "--" ]] || { echo "usage: $0 <host-dir> -- <command...>" >&2; exit 2; }
host_dir=$(cd "$1" && pwd)
shift 2
cache=${DVC_CACHE:-$HOME/.cache/dvc}
root="$cache/swift-trixie"
[[ -f "$root/.swift-done" ]] || { echo "no Swift chroot: run scripts/toolchains.sh swift" >&2; exit 1; }

# One user of the chroot at a time.
exec 9>"$cache/swift-chroot.lock"
flock 9

mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -l "${mounted[$i]}" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

bind() {
  local src=$1 dst=$2
  mkdir -p "$dst"
  mountpoint -q "$dst" && umount -l "$dst"
  mount --bind "$src" "$dst"
  mounted+=("$dst")
}

mountpoint -q "$root/proc" || { mount -t proc proc "$root/proc"; mounted+=("$root/proc"); }
bind /dev "$root/dev"
mkdir -p "$root/tmp" && chmod 1777 "$root/tmp"
bind "$host_dir" "$root$host_dir"

chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 TERM=dumb "$@"
