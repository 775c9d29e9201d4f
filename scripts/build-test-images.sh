#!/usr/bin/env bash
# Builds Nauta's test images without internet, from the host's busybox-static:
#   nauta.local/pause:1       the pod sandbox image: a shell waiting for SIGTERM
#   nauta-test/busybox:1      busybox with its applets linked (sh, httpd, wget, nc, sleep, ...)
# Usage: build-test-images.sh [-o DIR] [--import SOCKET] [--push HOST:PORT]
#   -o DIR           output directory (default: target/test-images); holds the OCI layout (oci/)
#                    and docker archives (pause.tar, busybox.tar) named as above
#   --import SOCKET  import the sandbox image into the containerd at SOCKET (namespace k8s.io)
#   --push HOST:PORT push nauta-test/busybox:1 to a plain-HTTP registry at HOST:PORT
# Needs busybox-static, umoci, skopeo (and ctr for --import): scripts/install-deps.sh.
set -euo pipefail
out=target/test-images import_sock= push_to=
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out=$2; shift 2 ;;
    --import) import_sock=$2; shift 2 ;;
    --push) push_to=$2; shift 2 ;;
    *) echo "usage: $0 [-o DIR] [--import SOCKET] [--push HOST:PORT]" >&2; exit 2 ;;
  esac
done
busybox=$(command -v busybox)
file -L "$busybox" 2>/dev/null | grep -q 'statically linked' || [ -e /usr/share/doc/busybox-static ] \
  || { echo "busybox is not static: install busybox-static" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
layout="$out/oci"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# image TAG ENTRYPOINT-JSON... : a fresh image in the layout whose rootfs holds busybox
# (plus every applet linked when APPLETS=1)
image() {
  local tag=$1; shift
  umoci new --image "$layout:$tag"
  umoci unpack --image "$layout:$tag" "$work/$tag" >/dev/null
  local root="$work/$tag/rootfs"
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/www" "$root/proc" "$root/sys" "$root/dev"
  chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  ln -sf busybox "$root/bin/sh"
  ln -sf busybox "$root/bin/sleep"
  if [ "${APPLETS:-0}" = 1 ]; then
    for a in $("$busybox" --list); do [ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"; done
    echo 'hello from nauta' >"$root/www/index.html"
  fi
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$root/etc/group"
  umoci repack --image "$layout:$tag" "$work/$tag"
  local args=()
  for e in "$@"; do args+=(--config.entrypoint "$e"); done
  umoci config --image "$layout:$tag" --config.env PATH=/bin --config.workingdir / "${args[@]}"
}

rm -rf "$layout"
umoci init --layout "$layout"
image pause /bin/sh -c "trap 'exit 0' TERM INT; sleep 2147483647 & wait"
APPLETS=1 image busybox /bin/sh
umoci gc --layout "$layout"

copy() { skopeo --insecure-policy copy -q "$@"; }
rm -f "$out/pause.tar" "$out/busybox.tar"
copy "oci:$layout:pause" "docker-archive:$out/pause.tar:nauta.local/pause:1"
copy "oci:$layout:busybox" "docker-archive:$out/busybox.tar:nauta-test/busybox:1"

if [ -n "$import_sock" ]; then
  ctr -a "$import_sock" -n k8s.io images import "$out/pause.tar" >/dev/null
fi
if [ -n "$push_to" ]; then
  copy --dest-tls-verify=false "oci:$layout:busybox" "docker://$push_to/nauta-test/busybox:1"
fi
echo "images in $out: nauta.local/pause:1 (pause.tar), nauta-test/busybox:1 (busybox.tar)"
