/**
 * The core ({@code v1}) kinds: pods, services, namespaces, nodes, configuration and storage
 * objects, events, quotas. Each strategy defaults, validates and prints its kind as Kubernetes
 * does; the pod spec rules here are shared with every workload that embeds a pod template.
 */
package io.nauta.apiserver.resources.core;
