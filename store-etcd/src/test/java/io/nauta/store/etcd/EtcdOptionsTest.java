package io.nauta.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EtcdOptionsTest {

  @Test
  void parsesEveryEndpoint() {
    EtcdOptions options = EtcdOptions.parse("etcd://127.0.0.1:2379, 127.0.0.1:22379/");

    assertThat(options.endpoints()).containsExactly("127.0.0.1:2379", "127.0.0.1:22379");
    assertThat(options.tls()).isNull();
    assertThat(options.uri()).isEqualTo("etcd://127.0.0.1:2379,127.0.0.1:22379");
  }

  @ParameterizedTest
  @ValueSource(strings = {"etcd://", "http://127.0.0.1:2379", "etcd://host", "etcd://host:port"})
  void rejectsWhatIsNotAnEndpointList(String uri) {
    assertThatThrownBy(() -> EtcdOptions.parse(uri)).isInstanceOf(IllegalArgumentException.class);
  }
}
