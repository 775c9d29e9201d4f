package io.nauta.apiserver.http;

import io.nauta.apiserver.auth.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A fully received request.
 *
 * @param method upper-case HTTP method
 * @param path the decoded path, without query
 * @param query decoded query parameters (a name may repeat)
 * @param headers request headers, names lower-case
 * @param body the body bytes (empty array when none)
 * @param user the authenticated caller, or null for an anonymous request
 */
public record HttpRequestData(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    byte[] body,
    UserInfo user) {

  /** The first value of a query parameter, or null. */
  public String param(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** A header value (name case-insensitive), or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
