package io.nauta.apiserver.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangesTest {

  @ParameterizedTest(name = "{0}: {1} usable, first {2}, last {3}, static band {4}")
  @CsvSource({
    "10.43.0.0/16, 65534, 10.43.0.1, 10.43.255.254, 256",
    "10.43.7.9/16, 65534, 10.43.0.1, 10.43.255.254, 256",
    "10.96.0.0/12, 1048574, 10.96.0.1, 10.111.255.254, 256",
    "192.168.5.0/24, 254, 192.168.5.1, 192.168.5.254, 16",
    "10.0.0.0/27, 30, 10.0.0.1, 10.0.0.30, 16",
    "10.0.0.0/28, 14, 10.0.0.1, 10.0.0.14, 0",
    "10.0.0.0/30, 2, 10.0.0.1, 10.0.0.2, 0",
  })
  void ipRangesLeaveOutNetworkAndBroadcast(
      String cidr, int size, String first, String last, int band) {
    IpRange r = IpRange.parse(cidr);
    assertThat(r.size()).isEqualTo(size);
    assertThat(r.valueAt(0)).isEqualTo(first);
    assertThat(r.valueAt(size - 1)).isEqualTo(last);
    assertThat(r.offsetOf(first)).isZero();
    assertThat(r.offsetOf(last)).isEqualTo(size - 1);
    assertThat(r.staticBandSize()).isEqualTo(band);
  }

  @ParameterizedTest(name = "{0} is not a usable address of 10.43.0.0/16")
  @CsvSource({
    "10.43.0.0",
    "10.43.255.255",
    "10.44.0.1",
    "10.42.255.254",
    "abc",
    "10.43.0",
    "10.43.0.01",
    "10.43.0.256",
    "::1"
  })
  void ipRangesRefuseOtherValues(String value) {
    assertThat(IpRange.parse("10.43.0.0/16").offsetOf(value)).isEqualTo(-1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"10.43.0.0", "10.43.0.0/33", "10.43.0.0/31", "10.0.0.0/8", "fd00::/108", "x/16"})
  void badCidrsAreRefused(String cidr) {
    assertThatThrownBy(() -> IpRange.parse(cidr)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}: {1} ports, static band {2}")
  @CsvSource({
    "30000-32767, 2768, 86",
    "30000+2767, 2768, 86",
    "1-65535, 65535, 128",
    "40000-40009, 10, 0",
    "8080, 1, 0"
  })
  void portRanges(String text, int size, int band) {
    PortRange r = PortRange.parse(text);
    assertThat(r.size()).isEqualTo(size);
    assertThat(r.staticBandSize()).isEqualTo(band);
    assertThat(r.offsetOf(r.valueAt(size - 1))).isEqualTo(size - 1);
    assertThat(r.offsetOf(Integer.toString(r.first() - 1))).isEqualTo(-1);
    assertThat(r.offsetOf(Integer.toString(r.last() + 1))).isEqualTo(-1);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource({"32767-30000", "0-10", "30000-70000", "a-b", "''"})
  void badPortRangesAreRefused(String text) {
    assertThatThrownBy(() -> PortRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void rangesDescribeThemselvesAsConfigured() {
    assertThat(IpRange.parse("10.43.1.2/16").describe()).isEqualTo("10.43.0.0/16");
    assertThat(PortRange.parse("30000-32767").describe()).isEqualTo("30000-32767");
  }
}
