package io.nauta.node.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a resolv.conf says: name servers, search domains and options ({@code ndots:5}).
 *
 * @param servers {@code nameserver} addresses, in order
 * @param searches the last {@code search} (or {@code domain}) line's domains
 * @param options {@code options} entries, in order
 */
public record ResolvConf(List<String> servers, List<String> searches, List<String> options) {
  public static final ResolvConf EMPTY = new ResolvConf(List.of(), List.of(), List.of());

  /** The file at {@code path}, or {@link #EMPTY} when it cannot be read. */
  public static ResolvConf read(Path path) {
    try {
      return parse(Files.readString(path));
    } catch (IOException e) {
      return EMPTY;
    }
  }

  public static ResolvConf parse(String text) {
    List<String> servers = new ArrayList<>();
    List<String> searches = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      String[] f = line.split("\\s+");
      switch (f[0]) {
        case "nameserver" -> {
          if (f.length > 1) {
            servers.add(f[1]);
          }
        }
        case "search", "domain" -> {
          searches.clear(); // the last one wins
          for (int i = 1; i < f.length; i++) {
            searches.add(f[i]);
          }
        }
        case "options" -> {
          for (int i = 1; i < f.length; i++) {
            options.add(f[i]);
          }
        }
        default -> {}
      }
    }
    return new ResolvConf(List.copyOf(servers), List.copyOf(searches), List.copyOf(options));
  }
}
