#!/usr/bin/env bash
# Fuzzes the QR dossier-code reader (dvc_core::qr decode + verify) with
# cargo-fuzz for SECONDS (default 60), benchmark-style: not a test, never run
# by scripts/test.sh or CI. Installs, only when missing, a minimal nightly
# toolchain and cargo-fuzz (into ~/.cargo/bin), writes the seed corpus if it
# is absent (fuzz/examples/seeds.rs), runs the `qr_decode` target and ends
# with one summary line: executions, execs/s, corpus size, crashes. Exits
# non-zero when the fuzzer finds a crash (kept in fuzz/artifacts/qr_decode).
# The full libFuzzer log goes to build/fuzz-logs/qr_decode.log.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
[[ $seconds =~ ^[1-9][0-9]*$ && $# -le 1 ]] || { echo "usage: $0 [SECONDS]" >&2; exit 2; }
target=qr_decode
logs="$root/build/fuzz-logs"
log="$logs/$target.log"
mkdir -p "$logs"
cd "$root/fuzz"

section() { printf '\n==> %s\n' "$*"; }

section "toolchain"
if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
echo "$(cargo +nightly --version), $(cargo fuzz --version)"

section "seed corpus"
if ! compgen -G "corpus/$target/seed-*" >/dev/null; then
  cargo +nightly run --quiet --example seeds -- "corpus/$target"
fi
echo "$(find "corpus/$target" -name 'seed-*' | wc -l) seeds in fuzz/corpus/$target"

section "build (nightly, ASan, libFuzzer)"
start=$SECONDS
cargo +nightly fuzz build -a "$target"
echo "built in $((SECONDS - start)) s"

section "cargo +nightly fuzz run -a $target -- -max_total_time=$seconds"
mkdir -p "artifacts/$target"
marker=$(mktemp)
trap 'rm -f "$marker"' EXIT
set +e
cargo +nightly fuzz run -a "$target" -- -max_total_time="$seconds" -print_final_stats=1 2>&1 |
  tee "$log" | grep -E 'INITED|pulse|DONE|panicked|==ERROR|SUMMARY|Test unit written|^Done'
status=${PIPESTATUS[0]}
set -e

final_stat() { grep -oE "^stat::$1: *[0-9]+" "$log" | grep -oE '[0-9]+$' | tail -n 1 || true; }
execs=$(final_stat number_of_executed_units)
rate=$(final_stat average_exec_per_sec)
corp=$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -n 1 | cut -d' ' -f2 || true)
corp=${corp:-?/?}
files=$(find "corpus/$target" -type f | wc -l)
mapfile -t crashes < <(find "artifacts/$target" -type f -newer "$marker" \
  \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' \) | sort)

for f in "${crashes[@]}"; do
  echo "fuzz/$f (base64): $(base64 -w0 "$f")"
done
if [[ ${#crashes[@]} -eq 0 && $status -ne 0 ]]; then
  tail -n 40 "$log"
fi

echo
printf 'fuzz %s: %s executions in %s s, %s execs/s, corpus %s inputs (%s; %s files on disk), ' \
  "$target" "${execs:-?}" "$seconds" "${rate:-?}" "${corp%%/*}" "${corp#*/}" "$files"
if [[ ${#crashes[@]} -eq 0 ]]; then
  echo "crashes: 0"
else
  echo "crashes: ${#crashes[@]} (${crashes[*]/#/fuzz/})"
fi
[[ $status -eq 0 && ${#crashes[@]} -eq 0 ]]
