#!/usr/bin/env bash
# Builds the FFI library (dev profile, unstripped: uniffi reads its metadata)
# and dvc-server, then generates the Kotlin and Swift bindings in library
# mode into build/bindings and the iOS package's Sources. Generated code is
# a build output, never committed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# The FFI library, dvc-server and uniffi-bindgen from the tests' build.
"$root/scripts/build-debug.sh"
lib="$root/target/debug/libdvc_ffi.so"
bindgen="$root/target/debug/uniffi-bindgen"
out="$root/build/bindings"

# The catalogue and the TLS roots ship beside the library, never inside it:
# DvcKit bundles them as package resources (the Android module as assets,
# by android-build.sh). Build outputs here; core/data is the source. The
# catalogue ships gzip-compressed (same bytes every time: -n, no name or
# time in the header).
mkdir -p "$root/build" "$root/ios/DvcKit/Sources/DvcKit/Resources"
gzip -9 -n -c "$root/core/data/catalogue.json" > "$root/build/catalogue.json.gz"
rm -f "$root/ios/DvcKit/Sources/DvcKit/Resources/catalogue.json"
cp "$root/build/catalogue.json.gz" "$root/core/data/tls-roots.pem" "$root/ios/DvcKit/Sources/DvcKit/Resources/"

# Regenerate only when the library changed since the last generation.
stamp="$out/.stamp"
if [[ -f "$stamp" && "$stamp" -nt "$lib" ]]; then
  exit 0
fi
rm -rf "$out"
mkdir -p "$out/kotlin" "$out/swift/dvc_core" "$out/swift/dvc_ffi"

# DVC_KOTLIN_CONFIG: a global config merged over the crates' uniffi.toml
# (android-build.sh passes android/uniffi-android.toml).
"$bindgen" generate "$lib" --language kotlin --no-format --out-dir "$out/kotlin" \
  ${DVC_KOTLIN_CONFIG:+--config "$DVC_KOTLIN_CONFIG"} >/dev/null
# Swift: one DvcCore module from two crates; generate them apart, since each
# would be written as DvcCore.swift.
for crate in dvc_core dvc_ffi; do
  "$bindgen" generate "$lib" --language swift --crate "$crate" --no-format --out-dir "$out/swift/$crate" >/dev/null
done

# Fill the Swift package.
pkg="$root/ios/DvcKit/Sources"
mkdir -p "$pkg/DvcCore/Generated" "$pkg/DvcCoreFFI/include"
cp "$out/swift/dvc_ffi/DvcCore.swift" "$pkg/DvcCore/Generated/DvcCore.swift"
cp "$out/swift/dvc_core/DvcCore.swift" "$pkg/DvcCore/Generated/DvcCoreModel.swift"
cp "$out/swift/dvc_ffi/DvcCoreFFI.h" "$out/swift/dvc_core/DvcCoreModelFFI.h" "$pkg/DvcCoreFFI/include/"
touch "$stamp"
