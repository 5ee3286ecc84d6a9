# shellcheck shell=bash
# Build settings for the library shipped in the apps (sourced by size.sh,
# android-build.sh and ios-xcframework.sh). SQLite features the core never
# uses are compiled out: full-text search, R-trees, the dbstat table, stat4,
# the JSON functions, extension loading, soundex, column metadata, progress
# callbacks, UTF-16 entry points, sqlite3_complete/get_table, TCL variables
# and deserialize (-73 KB together). The core's SQL never calls a JSON
# function (a core test checks every client migration), and the Kotlin
# tests run against this very library, so a missing feature fails there.
# (Benchmarks that compare against FTS5 build in the default target folder
# with the full SQLite.)
export LIBSQLITE3_FLAGS="-USQLITE_ENABLE_FTS3 -USQLITE_ENABLE_FTS3_PARENTHESIS -USQLITE_ENABLE_FTS5 -USQLITE_ENABLE_RTREE -USQLITE_ENABLE_DBSTAT_VTAB -USQLITE_ENABLE_STAT4 -DSQLITE_OMIT_DEPRECATED -DSQLITE_OMIT_SHARED_CACHE -DSQLITE_DEFAULT_MEMSTATUS=0 -DSQLITE_OMIT_JSON -USQLITE_ENABLE_LOAD_EXTENSION -DSQLITE_OMIT_LOAD_EXTENSION -USQLITE_SOUNDEX -USQLITE_ENABLE_COLUMN_METADATA -DSQLITE_OMIT_PROGRESS_CALLBACK -DSQLITE_OMIT_COMPLETE -DSQLITE_OMIT_GET_TABLE -DSQLITE_OMIT_TCL_VARIABLE -DSQLITE_OMIT_UTF16 -DSQLITE_OMIT_DESERIALIZE -DSQLITE_LIKE_DOESNT_MATCH_BLOBS"
# A target folder of its own, so these flags never mix with the test build.
export CARGO_TARGET_DIR="${DVC_MOBILE_TARGET_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/mobile}"
# The shipped library is optimised for size ("z"); benchmarks and tests use
# the workspace's release profile ("s").
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z
# The x86_64 Linux build is our size proxy for arm64 Android: relative
# relocations packed, as the NDK's clang packs them for Android too, and
# identical functions folded by the linker (lld's --icf=all, also given to
# the NDK's lld by android-build.sh; Apple's linker folds by default). Rust
# functions have no significant address, so folding them is allowed; the
# C code linked in (SQLite, ring's assembly helpers) does not compare
# function pointers of identical bodies. It saves 88 KB (--icf=safe, which
# needs address-significance tables the objects do not carry, saved 8 KB).
export DVC_LINK_FLAGS='-C link-arg=-Wl,--icf=all'
# LLVM inlines less than opt-level "z" would (threshold 10 instead of 25):
# -28 KB, measured when the file pages came in. The hot paths' speed is
# measured with the workspace's release profile (README numbers).
export DVC_CODEGEN_FLAGS='-C llvm-args=-inline-threshold=10'
# The C code linked in (SQLite, ring's C parts) never unwinds: a Rust
# panic cannot cross it (rusqlite catches panics in its callbacks), so it
# is compiled without unwind tables (-92 KB of .eh_frame, measured when
# the app screens came in). android-build.sh and ios-xcframework.sh pass
# the same flags to their C compilers.
export DVC_C_FLAGS='-fno-asynchronous-unwind-tables -fno-unwind-tables'
export CFLAGS_x86_64_unknown_linux_gnu="$DVC_C_FLAGS"
# The linker drops uniffi's bindgen metadata from the exports (see
# scripts/link-lean.sh; android-build.sh puts it in front of the NDK's).
DVC_LEAN_LINKER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/link-lean.sh"
export DVC_LEAN_LINKER
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER="$DVC_LEAN_LINKER"
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS="-C link-arg=-Wl,-z,pack-relative-relocs $DVC_LINK_FLAGS $DVC_CODEGEN_FLAGS"
