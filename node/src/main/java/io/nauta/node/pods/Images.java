package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.client.events.EventRecorder;
import io.nauta.cri.CriClient;
import io.nauta.cri.CriException;
import io.nauta.cri.v1.PodSandboxConfig;

/**
 * Pulls a container's image as its {@code imagePullPolicy} says: {@code Always} pulls every time,
 * {@code IfNotPresent} only when the runtime lacks it, {@code Never} never (missing is an error);
 * with no policy, images tagged {@code :latest} or untagged are pulled always, others if absent.
 */
final class Images {
  private Images() {}

  /** The registry host of an image reference, e.g. {@code 127.0.0.1:5000}, or null (Docker Hub). */
  static String registry(String image) {
    int slash = image.indexOf('/');
    if (slash < 0) {
      return null;
    }
    String first = image.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : null;
  }

  /** Whether a registry host is on this machine's loopback (reached over plain HTTP). */
  static boolean loopback(String registry) {
    if (registry == null) {
      return false;
    }
    String host =
        registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  static void ensure(
      CriClient cri,
      EventRecorder events,
      Pod pod,
      Container c,
      PodSandboxConfig sandbox,
      java.util.function.Consumer<String> plainHttp) {
    String image = c.getImage();
    if (loopback(registry(image))) {
      plainHttp.accept(registry(image)); // as Docker does: loopback registries need no TLS
    }
    String policy = c.getImagePullPolicy() != null ? c.getImagePullPolicy() : defaultPolicy(image);
    boolean present = cri.imageStatus(image).isPresent();
    if (policy.equals("Never")) {
      if (!present) {
        events.warning(
            pod,
            "ErrImageNeverPull",
            "Container image \"" + image + "\" is not present with pull policy of Never");
        throw new CriException(
            io.grpc.Status.Code.NOT_FOUND, "PullImage", image, "image not present, policy Never");
      }
      return;
    }
    if (present && policy.equals("IfNotPresent")) {
      events.normal(pod, "Pulled", "Container image \"" + image + "\" already present on machine");
      return;
    }
    events.normal(pod, "Pulling", "Pulling image \"" + image + "\"");
    long t0 = System.nanoTime();
    try {
      cri.pullImage(image, null, sandbox);
    } catch (CriException e) {
      events.warning(pod, "Failed", "Failed to pull image \"" + image + "\": " + e.getMessage());
      throw e;
    }
    events.normal(
        pod,
        "Pulled",
        "Successfully pulled image \""
            + image
            + "\" in "
            + (System.nanoTime() - t0) / 1_000_000
            + "ms");
  }

  /** Kubernetes' default: Always for {@code :latest} or no tag, IfNotPresent otherwise. */
  static String defaultPolicy(String image) {
    String last = image.substring(image.lastIndexOf('/') + 1);
    if (last.contains("@")) {
      return "IfNotPresent";
    }
    int colon = last.lastIndexOf(':');
    return colon < 0 || last.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
  }
}
