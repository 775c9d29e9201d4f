package io.nauta.apiserver.resources.storage;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CSINodeStrategyTest {
  private final CSINodeStrategy strategy = new CSINodeStrategy();

  private static ObjectNode csiNode(String drivers) {
    ObjectNode n =
        object("{\"metadata\":{\"name\":\"node-a\"},\"spec\":{\"drivers\":" + drivers + "}}");
    ((ObjectNode) n.get("metadata")).remove("namespace");
    return n;
  }

  @Test
  void acceptsADriverWithACountAndNoDrivers() {
    assertThat(
            strategy.validate(
                csiNode(
                    "[{\"name\":\"local-path.nauta.io\",\"nodeID\":\"node-a\","
                        + "\"allocatable\":{\"count\":3}},"
                        + "{\"name\":\"ebs.csi.aws.com\",\"nodeID\":\"i-1\","
                        + "\"topologyKeys\":[\"topology.ebs.csi.aws.com/zone\"]}]")))
        .isEmpty();
    assertThat(strategy.validate(csiNode("[]"))).isEmpty();
  }

  @Test
  void rejectsDriversAsKubernetesDoes() {
    ObjectNode bad =
        csiNode(
            "[{\"nodeID\":\"n\"},"
                + "{\"name\":\"nauta.io/local-path\",\"nodeID\":\"n\"},"
                + "{\"name\":\"x.a.io\",\"nodeID\":\"\",\"allocatable\":{\"count\":-1}},"
                + "{\"name\":\"x.a.io\",\"nodeID\":\"n\"}]");
    assertThat(messages(strategy.validate(bad)))
        .containsExactly(
            "spec.drivers[0].name: Required value",
            "spec.drivers[1].name: Invalid value: \"nauta.io/local-path\": a lowercase RFC 1123 subdomain"
                + " must consist of lower case alphanumeric characters, '-' or '.', and must start"
                + " and end with an alphanumeric character (e.g. 'example.com', regex used for"
                + " validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "spec.drivers[2].nodeID: Required value",
            "spec.drivers[2].allocatable.count: Invalid value: \"-1\": must be greater than or equal"
                + " to 0",
            "spec.drivers[3].name: Duplicate value: \"x.a.io\"");
  }

  @Test
  void aDriverEntryIsImmutableButDriversMayComeAndGo() {
    ObjectNode old =
        csiNode("[{\"name\":\"x.a.io\",\"nodeID\":\"n\",\"allocatable\":{\"count\":1}}]");
    ObjectNode changed =
        csiNode("[{\"name\":\"x.a.io\",\"nodeID\":\"n\",\"allocatable\":{\"count\":2}}]");
    assertThat(messages(strategy.validateUpdate(changed, old)))
        .singleElement()
        .asString()
        .startsWith("CSINodeDriver: Invalid value: ")
        .endsWith(": field is immutable");
    ObjectNode added =
        csiNode(
            "[{\"name\":\"x.a.io\",\"nodeID\":\"n\",\"allocatable\":{\"count\":1},"
                + "\"topologyKeys\":[]},{\"name\":\"y.b.io\",\"nodeID\":\"n\"}]");
    assertThat(strategy.validateUpdate(added, old)).isEmpty();
    assertThat(strategy.validateUpdate(csiNode("[]"), old)).isEmpty();
  }

  @Test
  void printsTheNumberOfDrivers() {
    ObjectNode n = csiNode("[{\"name\":\"x.a.io\",\"nodeID\":\"n\"}]");
    assertThat(strategy.cells(n, NOW)).containsExactly("node-a", 1, "10m");
    assertThat(strategy.columns().stream().map(c -> c.name()))
        .containsExactly("Name", "Drivers", "Age");
  }
}
