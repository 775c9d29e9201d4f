/**
 * Kubernetes label selectors: parses the string form ({@code app=web,tier in (a,b),!canary}) and
 * the {@code metav1.LabelSelector} object form into an immutable {@link
 * io.nauta.api.labels.LabelSelector} that matches label sets exactly as Kubernetes does.
 *
 * <p>Guarantees: every {@link io.nauta.api.labels.Requirement} that exists is valid (keys are
 * qualified names, values are label values, operator arity holds); parsing never throws anything
 * but {@link io.nauta.api.selection.SelectorParseException}; {@code parse(s.toString())} equals
 * {@code s} for every parsed selector.
 */
package io.nauta.api.labels;
