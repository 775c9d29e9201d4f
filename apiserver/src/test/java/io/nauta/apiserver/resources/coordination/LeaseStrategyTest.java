package io.nauta.apiserver.resources.coordination;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaseStrategyTest {
  private final LeaseStrategy strategy = new LeaseStrategy();

  @Test
  void printsHolderAndRejectsNonPositiveDurations() {
    var lease = object("{\"spec\":{\"holderIdentity\":\"n1\",\"leaseDurationSeconds\":0}}");
    assertThat(strategy.cells(lease, NOW)).containsExactly("x", "n1", "10m");
    assertThat(messages(strategy.validate(lease)))
        .containsExactly("spec.leaseDurationSeconds: Invalid value: \"0\": must be greater than 0");
  }
}
