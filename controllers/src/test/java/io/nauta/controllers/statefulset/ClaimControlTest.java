package io.nauta.controllers.statefulset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.impl.cache.CacheImpl;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nauta.client.events.EventRecorder;
import io.nauta.controllers.runtime.Informers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim writes against a loopback HTTP server answering as the API server would: claims it
 * refuses by name, the rest created; Events recorded. The claim cache is filled by hand.
 */
class ClaimControlTest {
  private HttpServer server;
  private KubernetesClient client;
  private Informers informers;
  private EventRecorder events;
  private ClaimControl claims;
  private final List<String> created = new CopyOnWriteArrayList<>();
  private final List<String> updated = new CopyOnWriteArrayList<>();
  private final List<String> eventMessages = new CopyOnWriteArrayList<>();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::serve);
    server.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    informers = new Informers(client);
    events = new EventRecorder(client, "statefulset-controller", Clock.systemUTC());
    claims = new ClaimControl(client, informers, events);
  }

  @AfterEach
  void stop() {
    events.close();
    informers.close();
    client.close();
    server.stop(0);
  }

  private void serve(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int code;
    String reply;
    if (path.endsWith("/events")) {
      Map<?, ?> event = Serialization.unmarshal(body, Map.class);
      eventMessages.add(event.get("type") + " " + event.get("reason") + " " + event.get("message"));
      code = 201;
      reply = body;
    } else if ("POST".equals(x.getRequestMethod()) && path.endsWith("/persistentvolumeclaims")) {
      PersistentVolumeClaim c = Serialization.unmarshal(body, PersistentVolumeClaim.class);
      String name = c.getMetadata().getName();
      if (refused.contains(name)) {
        code = 403;
        reply =
            """
            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
             "message":"persistentvolumeclaims \\"%s\\" is forbidden: exceeded quota: storage"}
            """
                .formatted(name);
      } else {
        created.add(body);
        code = 201;
        reply = body;
      }
    } else if ("PUT".equals(x.getRequestMethod())) {
      updated.add(body);
      code = 200;
      reply = body;
    } else {
      code = 404;
      reply =
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
              + "\"code\":404,\"message\":\"not found\"}";
    }
    byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(code, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  /** What the claim informer would have listed: put straight into its (never started) cache. */
  @SuppressWarnings("unchecked")
  private void cache(PersistentVolumeClaim... cs) {
    var cache =
        (CacheImpl<PersistentVolumeClaim>) informers.of(PersistentVolumeClaim.class).getIndexer();
    for (PersistentVolumeClaim c : cs) {
      cache.put(c);
    }
  }

  private static PersistentVolumeClaim existing(String name) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .withResourceVersion("7")
        .endMetadata()
        .build();
  }

  private List<String> createdNames() {
    return created.stream()
        .map(b -> Serialization.unmarshal(b, PersistentVolumeClaim.class).getMetadata().getName())
        .toList();
  }

  @Test
  void createsTheMissingClaimsAndReusesTheOnesThere() {
    StatefulSet set = VolumeClaimsTest.set(null, null);
    cache(existing("logs-web-0"));
    assertThat(claims.create(set, "web-0", 0)).isNull();
    assertThat(createdNames()).containsExactly("data-web-0");
    PersistentVolumeClaim made =
        Serialization.unmarshal(created.get(0), PersistentVolumeClaim.class);
    assertThat(made.getMetadata().getLabels()).containsEntry("app", "web");
    assertThat(made.getSpec().getStorageClassName()).isNull();
    assertThat(updated).isEmpty(); // the existing claim is not modified
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(eventMessages)
                    .containsExactly(
                        "Normal SuccessfulCreate create Claim data-web-0 Pod web-0 in StatefulSet"
                            + " web success"));
  }

  @Test
  void aRefusedClaimIsReportedAndHoldsThePod() {
    StatefulSet set = VolumeClaimsTest.set(null, null);
    refused.add("data-web-1");
    String why = claims.create(set, "web-1", 1);
    assertThat(why)
        .isEqualTo(
            "failed to create PVC data-web-1: persistentvolumeclaims \"data-web-1\" is forbidden:"
                + " exceeded quota: storage");
    assertThat(createdNames()).containsExactly("logs-web-1");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(eventMessages)
                    .contains(
                        "Warning FailedCreate create Claim data-web-1 for Pod web-1 in"
                            + " StatefulSet web failed error: persistentvolumeclaims"
                            + " \"data-web-1\" is forbidden: exceeded quota: storage"));
  }

  @Test
  void aClaimBeingDeletedHoldsThePod() {
    StatefulSet set = VolumeClaimsTest.set(null, null);
    cache(
        new PersistentVolumeClaimBuilder(existing("data-web-0"))
            .editMetadata()
            .withDeletionTimestamp("2026-01-01T00:00:00Z")
            .endMetadata()
            .build(),
        existing("logs-web-0"));
    assertThat(claims.create(set, "web-0", 0)).isEqualTo("pvc data-web-0 is being deleted");
    assertThat(created).isEmpty();
  }

  @Test
  void aClaimStillOwnedByTheEarlierPodHoldsItsSuccessorOnlyWhenScaledDeletes() {
    cache(
        new PersistentVolumeClaimBuilder(existing("data-web-1"))
            .editMetadata()
            .withOwnerReferences(VolumeClaimsTest.POD)
            .endMetadata()
            .build());
    assertThat(claims.stale(VolumeClaimsTest.set("Retain", "Delete"), "web-1", 1)).isTrue();
    assertThat(claims.stale(VolumeClaimsTest.set("Retain", "Retain"), "web-1", 1)).isFalse();
    assertThat(claims.stale(VolumeClaimsTest.set("Retain", "Delete"), "web-0", 0)).isFalse();
  }

  @Test
  void scalingDownHandsAPodsClaimsToIt() {
    StatefulSet set = VolumeClaimsTest.set("Retain", "Delete");
    cache(existing("data-web-1"), existing("logs-web-1"));
    claims.updateOwners(set, VolumeClaimsTest.pod(1), 1, true);
    assertThat(updated).isEmpty(); // in range: nothing to change
    claims.updateOwners(set, VolumeClaimsTest.pod(1), 1, false);
    assertThat(updated).hasSize(2);
    PersistentVolumeClaim first =
        Serialization.unmarshal(updated.get(0), PersistentVolumeClaim.class);
    assertThat(first.getMetadata().getName()).isEqualTo("data-web-1");
    assertThat(first.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(first.getMetadata().getOwnerReferences()).containsExactly(VolumeClaimsTest.POD);
  }
}
