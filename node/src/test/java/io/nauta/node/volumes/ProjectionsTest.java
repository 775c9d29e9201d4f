package io.nauta.node.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nauta.node.env.PodFacts;
import io.nauta.node.sources.FakePodSources;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectionsTest {
  private static final FakePodSources SOURCES =
      new FakePodSources()
          .configMap("shop", "app", Map.of("mode", "fast", "level", "3"))
          .secret("shop", "creds", Map.of("password", "s3cr3t"))
          .allocatable("cpu", "2")
          .allocatable("memory", "4Gi");

  private static Pod pod(String volume) {
    return new KubernetesSerialization()
        .unmarshal(
            """
            metadata:
              name: web
              namespace: shop
              labels: {app: web, tier: front}
              annotations: {owner: "team \\"a\\""}
            spec:
              containers:
              - name: c
                image: busybox
                resources: {limits: {memory: 64Mi}}
              volumes:
              - %s
            """
                .formatted(volume),
            Pod.class);
  }

  /** The volume's files as path to "mode:content". */
  private static Map<String, String> files(String volume) {
    Pod pod = pod(volume);
    Volume v = pod.getSpec().getVolumes().get(0);
    PodFacts facts = new PodFacts(pod, List.of(), List.of("10.0.0.1"), SOURCES.allocatable());
    Map<String, FileProjection> payload;
    if (v.getConfigMap() != null) {
      payload = Projections.configMap(v.getConfigMap(), facts, SOURCES);
    } else if (v.getSecret() != null) {
      payload = Projections.secret(v.getSecret(), facts, SOURCES);
    } else if (v.getDownwardAPI() != null) {
      payload =
          Projections.downwardApi(
              v.getDownwardAPI().getItems(),
              Projections.mode(v.getDownwardAPI().getDefaultMode()),
              facts);
    } else {
      payload = Projections.projected(v.getProjected(), facts, SOURCES);
    }
    return payload.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e ->
                    Integer.toOctalString(e.getValue().mode())
                        + ":"
                        + new String(e.getValue().data(), StandardCharsets.UTF_8),
                (a, b) -> a,
                TreeMap::new));
  }

  static Stream<Arguments> volumes() {
    return Stream.of(
        Arguments.of(
            "every key of a configMap",
            "{name: v, configMap: {name: app}}",
            Map.of("mode", "644:fast", "level", "644:3")),
        Arguments.of(
            "items with paths and modes",
            "{name: v, configMap: {name: app, defaultMode: 256,"
                + " items: [{key: mode, path: conf/mode}, {key: level, path: lvl, mode: 438}]}}",
            Map.of("conf/mode", "400:fast", "lvl", "666:3")),
        Arguments.of(
            "optional missing configMap is empty",
            "{name: v, configMap: {name: nope, optional: true}}",
            Map.of()),
        Arguments.of(
            "optional missing item is left out",
            "{name: v, configMap: {name: app, optional: true, items: [{key: x, path: x}]}}",
            Map.of()),
        Arguments.of(
            "secret decoded",
            "{name: v, secret: {secretName: creds, defaultMode: 288}}",
            Map.of("password", "440:s3cr3t")),
        Arguments.of(
            "downward API fields and resources",
            """
            {name: v, downwardAPI: {items: [
               {path: labels, fieldRef: {fieldPath: metadata.labels}},
               {path: annotations, fieldRef: {fieldPath: metadata.annotations}},
               {path: name, fieldRef: {fieldPath: metadata.name}, mode: 384},
               {path: mem, resourceFieldRef: {containerName: c, resource: limits.memory,
                                              divisor: 1Mi}},
               {path: cpu, resourceFieldRef: {containerName: c, resource: limits.cpu,
                                              divisor: 1m}}]}}
            """,
            Map.of(
                "labels", "644:app=\"web\"\ntier=\"front\"",
                "annotations", "644:owner=\"team \\\"a\\\"\"",
                "name", "600:web",
                "mem", "644:64",
                "cpu", "644:2000")),
        Arguments.of(
            "projected sources merged",
            """
            {name: v, projected: {defaultMode: 416, sources: [
               {configMap: {name: app, items: [{key: mode, path: mode}]}},
               {secret: {name: creds}},
               {downwardAPI: {items: [{path: ns, fieldRef: {fieldPath: metadata.namespace}}]}},
               {serviceAccountToken: {path: token}}]}}
            """,
            Map.of("mode", "640:fast", "password", "640:s3cr3t", "ns", "640:shop")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("volumes")
  void makesTheFilesKubeletsMake(String name, String volume, Map<String, String> expected) {
    assertThat(files(volume)).containsExactlyInAnyOrderEntriesOf(expected);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("{name: v, configMap: {name: nope}}", "configmap \"nope\" not found"),
        Arguments.of("{name: v, secret: {secretName: nope}}", "secret \"nope\" not found"),
        Arguments.of(
            "{name: v, configMap: {name: app, items: [{key: x, path: x}]}}",
            "configmap references non-existent config key: x"),
        Arguments.of(
            "{name: v, secret: {secretName: creds, items: [{key: x, path: x}]}}",
            "references non-existent secret key: x"),
        Arguments.of(
            "{name: v, projected: {sources: [{secret: {name: nope}}]}}",
            "secret \"nope\" not found"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("failures")
  void failsWithKubeletsMessage(String volume, String message) {
    assertThatThrownBy(() -> files(volume))
        .isInstanceOf(Projections.Failed.class)
        .hasMessage(message);
  }
}
