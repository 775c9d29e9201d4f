package io.nauta.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.json.JsonArbitraries;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Fuzzes metadata validation with random JSON: it must report problems, never throw. */
class ObjectMetaValidationPropertiesTest {

  @Provide
  Arbitrary<JsonNode> metadata() {
    return JsonArbitraries.trees(
        3,
        List.of(
            "name",
            "generateName",
            "namespace",
            "labels",
            "annotations",
            "finalizers",
            "ownerReferences",
            "managedFields",
            "resourceVersion",
            "generation",
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "apiVersion",
            "kind",
            "controller",
            "operation",
            "manager",
            "fieldsType",
            "a"),
        List.of(
            "web",
            "default",
            "Web",
            "a/b",
            "orphan",
            "foregroundDeletion",
            "v1",
            "Apply",
            "12",
            "2024-01-02T03:04:05Z",
            "",
            "-",
            "x-",
            "..",
            "Event"));
  }

  @Property(tries = 1000)
  void validateNeverThrows(@ForAll("metadata") JsonNode meta, @ForAll boolean namespaced) {
    ObjectMetaValidation.validate(meta, namespaced, NameValidation::dns1123Subdomain);
    ObjectMetaValidation.warnings(meta);
  }

  @Property(tries = 1000)
  void validateUpdateNeverThrows(
      @ForAll("metadata") JsonNode newMeta, @ForAll("metadata") JsonNode oldMeta) {
    ObjectMetaValidation.validateUpdate(newMeta, oldMeta);
  }
}
