#!/usr/bin/env bash
# On a Mac with Xcode: builds the static library for iOS devices and
# simulators, bundles it with the C headers as DvcCoreFFI.xcframework, and
# fills in DvcKit's generated Swift. Then build with
# `DVC_XCFRAMEWORK=1 swift build` in ios/DvcKit, or add the package to Xcode.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/mobile-env.sh
source "$root/scripts/mobile-env.sh"
[[ "$(uname)" == Darwin ]] || { echo "needs macOS with Xcode" >&2; exit 1; }
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
rustup target add "${targets[@]}"
for triple in "${targets[@]}"; do
  env "CFLAGS_${triple//-/_}=$DVC_C_FLAGS" \
    cargo rustc --release -p dvc-ffi --lib --crate-type staticlib --target "$triple" -- $DVC_CODEGEN_FLAGS
done

# Bindings from a host build (same metadata); uniffi reads a dylib on macOS.
cargo build -p dvc-ffi -p uniffi-bindgen
t=$CARGO_TARGET_DIR
out="$root/build/xcframework"
rm -rf "$out" && mkdir -p "$out/include" "$out/sim" "$out/swift/dvc_core" "$out/swift/dvc_ffi"
for crate in dvc_core dvc_ffi; do
  "$t/debug/uniffi-bindgen" generate "$t/debug/libdvc_ffi.dylib" --language swift --crate "$crate" --out-dir "$out/swift/$crate"
done
cp "$out/swift/dvc_ffi/DvcCoreFFI.h" "$out/swift/dvc_core/DvcCoreModelFFI.h" "$out/include/"
cat >"$out/include/module.modulemap" <<'MAP'
module DvcCoreFFI {
    header "DvcCoreFFI.h"
    header "DvcCoreModelFFI.h"
    export *
}
MAP
lipo -create "$t/aarch64-apple-ios-sim/release/libdvc_ffi.a" "$t/x86_64-apple-ios/release/libdvc_ffi.a" \
  -output "$out/sim/libdvc_ffi.a"
xcodebuild -create-xcframework \
  -library "$t/aarch64-apple-ios/release/libdvc_ffi.a" -headers "$out/include" \
  -library "$out/sim/libdvc_ffi.a" -headers "$out/include" \
  -output "$root/ios/DvcKit/DvcCoreFFI.xcframework"

pkg="$root/ios/DvcKit/Sources/DvcCore/Generated"
mkdir -p "$pkg"
cp "$out/swift/dvc_ffi/DvcCore.swift" "$pkg/DvcCore.swift"
cp "$out/swift/dvc_core/DvcCore.swift" "$pkg/DvcCoreModel.swift"
echo "ios/DvcKit/DvcCoreFFI.xcframework ready"
