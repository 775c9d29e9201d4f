package io.nauta.dns.records;

/**
 * A port of a Service or of its endpoints: {@code name} lower-cased ("" when unnamed, which gets no
 * SRV record), {@code protocol} upper-cased (TCP, UDP, SCTP).
 */
public record ServicePort(String name, String protocol, int port) {}
