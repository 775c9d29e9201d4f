package io.nauta.api.selection;

/**
 * A label or field selector (in string or object form) that cannot be understood. The message is
 * worded as Kubernetes words it, so it can be returned to clients as the {@code message} of a 400
 * {@code BadRequest} status.
 *
 * <p>It extends {@link IllegalArgumentException} because a malformed selector is bad input, never a
 * server fault.
 */
public final class SelectorParseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String input;

  /**
   * @param input the text (or key) that could not be parsed; may be null when there is none
   * @param message the client-facing explanation
   */
  public SelectorParseException(String input, String message) {
    super(message);
    this.input = input;
  }

  /** The selector text, or requirement key, that could not be parsed; may be null. */
  public String input() {
    return input;
  }
}
