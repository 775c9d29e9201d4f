package io.nauta.dns.registration;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this DNS server registered (see the package description): once at start, then every {@code
 * period}, it creates the kube-dns Service when missing and writes this server's slice when it is
 * missing or differs. {@link #close} stops that and deletes the slice.
 */
public final class KubeDnsRegistration implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeDnsRegistration.class);

  private final KubernetesClient client;
  private final String clusterIp;
  private final EndpointSlice desired;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "nauta-dns-registration");
            t.setDaemon(true);
            return t;
          });

  private KubeDnsRegistration(KubernetesClient client, String clusterIp, EndpointSlice desired) {
    this.client = client;
    this.clusterIp = clusterIp;
    this.desired = desired;
  }

  /**
   * Registers the server at {@code address}:{@code port} (on node {@code nodeName}, or null) and
   * keeps it registered; the first attempt runs before this returns, failures are retried.
   */
  public static KubeDnsRegistration start(
      KubernetesClient client,
      InetAddress address,
      int port,
      String nodeName,
      String clusterIp,
      Duration period) {
    KubeDnsRegistration r =
        new KubeDnsRegistration(client, clusterIp, KubeDnsEndpoints.slice(address, port, nodeName));
    r.ensure();
    r.timer.scheduleWithFixedDelay(
        r::ensure, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return r;
  }

  /** The name of this server's slice. */
  public String sliceName() {
    return desired.getMetadata().getName();
  }

  void ensure() {
    try {
      ensureService();
      var slices = client.discovery().v1().endpointSlices().inNamespace(KubeDnsEndpoints.NAMESPACE);
      for (EndpointSlice stale :
          slices
              .withLabel(KubeDnsEndpoints.SERVICE_NAME_LABEL, KubeDnsEndpoints.SERVICE)
              .withLabel(KubeDnsEndpoints.MANAGED_BY_LABEL, KubeDnsEndpoints.MANAGED_BY)
              .list()
              .getItems()) {
        if (KubeDnsEndpoints.supersededBy(stale, desired)) {
          // left by an earlier run at this address that could not say goodbye (killed)
          slices.withName(stale.getMetadata().getName()).delete();
        }
      }
      EndpointSlice current = slices.withName(sliceName()).get();
      if (current == null) {
        slices.resource(desired).create();
      } else if (!KubeDnsEndpoints.same(current, desired)) {
        slices
            .resource(
                new EndpointSliceBuilder(desired)
                    .editMetadata()
                    .withResourceVersion(current.getMetadata().getResourceVersion())
                    .endMetadata()
                    .build())
            .update();
      }
    } catch (KubernetesClientException e) {
      LOG.warn(
          "cannot register the DNS server in {}/{} yet: {}",
          KubeDnsEndpoints.NAMESPACE,
          KubeDnsEndpoints.SERVICE,
          e.getMessage());
    }
  }

  private void ensureService() {
    var services = client.services().inNamespace(KubeDnsEndpoints.NAMESPACE);
    if (services.withName(KubeDnsEndpoints.SERVICE).get() != null) {
      return;
    }
    try {
      services.resource(KubeDnsEndpoints.service(clusterIp)).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return; // created meanwhile by the API server or another DNS server
      }
      if (e.getCode() != 422 || clusterIp == null) {
        throw e;
      }
      // its address is outside this cluster's service range or taken: take any
      LOG.warn("kube-dns cannot have cluster IP {}: {}", clusterIp, e.getMessage());
      services.resource(KubeDnsEndpoints.service(null)).create();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      client
          .discovery()
          .v1()
          .endpointSlices()
          .inNamespace(KubeDnsEndpoints.NAMESPACE)
          .withName(sliceName())
          .delete();
    } catch (KubernetesClientException e) {
      LOG.warn("cannot remove the DNS server's EndpointSlice {}: {}", sliceName(), e.getMessage());
    }
  }
}
