/**
 * Request and response bodies: strict, bounded JSON, YAML and Kubernetes protobuf decoding into
 * object trees (bad input becomes a 400 Status, never a 500) and content negotiation of responses.
 */
package io.nauta.apiserver.codec;
