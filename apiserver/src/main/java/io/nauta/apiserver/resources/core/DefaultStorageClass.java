package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.Lookup;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.storage.StorageClassStrategy;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' DefaultStorageClass admission: a claim that names no class ({@code
 * spec.storageClassName} absent, not {@code ""}, and no beta class annotation) gets the default
 * StorageClass's name. With several default classes the newest wins (then the first by name); with
 * none the claim is left as it is.
 */
final class DefaultStorageClass {
  private static final String BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

  private DefaultStorageClass() {}

  static void admit(ObjectNode pvc, Lookup lookup) {
    ObjectNode spec = Json.object(pvc, "spec");
    if (Json.has(spec, "storageClassName")
        || Json.has(pvc, "metadata", "annotations", BETA_CLASS_ANNOTATION)) {
      return;
    }
    defaultClass(lookup.list("storage.k8s.io", "v1", "storageclasses"))
        .ifPresent(name -> spec.put("storageClassName", name));
  }

  /** The default class's name among {@code classes}. */
  static Optional<String> defaultClass(List<ObjectNode> classes) {
    return classes.stream()
        .filter(StorageClassStrategy::isDefault)
        .min(
            Comparator.comparing(
                    (ObjectNode sc) -> Json.text(sc, "metadata", "creationTimestamp"),
                    Comparator.reverseOrder())
                .thenComparing(Meta::name))
        .map(Meta::name);
  }
}
