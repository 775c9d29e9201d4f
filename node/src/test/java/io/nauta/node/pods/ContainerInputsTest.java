package io.nauta.node.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nauta.client.events.EventRecorder;
import io.nauta.cri.v1.ContainerConfig;
import io.nauta.cri.v1.KeyValue;
import io.nauta.cri.v1.Mount;
import io.nauta.node.sources.FakePodSources;
import io.nauta.node.volumes.PodVolumes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerInputsTest {
  @TempDir Path tmp;
  private final FakePodSources sources = new FakePodSources();
  // no API server: events are best effort and dropped
  private final EventRecorder events = new EventRecorder(null, "kubelet", Clock.systemUTC());

  @AfterEach
  void closeEvents() {
    events.close();
  }

  private static final Pod POD =
      new KubernetesSerialization()
          .unmarshal(
              """
              metadata: {name: web, namespace: shop, uid: uid-1}
              spec:
                containers:
                - name: c
                  image: busybox
                  command: [sh, -c, 'echo $(GREETING) $$(GREETING)']
                  args: ['$(MODE)']
                  env:
                  - {name: GREETING, value: hi}
                  - {name: MODE, valueFrom: {configMapKeyRef: {name: app, key: mode}}}
                  - {name: IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                  volumeMounts: [{name: cfg, mountPath: /etc/app}]
                volumes: [{name: cfg, configMap: {name: app}}]
              """,
              Pod.class);

  private ContainerInputs inputs() {
    return new ContainerInputs(
        sources,
        new PodVolumes(tmp.resolve("volumes"), sources, Clock.systemUTC()),
        events,
        "192.168.1.5");
  }

  private ContainerInputs.Outcome complete(ContainerInputs inputs) {
    ContainerConfig base = CriConfigs.container(POD, POD.getSpec().getContainers().get(0), 0);
    return inputs.complete(POD, POD.getSpec().getContainers().get(0), base, "10.88.0.9");
  }

  @Test
  void aContainerWaitsForItsConfigMapThenGetsEnvironmentCommandAndMounts() throws Exception {
    ContainerInputs inputs = inputs();
    assertThat(inputs.setUpVolumes(POD)).isFalse();
    assertThat(complete(inputs))
        .isEqualTo(new ContainerInputs.Blocked("configmap \"app\" not found"));

    sources.configMap("shop", "app", Map.of("mode", "fast"));
    assertThat(inputs.setUpVolumes(POD)).isTrue();
    var ready = (ContainerInputs.Ready) complete(inputs);

    ContainerConfig config = ready.config();
    assertThat(config.getCommandList()).containsExactly("sh", "-c", "echo hi $(GREETING)");
    assertThat(config.getArgsList()).containsExactly("fast");
    assertThat(config.getEnvsList())
        .extracting(KeyValue::getKey, KeyValue::getValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GREETING", "hi"),
            org.assertj.core.groups.Tuple.tuple("MODE", "fast"),
            org.assertj.core.groups.Tuple.tuple("IP", "10.88.0.9"));
    assertThat(config.getMountsList())
        .extracting(Mount::getContainerPath, Mount::getHostPath, Mount::getReadonly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "/etc/app",
                tmp.resolve("volumes/uid-1/kubernetes.io~configmap/cfg").toString(),
                true),
            org.assertj.core.groups.Tuple.tuple(
                "/etc/hosts", tmp.resolve("volumes/uid-1/etc-hosts").toString(), false));
    assertThat(java.nio.file.Files.readString(tmp.resolve("volumes/uid-1/etc-hosts")))
        .contains("10.88.0.9\t");
    assertThat(config.getMetadata().getName()).as("the base config is kept").isEqualTo("c");
  }

  @Test
  void aBlockedContainerIsWaitingWithCreateContainerConfigError() {
    var status =
        PodStatuses.compute(
            POD,
            List.of(
                new PodStatuses.Observed(
                    "c",
                    null,
                    null,
                    0,
                    false,
                    false,
                    ContainerInputs.CONFIG_ERROR,
                    "configmap \"app\" not found",
                    null,
                    false)),
            true,
            "10.88.0.9",
            "192.168.1.5",
            Instant.EPOCH,
            Instant.EPOCH);
    var waiting = status.getContainerStatuses().get(0).getState().getWaiting();
    assertThat(waiting.getReason()).isEqualTo("CreateContainerConfigError");
    assertThat(waiting.getMessage()).isEqualTo("configmap \"app\" not found");
    assertThat(status.getPhase()).isEqualTo("Pending");
  }
}
