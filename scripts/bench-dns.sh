#!/usr/bin/env bash
# Cluster DNS figures against a real `nauta server` (its DNS server on a free port of 127.0.0.1):
# queries/s and p50/p99 latency for cluster names under concurrent UDP load, with 1,000 Services
# and 100 headless Services of 10 endpoints each.
#   scripts/bench-dns.sh [services=1000] [seconds=10] [sockets=4] [in-flight-per-socket=32]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
services=${1:-1000}
seconds=${2:-10}
clients=${3:-4}
window=${4:-32}
JAVA_HOME=$(scripts/java-home.sh)
export JAVA_HOME
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
work=$(mktemp -d)
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free)
dns=$(free)
./nauta server --disable-agent --config "$work/none.yaml" --data-dir "$work/data" --https-port "$port" \
  --bind-address 127.0.0.1 --dns-port "$dns" >"$work/server.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 300); do grep -q "Nauta is ready" "$work/server.log" && break; sleep 0.1; done
grep -q "Nauta is ready" "$work/server.log" || { cat "$work/server.log"; exit 1; }
echo "Nauta DNS benchmark: $(nproc) cores, server pid $pid, DNS at 127.0.0.1:$dns"
"$JAVA_HOME/bin/java" -cp "server/target/nauta.jar:benchmarks/target/classes" \
  io.nauta.benchmarks.DnsThroughput "$work/data/kubeconfig.yaml" "127.0.0.1:$dns" "$services" \
  "$seconds" "$clients" "$window" 2>&1 | grep -v -e WARN -e '^SLF4J' -e 'INFO'
