/**
 * Kubernetes {@code Status} errors: every failure a client can see is an {@link
 * io.nauta.apiserver.status.ApiException} rendered as a {@code meta/v1 Status} with the right HTTP
 * code and reason.
 */
package io.nauta.apiserver.status;
