/**
 * Built-in lifecycle duties of the API server: the system namespaces exist, and a namespace being
 * deleted has its content removed before it goes away; the {@code kubernetes} and {@code kube-dns}
 * Services exist, and the {@code kubernetes} endpoints list the running API servers.
 */
package io.nauta.apiserver.lifecycle;
