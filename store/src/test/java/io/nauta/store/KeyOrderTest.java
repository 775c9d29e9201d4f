package io.nauta.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class KeyOrderTest {

  @Property
  void agreesWithUtf8ByteOrder(@ForAll String a, @ForAll String b) {
    int expected =
        Integer.signum(
            Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

    assertThat(Integer.signum(KeyOrder.compare(a, b))).isEqualTo(expected);
  }

  @Property
  void agreesWithUtf8ByteOrderAroundSurrogates(@ForAll("nearSurrogates") String a) {
    String b = "\uE000x";
    int expected =
        Integer.signum(
            Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

    assertThat(Integer.signum(KeyOrder.compare(a, b))).isEqualTo(expected);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> nearSurrogates() {
    return net.jqwik.api.Arbitraries.integers()
        .between(0xD000, 0x10FFFF)
        .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
        .map(Character::toString);
  }
}
