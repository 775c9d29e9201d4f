package io.nauta.scheduler.framework;

import static io.nauta.scheduler.testing.Fixtures.labeledNode;
import static io.nauta.scheduler.testing.Fixtures.labeledPod;
import static io.nauta.scheduler.testing.Fixtures.node;
import static io.nauta.scheduler.testing.Fixtures.pod;
import static io.nauta.scheduler.testing.Fixtures.taintedNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.nauta.scheduler.plugins.interpodaffinity.InterPodAffinity;
import io.nauta.scheduler.plugins.nodeaffinity.NodeAffinity;
import io.nauta.scheduler.plugins.nodename.NodeName;
import io.nauta.scheduler.plugins.noderesources.NodeResourcesFit;
import io.nauta.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import io.nauta.scheduler.plugins.podtopologyspread.PodTopologySpread;
import io.nauta.scheduler.plugins.tainttoleration.TaintToleration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameworkTest {

  private static Framework framework(NodeResourcesFit.Strategy strategy) {
    return new Framework(
        List.of(
            new NodeName(),
            new NodeUnschedulable(),
            new NodeResourcesFit(strategy),
            new TaintToleration(),
            new NodeAffinity()),
        Map.of(),
        new Random(1));
  }

  @Test
  void explainsAPodThatFitsNowhereTheKubernetesWay() {
    List<NodeInfo> nodes =
        List.of(
            NodeInfo.of(node("small-1", "1", "4Gi").build(), List.of()),
            NodeInfo.of(node("small-2", "1", "4Gi").build(), List.of()),
            NodeInfo.of(node("small-3", "1", "4Gi").build(), List.of()),
            NodeInfo.of(taintedNode("gpu-1", "dedicated", "gpu", "NoSchedule"), List.of()),
            NodeInfo.of(taintedNode("gpu-2", "dedicated", "gpu", "NoSchedule"), List.of()));
    Pod big = pod("big", "2", "1Gi").build();

    Framework.Result r = framework(NodeResourcesFit.Strategy.LEAST_ALLOCATED).schedule(big, nodes);

    assertThat(r).isInstanceOf(Framework.Result.Unschedulable.class);
    FitError error = ((Framework.Result.Unschedulable) r).error();
    assertThat(error.message())
        .isEqualTo(
            "0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu},"
                + " 3 Insufficient cpu.");
    assertThat(error.resolvable()).isTrue();
  }

  @Test
  void leastAllocatedSpreadsAndMostAllocatedPacks() {
    List<NodeInfo> nodes =
        List.of(
            NodeInfo.of(node("busy", "4", "8Gi").build(), List.of(pod("p1", "3", "6Gi").build())),
            NodeInfo.of(node("idle", "4", "8Gi").build(), List.of()));
    Pod next = pod("next", "500m", "512Mi").build();

    var spread = framework(NodeResourcesFit.Strategy.LEAST_ALLOCATED).schedule(next, nodes);
    var packed = framework(NodeResourcesFit.Strategy.MOST_ALLOCATED).schedule(next, nodes);

    assertThat(((Framework.Result.Selected) spread).node()).isEqualTo("idle");
    assertThat(((Framework.Result.Selected) packed).node()).isEqualTo("busy");
  }

  @Test
  void assignedPodsCountAgainstTheirNode() {
    NodeInfo node = NodeInfo.of(node("n", "1", "1Gi").build(), List.of());
    Pod half = pod("half", "600m", null).build();
    NodeInfo withOne = node.withPod(half);
    var r = framework(NodeResourcesFit.Strategy.LEAST_ALLOCATED).schedule(half, List.of(withOne));
    assertThat(((Framework.Result.Unschedulable) r).error().message())
        .isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
  }

  @Test
  void saysSoWhenThereAreNoNodesAtAll() {
    var r = framework(NodeResourcesFit.Strategy.LEAST_ALLOCATED).schedule(pod("p"), List.of());
    assertThat(((Framework.Result.Unschedulable) r).error().message())
        .isEqualTo("no nodes available to schedule pods");
  }

  @Test
  void largeClustersFilterOnlyASampleOfNodes() {
    assertThat(Framework.feasibleNodesToFind(50)).isEqualTo(50);
    assertThat(Framework.feasibleNodesToFind(500)).isEqualTo(230); // 46%
    assertThat(Framework.feasibleNodesToFind(5000)).isEqualTo(500); // 10%
    assertThat(Framework.feasibleNodesToFind(100_000)).isEqualTo(5000); // at least 5%
  }

  @Test
  void requiredAntiAffinityToItselfSpreadsPodsOnePerNode() {
    String host = "kubernetes.io/hostname";
    Framework framework =
        new Framework(
            List.of(
                new NodeResourcesFit(NodeResourcesFit.Strategy.MOST_ALLOCATED),
                new InterPodAffinity()),
            Map.of(),
            new Random(1));
    List<NodeInfo> nodes = new ArrayList<>();
    for (String name : List.of("n1", "n2", "n3")) {
      nodes.add(NodeInfo.of(labeledNode(name, host, name), List.of()));
    }
    PodAffinityTerm notWithMyself =
        new PodAffinityTermBuilder()
            .withTopologyKey(host)
            .withNewLabelSelector()
            .addToMatchLabels("app", "spread")
            .endLabelSelector()
            .build();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      // MostAllocated alone would stack every replica on the first node it filled
      Pod replica =
          labeledPod("replica-" + i, "app", "spread")
              .editSpec()
              .withNewAffinity()
              .withNewPodAntiAffinity()
              .withRequiredDuringSchedulingIgnoredDuringExecution(notWithMyself)
              .endPodAntiAffinity()
              .endAffinity()
              .endSpec()
              .build();
      Framework.Result r = framework.schedule(replica, nodes);
      if (i == 3) {
        assertThat(((Framework.Result.Unschedulable) r).error().message())
            .isEqualTo("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.");
        break;
      }
      String chosen = ((Framework.Result.Selected) r).node();
      assertThat(used.add(chosen)).as("replica %d went to a fresh node", i).isTrue();
      nodes.replaceAll(n -> n.name().equals(chosen) ? n.withPod(replica) : n);
    }
    assertThat(used).containsExactlyInAnyOrder("n1", "n2", "n3");
  }

  @Test
  void hardTopologySpreadKeepsZonesWithinMaxSkew() {
    String zone = "topology.kubernetes.io/zone";
    // bin packing pulls every replica to the fullest node; the constraint must win
    Framework framework =
        new Framework(
            List.of(
                new NodeResourcesFit(NodeResourcesFit.Strategy.MOST_ALLOCATED),
                new PodTopologySpread()),
            Map.of(),
            new Random(1));
    List<NodeInfo> nodes = new ArrayList<>();
    for (String z : List.of("a", "b", "c")) {
      nodes.add(NodeInfo.of(labeledNode("node-" + z, zone, z), List.of()));
    }
    TopologySpreadConstraint oneApart =
        new TopologySpreadConstraintBuilder()
            .withMaxSkew(1)
            .withTopologyKey(zone)
            .withWhenUnsatisfiable("DoNotSchedule")
            .withNewLabelSelector()
            .addToMatchLabels("app", "web")
            .endLabelSelector()
            .build();
    for (int i = 0; i < 6; i++) {
      Pod replica =
          pod("web-" + i, "100m", "128Mi")
              .editMetadata()
              .addToLabels("app", "web")
              .endMetadata()
              .editSpec()
              .withTopologySpreadConstraints(oneApart)
              .endSpec()
              .build();
      String chosen = ((Framework.Result.Selected) framework.schedule(replica, nodes)).node();
      nodes.replaceAll(n -> n.name().equals(chosen) ? n.withPod(replica) : n);
    }
    assertThat(nodes).allSatisfy(n -> assertThat(n.pods()).hasSize(2));
  }
}
