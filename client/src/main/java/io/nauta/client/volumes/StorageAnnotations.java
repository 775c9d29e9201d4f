package io.nauta.client.volumes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.Map;

/** The annotations the volume controllers and provisioners agree on, named as in Kubernetes. */
public final class StorageAnnotations {
  /** On a claim: the controller finished binding it (value {@code yes}). */
  public static final String BIND_COMPLETED = "pv.kubernetes.io/bind-completed";

  /** On a claim or volume: the controller, not the user, made the binding (value {@code yes}). */
  public static final String BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";

  /** On a volume: the provisioner that made it. */
  public static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";

  /** On a claim: the provisioner asked to make its volume. */
  public static final String STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";

  /** The older form of {@link #STORAGE_PROVISIONER}, still set for older provisioners. */
  public static final String BETA_STORAGE_PROVISIONER =
      "volume.beta.kubernetes.io/storage-provisioner";

  /** On a claim of a WaitForFirstConsumer class: the node its first pod was scheduled to. */
  public static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";

  /** The older way of naming a claim's or volume's class, which wins over the spec field. */
  public static final String BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";

  /**
   * The built-in provisioner ({@code pv.kubernetes.io/provisioned-by} of its volumes): the volume
   * controller deletes its released Delete-policy volumes itself, and their node removes the
   * directory before the object goes.
   */
  public static final String LOCAL_PATH_PROVISIONER = "nauta.io/local-path";

  /**
   * On a Node: the directory under which its agent keeps local-path volumes. A node without it
   * cannot host one (its agent does not run the local-path storage, e.g. a simulated node).
   */
  public static final String LOCAL_PATH_NODE_DIRECTORY = "nauta.io/local-path-dir";

  /** On a local-path volume: the node its directory is on. */
  public static final String LOCAL_PATH_VOLUME_NODE = "nauta.io/local-path-node";

  /** Held on a local-path volume until its node has removed the volume's directory. */
  public static final String LOCAL_PATH_CLEANUP_FINALIZER = "nauta.io/local-path-cleanup";

  private StorageAnnotations() {}

  /** The annotation's value, or null. */
  public static String get(HasMetadata o, String key) {
    Map<String, String> a = o.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  /** Whether the annotation is present. */
  public static boolean has(HasMetadata o, String key) {
    Map<String, String> a = o.getMetadata().getAnnotations();
    return a != null && a.containsKey(key);
  }

  /** Sets the annotation, creating the map if needed. */
  public static void put(HasMetadata o, String key, String value) {
    if (o.getMetadata().getAnnotations() == null) {
      o.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
    }
    o.getMetadata().getAnnotations().put(key, value);
  }

  /** The claim's class: the beta annotation, else {@code spec.storageClassName}, else "". */
  public static String claimClass(PersistentVolumeClaim claim) {
    String beta = get(claim, BETA_STORAGE_CLASS);
    if (beta != null) {
      return beta;
    }
    String c = claim.getSpec() == null ? null : claim.getSpec().getStorageClassName();
    return c == null ? "" : c;
  }

  /** The volume's class: the beta annotation, else {@code spec.storageClassName}, else "". */
  public static String volumeClass(PersistentVolume volume) {
    String beta = get(volume, BETA_STORAGE_CLASS);
    if (beta != null) {
      return beta;
    }
    String c = volume.getSpec() == null ? null : volume.getSpec().getStorageClassName();
    return c == null ? "" : c;
  }
}
