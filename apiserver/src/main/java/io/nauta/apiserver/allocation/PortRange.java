package io.nauta.apiserver.allocation;

/**
 * A range of port numbers, both ends included; offset 0 is {@code first}.
 *
 * @param first the lowest port
 * @param last the highest port
 */
public record PortRange(int first, int last) implements AllocationRange {
  public PortRange {
    if (first < 1 || last > 65535 || first > last) {
      throw new IllegalArgumentException(
          "a port range must be FIRST-LAST within 1-65535, not " + first + "-" + last);
    }
  }

  /** Parses {@code 30000-32767}, or {@code 30000+2767} (a base and how many more). */
  public static PortRange parse(String s) {
    try {
      int dash = s.indexOf('-');
      int plus = s.indexOf('+');
      if (dash > 0) {
        return new PortRange(
            Integer.parseInt(s.substring(0, dash).trim()),
            Integer.parseInt(s.substring(dash + 1).trim()));
      }
      if (plus > 0) {
        int base = Integer.parseInt(s.substring(0, plus).trim());
        return new PortRange(base, base + Integer.parseInt(s.substring(plus + 1).trim()));
      }
      int single = Integer.parseInt(s.trim());
      return new PortRange(single, single);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a port range (want FIRST-LAST): " + s);
    }
  }

  @Override
  public int size() {
    return last - first + 1;
  }

  @Override
  public String valueAt(int offset) {
    if (offset < 0 || offset >= size()) {
      throw new IndexOutOfBoundsException(offset);
    }
    return Integer.toString(first + offset);
  }

  @Override
  public int offsetOf(String value) {
    int port;
    try {
      port = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return -1;
    }
    return port >= first && port <= last ? port - first : -1;
  }

  /** Kubernetes' split: min(max(16, ports/32), 128), none for ranges of 16 or fewer. */
  @Override
  public int staticBandSize() {
    int size = size();
    if (size <= 16) {
      return 0;
    }
    return Math.min(Math.max(16, size / 32), 128);
  }

  @Override
  public String describe() {
    return first + "-" + last;
  }
}
