#!/bin/sh
# Independent count for the SBOM coverage test: the production packages of a package-lock.json
# (lockfile v2/v3), as name@version lines, unique and sorted. dev entries are left out
# (npm ls --omit=dev), links and the root too. Needs jq.
set -eu
jq -r '.packages | to_entries[]
  | select(.key != "" and (.value.dev // false | not) and (.value.link // false | not) and .value.version != null)
  | (.key | sub(".*node_modules/"; "")) + "@" + .value.version' "$1" | sort -u
