package io.nauta.client.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSelectorsTest {
  private static final Node NODE =
      new NodeBuilder()
          .withNewMetadata()
          .withName("n1")
          .withLabels(Map.of("zone", "a", "cores", "8"))
          .endMetadata()
          .build();

  private static NodeSelectorTerm expr(String key, String op, String... values) {
    return new NodeSelectorTerm(
        List.of(new NodeSelectorRequirement(key, op, List.of(values))), List.of());
  }

  @Test
  void operatorsCompareLabelValues() {
    assertThat(NodeSelectors.matches(expr("zone", "In", "a", "b"), NODE)).isTrue();
    assertThat(NodeSelectors.matches(expr("zone", "NotIn", "a"), NODE)).isFalse();
    assertThat(NodeSelectors.matches(expr("gpu", "NotIn", "x"), NODE)).isTrue();
    assertThat(NodeSelectors.matches(expr("zone", "Exists"), NODE)).isTrue();
    assertThat(NodeSelectors.matches(expr("gpu", "DoesNotExist"), NODE)).isTrue();
    assertThat(NodeSelectors.matches(expr("cores", "Gt", "4"), NODE)).isTrue();
    assertThat(NodeSelectors.matches(expr("cores", "Lt", "4"), NODE)).isFalse();
    assertThat(NodeSelectors.matches(expr("zone", "Gt", "4"), NODE)).as("not a number").isFalse();
  }

  @Test
  void fieldsKnowTheNodeNameAndEmptyTermsMatchNothing() {
    NodeSelectorTerm byName =
        new NodeSelectorTerm(
            List.of(), List.of(new NodeSelectorRequirement("metadata.name", "In", List.of("n1"))));
    assertThat(NodeSelectors.matches(byName, NODE)).isTrue();
    assertThat(NodeSelectors.matches(new NodeSelectorTerm(List.of(), List.of()), NODE)).isFalse();
    assertThat(NodeSelectors.matchesAny(List.of(), NODE)).isFalse();
    assertThat(NodeSelectors.matchesAny(List.of(expr("zone", "In", "b"), byName), NODE)).isTrue();
  }
}
