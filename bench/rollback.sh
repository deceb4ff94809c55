#!/usr/bin/env bash
# Benchmark of beelms:rollback's registry work against the loopback registry (Debian's
# docker-registry): moving the environment tag back by manifest copy (one manifest read + one
# write) vs pushing the image again (every layer), in time and bytes, plus the rollback service
# in-process (plan, registry, deploy hook, health wait). The image's layer is FILE (default: the
# reference core's runnable jar). Usage: bench/rollback.sh [FILE]  (BENCH_RUNS, default 5)
# Figures: docs/goals/rollback.md.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=beelms-release-maven-plugin
CP_FILE="$MODULE/target/bench-rollback.classpath"
payload=${1:-$(ls beelms-release-it/reference-core/target/beelms-reference-core-*-runnable.jar | head -n 1)}
./mvnw -B -q -f "$MODULE/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$CP_FILE"
# Snapshot the compiled classes so a concurrent build of the module cannot pull them away mid-run.
SNAPSHOT="$MODULE/target/bench-rollback-classes"
rm -rf "$SNAPSHOT" && mkdir -p "$SNAPSHOT"
cp -r "$MODULE/target/classes" "$SNAPSHOT/main" && cp -r "$MODULE/target/test-classes" "$SNAPSHOT/test"
java -Dbench.runs="${BENCH_RUNS:-5}" -cp "$SNAPSHOT/main:$SNAPSHOT/test:$(cat "$CP_FILE")" \
  org.beelms.plugin.rollback.RollbackBenchmark "$payload" 2> >(grep -v "^SLF4J" >&2)
