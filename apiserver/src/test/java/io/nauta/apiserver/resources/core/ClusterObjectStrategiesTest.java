package io.nauta.apiserver.resources.core;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterObjectStrategiesTest {
  private final NamespaceStrategy namespaces = new NamespaceStrategy();
  private final NodeStrategy nodes = new NodeStrategy();

  @Test
  void namespacesGetTheirNameLabelFinalizerAndActivePhase() {
    ObjectNode ns =
        object(
            "{\"metadata\":{\"name\":\"team-a\"},\"spec\":{\"finalizers\":[\"example.com/x\"]}}");
    namespaces.prepareForCreate(ns);
    assertThat(ns.at("/metadata/labels/kubernetes.io~1metadata.name").asText()).isEqualTo("team-a");
    assertThat(ns.at("/spec/finalizers").toString())
        .isEqualTo("[\"example.com/x\",\"kubernetes\"]");
    assertThat(ns.at("/status/phase").asText()).isEqualTo("Active");
    assertThat(namespaces.cells(ns, NOW)).containsExactly("team-a", "Active", "10m");
    assertThat(namespaces.selectableFields(ns))
        .containsEntry("status.phase", "Active")
        .containsEntry("name", "team-a");
  }

  @Test
  void namespaceUpdatesKeepFinalizersAndValidatePhase() {
    ObjectNode old = object("{\"metadata\":{\"name\":\"a\"}}");
    namespaces.prepareForCreate(old);
    ObjectNode update =
        object(
            "{\"metadata\":{\"name\":\"a\"},\"spec\":{\"finalizers\":[]},\"status\":{\"phase\":\"Terminating\"}}");
    namespaces.prepareForUpdate(update, old);
    assertThat(update.at("/spec/finalizers").toString()).isEqualTo("[\"kubernetes\"]");
    assertThat(messages(namespaces.validateStatusUpdate(update, old)))
        .containsExactly(
            "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty");
    assertThat(messages(namespaces.validate(object("{\"spec\":{\"finalizers\":[\"custom\"]}}"))))
        .containsExactly(
            "spec.finalizers: Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified");
  }

  static Stream<Arguments> nodes() {
    return Stream.of(
        Arguments.of(
            "{\"metadata\":{\"labels\":{\"node-role.kubernetes.io/control-plane\":\"\",\"kubernetes.io/role\":\"edge\"}},"
                + "\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}],"
                + "\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"192.168.1.10\"}],"
                + "\"nodeInfo\":{\"kubeletVersion\":\"v1.32.0\",\"osImage\":\"Debian\",\"kernelVersion\":\"6.1\",\"containerRuntimeVersion\":\"containerd://2.0\"}}}",
            new Object[] {
              "x",
              "Ready",
              "control-plane,edge",
              "10m",
              "v1.32.0",
              "192.168.1.10",
              "<none>",
              "Debian",
              "6.1",
              "containerd://2.0"
            }),
        Arguments.of(
            "{\"spec\":{\"unschedulable\":true},\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"Unknown\"}]}}",
            new Object[] {
              "x",
              "NotReady,SchedulingDisabled",
              "<none>",
              "10m",
              "",
              "<none>",
              "<none>",
              "<unknown>",
              "<unknown>",
              "<unknown>"
            }),
        Arguments.of(
            "{}",
            new Object[] {
              "x",
              "Unknown",
              "<none>",
              "10m",
              "",
              "<none>",
              "<none>",
              "<unknown>",
              "<unknown>",
              "<unknown>"
            }));
  }

  @ParameterizedTest
  @MethodSource("nodes")
  void printsNodesLikeKubectl(String json, Object[] expected) {
    assertThat(nodes.cells(object(json), NOW)).containsExactly(expected);
  }

  @Test
  void nodeProviderIdAndPodCidrsAreSetOnce() {
    ObjectNode old =
        object("{\"spec\":{\"providerID\":\"nauta://n1\",\"podCIDRs\":[\"10.244.0.0/24\"]}}");
    ObjectNode update =
        object("{\"spec\":{\"providerID\":\"nauta://n2\",\"podCIDRs\":[\"10.244.1.0/24\"]}}");
    assertThat(messages(nodes.validateUpdate(update, old)))
        .containsExactly(
            "spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid",
            "spec.providerID: Forbidden: node updates may not change providerID except from \"\" to valid");
    assertThat(nodes.selectableFields(update)).containsEntry("spec.unschedulable", "false");
  }

  @Test
  void allocatableDefaultsToCapacity() {
    ObjectNode node = object("{\"status\":{\"capacity\":{\"cpu\":\"4\",\"memory\":\"8Gi\"}}}");
    nodes.prepareForCreate(node);
    assertThat(node.at("/status/allocatable").toString())
        .isEqualTo("{\"cpu\":\"4\",\"memory\":\"8Gi\"}");
  }
}
