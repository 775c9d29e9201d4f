#!/usr/bin/env bash
# Controller manager figures against a real `nauta server` (its own scheduler and controllers) on
# simulated nodes: a Deployment's pods all available after creation, a full rolling update, and a
# node's death until its pods run elsewhere (grace periods at their minimum: the node is declared
# unreachable 20 s after its last heartbeat, twice the 10 s heartbeat; pods tolerate that for 0 s).
#   scripts/bench-controllers.sh [nodes=1000] [replicas=3000]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
nodes=${1:-1000}
replicas=${2:-3000}
JAVA_HOME=$(scripts/java-home.sh)
export JAVA_HOME
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
./nauta server --disable-agent --config "$work/none.yaml" --data-dir "$work/data" --https-port "$port" \
  --bind-address 127.0.0.1 --node-monitor-grace-period=20s --node-monitor-period=1s \
  --default-unreachable-toleration-seconds=0 --default-not-ready-toleration-seconds=0 \
  >"$work/server.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 300); do grep -q "Nauta is ready" "$work/server.log" && break; sleep 0.1; done
grep -q "Nauta is ready" "$work/server.log" || { cat "$work/server.log"; exit 1; }
echo "Nauta controller benchmark: $(nproc) cores, server pid $pid"
"$JAVA_HOME/bin/java" -cp "server/target/nauta.jar:benchmarks/target/classes" \
  io.nauta.benchmarks.DeploymentRollout "$work/data/kubeconfig.yaml" "$nodes" "$replicas" 2>&1 \
  | grep -v -e WARN -e '^SLF4J' -e 'INFO'
