package io.nauta.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.nauta.node.loadbalancer.LoadBalancer;
import io.nauta.node.loadbalancer.ServerAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nauta kubeconfig}: a kubeconfig for clients of several API servers. Given the servers'
 * URLs, it prints the admin kubeconfig (or another's credentials) with one context per server, so a
 * client switches context when one is gone; with {@code --balance PORT} it also relays
 * 127.0.0.1:PORT to whichever server accepts, as the agents do, and the kubeconfig's one context
 * goes through it, so kubectl carries on by itself when a server dies.
 */
@Command(
    name = "kubeconfig",
    mixinStandardHelpOptions = true,
    description =
        "Print a kubeconfig for several API servers: a context per server, or with --balance one"
            + " context through a local relay that fails over between them (runs until stopped).")
final class KubeconfigCommand implements Callable<Integer> {

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  @Option(
      names = "--server-list",
      split = ",",
      required = true,
      paramLabel = "URL",
      description = "The API servers, e.g. https://10.0.0.1:6443,https://10.0.0.2:6443.")
  List<String> servers;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "Whose credentials and cluster CA to use (default: the server's admin kubeconfig in"
              + " --data-dir).")
  Path source;

  @Option(
      names = "--data-dir",
      description = "The server's data directory (default: /var/lib/nauta as root, ~/.nauta).")
  Path dataDir;

  @Option(
      names = "--balance",
      paramLabel = "PORT",
      description =
          "Relay 127.0.0.1:PORT to the first server that accepts and point the kubeconfig at it;"
              + " keeps running until interrupted.")
  Integer balancePort;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the kubeconfig here (owner-only) instead of to standard output.")
  Path output;

  @Override
  public Integer call() throws Exception {
    List<ServerAddress> addresses = new ArrayList<>();
    for (String url : servers) {
      addresses.add(ServerAddress.parse(url.strip()));
    }
    Path from =
        source != null
            ? source
            : (dataDir != null ? dataDir : ServerCommand.defaultDataDir())
                .resolve("kubeconfig.yaml");
    ObjectNode original;
    try {
      original = (ObjectNode) YAML.readTree(Files.readString(from));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the kubeconfig " + from + ": " + Main.describe(e), e);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("the kubeconfig " + from + " is not a YAML map", e);
    }
    LoadBalancer balancer = null;
    ObjectNode config;
    if (balancePort != null) {
      balancer = LoadBalancer.start(addresses, Duration.ofSeconds(2), balancePort);
      config = rewrite(original, List.of("https://127.0.0.1:" + balancer.port()));
    } else {
      List<String> urls = addresses.stream().map(ServerAddress::url).toList();
      config = rewrite(original, urls);
    }
    String text = YAML.writeValueAsString(config);
    if (output != null) {
      io.nauta.apiserver.pki.Pem.writePrivate(output, text);
    } else {
      System.out.print(text);
      System.out.flush();
    }
    if (balancer == null) {
      return 0;
    }
    System.err.println(
        "nauta: relaying 127.0.0.1:" + balancer.port() + " to " + addresses + "; Ctrl-C stops");
    Components.stopSignal().await();
    balancer.close();
    return 0;
  }

  /**
   * The kubeconfig with the current context's cluster CA and user, and one cluster and context per
   * URL ({@code nauta-1}, {@code nauta-2}, ...; just {@code nauta} for one), the first current.
   */
  static ObjectNode rewrite(ObjectNode original, List<String> urls) {
    String current = original.path("current-context").asText();
    JsonNode context = named(original.path("contexts"), current).path("context");
    if (context.isMissingNode()) {
      throw new IllegalArgumentException("the kubeconfig has no current context");
    }
    JsonNode cluster = named(original.path("clusters"), context.path("cluster").asText());
    JsonNode user = named(original.path("users"), context.path("user").asText());
    if (cluster.isMissingNode() || user.isMissingNode()) {
      throw new IllegalArgumentException("the kubeconfig's current context names no cluster/user");
    }
    ObjectNode out = YAML.createObjectNode();
    out.put("apiVersion", "v1");
    out.put("kind", "Config");
    ArrayNode clusters = out.putArray("clusters");
    ArrayNode contexts = out.putArray("contexts");
    out.putArray("users").add(user.deepCopy());
    for (int i = 0; i < urls.size(); i++) {
      String name = urls.size() == 1 ? "nauta" : "nauta-" + (i + 1);
      ObjectNode c = clusters.addObject();
      c.put("name", name);
      ObjectNode body = ((ObjectNode) cluster.path("cluster")).deepCopy();
      body.put("server", urls.get(i));
      c.set("cluster", body);
      ObjectNode ctx = contexts.addObject();
      ctx.put("name", name);
      ObjectNode ctxBody = ((ObjectNode) context).deepCopy();
      ctxBody.put("cluster", name);
      ctx.set("context", ctxBody);
    }
    out.put("current-context", urls.size() == 1 ? "nauta" : "nauta-1");
    return out;
  }

  private static JsonNode named(JsonNode list, String name) {
    for (JsonNode entry : list) {
      if (entry.path("name").asText().equals(name)) {
        return entry;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
