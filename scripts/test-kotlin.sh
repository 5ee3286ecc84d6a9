#!/usr/bin/env bash
# Compiles the generated Kotlin bindings and the platform-neutral Kotlin of
# android/dvccore, then runs its JVM tests (JUnit 4) against the real
# libdvc_ffi.so through JNA and a dvc-server process.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/toolchains.sh" kotlin
# shellcheck disable=SC1091
source "${DVC_CACHE:-$HOME/.cache/dvc}/env.sh"
"$root/scripts/build-bindings.sh"

# Counts and durations cross as signed types: no public field or parameter
# of the generated API may be unsigned (Kotlin callers would write `5u`).
unsigned=$(grep -rnE '^\s*(va[lr] `[A-Za-z]+`: kotlin\.U(Int|Long|Short|Byte)|.*fun `[A-Za-z]+`\(.*: kotlin\.U(Int|Long|Short|Byte))' \
  "$root/build/bindings/kotlin" || true)
if [[ -n "$unsigned" ]]; then
  echo "unsigned types in the public Kotlin API:"; echo "$unsigned"; exit 1
fi

module="$root/android/dvccore"
# Compiled jars are keyed by the hash of their sources and kept in the cache
# folder, so a fresh clone of unchanged code skips kotlinc (slow) entirely.
work="${DVC_CACHE:-$HOME/.cache/dvc}/kotlin-jars"
mkdir -p "$work"
cp_base="$JNA_JAR:$COROUTINES_JAR"

# Compile bindings + kit once per change of their sources (kotlinc is slow).
main_srcs=("$root/build/bindings/kotlin" "$module/src/main/kotlin/vn/dvc/core/kit")
# Hash of the sources' relative paths and contents (the same in any clone).
tree_hash() {
  local d
  for d in "$@"; do
    if [[ -d $d ]]; then
      (cd "$d" && find . -name '*.kt' -print0 | sort -z | xargs -0 sha256sum)
    else
      (cd "$(dirname "$d")" && sha256sum "$(basename "$d")")
    fi
  done
}
main_hash=$(tree_hash "${main_srcs[@]}" | sha256sum | cut -c1-16)
main_jar="$work/dvccore-$main_hash.jar"
if [[ ! -f "$main_jar" ]]; then
  echo "kotlinc: bindings"
  "$KOTLINC" -nowarn -jvm-target 17 -cp "$cp_base" -d "$main_jar.tmp.jar" "${main_srcs[@]}"
  mv "$main_jar.tmp.jar" "$main_jar"
fi

test_srcs=("$module/src/test/kotlin")
test_hash=$( (echo "$main_hash"; tree_hash "${test_srcs[@]}") | sha256sum | cut -c1-16)
test_jar="$work/dvccore-tests-$test_hash.jar"
if [[ ! -f "$test_jar" ]]; then
  echo "kotlinc: tests"
  "$KOTLINC" -nowarn -jvm-target 17 -cp "$cp_base:$main_jar:$JUNIT_JAR:$KOTLIN_HOME/lib/kotlin-test.jar" \
    -d "$test_jar.tmp.jar" "${test_srcs[@]}"
  mv "$test_jar.tmp.jar" "$test_jar"
fi

# The presentation module (plain Kotlin, no android.*: one presenter per
# screen) and its tests, which use the dvccore tests' TestServer.
pres="$root/android/presentation"
pres_srcs=("$pres/src/main/kotlin")
pres_hash=$( (echo "$main_hash"; tree_hash "${pres_srcs[@]}") | sha256sum | cut -c1-16)
pres_jar="$work/presentation-$pres_hash.jar"
if [[ ! -f "$pres_jar" ]]; then
  echo "kotlinc: presentation"
  if grep -rn '^import android\.' "${pres_srcs[@]}"; then
    echo "the presentation module must not use android.*"; exit 1
  fi
  "$KOTLINC" -nowarn -jvm-target 17 -cp "$cp_base:$main_jar" -d "$pres_jar.tmp.jar" "${pres_srcs[@]}"
  mv "$pres_jar.tmp.jar" "$pres_jar"
fi
pres_test_srcs=("$pres/src/test/kotlin")
pres_test_hash=$( (echo "$pres_hash$test_hash"; tree_hash "${pres_test_srcs[@]}") | sha256sum | cut -c1-16)
pres_test_jar="$work/presentation-tests-$pres_test_hash.jar"
if [[ ! -f "$pres_test_jar" ]]; then
  echo "kotlinc: presentation tests"
  "$KOTLINC" -nowarn -jvm-target 17 \
    -cp "$cp_base:$main_jar:$test_jar:$pres_jar:$JUNIT_JAR:$KOTLIN_HOME/lib/kotlin-test.jar" \
    -d "$pres_test_jar.tmp.jar" "${pres_test_srcs[@]}"
  mv "$pres_test_jar.tmp.jar" "$pres_test_jar"
fi

# The Android module's framework code (Keystore store, Logcat sink) is
# compile-checked against Debian's android.jar (API 23) with no JDK on the
# class path: it may use only what Android has. Not dexed or run here (no
# Android SDK); once per change of its sources.
# The app's platform glue (reminders, signature pad, location, deep links,
# brightness) is checked the same way; NotificationChannels.kt needs API 26
# classes and is left to the app's real build.
android_srcs=("$module/src/main/kotlin/vn/dvc/core/android")
while IFS= read -r f; do android_srcs+=("$f"); done < <(
  find "$root/android/app/src/main/kotlin/vn/dvc/app/platform" -name '*.kt' ! -name NotificationChannels.kt | sort)
android_hash=$( (echo "$main_hash"; tree_hash "${android_srcs[@]}") | sha256sum | cut -c1-16)
android_ok="$work/android-check-$android_hash.ok"
if [[ ! -f "$android_ok" ]]; then
  echo "kotlinc: Android framework code against android.jar (API 23): ${#android_srcs[@]} sources"
  out=$(mktemp -d)
  "$KOTLINC" -nowarn -no-jdk -no-reflect -jvm-target 1.8 \
    -cp "$ANDROID_JAR:$main_jar:$JNA_JAR:$COROUTINES_JAR" -d "$out" "${android_srcs[@]}"
  rm -rf "$out"
  touch "$android_ok"
fi

# Keep the cache small: drop jars not used for a week.
find "$work" \( -name '*.jar' -o -name '*.ok' \) -mtime +7 -delete 2>/dev/null || true
touch "$main_jar" "$test_jar" "$pres_jar" "$pres_test_jar"

# The library under test: the debug build, or (the test command) the
# shipped one that scripts/size.sh built with the phones' flags.
java -Djna.library.path="${DVC_FFI_LIB_DIR:-$root/target/debug}" \
  -Ddvc.server.bin="$root/target/debug/dvc-server" \
  -Ddvc.catalogue="$root/build/catalogue.json.gz" -Ddvc.tlsRoots="$root/core/data/tls-roots.pem" \
  -Ddvc.root="$root" \
  -cp "$cp_base:$main_jar:$test_jar:$pres_jar:$pres_test_jar:$JUNIT_JAR:$HAMCREST_JAR:$KOTLIN_HOME/lib/kotlin-stdlib.jar" \
  org.junit.runner.JUnitCore vn.dvc.core.DvcCoreTest vn.dvc.presentation.PresentersTest vn.dvc.presentation.JourneyTest
