/**
 * Watches of the embedded engine: each watch replays retained history after its start revision,
 * then streams live events, in revision order with no gap or duplicate, on its own serial delivery
 * queue; a watch that falls too far behind is ended rather than allowed to exhaust memory.
 *
 * <p>Internal to {@link io.nauta.store.embedded}; not an API.
 */
package io.nauta.store.embedded.watch;
