package io.nauta.client.taints;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TolerationsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant ADDED = Instant.parse("2026-12-01T09:59:00Z");

  private static Taint taint(String key, String value, String effect) {
    return new TaintBuilder()
        .withKey(key)
        .withValue(value)
        .withEffect(effect)
        .withTimeAdded(ADDED.toString())
        .build();
  }

  private static Toleration tol(String key, String op, String value, String effect, Long secs) {
    return new TolerationBuilder()
        .withKey(key)
        .withOperator(op)
        .withValue(value)
        .withEffect(effect)
        .withTolerationSeconds(secs)
        .build();
  }

  static Stream<Arguments> matching() {
    Taint gpu = taint("gpu", "yes", "NoSchedule");
    return Stream.of(
        Arguments.of("Equal with same value", tol("gpu", "Equal", "yes", null, null), gpu, true),
        Arguments.of("default operator is Equal", tol("gpu", null, "yes", null, null), gpu, true),
        Arguments.of("Equal other value", tol("gpu", "Equal", "no", null, null), gpu, false),
        Arguments.of("Exists on key", tol("gpu", "Exists", null, null, null), gpu, true),
        Arguments.of("Exists with empty key", tol(null, "Exists", null, null, null), gpu, true),
        Arguments.of("other effect", tol("gpu", "Exists", null, "NoExecute", null), gpu, false),
        Arguments.of("same effect", tol("gpu", "Exists", null, "NoSchedule", null), gpu, true),
        Arguments.of("other key", tol("disk", "Exists", null, null, null), gpu, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matching")
  void matchesLikeKubernetes(String name, Toleration t, Taint taint, boolean expected) {
    assertThat(Tolerations.tolerates(t, taint)).isEqualTo(expected);
  }

  static Stream<Arguments> evictions() {
    Taint unreachable = taint("node.kubernetes.io/unreachable", null, "NoExecute");
    Taint noSchedule = taint("node.kubernetes.io/unreachable", null, "NoSchedule");
    Toleration for300 = tol("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 300L);
    Toleration for10 = tol("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 10L);
    Toleration forever = tol("node.kubernetes.io/unreachable", "Exists", null, null, null);
    return Stream.of(
        Arguments.of("untolerated: now", List.of(), List.of(unreachable), Optional.of(NOW)),
        Arguments.of(
            "tolerated for 300 s after the taint was added",
            List.of(for300),
            List.of(unreachable),
            Optional.of(ADDED.plusSeconds(300))),
        Arguments.of(
            "the least seconds win",
            List.of(for300, for10),
            List.of(unreachable),
            Optional.of(ADDED.plusSeconds(10))),
        Arguments.of("tolerated forever", List.of(forever), List.of(unreachable), Optional.empty()),
        Arguments.of(
            "NoSchedule taints never evict", List.of(), List.of(noSchedule), Optional.empty()),
        Arguments.of(
            "one untolerated taint among tolerated ones",
            List.of(forever),
            List.of(unreachable, taint("maintenance", "x", "NoExecute")),
            Optional.of(NOW)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evictions")
  void computesWhenAPodMustLeave(
      String name, List<Toleration> tolerations, List<Taint> taints, Optional<Instant> expected) {
    assertThat(Tolerations.evictionTime(tolerations, taints, NOW)).isEqualTo(expected);
  }
}
