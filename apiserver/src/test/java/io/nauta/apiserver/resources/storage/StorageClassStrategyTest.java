package io.nauta.apiserver.resources.storage;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StorageClassStrategyTest {
  private final StorageClassStrategy strategy = new StorageClassStrategy();

  private ObjectNode created(String json) {
    ObjectNode sc = object(json);
    ((ObjectNode) sc.get("metadata")).remove("namespace");
    strategy.prepareForCreate(sc);
    return sc;
  }

  @Test
  void defaultsToDeleteAndImmediateBinding() {
    ObjectNode sc = created("{\"provisioner\":\"example.com/nfs\"}");
    assertThat(sc.path("reclaimPolicy").asText()).isEqualTo("Delete");
    assertThat(sc.path("volumeBindingMode").asText()).isEqualTo("Immediate");
    assertThat(strategy.validate(sc)).isEmpty();
  }

  @Test
  void printsTheDefaultClassWithItsMark() {
    ObjectNode sc =
        created(
            "{\"metadata\":{\"name\":\"local-path\",\"annotations\":"
                + "{\"storageclass.kubernetes.io/is-default-class\":\"true\"}},"
                + "\"provisioner\":\"nauta.io/local-path\",\"volumeBindingMode\":\"WaitForFirstConsumer\"}");
    assertThat(strategy.cells(sc, NOW))
        .containsExactly(
            "local-path (default)",
            "nauta.io/local-path",
            "Delete",
            "WaitForFirstConsumer",
            false,
            "10m");
    ObjectNode plain =
        created(
            "{\"metadata\":{\"name\":\"fast\"},\"provisioner\":\"x.io/p\","
                + "\"allowVolumeExpansion\":true,\"reclaimPolicy\":\"Retain\"}");
    assertThat(strategy.cells(plain, NOW))
        .containsExactly("fast", "x.io/p", "Retain", "Immediate", true, "10m");
    assertThat(strategy.columns().stream().map(c -> c.name()))
        .containsExactly(
            "Name",
            "Provisioner",
            "ReclaimPolicy",
            "VolumeBindingMode",
            "AllowVolumeExpansion",
            "Age");
  }

  @Test
  void requiresAProvisionerAndKnownPolicies() {
    ObjectNode sc = created("{\"reclaimPolicy\":\"Recycle\",\"volumeBindingMode\":\"Later\"}");
    assertThat(messages(strategy.validate(sc)))
        .containsExactlyInAnyOrder(
            "provisioner: Required value",
            "reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"",
            "volumeBindingMode: Unsupported value: \"Later\": supported values: \"Immediate\","
                + " \"WaitForFirstConsumer\"");
  }

  @Test
  void keepsProvisionerParametersPolicyAndModeImmutable() {
    ObjectNode old = created("{\"provisioner\":\"x.io/p\",\"parameters\":{\"type\":\"ssd\"}}");
    ObjectNode changed =
        created(
            "{\"provisioner\":\"y.io/p\",\"parameters\":{\"type\":\"hdd\"},"
                + "\"reclaimPolicy\":\"Retain\",\"volumeBindingMode\":\"WaitForFirstConsumer\","
                + "\"allowVolumeExpansion\":true}");
    assertThat(messages(strategy.validateUpdate(changed, old)))
        .containsExactlyInAnyOrder(
            "provisioner: Forbidden: updates to provisioner are forbidden.",
            "parameters: Forbidden: updates to parameters are forbidden.",
            "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.",
            "volumeBindingMode: Invalid value: \"WaitForFirstConsumer\": field is immutable");
    ObjectNode expandable = old.deepCopy();
    expandable.put("allowVolumeExpansion", true);
    assertThat(strategy.validateUpdate(expandable, old)).isEmpty();
  }
}
