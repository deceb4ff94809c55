#!/usr/bin/env bash
# The main job, on embedded defaults and without any outside network: builds the project, starts
# the bundled reference beelms core on embedded PostgreSQL and a free loopback port, runs the full
# smoke suite (OPS, WS-1..WS-3) against it with the standalone runner, writes the checklist report
# to target/demo-smoke/, and stops the server. Exit code: the smoke runner's (0 all passed).
set -euo pipefail
cd "$(dirname "$0")"

./mvnw -B -q install -DskipTests -pl beelms-smoke-tests,beelms-release-it/reference-core -am

server_jar=$(ls beelms-release-it/reference-core/target/beelms-reference-core-*-runnable.jar | head -n 1)
smoke_jar=$(ls beelms-smoke-tests/target/beelms-smoke-tests-*-standalone.jar | head -n 1)
work=target/demo-smoke
rm -rf "$work" && mkdir -p "$work"

# A fresh admin password per run, handed over in the environment, never on a command line.
BEELMS_ADMIN_PASSWORD="demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export BEELMS_ADMIN_PASSWORD
java -jar "$server_jar" --port 0 > "$work/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true' EXIT

# The server prints "... API: http://127.0.0.1:PORT/api ..." once it listens; wait at most 60 s.
api_url=""
for _ in $(seq 1 120); do
  api_url=$(grep -o 'API: http://[^ ]*' "$work/server.log" | head -n 1 | cut -c6- || true)
  [ -n "$api_url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the reference server stopped during start-up; see $work/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
if [ -z "$api_url" ]; then
  echo "the reference server did not report its URL within 60 s; see $work/server.log" >&2
  exit 1
fi
web_url=${api_url%/api}
echo "reference beelms core at $api_url"

BEELMS_SMOKE_ADMIN_EMAIL=admin@beelms.local \
BEELMS_SMOKE_ADMIN_PASSWORD="$BEELMS_ADMIN_PASSWORD" \
BEELMS_SMOKE_WEBURL="$web_url" \
  java -jar "$smoke_jar" --url "$api_url" --env demo --report "$work/report"
