package io.cxengage.connectors.dispatch;

/**
 * A send that cannot be made as given (a missing param or credential, an unknown action). It is
 * caught by the dispatcher and becomes a {@link SendResult.Outcome#PERMANENT} result before any
 * request goes out.
 */
public final class InvalidSendException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidSendException(String message) {
    super(message);
  }
}
