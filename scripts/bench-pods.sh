#!/usr/bin/env bash
# Pod startup figures on real containers (run as root): a `nauta server` without its own agent, one
# `nauta agent` joining it with the server's token (its own containerd, the busybox test image
# sandbox image, a busybox, already imported and used for the pods too), then pods created one by one and all at once, timed from the create call to a
# watch seeing them Running; the same work straight on containerd's CRI as the floor; and the
# agent's RSS while it runs the pods.
#   scripts/bench-pods.sh [one-by-one=50] [at-once=100]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
serial=${1:-50}
burst=${2:-100}
[ "$(id -u)" = 0 ] || { echo "run as root (real containers)" >&2; exit 1; }
JAVA_HOME=$(scripts/java-home.sh)
export JAVA_HOME
./mvnw -q -B -DskipTests -Dspotless.check.skip=true install
cp=$(./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
bridge=ntabench
./nauta server --disable-agent --config "$work/none.yaml" --data-dir "$work/data" \
  --https-port "$port" --bind-address 127.0.0.1 >"$work/server.log" 2>&1 &
pid=$!
agent=
cleanup() {
  [ -n "$agent" ] && { kill "$agent" 2>/dev/null || true; wait "$agent" 2>/dev/null || true; }
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  ip link del "$bridge" 2>/dev/null || true
  grep " $work" /proc/mounts | cut -d' ' -f2 | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 300); do grep -q "Nauta is ready" "$work/server.log" && break; sleep 0.1; done
grep -q "Nauta is ready" "$work/server.log" || { cat "$work/server.log"; exit 1; }
./nauta agent --server "https://127.0.0.1:$port" --token-file "$work/data/token" \
  --node-name bench-node --node-ip 127.0.0.1 --data-dir "$work/agent" --bridge-name "$bridge" \
  --pod-cidr 10.217.0.0/24 --stop-pods-on-exit >"$work/agent.log" 2>&1 &
agent=$!
for _ in $(seq 1 600); do grep -q "node agent is running" "$work/agent.log" && break; sleep 0.1; done
grep -q "node agent is running" "$work/agent.log" || { cat "$work/agent.log"; exit 1; }
echo "Nauta pod startup benchmark: $(nproc) cores, server pid $pid, agent pid $agent"
"$JAVA_HOME/bin/java" -cp "$cp:benchmarks/target/classes" io.nauta.benchmarks.PodStartup \
  "$work/data/kubeconfig.yaml" bench-node "$work/agent/containerd/containerd.sock" "$agent" \
  nauta.local/pause:1 "$serial" "$burst" 2>&1 | grep -v -e WARN -e '^SLF4J' -e 'INFO'
