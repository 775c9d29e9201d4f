package io.nauta.store.embedded.log;

import java.io.IOException;

/** A store file holds bytes that are not what the engine wrote. */
public class CorruptLogException extends IOException {
  public CorruptLogException(String message) {
    super(message);
  }
}
