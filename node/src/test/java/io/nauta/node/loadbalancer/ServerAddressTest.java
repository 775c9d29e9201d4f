package io.nauta.node.loadbalancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Server addresses from flags and from the kubernetes Service's Endpoints. */
class ServerAddressTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://10.0.0.1:6443, 10.0.0.1, 6443, https://10.0.0.1:6443",
    "https://master.example:6443/, master.example, 6443, https://master.example:6443",
    "https://10.0.0.1, 10.0.0.1, 443, https://10.0.0.1:443",
    "10.0.0.2:7443, 10.0.0.2, 7443, https://10.0.0.2:7443",
    "' https://[fd00::1]:6443 ', fd00::1, 6443, https://[fd00::1]:6443",
  })
  void parses(String text, String host, int port, String url) {
    ServerAddress a = ServerAddress.parse(text);
    assertThat(a).isEqualTo(new ServerAddress(host, port));
    assertThat(a.url()).isEqualTo(url);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"http://10.0.0.1:6443", "https://10.0.0.1:6443/api", "https://:6443", ""})
  void refusesWhatIsNotAServerUrl(String text) {
    assertThatThrownBy(() -> ServerAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a server");
  }

  @Test
  void readsEveryApiServerOfTheKubernetesEndpoints() {
    Endpoints ep =
        new EndpointsBuilder()
            .addNewSubset()
            .addNewAddress()
            .withIp("10.0.0.1")
            .endAddress()
            .addNewAddress()
            .withIp("10.0.0.2")
            .endAddress()
            .addNewPort()
            .withName("https")
            .withPort(6443)
            .endPort()
            .endSubset()
            .build();
    assertThat(ServerDiscovery.addresses(ep))
        .containsExactly(new ServerAddress("10.0.0.1", 6443), new ServerAddress("10.0.0.2", 6443));
  }

  @Test
  void endpointsWithoutAddressesOrPortsListNoServer() {
    assertThat(ServerDiscovery.addresses(new Endpoints())).isEmpty();
    Endpoints noPort =
        new EndpointsBuilder()
            .addNewSubset()
            .addNewAddress()
            .withIp("10.0.0.1")
            .endAddress()
            .endSubset()
            .build();
    assertThat(ServerDiscovery.addresses(noPort)).isEmpty();
  }
}
