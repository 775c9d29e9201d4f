/**
 * Validation of names, labels and object fields, producing Kubernetes-style {@link
 * io.nauta.api.validation.FieldError}s whose messages match what Kubernetes users are used to.
 */
package io.nauta.api.validation;
