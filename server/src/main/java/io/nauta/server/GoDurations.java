package io.nauta.server;

import io.nauta.api.duration.GoDuration;
import java.time.Duration;
import picocli.CommandLine;

/** Reads duration flags as Kubernetes takes them, Go's form ({@code 40s}, {@code 5m0s}). */
final class GoDurations implements CommandLine.ITypeConverter<Duration> {
  static Duration parse(String text) {
    return GoDuration.parse(text);
  }

  @Override
  public Duration convert(String value) {
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
