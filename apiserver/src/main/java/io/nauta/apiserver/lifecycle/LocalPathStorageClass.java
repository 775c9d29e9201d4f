package io.nauta.apiserver.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.resources.storage.StorageClassStrategy;
import io.nauta.apiserver.status.ApiException;
import io.nauta.store.RangeRequest;

/**
 * Creates the built-in StorageClass {@value #NAME} (provisioner {@value #PROVISIONER}: a directory
 * on the node a claim's first pod lands on, {@code WaitForFirstConsumer}, reclaim policy {@code
 * Delete}) if it is missing, as k3s ships its local-path class. It is the default class unless
 * another class already is.
 */
public final class LocalPathStorageClass {
  /** The class's name. */
  public static final String NAME = "local-path";

  /** The controller manager's built-in provisioner the class names. */
  public static final String PROVISIONER = "nauta.io/local-path";

  private LocalPathStorageClass() {}

  /** Idempotent: an existing class of that name is left as it is. */
  public static void ensure(Registry registry) {
    ResourceType rt =
        registry
            .catalog()
            .find("storage.k8s.io", "v1", "storageclasses")
            .orElseThrow(() -> new IllegalStateException("storageclasses are not served"));
    boolean otherDefault =
        registry.store().range(RangeRequest.prefix(rt.storagePrefix())).items().stream()
            .map(kv -> registry.decode(rt, kv))
            .anyMatch(StorageClassStrategy::isDefault);
    ObjectNode sc = Codec.JSON.createObjectNode();
    sc.put("apiVersion", "storage.k8s.io/v1");
    sc.put("kind", "StorageClass");
    ObjectNode meta = sc.putObject("metadata");
    meta.put("name", NAME);
    if (!otherDefault) {
      meta.putObject("annotations").put(StorageClassStrategy.IS_DEFAULT_CLASS, "true");
    }
    sc.put("provisioner", PROVISIONER);
    sc.put("reclaimPolicy", "Delete");
    sc.put("volumeBindingMode", "WaitForFirstConsumer");
    sc.put("allowVolumeExpansion", true); // a directory has no size to grow: the claim says it
    try {
      registry.create(rt, null, sc, WriteOptions.DEFAULT);
    } catch (ApiException e) {
      if (e.code() != 409) {
        throw e;
      }
    }
  }
}
