package io.nauta.apiserver.resources.core;

import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.Lookup;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultStorageClassTest {
  private static ObjectNode sc(String name, String created, boolean isDefault) {
    return object(
        "{\"metadata\":{\"name\":\"%s\",\"creationTimestamp\":\"%s\",\"annotations\":{%s}},\"provisioner\":\"p.io/x\"}"
            .formatted(
                name,
                created,
                isDefault ? "\"storageclass.kubernetes.io/is-default-class\":\"true\"" : ""));
  }

  private static Lookup classes(ObjectNode... scs) {
    return new Lookup() {
      @Override
      public Optional<ObjectNode> get(
          String group, String version, String plural, String namespace, String name) {
        return Optional.empty();
      }

      @Override
      public List<ObjectNode> list(String group, String version, String plural) {
        return "storageclasses".equals(plural) ? List.of(scs) : List.of();
      }
    };
  }

  private static final String CLAIM =
      "{\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}%s}}";

  private final PersistentVolumeClaimStrategy strategy = new PersistentVolumeClaimStrategy();

  private String admitted(String extraSpec, Lookup lookup) {
    ObjectNode pvc = object(CLAIM.formatted(extraSpec));
    strategy.prepareForCreate(pvc);
    strategy.admit(pvc, lookup);
    return pvc.at("/spec/storageClassName").isMissingNode()
        ? null
        : pvc.at("/spec/storageClassName").asText();
  }

  @Test
  void aClaimWithoutClassGetsTheNewestDefaultClass() {
    Lookup lookup =
        classes(
            sc("old-default", "2024-01-01T00:00:00Z", true),
            sc("new-default", "2024-02-01T00:00:00Z", true),
            sc("newest-plain", "2024-03-01T00:00:00Z", false));
    assertThat(admitted("", lookup)).isEqualTo("new-default");
  }

  @Test
  void defaultClassesOfTheSameAgeGoByName() {
    Lookup lookup =
        classes(sc("b", "2024-01-01T00:00:00Z", true), sc("a", "2024-01-01T00:00:00Z", true));
    assertThat(admitted("", lookup)).isEqualTo("a");
  }

  @Test
  void anExplicitClassEvenEmptyIsKept() {
    Lookup lookup = classes(sc("local-path", "2024-01-01T00:00:00Z", true));
    assertThat(admitted(",\"storageClassName\":\"\"", lookup)).isEmpty();
    assertThat(admitted(",\"storageClassName\":\"fast\"", lookup)).isEqualTo("fast");
  }

  @Test
  void withoutADefaultClassTheClaimNamesNone() {
    assertThat(admitted("", classes(sc("plain", "2024-01-01T00:00:00Z", false)))).isNull();
  }

  @Test
  void theBetaDefaultAnnotationCounts() {
    ObjectNode beta =
        object(
            "{\"metadata\":{\"name\":\"beta\",\"annotations\":"
                + "{\"storageclass.beta.kubernetes.io/is-default-class\":\"true\"}}}");
    assertThat(admitted("", classes(beta))).isEqualTo("beta");
  }
}
