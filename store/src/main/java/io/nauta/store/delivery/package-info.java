/**
 * Delivery of a watch's events to its listener, shared by the store engines and the watch cache: a
 * bounded queue per watch drained by one virtual thread at a time, in order, ending slow watchers.
 */
package io.nauta.store.delivery;
