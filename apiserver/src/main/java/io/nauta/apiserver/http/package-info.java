/**
 * The HTTPS front door: Netty with TLS, HTTP/2 (ALPN) and HTTP/1.1, bounded request bodies,
 * authentication, and streaming responses for watches. Handlers run on virtual threads, never on
 * the event loop.
 */
package io.nauta.apiserver.http;
