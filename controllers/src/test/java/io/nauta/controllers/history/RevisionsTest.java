package io.nauta.controllers.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevisionsTest {
  private static PodTemplateSpec template(String image, Map<String, String> labels) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static ControllerRevision revision(String name, long number, PodTemplateSpec t) {
    return new ControllerRevisionBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withData(t == null ? Map.of() : Revisions.data(t))
        .withRevision(number)
        .build();
  }

  @Test
  void theHashIsStableIgnoresLabelOrderAndChangesWithTheTemplate() {
    var a = template("nginx:1", ordered("app", "web", "tier", "front"));
    var sameReordered = template("nginx:1", ordered("tier", "front", "app", "web"));
    var other = template("nginx:2", ordered("app", "web", "tier", "front"));
    assertThat(Revisions.hash(a)).isEqualTo(Revisions.hash(sameReordered));
    assertThat(Revisions.hash(a)).isNotEqualTo(Revisions.hash(other));
    assertThat(Revisions.hash(a)).matches("[bcdfghjklmnpqrstvwxz2456789]+");
    assertThat(Revisions.name("web", "abc")).isEqualTo("web-abc");
    assertThat(Revisions.name("x".repeat(300), "abc")).hasSize(223 + 4);
  }

  @Test
  void dataIsTheStrategicMergePatchThatReplacesTheTemplate() {
    var t = template("nginx:1", Map.of("app", "web"));
    String json = Serialization.asJson(Revisions.data(t));
    assertThat(json)
        .contains("\"spec\":{\"template\":{")
        .contains("\"$patch\":\"replace\"")
        .contains("nginx:1");
    // what the API server stores and returns comes back as the same template
    ControllerRevision stored =
        Serialization.unmarshal(
            Serialization.asJson(revision("web-1", 1, t)), ControllerRevision.class);
    assertThat(Revisions.template(stored)).isEqualTo(t);
    assertThat(Revisions.holds(stored, t)).isTrue();
    assertThat(Revisions.holds(stored, template("nginx:2", Map.of("app", "web")))).isFalse();
    assertThat(Revisions.template(revision("empty", 1, null))).isNull();
  }

  @Test
  void trimmingDeletesTheOldestRevisionsNotInUseBeyondTheLimit() {
    var t = template("nginx:1", Map.of());
    List<ControllerRevision> history =
        List.of(
            revision("r5", 5, t),
            revision("r1", 1, t),
            revision("r2", 2, t),
            revision("r3", 3, t),
            revision("r4", 4, t));
    Set<String> live = Set.of("r5", "r1");
    assertThat(Revisions.toTrim(history, r -> live.contains(r.getMetadata().getName()), 1))
        .extracting(r -> r.getMetadata().getName())
        .containsExactly("r2", "r3");
    assertThat(Revisions.toTrim(history, r -> live.contains(r.getMetadata().getName()), 3))
        .isEmpty();
    assertThat(Revisions.toTrim(history, r -> false, 0)).hasSize(5);
    assertThat(Revisions.max(history)).isEqualTo(5);
    assertThat(Revisions.max(List.of())).isZero();
  }
}
