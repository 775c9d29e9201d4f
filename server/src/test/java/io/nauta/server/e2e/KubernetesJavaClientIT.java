package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.Config;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.Watch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Kubernetes Java client (io.kubernetes:client-java) against a real {@code nauta
 * server}: CRUD, watch, informers and server-side apply.
 */
class KubernetesJavaClientIT extends ServerProcessTest {
  private ApiClient client;
  private CoreV1Api core;

  @BeforeAll
  void start() throws Exception {
    client = Config.fromConfig(nauta.kubeconfig().toString());
    // watches stay open longer than the default read timeout
    client.setHttpClient(
        client.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS).build());
    core = new CoreV1Api(client);
  }

  private static V1ConfigMap configMap(String name, Map<String, String> labels, String value) {
    return new V1ConfigMap()
        .apiVersion("v1")
        .kind("ConfigMap")
        .metadata(new V1ObjectMeta().name(name).labels(labels))
        .data(Map.of("key", value));
  }

  @Test
  void createsGetsListsPatchesAndDeletes() throws Exception {
    V1ConfigMap created =
        core.createNamespacedConfigMap("default", configMap("crud", Map.of("app", "crud"), "1"))
            .execute();
    assertThat(created.getMetadata().getUid()).isNotBlank();

    assertThat(core.readNamespacedConfigMap("crud", "default").execute().getData())
        .containsEntry("key", "1");
    V1ConfigMapList list =
        core.listNamespacedConfigMap("default").labelSelector("app=crud").execute();
    assertThat(list.getItems()).extracting(c -> c.getMetadata().getName()).containsExactly("crud");

    V1ConfigMap patched =
        PatchUtils.patch(
            V1ConfigMap.class,
            () ->
                core.patchNamespacedConfigMap(
                        "crud", "default", new V1Patch("{\"data\":{\"key\":\"2\"}}"))
                    .buildCall(null),
            V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH,
            client);
    assertThat(patched.getData()).containsEntry("key", "2");

    created.getData().put("key", "stale");
    assertThatThrownBy(() -> core.replaceNamespacedConfigMap("crud", "default", created).execute())
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(409));

    core.deleteNamespacedConfigMap("crud", "default").execute();
    assertThatThrownBy(() -> core.readNamespacedConfigMap("crud", "default").execute())
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(404));
  }

  @Test
  void watchesDeliverEvents() throws Exception {
    String rv =
        core.listNamespacedConfigMap("default").execute().getMetadata().getResourceVersion();
    List<String> seen = new ArrayList<>();
    try (Watch<V1ConfigMap> watch =
        Watch.createWatch(
            client,
            core.listNamespacedConfigMap("default")
                .labelSelector("watched=yes")
                .resourceVersion(rv)
                .watch(true)
                .buildCall(null),
            new TypeToken<Watch.Response<V1ConfigMap>>() {}.getType())) {
      core.createNamespacedConfigMap("default", configMap("w1", Map.of("watched", "yes"), "a"))
          .execute();
      core.deleteNamespacedConfigMap("w1", "default").execute();
      for (Watch.Response<V1ConfigMap> event : watch) {
        seen.add(event.type + " " + event.object.getMetadata().getName());
        if (seen.size() == 2) {
          break;
        }
      }
    }
    assertThat(seen).containsExactly("ADDED w1", "DELETED w1");
  }

  @Test
  void informersListThenWatch() throws Exception {
    core.createNamespacedConfigMap("default", configMap("early", Map.of("inf", "yes"), "x"))
        .execute();
    SharedInformerFactory factory = new SharedInformerFactory(client);
    List<String> added = new CopyOnWriteArrayList<>();
    SharedIndexInformer<V1ConfigMap> informer =
        factory.sharedIndexInformerFor(
            params ->
                core.listNamespacedConfigMap("default")
                    .labelSelector("inf=yes")
                    .resourceVersion(params.resourceVersion)
                    .timeoutSeconds(params.timeoutSeconds)
                    .watch(params.watch)
                    .buildCall(null),
            V1ConfigMap.class,
            V1ConfigMapList.class);
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(V1ConfigMap obj) {
            added.add(obj.getMetadata().getName());
          }

          @Override
          public void onUpdate(V1ConfigMap oldObj, V1ConfigMap newObj) {}

          @Override
          public void onDelete(V1ConfigMap obj, boolean deletedFinalStateUnknown) {}
        });
    factory.startAllRegisteredInformers();
    try {
      await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);
      core.createNamespacedConfigMap("default", configMap("late", Map.of("inf", "yes"), "y"))
          .execute();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(added).containsExactlyInAnyOrder("early", "late"));
    } finally {
      factory.stopAllRegisteredInformers();
    }
  }

  @Test
  void serverSideApplyCreatesAndReportsConflicts() throws Exception {
    String config =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"ssa\"},"
            + "\"data\":{\"key\":\"%s\"}}";
    V1ConfigMap applied =
        PatchUtils.patch(
            V1ConfigMap.class,
            () ->
                core.patchNamespacedConfigMap("ssa", "default", new V1Patch(config.formatted("a")))
                    .fieldManager("first")
                    .buildCall(null),
            V1Patch.PATCH_FORMAT_APPLY_YAML,
            client);
    assertThat(applied.getData()).containsEntry("key", "a");
    // client-java drops managedFields when it decodes objects, so read them with kubectl
    assertThat(
            nauta
                .kubectl(
                    "get",
                    "cm",
                    "ssa",
                    "--show-managed-fields",
                    "-o",
                    "jsonpath={.metadata.managedFields[0].manager}")
                .out())
        .isEqualTo("first");

    assertThatThrownBy(
            () ->
                PatchUtils.patch(
                    V1ConfigMap.class,
                    () ->
                        core.patchNamespacedConfigMap(
                                "ssa", "default", new V1Patch(config.formatted("b")))
                            .fieldManager("second")
                            .buildCall(null),
                    V1Patch.PATCH_FORMAT_APPLY_YAML,
                    client))
        .isInstanceOf(ApiException.class)
        .satisfies(
            e -> {
              assertThat(((ApiException) e).getCode()).isEqualTo(409);
              assertThat(((ApiException) e).getResponseBody())
                  .contains("conflict with \\\"first\\\"", ".data.key");
            });
  }
}
