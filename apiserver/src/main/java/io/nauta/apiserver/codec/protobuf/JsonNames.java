package io.nauta.apiserver.codec.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the JSON form of a Kubernetes type differs from its protobuf field names. Stateless.
 *
 * <p>The generated proto field names are the Go structs' JSON names, except for two cases, both
 * listed here by message and field (the same in every version of a group). An embedded Go struct
 * tagged {@code json:",inline"} is a nested message in protobuf whose fields JSON lifts into the
 * parent (Volume's {@code volumeSource}, the {@code localObjectReference} of key selectors and
 * projections, ...). And where a JSON name is not a proto identifier ({@code $ref}, {@code
 * x-kubernetes-*}) or the generator took the Go field name ({@code Webhooks}, {@code uID}), the
 * proto name must be mapped back. Every GA message was checked against the JSON names of the
 * Kubernetes OpenAPI models; the tests hold the cases.
 */
public final class JsonNames {
  private static final String JSON_SCHEMA_PROPS = "JSONSchemaProps";

  /** {@code Message.field} of fields that Go embeds with {@code json:",inline"}. */
  private static final Set<String> INLINE =
      Set.of(
          "ConfigMapEnvSource.localObjectReference",
          "ConfigMapKeySelector.localObjectReference",
          "ConfigMapProjection.localObjectReference",
          "ConfigMapVolumeSource.localObjectReference",
          "SecretEnvSource.localObjectReference",
          "SecretKeySelector.localObjectReference",
          "SecretProjection.localObjectReference",
          "EphemeralContainer.ephemeralContainerCommon",
          "PersistentVolumeSpec.persistentVolumeSource",
          "Probe.handler",
          "Volume.volumeSource",
          "IngressRule.ingressRuleValue",
          "NamedRuleWithOperations.ruleWithOperations",
          "RuleWithOperations.rule",
          "DeviceAllocationConfiguration.deviceConfiguration",
          "DeviceClaimConfiguration.deviceConfiguration",
          "DeviceClassConfiguration.deviceConfiguration");

  /** {@code Message.field} of fields whose proto name is not the JSON name. */
  private static final Map<String, String> RENAMED =
      Map.of(
          "MutatingWebhookConfiguration.Webhooks",
          "webhooks",
          "ValidatingWebhookConfiguration.Webhooks",
          "webhooks",
          "Validation.Expression",
          "expression",
          "Variable.Expression",
          "expression",
          "Variable.Name",
          "name",
          "BoundObjectReference.uID",
          "uid",
          "IngressClassParametersReference.aPIGroup",
          "apiGroup",
          JSON_SCHEMA_PROPS + ".ref",
          "$ref",
          JSON_SCHEMA_PROPS + ".schema",
          "$schema");

  private JsonNames() {}

  /** True if the fields of {@code field}'s message belong directly to the containing object. */
  public static boolean isInline(FieldDescriptor field) {
    return field.getType() == FieldDescriptor.Type.MESSAGE
        && !field.isRepeated()
        && INLINE.contains(key(field));
  }

  /** The JSON member name of {@code field}. */
  public static String of(FieldDescriptor field) {
    String renamed = RENAMED.get(key(field));
    if (renamed != null) {
      return renamed;
    }
    if (field.getContainingType().getName().equals(JSON_SCHEMA_PROPS)
        && field.getName().startsWith("xKubernetes")) {
      return kebab(field.getName());
    }
    return field.getName();
  }

  private static String key(FieldDescriptor field) {
    return field.getContainingType().getName() + "." + field.getName();
  }

  /** {@code xKubernetesListMapKeys} to {@code x-kubernetes-list-map-keys}. */
  private static String kebab(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        out.append('-').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
