package io.nauta.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import org.junit.jupiter.api.Test;

class RolloutTest {

  @Test
  void surgeRoundsUpAndUnavailableRoundsDown() {
    assertThat(Rollout.limits(new IntOrString("25%"), new IntOrString("25%"), 10))
        .containsExactly(3, 2);
    assertThat(Rollout.limits(null, null, 4)).containsExactly(1, 1); // the 25% defaults
    assertThat(Rollout.limits(new IntOrString(2), new IntOrString(0), 30)).containsExactly(2, 0);
  }

  @Test
  void bothZeroMeansOneMayBeUnavailable() {
    assertThat(Rollout.limits(new IntOrString(0), new IntOrString("0%"), 5)).containsExactly(0, 1);
  }

  @Test
  void theNewSetGrowsWithinTheSurgeAndOldOnesShrinkWithinAvailability() {
    // 30 wanted, surge 2: 30 old + 0 new -> 2 new now
    assertThat(Rollout.scaleUp(30, 2, 30, 0)).isEqualTo(2);
    // at the limit: nothing more
    assertThat(Rollout.scaleUp(30, 2, 32, 2)).isZero();
    // never past what the new set still needs
    assertThat(Rollout.scaleUp(3, 5, 3, 2)).isEqualTo(1);
    // maxUnavailable 0: only pods available beyond 30 may go
    assertThat(Rollout.scaleDown(30, 0, 31)).isEqualTo(1);
    assertThat(Rollout.scaleDown(30, 0, 30)).isZero();
  }

  @Test
  void aTemplateHashIsStableAndChangesWithTheTemplateOrCollisions() {
    var a =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .addToLabels("app", "web")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage("nginx:1.27")
            .endContainer()
            .endSpec()
            .build();
    var b =
        new PodTemplateSpecBuilder(a)
            .editSpec()
            .editFirstContainer()
            .withImage("nginx:1.28")
            .endContainer()
            .endSpec()
            .build();
    String h = DeploymentController.hash(a, 0);
    assertThat(h)
        .isEqualTo(DeploymentController.hash(a, 0))
        .matches("[bcdfghjklmnpqrstvwxz2456789]+");
    assertThat(DeploymentController.hash(b, 0)).isNotEqualTo(h);
    assertThat(DeploymentController.hash(a, 1)).isNotEqualTo(h);
  }
}
