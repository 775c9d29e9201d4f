package io.nauta.node.volumes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.nauta.node.env.DownwardFields;
import io.nauta.node.env.PodContainers;
import io.nauta.node.env.PodFacts;
import io.nauta.node.env.ResourceFields;
import io.nauta.node.sources.PodSources;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of an API-data volume, computed as kubelets do: every key of a ConfigMap or Secret
 * (ConfigMap {@code binaryData} too) under its own name with {@code defaultMode} (0644 unless set),
 * or only the listed {@code items} at their paths with their modes; a missing object or key fails
 * the volume unless {@code optional} (then it is left out); downward API items hold one field or
 * resource value each; projected volumes merge their sources. Pure.
 */
final class Projections {
  static final int DEFAULT_MODE = 0644;

  private Projections() {}

  /** Why a volume's files cannot be made, e.g. {@code configmap "app" not found}. */
  static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message, null, false, false);
    }
  }

  static Map<String, FileProjection> configMap(
      ConfigMapVolumeSource source, PodFacts facts, PodSources sources) {
    return configMap(
        source.getName(),
        source.getItems(),
        source.getOptional(),
        mode(source.getDefaultMode()),
        facts,
        sources);
  }

  static Map<String, FileProjection> secret(
      SecretVolumeSource source, PodFacts facts, PodSources sources) {
    return secret(
        source.getSecretName(),
        source.getItems(),
        source.getOptional(),
        mode(source.getDefaultMode()),
        facts,
        sources);
  }

  static Map<String, FileProjection> downwardApi(
      List<DownwardAPIVolumeFile> items, int defaultMode, PodFacts facts) {
    Map<String, FileProjection> out = new LinkedHashMap<>();
    for (DownwardAPIVolumeFile item : items == null ? List.<DownwardAPIVolumeFile>of() : items) {
      String value;
      if (item.getFieldRef() != null) {
        String path = item.getFieldRef().getFieldPath();
        value =
            DownwardFields.value(facts, path)
                .orElseThrow(() -> new Failed("unsupported fieldPath: " + path));
      } else if (item.getResourceFieldRef() != null) {
        var selector = item.getResourceFieldRef();
        String name = selector.getContainerName() == null ? "" : selector.getContainerName();
        var container =
            PodContainers.named(facts.pod(), name)
                .orElseThrow(() -> new Failed("container " + name + " not found"));
        try {
          value = ResourceFields.value(selector, container, facts.allocatable());
        } catch (ResourceFields.Unsupported e) {
          throw new Failed(e.getMessage());
        }
      } else {
        continue;
      }
      out.put(
          item.getPath(),
          new FileProjection(
              value.getBytes(StandardCharsets.UTF_8),
              item.getMode() != null ? item.getMode() : defaultMode));
    }
    return out;
  }

  static Map<String, FileProjection> projected(
      ProjectedVolumeSource source, PodFacts facts, PodSources sources) {
    int defaultMode = mode(source.getDefaultMode());
    Map<String, FileProjection> out = new LinkedHashMap<>();
    for (VolumeProjection p :
        source.getSources() == null ? List.<VolumeProjection>of() : source.getSources()) {
      if (p.getConfigMap() != null) {
        ConfigMapProjection cm = p.getConfigMap();
        out.putAll(
            configMap(cm.getName(), cm.getItems(), cm.getOptional(), defaultMode, facts, sources));
      } else if (p.getSecret() != null) {
        SecretProjection s = p.getSecret();
        out.putAll(secret(s.getName(), s.getItems(), s.getOptional(), defaultMode, facts, sources));
      } else if (p.getDownwardAPI() != null) {
        out.putAll(downwardApi(p.getDownwardAPI().getItems(), defaultMode, facts));
      }
      // serviceAccountToken and clusterTrustBundle sources are not written yet
    }
    return out;
  }

  static int mode(Integer defaultMode) {
    return defaultMode == null ? DEFAULT_MODE : defaultMode;
  }

  private static Map<String, FileProjection> configMap(
      String name,
      List<KeyToPath> items,
      Boolean optional,
      int defaultMode,
      PodFacts facts,
      PodSources sources) {
    Optional<ConfigMap> cm = sources.configMap(namespace(facts), name);
    if (cm.isEmpty() && !Boolean.TRUE.equals(optional)) {
      throw new Failed("configmap \"" + name + "\" not found");
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    cm.ifPresent(
        c -> {
          if (c.getData() != null) {
            c.getData()
                .forEach(
                    (k, v) -> data.put(k, (v == null ? "" : v).getBytes(StandardCharsets.UTF_8)));
          }
          data.putAll(PodSources.binaryData(c));
        });
    return files(
        data, items, optional, defaultMode, "configmap references non-existent config key: ");
  }

  private static Map<String, FileProjection> secret(
      String name,
      List<KeyToPath> items,
      Boolean optional,
      int defaultMode,
      PodFacts facts,
      PodSources sources) {
    Optional<Secret> secret = sources.secret(namespace(facts), name);
    if (secret.isEmpty() && !Boolean.TRUE.equals(optional)) {
      throw new Failed("secret \"" + name + "\" not found");
    }
    Map<String, byte[]> data = secret.map(PodSources::secretData).orElse(Map.of());
    return files(data, items, optional, defaultMode, "references non-existent secret key: ");
  }

  private static Map<String, FileProjection> files(
      Map<String, byte[]> data,
      List<KeyToPath> items,
      Boolean optional,
      int defaultMode,
      String missingKey) {
    Map<String, FileProjection> out = new LinkedHashMap<>();
    if (items == null || items.isEmpty()) {
      data.forEach((k, v) -> out.put(k, new FileProjection(v, defaultMode)));
      return out;
    }
    for (KeyToPath item : items) {
      byte[] value = data.get(item.getKey());
      if (value == null) {
        if (Boolean.TRUE.equals(optional)) {
          continue;
        }
        throw new Failed(missingKey + item.getKey());
      }
      out.put(
          item.getPath(),
          new FileProjection(value, item.getMode() != null ? item.getMode() : defaultMode));
    }
    return out;
  }

  private static String namespace(PodFacts facts) {
    return facts.pod().getMetadata().getNamespace();
  }
}
