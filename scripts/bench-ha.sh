#!/usr/bin/env bash
# The API benchmark against the embedded store and then against a 3-member etcd cluster on this
# machine, same load, one after the other (issue 8's comparison). Prints both tables.
#   scripts/bench-ha.sh [connections=32] [seconds=10]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAUTA_BENCH_STORE=embedded "$root/scripts/bench-api.sh" "${1:-32}" "${2:-10}"
echo
NAUTA_BENCH_STORE=etcd "$root/scripts/bench-api.sh" "${1:-32}" "${2:-10}"
