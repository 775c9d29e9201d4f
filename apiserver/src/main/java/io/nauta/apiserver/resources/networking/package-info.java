/**
 * The networking.k8s.io group: Ingresses (stored and validated; no ingress controller runs them).
 */
package io.nauta.apiserver.resources.networking;
