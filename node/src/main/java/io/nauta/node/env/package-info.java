/**
 * A container's environment as a kubelet computes it: {@code envFrom} then {@code env} in order,
 * values from ConfigMaps, Secrets, the pod's own fields (downward API) and its containers'
 * resources, and {@code $(VAR)} expansion in values, command, args and {@code subPathExpr}.
 * Everything here is pure: the API objects come in through {@link io.nauta.node.sources.PodSources}
 * and the outcome is a value (the environment, or why the container cannot be created yet).
 */
package io.nauta.node.env;
