package io.nauta.api.quantity;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Renders a quantity in Kubernetes' canonical form (see {@link Quantity#toString()}). */
final class QuantityFormatter {
  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final BigDecimal KI = BigDecimal.valueOf(1024);

  private QuantityFormatter() {}

  static String canonical(BigDecimal amount, Format format) {
    if (amount.signum() == 0) {
      return "0";
    }
    BigDecimal abs = amount.abs();
    String sign = amount.signum() < 0 ? "-" : "";
    if (format == Format.BINARY_SI && abs.compareTo(KI) >= 0 && isWhole(abs)) {
      return sign + binary(abs.toBigIntegerExact());
    }
    Format decimalFormat = format == Format.BINARY_SI ? Format.DECIMAL_SI : format;
    return sign + decimal(abs, decimalFormat);
  }

  private static boolean isWhole(BigDecimal v) {
    return v.scale() <= 0 || v.stripTrailingZeros().scale() <= 0;
  }

  private static String binary(BigInteger v) {
    int power = 0;
    while (power < BINARY_SUFFIXES.length - 1 && v.getLowestSetBit() >= 10) {
      v = v.shiftRight(10);
      power++;
    }
    return v + BINARY_SUFFIXES[power];
  }

  private static String decimal(BigDecimal abs, Format format) {
    BigDecimal stripped = abs.stripTrailingZeros();
    BigInteger mantissa = stripped.unscaledValue();
    long exponent = -(long) stripped.scale();
    int down = (int) Math.floorMod(exponent, 3L);
    if (down > 0) {
      mantissa = mantissa.multiply(BigInteger.TEN.pow(down));
      exponent -= down;
    }
    if (format == Format.DECIMAL_SI) {
      String suffix = siSuffix(exponent);
      if (suffix != null) {
        return mantissa + suffix;
      }
    }
    return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
  }

  private static String siSuffix(long exponent) {
    return switch ((int) Math.max(Math.min(exponent, 99), -99)) {
      case -9 -> "n";
      case -6 -> "u";
      case -3 -> "m";
      case 0 -> "";
      case 3 -> "k";
      case 6 -> "M";
      case 9 -> "G";
      case 12 -> "T";
      case 15 -> "P";
      case 18 -> "E";
      default -> null;
    };
  }
}
