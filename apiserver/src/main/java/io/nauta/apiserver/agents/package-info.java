/**
 * Where the API server reaches a node's agent (kubelet): the address and port its Node object
 * publishes, shared by the nodes/proxy subresource and the resource metrics scraper.
 */
package io.nauta.apiserver.agents;
