package io.nauta.store.dump;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The lines of a dump file (see the package documentation for the format). */
public final class DumpFormat {
  /** The {@code format} of every dump's header line. */
  public static final String FORMAT = "nauta-store-dump";

  /** The format version this code writes and the newest it reads. */
  public static final int VERSION = 1;

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private DumpFormat() {}

  /**
   * The first line of a dump.
   *
   * @param format always {@link #FORMAT}
   * @param version the format version
   * @param revision the store revision the keys were read at
   * @param keys how many key lines follow
   * @param exportedAt when (ISO-8601), informational
   */
  public record Header(
      String format, Integer version, Long revision, Long keys, String exportedAt) {}

  /**
   * One key of a dump.
   *
   * @param key the key
   * @param value the value, base64
   * @param modRevision the revision of the key's last write in the exported store
   */
  public record Entry(String key, String value, Long modRevision) {}

  /**
   * What was exported or imported.
   *
   * @param keys how many keys
   * @param revision the revision the keys were read at (export) or the loaded store's revision
   *     afterwards (import)
   */
  public record Summary(long keys, long revision) {}
}
