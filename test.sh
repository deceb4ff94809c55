#!/usr/bin/env bash
# Runs every test, on a fresh machine too: the README's test command and what CI runs (.ci/run).
#
# The image, deploy and rollback tests push to a real OCI registry, Debian's docker-registry,
# which they start themselves on 127.0.0.1 with their own config; the browser tier's tests drive
# Debian's headless chromium over the DevTools protocol. When a package is missing, this script
# installs it (as root, or through sudo without a password prompt); when it cannot, it stops with
# the command to run. Extra arguments go to Maven (e.g. ./test.sh -o).
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests need, installed when missing: docker-registry (image, deploy and rollback tests push
# to it), chromium (the smoke library's browser tier, PagesTierIT), and jq + openssl (the
# supply-chain tests count a lockfile's packages with jq and verify signatures with openssl, not with our code).
missing=()
[ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

if [ ${#missing[@]} -gt 0 ]; then
  install=(apt-get install -y -qq "${missing[@]}")
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "The tests need Debian's ${missing[*]}, and this script cannot install them without root." >&2
    echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    echo "then run ./test.sh again." >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "The tests need ${missing[*]} (docker-registry: the Docker distribution registry 2.x at /usr/bin/docker-registry;" >&2
    echo "chromium: /usr/bin/chromium);" >&2
    echo "this machine has no apt-get: install them from your distribution, then run ./test.sh again." >&2
    exit 1
  fi
  echo "Installing what the tests need: ${sudo[*]} ${install[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" "${install[@]}" >/dev/null
  # The package's own service listens on all interfaces with htpasswd auth; the tests never use it.
  if [[ " ${missing[*]} " == *" docker-registry "* ]] && command -v systemctl >/dev/null 2>&1; then
    "${sudo[@]}" systemctl stop docker-registry >/dev/null 2>&1 || true
  fi
fi

./mvnw -B install "$@"
