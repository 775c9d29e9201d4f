package io.nauta.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FitErrorTest {
  @Test
  void nodeVerdictsAreCountedPerReason() {
    FitError e =
        new FitError(
            3,
            Map.of(
                "a", Status.unschedulable("X", "Insufficient cpu"),
                "b", Status.unschedulable("X", "Insufficient cpu"),
                "c", Status.unresolvable("Y", "node(s) had volume node affinity conflict")));
    assertThat(e.message())
        .isEqualTo(
            "0/3 nodes are available: 1 node(s) had volume node affinity conflict,"
                + " 2 Insufficient cpu.");
  }

  @Test
  void aPreFilterVerdictIsStatedOnceWithoutACount() {
    FitError e =
        new FitError(
                2,
                Map.of(
                    "",
                    Status.unresolvable(
                        "VolumeBinding", "pod has unbound immediate PersistentVolumeClaims")))
            .withPostFilterMessage("not helpful");
    assertThat(e.message())
        .isEqualTo(
            "0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims."
                + " preemption: not helpful");
  }
}
