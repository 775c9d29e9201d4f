package io.nauta.api.quantity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Reads the quantity grammar exactly as Kubernetes' {@code ParseQuantity} does, including its
 * leniencies (a bare sign, {@code .}, {@code 1.} or a bare suffix such as {@code Ki} read as zero),
 * then computes the value with exact decimal arithmetic.
 *
 * <pre>
 * quantity ::= [+-] digits-or-dot suffix
 * suffix   ::= "" | n | u | m | k | M | G | T | P | E | Ki | Mi | Gi | Ti | Pi | Ei | (e|E) [+-] digits
 * </pre>
 *
 * <p>Bounds Kubernetes does not have, so that one request cannot make the server compute with
 * gigantic numbers: input longer than {@value #MAX_LENGTH} characters and decimal quantities of
 * magnitude 10^{@value #MAX_DECIMAL_EXPONENT} or more are rejected (binary ones are capped at
 * 2^63-1, as Kubernetes caps them), and exponents beyond the 64-bit range are a suffix error where
 * Kubernetes would wrap them to 32 bits.
 */
final class QuantityParser {
  static final int MAX_LENGTH = 1024;
  static final int MAX_DECIMAL_EXPONENT = 1000;

  static final String FORMAT_WRONG =
      "quantities must match the regular expression"
          + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  static final String NUMERIC = "unable to parse numeric part of quantity";
  static final String SUFFIX = "unable to parse quantity's suffix";

  private static final long EXPONENT_CLAMP = 1L << 40;
  private static final String SUFFIX_CHARS = "eEinumkKMGTP";
  private static final BigInteger MAX_BINARY = BigInteger.valueOf(Long.MAX_VALUE);

  /** What a suffix means: value = number * base^exponent. */
  private record Suffix(int base, long exponent, Format format) {}

  private static final Map<String, Suffix> SUFFIXES =
      Map.ofEntries(
          Map.entry("", new Suffix(10, 0, Format.DECIMAL_SI)),
          Map.entry("n", new Suffix(10, -9, Format.DECIMAL_SI)),
          Map.entry("u", new Suffix(10, -6, Format.DECIMAL_SI)),
          Map.entry("m", new Suffix(10, -3, Format.DECIMAL_SI)),
          Map.entry("k", new Suffix(10, 3, Format.DECIMAL_SI)),
          Map.entry("M", new Suffix(10, 6, Format.DECIMAL_SI)),
          Map.entry("G", new Suffix(10, 9, Format.DECIMAL_SI)),
          Map.entry("T", new Suffix(10, 12, Format.DECIMAL_SI)),
          Map.entry("P", new Suffix(10, 15, Format.DECIMAL_SI)),
          Map.entry("E", new Suffix(10, 18, Format.DECIMAL_SI)),
          Map.entry("Ki", new Suffix(2, 10, Format.BINARY_SI)),
          Map.entry("Mi", new Suffix(2, 20, Format.BINARY_SI)),
          Map.entry("Gi", new Suffix(2, 30, Format.BINARY_SI)),
          Map.entry("Ti", new Suffix(2, 40, Format.BINARY_SI)),
          Map.entry("Pi", new Suffix(2, 50, Format.BINARY_SI)),
          Map.entry("Ei", new Suffix(2, 60, Format.BINARY_SI)));

  private QuantityParser() {}

  static Quantity parse(String s) {
    int n = s.length();
    if (n == 0) {
      throw new IllegalArgumentException(FORMAT_WRONG);
    }
    if (n > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "quantities must be at most " + MAX_LENGTH + " characters");
    }
    int pos = 0;
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      pos++;
    }
    boolean sawZero = false;
    while (pos < n && s.charAt(pos) == '0') {
      pos++;
      sawZero = true;
    }
    if (pos == n) {
      return Quantity.zero(Format.DECIMAL_SI);
    }
    int numStart = pos;
    pos = skipDigits(s, pos);
    String num = s.substring(numStart, pos);
    String denom = "";
    if (pos < n && s.charAt(pos) == '.') {
      int denomStart = ++pos;
      pos = skipDigits(s, pos);
      denom = s.substring(denomStart, pos);
    }
    int suffixStart = pos;
    while (pos < n && SUFFIX_CHARS.indexOf(s.charAt(pos)) >= 0) {
      pos++;
    }
    if (pos < n && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
      pos++;
    }
    if (skipDigits(s, pos) != n) {
      throw new IllegalArgumentException(FORMAT_WRONG);
    }
    Suffix suffix = interpret(s.substring(suffixStart));
    boolean digitless = !sawZero && num.isEmpty() && denom.isEmpty();
    if (digitless) {
      // Kubernetes reads these as zero on its int64 fast path and fails on its slow path.
      boolean slow = suffix.base() == 2 ? suffix.exponent() >= 50 : suffix.exponent() < -9;
      if (slow) {
        throw new IllegalArgumentException(NUMERIC);
      }
      return Quantity.zero(suffix.format());
    }
    return Quantity.exact(value(negative, num + denom, denom.length(), suffix), suffix.format());
  }

  private static BigDecimal value(boolean negative, String digits, int fractionDigits, Suffix sx) {
    int first = 0;
    while (first < digits.length() && digits.charAt(first) == '0') {
      first++;
    }
    if (first == digits.length()) {
      return BigDecimal.ZERO;
    }
    String significant = digits.substring(first);
    long exponent10 = sx.base() == 10 ? sx.exponent() : 0;
    // value = significant * 10^e10 (* 2^exponent for binary suffixes). Exponents far beyond the
    // bounds below decide the outcome alone, so clamp them to keep the arithmetic from overflowing.
    long e10 = Math.max(-EXPONENT_CLAMP, Math.min(EXPONENT_CLAMP, exponent10)) - fractionDigits;
    long magnitude = significant.length() + e10; // |value| < 10^magnitude before 2^k
    BigDecimal amount;
    if (magnitude <= -9 - 19) {
      // Below 1n even after the largest binary multiplier (2^60 < 10^19): rounds up to 1n.
      amount = Quantity.NANO;
    } else if (sx.base() == 10 && magnitude > MAX_DECIMAL_EXPONENT) {
      throw tooLarge();
    } else {
      amount = new BigDecimal(new BigInteger(significant), Math.toIntExact(-e10));
      if (sx.base() == 2) {
        amount =
            new BigDecimal(amount.unscaledValue().shiftLeft((int) sx.exponent()), amount.scale());
      }
      amount = Quantity.roundUpToNano(amount);
      if (sx.format() != Format.BINARY_SI
          && amount.precision() - amount.scale() > MAX_DECIMAL_EXPONENT) {
        throw tooLarge();
      }
      if (sx.format() == Format.BINARY_SI && amount.compareTo(new BigDecimal(MAX_BINARY)) > 0) {
        amount = new BigDecimal(MAX_BINARY);
      }
    }
    return negative ? amount.negate() : amount;
  }

  private static IllegalArgumentException tooLarge() {
    return new IllegalArgumentException(
        "quantities must be less than 1e" + MAX_DECIMAL_EXPONENT + " in magnitude");
  }

  private static Suffix interpret(String suffix) {
    Suffix known = SUFFIXES.get(suffix);
    if (known != null) {
      return known;
    }
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      String exp = suffix.substring(1);
      int digitsFrom = exp.charAt(0) == '+' || exp.charAt(0) == '-' ? 1 : 0;
      if (exp.length() > digitsFrom && skipDigits(exp, digitsFrom) == exp.length()) {
        try {
          return new Suffix(10, Long.parseLong(exp), Format.DECIMAL_EXPONENT);
        } catch (NumberFormatException outOfRange) {
          // falls through to the suffix error, as Go's strconv.ParseInt range error does
        }
      }
    }
    throw new IllegalArgumentException(SUFFIX);
  }

  private static int skipDigits(String s, int pos) {
    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    return pos;
  }
}
