package io.nauta.api.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class Ipv4Test {
  @Property
  void formatAndParseAreInverse(@ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long ip) {
    assertThat(Ipv4.parse(Ipv4.format(ip))).isEqualTo(ip);
  }

  @Test
  void onlyDottedQuadsAreAddresses() {
    assertThat(Ipv4.parse("10.43.0.1")).isEqualTo(0x0A2B0001L);
    assertThat(Ipv4.parse("255.255.255.255")).isEqualTo(0xFFFFFFFFL);
    for (String bad :
        new String[] {
          "", "10.43.0", "10.43.0.1.2", "10.43.0.256", "010.43.0.1", "::1", "a.b.c.d", "1..2.3"
        }) {
      assertThat(Ipv4.isAddress(bad)).as(bad).isFalse();
    }
    assertThat(Ipv4.isAddress(null)).isFalse();
  }

  @Test
  void cidrsContainTheirAddresses() {
    Cidr c = Cidr.parse("10.42.7.9/16");
    assertThat(c.toString()).isEqualTo("10.42.0.0/16");
    assertThat(c.contains(Ipv4.parse("10.42.255.1"))).isTrue();
    assertThat(c.contains(Ipv4.parse("10.43.0.1"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(Ipv4.parse("192.0.2.1"))).isTrue();
    assertThat(Cidr.parse("192.0.2.1/32").contains(Ipv4.parse("192.0.2.1"))).isTrue();
  }

  @Test
  void badCidrsSayWhy() {
    assertThatThrownBy(() -> Cidr.parse("10.42.0.0")).hasMessageContaining("want a.b.c.d/n");
    assertThatThrownBy(() -> Cidr.parse("10.42.0.0/33")).hasMessageContaining("prefix length");
    assertThatThrownBy(() -> Cidr.parse("10.42.0.0/x")).hasMessageContaining("prefix length");
    assertThatThrownBy(() -> Cidr.parse("fd00::/64")).hasMessageContaining("IPv4");
  }
}
