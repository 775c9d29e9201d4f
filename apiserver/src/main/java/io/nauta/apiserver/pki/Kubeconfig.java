package io.nauta.apiserver.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/** Writes kubeconfig files with embedded credentials, readable by their owner only. */
public final class Kubeconfig {
  private Kubeconfig() {}

  /**
   * Writes a one-cluster, one-user kubeconfig.
   *
   * @param server the API server URL
   * @param caPem the cluster CA certificate
   * @param user the user entry's name (informational)
   */
  public static Path write(
      Path file, String server, String caPem, String certPem, String keyPem, String user)
      throws IOException {
    Base64.Encoder b64 = Base64.getEncoder();
    String text =
        "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "- name: nauta\n"
            + "  cluster:\n"
            + "    server: "
            + server
            + "\n"
            + "    certificate-authority-data: "
            + b64.encodeToString(caPem.getBytes(StandardCharsets.US_ASCII))
            + "\n"
            + "users:\n"
            + "- name: "
            + user
            + "\n"
            + "  user:\n"
            + "    client-certificate-data: "
            + b64.encodeToString(certPem.getBytes(StandardCharsets.US_ASCII))
            + "\n"
            + "    client-key-data: "
            + b64.encodeToString(keyPem.getBytes(StandardCharsets.US_ASCII))
            + "\n"
            + "contexts:\n"
            + "- name: nauta\n"
            + "  context:\n"
            + "    cluster: nauta\n"
            + "    user: "
            + user
            + "\n"
            + "    namespace: default\n"
            + "current-context: nauta\n";
    Pem.writePrivate(file, text);
    return file;
  }
}
