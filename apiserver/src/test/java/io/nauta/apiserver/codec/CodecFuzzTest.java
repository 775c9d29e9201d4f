package io.nauta.apiserver.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.apiserver.status.ApiException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The request decoders never fail with anything but a 400 or 415 Status, whatever arrives. */
class CodecFuzzTest {

  @Property(tries = 1000)
  void arbitraryBytesAreObjectsOrBadRequests(
      @ForAll byte[] body, @ForAll("mediaTypes") String type) {
    check(type, body);
  }

  @Property(tries = 1000)
  void jsonLikeTextIsObjectOrBadRequest(
      @ForAll("jsonish") String text, @ForAll("mediaTypes") String type) {
    check(type, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void check(String type, byte[] body) {
    try {
      assertThat(Codec.decodeObject(type, body)).isNotNull();
    } catch (ApiException e) {
      assertThat(e.code()).isIn(400, 415);
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> mediaTypes() {
    return Arbitraries.of(
        "application/json",
        "application/yaml",
        "application/merge-patch+json",
        "",
        "text/plain",
        "application/json; charset=utf-8");
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.strings()
        .withChars("{}[]\":,0123456789abcnulltrue-&*!|>\n -")
        .ofMaxLength(200);
  }
}
