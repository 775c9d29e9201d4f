/** {@code discovery.k8s.io/v1} EndpointSlices: the scalable successor of Endpoints. */
package io.nauta.apiserver.resources.discovery;
