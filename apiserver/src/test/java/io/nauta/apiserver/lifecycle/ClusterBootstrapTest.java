package io.nauta.apiserver.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nauta.apiserver.auth.JoinToken;
import io.nauta.apiserver.pki.CertificateAuthority;
import io.nauta.store.Store;
import io.nauta.store.embedded.EmbeddedStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterBootstrapTest {
  @TempDir Path dir;
  private Store store;

  @BeforeEach
  void open() {
    store = EmbeddedStore.open(dir.resolve("shared-store"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private String ca(Path data) throws Exception {
    return Files.readString(data.resolve("tls/ca.crt"));
  }

  private String token(Path data) throws Exception {
    return Files.readString(data.resolve("token")).strip();
  }

  @Test
  void theFirstServerPublishesAndAJoiningOneTakesTheSameCaAndToken() throws Exception {
    Path first = dir.resolve("first");
    ClusterBootstrap.prepare(store, first, Optional.empty());
    assertThat(store.get(ClusterBootstrap.KEY)).isNotNull();
    String sealed = new String(store.get(ClusterBootstrap.KEY).value(), StandardCharsets.UTF_8);
    assertThat(sealed).doesNotContain("PRIVATE KEY").doesNotContain(token(first));

    Path second = dir.resolve("second");
    ClusterBootstrap.prepare(store, second, Optional.of(token(first)));
    assertThat(ca(second)).isEqualTo(ca(first));
    assertThat(Files.readString(second.resolve("tls/ca.key")))
        .isEqualTo(Files.readString(first.resolve("tls/ca.key")));
    assertThat(token(second)).isEqualTo(token(first));
    assertThat(CertificateAuthority.loadOrCreate(second.resolve("tls")).certificate())
        .isEqualTo(CertificateAuthority.loadOrCreate(first.resolve("tls")).certificate());

    // restarts need no token: their own token file opens the data
    ClusterBootstrap.prepare(store, second, Optional.empty());
    ClusterBootstrap.prepare(store, first, Optional.empty());
    assertThat(ca(second)).isEqualTo(ca(first));
  }

  @Test
  void withoutATokenAServerKeepsItsOwnCa() throws Exception {
    Path first = dir.resolve("first");
    ClusterBootstrap.prepare(store, first, Optional.empty());
    Path separate = dir.resolve("separate");
    ClusterBootstrap.prepare(store, separate, Optional.empty());
    assertThat(Files.exists(separate.resolve("tls/ca.crt"))).isFalse();
    assertThat(Files.exists(separate.resolve("token"))).isFalse();
  }

  @Test
  void aNodeTokenOrAnotherClustersTokenIsRefusedWithTheReason() throws Exception {
    Path first = dir.resolve("first");
    ClusterBootstrap.prepare(store, first, Optional.empty());
    JoinToken cluster = JoinToken.parse(token(first)).orElseThrow();
    JoinToken nodeToken = new JoinToken(cluster.caHash(), "abcdef", "0123456789abcdef");
    assertThatThrownBy(
            () ->
                ClusterBootstrap.prepare(
                    store, dir.resolve("x"), Optional.of(nodeToken.toString())))
        .isInstanceOf(ClusterBootstrap.Refused.class)
        .hasMessageContaining("first server's token");
    assertThatThrownBy(
            () -> ClusterBootstrap.prepare(store, dir.resolve("y"), Optional.of("not a token")))
        .hasMessageContaining("K10");
  }
}
