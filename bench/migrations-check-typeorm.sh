#!/usr/bin/env bash
# Benchmark of the static TypeORM path of beelms:migrations-check (no database, no Node) on N
# generated migrations. Usage: bench/migrations-check-typeorm.sh [N] (default 60).
# Figures: docs/benchmarks.md.
set -euo pipefail
exec "$(dirname "$0")/plugin-bench.sh" org.beelms.plugin.migrations.TypeOrmStaticBenchmark 5 "$@"
