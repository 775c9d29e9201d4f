package io.nauta.node.sources;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.nauta.api.quantity.Quantity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API objects a pod's environment and volumes are made from. Implementations are thread-safe;
 * an empty answer means the object does not exist (as far as the agent knows now).
 */
public interface PodSources {
  /** The ConfigMap {@code namespace/name}, or empty when it does not exist. */
  Optional<ConfigMap> configMap(String namespace, String name);

  /** The Secret {@code namespace/name}, or empty when it does not exist. */
  Optional<Secret> secret(String namespace, String name);

  /**
   * The PersistentVolumeClaim {@code namespace/name} as the API server has it now, or empty when it
   * does not exist.
   *
   * @throws RuntimeException when the API server cannot be asked (the caller retries)
   */
  Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name);

  /**
   * The PersistentVolume {@code name} as the API server has it now, or empty when it does not
   * exist.
   *
   * @throws RuntimeException when the API server cannot be asked (the caller retries)
   */
  Optional<PersistentVolume> persistentVolume(String name);

  /** The Services of {@code namespace} (for the containers' service variables); none by default. */
  default java.util.List<io.fabric8.kubernetes.api.model.Service> services(String namespace) {
    return java.util.List.of();
  }

  /**
   * This node's allocatable resources by name ({@code cpu}, {@code memory}, {@code
   * ephemeral-storage}); empty while unknown.
   */
  Map<String, Quantity> allocatable();

  /**
   * A Secret's values decoded: {@code data} (base64) with {@code stringData} on top, as the API
   * server would have merged them.
   */
  static Map<String, byte[]> secretData(Secret secret) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> out.put(k, decode(v)));
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** A ConfigMap's {@code binaryData} decoded. */
  static Map<String, byte[]> binaryData(ConfigMap configMap) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    if (configMap.getBinaryData() != null) {
      configMap.getBinaryData().forEach((k, v) -> out.put(k, decode(v)));
    }
    return out;
  }

  private static byte[] decode(String base64) {
    return base64 == null ? new byte[0] : Base64.getMimeDecoder().decode(base64);
  }

  /** A fabric8 quantity as Nauta's exact one. */
  static Quantity quantity(io.fabric8.kubernetes.api.model.Quantity q) {
    return Quantity.parse(q.getAmount() + (q.getFormat() == null ? "" : q.getFormat()));
  }
}
