/**
 * The generic registry: how any resource is stored, defaulted, validated, versioned and printed.
 * One {@link io.nauta.apiserver.registry.ResourceType} per served resource, each with a {@link
 * io.nauta.apiserver.registry.ResourceStrategy} holding what is particular to its kind.
 */
package io.nauta.apiserver.registry;
