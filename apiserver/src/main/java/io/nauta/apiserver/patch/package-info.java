/**
 * Patch application: JSON merge patch (RFC 7386) and JSON patch (RFC 6902). Invalid patches are 400
 * or 422 Status errors, never partial writes.
 */
package io.nauta.apiserver.patch;
