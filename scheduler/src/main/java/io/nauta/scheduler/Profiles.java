package io.nauta.scheduler;

import io.nauta.scheduler.framework.Framework;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.plugins.nodeaffinity.NodeAffinity;
import io.nauta.scheduler.plugins.nodename.NodeName;
import io.nauta.scheduler.plugins.noderesources.NodeResourcesFit;
import io.nauta.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import io.nauta.scheduler.plugins.tainttoleration.TaintToleration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The built-in scheduling profile ({@code default-scheduler}). */
public final class Profiles {
  private Profiles() {}

  /** The default plugins with Kubernetes' default weights, spreading pods (LeastAllocated). */
  public static Framework defaultProfile(Random random) {
    List<Plugin> plugins =
        List.of(
            new NodeUnschedulable(),
            new NodeName(),
            new TaintToleration(),
            new NodeAffinity(),
            new NodeResourcesFit(NodeResourcesFit.Strategy.LEAST_ALLOCATED));
    return new Framework(
        plugins,
        Map.of(TaintToleration.NAME, 3L, NodeAffinity.NAME, 2L, NodeResourcesFit.NAME, 1L),
        random);
  }
}
