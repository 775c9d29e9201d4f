package io.nauta.node.env;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;

/** Test pods written as YAML. */
final class Pods {
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private Pods() {}

  static Pod pod(String yaml) {
    return YAML.unmarshal(yaml, Pod.class);
  }

  static PodFacts facts(Pod pod) {
    return new PodFacts(
        pod,
        List.of("10.88.0.7"),
        List.of("192.168.1.5"),
        Map.of(
            "cpu",
            io.nauta.api.quantity.Quantity.parse("2"),
            "memory",
            io.nauta.api.quantity.Quantity.parse("4Gi"),
            "ephemeral-storage",
            io.nauta.api.quantity.Quantity.parse("100Gi")));
  }
}
