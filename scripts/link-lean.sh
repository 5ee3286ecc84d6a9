#!/usr/bin/env bash
# The linker for the shipped library: rustc's own, minus the exports of
# uniffi's metadata. uniffi puts a description of every exported item (doc
# comments included) into the library as public `UNIFFI_META_*` statics so
# that uniffi-bindgen can read them in library mode. The phones never read
# them: the bindings are generated from the host's debug build (same
# source, same metadata), and at load they check the shipped library's
# `uniffi_*_checksum_*` functions, which stay. Unexported, the statics are
# unreferenced and the linker's --gc-sections drops them (-64 KB measured
# when the app screens came in).
# The real linker is $DVC_REAL_LINKER (the NDK's clang for Android), else cc.
set -euo pipefail
args=()
for arg in "$@"; do
  case $arg in
    -Wl,--version-script=*)
      list=${arg#-Wl,--version-script=}
      grep -v 'UNIFFI_META_' "$list" >"$list.lean"
      args+=("-Wl,--version-script=$list.lean")
      ;;
    *) args+=("$arg") ;;
  esac
done
exec "${DVC_REAL_LINKER:-cc}" "${args[@]}"
