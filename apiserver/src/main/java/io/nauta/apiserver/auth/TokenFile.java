package io.nauta.apiserver.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static bearer tokens in Kubernetes' token-file format: {@code token,user,uid,"group1,group2"} per
 * line. Immutable after loading; lookups compare in constant time per candidate.
 */
public final class TokenFile {
  private final Map<String, UserInfo> byToken;

  private TokenFile(Map<String, UserInfo> byToken) {
    this.byToken = byToken;
  }

  public static TokenFile empty() {
    return new TokenFile(Map.of());
  }

  public static TokenFile load(Path file) throws IOException {
    Map<String, UserInfo> m = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      List<String> cols = splitCsv(t);
      if (cols.size() < 2) {
        throw new IOException("token file " + file + ": need at least token,user in: " + t);
      }
      List<String> groups =
          cols.size() > 3 && !cols.get(3).isEmpty()
              ? Arrays.stream(cols.get(3).split(",")).map(String::strip).toList()
              : List.of();
      m.put(cols.get(0), new UserInfo(cols.get(1), cols.size() > 2 ? cols.get(2) : "", groups));
    }
    return new TokenFile(Map.copyOf(m));
  }

  public Optional<UserInfo> lookup(String token) {
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    UserInfo found = null;
    for (Map.Entry<String, UserInfo> e : byToken.entrySet()) {
      if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.UTF_8), given)) {
        found = e.getValue();
      }
    }
    return Optional.ofNullable(found);
  }

  private static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
