package io.nauta.node.resources;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;

/** Resource quantities of a container spec as numbers (absent: zero). */
final class Quantities {
  private Quantities() {}

  static BigDecimal amount(Quantity q) {
    return io.nauta.api.quantity.Quantity.parse(q.toString()).amount();
  }

  /** The request of {@code resource} in thousandths (CPU millicores), rounded up; 0 if absent. */
  static long milliRequest(Container c, String resource) {
    return milli(c.getResources() == null ? null : c.getResources().getRequests(), resource);
  }

  /** The limit of {@code resource} in thousandths, rounded up; 0 if absent. */
  static long milliLimit(Container c, String resource) {
    return milli(c.getResources() == null ? null : c.getResources().getLimits(), resource);
  }

  /** The request of {@code resource} in whole units (bytes for memory), rounded up; 0 if absent. */
  static long request(Container c, String resource) {
    return value(c.getResources() == null ? null : c.getResources().getRequests(), resource);
  }

  /** The limit of {@code resource} in whole units, rounded up; 0 if absent. */
  static long limit(Container c, String resource) {
    return value(c.getResources() == null ? null : c.getResources().getLimits(), resource);
  }

  private static long milli(Map<String, Quantity> list, String resource) {
    Quantity q = list == null ? null : list.get(resource);
    return q == null ? 0 : io.nauta.api.quantity.Quantity.parse(q.toString()).milliValue();
  }

  private static long value(Map<String, Quantity> list, String resource) {
    Quantity q = list == null ? null : list.get(resource);
    return q == null ? 0 : io.nauta.api.quantity.Quantity.parse(q.toString()).value();
  }
}
