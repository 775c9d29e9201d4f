package io.nauta.apiserver.codec.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admission;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Events;
import io.kubernetes.client.proto.V1Flowcontrol;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Node;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Resource;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V1alpha1Apiserverinternal;
import io.kubernetes.client.proto.V1alpha1Imagepolicy;
import io.kubernetes.client.proto.V1alpha1Rbac;
import io.kubernetes.client.proto.V1alpha1Scheduling;
import io.kubernetes.client.proto.V1beta1Admission;
import io.kubernetes.client.proto.V1beta1Admissionregistration;
import io.kubernetes.client.proto.V1beta1Apiextensions;
import io.kubernetes.client.proto.V1beta1Apps;
import io.kubernetes.client.proto.V1beta1Authentication;
import io.kubernetes.client.proto.V1beta1Authorization;
import io.kubernetes.client.proto.V1beta1Batch;
import io.kubernetes.client.proto.V1beta1Certificates;
import io.kubernetes.client.proto.V1beta1Extensions;
import io.kubernetes.client.proto.V1beta1Policy;
import io.kubernetes.client.proto.V1beta1Rbac;
import io.kubernetes.client.proto.V1beta1Storage;
import io.kubernetes.client.proto.V1beta1Storagemigration;
import io.kubernetes.client.proto.V1beta2Apps;
import io.kubernetes.client.proto.V2Apidiscovery;
import io.kubernetes.client.proto.V2Autoscaling;
import io.kubernetes.client.proto.V2beta1Apidiscovery;
import io.kubernetes.client.proto.V2beta1Autoscaling;
import io.kubernetes.client.proto.V2beta2Autoscaling;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps an apiVersion and kind to the protobuf message of that kind. Immutable once built, so
 * thread-safe.
 *
 * <p>Built from the descriptors of the generated files: a file's proto package ({@code
 * k8s.io.api.apps.v1}) names the group and version, and a kind is a top-level message with a {@code
 * metadata} field of type ObjectMeta or ListMeta (what Kubernetes registers in its scheme; nested
 * structs such as PodSpec have none). The option kinds of meta/v1 (DeleteOptions and its siblings)
 * are, as in Kubernetes, accepted under every apiVersion.
 */
public final class KindRegistry {
  private static final String META_PACKAGE = "k8s.io.apimachinery.pkg.apis.meta.v1";
  private static final String OBJECT_META = META_PACKAGE + ".ObjectMeta";
  private static final String LIST_META = META_PACKAGE + ".ListMeta";

  /** Kinds that Kubernetes registers into every group version (metav1.AddToGroupVersion). */
  private static final Set<String> OPTION_KINDS =
      Set.of(
          "CreateOptions",
          "DeleteOptions",
          "GetOptions",
          "ListOptions",
          "PatchOptions",
          "UpdateOptions");

  /** API group names that are not the proto package's group segment plus ".k8s.io". */
  private static final Map<String, String> GROUPS =
      Map.of(
          "core", "",
          "apps", "apps",
          "batch", "batch",
          "autoscaling", "autoscaling",
          "policy", "policy",
          "extensions", "extensions",
          "rbac", "rbac.authorization.k8s.io",
          "flowcontrol", "flowcontrol.apiserver.k8s.io",
          "apiserverinternal", "internal.apiserver.k8s.io");

  private final Map<String, Map<String, Descriptor>> byApiVersion;
  private final Map<String, Descriptor> everywhere;

  private KindRegistry(List<FileDescriptor> files) {
    Map<String, Map<String, Descriptor>> kinds = new HashMap<>();
    Map<String, Descriptor> options = new HashMap<>();
    for (FileDescriptor file : files) {
      String apiVersion = apiVersion(file.getPackage());
      for (Descriptor message : file.getMessageTypes()) {
        boolean option = file.getPackage().equals(META_PACKAGE) && isOption(message);
        if (option) {
          options.put(message.getName(), message);
        }
        if (option || hasObjectOrListMeta(message)) {
          kinds.computeIfAbsent(apiVersion, v -> new HashMap<>()).put(message.getName(), message);
        }
      }
    }
    kinds.replaceAll((v, m) -> Map.copyOf(m));
    this.byApiVersion = Map.copyOf(kinds);
    this.everywhere = Map.copyOf(options);
  }

  /** The registry of every built-in group version that has a protobuf form. */
  public static KindRegistry builtIn() {
    return Holder.BUILT_IN;
  }

  /** The message of {@code kind} in {@code apiVersion}, if registered. */
  public Optional<Descriptor> find(String apiVersion, String kind) {
    Descriptor d = byApiVersion.getOrDefault(apiVersion, Map.of()).get(kind);
    return Optional.ofNullable(d != null ? d : everywhere.get(kind));
  }

  /** True if {@code apiVersion} is a built-in group version with protobuf messages. */
  boolean serves(String apiVersion) {
    return byApiVersion.containsKey(apiVersion);
  }

  /** Every registered apiVersion, sorted. */
  Set<String> apiVersions() {
    return new TreeSet<>(byApiVersion.keySet());
  }

  /** The kinds registered under {@code apiVersion} (option kinds only where declared). */
  Set<String> kinds(String apiVersion) {
    return new TreeSet<>(byApiVersion.getOrDefault(apiVersion, Map.of()).keySet());
  }

  /**
   * The Kubernetes apiVersion of a proto package: {@code k8s.io.api.<group>.<version>}, {@code
   * k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.<version>} or the meta package.
   */
  static String apiVersion(String protoPackage) {
    String[] parts = protoPackage.split("\\.");
    String version = parts[parts.length - 1];
    String segment = parts.length > 1 ? parts[parts.length - 2] : "";
    String group =
        protoPackage.equals(META_PACKAGE)
            ? "meta.k8s.io"
            : GROUPS.getOrDefault(segment, segment + ".k8s.io");
    return group.isEmpty() ? version : group + "/" + version;
  }

  private static boolean isOption(Descriptor message) {
    return OPTION_KINDS.contains(message.getName());
  }

  /**
   * True if {@code message} is the message of a kind or list: it has a {@code metadata} field of
   * type ObjectMeta or ListMeta.
   */
  public static boolean hasObjectOrListMeta(Descriptor message) {
    FieldDescriptor metadata = message.findFieldByName("metadata");
    if (metadata == null || metadata.getType() != FieldDescriptor.Type.MESSAGE) {
      return false;
    }
    String type = metadata.getMessageType().getFullName();
    return type.equals(OBJECT_META) || type.equals(LIST_META);
  }

  /** Loads the (large) generated descriptors only when the first protobuf body arrives. */
  private static final class Holder {
    static final KindRegistry BUILT_IN =
        new KindRegistry(
            List.of(
                Meta.getDescriptor(),
                V1.getDescriptor(),
                V1Admission.getDescriptor(),
                V1Admissionregistration.getDescriptor(),
                V1Apiextensions.getDescriptor(),
                V1Apps.getDescriptor(),
                V1Authentication.getDescriptor(),
                V1Authorization.getDescriptor(),
                V1Autoscaling.getDescriptor(),
                V1Batch.getDescriptor(),
                V1Certificates.getDescriptor(),
                V1Coordination.getDescriptor(),
                V1Discovery.getDescriptor(),
                V1Events.getDescriptor(),
                V1Flowcontrol.getDescriptor(),
                V1Networking.getDescriptor(),
                V1Node.getDescriptor(),
                V1Policy.getDescriptor(),
                V1Rbac.getDescriptor(),
                V1Resource.getDescriptor(),
                V1Scheduling.getDescriptor(),
                V1Storage.getDescriptor(),
                V1alpha1Apiserverinternal.getDescriptor(),
                V1alpha1Imagepolicy.getDescriptor(),
                V1alpha1Rbac.getDescriptor(),
                V1alpha1Scheduling.getDescriptor(),
                V1beta1Admission.getDescriptor(),
                V1beta1Admissionregistration.getDescriptor(),
                V1beta1Apiextensions.getDescriptor(),
                V1beta1Apps.getDescriptor(),
                V1beta1Authentication.getDescriptor(),
                V1beta1Authorization.getDescriptor(),
                V1beta1Batch.getDescriptor(),
                V1beta1Certificates.getDescriptor(),
                V1beta1Extensions.getDescriptor(),
                V1beta1Policy.getDescriptor(),
                V1beta1Rbac.getDescriptor(),
                V1beta1Storage.getDescriptor(),
                V1beta1Storagemigration.getDescriptor(),
                V1beta2Apps.getDescriptor(),
                V2Apidiscovery.getDescriptor(),
                V2Autoscaling.getDescriptor(),
                V2beta1Apidiscovery.getDescriptor(),
                V2beta1Autoscaling.getDescriptor(),
                V2beta2Autoscaling.getDescriptor()));

    private Holder() {}
  }
}
