/**
 * Label selectors in JSON form ({@code matchLabels}/{@code matchExpressions}): validation with
 * Kubernetes' messages, matching against a label map, and the canonical string form kubectl prints.
 */
package io.nauta.apiserver.resources.selector;
