/**
 * How Nauta's components connect to the API server: one configuration for every component client
 * (who it says it is, how many requests it may have in flight, how it encodes objects).
 */
package io.nauta.client.connect;
