#!/usr/bin/env bash
# Builds the DvcKit Swift package (generated bindings + idiomatic layer)
# and runs its XCTest suite on Linux, inside the Debian trixie chroot that
# holds Swift, against the real libdvc_ffi.so and a dvc-server process.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/toolchains.sh" swift
"$root/scripts/build-bindings.sh"

lib="$root/target/debug"
pkg="$root/ios/DvcKit"
"$root/scripts/swift-chroot.sh" "$root" -- env \
  DVC_SERVER_BIN="$lib/dvc-server" \
  bash -c "cd '$pkg' && swift test --disable-swift-testing --scratch-path '$root/build/swift' \
    -Xlinker -L'$lib' -Xlinker -rpath -Xlinker '$lib' 2>&1"
