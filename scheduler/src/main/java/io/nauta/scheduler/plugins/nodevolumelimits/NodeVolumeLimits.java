package io.nauta.scheduler.plugins.nodevolumelimits;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeDriver;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.nauta.client.volumes.CsiDrivers;
import io.nauta.client.volumes.PodClaims;
import io.nauta.client.volumes.StorageAnnotations;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.Listers;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Selectors;
import io.nauta.scheduler.framework.Status;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kubernetes' NodeVolumeLimits plugin for CSI volumes (see the package description). */
public final class NodeVolumeLimits implements Plugin.PreFilter, Plugin.Filter {
  public static final String NAME = "NodeVolumeLimits";
  public static final String MAX_VOLUME_COUNT_EXCEEDED = "node(s) exceed max volume count";

  @Override
  public String name() {
    return NAME;
  }

  private static final String STATE = NAME;

  /** The pod's claims and their drivers, worked out once per cycle for every node's Filter. */
  private record Wanted(Map<String, String> drivers) {}

  /** Skips pods without claims, which no limit concerns; finds the drivers of the others. */
  @Override
  public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    if (PodClaims.names(pod).isEmpty()) {
      return new Status(Status.Code.SKIP, List.of(), NAME);
    }
    state.write(STATE, new Wanted(Map.copyOf(drivers(state.listers(), pod))));
    return Status.SUCCESS;
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo node) {
    Listers listers = state.listers();
    Map<String, String> wanted =
        new HashMap<>(
            state
                .read(STATE, Wanted.class)
                .map(Wanted::drivers)
                .orElseGet(() -> drivers(listers, pod)));
    if (wanted.isEmpty()) {
      return Status.SUCCESS;
    }
    CSINode csiNode = listers.csiNode(node.name());
    Map<String, Integer> limits = limits(csiNode);
    if (limits.isEmpty()) {
      return Status.SUCCESS;
    }
    Map<String, String> used = new HashMap<>();
    for (Pod p : node.pods()) {
      used.putAll(drivers(listers, p));
    }
    Map<String, Integer> usedCount = count(used);
    wanted.keySet().removeAll(used.keySet()); // already in use here: no new volume
    for (var e : count(wanted).entrySet()) {
      Integer limit = limits.get(e.getKey());
      if (limit != null && usedCount.getOrDefault(e.getKey(), 0) + e.getValue() > limit) {
        return Status.unschedulable(NAME, MAX_VOLUME_COUNT_EXCEEDED);
      }
    }
    return Status.SUCCESS;
  }

  /** The driver's {@code allocatable.count} by driver name, for drivers that have one. */
  static Map<String, Integer> limits(CSINode csiNode) {
    Map<String, Integer> out = new HashMap<>();
    if (csiNode == null || csiNode.getSpec() == null || csiNode.getSpec().getDrivers() == null) {
      return out;
    }
    for (CSINodeDriver d : csiNode.getSpec().getDrivers()) {
      if (d.getAllocatable() != null && d.getAllocatable().getCount() != null) {
        out.put(d.getName(), d.getAllocatable().getCount());
      }
    }
    return out;
  }

  private static Map<String, Integer> count(Map<String, String> driverByClaim) {
    Map<String, Integer> out = new HashMap<>();
    driverByClaim.values().forEach(d -> out.merge(d, 1, Integer::sum));
    return out;
  }

  /**
   * The pod's claims ({@code namespace/name}) whose driver is known, with that driver. A claim that
   * is missing, or whose volume, class or driver is unknown, is not counted: VolumeBinding keeps a
   * pod with a missing claim pending anyway.
   */
  static Map<String, String> drivers(Listers listers, Pod pod) {
    Map<String, String> out = new LinkedHashMap<>();
    String namespace = Selectors.namespace(pod);
    for (String name : PodClaims.names(pod)) {
      PersistentVolumeClaim claim = listers.persistentVolumeClaim(namespace, name);
      String driver = claim == null ? null : driver(listers, claim);
      if (driver != null && !driver.isEmpty()) {
        out.put(namespace + "/" + name, driver);
      }
    }
    return out;
  }

  /**
   * A bound claim's volume's CSI driver, or that of the provisioner that made the volume; an
   * unbound claim's class's provisioner's driver; null when unknown.
   */
  static String driver(Listers listers, PersistentVolumeClaim claim) {
    String volumeName = claim.getSpec() == null ? null : claim.getSpec().getVolumeName();
    if (volumeName != null && !volumeName.isEmpty()) {
      PersistentVolume pv = listers.persistentVolume(volumeName);
      if (pv == null) {
        return null;
      }
      if (pv.getSpec() != null && pv.getSpec().getCsi() != null) {
        return pv.getSpec().getCsi().getDriver();
      }
      return CsiDrivers.ofProvisioner(
          StorageAnnotations.get(pv, StorageAnnotations.PROVISIONED_BY));
    }
    String className = StorageAnnotations.claimClass(claim);
    StorageClass sc = className.isEmpty() ? null : listers.storageClass(className);
    return sc == null ? null : CsiDrivers.ofProvisioner(sc.getProvisioner());
  }
}
