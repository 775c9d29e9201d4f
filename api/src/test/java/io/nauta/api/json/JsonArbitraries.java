package io.nauta.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Random Jackson trees for fuzzing decoders, biased towards the field names they look for. */
public final class JsonArbitraries {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonArbitraries() {}

  /** Trees up to {@code depth} levels whose object keys come from {@code keys} (or are random). */
  public static Arbitrary<JsonNode> trees(int depth, List<String> keys, List<String> texts) {
    Arbitrary<JsonNode> leaf = leaves(texts);
    if (depth <= 0) {
      return leaf;
    }
    Arbitrary<JsonNode> child = Arbitraries.lazy(() -> trees(depth - 1, keys, texts));
    Arbitrary<String> key =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.of(keys)),
            net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(5)));
    Arbitrary<JsonNode> array =
        child
            .list()
            .ofMaxSize(4)
            .map(
                items -> {
                  ArrayNode a = F.arrayNode();
                  items.forEach(a::add);
                  return a;
                });
    Arbitrary<JsonNode> object =
        Arbitraries.maps(key, child)
            .ofMaxSize(4)
            .map(
                fields -> {
                  ObjectNode o = F.objectNode();
                  fields.forEach(o::set);
                  return o;
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, leaf),
        net.jqwik.api.Tuple.of(2, array),
        net.jqwik.api.Tuple.of(3, object));
  }

  /** Scalars of every JSON type, strings mostly from {@code texts}. */
  public static Arbitrary<JsonNode> leaves(List<String> texts) {
    return Arbitraries.oneOf(
        Arbitraries.of(texts).map(F::textNode),
        Arbitraries.strings().ofMaxLength(8).map(F::textNode),
        Arbitraries.longs().map(F::numberNode),
        Arbitraries.doubles().map(F::numberNode),
        Arbitraries.bigIntegers()
            .between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70))
            .map(F::numberNode),
        Arbitraries.of(true, false).map(F::booleanNode),
        Arbitraries.just(F.nullNode()));
  }
}
