package io.nauta.controllers.history;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.PodControl;
import io.nauta.controllers.runtime.Pods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An owner's ControllerRevisions through the API: reads them from the shared informer, creates the
 * revision of the owner's current template or renumbers it when the template returns, and trims old
 * ones. Thread-safe (stateless beyond the client and informers).
 */
public final class History {
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  /** Copied from the owner to each new revision, for {@code kubectl rollout history}. */
  static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

  private final KubernetesClient client;
  private final Informers informers;

  /** Registers the ControllerRevision informer; build before the informers start. */
  public History(KubernetesClient client, Informers informers) {
    this.client = client;
    this.informers = informers;
    informers.of(ControllerRevision.class);
  }

  /** The revisions {@code owner} controls, oldest number first. */
  public List<ControllerRevision> owned(HasMetadata owner) {
    String uid = owner.getMetadata().getUid();
    List<ControllerRevision> out = new ArrayList<>();
    for (ControllerRevision r :
        informers.list(ControllerRevision.class, owner.getMetadata().getNamespace())) {
      OwnerReference ref = Pods.controllerOf(r);
      if (ref != null && uid.equals(ref.getUid())) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparingLong(Revisions::number));
    return out;
  }

  /**
   * The revision holding {@code template}, made the newest: created with the next number if none
   * holds it, renumbered to the next one if an older revision does (a rollback). {@code history} is
   * the owner's revisions, as {@link #owned} returned them.
   */
  public ControllerRevision current(
      HasMetadata owner, PodTemplateSpec template, List<ControllerRevision> history) {
    ControllerRevision held = null;
    for (ControllerRevision r : history) {
      if (Revisions.holds(r, template)
          && (held == null || Revisions.number(r) > Revisions.number(held))) {
        held = r;
      }
    }
    long max = Revisions.max(history);
    if (held == null) {
      return create(owner, template, max + 1);
    }
    if (Revisions.number(held) < max) {
      return renumber(held, max + 1);
    }
    return held;
  }

  private ControllerRevision create(HasMetadata owner, PodTemplateSpec template, long number) {
    String hash = Revisions.hash(template);
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put(Revisions.HASH_LABEL, hash);
    Map<String, String> annotations = new LinkedHashMap<>();
    Map<String, String> ownerAnnotations = owner.getMetadata().getAnnotations();
    if (ownerAnnotations != null && ownerAnnotations.get(CHANGE_CAUSE) != null) {
      annotations.put(CHANGE_CAUSE, ownerAnnotations.get(CHANGE_CAUSE));
    }
    ControllerRevision r =
        new ControllerRevisionBuilder()
            .withNewMetadata()
            .withName(Revisions.name(owner.getMetadata().getName(), hash))
            .withNamespace(owner.getMetadata().getNamespace())
            .withLabels(labels)
            .withAnnotations(annotations)
            .withOwnerReferences(PodControl.controllerRef(owner))
            .endMetadata()
            .withData(Revisions.data(template))
            .withRevision(number)
            .build();
    var api = client.apps().controllerRevisions().inNamespace(owner.getMetadata().getNamespace());
    try {
      return api.resource(r).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // made by an earlier sync the cache has not shown yet, or a hash collision
      ControllerRevision existing = api.withName(r.getMetadata().getName()).get();
      OwnerReference ref = existing == null ? null : Pods.controllerOf(existing);
      if (existing != null
          && ref != null
          && owner.getMetadata().getUid().equals(ref.getUid())
          && Revisions.holds(existing, template)) {
        return Revisions.number(existing) < number ? renumber(existing, number) : existing;
      }
      throw e;
    }
  }

  private ControllerRevision renumber(ControllerRevision r, long number) {
    return client
        .apps()
        .controllerRevisions()
        .inNamespace(r.getMetadata().getNamespace())
        .withName(r.getMetadata().getName())
        .patch(
            MERGE,
            Serialization.asJson(
                Map.of(
                    "metadata",
                    Map.of("resourceVersion", r.getMetadata().getResourceVersion()),
                    "revision",
                    number)));
  }

  /**
   * Deletes the revisions beyond {@code limit} that are not {@code live}, oldest first; a revision
   * already gone is no error.
   */
  public void trim(
      List<ControllerRevision> history, Predicate<ControllerRevision> live, int limit) {
    for (ControllerRevision r : Revisions.toTrim(history, live, limit)) {
      try {
        client
            .apps()
            .controllerRevisions()
            .inNamespace(r.getMetadata().getNamespace())
            .withName(r.getMetadata().getName())
            .delete();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
  }

  /** The revision {@code history} holds under {@code name}, or null. */
  public static ControllerRevision named(List<ControllerRevision> history, String name) {
    for (ControllerRevision r : history) {
      if (r.getMetadata().getName().equals(name)) {
        return r;
      }
    }
    return null;
  }
}
