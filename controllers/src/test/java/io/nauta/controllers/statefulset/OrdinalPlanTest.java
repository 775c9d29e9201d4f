package io.nauta.controllers.statefulset;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.controllers.statefulset.OrdinalPlan.Create;
import io.nauta.controllers.statefulset.OrdinalPlan.Delete;
import io.nauta.controllers.statefulset.OrdinalPlan.PodState;
import io.nauta.controllers.statefulset.OrdinalPlan.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrdinalPlanTest {
  private static Spec ordered(int replicas) {
    return new Spec(replicas, 0, true, true, 0, 1, "web-v1", "web-v1");
  }

  private static PodState healthy(int i, String revision) {
    return new PodState(i, "web-" + i, revision, false, false, true, true);
  }

  private static PodState pending(int i) {
    return new PodState(i, "web-" + i, "web-v1", false, false, false, false);
  }

  private static PodState terminating(int i) {
    return new PodState(i, "web-" + i, "web-v1", true, false, true, true);
  }

  @Test
  void orderedReadyCreatesTheLowestMissingOrdinalOnlyOnceTheOnesBelowAreReady() {
    assertThat(OrdinalPlan.plan(ordered(3), List.of())).containsExactly(new Create(0, "web-v1"));
    assertThat(OrdinalPlan.plan(ordered(3), List.of(pending(0)))).isEmpty();
    assertThat(OrdinalPlan.plan(ordered(3), List.of(healthy(0, "web-v1"))))
        .containsExactly(new Create(1, "web-v1"));
    // a missing pod below a ready one is made first
    assertThat(OrdinalPlan.plan(ordered(3), List.of(healthy(1, "web-v1"))))
        .containsExactly(new Create(0, "web-v1"));
  }

  @Test
  void parallelCreatesEveryMissingOrdinalAtOnce() {
    var parallel = new Spec(3, 0, false, true, 0, 1, "web-v1", "web-v1");
    assertThat(OrdinalPlan.plan(parallel, List.of(pending(1))))
        .containsExactly(new Create(0, "web-v1"), new Create(2, "web-v1"));
  }

  @Test
  void ordinalsStartWhereTheSpecSays() {
    var fromFive = new Spec(2, 5, true, true, 0, 1, "web-v1", "web-v1");
    assertThat(OrdinalPlan.plan(fromFive, List.of(healthy(5, "web-v1"))))
        .containsExactly(new Create(6, "web-v1"));
    // ordinal 0 is outside 5..6: condemned
    assertThat(
            OrdinalPlan.plan(
                fromFive,
                List.of(healthy(0, "web-v1"), healthy(5, "web-v1"), healthy(6, "web-v1"))))
        .containsExactly(new Delete("web-0"));
  }

  @Test
  void scalingDownDeletesTheHighestOrdinalFirstOneAtATime() {
    List<PodState> four =
        List.of(
            healthy(0, "web-v1"), healthy(1, "web-v1"), healthy(2, "web-v1"), healthy(3, "web-v1"));
    assertThat(OrdinalPlan.plan(ordered(2), four)).containsExactly(new Delete("web-3"));
    // web-3 still terminating: web-2 waits
    assertThat(
            OrdinalPlan.plan(
                ordered(2),
                List.of(
                    healthy(0, "web-v1"),
                    healthy(1, "web-v1"),
                    healthy(2, "web-v1"),
                    terminating(3))))
        .isEmpty();
    var parallel = new Spec(2, 0, false, true, 0, 1, "web-v1", "web-v1");
    assertThat(OrdinalPlan.plan(parallel, four))
        .containsExactly(new Delete("web-3"), new Delete("web-2"));
  }

  @Test
  void aFailedPodIsDeletedToBeRecreated() {
    var failed = new PodState(0, "web-0", "web-v1", false, true, false, false);
    assertThat(OrdinalPlan.plan(ordered(2), List.of(failed))).containsExactly(new Delete("web-0"));
  }

  @Test
  void rollingUpdateGoesFromTheHighestOrdinalDownToThePartitionOneAtATime() {
    var update = new Spec(3, 0, true, true, 1, 1, "web-v1", "web-v2");
    List<PodState> old = List.of(healthy(0, "web-v1"), healthy(1, "web-v1"), healthy(2, "web-v1"));
    assertThat(OrdinalPlan.plan(update, old)).containsExactly(new Delete("web-2"));
    // web-2 recreated at the update revision but not ready yet: wait
    assertThat(
            OrdinalPlan.plan(
                update,
                List.of(
                    healthy(0, "web-v1"),
                    healthy(1, "web-v1"),
                    new PodState(2, "web-2", "web-v2", false, false, false, false))))
        .isEmpty();
    assertThat(
            OrdinalPlan.plan(
                update, List.of(healthy(0, "web-v1"), healthy(1, "web-v1"), healthy(2, "web-v2"))))
        .containsExactly(new Delete("web-1"));
    // below the partition nothing is touched
    assertThat(
            OrdinalPlan.plan(
                update, List.of(healthy(0, "web-v1"), healthy(1, "web-v2"), healthy(2, "web-v2"))))
        .isEmpty();
    // and a missing pod below the partition comes back at the current revision
    assertThat(OrdinalPlan.plan(update, List.of(healthy(1, "web-v2"), healthy(2, "web-v2"))))
        .containsExactly(new Create(0, "web-v1"));
  }

  @Test
  void maxUnavailableUpdatesSeveralPodsAtOnce() {
    var update = new Spec(3, 0, true, true, 0, 2, "web-v1", "web-v2");
    List<PodState> old = List.of(healthy(0, "web-v1"), healthy(1, "web-v1"), healthy(2, "web-v1"));
    assertThat(OrdinalPlan.plan(update, old))
        .containsExactly(new Delete("web-2"), new Delete("web-1"));
  }

  @Test
  void onDeleteNeverReplacesPodsItself() {
    var onDelete = new Spec(2, 0, true, false, 0, 1, "web-v1", "web-v2");
    assertThat(OrdinalPlan.plan(onDelete, List.of(healthy(0, "web-v1"), healthy(1, "web-v1"))))
        .isEmpty();
    assertThat(OrdinalPlan.plan(onDelete, List.of(healthy(0, "web-v1"))))
        .containsExactly(new Create(1, "web-v2"));
  }
}
