package io.nauta.scheduler.plugins.defaultpreemption;

import static io.nauta.scheduler.testing.Fixtures.node;
import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.nauta.scheduler.framework.Framework;
import io.nauta.scheduler.framework.Listers;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.plugins.interpodaffinity.InterPodAffinity;
import io.nauta.scheduler.plugins.nodeaffinity.NodeAffinity;
import io.nauta.scheduler.plugins.noderesources.NodeResourcesFit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DefaultPreemptionTest {

  private final Framework framework =
      new Framework(
          List.of(
              new NodeAffinity(),
              new NodeResourcesFit(NodeResourcesFit.Strategy.LEAST_ALLOCATED),
              new InterPodAffinity(),
              new DefaultPreemption()),
          Map.of(),
          new Random(1));

  private static Pod running(String name, String cpu, int priority, String... labels) {
    var b = pod(name, cpu, null).editSpec().withPriority(priority).endSpec();
    for (int i = 0; i + 1 < labels.length; i += 2) {
      b.editMetadata().addToLabels(labels[i], labels[i + 1]).endMetadata();
    }
    return b.editMetadata()
        .withCreationTimestamp("2026-01-01T00:00:00Z")
        .endMetadata()
        .withNewStatus()
        .withStartTime("2026-01-01T00:00:00Z")
        .endStatus()
        .build();
  }

  /** A budget over app=db pods with {@code allowed} disruptions left. */
  private static PodDisruptionBudget dbBudget(int allowed) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName("db")
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withSelector(new LabelSelectorBuilder().addToMatchLabels("app", "db").build())
        .endSpec()
        .withNewStatus()
        .withDisruptionsAllowed(allowed)
        .endStatus()
        .build();
  }

  private static Pod preemptor(String cpu, int priority) {
    return pod("urgent", cpu, null).editSpec().withPriority(priority).endSpec().build();
  }

  private static NodeInfo node2cpu(String name, Pod... pods) {
    return NodeInfo.of(node(name, "2", "4Gi").build(), List.of(pods));
  }

  private static Framework.Result.Unschedulable unschedulable(Framework.Result r) {
    assertThat(r).isInstanceOf(Framework.Result.Unschedulable.class);
    return (Framework.Result.Unschedulable) r;
  }

  private static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).toList();
  }

  @Test
  void prefersTheNodeWhoseMostImportantVictimMattersLeast() {
    List<NodeInfo> nodes =
        List.of(
            node2cpu("node-a", running("batch-important", "2", 10)),
            node2cpu("node-b", running("scratch-1", "1", 1), running("scratch-2", "1", 1)));

    var u = unschedulable(framework.schedule(preemptor("2", 100), nodes));

    assertThat(u.nomination().nominatedNode()).isEqualTo("node-b");
    assertThat(names(u.nomination().victims())).containsExactlyInAnyOrder("scratch-1", "scratch-2");
    assertThat(u.error().message()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
  }

  @Test
  void evictsOnlyAsManyAsNeededAndSparesTheMoreImportant() {
    List<NodeInfo> nodes =
        List.of(node2cpu("node-a", running("low", "1", 1), running("mid", "1", 5)));

    var u = unschedulable(framework.schedule(preemptor("1", 100), nodes));

    assertThat(u.nomination().nominatedNode()).isEqualTo("node-a");
    assertThat(names(u.nomination().victims())).containsExactly("low");
  }

  @Test
  void neverPreemptsPodsOfEqualOrHigherPriority() {
    List<NodeInfo> nodes =
        List.of(
            node2cpu("node-a", running("same", "2", 100)),
            node2cpu("node-b", running("higher", "2", 1000)));

    var u = unschedulable(framework.schedule(preemptor("2", 100), nodes));

    assertThat(u.nomination()).isNull();
    assertThat(u.error().message())
        .isEqualTo(
            "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available:"
                + " 2 No preemption victims found for incoming pod.");
  }

  @Test
  void aPodWithPreemptionPolicyNeverWaits() {
    Pod polite =
        pod("polite", "2", null)
            .editSpec()
            .withPriority(100)
            .withPreemptionPolicy("Never")
            .endSpec()
            .build();

    var u =
        unschedulable(
            framework.schedule(polite, List.of(node2cpu("node-a", running("low", "2", 1)))));

    assertThat(u.nomination()).isNull();
    assertThat(u.error().message())
        .endsWith("preemption: not eligible due to preemptionPolicy=Never.");
  }

  @Test
  void doesNotEvictOnNodesWhereThatCannotHelp() {
    Pod picky =
        pod("picky", "2", null)
            .editSpec()
            .withPriority(100)
            .withNodeSelector(Map.of("disk", "ssd"))
            .endSpec()
            .build();
    List<NodeInfo> nodes = List.of(node2cpu("node-a", running("low", "2", 1)));

    var u = unschedulable(framework.schedule(picky, nodes));

    assertThat(u.nomination()).isNull();
    assertThat(u.error().message())
        .endsWith(
            "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.");
  }

  @Test
  void sparesPodsADisruptionBudgetProtectsWhenAnotherNodeWillDo() {
    List<NodeInfo> nodes =
        List.of(
            node2cpu("node-a", running("guarded", "2", 1, "app", "db")),
            node2cpu("node-b", running("unguarded", "2", 1, "app", "web")));
    PodDisruptionBudget pdb = dbBudget(0);
    Listers listers = ns -> List.of(pdb);

    var u = unschedulable(framework.schedule(preemptor("2", 100), nodes, listers));

    assertThat(u.nomination().nominatedNode()).isEqualTo("node-b");
    assertThat(names(u.nomination().victims())).containsExactly("unguarded");
  }

  @Test
  void aBudgetWithDisruptionsLeftDoesNotProtect() {
    Pod a = running("a", "1", 1, "app", "db");
    Pod b = running("b", "1", 1, "app", "db");
    PodDisruptionBudget oneLeft = dbBudget(1);
    var violating = new java.util.ArrayList<Pod>();
    var sparable = new java.util.ArrayList<Pod>();

    DefaultPreemption.splitByBudgets(List.of(a, b), List.of(oneLeft), violating, sparable);

    assertThat(names(sparable)).containsExactly("a");
    assertThat(names(violating)).containsExactly("b");
  }

  @Test
  void evictsAPodThatTheIncomingPodsAntiAffinityExcludes() {
    Pod loner =
        pod("loner", "100m", null)
            .editSpec()
            .withPriority(100)
            .withNewAffinity()
            .withNewPodAntiAffinity()
            .withRequiredDuringSchedulingIgnoredDuringExecution(
                new PodAffinityTermBuilder()
                    .withTopologyKey("kubernetes.io/hostname")
                    .withLabelSelector(
                        new LabelSelectorBuilder().addToMatchLabels("app", "noisy").build())
                    .build())
            .endPodAntiAffinity()
            .endAffinity()
            .endSpec()
            .build();
    NodeInfo n =
        NodeInfo.of(
            node("node-a", "2", "4Gi")
                .editMetadata()
                .addToLabels("kubernetes.io/hostname", "node-a")
                .endMetadata()
                .build(),
            List.of(running("noisy", "100m", 1, "app", "noisy"), running("quiet", "100m", 1)));

    var u = unschedulable(framework.schedule(loner, List.of(n)));

    assertThat(u.nomination().nominatedNode()).isEqualTo("node-a");
    assertThat(names(u.nomination().victims())).containsExactly("noisy");
  }

  @Test
  void aNominatedPodWaitsForItsTerminatingVictims() {
    Pod leaving =
        new io.fabric8.kubernetes.api.model.PodBuilder(running("leaving", "2", 1))
            .editMetadata()
            .withDeletionTimestamp("2026-01-01T00:01:00Z")
            .endMetadata()
            .build();
    Pod nominated =
        pod("urgent", "2", null)
            .editSpec()
            .withPriority(100)
            .endSpec()
            .withNewStatus()
            .withNominatedNodeName("node-a")
            .endStatus()
            .build();

    var u =
        unschedulable(
            framework.schedule(
                nominated,
                List.of(node2cpu("node-a", leaving), node2cpu("node-b", running("x", "2", 1)))));

    assertThat(u.nomination()).isNull();
    assertThat(u.error().message()).endsWith(DefaultPreemption.TERMINATING);
  }

  @Test
  void aNominatedPodGoesToItsNodeOnceThereIsRoom() {
    Pod nominated =
        pod("urgent", "1", null)
            .editSpec()
            .withPriority(100)
            .endSpec()
            .withNewStatus()
            .withNominatedNodeName("node-c")
            .endStatus()
            .build();
    List<NodeInfo> nodes = List.of(node2cpu("node-a"), node2cpu("node-b"), node2cpu("node-c"));

    for (int i = 0; i < 5; i++) {
      var r = framework.schedule(nominated, nodes);
      assertThat(((Framework.Result.Selected) r).node()).isEqualTo("node-c");
    }
  }
}
