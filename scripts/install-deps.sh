#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine (idempotent). Needs root for apt.
set -euo pipefail
need=()
command -v kubectl >/dev/null || need+=(kubernetes-client)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
  else
    echo "missing: ${need[*]} (run as root to install)" >&2
  fi
fi
