/**
 * The {@code apps/v1} workloads: Deployments, ReplicaSets, StatefulSets, DaemonSets and their
 * ControllerRevisions. Strategies default and validate specs and pod templates as Kubernetes does
 * and keep selectors immutable.
 */
package io.nauta.apiserver.resources.apps;
