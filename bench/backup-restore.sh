#!/usr/bin/env bash
# Benchmark of the backup + restore round trip through the reference core's admin backup API
# (its runnable jar, on an embedded PostgreSQL with the seed data): backup job, restore job and
# the migration-history check a restoring rollback makes. Needs the reference core's runnable jar
# (./mvnw -pl beelms-release-it/reference-core -am install -DskipTests).
# Usage: bench/backup-restore.sh  (BENCH_RUNS, default 5; MVN_ARGS, e.g. -o -Dmaven.repo.local=…)
# Figures: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=beelms-release-maven-plugin
CP_FILE="$MODULE/target/bench-backup.classpath"
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_ARGS:-} -f "$MODULE/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$CP_FILE"
SNAPSHOT="$MODULE/target/bench-backup-classes"
rm -rf "$SNAPSHOT" && mkdir -p "$SNAPSHOT"
cp -r "$MODULE/target/classes" "$SNAPSHOT/main" && cp -r "$MODULE/target/test-classes" "$SNAPSHOT/test"
java -Dbench.runs="${BENCH_RUNS:-5}" -cp "$SNAPSHOT/main:$SNAPSHOT/test:$(cat "$CP_FILE")" \
  org.beelms.plugin.backup.BackupRestoreBenchmark 2> >(grep -v "^SLF4J" >&2)
