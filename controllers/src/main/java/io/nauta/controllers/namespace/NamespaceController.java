package io.nauta.controllers.namespace;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Discovery;
import io.nauta.controllers.runtime.Informers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Empties namespaces that are being deleted: deletes every object of every namespaced kind in them
 * (pods gracefully, so their nodes stop them), checks again until nothing is left, then finalizes
 * the namespace through {@code namespaces/{name}/finalize}. Keys are namespace names.
 */
public final class NamespaceController extends Controller {
  static final String FINALIZER = "kubernetes";

  /** How soon to look again while objects are still going away. */
  static final Duration RECHECK = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final Informers informers;
  private final List<Discovery.Kind> namespacedKinds;

  public NamespaceController(
      KubernetesClient client, Informers informers, List<Discovery.Kind> kinds) {
    super("namespace", 2);
    this.client = client;
    this.informers = informers;
    this.namespacedKinds = kinds.stream().filter(Discovery.Kind::namespaced).toList();
    informers
        .of(Namespace.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Namespace ns) {
                enqueueIfDeleting(ns);
              }

              @Override
              public void onUpdate(Namespace old, Namespace ns) {
                enqueueIfDeleting(ns);
              }

              @Override
              public void onDelete(Namespace ns, boolean unknown) {}
            });
  }

  private void enqueueIfDeleting(Namespace ns) {
    if (ns.getMetadata().getDeletionTimestamp() != null) {
      enqueue(ns.getMetadata().getName());
    }
  }

  @Override
  protected void sync(String name) {
    Namespace ns = informers.get(Namespace.class, name);
    if (ns == null
        || ns.getMetadata().getDeletionTimestamp() == null
        || ns.getSpec() == null
        || !ns.getSpec().getFinalizers().contains(FINALIZER)) {
      return;
    }
    boolean empty = true;
    for (Discovery.Kind kind : namespacedKinds) {
      var ops = client.genericKubernetesResources(kind.context()).inNamespace(name);
      if (!ops.list().getItems().isEmpty()) {
        empty = false;
        ops.delete();
      }
    }
    if (!empty) {
      queue.addAfter(name, RECHECK);
      return;
    }
    List<String> rest = new ArrayList<>(ns.getSpec().getFinalizers());
    rest.remove(FINALIZER);
    Namespace finalized =
        new NamespaceBuilder(ns).editSpec().withFinalizers(rest).endSpec().build();
    try {
      client.raw(
          client.getMasterUrl().toString().replaceAll("/$", "")
              + "/api/v1/namespaces/"
              + name
              + "/finalize",
          "PUT",
          Serialization.asJson(finalized));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
