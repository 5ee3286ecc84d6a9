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

module="$root/android/dvccore"
work="$root/build/kotlin"
mkdir -p "$work"
cp_base="$JNA_JAR:$COROUTINES_JAR"

# Compile bindings + kit once per change of their sources (kotlinc is slow).
main_srcs=("$root/build/bindings/kotlin" "$module/src/main/kotlin/vn/dvc/core/kit")
main_hash=$(find "${main_srcs[@]}" -name '*.kt' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
main_jar="$work/dvccore-$main_hash.jar"
if [[ ! -f "$main_jar" ]]; then
  rm -f "$work"/dvccore-*.jar
  echo "kotlinc: bindings"
  "$KOTLINC" -nowarn -jvm-target 17 -cp "$cp_base" -d "$main_jar.tmp.jar" "${main_srcs[@]}"
  mv "$main_jar.tmp.jar" "$main_jar"
fi

test_srcs=("$module/src/test/kotlin")
test_hash=$( (echo "$main_hash"; find "${test_srcs[@]}" -name '*.kt' -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16)
test_jar="$work/dvccore-tests-$test_hash.jar"
if [[ ! -f "$test_jar" ]]; then
  rm -f "$work"/dvccore-tests-*.jar
  echo "kotlinc: tests"
  "$KOTLINC" -nowarn -jvm-target 17 -cp "$cp_base:$main_jar:$JUNIT_JAR:$KOTLIN_HOME/lib/kotlin-test.jar" \
    -d "$test_jar.tmp.jar" "${test_srcs[@]}"
  mv "$test_jar.tmp.jar" "$test_jar"
fi

java -Djna.library.path="$root/target/debug" \
  -Ddvc.server.bin="$root/target/debug/dvc-server" \
  -cp "$cp_base:$main_jar:$test_jar:$JUNIT_JAR:$HAMCREST_JAR:$KOTLIN_HOME/lib/kotlin-stdlib.jar" \
  org.junit.runner.JUnitCore vn.dvc.core.DvcCoreTest
