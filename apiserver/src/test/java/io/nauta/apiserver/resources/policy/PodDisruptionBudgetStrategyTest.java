package io.nauta.apiserver.resources.policy;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PodDisruptionBudgetStrategyTest {
  private final PodDisruptionBudgetStrategy strategy = new PodDisruptionBudgetStrategy();

  @Test
  void zeroesStatusAndPrintsBudgets() {
    ObjectNode pdb =
        object(
            "{\"spec\":{\"minAvailable\":\"50%\",\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}}");
    strategy.prepareForCreate(pdb);
    assertThat(pdb.get("status").toString())
        .isEqualTo(
            "{\"disruptionsAllowed\":0,\"currentHealthy\":0,\"desiredHealthy\":0,\"expectedPods\":0}");
    assertThat(strategy.validate(pdb)).isEmpty();
    assertThat(strategy.cells(pdb, NOW)).containsExactly("x", "50%", "N/A", 0L, "10m");
  }

  @Test
  void rejectsBothBoundsAndBadPercentages() {
    ObjectNode pdb = object("{\"spec\":{\"minAvailable\":1,\"maxUnavailable\":\"150%\"}}");
    assertThat(messages(strategy.validate(pdb)))
        .containsExactly(
            "spec: Invalid value: \"{\"minAvailable\":1,\"maxUnavailable\":\"150%\"}\": minAvailable and maxUnavailable cannot be both set",
            "spec.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%");
  }
}
