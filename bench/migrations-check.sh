#!/usr/bin/env bash
# Benchmark of beelms:migrations-check: the whole check (embedded PostgreSQL start included) on
# generated projects of N migrations. Usage: bench/migrations-check.sh [sizes...] (default 15 30 60 120)
# Figures and how they grow: docs/goals/migrations-check.md.
set -euo pipefail
exec "$(dirname "$0")/plugin-bench.sh" org.beelms.plugin.migrations.MigrationsCheckBenchmark 3 "$@"
