#!/usr/bin/env bash
# The one test command: installs the toolchains (cached), checks formatting
# and lints, runs the Rust tests, the Kotlin tests on the JVM and the Swift
# tests on Linux, checks the HTTP API against its OpenAPI document with
# schemathesis, checks the size of the mobile library, and ends with one
# summary line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
logs="$root/build/test-logs"
# One full, from-scratch run: incremental caches would only cost disk.
export CARGO_INCREMENTAL=0
mkdir -p "$logs"

passed=0
failed=0
count() { # $1 passed, $2 failed
  passed=$((passed + $1))
  failed=$((failed + $2))
}

section() { printf '\n==> %s\n' "$*"; }

section "toolchains"
scripts/toolchains.sh all

section "cargo fmt --check"
cargo fmt --all --check

section "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings

section "Rust tests"
cargo test --workspace 2>&1 | tee "$logs/rust.log" | grep -E '^test result|FAILED|panicked' || true
rust_status=${PIPESTATUS[0]}
count "$(grep -oE '[0-9]+ passed' "$logs/rust.log" | awk '{s+=$1} END {print s+0}')" \
      "$(grep -oE '[0-9]+ failed' "$logs/rust.log" | awk '{s+=$1} END {print s+0}')"
[[ $rust_status -eq 0 ]] || { echo "Rust tests failed"; failed=$((failed + (failed == 0))); }

section "mobile library size"
if scripts/size.sh; then count 1 0; else count 0 1; fi

section "Kotlin tests (JVM, JNA) against the shipped library"
set +e
DVC_FFI_LIB_DIR="$root/target/mobile/release" scripts/test-kotlin.sh >"$logs/kotlin.log" 2>&1
kotlin_status=$?
set -e
grep -E '^(OK|Tests run|FAILURES|[0-9]+\))' "$logs/kotlin.log" || tail -n 30 "$logs/kotlin.log"
k_ok=$(grep -oE '^OK \([0-9]+ tests?\)' "$logs/kotlin.log" | grep -oE '[0-9]+' || true)
if [[ -n "$k_ok" ]]; then
  count "$k_ok" 0
else
  k_run=$(grep -oE 'Tests run: [0-9]+' "$logs/kotlin.log" | grep -oE '[0-9]+' || echo 0)
  k_fail=$(grep -oE 'Failures: [0-9]+' "$logs/kotlin.log" | grep -oE '[0-9]+' || echo 1)
  count $((k_run - k_fail)) "$k_fail"
fi
[[ $kotlin_status -eq 0 ]] || { tail -n 60 "$logs/kotlin.log"; failed=$((failed + (failed == 0))); }

section "Swift tests (Linux, XCTest)"
set +e
scripts/test-swift.sh >"$logs/swift.log" 2>&1
swift_status=$?
set -e
grep -E "error:|failed|Executed" "$logs/swift.log" | tail -n 20 || true
s_line=$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" "$logs/swift.log" | tail -n 1 || true)
if [[ -n "$s_line" ]]; then
  s_run=$(echo "$s_line" | grep -oE 'Executed [0-9]+' | grep -oE '[0-9]+')
  s_fail=$(echo "$s_line" | grep -oE 'with [0-9]+' | grep -oE '[0-9]+')
  count $((s_run - s_fail)) "$s_fail"
fi
[[ $swift_status -eq 0 ]] || { tail -n 60 "$logs/swift.log"; failed=$((failed + (failed == 0))); }

section "API against docs/openapi.json (schemathesis)"
set +e
scripts/schemathesis.sh 30 >"$logs/schemathesis.log" 2>&1
st_status=$?
set -e
grep -E "^== |generated|Failures:|  ❌" "$logs/schemathesis.log" || tail -n 30 "$logs/schemathesis.log"
if [[ $st_status -eq 0 ]]; then count 1 0; else tail -n 80 "$logs/schemathesis.log"; count 0 1; fi

echo
echo "summary: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
