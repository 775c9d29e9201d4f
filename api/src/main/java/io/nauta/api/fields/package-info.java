/**
 * Kubernetes field selectors ({@code ?fieldSelector=metadata.name=web,status.phase!=Running}):
 * parses them into an immutable {@link io.nauta.api.fields.FieldSelector} of equality and
 * inequality {@link io.nauta.api.fields.Requirement}s and matches objects' field values.
 *
 * <p>Guarantees: parsing never throws anything but {@link
 * io.nauta.api.selection.SelectorParseException}; values are escaped and unescaped exactly as
 * Kubernetes does ({@code \\}, {@code \,} and {@code \=}); {@code parse(s.toString())} equals
 * {@code s}. Which field names exist is the caller's business: {@link
 * io.nauta.api.fields.FieldSelector#requirements()} exposes them for the server to check.
 */
package io.nauta.api.fields;
