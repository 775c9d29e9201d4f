/**
 * A pod's volumes on this node, as a kubelet's volume manager makes them: emptyDir (a directory
 * under the agent's data dir, or a tmpfs for {@code medium: Memory}), hostPath (type-checked,
 * created for the {@code *OrCreate} types), persistentVolumeClaim (the bound claim's hostPath or
 * local PersistentVolume, bind-mounted; the pod waits while the claim is missing or unbound;
 * fsGroup ownership for local and local-path volumes), and the API-data volumes configMap, secret,
 * downwardAPI and projected, whose files are written atomically (a timestamped directory behind the
 * {@code ..data} symlink, swapped in one rename) and rewritten whenever their sources change.
 * Secret, downwardAPI and projected volumes live on tmpfs, so secrets never touch the disk. Volumes
 * are set up before the pod's sandbox and containers start and removed (tmpfs unmounted) with the
 * pod (a claim's data stays: it is the PersistentVolume's); a container's {@code volumeMounts}
 * become CRI mounts with {@code readOnly}, {@code subPath} and {@code subPathExpr}. Projected
 * service account tokens are not written yet.
 */
package io.nauta.node.volumes;
