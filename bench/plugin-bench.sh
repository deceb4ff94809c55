#!/usr/bin/env bash
# Runs a benchmark main class of the plugin's test sources on the module's test class path.
# Usage: bench/plugin-bench.sh <main class> <default runs> [args...]; BENCH_RUNS overrides the runs.
# Shared by the bench/migrations-check*.sh scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
main_class=$1 default_runs=$2
shift 2
MODULE=beelms-release-maven-plugin
CP_FILE="$MODULE/target/bench-classpath.txt"
./mvnw -B -q -f "$MODULE/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$CP_FILE"
java -Dbench.runs="${BENCH_RUNS:-$default_runs}" \
  -cp "$MODULE/target/classes:$MODULE/target/test-classes:$(cat "$CP_FILE")" \
  "$main_class" "$@"
