/**
 * Pod garbage collection: deletes finished pods beyond a threshold (oldest first), pods bound to
 * nodes that no longer exist, terminating pods never scheduled, and terminating pods stuck on
 * not-ready nodes tainted {@code node.kubernetes.io/out-of-service}.
 */
package io.nauta.controllers.podgc;
