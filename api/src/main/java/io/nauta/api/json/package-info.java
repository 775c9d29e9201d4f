/**
 * Null-safe reads of Jackson trees received from clients: every helper accepts any node (including
 * Java null, {@code MissingNode} and JSON {@code null}) and never throws, so decoders built on it
 * can treat hostile input as data.
 */
package io.nauta.api.json;
