#!/usr/bin/env bash
# Service proxy figures (run as root): sync time of the whole nftables ruleset for many services
# and endpoints, and the programming latency (endpoint change -> rules in the kernel) at that
# size, in a scratch network namespace (npx-bench) removed afterwards.
#   scripts/bench-proxy.sh [services=1000] [endpoints=10000] [changes=300] [gap-ms=100]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces, nft)" >&2; exit 1; }
command -v nft >/dev/null || { echo "nft is missing (scripts/install-deps.sh)" >&2; exit 1; }
JAVA_HOME=$(scripts/java-home.sh)
export JAVA_HOME
./mvnw -q -B -o -pl benchmarks -am -DskipTests -Dspotless.check.skip=true install
cp=$(./mvnw -q -B -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
ns=npx-bench
ip netns del "$ns" 2>/dev/null || true
ip netns add "$ns"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
echo "Nauta service proxy benchmark: $(nproc) cores, $(nft --version)"
# this worktree's classes first: ~/.m2 may hold another checkout's build of the node module
ip netns exec "$ns" "$JAVA_HOME/bin/java" -cp "node/target/classes:benchmarks/target/classes:$cp" \
  io.nauta.benchmarks.ProxySync "$@" 2>&1 | grep -v -e '^SLF4J' -e ' INFO '
