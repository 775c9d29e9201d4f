package io.nauta.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.apiserver.registry.ResourceCatalog;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.resources.BuiltinResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated schemas of the built-in kinds, as kubectl explain and apply read them. */
class OpenApiComponentsTest {
  private static final String CORE = "io.k8s.api.core.v1.";
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  private static final Map<String, GroupVersionSchemas> DOCS = new LinkedHashMap<>();
  private static long buildMillis;

  @BeforeAll
  static void buildAll() {
    ResourceCatalog catalog = new ResourceCatalog(BuiltinResources.all());
    long start = System.nanoTime();
    OpenApiComponents components = new OpenApiComponents();
    List<String> groups = new ArrayList<>();
    groups.add("");
    groups.addAll(catalog.groups());
    for (String g : groups) {
      for (String v : catalog.versions(g)) {
        DOCS.put(g.isEmpty() ? v : g + "/" + v, components.forResources(catalog.resources(g, v)));
      }
    }
    buildMillis = (System.nanoTime() - start) / 1_000_000;
  }

  private static JsonNode schema(String groupVersion, String name) {
    JsonNode s = DOCS.get(groupVersion).schemas().get(name);
    assertThat(s).as("schema %s in %s", name, groupVersion).isNotNull();
    return s;
  }

  /** A property's schema, looking through the allOf wrapper a description adds. */
  private static String refOf(JsonNode property) {
    JsonNode p = property.has("allOf") ? property.get("allOf").get(0) : property;
    return p.path("$ref").asText();
  }

  @Test
  void podSpecContainersIsAMapListOfContainerByName() {
    JsonNode pod = schema("v1", CORE + "Pod");
    assertThat(refOf(pod.at("/properties/spec")))
        .isEqualTo("#/components/schemas/" + CORE + "PodSpec");
    assertThat(refOf(pod.at("/properties/metadata")))
        .isEqualTo("#/components/schemas/" + META + "ObjectMeta");
    JsonNode containers = schema("v1", CORE + "PodSpec").at("/properties/containers");
    assertThat(containers.path("type").asText()).isEqualTo("array");
    assertThat(containers.at("/items/$ref").asText())
        .isEqualTo("#/components/schemas/" + CORE + "Container");
    assertThat(containers.path("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
    assertThat(containers.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    assertThat(containers.path("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(containers.path("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"name\"]");
    assertThat(containers.path("description").asText()).contains("containers that run in the Pod");
  }

  @Test
  void kindsAndListsDescribeApiVersionAndKind() {
    for (String name : List.of(CORE + "Pod", CORE + "PodList", META + "Status")) {
      JsonNode props = schema("v1", name).path("properties");
      assertThat(props.at("/apiVersion/type").asText()).as(name).isEqualTo("string");
      assertThat(props.at("/kind/type").asText()).as(name).isEqualTo("string");
    }
    assertThat(schema("v1", CORE + "PodSpec").path("properties").has("kind")).isFalse();
  }

  @Test
  void portsMergeByContainerPortInContainersAndByPortInServices() {
    assertThat(
            schema("v1", CORE + "Container")
                .at("/properties/ports/x-kubernetes-patch-merge-key")
                .asText())
        .isEqualTo("containerPort");
    assertThat(
            schema("v1", CORE + "ServiceSpec")
                .at("/properties/ports/x-kubernetes-patch-merge-key")
                .asText())
        .isEqualTo("port");
  }

  @Test
  void otherListsAreAtomicAndFinalizersASet() {
    JsonNode container = schema("v1", CORE + "Container");
    assertThat(container.at("/properties/args/x-kubernetes-list-type").asText())
        .isEqualTo("atomic");
    assertThat(container.at("/properties/args/items/type").asText()).isEqualTo("string");
    JsonNode finalizers = schema("v1", META + "ObjectMeta").at("/properties/finalizers");
    assertThat(finalizers.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    assertThat(finalizers.path("x-kubernetes-list-type").asText()).isEqualTo("set");
    JsonNode owners = schema("v1", META + "ObjectMeta").at("/properties/ownerReferences");
    assertThat(owners.path("x-kubernetes-patch-merge-key").asText()).isEqualTo("uid");
  }

  @Test
  void deploymentCarriesItsGroupVersionKind() {
    JsonNode gvk =
        schema("apps/v1", "io.k8s.api.apps.v1.Deployment").path("x-kubernetes-group-version-kind");
    assertThat(gvk.toString())
        .isEqualTo("[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]");
    assertThat(
            schema("apps/v1", "io.k8s.api.apps.v1.DeploymentList")
                .path("x-kubernetes-group-version-kind")
                .get(0)
                .path("kind")
                .asText())
        .isEqualTo("DeploymentList");
    JsonNode replicas =
        schema("apps/v1", "io.k8s.api.apps.v1.DeploymentSpec").at("/properties/replicas");
    assertThat(replicas.path("type").asText()).isEqualTo("integer");
    assertThat(replicas.path("format").asText()).isEqualTo("int32");
    // a nested type is not a kind and has no group-version-kind
    assertThat(
            schema("apps/v1", "io.k8s.api.apps.v1.DeploymentSpec")
                .has("x-kubernetes-group-version-kind"))
        .isFalse();
  }

  @Test
  void wellKnownTypesHaveTheirJsonForms() {
    JsonNode quantity = schema("v1", "io.k8s.apimachinery.pkg.api.resource.Quantity");
    assertThat(quantity.path("x-kubernetes-int-or-string").asBoolean()).isTrue();
    JsonNode limits = schema("v1", CORE + "ResourceRequirements").at("/properties/limits");
    assertThat(limits.path("type").asText()).isEqualTo("object");
    assertThat(limits.at("/additionalProperties/$ref").asText()).endsWith("resource.Quantity");
    assertThat(
            schema("v1", "io.k8s.apimachinery.pkg.util.intstr.IntOrString")
                .path("x-kubernetes-int-or-string")
                .asBoolean())
        .isTrue();
    JsonNode time = schema("v1", META + "Time");
    assertThat(time.path("type").asText()).isEqualTo("string");
    assertThat(time.path("format").asText()).isEqualTo("date-time");
    assertThat(schema("v1", META + "FieldsV1").path("type").asText()).isEqualTo("object");
    assertThat(
            schema("apps/v1", "io.k8s.apimachinery.pkg.runtime.RawExtension").path("type").asText())
        .isEqualTo("object");
    assertThat(
            schema("v1", CORE + "Secret")
                .at("/properties/data/additionalProperties/format")
                .asText())
        .isEqualTo("byte");
  }

  @Test
  void inlinedStructsLiftTheirFields() {
    JsonNode volume = schema("v1", CORE + "Volume").path("properties");
    assertThat(volume.has("configMap")).isTrue();
    assertThat(volume.has("volumeSource")).isFalse();
    assertThat(schema("v1", CORE + "Probe").path("properties").has("httpGet")).isTrue();
  }

  @Test
  void everyRefResolvesInItsOwnDocument() {
    for (Map.Entry<String, GroupVersionSchemas> doc : DOCS.entrySet()) {
      JsonNode schemas = doc.getValue().schemas();
      List<String> refs = new ArrayList<>();
      collectRefs(schemas, refs);
      doc.getValue().refs().values().forEach(refs::add);
      if (doc.getKey().startsWith("metrics.k8s.io/")) {
        continue; // no model to derive schemas from (see everyServedKindHasASchema)
      }
      assertThat(refs).as(doc.getKey()).isNotEmpty();
      for (String ref : refs) {
        assertThat(ref).startsWith(SchemaNames.REF_PREFIX);
        assertThat(schemas.has(ref.substring(SchemaNames.REF_PREFIX.length())))
            .as("%s in %s", ref, doc.getKey())
            .isTrue();
      }
    }
  }

  @Test
  void everyServedKindHasASchema() {
    for (ResourceType t : BuiltinResources.all()) {
      if (t.isReadOnly()) {
        continue; // metrics.k8s.io: client-java-proto has no model to derive a schema from
      }
      GroupVersionSchemas doc = DOCS.get(t.groupVersion());
      assertThat(doc.kindRef(t)).as(t.groupVersion() + " " + t.kind()).isPresent();
      if (!t.isCreateOnly()) {
        assertThat(doc.listRef(t)).as(t.groupVersion() + " " + t.listKind()).isPresent();
      }
      for (String sub : t.subresources()) {
        if (java.util.List.of("exec", "attach", "portforward").contains(sub)) {
          continue; // streams, not objects
        }
        assertThat(doc.subresourceRef(t, sub)).as(t.kind() + "/" + sub).isPresent();
      }
    }
  }

  @Test
  void buildsAllDocumentsQuickly() {
    // the whole generation, descriptor loading included, runs at server start
    System.out.println(
        "generated " + DOCS.size() + " group-version schema sets in " + buildMillis + " ms");
    assertThat(buildMillis).isLessThan(2_000);
  }

  private static void collectRefs(JsonNode n, List<String> out) {
    if (n.isObject()) {
      JsonNode ref = n.get("$ref");
      if (ref != null && ref.isTextual()) {
        out.add(ref.asText());
      }
    }
    if (n.isContainerNode()) {
      n.forEach(child -> collectRefs(child, out));
    }
  }
}
