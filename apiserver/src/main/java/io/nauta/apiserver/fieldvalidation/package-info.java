/**
 * Server-side field validation: finds the fields of a request object that its kind does not
 * declare, drops them, and rejects (Strict), warns (Warn) or stays silent (Ignore) as the request's
 * {@code fieldValidation} asks. No unknown field is ever stored.
 */
package io.nauta.apiserver.fieldvalidation;
