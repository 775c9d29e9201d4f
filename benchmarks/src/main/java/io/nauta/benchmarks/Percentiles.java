package io.nauta.benchmarks;

import java.util.Collection;

/** Nearest-rank percentiles of measured values, as the benchmarks print them. */
final class Percentiles {
  private final double[] sorted;

  private Percentiles(double[] sorted) {
    this.sorted = sorted;
  }

  static Percentiles of(Collection<Double> values) {
    synchronized (values) {
      return new Percentiles(values.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }
  }

  int count() {
    return sorted.length;
  }

  /** The {@code p}th percentile (nearest rank); NaN without values. */
  double at(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }
}
