package io.nauta.node.env;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.node.sources.FakePodSources;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerEnvTest {
  private final FakePodSources sources =
      new FakePodSources()
          .configMap("shop", "app", Map.of("mode", "fast", "level", "3", "bad=key", "x"))
          .secret("shop", "creds", Map.of("password", "s3cr3t", "user", "admin"))
          .allocatable("cpu", "2")
          .allocatable("memory", "4Gi");

  private static Pod pod(String env) {
    return Pods.pod(
        """
        metadata: {name: web, namespace: shop, uid: u-1, labels: {app: web}}
        spec:
          nodeName: box-1
          containers:
          - name: c
            image: busybox
            resources: {limits: {memory: 64Mi}}
        %s
        """
            .formatted(env.indent(4)));
  }

  private ContainerEnv.Result resolve(String env) {
    Pod pod = pod(env);
    return ContainerEnv.resolve(pod.getSpec().getContainers().get(0), Pods.facts(pod), sources);
  }

  private Map<String, String> env(String env) {
    ContainerEnv.Result r = resolve(env);
    assertThat(r).isInstanceOf(ContainerEnv.Resolved.class);
    return ((ContainerEnv.Resolved) r).env();
  }

  static Stream<Arguments> resolved() {
    return Stream.of(
        Arguments.of("literal", "env: [{name: A, value: x}]", Map.of("A", "x")),
        Arguments.of("empty literal", "env: [{name: A}]", Map.of("A", "")),
        Arguments.of(
            "literal referencing an earlier one",
            "env: [{name: A, value: x}, {name: B, value: '$(A)-$(C)-$$(A)'}, {name: C, value: z}]",
            Map.of("A", "x", "B", "x-$(C)-$(A)", "C", "z")),
        Arguments.of(
            "configMapKeyRef",
            "env: [{name: M, valueFrom: {configMapKeyRef: {name: app, key: mode}}}]",
            Map.of("M", "fast")),
        Arguments.of(
            "secretKeyRef",
            "env: [{name: P, valueFrom: {secretKeyRef: {name: creds, key: password}}}]",
            Map.of("P", "s3cr3t")),
        Arguments.of(
            "optional missing configMap leaves the variable out",
            "env: [{name: M, valueFrom: {configMapKeyRef: {name: nope, key: k, optional: true}}}]",
            Map.of()),
        Arguments.of(
            "optional missing key leaves the variable out",
            "env: [{name: P, valueFrom: {secretKeyRef: {name: creds, key: k, optional: true}}}]",
            Map.of()),
        Arguments.of(
            "fieldRef",
            """
            env:
            - {name: N, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
            - {name: IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
            - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
            - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
            """,
            Map.of("N", "web", "IP", "10.88.0.7", "APP", "web", "NODE", "box-1")),
        Arguments.of(
            "resourceFieldRef with divisor and node default",
            """
            env:
            - {name: MEM, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
            - {name: CPU, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
            """,
            Map.of("MEM", "64", "CPU", "2")),
        Arguments.of(
            "valueFrom is not expanded",
            """
            env:
            - {name: A, value: x}
            - {name: B, valueFrom: {fieldRef: {fieldPath: "metadata.annotations['t']"}}}
            """,
            Map.of("A", "x", "B", "")),
        Arguments.of(
            "envFrom with prefix, invalid keys skipped",
            "envFrom: [{prefix: APP_, configMapRef: {name: app}}]",
            Map.of("APP_mode", "fast", "APP_level", "3")),
        Arguments.of(
            "envFrom secret then env overrides",
            """
            envFrom: [{secretRef: {name: creds}}]
            env: [{name: user, value: 'root-$(password)'}]
            """,
            Map.of("password", "s3cr3t", "user", "root-s3cr3t")),
        Arguments.of(
            "optional missing envFrom source",
            "envFrom: [{configMapRef: {name: nope, optional: true}}]",
            Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolved")
  void resolves(String name, String env, Map<String, String> expected) {
    assertThat(env(env)).containsExactlyInAnyOrderEntriesOf(expected);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            "missing configMap",
            "env: [{name: M, valueFrom: {configMapKeyRef: {name: nope, key: k}}}]",
            "configmap \"nope\" not found"),
        Arguments.of(
            "missing key of a configMap",
            "env: [{name: M, valueFrom: {configMapKeyRef: {name: app, key: k}}}]",
            "couldn't find key k in ConfigMap shop/app"),
        Arguments.of(
            "missing secret",
            "env: [{name: P, valueFrom: {secretKeyRef: {name: nope, key: k}}}]",
            "secret \"nope\" not found"),
        Arguments.of(
            "missing key of a secret",
            "env: [{name: P, valueFrom: {secretKeyRef: {name: creds, key: k}}}]",
            "couldn't find key k in Secret shop/creds"),
        Arguments.of(
            "missing envFrom secret",
            "envFrom: [{secretRef: {name: nope}}]",
            "secret \"nope\" not found"),
        Arguments.of(
            "optional key of a missing required configMap",
            "env: [{name: M, valueFrom: {configMapKeyRef: {name: nope, key: k, optional: false}}}]",
            "configmap \"nope\" not found"),
        Arguments.of(
            "unknown field",
            "env: [{name: F, valueFrom: {fieldRef: {fieldPath: spec.hostname}}}]",
            "unsupported fieldPath: spec.hostname"),
        Arguments.of(
            "unknown container",
            "env: [{name: F, valueFrom: {resourceFieldRef: {resource: limits.cpu,"
                + " containerName: x}}}]",
            "container x not found"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failsWithKubeletsMessage(String name, String env, String message) {
    assertThat(resolve(env)).isEqualTo(new ContainerEnv.Failed(message));
  }

  @Test
  void warnsAboutSkippedEnvFromKeys() {
    var r = (ContainerEnv.Resolved) resolve("envFrom: [{configMapRef: {name: app}}]");
    assertThat(r.warnings())
        .containsExactly(
            "Keys [bad=key] from the EnvFrom configMap shop/app were skipped since they are"
                + " considered invalid environment variable names.");
  }

  @Test
  void keepsDefinitionOrderAndLetsLaterDefinitionsWin() {
    assertThat(env("env: [{name: B, value: '1'}, {name: A, value: '2'}, {name: B, value: '3'}]"))
        .containsExactly(Map.entry("B", "3"), Map.entry("A", "2"));
  }

  @Test
  void expandsCommandAndArgsAgainstTheFinalEnvironment() {
    Map<String, String> env = env("env: [{name: GREETING, value: hi}]");
    assertThat(ContainerEnv.expand(List.of("echo", "$(GREETING)", "$$(GREETING)", "$(X)"), env))
        .containsExactly("echo", "hi", "$(GREETING)", "$(X)");
  }
}
