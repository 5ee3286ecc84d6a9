#!/usr/bin/env bash
# Cross-builds libdvc_ffi.so for the Android ABIs with the NDK's clang into
# the dvccore module's jniLibs, and generates the Kotlin bindings into its
# src/main/java. Needs the Android NDK (ANDROID_NDK_HOME); then build the
# AAR with `./gradlew :dvccore:assembleRelease` in android/.
# (No NDK is reachable on our CI machines; the JVM tests cover the bindings.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/mobile-env.sh
source "$root/scripts/mobile-env.sh"
: "${ANDROID_NDK_HOME:?set ANDROID_NDK_HOME to the Android NDK folder}"
host=$(uname -s | tr '[:upper:]' '[:lower:]')-x86_64
ndk_bin="$ANDROID_NDK_HOME/toolchains/llvm/prebuilt/$host/bin"
[[ -d $ndk_bin ]] || { echo "no NDK toolchain at $ndk_bin" >&2; exit 1; }
# minSdk 26, as android/dvccore/build.gradle.kts says.
api=26

module="$root/android/dvccore/src/main"
# 16 KB pages (Android 15+): align the ELF segments accordingly.
flags="-C link-arg=-Wl,-z,max-page-size=16384 $DVC_LINK_FLAGS $DVC_CODEGEN_FLAGS"
# Each ABI: the Rust target, the NDK's clang for it (C code: SQLite, ring),
# and the lean linker (scripts/link-lean.sh) in front of that clang.
for abi in arm64-v8a armeabi-v7a x86_64; do
  case $abi in
    arm64-v8a) target=aarch64-linux-android clang=aarch64-linux-android$api-clang ;;
    armeabi-v7a) target=armv7-linux-androideabi clang=armv7a-linux-androideabi$api-clang ;;
    x86_64) target=x86_64-linux-android clang=x86_64-linux-android$api-clang ;;
  esac
  rustup target add "$target"
  t=${target//-/_}
  up=$(echo "$t" | tr '[:lower:]' '[:upper:]')
  env "CC_$t=$ndk_bin/$clang" "AR_$t=$ndk_bin/llvm-ar" "CFLAGS_$t=$DVC_C_FLAGS" \
    "CARGO_TARGET_${up}_LINKER=$DVC_LEAN_LINKER" "CARGO_TARGET_${up}_RUSTFLAGS=$flags" \
    DVC_REAL_LINKER="$ndk_bin/$clang" \
    cargo build --release -p dvc-ffi --target "$target"
  mkdir -p "$module/jniLibs/$abi"
  cp "$CARGO_TARGET_DIR/$target/release/libdvc_ffi.so" "$module/jniLibs/$abi/"
done

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
