package io.nauta.dns.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResolvConfTest {
  @Test
  void readsTheFirstThreeNameserversInOrder() {
    String text =
        """
        # comment
        search example.org
        nameserver 192.0.2.1
        nameserver   fe80::1%eth0
        options ndots:2
        nameserver not-an-ip
        nameserver 192.0.2.3
        nameserver 192.0.2.4
        """;
    assertThat(ResolvConf.parse(text))
        .extracting(a -> a.getAddress().getHostAddress() + "#" + a.getPort())
        .containsExactly("192.0.2.1#53", "fe80:0:0:0:0:0:0:1#53", "192.0.2.3#53");
  }

  @Test
  void noNameserverMeansTheLocalResolver(@TempDir Path dir) throws Exception {
    assertThat(ResolvConf.parse("search x\n"))
        .containsExactly(new InetSocketAddress("127.0.0.1", 53));
    assertThat(ResolvConf.read(dir.resolve("missing")))
        .containsExactly(new InetSocketAddress("127.0.0.1", 53));
    Files.writeString(dir.resolve("r"), "nameserver 10.0.0.2\n");
    assertThat(ResolvConf.read(dir.resolve("r")))
        .containsExactly(new InetSocketAddress("10.0.0.2", 53));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "192.0.2.1, 192.0.2.1, 53",
    "192.0.2.1:5353, 192.0.2.1, 5353",
    "::1, 0:0:0:0:0:0:0:1, 53",
    "'[::1]:1053', 0:0:0:0:0:0:0:1, 1053",
    "'[fd00::2]', fd00:0:0:0:0:0:0:2, 53",
  })
  void parsesUpstreamFlags(String text, String ip, int port) {
    InetSocketAddress a = ResolvConf.upstream(text);
    assertThat(a.getAddress().getHostAddress()).isEqualTo(ip);
    assertThat(a.getPort()).isEqualTo(port);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"dns.example", "1.2.3.4:0", "1.2.3.4:x", "[::1", "[::1]x", "1.2.3.4:70000"})
  void rejectsUpstreamsThatAreNoAddress(String text) {
    assertThatThrownBy(() -> ResolvConf.upstream(text))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
