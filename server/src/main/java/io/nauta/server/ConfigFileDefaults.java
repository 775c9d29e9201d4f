package io.nauta.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from a YAML config file whose keys are the long flag names without dashes, e.g.
 * {@code data-dir: /srv/nauta}. Flags on the command line win over the file.
 */
final class ConfigFileDefaults implements CommandLine.IDefaultValueProvider {
  private final JsonNode config;

  ConfigFileDefaults(JsonNode config) {
    this.config = config;
  }

  /** Loads {@code file}; a missing file means no defaults. */
  static ConfigFileDefaults load(Path file) throws IOException {
    if (file == null || !Files.exists(file)) {
      return new ConfigFileDefaults(null);
    }
    JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    if (n != null && !n.isObject() && !n.isMissingNode()) {
      throw new IOException("config file " + file + " must be a YAML mapping of flag: value");
    }
    return new ConfigFileDefaults(n);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (config == null || !(arg instanceof OptionSpec opt)) {
      return null;
    }
    String key = opt.longestName().replaceFirst("^--", "");
    JsonNode v = config.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }
}
