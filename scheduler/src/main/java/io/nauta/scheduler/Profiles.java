package io.nauta.scheduler;

import io.nauta.scheduler.framework.Framework;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.plugins.balancedallocation.BalancedAllocation;
import io.nauta.scheduler.plugins.defaultpreemption.DefaultPreemption;
import io.nauta.scheduler.plugins.imagelocality.ImageLocality;
import io.nauta.scheduler.plugins.interpodaffinity.InterPodAffinity;
import io.nauta.scheduler.plugins.nodeaffinity.NodeAffinity;
import io.nauta.scheduler.plugins.nodename.NodeName;
import io.nauta.scheduler.plugins.nodeports.NodePorts;
import io.nauta.scheduler.plugins.noderesources.NodeResourcesFit;
import io.nauta.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import io.nauta.scheduler.plugins.nodevolumelimits.NodeVolumeLimits;
import io.nauta.scheduler.plugins.podtopologyspread.PodTopologySpread;
import io.nauta.scheduler.plugins.tainttoleration.TaintToleration;
import io.nauta.scheduler.plugins.volumebinding.VolumeBinding;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds scheduling profiles: the built-in plugins, in Kubernetes' order and default weights. */
public final class Profiles {
  /** Every plugin a profile may disable or weigh. */
  public static final List<String> PLUGIN_NAMES =
      List.of(
          NodeUnschedulable.NAME,
          NodeName.NAME,
          TaintToleration.NAME,
          NodeAffinity.NAME,
          NodePorts.NAME,
          NodeResourcesFit.NAME,
          NodeVolumeLimits.NAME,
          VolumeBinding.NAME,
          PodTopologySpread.NAME,
          InterPodAffinity.NAME,
          DefaultPreemption.NAME,
          BalancedAllocation.NAME,
          ImageLocality.NAME);

  private static final Map<String, Long> DEFAULT_WEIGHTS =
      Map.of(
          TaintToleration.NAME, 3L,
          NodeAffinity.NAME, 2L,
          PodTopologySpread.NAME, 2L,
          InterPodAffinity.NAME, 2L,
          NodeResourcesFit.NAME, 1L,
          BalancedAllocation.NAME, 1L,
          ImageLocality.NAME, 1L);

  private Profiles() {}

  /** The default profile: every plugin, spreading pods (LeastAllocated). */
  public static Framework defaultProfile(Random random) {
    return build(SchedulerConfig.defaults().profiles().get(0), random);
  }

  /** One framework per profile, by schedulerName, that cannot bind volumes (no API). */
  public static Map<String, Framework> build(SchedulerConfig config, Random random) {
    return build(config, random, VolumeBinding.Writes.NONE);
  }

  /** One framework per profile, by schedulerName; volumes are bound through {@code volumes}. */
  public static Map<String, Framework> build(
      SchedulerConfig config, Random random, VolumeBinding.Writes volumes) {
    // one plugin instance for every profile: it tracks the free volumes pods have taken
    VolumeBinding binding = new VolumeBinding(volumes, Clock.systemUTC(), BIND_TIMEOUT);
    Map<String, Framework> out = new LinkedHashMap<>();
    for (SchedulerConfig.Profile p : config.profiles()) {
      out.put(p.schedulerName(), build(p, random, binding));
    }
    return out;
  }

  /** How long a pod's binding waits for its claims to be bound, as in Kubernetes. */
  private static final Duration BIND_TIMEOUT = Duration.ofMinutes(10);

  static Framework build(SchedulerConfig.Profile profile, Random random) {
    return build(profile, random, new VolumeBinding());
  }

  private static Framework build(
      SchedulerConfig.Profile profile, Random random, VolumeBinding binding) {
    List<Plugin> all =
        List.of(
            new NodeUnschedulable(),
            new NodeName(),
            new TaintToleration(),
            new NodeAffinity(),
            new NodePorts(),
            profile.nodeResourcesFit(),
            new NodeVolumeLimits(),
            binding,
            new PodTopologySpread(),
            new InterPodAffinity(),
            new DefaultPreemption(),
            new BalancedAllocation(),
            new ImageLocality());
    Map<String, Long> weights = new HashMap<>(DEFAULT_WEIGHTS);
    weights.putAll(profile.weights());
    return new Framework(
        all.stream().filter(p -> !profile.disabled().contains(p.name())).toList(), weights, random);
  }
}
