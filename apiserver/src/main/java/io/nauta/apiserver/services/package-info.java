/**
 * Service networking in the API server: Services get a cluster IP from the service CIDR and node
 * ports from the node port range when they are created or change type, and give them back when
 * deleted; allocations live in the store next to the Services, so they are durable and shared by
 * every API server of the store, and a repair pass reconciles them with the Services.
 */
package io.nauta.apiserver.services;
