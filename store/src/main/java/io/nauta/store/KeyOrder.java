package io.nauta.store;

import java.util.Comparator;

/**
 * The order of keys in a {@link Store}: lexicographic by UTF-8 bytes.
 *
 * <p>{@link String#compareTo} compares UTF-16 code units, which disagrees with UTF-8 byte order
 * when a supplementary character (a surrogate pair) meets a character in U+E000..U+FFFF. This
 * comparator ranks surrogates above that range, which makes it agree with code point order and so
 * with UTF-8 byte order, without encoding either string.
 */
public final class KeyOrder {

  /** Compares keys by their UTF-8 bytes; consistent with {@link String#equals}. */
  public static final Comparator<String> COMPARATOR = KeyOrder::compare;

  private KeyOrder() {}

  /**
   * Compares two keys by their UTF-8 bytes.
   *
   * @return negative, zero or positive as {@code a} sorts before, equal to or after {@code b}
   */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return rank(x) - rank(y);
      }
    }
    return a.length() - b.length();
  }

  // Surrogates (U+D800..U+DFFF) stand for code points above U+FFFF, so they must sort after
  // U+E000..U+FFFF: shift them up by 0x2000 and that range down by 0x800.
  private static int rank(char c) {
    if (c < 0xD800) {
      return c;
    }
    return c <= 0xDFFF ? c + 0x2000 : c - 0x800;
  }
}
