/**
 * The vocabulary shared by label and field selectors: the {@link io.nauta.api.selection.Operator}s
 * a requirement may use and the one {@link io.nauta.api.selection.SelectorParseException} every
 * selector parser throws, so callers handle all malformed selectors the same way.
 *
 * <p>Mirrors Kubernetes' {@code k8s.io/apimachinery/pkg/selection}.
 */
package io.nauta.api.selection;
