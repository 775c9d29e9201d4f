package io.nauta.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.lifecycle.ServerToken;
import io.nauta.apiserver.pki.CertificateAuthority;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BootstrapTokensTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final JoinToken TOKEN =
      JoinToken.generate(CertificateAuthority.create("test-ca").certificate());
  private final Map<String, JsonNode> secrets = new HashMap<>();
  private final BootstrapTokens tokens =
      new BootstrapTokens(
          id -> Optional.ofNullable(secrets.get(id)), Clock.fixed(NOW, ZoneOffset.UTC));

  private void store(String expiration, Consumer<ObjectNode> change) {
    ObjectNode s = ServerToken.secret(TOKEN, "test", expiration);
    change.accept(s);
    secrets.put(TOKEN.id(), s);
  }

  @Test
  void aValidTokenIsABootstrapperWithItsExtraGroup() {
    store(null, s -> {});
    assertThat(tokens.lookup(TOKEN.bearer()))
        .contains(
            new UserInfo(
                "system:bootstrap:" + TOKEN.id(),
                "",
                java.util.List.of("system:bootstrappers", ServerToken.NODE_GROUP)));
  }

  @Test
  void anythingElseIsNobody() {
    store(null, s -> {});
    assertThat(tokens.lookup(TOKEN.id() + ".0000000000000000")).isEmpty();
    assertThat(tokens.lookup("not-a-token")).isEmpty();
    assertThat(tokens.lookup(TOKEN.toString())).isEmpty();
  }

  @Test
  void expiredTokensAreRefusedAndFutureOnesAccepted() {
    store("2026-12-01T11:59:59Z", s -> {});
    assertThat(tokens.lookup(TOKEN.bearer())).isEmpty();
    store("2026-12-01T12:00:01Z", s -> {});
    assertThat(tokens.lookup(TOKEN.bearer())).isPresent();
  }

  @Test
  void theSecretMustBeABootstrapTokenThatAllowsAuthentication() {
    store(null, s -> s.put("type", "Opaque"));
    assertThat(tokens.lookup(TOKEN.bearer())).isEmpty();
    store(
        null, s -> ((ObjectNode) s.get("data")).put("usage-bootstrap-authentication", "ZmFsc2U="));
    assertThat(tokens.lookup(TOKEN.bearer())).isEmpty();
    store(null, s -> ((ObjectNode) s.get("metadata")).put("deletionTimestamp", NOW.toString()));
    assertThat(tokens.lookup(TOKEN.bearer())).isEmpty();
  }

  @Test
  void extraGroupsOutsideTheBootstrappersAreIgnored() {
    store(
        null,
        s ->
            ((ObjectNode) s.get("data"))
                .put(
                    "auth-extra-groups",
                    java.util.Base64.getEncoder()
                        .encodeToString("system:masters,system:bootstrappers:x".getBytes())));
    assertThat(tokens.lookup(TOKEN.bearer()).orElseThrow().groups())
        .containsExactly("system:bootstrappers", "system:bootstrappers:x");
  }

  @Test
  void joinTokensRoundTripAndNameTheirCa() {
    assertThat(JoinToken.parse(" " + TOKEN + "\n")).contains(TOKEN);
    assertThat(TOKEN.toString()).matches("K10[0-9a-f]{64}::[a-z0-9]{6}\\.[a-z0-9]{16}");
    assertThat(JoinToken.parse("K10abc::abcdef.0123456789abcdef")).isEmpty();
  }
}
