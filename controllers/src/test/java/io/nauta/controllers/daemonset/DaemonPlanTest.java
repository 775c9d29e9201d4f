package io.nauta.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.nauta.controllers.daemonset.DaemonPlan.NodePods;
import io.nauta.controllers.daemonset.DaemonPlan.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DaemonPlanTest {
  private static final NodeEligibility.Decision RUN = new NodeEligibility.Decision(true, true);
  private static final NodeEligibility.Decision STAY = new NodeEligibility.Decision(false, true);
  private static final NodeEligibility.Decision GO = new NodeEligibility.Decision(false, false);
  private static final Strategy ONE_AT_A_TIME = new Strategy(true, 1, 0);

  /** A pod named {@code <revision>-<node>[-suffix]}, created at {@code second}. */
  private static Pod pod(String name, int second) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withCreationTimestamp("2026-01-01T00:00:%02dZ".formatted(second))
        .endMetadata()
        .build();
  }

  private static final Predicate<Pod> UPDATED = p -> p.getMetadata().getName().startsWith("new");
  private static final Predicate<Pod> AVAILABLE = p -> !p.getMetadata().getName().endsWith("-x");

  private static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).toList();
  }

  @Test
  void startsPodsWhereMissingAndRemovesThemWhereTheyMayNotStay() {
    var actions =
        DaemonPlan.plan(
            List.of(
                new NodePods("a", RUN, List.of()),
                new NodePods("b", RUN, List.of(pod("new-b", 1))),
                new NodePods("c", STAY, List.of(pod("new-c", 1))),
                new NodePods("d", GO, List.of(pod("new-d", 1))),
                new NodePods("e", GO, List.of())),
            ONE_AT_A_TIME,
            UPDATED,
            AVAILABLE);
    assertThat(actions.create()).containsExactly("a");
    assertThat(names(actions.delete())).containsExactly("new-d");
  }

  @Test
  void keepsTheOldestOfDuplicatePods() {
    var actions =
        DaemonPlan.plan(
            List.of(new NodePods("a", RUN, List.of(pod("new-a2", 5), pod("new-a1", 1)))),
            ONE_AT_A_TIME,
            UPDATED,
            AVAILABLE);
    assertThat(names(actions.delete())).containsExactly("new-a2");
  }

  @Test
  void rollingUpdateDeletesUnavailableOldPodsAtOnceAndAvailableOnesWithinMaxUnavailable() {
    List<NodePods> nodes = new ArrayList<>();
    nodes.add(new NodePods("a", RUN, List.of(pod("old-a", 1))));
    nodes.add(new NodePods("b", RUN, List.of(pod("old-b", 1))));
    nodes.add(new NodePods("c", RUN, List.of(pod("old-c-x", 1))));
    var actions = DaemonPlan.plan(nodes, ONE_AT_A_TIME, UPDATED, AVAILABLE);
    // old-c-x is unavailable already: replacing it costs nothing; one more fits in the budget of 1
    assertThat(names(actions.delete())).containsExactly("old-c-x", "old-a");
    // a new pod not yet available uses up the budget
    nodes.set(2, new NodePods("c", RUN, List.of(pod("new-c-x", 2))));
    assertThat(DaemonPlan.plan(nodes, ONE_AT_A_TIME, UPDATED, AVAILABLE).none()).isTrue();
    assertThat(names(DaemonPlan.plan(nodes, new Strategy(true, 2, 0), UPDATED, AVAILABLE).delete()))
        .containsExactly("old-a");
  }

  @Test
  void onDeleteLeavesOldPodsAlone() {
    var actions =
        DaemonPlan.plan(
            List.of(new NodePods("a", RUN, List.of(pod("old-a", 1)))),
            new Strategy(false, 0, 0),
            UPDATED,
            AVAILABLE);
    assertThat(actions.none()).isTrue();
  }

  @Test
  void surgeStartsNewPodsBesideOldOnesAndDeletesTheOldOnceTheNewIsAvailable() {
    Strategy surgeOne = new Strategy(true, 0, 1);
    List<NodePods> nodes =
        List.of(
            new NodePods("a", RUN, List.of(pod("old-a", 1))),
            new NodePods("b", RUN, List.of(pod("old-b", 1))));
    assertThat(DaemonPlan.plan(nodes, surgeOne, UPDATED, AVAILABLE).create()).containsExactly("a");
    // new pod on a not yet available: both kept, no further surge
    List<NodePods> surging =
        List.of(
            new NodePods("a", RUN, List.of(pod("old-a", 1), pod("new-a-x", 2))),
            new NodePods("b", RUN, List.of(pod("old-b", 1))));
    assertThat(DaemonPlan.plan(surging, surgeOne, UPDATED, AVAILABLE).none()).isTrue();
    List<NodePods> ready =
        List.of(
            new NodePods("a", RUN, List.of(pod("old-a", 1), pod("new-a", 2))),
            new NodePods("b", RUN, List.of(pod("old-b", 1))));
    assertThat(names(DaemonPlan.plan(ready, surgeOne, UPDATED, AVAILABLE).delete()))
        .containsExactly("old-a");
  }
}
