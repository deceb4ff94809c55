#!/usr/bin/env bash
# Benchmark of the static TypeORM path of beelms:migrations-check (no database, no Node) on N
# generated migrations. Usage: bench/migrations-check-typeorm.sh [N] (default 60).
# Figures: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=beelms-release-maven-plugin
CP_FILE="$MODULE/target/bench-classpath.txt"
./mvnw -B -q -f "$MODULE/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$CP_FILE"
java -Dbench.runs="${BENCH_RUNS:-5}" \
  -cp "$MODULE/target/classes:$MODULE/target/test-classes:$(cat "$CP_FILE")" \
  org.beelms.plugin.migrations.TypeOrmStaticBenchmark "$@"
