#!/usr/bin/env bash
# Cross-builds libdvc_ffi.so for the Android ABIs with cargo-ndk into the
# dvccore module's jniLibs, and generates the Kotlin bindings into its
# src/main/java. Needs the Android NDK (ANDROID_NDK_HOME); then build the
# AAR with `./gradlew :dvccore:assembleRelease` in android/.
# (No NDK is reachable on our CI machines; the JVM tests cover the bindings.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/mobile-env.sh
source "$root/scripts/mobile-env.sh"
: "${ANDROID_NDK_HOME:?set ANDROID_NDK_HOME to the Android NDK folder}"
command -v cargo-ndk >/dev/null || cargo install cargo-ndk
rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android

module="$root/android/dvccore/src/main"
# 16 KB pages (Android 15+): align the ELF segments accordingly.
export RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-Wl,-z,max-page-size=16384 $DVC_LINK_FLAGS $DVC_CODEGEN_FLAGS"
cargo ndk -t arm64-v8a -t armeabi-v7a -t x86_64 -o "$module/jniLibs" build --release -p dvc-ffi

# The bindings come from the host's unstripped dev build: same metadata.
# Android's own Kotlin (android = true) is generated apart from the JVM
# tests' copy: force a fresh generation with it, and again after.
rm -f "$root/build/bindings/.stamp"
env -u CARGO_TARGET_DIR -u LIBSQLITE3_FLAGS DVC_KOTLIN_CONFIG="$root/android/uniffi-android.toml" \
  scripts/build-bindings.sh
rm -rf "$module/java/vn/dvc/core/generated"
mkdir -p "$module/java"
cp -R "$root/build/bindings/kotlin/." "$module/java/"
rm -f "$root/build/bindings/.stamp"
# The catalogue (gzip) and the TLS roots ship beside the library as
# assets; the app copies them to files (noBackupFilesDir) and passes their
# paths as CoreConfig.cataloguePath and CoreConfig.tlsRootsPath.
mkdir -p "$module/assets"
rm -f "$module/assets/catalogue.json"
cp "$root/build/catalogue.json.gz" "$root/core/data/tls-roots.pem" "$module/assets/"
ls -l "$module"/jniLibs/*/libdvc_ffi.so
