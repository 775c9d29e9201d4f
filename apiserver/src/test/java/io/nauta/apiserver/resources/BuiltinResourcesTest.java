package io.nauta.apiserver.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.TableColumn;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltinResourcesTest {

  static Stream<Arguments> resources() {
    return BuiltinResources.all().stream()
        .map(t -> Arguments.of(t.groupVersion() + " " + t.plural(), t));
  }

  @Test
  void groupVersionPluralIsUnique() {
    Set<String> seen = new HashSet<>();
    for (ResourceType t : BuiltinResources.all()) {
      assertThat(seen.add(t.groupVersion() + "/" + t.plural())).as(t.plural()).isTrue();
    }
  }

  @Test
  void servesTheResourcesKubectlListsWithTheirShortNamesAndCategories() {
    Map<String, ResourceType> byName = new java.util.HashMap<>();
    BuiltinResources.all().forEach(t -> byName.put(t.groupVersion() + "/" + t.plural(), t));
    assertThat(byName.get("v1/pods").shortNames()).containsExactly("po");
    assertThat(byName.get("v1/pods").categories()).containsExactly("all");
    assertThat(byName.get("v1/pods").subresources()).contains("status", "binding", "eviction");
    assertThat(byName.get("v1/namespaces").namespaced()).isFalse();
    assertThat(byName.get("v1/nodes").shortNames()).containsExactly("no");
    assertThat(byName.get("v1/limitranges").shortNames()).containsExactly("limits");
    assertThat(byName.get("v1/resourcequotas").shortNames()).containsExactly("quota");
    assertThat(byName.get("apps/v1/deployments").subresources())
        .containsExactlyInAnyOrder("status", "scale");
    assertThat(byName.get("apps/v1/statefulsets").shortNames()).containsExactly("sts");
    assertThat(byName.get("batch/v1/jobs").shortNames()).isEmpty();
    assertThat(byName.get("batch/v1/cronjobs").shortNames()).containsExactly("cj");
    assertThat(byName.get("autoscaling/v1/horizontalpodautoscalers").storageGroupVersion())
        .isEqualTo("autoscaling/v2");
    assertThat(byName.get("autoscaling/v1/horizontalpodautoscalers").storagePrefix())
        .isEqualTo(byName.get("autoscaling/v2/horizontalpodautoscalers").storagePrefix());
    assertThat(byName.get("events.k8s.io/v1/events").storagePrefix())
        .isEqualTo(byName.get("v1/events").storagePrefix())
        .isEqualTo("/registry/core/events/");
    assertThat(byName.get("scheduling.k8s.io/v1/priorityclasses").namespaced()).isFalse();
    assertThat(byName.get("rbac.authorization.k8s.io/v1/clusterrolebindings").namespaced())
        .isFalse();
    assertThat(byName.get("v1/configmaps").categories()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resources")
  void printsOneCellPerColumnForAMinimalObject(String name, ResourceType type) {
    List<TableColumn> columns = type.strategy().columns();
    assertThat(columns).isNotEmpty();
    ObjectNode obj = minimal(type);
    type.strategy().prepareForCreate(obj);
    List<Object> cells = type.strategy().cells(obj, TestObjects.NOW);
    assertThat(cells).hasSameSizeAs(columns);
    for (Object cell : cells) {
      assertThat(
              cell == null
                  || cell instanceof String
                  || cell instanceof Long
                  || cell instanceof Integer
                  || cell instanceof Boolean)
          .as("cell %s", cell)
          .isTrue();
    }
    assertThat(type.strategy().cells(minimal(type), TestObjects.NOW)).hasSameSizeAs(columns);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resources")
  void strategiesNeverThrowOnAMinimalObject(String name, ResourceType type) {
    ObjectNode obj = minimal(type);
    type.strategy().prepareForCreate(obj);
    type.strategy().validate(obj);
    type.strategy().selectableFields(obj);
    ObjectNode updated = obj.deepCopy();
    type.strategy().prepareForUpdate(updated, obj);
    type.strategy().validateUpdate(updated, obj);
    type.strategy().validateStatusUpdate(updated, obj);
    type.strategy().defaultGracePeriodSeconds(obj);
    ObjectNode served = type.converter().fromStorage(obj);
    assertThat(type.converter().toStorage(served)).isNotNull();
  }

  private static ObjectNode minimal(ResourceType type) {
    ObjectNode obj =
        TestObjects.object(
            "{\"apiVersion\":\"" + type.groupVersion() + "\",\"kind\":\"" + type.kind() + "\"}");
    if (!type.namespaced()) {
      ((ObjectNode) obj.get("metadata")).remove("namespace");
    }
    return type.converter().toStorage(obj);
  }
}
