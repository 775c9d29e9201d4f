package io.nauta.api.quantity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuantityTest {
  static final String FORMAT_WRONG =
      "quantities must match the regular expression"
          + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  static Stream<Arguments> canonicalForms() {
    return Stream.of(
        Arguments.of("zero", "0", "0"),
        Arguments.of("integer", "1", "1"),
        Arguments.of("milli", "100m", "100m"),
        Arguments.of("whole milli collapse", "1000m", "1"),
        Arguments.of("fraction becomes milli", "1.5", "1500m"),
        Arguments.of("half", "0.5", "500m"),
        Arguments.of("leading dot", ".5", "500m"),
        Arguments.of("trailing dot", "5.", "5"),
        Arguments.of("dot before suffix", "1.G", "1G"),
        Arguments.of("gibi", "2Gi", "2Gi"),
        Arguments.of("mebi", "500Mi", "500Mi"),
        Arguments.of("non-power mebi stays", "1536Mi", "1536Mi"),
        Arguments.of("fractional gibi", "1.5Gi", "1536Mi"),
        Arguments.of("kibi collapse", "1024Ki", "1Mi"),
        Arguments.of("half mebi", "0.5Mi", "512Ki"),
        Arguments.of("binary below 1Ki prints decimal", "0.5Ki", "512"),
        Arguments.of("fractional binary prints decimal", "1.1Ki", "1126400m"),
        Arguments.of("pebi", "1Pi", "1Pi"),
        Arguments.of("exbi", "1Ei", "1Ei"),
        Arguments.of("binary capped at int64", "8Ei", "9223372036854775807"),
        Arguments.of("negative binary", "-1Ki", "-1Ki"),
        Arguments.of("exponent", "1e3", "1e3"),
        Arguments.of("capital exponent", "1E3", "1e3"),
        Arguments.of("signed exponent", "1e+3", "1e3"),
        Arguments.of("zero exponent", "1e0", "1"),
        Arguments.of("exponent to multiple of three", "12e4", "120e3"),
        Arguments.of("negative exponent", "1.5e-3", "1500e-6"),
        Arguments.of("tiny exponent rounds up to nano", "1e-20", "1e-9"),
        Arguments.of("kilo", "1k", "1k"),
        Arguments.of("thousand", "1000", "1k"),
        Arguments.of("mega", "1M", "1M"),
        Arguments.of("exa", "1E", "1E"),
        Arguments.of("beyond exa falls back to exponent", "1000E", "1e21"),
        Arguments.of("micro", "1u", "1u"),
        Arguments.of("sub-milli", "0.1m", "100u"),
        Arguments.of("nano", "1n", "1n"),
        Arguments.of("sub-nano rounds up", "0.1n", "1n"),
        Arguments.of("negative sub-nano rounds away from zero", "-0.1n", "-1n"),
        Arguments.of("negative", "-1", "-1"),
        Arguments.of("negative decimal", "-1023", "-1023"),
        Arguments.of("plus sign dropped", "+1", "1"),
        Arguments.of("leading zeros dropped", "007", "7"),
        Arguments.of("zero binary", "0Ki", "0"),
        Arguments.of("bare sign is zero", "-", "0"),
        Arguments.of("bare dot is zero", ".", "0"),
        Arguments.of("bare suffix is zero", "Ki", "0"),
        Arguments.of("bare exponent is zero", "e3", "0"),
        Arguments.of("large but bounded exponent", "1e999", "1e999"),
        Arguments.of("zero with huge exponent", "0e99999999999", "0"));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("canonicalForms")
  void printsCanonicalForm(String name, String input, String canonical) {
    Quantity q = Quantity.parse(input);
    assertThat(q.toString()).isEqualTo(canonical);
    assertThat(Quantity.parse(canonical)).isEqualTo(q);
    assertThat(Quantity.parse(canonical).toString()).isEqualTo(canonical);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty", "", FORMAT_WRONG),
        Arguments.of("letters", "abc", FORMAT_WRONG),
        Arguments.of("trailing space", "1 ", FORMAT_WRONG),
        Arguments.of("leading space", " 1", FORMAT_WRONG),
        Arguments.of("two dots", "1.5.5", FORMAT_WRONG),
        Arguments.of("exponent then suffix", "1e3Ki", FORMAT_WRONG),
        Arguments.of("bytes unit", "1KiB", FORMAT_WRONG),
        Arguments.of("unknown letter", "2Z", FORMAT_WRONG),
        Arguments.of("lowercase kibi", "1ki", "unable to parse quantity's suffix"),
        Arguments.of("bare e", "1e", "unable to parse quantity's suffix"),
        Arguments.of("sign without exponent", "1e+", "unable to parse quantity's suffix"),
        Arguments.of("double suffix", "1mm", "unable to parse quantity's suffix"),
        Arguments.of(
            "exponent beyond int64", "1e99999999999999999999", "unable to parse quantity's suffix"),
        Arguments.of("digitless pebi", "Pi", "unable to parse numeric part of quantity"),
        Arguments.of("digitless tiny exponent", "e-10", "unable to parse numeric part of quantity"),
        Arguments.of("too large", "1e1000", "quantities must be less than 1e1000 in magnitude"),
        Arguments.of("too long", "1".repeat(1025), "quantities must be at most 1024 characters"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformed")
  void rejectsMalformedQuantities(String name, String input, String message) {
    assertThatThrownBy(() -> Quantity.parse(input))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> scaledValues() {
    return Stream.of(
        Arguments.of("whole", "5", 5L, 5000L),
        Arguments.of("rounds up", "1500m", 2L, 1500L),
        Arguments.of("rounds away from zero", "-1500m", -2L, -1500L),
        Arguments.of("milli rounds up", "1.1m", 1L, 2L),
        Arguments.of("nano", "1n", 1L, 1L),
        Arguments.of("zero", "0", 0L, 0L),
        Arguments.of("binary", "1Ki", 1024L, 1024000L),
        Arguments.of("capped binary", "100Ei", Long.MAX_VALUE, Long.MAX_VALUE),
        Arguments.of("saturates high", "1e30", Long.MAX_VALUE, Long.MAX_VALUE),
        Arguments.of("saturates low", "-1e30", Long.MIN_VALUE, Long.MIN_VALUE),
        Arguments.of("int64 max", "9223372036854775807", Long.MAX_VALUE, Long.MAX_VALUE));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("scaledValues")
  void scalesToIntegers(String name, String input, long value, long milli) {
    Quantity q = Quantity.parse(input);
    assertThat(q.value()).isEqualTo(value);
    assertThat(q.milliValue()).isEqualTo(milli);
  }

  @Test
  void binaryOffTheKibiGridPrintsAPlainIntegerLikeKubernetes() {
    Quantity q = Quantity.parse("1953.125Ki");
    assertThat(q.toString()).isEqualTo("2000000");
    assertThat(Quantity.parse(q.toString()).toString()).isEqualTo("2M");
  }

  @Test
  void hostileInputsAreCheap() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          assertThat(Quantity.parse("1e-9223372036854775808").toString()).isEqualTo("1e-9");
          assertThat(Quantity.parse("9".repeat(1000) + "e-2147483648").toString())
              .isEqualTo("1e-9");
          assertThat(Quantity.parse("0." + "0".repeat(1000) + "1Ei").toString()).isEqualTo("1n");
          assertThat(Quantity.parse("9".repeat(1020) + "Ei").value()).isEqualTo(Long.MAX_VALUE);
          assertThat(Quantity.parse("1." + "1".repeat(1000) + "e-30").toString()).isEqualTo("1e-9");
          assertThat(Quantity.parse("1e998").add(Quantity.parse("1n")).scaledValue(-9))
              .isEqualTo(Long.MAX_VALUE);
          assertThatThrownBy(() -> Quantity.parse("1e9223372036854775807"))
              .hasMessageContaining("less than 1e1000");
        });
  }

  @Test
  void comparesNumericallyIgnoringFormat() {
    assertThat(Quantity.parse("1k"))
        .isEqualTo(Quantity.parse("1000"))
        .isEqualTo(Quantity.parse("1e3"));
    assertThat(Quantity.parse("1k").hashCode()).isEqualTo(Quantity.parse("1e3").hashCode());
    assertThat(Quantity.parse("1Ki")).isGreaterThan(Quantity.parse("1k"));
    assertThat(Quantity.parse("-1")).isLessThan(Quantity.parse("0"));
    assertThat(Quantity.parse("100m").compareTo(Quantity.parse("0.1"))).isZero();
  }

  @Test
  void addsExactly() {
    assertThat(Quantity.parse("1").add(Quantity.parse("500m")).toString()).isEqualTo("1500m");
    assertThat(Quantity.parse("1Gi").subtract(Quantity.parse("512Mi")).toString())
        .isEqualTo("512Mi");
    assertThat(Quantity.parse("0").add(Quantity.parse("1Ki")).format()).isEqualTo(Format.BINARY_SI);
    assertThat(Quantity.parse("1").negate().toString()).isEqualTo("-1");
    assertThat(Quantity.parse("1.5").scaledValue(-9)).isEqualTo(1_500_000_000L);
    assertThat(Quantity.parse("2M").scaledValue(6)).isEqualTo(2);
  }

  @Test
  void factoriesRoundUpToNano() {
    assertThat(Quantity.of(new BigDecimal("0.0000000001"), Format.DECIMAL_SI).toString())
        .isEqualTo("1n");
    assertThat(Quantity.of(new BigDecimal("1e-999999999"), Format.DECIMAL_SI).toString())
        .isEqualTo("1n");
    assertThat(Quantity.ofMilli(1500, Format.DECIMAL_SI).toString()).isEqualTo("1500m");
    assertThat(Quantity.of(2048, Format.BINARY_SI).toString()).isEqualTo("2Ki");
    assertThat(Quantity.of(2048, Format.DECIMAL_EXPONENT).toString()).isEqualTo("2048");
    assertThat(Quantity.of(2000, Format.DECIMAL_EXPONENT).toString()).isEqualTo("2e3");
    assertThat(Quantity.parse("1Ki").withFormat(Format.DECIMAL_SI).toString()).isEqualTo("1024");
  }

  @Test
  void remembersFormat() {
    assertThat(Quantity.parse("1Ki").format()).isEqualTo(Format.BINARY_SI);
    assertThat(Quantity.parse("1k").format()).isEqualTo(Format.DECIMAL_SI);
    assertThat(Quantity.parse("1e3").format()).isEqualTo(Format.DECIMAL_EXPONENT);
    assertThat(Quantity.parse("0.5Ki").format()).isEqualTo(Format.BINARY_SI);
    assertThat(Quantity.parse("0.0001Ki").format()).isEqualTo(Format.DECIMAL_SI);
    assertThat(Quantity.parse("0").format()).isEqualTo(Format.DECIMAL_SI);
  }
}
