package io.nauta.store;

/**
 * One version of a key.
 *
 * @param key the key
 * @param value the value bytes (never mutated after creation; callers must not modify them)
 * @param createRevision the revision at which the key was (last) created
 * @param modRevision the revision of the last write to the key
 * @param version number of writes since creation, 1 on create
 */
public record KeyValue(
    String key, byte[] value, long createRevision, long modRevision, long version) {}
