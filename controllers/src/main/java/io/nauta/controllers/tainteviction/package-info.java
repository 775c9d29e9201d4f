/**
 * Taint eviction: pods on a node with NoExecute taints they do not tolerate are deleted at once;
 * those tolerating them for {@code tolerationSeconds} are deleted when that time has passed since
 * the taint was added; those tolerating them forever stay.
 */
package io.nauta.controllers.tainteviction;
