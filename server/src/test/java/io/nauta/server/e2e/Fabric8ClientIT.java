package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 kubernetes-client against a real {@code nauta server}: CRUD, watch, informers, SSA.
 */
class Fabric8ClientIT extends ServerProcessTest {
  private KubernetesClient client;

  @BeforeAll
  void start() throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(nauta.kubeconfig()));
    client = new KubernetesClientBuilder().withConfig(config).build();
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
  }

  private static ConfigMap configMap(String name, Map<String, String> labels, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withData(Map.of("key", value))
        .build();
  }

  @Test
  void createsGetsListsUpdatesAndDeletes() {
    var cms = client.configMaps().inNamespace("default");
    ConfigMap created = cms.resource(configMap("crud", Map.of("app", "crud"), "1")).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();

    assertThat(cms.withName("crud").get().getData()).containsEntry("key", "1");
    assertThat(cms.withLabel("app", "crud").list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly("crud");

    ConfigMap edited =
        cms.withName("crud")
            .edit(
                c -> {
                  c.getData().put("key", "2");
                  return c;
                });
    assertThat(edited.getData()).containsEntry("key", "2");

    // a stale resourceVersion is a 409
    ConfigMap stale = created;
    stale.getData().put("key", "3");
    assertThatThrownBy(() -> cms.resource(stale).update())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));

    assertThat(cms.withName("crud").delete()).hasSize(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> cms.withName("crud").get() == null);
  }

  @Test
  void watchesDeliverEvents() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    var cms = client.configMaps().inNamespace("default");
    try (Watch w =
        cms.withLabel("watched", "yes")
            .watch(
                new Watcher<ConfigMap>() {
                  @Override
                  public void eventReceived(Action action, ConfigMap cm) {
                    seen.add(action + " " + cm.getMetadata().getName());
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      cms.resource(configMap("w1", Map.of("watched", "yes"), "a")).create();
      cms.withName("w1")
          .edit(
              c -> {
                c.getData().put("key", "b");
                return c;
              });
      cms.withName("w1").delete();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(seen).containsExactly("ADDED w1", "MODIFIED w1", "DELETED w1"));
    }
  }

  @Test
  void informersListThenWatch() {
    List<String> added = new CopyOnWriteArrayList<>();
    var cms = client.configMaps().inNamespace("default");
    cms.resource(configMap("before-informer", Map.of("inf", "yes"), "x")).create();
    SharedIndexInformer<ConfigMap> informer =
        cms.withLabel("inf", "yes")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap cm) {
                    added.add(cm.getMetadata().getName());
                  }

                  @Override
                  public void onUpdate(ConfigMap oldCm, ConfigMap newCm) {}

                  @Override
                  public void onDelete(ConfigMap cm, boolean unknownFinalState) {}
                });
    try {
      cms.resource(configMap("after-informer", Map.of("inf", "yes"), "y")).create();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(added).containsExactlyInAnyOrder("before-informer", "after-informer"));
      assertThat(informer.getStore().list()).hasSize(2);
    } finally {
      informer.close();
    }
  }

  @Test
  void serverSideApplyCreatesAndUpdates() {
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("ssa")
            .withNamespace("default")
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withNewSelector()
            .addToMatchLabels("app", "ssa")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "ssa")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage("nginx:1.27")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    Deployment applied =
        client.apps().deployments().resource(d).fieldManager("fabric8-test").serverSideApply();
    assertThat(applied.getMetadata().getManagedFields())
        .anySatisfy(m -> assertThat(m.getManager()).isEqualTo("fabric8-test"));
    d.getSpec().setReplicas(4);
    Deployment again =
        client.apps().deployments().resource(d).fieldManager("fabric8-test").serverSideApply();
    assertThat(again.getSpec().getReplicas()).isEqualTo(4);
    assertThat(again.getMetadata().getGeneration()).isEqualTo(2L);
  }
}
