package io.nauta.server;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.apiserver.auth.JoinToken;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.lifecycle.ServerToken;
import io.nauta.apiserver.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nauta token}: join tokens for more machines. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Manage the tokens machines join the cluster with.",
    subcommands = {TokenCommand.Create.class})
final class TokenCommand {
  /** {@code nauta token create}: a new join token, printed on standard output. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create a join token for `nauta agent --server URL --token-file FILE` and print it.")
  static final class Create implements Callable<Integer> {
    @Option(
        names = "--kubeconfig",
        description = "An admin kubeconfig (default: the server's data-dir/kubeconfig.yaml).")
    Path kubeconfig;

    @Option(
        names = "--ttl",
        defaultValue = "24h",
        converter = GoDurations.class,
        description = "How long the token lets machines join; 0 for ever (default: 24h).")
    Duration ttl;

    @Option(
        names = "--description",
        defaultValue = "made by nauta token create",
        description = "Why the token exists (kept with it).")
    String description;

    @Override
    public Integer call() throws Exception {
      Path config =
          kubeconfig != null
              ? kubeconfig
              : ServerCommand.defaultDataDir().resolve("kubeconfig.yaml");
      JoinToken token = JoinToken.generate(Pem.readCertificate(caOf(config)));
      String expiration =
          ttl.isZero() ? null : Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS).toString();
      Secret secret =
          Codec.JSON.treeToValue(ServerToken.secret(token, description, expiration), Secret.class);
      try (KubernetesClient client = Components.client(config, "nauta-token")) {
        client.secrets().inNamespace("kube-system").resource(secret).create();
      }
      System.out.println(token);
      return 0;
    }

    /** The CA certificate (PEM) embedded in a kubeconfig. */
    static String caOf(Path kubeconfig) throws java.io.IOException {
      String b64 =
          io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(kubeconfig))
              .getCaCertData();
      if (b64 == null || b64.isBlank()) {
        throw new IllegalArgumentException(kubeconfig + " embeds no certificate-authority-data");
      }
      return new String(Base64.getDecoder().decode(b64.strip()), StandardCharsets.US_ASCII);
    }
  }
}
