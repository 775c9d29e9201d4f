/**
 * EndpointSlices of Services: for every Service with a selector, slices labelled {@code
 * kubernetes.io/service-name} holding each selected pod's address with its ready, serving and
 * terminating conditions, node, zone and target reference, grouped by address type and resolved
 * port set, at most {@value
 * io.nauta.controllers.endpointslice.EndpointSliceController#MAX_ENDPOINTS} to a slice; a Service
 * with no pods keeps one empty slice.
 */
package io.nauta.controllers.endpointslice;
