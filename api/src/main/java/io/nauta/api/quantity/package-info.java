/**
 * Kubernetes resource quantities ({@code 100m}, {@code 1.5Gi}, {@code 2e3}): an exact, immutable
 * {@link io.nauta.api.quantity.Quantity} that parses, compares, adds and prints them as Kubernetes
 * does, without floating point and without Jackson.
 *
 * <p>Guarantees: parsing never throws anything but {@link IllegalArgumentException}; every quantity
 * is a whole number of nano units (finer input is rounded away from zero); {@code toString()} is
 * the Kubernetes canonical form and parses back to an equal quantity with the same string.
 */
package io.nauta.api.quantity;
