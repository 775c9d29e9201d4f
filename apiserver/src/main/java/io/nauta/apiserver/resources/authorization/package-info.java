/**
 * The review resources of authentication.k8s.io and authorization.k8s.io: questions a client asks
 * about itself ({@code kubectl auth whoami}, {@code kubectl auth can-i}), answered from the request
 * and never stored.
 */
package io.nauta.apiserver.resources.authorization;
