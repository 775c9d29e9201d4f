/**
 * Reads and defaults fields of Jackson object trees by name, never throwing on absent or mistyped
 * fields, so strategies can default and inspect objects that have not been validated yet.
 */
package io.nauta.apiserver.resources.json;
