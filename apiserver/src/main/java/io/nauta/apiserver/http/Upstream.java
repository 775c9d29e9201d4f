package io.nauta.apiserver.http;

import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Map;

/**
 * A request to forward to another server (a node agent) in place of answering it here.
 *
 * @param host the server's address
 * @param port its port
 * @param tls the client TLS context (the API server's client certificate), or null for plain HTTP
 * @param method the HTTP method
 * @param target the path and query on that server
 * @param headers the request headers to send (a name may repeat); Host and Content-Length are set
 *     here
 * @param body the request body, empty for none
 */
public record Upstream(
    String host,
    int port,
    SslContext tls,
    String method,
    String target,
    List<Map.Entry<String, String>> headers,
    byte[] body) {}
