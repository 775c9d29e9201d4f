package io.nauta.api.quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact, immutable amount of a resource, written as Kubernetes writes quantities: {@code 100m}
 * (0.1), {@code 1.5} (printed {@code 1500m}), {@code 2Gi} (2 * 2^30), {@code 1e3}.
 *
 * <p>The value is a {@link BigDecimal} that is always a whole number of nano units: parsing and the
 * factories round anything finer away from zero, so a request for a tiny amount still gets some.
 * Binary quantities parsed from text are capped at 2^63-1 in magnitude, as in Kubernetes. The
 * {@link Format} is remembered and used by {@link #toString()}.
 *
 * <p>Equality and ordering are numeric and ignore the format ({@code 1k} equals {@code 1000} and
 * {@code 1e3}), matching Kubernetes' {@code Cmp}. Instances are thread-safe.
 */
public final class Quantity implements Comparable<Quantity> {
  static final BigDecimal NANO = BigDecimal.ONE.movePointLeft(9);
  private static final int NANO_SCALE = 9;

  private final BigDecimal amount;
  private final Format format;

  private Quantity(BigDecimal amount, Format format) {
    this.amount = amount;
    this.format = format;
  }

  /**
   * Parses Kubernetes' quantity syntax: an optionally signed decimal number ({@code 1}, {@code
   * 1.5}, {@code .5}) followed by a suffix — none, {@code n u m k M G T P E}, {@code Ki Mi Gi Ti Pi
   * Ei}, or a decimal exponent {@code e3}/{@code E-3}.
   *
   * @throws IllegalArgumentException (and nothing else) when the text is not a quantity, with
   *     Kubernetes' message, e.g. {@code quantities must match the regular expression
   *     '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'} or {@code unable to parse quantity's
   *     suffix}; also for text over 1024 characters or decimal values of 1e1000 or more
   * @throws NullPointerException when {@code text} is null
   */
  public static Quantity parse(String text) {
    return QuantityParser.parse(Objects.requireNonNull(text, "text"));
  }

  /** {@code value} units in {@code format} (Kubernetes' {@code NewQuantity}). */
  public static Quantity of(long value, Format format) {
    return new Quantity(BigDecimal.valueOf(value), Objects.requireNonNull(format, "format"));
  }

  /** {@code milli} thousandths in {@code format} (Kubernetes' {@code NewMilliQuantity}). */
  public static Quantity ofMilli(long milli, Format format) {
    return new Quantity(BigDecimal.valueOf(milli, 3), Objects.requireNonNull(format, "format"));
  }

  /** {@code value}, rounded away from zero to a whole number of nano units, in {@code format}. */
  public static Quantity of(BigDecimal value, Format format) {
    return exact(roundUpToNano(value), Objects.requireNonNull(format, "format"));
  }

  /** Zero, printed {@code 0}, remembering {@code format} for later additions. */
  static Quantity zero(Format format) {
    return new Quantity(BigDecimal.ZERO, format);
  }

  /** A quantity of an already nano-rounded amount; binary amounts below one print as decimal. */
  static Quantity exact(BigDecimal amount, Format format) {
    if (format == Format.BINARY_SI
        && amount.signum() != 0
        && amount.abs().compareTo(BigDecimal.ONE) < 0) {
      format = Format.DECIMAL_SI;
    }
    return new Quantity(amount, format);
  }

  /** Rounds away from zero to scale 9 without ever materialising a huge power of ten. */
  static BigDecimal roundUpToNano(BigDecimal v) {
    if (v.scale() <= NANO_SCALE) {
      return v;
    }
    if (v.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if ((long) v.precision() - v.scale() < -NANO_SCALE) {
      return v.signum() > 0 ? NANO : NANO.negate(); // |v| < 1n
    }
    return v.setScale(NANO_SCALE, RoundingMode.UP);
  }

  /** The exact value. */
  public BigDecimal amount() {
    return amount;
  }

  /** The notation {@link #toString()} uses. */
  public Format format() {
    return format;
  }

  /** -1, 0 or 1 as the value is negative, zero or positive. */
  public int signum() {
    return amount.signum();
  }

  /** True when the value is zero. */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /**
   * The value in whole units, rounded away from zero ({@code 1500m} gives 2, {@code -1500m} gives
   * -2), saturating at {@link Long#MIN_VALUE}/{@link Long#MAX_VALUE}.
   */
  public long value() {
    return scaledValue(0);
  }

  /** The value in thousandths, rounded away from zero and saturating like {@link #value()}. */
  public long milliValue() {
    return scaledValue(-3);
  }

  /**
   * The value in units of 10^{@code scale} ({@code -3} for milli, {@code -9} for nano, {@code 6}
   * for mega), rounded away from zero and saturating at the {@code long} range.
   */
  public long scaledValue(int scale) {
    if (amount.signum() == 0) {
      return 0;
    }
    BigDecimal v = amount.scaleByPowerOfTen(-scale);
    long adjusted =
        (long) v.precision() - v.scale() - 1; // |v| is in [10^adjusted, 10^(adjusted+1))
    if (adjusted < 0) {
      return v.signum(); // 0 < |v| < 1 rounds away from zero to +-1
    }
    if (adjusted >= 19) {
      return v.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    BigDecimal rounded = v.setScale(0, RoundingMode.UP);
    try {
      return rounded.longValueExact();
    } catch (ArithmeticException overflow) {
      return v.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
  }

  /**
   * The sum; keeps this quantity's format unless this is zero, when {@code other}'s is taken (as
   * Kubernetes' {@code Add} does).
   */
  public Quantity add(Quantity other) {
    Format f = amount.signum() == 0 ? other.format : format;
    return exact(amount.add(other.amount), f);
  }

  /** The difference; formats as {@link #add}. */
  public Quantity subtract(Quantity other) {
    Format f = amount.signum() == 0 ? other.format : format;
    return exact(amount.subtract(other.amount), f);
  }

  /** The same amount with the opposite sign, in the same format. */
  public Quantity negate() {
    return new Quantity(amount.negate(), format);
  }

  /** The same amount printed in {@code newFormat}. */
  public Quantity withFormat(Format newFormat) {
    return exact(amount, Objects.requireNonNull(newFormat, "newFormat"));
  }

  @Override
  public int compareTo(Quantity other) {
    return amount.compareTo(other.amount);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && amount.compareTo(q.amount) == 0;
  }

  @Override
  public int hashCode() {
    return amount.signum() == 0 ? 0 : amount.stripTrailingZeros().hashCode();
  }

  /**
   * The Kubernetes canonical form: no fractional digits, the largest suffix that keeps the number
   * whole, the remembered format, and a sign only when negative — e.g. {@code 1000m} prints {@code
   * 1}, {@code 0.5} prints {@code 500m}, {@code 1.5Gi} prints {@code 1536Mi}, {@code 12e4} prints
   * {@code 120e3}. Binary quantities below 1Ki or with a fractional value print as decimal SI;
   * decimal SI values beyond the {@code E} suffix print with an exponent ({@code 1e21}).
   */
  @Override
  public String toString() {
    return QuantityFormatter.canonical(amount, format);
  }
}
