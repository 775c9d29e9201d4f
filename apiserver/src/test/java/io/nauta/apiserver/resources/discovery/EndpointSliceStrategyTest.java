package io.nauta.apiserver.resources.discovery;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EndpointSliceStrategyTest {
  private final EndpointSliceStrategy strategy = new EndpointSliceStrategy();

  @Test
  void defaultsPortsAndPrintsAtMostThreeAddresses() {
    ObjectNode slice =
        object(
            "{\"addressType\":\"IPv4\",\"ports\":[{\"port\":8080}],\"endpoints\":["
                + "{\"addresses\":[\"10.0.0.1\"]},{\"addresses\":[\"10.0.0.2\",\"10.0.0.3\"]},{\"addresses\":[\"10.0.0.4\"]}]}");
    strategy.prepareForCreate(slice);
    assertThat(slice.at("/ports/0").toString())
        .isEqualTo("{\"port\":8080,\"name\":\"\",\"protocol\":\"TCP\"}");
    assertThat(strategy.validate(slice)).isEmpty();
    assertThat(strategy.cells(slice, NOW))
        .containsExactly("x", "IPv4", "8080", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "10m");
  }

  @Test
  void requiresAddressTypeAndMatchingAddresses() {
    assertThat(messages(strategy.validate(object("{}"))))
        .containsExactly("addressType: Required value");
    ObjectNode slice =
        object(
            "{\"addressType\":\"IPv6\",\"endpoints\":[{\"addresses\":[\"10.0.0.1\"]},{\"addresses\":[]}]}");
    assertThat(messages(strategy.validate(slice)))
        .containsExactly(
            "endpoints[0].addresses[0]: Invalid value: \"10.0.0.1\": must be a valid IPv6 address",
            "endpoints[1].addresses: Required value: must contain at least 1 address");
    ObjectNode changed = slice.deepCopy().put("addressType", "IPv4");
    assertThat(messages(strategy.validateUpdate(changed, slice)))
        .contains("addressType: Invalid value: \"IPv4\": field is immutable");
  }
}
