package io.nauta.controllers.volume.pvcprotection;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PvcProtectionControllerTest {
  private static Pod pod(String node, String phase, String claim) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace("ns")
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .addNewVolume()
        .withName("data")
        .withNewPersistentVolumeClaim()
        .withClaimName(claim)
        .endPersistentVolumeClaim()
        .endVolume()
        .addNewVolume()
        .withName("scratch")
        .withNewEphemeral()
        .endEphemeral()
        .endVolume()
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .endStatus()
        .build();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a running pod uses its claim", pod("n1", "Running", "data"), "data", true),
        Arguments.of(
            "a pod of another claim does not", pod("n1", "Running", "other"), "data", false),
        Arguments.of("an unscheduled pod does not", pod(null, "Pending", "data"), "data", false),
        Arguments.of(
            "a succeeded pod no longer does", pod("n1", "Succeeded", "data"), "data", false),
        Arguments.of("a failed pod no longer does", pod("n1", "Failed", "data"), "data", false),
        Arguments.of(
            "a generic ephemeral volume's claim is <pod>-<volume>",
            pod("n1", "Running", "data"),
            "web-scratch",
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void claimIsInUse(String name, Pod pod, String claim, boolean inUse) {
    assertThat(PvcProtectionController.inUse(List.of(pod), claim)).isEqualTo(inUse);
  }
}
