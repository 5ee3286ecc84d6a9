#!/usr/bin/env bash
# Builds the mobile library with the release profile (LTO, opt-level s,
# stripped) for this machine's target (x86_64, our proxy for arm64) and
# checks the shared library stays within the 5 MiB budget.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
budget=$((5 * 1024 * 1024))
# shellcheck source=scripts/mobile-env.sh
source "$root/scripts/mobile-env.sh"
cargo build --quiet --release -p dvc-ffi
lib="$CARGO_TARGET_DIR/release/libdvc_ffi.so"
bytes=$(stat -c %s "$lib")
printf 'libdvc_ffi.so (release, stripped, x86_64): %d bytes = %.2f MiB (budget 5 MiB)\n' \
  "$bytes" "$(echo "$bytes / 1048576" | bc -l)"
[[ $bytes -le $budget ]]
