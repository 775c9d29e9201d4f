/**
 * The embedded engine's in-memory multi-version state: every retained version of every key and
 * every retained event by revision; one writer thread appends while any number of readers read at
 * any published revision without locks and always see a consistent store.
 *
 * <p>Internal to {@link io.nauta.store.embedded}; not an API.
 */
package io.nauta.store.embedded.mvcc;
