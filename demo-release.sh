#!/usr/bin/env bash
# The main job, on embedded defaults and without any outside network beyond Maven Central: takes
# the bundled reference beelms core through a release candidate and the post-deploy smoke suite.
#
#  1. builds this project (tests skipped) and installs it in the local Maven repository;
#  2. copies the reference core to target/demo-release/core with a git history of its own
#     (this project's repository is never touched) and states the release version 0.1.0;
#  3. runs `mvn compile beelms:release-candidate` there: scope freeze, OpenAPI sync, migrations
#     on embedded PostgreSQL, Definition of Done, then the image (Jib, to a tar; to a loopback
#     registry when BEELMS_DEMO_REGISTRY=127.0.0.1:5000 names a running one), the release notes,
#     the annotated tag v0.1.0 and the release record (release.json + a git note);
#  4. starts the reference core on embedded PostgreSQL and a free loopback port and runs the full
#     smoke suite (OPS, WS-1..WS-3) against it (report in target/demo-release/smoke/);
#  5. stops the server and prints where everything is. Exit code 0 when all of it passed.
#
# No base image can be pulled without a public registry, so the demo image is built on Jib's
# scratch base: it holds the application layers but no JRE. Real releases set beelms.image.from.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
mvn_cmd="$root/mvnw"

"$mvn_cmd" -B -q install -DskipTests

work=$root/target/demo-release
rm -rf "$work" && mkdir -p "$work"
core=$work/core
cp -r beelms-release-it/reference-core "$core"
rm -rf "$core/target"
sed -i 's/^  version: .*/  version: 0.1.0/' "$core/docs/architecture/openapi.yaml"
printf 'target/\n' > "$core/.gitignore"
git -C "$core" init -q -b main
git -C "$core" add -A
git -C "$core" -c user.name="beelms demo" -c user.email=demo@example.test commit -q -m "feat: reference beelms core"

version=$("$mvn_cmd" -B -q help:evaluate -Dexpression=project.version -DforceStdout)
image_args=(-Dbeelms.image.from=scratch -Dbeelms.image.mainClass=org.beelms.reference.ReferenceCoreMain)
if [ -n "${BEELMS_DEMO_REGISTRY:-}" ]; then
  image_args+=(-Dbeelms.image.to=registry "-Dbeelms.image.image=$BEELMS_DEMO_REGISTRY/beelms/reference-core"
               -Dbeelms.image.allowInsecureRegistries=true)
fi
echo "== release candidate of the reference beelms core (beelms-release $version)"
out=$core/target/beelms-release
set +e
(cd "$core" && "$mvn_cmd" -B compile "org.beelms:beelms-release-maven-plugin:$version:release-candidate" \
  -Dbeelms.deriveVersion=true -Dbeelms.dod.waivers=docs/delivery/dod-waivers.yaml "${image_args[@]}") \
  > "$work/release-candidate.log" 2>&1
rc=$?
set -e
grep -E '^\[(INFO|WARNING|ERROR)\] (Gate |Release|  [a-z-]+ |.*(PASSED|FAILED|SKIPPED) )' "$work/release-candidate.log" \
  | grep -vE 'Download' || true
if [ $rc -ne 0 ]; then
  echo "the release candidate failed: see $work/release-candidate.log and $out/summary.md" >&2
  exit 1
fi

echo "== post-deploy smoke against the reference beelms core"
server_jar=$(ls beelms-release-it/reference-core/target/beelms-reference-core-*-runnable.jar | head -n 1)
smoke_jar=$(ls beelms-smoke-tests/target/beelms-smoke-tests-*-standalone.jar | head -n 1)
# A fresh admin password per run, handed over in the environment, never on a command line.
BEELMS_ADMIN_PASSWORD="demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export BEELMS_ADMIN_PASSWORD
java -jar "$server_jar" --port 0 --version 0.1.0 > "$work/server.log" 2>&1 &
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

set +e
BEELMS_SMOKE_ADMIN_EMAIL=admin@beelms.local \
BEELMS_SMOKE_ADMIN_PASSWORD="$BEELMS_ADMIN_PASSWORD" \
BEELMS_SMOKE_WEBURL="${api_url%/api}" \
BEELMS_SMOKE_EXPECTEDVERSION=0.1.0 \
  java -jar "$smoke_jar" --url "$api_url" --env demo --report "$work/smoke"
smoke_rc=$?
set -e

echo
echo "== where everything is"
echo "  throwaway copy (own git history):  $core"
echo "  release tag:                       $(git -C "$core" tag --list 'v*' --points-at HEAD | head -n 1) on $(git -C "$core" rev-parse --short HEAD)"
echo "  gate summary:                      $out/summary.md"
echo "  release notes:                     $out/release-notes.md"
echo "  image:                             $(grep -o '"digest" : "[^"]*"' "$out/image.json" | head -n 1 | cut -d'"' -f4) ($(grep -o '"location" : "[^"]*"' "$out/image.json" | cut -d'"' -f4))"
echo "  release record:                    $out/release.json (and git notes refs/notes/beelms-release)"
echo "  smoke report:                      $work/smoke/checklist-report.md"
exit $smoke_rc
