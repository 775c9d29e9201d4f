package io.nauta.controllers.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.api.Test;

class DisruptionControllerTest {
  @Test
  void desiredHealthyFromMinAvailableOrMaxUnavailable() {
    assertThat(DisruptionController.desiredHealthy(new IntOrString(2), null, 5)).isEqualTo(2);
    assertThat(DisruptionController.desiredHealthy(new IntOrString("50%"), null, 5)).isEqualTo(3);
    assertThat(DisruptionController.desiredHealthy(null, new IntOrString(1), 5)).isEqualTo(4);
    assertThat(DisruptionController.desiredHealthy(null, new IntOrString("30%"), 5)).isEqualTo(3);
    assertThat(DisruptionController.desiredHealthy(null, null, 5)).isZero();
  }
}
