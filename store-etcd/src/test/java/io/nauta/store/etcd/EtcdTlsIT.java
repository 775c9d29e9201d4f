package io.nauta.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nauta.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The etcd engine over TLS with client certificates, against a member that requires them. */
@Timeout(120)
class EtcdTlsIT {

  @TempDir Path dir;

  @Test
  void talksTlsWithAClientCertificateAndIsRefusedWithout() throws Exception {
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=test-ca",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt");
    issue("server", "subjectAltName=IP:127.0.0.1");
    issue("client", "extendedKeyUsage=clientAuth");
    try (EtcdCluster cluster =
        EtcdCluster.start(
            1,
            new EtcdCluster.ServerTls(
                dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key")))) {
      EtcdOptions options = EtcdOptions.parse(cluster.uri());
      try (EtcdStore store =
          EtcdStore.open(
              options.withTls(
                  new EtcdOptions.Tls(
                      dir.resolve("ca.crt"),
                      dir.resolve("client.crt"),
                      dir.resolve("client.key"))))) {
        long revision =
            store
                .create("/tls", "yes".getBytes(StandardCharsets.UTF_8))
                .get(10, TimeUnit.SECONDS)
                .revision();
        assertThat(store.get("/tls").modRevision()).isEqualTo(revision);
      }

      StoreException refused =
          catchThrowableOfType(
              StoreException.class,
              () ->
                  EtcdStore.open(
                      options.withTls(new EtcdOptions.Tls(dir.resolve("ca.crt"), null, null))));
      assertThat(refused.code()).isEqualTo(StoreException.Code.IO);
    }
  }

  private void issue(String name, String extension) throws Exception {
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=" + name,
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr");
    Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
    openssl(
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        name + ".ext",
        "-out",
        name + ".crt");
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
  }
}
