/**
 * Events about objects, as {@code kubectl describe} shows them, recorded in the background: an
 * event is best effort and never holds up the component that reports it.
 */
package io.nauta.client.events;
