package io.nauta.store;

import java.util.List;

/**
 * The answer to a {@link RangeRequest}.
 *
 * @param items the keys, in key order
 * @param more true if keys beyond the limit exist
 * @param remaining how many keys beyond {@code items} match (0 when {@code more} is false)
 * @param revision the revision the read was made at
 */
public record RangeResult(List<KeyValue> items, boolean more, long remaining, long revision) {}
