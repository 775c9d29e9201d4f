package io.nauta.apiserver.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.apply.Fields.Scope;
import io.nauta.apiserver.codec.Codec;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Ownership laws of server-side apply, checked on random configurations. */
class FieldManagerPropertyTest {

  private static FieldManager.Write by(String manager) {
    return new FieldManager.Write(manager, Scope.MAIN, false, "v1", "2026-01-01T00:00:00Z");
  }

  private static ObjectNode configMap(Map<String, String> data) {
    ObjectNode cm = Codec.JSON.createObjectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("metadata").put("name", "c");
    ObjectNode d = cm.putObject("data");
    data.forEach(d::put);
    return cm;
  }

  private static Map<String, String> data(ObjectNode obj) {
    return Codec.JSON.convertValue(
        obj.path("data"), new com.fasterxml.jackson.core.type.TypeReference<>() {});
  }

  @Property(tries = 300)
  void forcedApplyWinsAndEachManagerRemovesOnlyWhatItAloneOwned(
      @ForAll @Size(max = 6)
          Map<@AlphaChars @StringLength(min = 1, max = 3) String, @AlphaChars String> a,
      @ForAll @Size(max = 6)
          Map<@AlphaChars @StringLength(min = 1, max = 3) String, @AlphaChars String> b) {
    ObjectNode live = FieldManager.apply(null, configMap(a), by("A"), false);
    ObjectNode both = FieldManager.apply(live, configMap(b), by("B"), true);

    Map<String, String> merged = data(both);
    b.forEach((k, v) -> assertThat(merged).containsEntry(k, v));
    a.forEach(
        (k, v) -> {
          if (!b.containsKey(k)) {
            assertThat(merged).containsEntry(k, v);
          }
        });

    // A withdraws everything: only what B applied stays
    ObjectNode withdrawn = FieldManager.apply(both, configMap(Map.of()), by("A"), false);
    Set<String> left = new HashSet<>(data(withdrawn).keySet());
    assertThat(left).isEqualTo(b.keySet());
    assertThat(ManagedFields.of(withdrawn).entries())
        .allSatisfy(e -> assertThat(e.fields().isEmpty()).isFalse());
  }
}
