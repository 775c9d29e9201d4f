#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine (idempotent; fast when everything is
# present). Needs root for apt. Daemons are never started here: tests start their own.
set -euo pipefail
need=()
command -v kubectl >/dev/null || need+=(kubernetes-client)
# container runtime (cri module's CriIT): containerd + ctr, runc, CNI plugins
command -v containerd >/dev/null || need+=(containerd)
command -v runc >/dev/null || need+=(runc)
[ -x /usr/lib/cni/bridge ] || need+=(containernetworking-plugins)
# the bridge and portmap plugins program iptables (nft backend on Debian)
command -v iptables >/dev/null || need+=(iptables)
# pods' egress masquerading, host-gw routes and the service proxy program nftables
command -v nft >/dev/null || need+=(nftables)
# the service proxy deletes UDP flows to removed endpoints with conntrack
command -v conntrack >/dev/null || need+=(conntrack)
# the etcd store engine's tests start their own etcd members (store-etcd module, EtcdServerIT)
[ -x /usr/bin/etcd ] || need+=(etcd-server)
# local images without internet: busybox-static rootfs → umoci → skopeo → docker-registry
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
command -v umoci >/dev/null || need+=(umoci)
command -v skopeo >/dev/null || need+=(skopeo)
command -v docker-registry >/dev/null || need+=(docker-registry)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
  else
    echo "missing: ${need[*]} (run as root to install)" >&2
  fi
fi
