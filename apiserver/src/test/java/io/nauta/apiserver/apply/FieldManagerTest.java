package io.nauta.apiserver.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.apply.Fields.Scope;
import io.nauta.apiserver.codec.Codec;
import org.junit.jupiter.api.Test;

class FieldManagerTest {

  private static ObjectNode json(String s) {
    try {
      return (ObjectNode) Codec.JSON.readTree(s.replace('\'', '"'));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static FieldManager.Write write(String manager) {
    return new FieldManager.Write(manager, Scope.MAIN, true, "apps/v1", "2026-01-01T00:00:00Z");
  }

  private static ObjectNode deployment(int replicas, String image) {
    return json(
        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'app':'web'}},"
            + "'spec':{'replicas':"
            + replicas
            + ",'template':{'spec':{'containers':[{'name':'web','image':'"
            + image
            + "'}]}}}}");
  }

  private static JsonNode entry(ObjectNode obj, String manager, String operation) {
    for (JsonNode e : obj.path("metadata").path("managedFields")) {
      if (e.path("manager").asText().equals(manager)
          && e.path("operation").asText().equals(operation)) {
        return e;
      }
    }
    return null;
  }

  @Test
  void applyOnCreateOwnsEveryFieldOfTheConfigurationInFieldsV1Form() {
    ObjectNode out = FieldManager.apply(null, deployment(2, "nginx:1"), write("mgr"), false);
    JsonNode e = entry(out, "mgr", "Apply");
    assertThat(e.path("fieldsType").asText()).isEqualTo("FieldsV1");
    assertThat(e.path("apiVersion").asText()).isEqualTo("apps/v1");
    JsonNode f = e.path("fieldsV1");
    assertThat(f.path("f:metadata").path("f:labels").has("f:app")).isTrue();
    assertThat(f.path("f:metadata").has("f:name")).isFalse();
    assertThat(f.has("f:apiVersion")).isFalse();
    JsonNode container =
        f.path("f:spec")
            .path("f:template")
            .path("f:spec")
            .path("f:containers")
            .path("k:{\"name\":\"web\"}");
    assertThat(container.has(".")).isTrue();
    assertThat(container.has("f:image")).isTrue();
  }

  @Test
  void applyChangingAFieldAnotherManagerOwnsIsAConflictNamingManagerAndField() {
    ObjectNode live = FieldManager.apply(null, deployment(2, "nginx:1"), write("mgr"), false);
    ObjectNode scaled = live.deepCopy();
    ((ObjectNode) scaled.get("spec")).put("replicas", 5);
    FieldManager.trackUpdate(live, scaled, write("kubectl-scale"));

    assertThatThrownBy(
            () -> FieldManager.apply(scaled, deployment(3, "nginx:1"), write("mgr"), false))
        .isInstanceOf(ApplyConflictException.class)
        .hasMessage(
            "Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1:"
                + " .spec.replicas")
        .satisfies(ex -> assertThat(((ApplyConflictException) ex).code()).isEqualTo(409));
  }

  @Test
  void applyWithTheSameValueSharesOwnershipWithoutConflict() {
    ObjectNode live = FieldManager.apply(null, deployment(2, "nginx:1"), write("a"), false);
    ObjectNode out = FieldManager.apply(live, deployment(2, "nginx:1"), write("b"), false);
    assertThat(entry(out, "a", "Apply").path("fieldsV1").path("f:spec").has("f:replicas")).isTrue();
    assertThat(entry(out, "b", "Apply").path("fieldsV1").path("f:spec").has("f:replicas")).isTrue();
  }

  @Test
  void forcedApplyTakesTheFieldFromTheOtherManager() {
    ObjectNode live = FieldManager.apply(null, deployment(2, "nginx:1"), write("a"), false);
    ObjectNode out = FieldManager.apply(live, deployment(7, "nginx:1"), write("b"), true);
    assertThat(out.path("spec").path("replicas").asInt()).isEqualTo(7);
    assertThat(entry(out, "a", "Apply").path("fieldsV1").path("f:spec").has("f:replicas"))
        .isFalse();
    assertThat(entry(out, "b", "Apply").path("fieldsV1").path("f:spec").has("f:replicas")).isTrue();
  }

  @Test
  void fieldsLeftOutOfTheNextApplyAreRemovedUnlessSomeoneElseOwnsThem() {
    ObjectNode first =
        json(
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','labels':{'x':'1','y':'2'}},"
                + "'data':{'a':'1','b':'2'}}");
    ObjectNode live = FieldManager.apply(null, first, write("mgr"), false);
    ObjectNode edited = live.deepCopy();
    ((ObjectNode) edited.get("data")).put("b", "changed");
    FieldManager.trackUpdate(live, edited, write("kubectl-edit"));

    ObjectNode second =
        json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'a':'1'}}");
    ObjectNode out = FieldManager.apply(edited, second, write("mgr"), false);
    assertThat(out.path("metadata").path("labels").has("x")).isFalse();
    assertThat(out.path("data").path("a").asText()).isEqualTo("1");
    // b was taken over by the edit, so the apply manager no longer removes it
    assertThat(out.path("data").path("b").asText()).isEqualTo("changed");
  }

  @Test
  void keyedListsMergeByKeyAndDroppedElementsAreRemoved() {
    ObjectNode two =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'template':"
                + "{'spec':{'containers':[{'name':'a','image':'i1'},{'name':'b','image':'i2'}]}}}}");
    ObjectNode live = FieldManager.apply(null, two, write("mgr"), false);
    ObjectNode withSidecar = live.deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode)
            withSidecar.at("/spec/template/spec/containers"))
        .addObject()
        .put("name", "sidecar")
        .put("image", "s");
    FieldManager.trackUpdate(live, withSidecar, write("injector"));

    ObjectNode one =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'template':"
                + "{'spec':{'containers':[{'name':'a','image':'i3'}]}}}}");
    ObjectNode out = FieldManager.apply(withSidecar, one, write("mgr"), false);
    JsonNode containers = out.at("/spec/template/spec/containers");
    assertThat(containers).hasSize(2);
    assertThat(containers.get(0).path("image").asText()).isEqualTo("i3");
    assertThat(containers.get(1).path("name").asText()).isEqualTo("sidecar");
  }

  @Test
  void updatesMoveChangedFieldsToTheirManagerAndDropRemovedFields() {
    ObjectNode created =
        json(
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'a':'1','b':'2'}}");
    FieldManager.trackUpdate(null, created, write("kubectl-create"));
    ObjectNode next = created.deepCopy();
    ((ObjectNode) next.get("data")).put("a", "9");
    ((ObjectNode) next.get("data")).remove("b");
    FieldManager.trackUpdate(created, next, write("kubectl-edit"));

    // the creator owns nothing any more, so its entry is gone
    assertThat(entry(next, "kubectl-create", "Update")).isNull();
    assertThat(entry(next, "kubectl-edit", "Update").path("fieldsV1").path("f:data").has("f:a"))
        .isTrue();
  }

  @Test
  void managedFieldsTheClientChangedAreTakenAsSent() {
    ObjectNode created =
        json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'a':'1'}}");
    FieldManager.trackUpdate(null, created, write("kubectl-client-side-apply"));
    ObjectNode migrated = created.deepCopy();
    ((ObjectNode) migrated.at("/metadata/managedFields/0")).put("manager", "kubectl");
    ((ObjectNode) migrated.at("/metadata/managedFields/0")).put("operation", "Apply");
    FieldManager.trackUpdate(created, migrated, write("kubectl"));
    assertThat(entry(migrated, "kubectl", "Apply")).isNotNull();
    assertThat(entry(migrated, "kubectl-client-side-apply", "Update")).isNull();
  }

  @Test
  void fieldSetsRoundTripThroughFieldsV1() {
    ObjectNode obj = deployment(1, "x");
    FieldSet set = Fields.of(obj, Scope.MAIN, true);
    assertThat(FieldSet.fromFieldsV1(set.toFieldsV1())).isEqualTo(set);
    assertThatThrownBy(() -> FieldSet.fromFieldsV1(json("{'bogus':{}}")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
