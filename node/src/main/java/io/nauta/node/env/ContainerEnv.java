package io.nauta.node.env;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.nauta.node.sources.PodSources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A container's environment, resolved as a kubelet does: the service variables ({@link
 * ServiceEnv}), then every {@code envFrom} source in order (keys prefixed; keys that are no valid
 * variable names skipped with a warning), then every {@code env} entry in order, a later definition
 * replacing an earlier one. Literal values have {@code $(VAR)} references to variables defined
 * before them expanded; values from {@code valueFrom} are taken as they are. A missing ConfigMap,
 * Secret or key that is not {@code optional} makes the container not creatable yet ({@link Failed},
 * with kubelet's message); an optional one leaves the variable out. Pure: objects come from {@link
 * PodSources}.
 */
public final class ContainerEnv {
  private ContainerEnv() {}

  /** The outcome of resolving a container's environment. */
  public sealed interface Result permits Resolved, Failed {}

  /** The environment in definition order, and warnings for the pod's events (e.g. skipped keys). */
  public record Resolved(Map<String, String> env, List<String> warnings) implements Result {
    public Resolved {
      env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
      warnings = List.copyOf(warnings);
    }
  }

  /** Why the container cannot be created now, e.g. {@code configmap "app" not found}. */
  public record Failed(String message) implements Result {}

  private static final class Missing extends RuntimeException {
    Missing(String message) {
      super(message, null, false, false);
    }
  }

  /** Resolves the environment of {@code container} of {@code facts.pod()}. */
  public static Result resolve(Container container, PodFacts facts, PodSources sources) {
    String namespace = facts.pod().getMetadata().getNamespace();
    Lookups lookups = new Lookups(sources, namespace);
    // service variables first: the container's own definitions replace them, and $(VAR)
    // references may use them
    var own = sources.services(namespace);
    Map<String, String> env =
        new LinkedHashMap<>(
            ServiceEnv.of(
                facts.pod(),
                own,
                namespace.equals(ServiceEnv.MASTER_NAMESPACE)
                    ? own
                    : sources.services(ServiceEnv.MASTER_NAMESPACE)));
    List<String> warnings = new ArrayList<>();
    try {
      for (EnvFromSource from : orEmpty(container.getEnvFrom())) {
        envFrom(from, lookups, namespace, env, warnings);
      }
      for (EnvVar var : orEmpty(container.getEnv())) {
        String value = var.getValue();
        if (value != null && !value.isEmpty()) {
          env.put(var.getName(), Expansion.expand(value, env::get));
        } else if (var.getValueFrom() != null) {
          Optional<String> from = valueFrom(var.getValueFrom(), container, facts, lookups);
          from.ifPresent(v -> env.put(var.getName(), v));
        } else {
          env.put(var.getName(), "");
        }
      }
    } catch (Missing | ResourceFields.Unsupported e) {
      return new Failed(e.getMessage());
    }
    return new Resolved(env, warnings);
  }

  /** Each of {@code values} with {@code $(VAR)} references to {@code env} expanded. */
  public static List<String> expand(List<String> values, Map<String, String> env) {
    List<String> out = new ArrayList<>(values == null ? 0 : values.size());
    for (String v : orEmpty(values)) {
      out.add(Expansion.expand(v, env));
    }
    return out;
  }

  /** Whether {@code name} may be an environment variable: printable ASCII but '=', not empty. */
  static boolean validName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch < 0x20 || ch > 0x7e || ch == '=') {
        return false;
      }
    }
    return true;
  }

  private static void envFrom(
      EnvFromSource from,
      Lookups lookups,
      String namespace,
      Map<String, String> env,
      List<String> warnings) {
    String prefix = from.getPrefix() == null ? "" : from.getPrefix();
    Map<String, String> values;
    String kind;
    String name;
    if (from.getConfigMapRef() != null) {
      kind = "configMap";
      name = from.getConfigMapRef().getName();
      Optional<ConfigMap> cm = lookups.configMap(name, from.getConfigMapRef().getOptional());
      if (cm.isEmpty()) {
        return;
      }
      values = cm.get().getData() == null ? Map.of() : cm.get().getData();
    } else if (from.getSecretRef() != null) {
      kind = "secret";
      name = from.getSecretRef().getName();
      Optional<Secret> secret = lookups.secret(name, from.getSecretRef().getOptional());
      if (secret.isEmpty()) {
        return;
      }
      values = new HashMap<>();
      PodSources.secretData(secret.get())
          .forEach((k, v) -> values.put(k, new String(v, StandardCharsets.UTF_8)));
    } else {
      return;
    }
    List<String> invalid = new ArrayList<>();
    new TreeMap<>(values)
        .forEach(
            (k, v) -> {
              String key = prefix + k;
              if (validName(key)) {
                env.put(key, v == null ? "" : v);
              } else {
                invalid.add(key);
              }
            });
    if (!invalid.isEmpty()) {
      warnings.add(
          "Keys ["
              + String.join(", ", invalid)
              + "] from the EnvFrom "
              + kind
              + " "
              + namespace
              + "/"
              + name
              + " were skipped since they are considered invalid environment variable names.");
    }
  }

  /** A {@code valueFrom}'s value; empty when an optional source or key is missing. */
  private static Optional<String> valueFrom(
      EnvVarSource from, Container container, PodFacts facts, Lookups lookups) {
    String namespace = facts.pod().getMetadata().getNamespace();
    if (from.getFieldRef() != null) {
      String path = from.getFieldRef().getFieldPath();
      return Optional.of(
          DownwardFields.value(facts, path)
              .orElseThrow(() -> new Missing("unsupported fieldPath: " + path)));
    }
    if (from.getResourceFieldRef() != null) {
      var selector = from.getResourceFieldRef();
      Container target = container;
      if (selector.getContainerName() != null && !selector.getContainerName().isEmpty()) {
        target =
            PodContainers.named(facts.pod(), selector.getContainerName())
                .orElseThrow(
                    () -> new Missing("container " + selector.getContainerName() + " not found"));
      }
      return Optional.of(ResourceFields.value(selector, target, facts.allocatable()));
    }
    if (from.getConfigMapKeyRef() != null) {
      var ref = from.getConfigMapKeyRef();
      Optional<ConfigMap> cm = lookups.configMap(ref.getName(), ref.getOptional());
      if (cm.isEmpty()) {
        return Optional.empty();
      }
      String value = cm.get().getData() == null ? null : cm.get().getData().get(ref.getKey());
      if (value == null) {
        if (Boolean.TRUE.equals(ref.getOptional())) {
          return Optional.empty();
        }
        throw new Missing(
            "couldn't find key "
                + ref.getKey()
                + " in ConfigMap "
                + namespace
                + "/"
                + ref.getName());
      }
      return Optional.of(value);
    }
    if (from.getSecretKeyRef() != null) {
      var ref = from.getSecretKeyRef();
      Optional<Secret> secret = lookups.secret(ref.getName(), ref.getOptional());
      if (secret.isEmpty()) {
        return Optional.empty();
      }
      byte[] value = PodSources.secretData(secret.get()).get(ref.getKey());
      if (value == null) {
        if (Boolean.TRUE.equals(ref.getOptional())) {
          return Optional.empty();
        }
        throw new Missing(
            "couldn't find key " + ref.getKey() + " in Secret " + namespace + "/" + ref.getName());
      }
      return Optional.of(new String(value, StandardCharsets.UTF_8));
    }
    return Optional.of("");
  }

  /** ConfigMap and Secret lookups of one namespace; a missing one that is not optional throws. */
  private record Lookups(PodSources sources, String namespace) {
    Optional<ConfigMap> configMap(String name, Boolean optional) {
      Optional<ConfigMap> cm = sources.configMap(namespace, name);
      if (cm.isEmpty() && !Boolean.TRUE.equals(optional)) {
        throw new Missing("configmap \"" + name + "\" not found");
      }
      return cm;
    }

    Optional<Secret> secret(String name, Boolean optional) {
      Optional<Secret> secret = sources.secret(namespace, name);
      if (secret.isEmpty() && !Boolean.TRUE.equals(optional)) {
        throw new Missing("secret \"" + name + "\" not found");
      }
      return secret;
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
