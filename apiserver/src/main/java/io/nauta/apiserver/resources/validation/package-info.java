/**
 * Field checks shared by the built-in kinds: an error accumulator with Kubernetes' wording over
 * {@link io.nauta.api.validation.FieldPath}s, config keys, quantities, int-or-percent values and
 * port names. Every check reports through {@link io.nauta.apiserver.resources.validation.ErrorList}
 * and never throws on bad input.
 */
package io.nauta.apiserver.resources.validation;
