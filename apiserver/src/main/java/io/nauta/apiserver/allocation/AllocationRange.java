package io.nauta.apiserver.allocation;

/**
 * A contiguous range of values that can be allocated, addressed by offset {@code 0..size()-1}.
 * Immutable and thread-safe.
 *
 * <p>The first {@link #staticBandSize()} offsets form the static band: dynamic allocation takes
 * them only once the rest is full, so values users ask for by number (like a DNS service's
 * well-known IP) are likely free.
 */
public sealed interface AllocationRange permits IpRange, PortRange {

  /** How many values the range holds (at least 1). */
  int size();

  /** The value at {@code offset}, e.g. {@code 10.43.0.5} or {@code 30080}. */
  String valueAt(int offset);

  /** The offset of {@code value}, or -1 when it is not a value of this range. */
  int offsetOf(String value);

  /** How many offsets, from 0, form the static band. */
  int staticBandSize();

  /** The range as configured, e.g. {@code 10.43.0.0/16} or {@code 30000-32767}. */
  String describe();
}
