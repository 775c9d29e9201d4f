/**
 * Endpoints of Services: for every Service with a selector, an Endpoints object of the same name
 * listing the selected pods' addresses (ready ones in {@code addresses}, others in {@code
 * notReadyAddresses}, all ready with {@code publishNotReadyAddresses}) and the ports their
 * targetPorts resolve to, grouped into subsets by port set. Also the pod-to-service matching shared
 * with the EndpointSlice controller.
 */
package io.nauta.controllers.endpoint;
