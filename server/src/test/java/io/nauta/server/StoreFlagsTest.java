package io.nauta.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nauta.apiserver.StoreOpener;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreFlagsTest {

  @Test
  void embeddedByDefault() {
    assertThat(new StoreFlags().opener(flag -> null)).isSameAs(StoreOpener.EMBEDDED);
  }

  @Test
  void etcdFromTheConfigFile() {
    StoreOpener opener = new StoreFlags().opener(Map.of("--store", "etcd://127.0.0.1:2379")::get);

    assertThat(opener).isNotSameAs(StoreOpener.EMBEDDED);
  }

  @Test
  void rejectsAnUnknownStore() {
    StoreFlags flags = new StoreFlags();
    flags.store = "mysql://db";

    assertThatThrownBy(() -> flags.opener(flag -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("etcd://");
  }

  @Test
  void aClientCertificateNeedsItsKey() {
    StoreFlags flags = new StoreFlags();
    flags.store = "etcd://127.0.0.1:2379";
    flags.certFile = java.nio.file.Path.of("client.crt");

    assertThatThrownBy(() -> flags.opener(flag -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--etcd-keyfile");
  }
}
