/**
 * Label selectors embedded in workload specs ({@code spec.selector}): validation, matching against
 * template labels and the strings kubectl prints, on top of {@link
 * io.nauta.api.labels.LabelSelector}.
 */
package io.nauta.apiserver.resources.selector;
