package io.nauta.api.quantity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** Fuzzes the quantity decoder and checks it against a plain BigDecimal oracle. */
class QuantityPropertiesTest {
  private static final Map<String, BigDecimal> MULTIPLIERS =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", new BigDecimal(BigInteger.TWO.pow(10))),
          Map.entry("Mi", new BigDecimal(BigInteger.TWO.pow(20))),
          Map.entry("Gi", new BigDecimal(BigInteger.TWO.pow(30))),
          Map.entry("Ti", new BigDecimal(BigInteger.TWO.pow(40))),
          Map.entry("Pi", new BigDecimal(BigInteger.TWO.pow(50))),
          Map.entry("Ei", new BigDecimal(BigInteger.TWO.pow(60))));

  @Provide
  Arbitrary<String> quantityish() {
    Arbitrary<String> soup =
        Arbitraries.strings().withChars("0123456789.+-eEinumkKMGTP ").ofMaxLength(14);
    return Arbitraries.oneOf(soup, Arbitraries.strings().ofMaxLength(20), wellFormed());
  }

  @Property(tries = 1000)
  @StatisticsReport(onFailureOnly = true)
  void parseThrowsOnlyIllegalArgumentAndCanonicalFormRoundTrips(
      @ForAll("quantityish") String input) {
    Quantity q;
    try {
      q = Quantity.parse(input);
    } catch (IllegalArgumentException rejected) {
      assertThat(rejected).isExactlyInstanceOf(IllegalArgumentException.class);
      Statistics.collect("rejected");
      return;
    }
    Statistics.collect("parsed");
    Statistics.coverage(c -> c.check("parsed").percentage(p -> p > 20));
    assertThat(q.amount().scale()).isLessThanOrEqualTo(9);
    assertRoundTrips(q);
  }

  /** A well-formed quantity split into the parts the oracle needs. */
  record Case(String sign, String digits, String fraction, String suffix) {
    String text() {
      return sign + digits + fraction + suffix;
    }

    BigDecimal multiplier() {
      return suffix.startsWith("e")
          ? BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)))
          : MULTIPLIERS.get(suffix);
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(15);
    Arbitrary<String> fraction =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMaxLength(12).map(d -> "." + d));
    Arbitrary<String> suffix =
        Arbitraries.oneOf(
            Arbitraries.of(MULTIPLIERS.keySet()),
            Arbitraries.integers().between(-15, 25).map(e -> "e" + e));
    return Combinators.combine(Arbitraries.of("", "-", "+"), digits, fraction, suffix)
        .as(Case::new);
  }

  @Provide
  Arbitrary<String> wellFormed() {
    return cases().map(Case::text);
  }

  @Property(tries = 1000)
  void agreesWithBigDecimalOracle(@ForAll("cases") Case c) {
    String fraction = c.fraction().equals(".") ? "" : c.fraction();
    BigDecimal exact = new BigDecimal(c.sign() + c.digits() + fraction).multiply(c.multiplier());
    BigDecimal expected = exact.scale() > 9 ? exact.setScale(9, RoundingMode.UP) : exact;
    BigDecimal cap = BigDecimal.valueOf(Long.MAX_VALUE);
    if (c.suffix().endsWith("i") && expected.abs().compareTo(cap) > 0) {
      expected = expected.signum() < 0 ? cap.negate() : cap;
    }
    Quantity q = Quantity.parse(c.text());
    assertThat(q.amount()).isEqualByComparingTo(expected);
    if (expected.abs().compareTo(new BigDecimal("1e15")) < 0) {
      assertThat(q.milliValue())
          .isEqualTo(expected.movePointRight(3).setScale(0, RoundingMode.UP).longValueExact());
      assertThat(q.value()).isEqualTo(expected.setScale(0, RoundingMode.UP).longValueExact());
    }
  }

  @Property(tries = 1000)
  void factoryValuesRoundTripThroughText(
      @ForAll("amounts") BigDecimal amount, @ForAll Format format) {
    // Above 2^63-1 a binary quantity's text parses back capped, as in Kubernetes.
    Assume.that(
        format != Format.BINARY_SI
            || amount.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0);
    assertRoundTrips(Quantity.of(amount, format));
  }

  /**
   * The canonical text parses back to an equal quantity and is a fixed point — except that a binary
   * quantity that is not a multiple of 1Ki prints as a plain integer (as in Kubernetes), which
   * parses back as decimal SI and may then print with a decimal suffix ({@code 2000000} to {@code
   * 2M}); that second text is a fixed point.
   */
  static void assertRoundTrips(Quantity q) {
    String canonical = q.toString();
    assertThat(canonical).doesNotContain(".", "+");
    Quantity again = Quantity.parse(canonical);
    assertThat(again).isEqualTo(q);
    if (q.format() != Format.BINARY_SI) {
      assertThat(again.toString()).isEqualTo(canonical);
    }
    assertThat(Quantity.parse(again.toString()).toString()).isEqualTo(again.toString());
  }

  @Provide
  Arbitrary<BigDecimal> amounts() {
    return Combinators.combine(
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
            Arbitraries.integers().between(-20, 20))
        .as(BigDecimal::new);
  }
}
