package io.nauta.node.images;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.nauta.client.events.EventRecorder;
import io.nauta.cri.CriClient;
import io.nauta.cri.CriException;
import io.nauta.cri.v1.AuthConfig;
import io.nauta.cri.v1.Image;
import io.nauta.cri.v1.PodSandboxConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Makes a container's image present before the container is created, by its {@code imagePullPolicy}
 * ({@code Always}, {@code IfNotPresent}, {@code Never}; by default Always for {@code :latest} or
 * untagged images): pulls with each matching credential of the pod's {@code imagePullSecrets} until
 * one works (anonymously when none match), and holds back further pulls of an image that failed
 * ({@link PullBackoff}). Records the events a kubelet records (Pulling, Pulled, Failed, BackOff,
 * ErrImageNeverPull). One per pod worker; not thread-safe.
 */
public final class ImagePuller {
  /** The outcome of {@link #ensure}. */
  public sealed interface Result {}

  /** The image is present; {@code image} is the runtime's record of it (its user, id). */
  public record Ready(Image image) implements Result {}

  /**
   * The container must wait: {@code reason} is ErrImagePull, ImagePullBackOff or ErrImageNeverPull.
   */
  public record Waiting(String reason, String message) implements Result {}

  private final CriClient cri;
  private final EventRecorder events;
  private final BiFunction<String, String, Secret> secrets;
  private final Registries registries;
  private final PullBackoff backoff;
  private final Set<String> backoffReported = new HashSet<>();
  private final java.util.Map<String, String> lastError = new java.util.HashMap<>();

  /**
   * @param secrets the Secret of a namespace by name, or null when absent
   * @param registries prepared for each registry host about to be pulled from (loopback ones are
   *     reached over plain HTTP, as Docker does), and asked for node credentials
   */
  public ImagePuller(
      CriClient cri,
      EventRecorder events,
      Clock clock,
      BiFunction<String, String, Secret> secrets,
      Registries registries) {
    this.cri = cri;
    this.events = events;
    this.secrets = secrets;
    this.registries = registries;
    this.backoff = new PullBackoff(clock);
  }

  /** Makes the image of {@code c} present if its policy allows; never throws for a failed pull. */
  public Result ensure(Pod pod, Container c, PodSandboxConfig sandbox) {
    String image = c.getImage();
    String registry = ImageRefs.registry(image);
    registries.preparePull(registry);
    String policy =
        c.getImagePullPolicy() != null ? c.getImagePullPolicy() : ImageRefs.defaultPolicy(image);
    var present = cri.imageStatus(image);
    if (policy.equals("Never")) {
      if (present.isPresent()) {
        return new Ready(present.get());
      }
      String message = "Container image \"" + image + "\" is not present with pull policy of Never";
      events.warning(pod, "ErrImageNeverPull", message);
      return new Waiting("ErrImageNeverPull", message);
    }
    if (present.isPresent() && policy.equals("IfNotPresent")) {
      events.normal(pod, "Pulled", "Container image \"" + image + "\" already present on machine");
      return new Ready(present.get());
    }
    String key = pod.getMetadata().getUid() + "/" + image;
    if (backoff.inBackoff(key)) {
      String message = "Back-off pulling image \"" + image + "\"";
      if (backoffReported.add(key)) {
        events.normal(pod, "BackOff", message);
        events.warning(pod, "Failed", "Error: ImagePullBackOff");
      }
      String cause = lastError.get(key);
      return new Waiting("ImagePullBackOff", cause == null ? message : message + ": " + cause);
    }
    events.normal(pod, "Pulling", "Pulling image \"" + image + "\"");
    long t0 = System.nanoTime();
    try {
      pull(pod, image, sandbox);
    } catch (CriException e) {
      backoff.failed(key);
      backoffReported.remove(key);
      String message = "Failed to pull image \"" + image + "\": " + e.getMessage();
      lastError.put(key, "ErrImagePull: " + e.getMessage());
      events.warning(pod, "Failed", message);
      events.warning(pod, "Failed", "Error: ErrImagePull");
      return new Waiting("ErrImagePull", message);
    }
    backoff.succeeded(key);
    lastError.remove(key);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    events.normal(pod, "Pulled", "Successfully pulled image \"" + image + "\" in " + ms + "ms");
    return cri.imageStatus(image)
        .<Result>map(Ready::new)
        .orElseGet(() -> new Waiting("ErrImagePull", "image " + image + " vanished after pull"));
  }

  /** Pulls with each matching credential until one works; the last failure if none does. */
  private void pull(Pod pod, String image, PodSandboxConfig sandbox) {
    List<AuthConfig> auths = new ArrayList<>(PullSecrets.forImage(image, pullSecrets(pod)));
    auths.addAll(registries.credentials(image));
    if (auths.isEmpty()) {
      cri.pullImage(image, null, sandbox);
      return;
    }
    CriException last = null;
    for (AuthConfig auth : auths) {
      try {
        cri.pullImage(image, auth, sandbox);
        return;
      } catch (CriException e) {
        last = e;
      }
    }
    throw last;
  }

  private List<Secret> pullSecrets(Pod pod) {
    List<Secret> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (LocalObjectReference ref : pod.getSpec().getImagePullSecrets()) {
      if (ref.getName() == null || ref.getName().isEmpty()) {
        continue;
      }
      Secret s = secrets.apply(pod.getMetadata().getNamespace(), ref.getName());
      if (s == null) {
        missing.add(ref.getName());
      } else {
        found.add(s);
      }
    }
    if (!missing.isEmpty()) {
      events.warning(
          pod,
          "FailedToRetrieveImagePullSecret",
          "Unable to retrieve some image pull secrets ("
              + String.join(", ", missing)
              + "); attempting to pull the image may not succeed.");
    }
    return found;
  }
}
