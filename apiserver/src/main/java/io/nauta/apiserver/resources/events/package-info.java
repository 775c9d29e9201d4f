/**
 * {@code events.k8s.io/v1} Events: a converted view of the core/v1 Events store, renaming the
 * fields both APIs share and validating writes with the stricter events.k8s.io rules.
 */
package io.nauta.apiserver.resources.events;
