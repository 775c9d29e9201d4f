package io.nauta.controllers.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;

/**
 * Ensures each namespace that is not terminating has the {@code default} ServiceAccount. Keys are
 * namespace names.
 */
public final class ServiceAccountController extends Controller {
  public static final String DEFAULT = "default";

  private final KubernetesClient client;
  private final Informers informers;

  public ServiceAccountController(KubernetesClient client, Informers informers) {
    super("serviceaccount", 1);
    this.client = client;
    this.informers = informers;
    informers
        .of(Namespace.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Namespace ns) {
                enqueue(ns.getMetadata().getName());
              }

              @Override
              public void onUpdate(Namespace old, Namespace ns) {
                enqueue(ns.getMetadata().getName());
              }

              @Override
              public void onDelete(Namespace ns, boolean unknown) {}
            });
    informers
        .of(ServiceAccount.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(ServiceAccount sa) {}

              @Override
              public void onUpdate(ServiceAccount old, ServiceAccount sa) {}

              @Override
              public void onDelete(ServiceAccount sa, boolean unknown) {
                if (DEFAULT.equals(sa.getMetadata().getName())) {
                  enqueue(sa.getMetadata().getNamespace());
                }
              }
            });
  }

  @Override
  protected void sync(String namespace) {
    Namespace ns = informers.get(Namespace.class, namespace);
    if (ns == null
        || ns.getMetadata().getDeletionTimestamp() != null
        || (ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase()))) {
      return;
    }
    if (informers.get(ServiceAccount.class, namespace + "/" + DEFAULT) != null) {
      return;
    }
    try {
      client
          .serviceAccounts()
          .inNamespace(namespace)
          .resource(
              new ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName(DEFAULT)
                  .withNamespace(namespace)
                  .endMetadata()
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) { // 409: it exists already, our cache is behind
        throw e;
      }
    }
  }
}
