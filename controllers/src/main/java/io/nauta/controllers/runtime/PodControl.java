package io.nauta.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.client.events.EventRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * How workload controllers create and delete the pods they own: creations in slow-start batches (1,
 * 2, 4, ...) so an owner whose pods are all refused fails after one request instead of many, calls
 * in parallel, an Event for each outcome (SuccessfulCreate, FailedCreate, SuccessfulDelete,
 * FailedDelete), and the owner's {@link Expectations} kept in step. Thread-safe.
 */
public final class PodControl implements AutoCloseable {
  private final KubernetesClient client;
  private final EventRecorder events;
  private final Expectations expectations;
  private final ExecutorService calls;

  /**
   * @param events the recorder already named for the controller ({@link EventRecorder#as})
   */
  public PodControl(
      KubernetesClient client, EventRecorder events, Expectations expectations, String name) {
    this.client = client;
    this.events = events;
    this.expectations = expectations;
    this.calls =
        Executors.newFixedThreadPool(
            16, Thread.ofPlatform().name(name + "-api-", 0).daemon().factory());
  }

  /**
   * Creates {@code n} pods for {@code owner} (expectations key {@code key}), the i-th built by
   * {@code pod}; stops at the first refused batch. Returns the first refusal's message, or null if
   * all were created.
   */
  public String create(HasMetadata owner, String key, int n, IntFunction<Pod> pod)
      throws InterruptedException {
    expectations.expect(key, n, java.util.Set.of());
    int done = 0;
    int batch = 1;
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    while (done < n) {
      int size = Math.min(batch, n - done);
      List<Future<?>> running = new ArrayList<>();
      for (int i = done; i < done + size; i++) {
        Pod p = pod.apply(i);
        running.add(calls.submit(() -> createOne(owner, key, p, errors)));
      }
      await(running);
      done += size;
      if (!errors.isEmpty()) {
        // the rest will not be created in this sync: stop expecting them
        for (int i = done; i < n; i++) {
          expectations.creationObserved(key);
        }
        return errors.peek();
      }
      batch *= 2;
    }
    return null;
  }

  private void createOne(
      HasMetadata owner, String key, Pod pod, ConcurrentLinkedQueue<String> errors) {
    try {
      Pod created =
          client.pods().inNamespace(owner.getMetadata().getNamespace()).resource(pod).create();
      events.normal(owner, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
    } catch (KubernetesClientException e) {
      expectations.creationObserved(key);
      errors.add(message(e));
      events.warning(owner, "FailedCreate", "Error creating: " + message(e));
    }
  }

  /** Deletes {@code victims} of {@code owner} in parallel, expecting to see each deletion. */
  public void delete(HasMetadata owner, String key, List<Pod> victims) throws InterruptedException {
    expectations.expect(key, 0, victims.stream().map(Controller::key).collect(Collectors.toSet()));
    List<Future<?>> running = new ArrayList<>();
    for (Pod p : victims) {
      running.add(calls.submit(() -> deleteOne(owner, key, p)));
    }
    await(running);
  }

  private void deleteOne(HasMetadata owner, String key, Pod p) {
    try {
      client
          .pods()
          .inNamespace(p.getMetadata().getNamespace())
          .withName(p.getMetadata().getName())
          .delete();
      events.normal(owner, "SuccessfulDelete", "Deleted pod: " + p.getMetadata().getName());
    } catch (KubernetesClientException e) {
      expectations.deletionObserved(key, Controller.key(p));
      if (e.getCode() != 404) {
        events.warning(owner, "FailedDelete", "Error deleting: " + message(e));
      }
    }
  }

  private static void await(List<Future<?>> running) throws InterruptedException {
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (ExecutionException e) {
        // createOne/deleteOne handle their own failures
      }
    }
  }

  /** The API server's message of a refusal. */
  public static String message(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : e.getMessage();
  }

  /**
   * A pod from {@code template} in the owner's namespace, named {@code <owner>-<random>} (or {@code
   * name} when not null), controlled by {@code owner}.
   */
  public static Pod fromTemplate(HasMetadata owner, PodTemplateSpec template, String name) {
    ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    return new PodBuilder()
        .withNewMetadataLike(meta)
        .withName(name)
        .withGenerateName(name == null ? owner.getMetadata().getName() + "-" : null)
        .withNamespace(owner.getMetadata().getNamespace())
        .withOwnerReferences(controllerRef(owner))
        .endMetadata()
        .withSpec(template.getSpec())
        .build();
  }

  /** An owner reference to {@code owner} marked controller, blocking its foreground deletion. */
  public static OwnerReference controllerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  @Override
  public void close() {
    calls.shutdownNow();
  }
}
