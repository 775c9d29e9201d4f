/**
 * Validation of names, labels and object metadata, producing Kubernetes-style {@link
 * io.nauta.api.validation.FieldError}s whose paths and messages match what Kubernetes users are
 * used to.
 *
 * <p>Guarantees: validators return every problem they find as values and never throw on any input
 * tree (wrong JSON types are reported as errors, see {@link io.nauta.api.validation.FieldReader});
 * an empty list means valid. Entry points: {@link io.nauta.api.validation.NameValidation} for name
 * syntax, {@link io.nauta.api.validation.LabelValidation} for label and annotation maps, {@link
 * io.nauta.api.validation.ObjectMetaValidation} for a whole {@code metadata} on create and update.
 */
package io.nauta.api.validation;
