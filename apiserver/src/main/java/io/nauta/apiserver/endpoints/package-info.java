/**
 * The REST endpoints: routing of Kubernetes API paths to resource verbs, discovery, version, health
 * and metrics, with content negotiation (JSON, YAML, Table) and every error as a Status.
 */
package io.nauta.apiserver.endpoints;
