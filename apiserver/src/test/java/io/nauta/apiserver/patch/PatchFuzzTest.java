package io.nauta.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.status.ApiException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Patches apply all-or-nothing and fail only with 400/422 Status errors. */
class PatchFuzzTest {
  private static final String DOC =
      "{\"metadata\":{\"name\":\"a\",\"labels\":{\"x\":\"1\"}},\"spec\":{\"list\":[1,2,3]}}";

  @Property(tries = 1000)
  void jsonPatchFailsCleanly(@ForAll("ops") ArrayNode patch) throws Exception {
    JsonNode doc = Codec.JSON.readTree(DOC);
    JsonNode before = doc.deepCopy();
    try {
      JsonPatch.apply(doc, patch);
    } catch (ApiException e) {
      assertThat(e.code()).isIn(400, 422);
    }
    assertThat(doc).isEqualTo(before);
  }

  @Provide
  Arbitrary<ArrayNode> ops() {
    Arbitrary<String> op =
        Arbitraries.of("add", "remove", "replace", "move", "copy", "test", "bogus");
    Arbitrary<String> path =
        Arbitraries.of(
            "",
            "/",
            "/metadata",
            "/metadata/name",
            "/metadata/labels/x",
            "/spec/list/0",
            "/spec/list/-",
            "/spec/list/9",
            "/spec/list/01",
            "/nope/deeper",
            "metadata",
            "/spec/list/a");
    Arbitrary<ObjectNode> one =
        Combinators.combine(op, path, path, Arbitraries.integers().between(0, 3))
            .as(
                (o, p, f, v) -> {
                  ObjectNode n = Codec.JSON.createObjectNode();
                  n.put("op", o);
                  n.put("path", p);
                  if (v > 0) {
                    n.put("value", v);
                  }
                  if (v > 1) {
                    n.put("from", f);
                  }
                  return n;
                });
    return one.list()
        .ofMaxSize(5)
        .map(
            l -> {
              ArrayNode a = Codec.JSON.createArrayNode();
              l.forEach(a::add);
              return a;
            });
  }

  @Test
  void mergePatchNullDeletesAndObjectsMerge() throws Exception {
    JsonNode out =
        MergePatch.apply(
            Codec.JSON.readTree(DOC),
            Codec.JSON.readTree(
                "{\"metadata\":{\"labels\":{\"x\":null,\"y\":\"2\"}},\"spec\":{\"list\":[9]}}"));
    assertThat(out.path("metadata").path("labels").has("x")).isFalse();
    assertThat(out.path("metadata").path("labels").path("y").asText()).isEqualTo("2");
    assertThat(out.path("metadata").path("name").asText()).isEqualTo("a");
    assertThat(out.path("spec").path("list")).hasSize(1);
  }

  @Test
  void jsonPatchAppliesInOrder() throws Exception {
    JsonNode out =
        JsonPatch.apply(
            Codec.JSON.readTree(DOC),
            Codec.JSON.readTree(
                "[{\"op\":\"add\",\"path\":\"/spec/list/-\",\"value\":4},{\"op\":\"remove\",\"path\":\"/spec/list/0\"},{\"op\":\"replace\",\"path\":\"/metadata/name\",\"value\":\"b\"},{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"b\"}]"));
    assertThat(out.path("spec").path("list").toString()).isEqualTo("[2,3,4]");
    assertThat(out.path("metadata").path("name").asText()).isEqualTo("b");
  }
}
