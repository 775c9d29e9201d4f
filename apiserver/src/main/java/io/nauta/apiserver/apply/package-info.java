/**
 * Server-side apply and field ownership: {@code metadata.managedFields} in {@code FieldsV1} form,
 * updated on every tracked write, apply configurations merged into live objects, and conflicts when
 * an apply would change a field another manager owns.
 */
package io.nauta.apiserver.apply;
