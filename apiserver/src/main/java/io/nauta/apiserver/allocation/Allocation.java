package io.nauta.apiserver.allocation;

import java.time.Instant;

/**
 * One allocated value as stored.
 *
 * @param value the value, e.g. {@code 10.43.0.5} or {@code 30080}
 * @param owner who holds it
 * @param allocatedAt when it was allocated (by the allocating server's clock)
 * @param modRevision the store revision of its key, for a guarded release
 */
public record Allocation(String value, Owner owner, Instant allocatedAt, long modRevision) {}
