package io.nauta.scheduler;

import io.nauta.scheduler.framework.Framework;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.plugins.balancedallocation.BalancedAllocation;
import io.nauta.scheduler.plugins.imagelocality.ImageLocality;
import io.nauta.scheduler.plugins.interpodaffinity.InterPodAffinity;
import io.nauta.scheduler.plugins.nodeaffinity.NodeAffinity;
import io.nauta.scheduler.plugins.nodename.NodeName;
import io.nauta.scheduler.plugins.nodeports.NodePorts;
import io.nauta.scheduler.plugins.noderesources.NodeResourcesFit;
import io.nauta.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import io.nauta.scheduler.plugins.podtopologyspread.PodTopologySpread;
import io.nauta.scheduler.plugins.tainttoleration.TaintToleration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The built-in scheduling profile ({@code default-scheduler}). */
public final class Profiles {
  private Profiles() {}

  /**
   * The default plugins, in Kubernetes' order and with its default score weights, spreading pods
   * (LeastAllocated).
   */
  public static Framework defaultProfile(Random random) {
    List<Plugin> plugins =
        List.of(
            new NodeUnschedulable(),
            new NodeName(),
            new TaintToleration(),
            new NodeAffinity(),
            new NodePorts(),
            new NodeResourcesFit(NodeResourcesFit.Strategy.LEAST_ALLOCATED),
            new PodTopologySpread(),
            new InterPodAffinity(),
            new BalancedAllocation(),
            new ImageLocality());
    return new Framework(
        plugins,
        Map.of(
            TaintToleration.NAME, 3L,
            NodeAffinity.NAME, 2L,
            PodTopologySpread.NAME, 2L,
            InterPodAffinity.NAME, 2L,
            NodeResourcesFit.NAME, 1L,
            BalancedAllocation.NAME, 1L,
            ImageLocality.NAME, 1L),
        random);
  }
}
