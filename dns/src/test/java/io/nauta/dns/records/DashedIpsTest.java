package io.nauta.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DashedIpsTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "10.42.0.5, 10-42-0-5",
    "fd00::5, fd00--5",
    "::1, --1",
    "2001:db8:0:0:1:0:0:1, 2001-db8--1-0-0-1",
  })
  void formatsAddressesAsLabels(String ip, String label) throws Exception {
    assertThat(DashedIps.format(InetAddress.getByName(ip))).isEqualTo(label);
    assertThat(DashedIps.parse(label)).contains(InetAddress.getByName(ip));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(
      strings = {"10-42-0", "10-42-0-256", "a-b-c-d", "10-42-0-05x", "1-2-3-4-5", "web", ""})
  void rejectsLabelsThatAreNoAddress(String label) {
    assertThat(DashedIps.parse(label)).isEmpty();
  }

  @Property
  void everyAddressSurvivesTheRoundTrip(@ForAll("addresses") byte[] raw) throws Exception {
    InetAddress ip = InetAddress.getByAddress(raw);
    assertThat(DashedIps.parse(DashedIps.format(ip))).contains(ip);
  }

  @Property
  void parsingNeverThrows(@ForAll @Size(max = 60) String label) {
    assertThat(DashedIps.parse(label)).isNotNull();
  }

  @Provide
  Arbitrary<byte[]> addresses() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofSize(4),
        Arbitraries.bytes().array(byte[].class).ofSize(16));
  }
}
