#!/usr/bin/env bash
# Benchmark of beelms:migrations-check: the whole check (embedded PostgreSQL start included) on
# generated projects of N migrations. Usage: bench/migrations-check.sh [sizes...] (default 15 30 60 120)
# Figures and how they grow: docs/goals/migrations-check.md.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=beelms-release-maven-plugin
CP_FILE="$MODULE/target/bench-classpath.txt"
./mvnw -B -q -f "$MODULE/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$CP_FILE"
java -Dbench.runs="${BENCH_RUNS:-3}" \
  -cp "$MODULE/target/classes:$MODULE/target/test-classes:$(cat "$CP_FILE")" \
  org.beelms.plugin.migrations.MigrationsCheckBenchmark "$@"
