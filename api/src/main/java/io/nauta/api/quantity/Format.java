package io.nauta.api.quantity;

/**
 * The notation a quantity was written in, which it keeps when printed (Kubernetes' {@code
 * resource.Format}).
 */
public enum Format {
  /** Powers of ten written as an exponent, e.g. {@code 12e6}. */
  DECIMAL_EXPONENT,
  /** Powers of two written with an IEC suffix, e.g. {@code 12Mi} (12 * 2^20). */
  BINARY_SI,
  /** Powers of ten written with an SI suffix, e.g. {@code 12M} (12 * 10^6) or {@code 100m}. */
  DECIMAL_SI
}
