#!/usr/bin/env bash
# Builds the workspace's debug artifacts (the FFI library, dvc-server,
# uniffi-bindgen, the test binaries) with the one feature set that
# `cargo test --workspace` resolves (dev-dependencies included). Scripts
# that need a binary call this, so they reuse the tests' build instead of
# compiling a second dependency tree: on a fresh CI machine each extra tree
# cost minutes and gigabytes of disk.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --quiet --workspace --lib --bins --tests --manifest-path "$root/Cargo.toml"
