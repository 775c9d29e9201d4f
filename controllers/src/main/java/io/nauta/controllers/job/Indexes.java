package io.nauta.controllers.job;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Completion indexes in the compressed form of {@code status.completedIndexes} and {@code
 * status.failedIndexes}: ascending, consecutive runs as ranges, e.g. {@code "0-2,4"}.
 */
public final class Indexes {
  private Indexes() {}

  /** {@code indexes} as ranges; "" when empty. */
  public static String format(SortedSet<Integer> indexes) {
    List<String> parts = new ArrayList<>();
    Integer start = null;
    Integer last = null;
    for (int i : indexes) {
      if (last != null && i == last + 1) {
        last = i;
        continue;
      }
      if (start != null) {
        parts.add(range(start, last));
      }
      start = i;
      last = i;
    }
    if (start != null) {
      parts.add(range(start, last));
    }
    return String.join(",", parts);
  }

  private static String range(int a, int b) {
    return a == b ? Integer.toString(a) : a + "-" + b;
  }

  /** The indexes {@code ranges} names; malformed parts are skipped. */
  public static SortedSet<Integer> parse(String ranges) {
    SortedSet<Integer> out = new TreeSet<>();
    if (ranges == null || ranges.isBlank()) {
      return out;
    }
    for (String part : ranges.split(",")) {
      try {
        int dash = part.indexOf('-');
        int a = Integer.parseInt(dash < 0 ? part.strip() : part.substring(0, dash).strip());
        int b = dash < 0 ? a : Integer.parseInt(part.substring(dash + 1).strip());
        for (int i = a; i <= b; i++) {
          out.add(i);
        }
      } catch (NumberFormatException e) {
        // not ours to repair: the part is ignored
      }
    }
    return out;
  }
}
