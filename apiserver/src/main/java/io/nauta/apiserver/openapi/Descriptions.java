package io.nauta.apiserver.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Nauta's own one-sentence descriptions of types and fields, read from {@code
 * descriptions.properties} beside this class. Immutable; thread-safe.
 *
 * <p>Keys are a type's short name ({@code PodSpec}) for the type, {@code Type.field} for a field
 * (JSON name; the type is the one the field appears in after inlining), or {@code *.field} for a
 * field every type shares the meaning of ({@code metadata}, {@code spec}, ...). Short names are
 * shared across versions of a group, whose fields mean the same.
 */
final class Descriptions {
  private static final String RESOURCE = "descriptions.properties";
  private final Map<String, String> byKey;

  Descriptions(Map<String, String> byKey) {
    this.byKey = Map.copyOf(byKey);
  }

  /** The descriptions shipped with the server. */
  static Descriptions builtIn() {
    Properties p = new Properties();
    try (InputStream in = Descriptions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> m = new HashMap<>();
    p.forEach((k, v) -> m.put(k.toString(), v.toString().trim()));
    return new Descriptions(m);
  }

  /** The description of the type named {@code shortName}, if written. */
  Optional<String> ofType(String shortName) {
    return Optional.ofNullable(byKey.get(shortName));
  }

  /** The description of {@code field} in type {@code shortName}, else of any type's field. */
  Optional<String> ofField(String shortName, String field) {
    String d = byKey.get(shortName + "." + field);
    return Optional.ofNullable(d != null ? d : byKey.get("*." + field));
  }
}
