/**
 * A pod's and its containers' securityContext as the runtime's Linux security settings, merged as a
 * kubelet merges them (a container's own settings win over the pod's): user and groups, read-only
 * root filesystem, privileged mode, capabilities, no_new_privs, host namespaces and seccomp; and
 * the runAsNonRoot check against the image's user before a container is created. Pure.
 */
package io.nauta.node.security;
