/**
 * NodeAffinity: a pod fits only nodes whose labels match its {@code nodeSelector} and one of its
 * required node selector terms; preferred terms add their weights to the nodes they match.
 */
package io.nauta.scheduler.plugins.nodeaffinity;
